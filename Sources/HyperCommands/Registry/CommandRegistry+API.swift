/// Why a command or handler could not be registered in code. A definition
/// that breaks a rule manifests share carries the same diagnostic code a
/// manifest would get (`code`), and the fix (`help`).
public struct RegistrationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var code: DiagnosticCode?
    public var help: String?
    public var description: String { message }

    public init(message: String, code: DiagnosticCode? = nil, help: String? = nil) {
        self.message = message
        self.code = code
        self.help = help
    }
}

extension CommandRegistry {
    /// Registers a command defined in code (the seed's `@command`). Its name
    /// and args follow the manifest rules, checked here.
    /// The rules are the manifests' (`DefinitionRules`): the first broken one
    /// is thrown with the code a manifest would get.
    @_alwaysEmitIntoClient
    public func register(_ command: CommandDefinition) throws(RegistrationError) {
        HandlerRunner.install()
        try registerDefinition(command)
    }

    @usableFromInline
    func registerDefinition(_ command: CommandDefinition) throws(RegistrationError) {
        if let violation = DefinitionRules.check(command).first {
            let message = violation.subject == .commandName ? violation.message : "command `\(command.name)`: \(violation.message)"
            throw RegistrationError(message: message, code: violation.code, help: violation.help)
        }
        guard insert(command, fromCode: true) else {
            throw RegistrationError(message: "command `\(command.name)` is already registered")
        }
    }

    /// Registers a command defined in code from its parts.
    @_alwaysEmitIntoClient
    public func command(_ name: String, help: String = "", args: [ArgDefinition] = [], run: @escaping CommandHandler) throws(RegistrationError) {
        HandlerRunner.install()
        try registerDefinition(CommandDefinition(name: name, help: help, args: args, action: .closure(run)))
    }

    /// Registers a Swift handler that manifests bind with `handler: NAME`; it
    /// reads its values from `ParsedArguments`.
    @_alwaysEmitIntoClient
    public func registerHandler(_ name: String, _ run: @escaping CommandHandler) throws(RegistrationError) {
        HandlerRunner.install()
        try registerUntypedHandler(name, run)
    }

    @usableFromInline
    func registerUntypedHandler(_ name: String, _ run: @escaping CommandHandler) throws(RegistrationError) {
        guard !name.isEmpty else { throw RegistrationError(message: "a handler needs a name") }
        guard insertHandler(name, Handler(run: run, signature: nil)) else {
            throw RegistrationError(message: "handler `\(name)` is already registered")
        }
    }

    /// Registers a Swift handler that receives its own `Decodable` arguments
    /// type. Validation then checks every manifest command bound to it: each
    /// non-optional property is a declared arg of the same type, and each arg
    /// is a property (`dryRun` matches `dry_run`).
    @_alwaysEmitIntoClient
    public func registerHandler<Arguments: Decodable & Sendable>(
        _ name: String,
        arguments: Arguments.Type,
        _ run: @escaping @Sendable (Arguments) async throws -> Void
    ) throws(RegistrationError) {
        HandlerRunner.install()
        try registerTypedHandler(name, arguments: Arguments.self, run: { parsed in try await run(try parsed.decode(Arguments.self)) })
    }

    @usableFromInline
    func registerTypedHandler<Arguments: Decodable & Sendable>(
        _ name: String,
        arguments: Arguments.Type,
        run: @escaping CommandHandler
    ) throws(RegistrationError) {
        let signature: HandlerSignature
        do {
            signature = try SignatureReader.signature(of: Arguments.self)
        } catch {
            throw RegistrationError(message: "handler `\(name)`: `\(Arguments.self)` cannot be its arguments type: \(error.reason)")
        }
        let handler = Handler(run: run, signature: signature)
        guard insertHandler(name, handler) else {
            throw RegistrationError(message: "handler `\(name)` is already registered")
        }
    }

