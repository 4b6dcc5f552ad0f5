/// `hyper --dry-run CMD ...`: everything a run would do up to the point of
/// running, printed instead of done. The command is parsed and checked
/// exactly as for a run; nothing is asked (`confirm`) and nothing runs.
///
/// As text, for a person: the command as one line to paste into a POSIX
/// shell (`ShellQuote.commandLine`), the folder it runs in, the variables
/// hyper sets, and where each value came from. As JSON (`--dry-run=json`),
/// one object, specified by `schemas/dry-run.schema.json`.
struct DryRun {
    enum Format: Sendable {
        case text
        case json
    }

    var command: CommandDefinition
    var values: ParsedArguments
    /// The process to start; nil for a Swift handler.
    var plan: ProcessPlan?
    /// Where hyper was started, for showing locations.
    var workingDirectory: String
    /// `--yes` or `HYPER_YES` answered the question already.
    var assumeYes = false

    func render(_ format: Format) -> String {
        format == .json ? json() : text()
    }

    /// Where a value came from, in words.
    private func origin(of arg: ArgDefinition) -> String? {
        switch values.origins[arg.name] {
        case .commandLine?: "the command line"
        case .environment(let name)?: "$" + name
        case .defaultValue?: "the default" + (arg.location.map { " at \($0.file):\($0.line)" } ?? "")
        case nil: nil
        }
    }

    private func text() -> String {
        let name = TerminalText.line(command.name)
        var out = ""
        if let plan {
            out += "would run `\(name)`:\n"
            out += "  " + TerminalText.lines(ShellQuote.commandLine([plan.program] + plan.arguments.dropFirst())) + "\n"
            if case .shell(let script) = command.action {
                out += "script (run by /bin/sh -c, $0 is `\(name)`):\n"
                out += script.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + TerminalText.line($0) }.joined(separator: "\n") + "\n"
            }
            out += "in:\n  " + TerminalText.line(plan.workingDirectory) + "\n"
            out += "environment (besides the inherited one):\n"
            for variable in plan.environment {
                out += "  " + TerminalText.lines(variable.name + "=" + ShellQuote.pasteable(variable.value)) + "\n"
            }
        } else if case .handler(let handler) = command.action {
            out += "would run `\(name)` with the Swift handler `\(TerminalText.line(handler))`\n"
        } else {
            out += "would run `\(name)`, defined in code\n"
        }
        let given = command.args.filter { values[$0.name] != nil }
        if !given.isEmpty {
            out += "values:\n"
            for arg in given {
                let type = arg.type.rawValue + (arg.isList ? " list" : "")
                out += "  \(TerminalText.line(arg.name)) (\(type)) = \(TerminalText.line(values[arg.name]!.json))"
                if let origin = origin(of: arg) { out += "  (from \(TerminalText.line(origin)))" }
                out += "\n"
            }
        }
        if command.confirm != nil {
            let question = TerminalText.line(JSON.quote(Confirmation.question(command.confirm!, values: values)))
            out += assumeYes ? "confirmation: \(question), answered yes by --yes or HYPER_YES\n" : "confirmation: would ask \(question)\n"
        }
        return out
    }

    private func json() -> String {
        var fields = ["\"command\": \(JSON.quote(command.name))"]
        if let plan {
            fields.append("\"binding\": \(JSON.quote(command.action.isShell ? "sh" : "exec"))")
            fields.append("\"program\": \(JSON.quote(plan.program))")
            fields.append("\"argv\": [" + plan.arguments.map(JSON.quote).joined(separator: ", ") + "]")
            fields.append("\"cwd\": \(JSON.quote(plan.workingDirectory))")
            fields.append("\"env\": {" + plan.environment.map { "\(JSON.quote($0.name)): \(JSON.quote($0.value))" }.joined(separator: ", ") + "}")
        } else {
            if case .handler(let handler) = command.action {
                fields.append("\"binding\": \"handler\"")
                fields.append("\"handler\": \(JSON.quote(handler))")
            } else {
                fields.append("\"binding\": \"code\"")
            }
            fields.append("\"values\": {" + command.args.compactMap { arg in
                values[arg.name].map { "\(JSON.quote(arg.name)): \($0.json)" }
            }.joined(separator: ", ") + "}")
        }
        let sources = command.args.compactMap { arg -> String? in
            guard let origin = values.origins[arg.name] else { return nil }
            let described: String
            switch origin {
            case .commandLine: described = "{\"from\": \"command-line\"}"
            case .environment(let variable): described = "{\"from\": \"env\", \"variable\": \(JSON.quote(variable))}"
            case .defaultValue:
                described = "{\"from\": \"default\", \"location\": " + (arg.location.map {
                    "{\"file\": \(JSON.quote($0.file)), \"line\": \($0.line), \"column\": \($0.column)}"
                } ?? "null") + "}"
            }
            return "\(JSON.quote(arg.name)): \(described)"
        }
        fields.append("\"sources\": {" + sources.joined(separator: ", ") + "}")
        fields.append("\"confirm\": " + (command.confirm.map { JSON.quote(Confirmation.question($0, values: values)) } ?? "null"))
        return "{" + fields.joined(separator: ", ") + "}\n"
    }
}

extension CommandAction {
    var isShell: Bool {
        if case .shell = self { true } else { false }
    }
}
