/// The help texts: one command's (`hyper seed --help`, the seed's
/// `format_help`) and the list of all commands (`hyper --help`).
public enum HelpFormatter {
    /// The seed's shape:
    ///
    ///     Usage: hyper seed [OPTIONS]
    ///
    ///       Seed the database with test data
    ///
    ///     Options:
    ///       --count <int>  (default: 100)  Number of records to create
    ///       --verbose
    ///
    /// Required args also appear in the usage line as `<name>`, since they
    /// may be given by position; every arg is listed under Options.
    public static func formatHelp(_ command: CommandDefinition) -> String {
        var usage = "Usage: hyper \(command.name) [OPTIONS]"
        for arg in command.args where arg.required && !arg.isFlag {
            usage += " <\(arg.name)>"
        }
        var text = usage + "\n"
        if !command.help.isEmpty {
            text += "\n" + command.help.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n") + "\n"
        }
        if !command.args.isEmpty {
            text += "\nOptions:\n"
            for arg in command.args {
                var line = "  " + arg.optionName
                if !arg.isFlag { line += " <\(arg.type.rawValue)>" }
                if arg.required {
                    line += "  (required)"
                } else if let value = arg.default, !(arg.isFlag && value == .bool(false)) {
                    line += "  (default: \(display(value)))"
                }
                if !arg.help.isEmpty { line += "  " + arg.help }
                text += line + "\n"
            }
        }
        return text
    }

    private static func display(_ value: ArgValue) -> String {
        if case .str(let text) = value, text.isEmpty || text.contains(" ") { return JSON.quote(text) }
        return value.text
    }

    /// `hyper`, `hyper --help`, `hyper help`: every command with its help,
    /// sorted, then the built-ins apart.
    static func formatList(_ commands: [CommandDefinition], note: String?) -> String {
        var text = "Usage: hyper [--manifests PATH]... <command> [args]\n"
        if let note { text += "\n" + note + "\n" }
        if !commands.isEmpty {
            text += "\nCommands:\n" + table(commands.map { ($0.name, $0.help.split(separator: "\n").first.map(String.init) ?? "") })
        }
        text += "\nBuilt-in:\n" + table([
            ("help [command]", "Show this list, or a command's help"),
            ("validate [PATH...]", "Check the manifests (--format human|concise|github|json, --strict)"),
        ])
        text += "\nOptions:\n" + table([
            ("--manifests PATH", "Use these manifest files or folders (repeatable; or HYPER_COMMANDS)"),
            ("-h, --help", "Show this list"),
            ("--version", "Print hyper's version"),
        ])
        text += "\nRun `hyper <command> --help` for a command's options.\n"
        return text
    }

    private static func table(_ rows: [(String, String)]) -> String {
        let width = rows.map { $0.0.count }.max() ?? 0
        return rows.map { name, help in
            help.isEmpty ? "  \(name)\n" : "  " + name + String(repeating: " ", count: width - name.count + 2) + help + "\n"
        }.joined()
    }
}
