#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The parts of the funnel that use the project's commands: listing, help,
/// and running one.
extension HyperCLI {
    /// The project's commands for this call: the manifest selection is
    /// resolved here, once, and serves the index and the loader alike.
    func projectCommands() throws(CLIFailure) -> ProjectCommands {
        let selection = manifestSelection
        let trace: (String) -> Void = { self.trace($0) }
        let console = self.console
        let program = shownProgramName
        return try ProjectCommands(registry: registry, selection: selection, loader: loader, place: indexPlace(for: selection), trace: trace) { file in
            console.err(ErrorText.painted("warning: skipped \(TerminalText.line(file)): its file name is not valid UTF-8\n"
                                          + "help: rename it; `\(program) validate` reports it as an error\n", color: console.colorError))
        }
    }

    /// The project's commands for a completion: silent (no trace, no
    /// warning); manifests with errors give their sound commands, as for a call.
    func completionCommands(_ selection: ManifestSelection) -> ProjectCommands? {
        try? ProjectCommands(registry: registry, selection: selection, loader: loader, place: indexPlace(for: selection),
                             trace: { _ in }, skipped: { _ in })
    }

    /// The index for the selected manifests and this binary, or nil when
    /// indexing is off or has nowhere to go (the index never goes inside a
    /// manifest folder). Every call pays for it.
    private func indexPlace(for selection: ManifestSelection) -> IndexPlace? {
        guard useIndex, !selection.paths.isEmpty, let directory = ManifestIndex.directory(environment: environment) else { return nil }
        let folder = Path.absolute(directory, from: workingDirectory)
        let paths = selection.paths.map { Path.absolute($0, from: workingDirectory) }
        for path in paths where folder == path || folder.hasPrefix(path + "/") {
            trace("off: the index folder is inside `\(path)`")
            return nil
        }
        return IndexPlace(folder: folder, key: IndexKey(handlers: registry.handlerCatalog, codeCommands: registry.codeCommandNames,
                                                        paths: paths))
    }

    /// `HYPER_INDEX_DEBUG=1`: one line on standard error about the index.
    func trace(_ message: @autoclosure () -> String) {
        if environment("HYPER_INDEX_DEBUG") == "1" { console.err("\(shownProgramName): index: \(TerminalText.line(message()))\n") }
    }

    /// How help and the list are laid out on standard output: its width
    /// (`COLUMNS`, the terminal's, 80) and colour.
    var outputLayout: TextLayout {
        console.outputLayout(environment: environment)
    }

    func listCommands(includingHidden: Bool = false) throws(CLIFailure) -> Int32 {
        let project = try projectCommands()
        let listed = try project.summaries(includingHidden: includingHidden)
        // After the list is read: reading it may have loaded the manifests.
        warnAboutBrokenManifests(project)
        console.out(HelpFormatter.formatList(listed.commands, groupOrder: listed.groupOrder, note: project.note, program: programName,
                                             layout: outputLayout))
        return 0
    }

    /// One line on standard error when some manifests have errors, whose
    /// commands do not run.
    func warnAboutBrokenManifests(_ project: ProjectCommands) {
        let count = project.brokenManifestCount
        guard count > 0 else { return }
        printError("warning: \(count == 1 ? "1 manifest has" : "\(count) manifests have") errors, so some commands do not run; "
                   + "run `\(shownProgramName) validate` to see them\n")
    }

    /// `hyper help` lists the commands; `hyper help NAME` shows one.
    func help(_ words: [String]) throws(CLIFailure) -> Int32 {
        guard var name = words.first else { return try listCommands() }
        if Names.same(name, "-h") || Names.same(name, "--help") { name = "help" }
        // `hyper help db migrate` is `hyper help db:migrate`.
        if let extra = words.dropFirst().first(where: { !Names.isSegment($0) }) {
            throw .usage("Too many positional arguments (from '\(TerminalText.line(extra))')")
        }
        if let builtIn = BuiltIn.named(name) {
            guard words.count == 1 else { throw .usage("Too many positional arguments (from '\(TerminalText.line(words[1]))')") }
            console.out(builtIn.usage(shownProgramName, outputLayout))
            return 0
        }
        let project = try projectCommands()
        let words = [name] + words.dropFirst()
        switch try project.resolve(words) {
        case (.command(let command), _, let taken) where taken == words.count:
            console.out(HelpFormatter.formatHelp(command, program: programName, layout: outputLayout))
            return 0
        case (.refused(let load, let diagnostics), let found, _):
            throw refusal(found, load: load, diagnostics: diagnostics)
        default:
            if let listed = try namespaceList(words, project: project) { return listed }
            throw try unknown(words, project: project)
        }
    }

