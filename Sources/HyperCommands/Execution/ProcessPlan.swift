#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exactly what an `exec` or `sh` command runs: computed without side effects,
/// so tests can check argv and environment byte for byte.
@_spi(Fuzz) public struct ProcessPlan: Sendable, Hashable {
    /// The program: absolute, or a bare name to look up on `PATH`.
    public var program: String
    /// The full argv, `argv[0]` included.
    public var arguments: [String]
    /// Variables hyper sets; they replace inherited ones of the same name.
    public var environment: [(name: String, value: String)]
    /// Where it runs: the project root, or the command's `dir` in it.
    public var workingDirectory: String
    /// Inherited variables removed: those of the command's `env` left unset
    /// because a placeholder had no value.
    public var unset: [String] = []
    /// The project root a `dir` must stay inside, links resolved, when the
    /// command has a `dir`: the folder is opened and checked, then entered
    /// by its descriptor, so a link swapped in between cannot lead out.
    public var confinement: String?

    /// Where a bare program name is looked for: the `PATH` the plan sets
    /// (a command's `env`), else hyper's own.
    var searchPath: String? {
        if let path = environment.last(where: { Names.same($0.name, "PATH") }) { return path.value }
        return getenv("PATH").map { String(cString: $0) }
    }

    public init(program: String, arguments: [String], environment: [(name: String, value: String)], workingDirectory: String) {
        self.program = program
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    public static func == (lhs: ProcessPlan, rhs: ProcessPlan) -> Bool {
        lhs.program == rhs.program && lhs.arguments == rhs.arguments && lhs.workingDirectory == rhs.workingDirectory
            && lhs.environment.map(\.name) == rhs.environment.map(\.name)
            && lhs.environment.map(\.value) == rhs.environment.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(program)
        hasher.combine(arguments)
        hasher.combine(workingDirectory)
    }

    /// Inherited variables that hyper owns and so drops: a `HYPER_ARG_*` left
    /// by an outer `hyper` must not look like a value of this call.
    /// Compared as bytes (see `Names.same`).
    public static func isOwnedVariable(_ name: some StringProtocol) -> Bool {
        var name = String(name)
        return name.withUTF8 { isOwnedVariable(UnsafeRawBufferPointer($0)) }
    }

    /// `isOwnedVariable` on a name's bytes, as the environment holds them
    /// (the warm path checks every inherited variable without a `String`).
    static func isOwnedVariable(_ name: UnsafeRawBufferPointer) -> Bool {
        func equals(_ literal: StaticString) -> Bool {
            name.count == literal.utf8CodeUnitCount && memcmp(name.baseAddress!, literal.utf8Start, name.count) == 0
        }
        let prefix: StaticString = "HYPER_ARG_"
        if name.count >= prefix.utf8CodeUnitCount && memcmp(name.baseAddress!, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0 {
            return true
        }
        return equals("HYPER_ARGS_JSON") || equals("HYPER_ARGS_JSON_OMITTED") || equals("HYPER_COMMAND")
            || equals("HYPER_INVOCATION_DIR") || equals("PWD")
    }

    /// Linux's limit on one argument or environment string (`MAX_ARG_STRLEN`,
    /// 32 pages, including its NUL).
    public static let maxStringBytes = 131_071

    /// The plan as `execve` will take it. Each value can go out three times
    /// (in argv, as `HYPER_ARG_X`, inside `HYPER_ARGS_JSON`), and arguments
    /// and environment share one budget, so a plan that is too large only
    /// because of `HYPER_ARGS_JSON` runs without it, with
    /// `HYPER_ARGS_JSON_OMITTED=1` to tell the program so. When even that
    /// does not fit, the error names the limit and the string.
    /// (Typed throws, not `Result`: on the warm path a generic type's first
    /// use costs a runtime conformance search.)
    public func fitted(command: String, budget: ExecBudget = .current()) throws(SizeProblem) -> ProcessPlan {
        guard let problem = sizeProblem(command: command, budget: budget) else { return self }
        guard environment.contains(where: { Names.same($0.name, "HYPER_ARGS_JSON") }) else { throw problem }
        var lean = self
        lean.environment.removeAll { Names.same($0.name, "HYPER_ARGS_JSON") }
        lean.environment.append(("HYPER_ARGS_JSON_OMITTED", "1"))
        if let leanProblem = lean.sizeProblem(command: command, budget: budget) { throw leanProblem }
        return lean
    }

    /// Why `execve` would refuse this plan with E2BIG, in hyper's words, or nil.
    func sizeProblem(command: String, budget: ExecBudget) -> SizeProblem? {
        var perString: String { "Linux takes at most \(budget.maxStringBytes) bytes per argument or environment variable" }
        for (index, argument) in arguments.enumerated() where argument.utf8.count > budget.maxStringBytes {
            return SizeProblem(message: "Error: argument \(index) of `\(TerminalText.line(command))` would be \(argument.utf8.count) bytes; \(perString)")
        }
        for variable in environment where variable.name.utf8.count + 1 + variable.value.utf8.count > budget.maxStringBytes {
            return SizeProblem(message: "Error: `\(variable.name)` of `\(TerminalText.line(command))` would be "
                               + "\(variable.name.utf8.count + 1 + variable.value.utf8.count) bytes; \(perString)")
        }
        // As the kernel counts: every string with its NUL (the program's path
        // too) and a pointer to each argument and variable.
        var ownBytes = 0
        for argument in arguments { ownBytes += argument.utf8.count + 1 }
        for variable in environment { ownBytes += variable.name.utf8.count + 1 + variable.value.utf8.count + 1 }
        let rest = budget.inheritedBytes + ownBytes + (arguments.count + environment.count + budget.inheritedCount) * budget.pointerBytes
        // The longest path `PATH` could give settles most plans without a look at the disk.
        var longest = 0
        ProcessLauncher.forEachCandidate(for: program, searchPath: searchPath) { candidate in
            longest = max(longest, strlen(candidate))
            return false
        }
        guard rest + longest + 1 > budget.maxTotalBytes else { return nil }
        let total = rest + budget.programPathBytes(self) + 1
        guard total > budget.maxTotalBytes else { return nil }
        // Named only now that something is too large.
        var strings: [(name: String, bytes: Int)] = arguments.enumerated().map { ("argument \($0.offset)", $0.element.utf8.count) }
        strings += environment.map { ("`\($0.name)`", $0.name.utf8.count + 1 + $0.value.utf8.count) }
        let largest = strings.max { $0.bytes < $1.bytes }!
        return SizeProblem(message: "Error: the arguments and environment of `\(TerminalText.line(command))` would take \(total) bytes; Linux takes at most "
                           + "\(budget.maxTotalBytes) (ARG_MAX, counting each string, its NUL and its pointer)",
                           help: "the largest is \(largest.name) (\(largest.bytes) bytes)"
                           + (environment.contains { Names.same($0.name, "HYPER_ARGS_JSON") } ? "" : "; HYPER_ARGS_JSON is already left out"))
    }

    /// The argv words of one plain element: an element that is exactly one
    /// list placeholder gives one word per value (none for an empty list);
    /// any other element gives one word, or none when a placeholder in it
    /// has no value.
    static func expand(_ element: ExecTemplate.Element, _ values: ParsedArguments) -> [String] {
        if element.parts.count == 1, case .placeholder(let name) = element.parts[0], case .list(let items)? = values[name] {
            return items.map { $0.text }
        }
        var text = ""
        for part in element.parts {
            switch part {
            case .literal(let literal):
                text += literal
            case .placeholder(let name):
                guard let value = values[name] else { return [] }
                text += value.text
            }
        }
        return [text]
    }

    /// An `if` holds for a bool that is true, or any other arg with a value
    /// (given, from its variable, or a default); a list only when not empty.
    static func holds(_ name: String, in values: ParsedArguments) -> Bool {
        switch values[name] {
        case nil: false
        case .bool(let flag)?: flag
        case .list(let items)?: !items.isEmpty
        default: true
        }
    }

    /// The plan for an `exec` or `sh` command; nil for Swift commands.
    /// `projectRoot` is the folder it runs in (its root, or its `dir` inside
    /// it), where relative programs are found; `inherited` reads the
    /// environment hyper was started with, for `${NAME}` in the command's `env`.
    public static func make(
        for command: CommandDefinition,
        values: ParsedArguments,
        projectRoot: String,
        invocationDirectory: String,
        inherited: (String) -> String? = { name in getenv(name).map { String(cString: $0) } }
    ) -> ProcessPlan? {
        var program: String
        var arguments: [String]
        switch command.action {
        case .exec(let template):
            program = template.program
            if program.contains("/") && !program.hasPrefix("/") {
                program = Path.absolute(program, from: projectRoot)
            }
            arguments = [template.program]
            for element in template.arguments {
                if let condition = element.condition {
                    for inner in holds(condition.arg, in: values) ? condition.then : condition.otherwise {
                        arguments += expand(inner, values)
                    }
                } else {
                    arguments += expand(element, values)
                }
            }
        case .shell(let script):
            program = "/bin/sh"
            // `$0` of the script is the command's name, as in error messages
            // from sh; the rest arg's words are its positional parameters, so
            // `"$@"` forwards them exactly.
            arguments = ["/bin/sh", "-c", script, command.name]
            if let rest = command.args.first(where: \.rest), case .list(let words)? = values[rest.name] {
                arguments += words.map { $0.text }
            }
        case .handler, .closure:
            return nil
        }

        var environment: [(name: String, value: String)] = []
        var json: [String] = []
        for arg in command.args {
            let value = values[arg.name]
            if let value { environment.append((arg.environmentName, value.text)) }
            json.append(JSON.quote(arg.name) + ":" + (value?.json ?? "null"))
        }
        // The command's own variables, after the args' (their names never clash:
        // `env` may not name `HYPER_...`); an unset one replaces nothing.
        var unset: [String] = []
        for variable in command.environment {
            if let value = variable.expanded(values, inherited: inherited) {
                environment.append((variable.name, value))
            } else {
                unset.append(variable.name)
            }
        }
        // Joined by hand: `joined(separator:)` is generic code that looks its
        // element type up at run time, on every warm call.
        var object = "{"
        for member in json {
            if object.utf8.count > 1 { object += "," }
            object += member
        }
        object += "}"
        environment.append(("HYPER_ARGS_JSON", object))
        environment.append(("HYPER_COMMAND", command.name))
        environment.append(("HYPER_INVOCATION_DIR", invocationDirectory))
        environment.append(("PWD", projectRoot))
        var plan = ProcessPlan(program: program, arguments: arguments, environment: environment, workingDirectory: projectRoot)
        plan.unset = unset
        if command.directory != nil { plan.confinement = command.root }
        return plan
    }
}

/// Why a plan cannot be passed to `execve`.
@_spi(Fuzz) public struct SizeProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// `Error: ...`, naming the limit and the string.
    public var message: String
    /// What to look at, without `help: `.
    public var help: String?

    public init(message: String, help: String? = nil) {
        self.message = message
        self.help = help
    }

    /// The message, then `help: ...` on a line of its own.
    public var description: String { message + (help.map { "\nhelp: \($0)" } ?? "") }
}

/// What `execve` takes on Linux besides the plan itself: the limits, and
/// the inherited environment that goes along.
@_spi(Fuzz) public struct ExecBudget: Sendable, Hashable {
    /// One string, without its NUL (`MAX_ARG_STRLEN` is 131,072 with it).
    public var maxStringBytes: Int
    /// All strings with their NULs and pointers: `sysconf(_SC_ARG_MAX)`, a
    /// quarter of the stack limit, at most the kernel's 6 MiB cap.
    public var maxTotalBytes: Int
    /// Inherited variables passed on, and their bytes with NULs.
    public var inheritedCount: Int
    public var inheritedBytes: Int
    public var pointerBytes: Int

    public init(maxStringBytes: Int = ProcessPlan.maxStringBytes, maxTotalBytes: Int, inheritedCount: Int = 0, inheritedBytes: Int = 0) {
        self.maxStringBytes = maxStringBytes
        self.maxTotalBytes = maxTotalBytes
        self.inheritedCount = inheritedCount
        self.inheritedBytes = inheritedBytes
        pointerBytes = MemoryLayout<UnsafeRawPointer>.size
    }

    /// This process's limits and environment.
    public static func current() -> ExecBudget {
        let inherited = ProcessLauncher.inheritedEnvironmentSize()
        return ExecBudget(maxTotalBytes: ProcessLauncher.argumentBudget(), inheritedCount: inherited.count, inheritedBytes: inherited.bytes)
    }

    /// The path the kernel copies too: the program as found on `PATH`.
    func programPathBytes(_ plan: ProcessPlan) -> Int {
        let candidates = ProcessLauncher.candidates(for: plan.program, searchPath: plan.searchPath)
        let found = candidates.first { FileSystem.isExecutable($0) } ?? candidates.max { $0.utf8.count < $1.utf8.count }
        return found?.utf8.count ?? plan.program.utf8.count
    }
}
