/// Exactly what an `exec` or `sh` command runs: computed without side effects,
/// so tests can check argv and environment byte for byte.
public struct ProcessPlan: Sendable, Hashable {
    /// The program: absolute, or a bare name to look up on `PATH`.
    public var program: String
    /// The full argv, `argv[0]` included.
    public var arguments: [String]
    /// Variables hyper sets; they replace inherited ones of the same name.
    public var environment: [(name: String, value: String)]
    /// Where it runs: the project root.
    public var workingDirectory: String

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
        Names.hasPrefix(name, "HYPER_ARG_") || Names.same(name, "HYPER_ARGS_JSON") || Names.same(name, "HYPER_COMMAND")
            || Names.same(name, "HYPER_INVOCATION_DIR") || Names.same(name, "PWD")
    }

    /// Linux's limit on one argument or environment string (`MAX_ARG_STRLEN`,
    /// 32 pages, including its NUL).
    public static let maxStringBytes = 131_071

    /// Why the kernel would refuse this plan with E2BIG, in hyper's words, or
    /// nil. A value hyper accepted can still outgrow the limit once placed
    /// into an argument (`"{a}{b}"`) or into `HYPER_ARGS_JSON`.
    public func sizeProblem(command: String) -> String? {
        for (index, argument) in arguments.enumerated() where argument.utf8.count > Self.maxStringBytes {
            return "Error: argument \(index) of `\(command)` would be \(argument.utf8.count) bytes; "
                + "Linux takes at most \(Self.maxStringBytes) bytes per argument or environment variable"
        }
        for variable in environment where variable.name.utf8.count + 1 + variable.value.utf8.count > Self.maxStringBytes {
            return "Error: `\(variable.name)` of `\(command)` would be \(variable.name.utf8.count + 1 + variable.value.utf8.count) bytes; "
                + "Linux takes at most \(Self.maxStringBytes) bytes per argument or environment variable"
        }
        return nil
    }

    /// The plan for an `exec` or `sh` command; nil for Swift commands.
    public static func make(
        for command: CommandDefinition,
        values: ParsedArguments,
        projectRoot: String,
        invocationDirectory: String
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
                var text = ""
                var present = true
                for part in element.parts {
                    switch part {
                    case .literal(let literal):
                        text += literal
                    case .placeholder(let name):
                        if let value = values[name] { text += value.text } else { present = false }
                    }
                }
                if present { arguments.append(text) }
            }
        case .shell(let script):
            program = "/bin/sh"
            // `$0` of the script is the command's name, as in error messages from sh.
            arguments = ["/bin/sh", "-c", script, command.name]
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
        environment.append(("HYPER_ARGS_JSON", "{" + json.joined(separator: ",") + "}"))
        environment.append(("HYPER_COMMAND", command.name))
        environment.append(("HYPER_INVOCATION_DIR", invocationDirectory))
        environment.append(("PWD", projectRoot))
        return ProcessPlan(program: program, arguments: arguments, environment: environment, workingDirectory: projectRoot)
    }
}