    /// Runs the command the leading words name (`db migrate` runs
    /// `db:migrate`), with the words after them.
    func runCommand(_ words: [String]) throws(CLIFailure) -> Int32 {
        let project = try projectCommands()
        let (found, name, taken) = try project.resolve(words)
        let command: CommandDefinition
        switch found {
        case .command(let sound):
            command = sound
        case .refused(let load, let diagnostics):
            throw refusal(name, load: load, diagnostics: diagnostics)
        case .unknown:
            if let listed = try namespaceList(words, project: project) { return listed }
            throw try unknown(words, project: project)
        }
        warnAboutBrokenManifests(project)
        if let invalid = invalidArgument { throw .failed(ErrorText.lines(Self.notUTF8(invalid))) }
        if let variable = variableNotUTF8(for: command) {
            throw .failed(ErrorText.lines("variable `\(TerminalText.line(variable))`, which `\(TerminalText.line(command.name))` reads, is not valid UTF-8",
                                          help: ["hyper passes values on unchanged or not at all; set it to UTF-8 text, or unset it"]))
        }
        var context = CommandLineParser.Context(environment: environment, invocationDirectory: workingDirectory)
        context.recordsOrigins = dryRun != nil
        let arguments = Array(words[taken...])
        switch registry.prepare(command, arguments, context: context, warn: { printError($0) }) {
        case .help:
            console.out(HelpFormatter.formatHelp(command, program: programName, layout: outputLayout))
            return 0
        case .failure(let message):
            throw .failed(message + ownOptionHint(arguments, command: command))
        case .swift(let run, let values):
            if let dryRun {
                console.out(DryRun(command: command, values: values, plan: nil, workingDirectory: workingDirectory, assumeYes: assumeYes).render(dryRun))
                return 0
            }
            try confirm(command, values: values)
            return runBlocking(run, name: command.name, values: values)
        case .process(let values):
            let planned = ProcessPlan.make(for: command, values: values, projectRoot: command.workingFolder ?? workingDirectory,
                                           invocationDirectory: workingDirectory, inherited: environment)!
            let plan: ProcessPlan
            do {
                plan = try planned.fitted(command: command.name)
            } catch {
                throw .failed(error.description + "\n")
            }
            if let dryRun {
                console.out(DryRun(command: command, values: values, plan: plan, workingDirectory: workingDirectory, assumeYes: assumeYes).render(dryRun))
                return 0
            }
            try confirm(command, values: values)
            let failure = ProcessLauncher.replaceProcess(with: plan)
            printError(failure.text)
            return failure.status
        }
    }

    /// A variable the command reads (an arg's `env`, a `${NAME}` in its own
    /// `env`) that is set to bytes that are not UTF-8: read as text they
    /// would be changed, so the call stops instead.
    private func variableNotUTF8(for command: CommandDefinition) -> String? {
        guard readsProcessEnvironment else { return nil }
        var names = command.args.compactMap { $0.env }
        for variable in command.environment {
            for case .variable(let name) in variable.parts { names.append(name) }
        }
        return names.first { name in getenv(name).map { String(validatingCString: $0) == nil } ?? false }
    }

    /// Asks the command's `confirm` question, unless `--yes` answered it.
    private func confirm(_ command: CommandDefinition, values: ParsedArguments) throws(CLIFailure) {
        guard let question = command.confirm, !assumeYes else { return }
        switch Confirmation.ask(Confirmation.question(question, values: values), terminal: .standardInput, console: console) {
        case .yes:
            return
        case .no:
            throw .failed(ErrorText.lines("`\(TerminalText.line(command.name))` was not confirmed; nothing was run"))
        case .noTerminal:
            throw .failed(ErrorText.lines("`\(TerminalText.line(command.name))` asks for confirmation, and there is no terminal to ask on; nothing was run",
                                          help: ["confirm with `\(shownProgramName) --yes \(TerminalText.line(command.name)) ...`, or set `HYPER_YES=1`"]))
        }
    }