    /// Loads manifest files or folders (the seed's `discover_commands`) and
    /// returns the sorted names it newly registered. Invalid manifests
    /// register nothing and throw every diagnostic.
    @discardableResult
    public func discoverCommands(_ paths: [String], workingDirectory: String? = nil) throws(ManifestErrors) -> [String] {
        let loader = ManifestLoader(workingDirectory: workingDirectory, handlers: handlerCatalog, codeCommands: codeCommandNames)
        let load = loader.load(paths: paths)
        if load.hasErrors { throw ManifestErrors(load.diagnostics.filter { $0.severity == .error }) }
        return addDiscovered(load.commands).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Runs a command (the seed's `run_command`): parses `args`, runs it, and
    /// returns its exit status: 0 on success, 1 on any error (printed to
    /// standard error, in the CLI's words). An `exec` or `sh` command is
    /// spawned and awaited; its own exit status is returned (128+N if signal N
    /// ended it). A command with `confirm:` follows `confirmation`: by
    /// default it asks on the terminal, and is refused when standard input
    /// is not one.
    @_alwaysEmitIntoClient
    public func runCommand(_ name: String, _ args: [String], console: Console = .standard,
                           confirmation: ConfirmationPolicy = .ask) async -> Int32 {
        await runCommand(name, args, console: console, confirmation: confirmation, terminal: .standardInput)
    }

    /// `runCommand` with the terminal its confirmation question is asked on.
    @_alwaysEmitIntoClient
    func runCommand(_ name: String, _ args: [String], console: Console, confirmation: ConfirmationPolicy,
                    terminal: Confirmation.Terminal) async -> Int32 {
        switch start(name, args, console: console, confirmation: confirmation, terminal: terminal) {
        case .finished(let status):
            return status
        case .spawned(let pid):
            return await ChildProcess.wait(for: pid)
        case .handler(let run, let values):
            do {
                try await run(values)
                return 0
            } catch {
                return HandlerRunner.failed(name, error, console: console)
            }
        }
    }

    /// How far `runCommand` got without awaiting anything.
    @usableFromInline
    enum Start {
        /// Answered, refused or failed: the status to return.
        case finished(Int32)
        /// A program is running: its process to wait for.
        case spawned(Int32)
        /// A Swift handler to run with these values.
        case handler(CommandHandler, ParsedArguments)
    }

    /// Everything `runCommand` does before it awaits: look the command up,
    /// parse, confirm, spawn a program.
    @usableFromInline
    func start(_ name: String, _ args: [String], console: Console, confirmation: ConfirmationPolicy,
               terminal: Confirmation.Terminal) -> Start {
        guard let command = getCommand(name) else {
            let suggestion = Suggestion.closest(to: name, in: listCommands().map(\.name))
            console.err(ErrorText.lines("Unknown command: \(TerminalText.line(name))", help: suggestion.map { [ErrorText.didYouMean($0)] } ?? []))
            return .finished(1)
        }
        // `path` values and HYPER_INVOCATION_DIR start here, never at a guess.
        let invocation = FileSystem.currentDirectory()
        if case .failure(let problem) = invocation, command.args.contains(where: { $0.type == .path }) {
            console.err(ErrorText.lines(problem.reason))
            return .finished(1)
        }
        let prepared = prepare(command, args, context: .process(invocationDirectory: (try? invocation.get()) ?? "/"), warn: console.err)
        func confirmed(_ values: ParsedArguments) -> Bool {
            guard let question = command.confirm else { return true }
            let answer: Confirmation.Answer
            switch confirmation {
            case .assumeYes: return true
            case .refuse: answer = .noTerminal
            case .ask: answer = Confirmation.ask(Confirmation.question(question, values: values), terminal: terminal, console: console)
            }
            switch answer {
            case .yes: return true
            case .no: console.err(ErrorText.lines("`\(TerminalText.line(command.name))` was not confirmed; nothing was run"))
            case .noTerminal:
                console.err(ErrorText.lines("`\(TerminalText.line(command.name))` asks for confirmation, which this call cannot give; nothing was run",
                                            help: ["pass `confirmation: .assumeYes` to run it unasked"]))
            }
            return false
        }
        switch prepared {
        case .help:
            console.out(HelpFormatter.formatHelp(command, program: programName, layout: console.outputLayout(environment: Terminal.processEnvironment)))
            return .finished(0)
        case .failure(let text):
            console.err(text)
            return .finished(1)
        case .swift(let body, let parsed):
            guard confirmed(parsed) else { return .finished(1) }
            return .handler(body, parsed)
        case .process(let values):
            guard confirmed(values) else { return .finished(1) }
            let here: String
            switch invocation {
            case .success(let path):
                here = path
            case .failure(let problem):
                console.err(ErrorText.lines(problem.reason))
                return .finished(1)
            }
            let plan: ProcessPlan
            do {
                plan = try ProcessPlan.make(for: command, values: values, projectRoot: command.workingFolder ?? here, invocationDirectory: here)!
                    .fitted(command: name)
            } catch {
                console.err(error.description + "\n")
                return .finished(1)
            }
            switch ProcessLauncher.spawn(plan) {
            case .failure(let failure):
                console.err(failure.text)
                return .finished(failure.status)
            case .success(let pid):
                return .spawned(pid)
            }
        }
    }
}

// MARK: - The seed's free functions, on the shared registry

/// Registers a command defined in code on the shared registry.
@_alwaysEmitIntoClient
public func register(_ command: CommandDefinition) throws(RegistrationError) {
    try CommandRegistry.shared.register(command)
}

/// Runs a command of the shared registry; see `CommandRegistry.runCommand`.
@_alwaysEmitIntoClient
public func runCommand(_ name: String, _ args: [String]) async -> Int32 {
    await CommandRegistry.shared.runCommand(name, args)
}

/// Loads manifests into the shared registry; returns the sorted new names.
@discardableResult
public func discoverCommands(_ paths: [String]) throws(ManifestErrors) -> [String] {
    try CommandRegistry.shared.discoverCommands(paths)
}

/// Every command of the shared registry, sorted by name.
public func listCommands() -> [CommandDefinition] {
    CommandRegistry.shared.listCommands()
}

/// The shared registry's command with this name.
public func getCommand(_ name: String) -> CommandDefinition? {
    CommandRegistry.shared.getCommand(name)
}

/// A command's help text, in the seed's shape, with the shared registry's
/// `programName` in its usage line.
public func formatHelp(_ command: CommandDefinition) -> String {
    HelpFormatter.formatHelp(command, program: CommandRegistry.shared.programName)
}