    /// `hyper db` when no command is named `db` but some are in its
    /// namespace: the list of that namespace. Nil when the words name none.
    private func namespaceList(_ words: [String], project: ProjectCommands) throws(CLIFailure) -> Int32? {
        // `hyper db --help` asks for the same list.
        var words = words
        if let last = words.last, words.count > 1, Names.same(last, "--help") || Names.same(last, "-h") { words.removeLast() }
        guard words.allSatisfy(Names.isSegment) else { return nil }
        let namespace = words.joined(separator: ":")
        let prefix = namespace + ":"
        let listed = try project.summaries().commands.filter { command in
            Names.hasPrefix(command.name, prefix) || command.aliases.contains { Names.hasPrefix($0, prefix) }
        }
        guard !listed.isEmpty else { return nil }
        if dryRun != nil {
            throw .usage("`\(TerminalText.line(words.joined(separator: " ")))` is a namespace, not a command: there is nothing to run",
                         help: ["run `\(shownProgramName) \(TerminalText.line(words.joined(separator: " ")))` to list its commands"])
        }
        warnAboutBrokenManifests(project)
        console.out(HelpFormatter.formatNamespace(namespace, listed, program: programName, layout: outputLayout))
        return 0
    }

    /// A command that is declared but not sound: its own diagnostics, then why nothing ran.
    private func refusal(_ name: String, load: ManifestLoad, diagnostics: [Diagnostic]) -> CLIFailure {
        let renderer = DiagnosticRenderer(sources: load.sources, color: console.colorError)
        return .failed(renderer.render(diagnostics, format: .human)
                       + ErrorText.lines("`\(TerminalText.line(name))` has errors; nothing was run",
                                         help: ["run `\(shownProgramName) validate` to check every manifest"]))
    }

    /// A `help:` line when a word the command refused is one of hyper's own
    /// options, which go before the command's name; else nothing.
    private func ownOptionHint(_ words: [String], command: CommandDefinition) -> String {
        let options = Self.ownOptions.filter { $0 != "--help" && $0 != "--version" }
        guard let word = words.first(where: { word in options.contains { Names.same($0, word) || Names.hasPrefix(word, $0 + "=") } }),
              let own = options.first(where: { Names.same($0, word) || Names.hasPrefix(word, $0 + "=") }) else { return "" }
        return "help: `\(own)` is an option of \(shownProgramName)'s own: give it before the command, "
            + "as in `\(shownProgramName) \(TerminalText.line(word)) \(TerminalText.line(command.name)) ...`\n"
    }

    /// `Unknown command`, with the closest name among the commands, their
    /// aliases and the built-ins. Inside a namespace that exists, the name is
    /// the words joined (`db migrte` is `db:migrte`, and `db:migrate` is
    /// the closest).
    private func unknown(_ words: [String], project: ProjectCommands) throws(CLIFailure) -> CLIFailure {
        let names = try project.names() + BuiltIn.names
        var name = words[0]
        var count = 1
        while count < words.count, Names.isSegment(words[count]), Names.isCommandName(name),
              names.contains(where: { Names.hasPrefix($0, name + ":") }) {
            name += ":" + words[count]
            count += 1
        }
        var failure = CLIFailure.unknownCommand(name, suggestion: Suggestion.closest(to: name, in: names))
        // A name may be declared in a manifest that has errors.
        if project.brokenManifestCount > 0 { failure = .unknownCommand(name, suggestion: failure.suggestion, brokenManifests: true) }
        return failure
    }

    /// Runs a Swift handler to completion from synchronous code.
    private func runBlocking(_ run: @escaping CommandHandler, name: String, values: ParsedArguments) -> Int32 {
        var console = self.console
        let plain = console.err
        // A handler's failure is reported in the CLI's colours.
        console.err = { text in plain(ErrorText.painted(text, color: self.console.colorError)) }
        let reporting = console
        return HandlerRunner.status(run, name: name, values: values, console: reporting)
    }
}
