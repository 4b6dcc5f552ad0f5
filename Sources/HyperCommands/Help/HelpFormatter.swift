/// The help texts: one command's (`hyper seed --help`, the seed's
/// `format_help`) and the list of all commands (`hyper --help`).
enum HelpFormatter {
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
    ///
    /// Names and defaults are one-line texts and help keeps its line breaks;
    /// both pass through `TerminalText`, so no character of a manifest can
    /// drive the terminal.
    static func formatHelp(_ command: CommandDefinition) -> String {
        var usage = "Usage: hyper \(TerminalText.line(command.name)) [OPTIONS]"
        for arg in command.args where arg.required && !arg.isFlag {
            usage += " <\(TerminalText.line(arg.name))>"
        }
        var text = usage + "\n"
        if !command.help.isEmpty {
            text += "\n" + TerminalText.lines(command.help).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n") + "\n"
        }
        if !command.args.isEmpty {
            text += "\nOptions:\n"
            for arg in command.args {
                var line = "  " + TerminalText.line(arg.optionName)
                if !arg.isFlag { line += " <\(arg.type.rawValue)>" }
                if arg.required {
                    line += "  (required)"
                } else if let value = arg.default, !(arg.isFlag && value == .bool(false)) {
                    line += "  (default: \(display(value)))"
                }
                if !arg.help.isEmpty { line += "  " + TerminalText.lines(arg.help) }
                text += line + "\n"
            }
        }
        return text
    }

    /// A default as a user would type it: bare, or as a JSON string when it
    /// is empty, has a space, or has a character a one-line text spells out
    /// (`"a\nb"`, which shows what the value is better than `a<U+000A>b`).
    private static func display(_ value: ArgValue) -> String {
        if case .str(let text) = value, text.isEmpty || text.contains(" ") || TerminalText.line(text) != text {
            return JSON.quote(text)
        }
        return value.text
    }

    /// `hyper`, `hyper --help`, `hyper help`: every command with its help,
    /// sorted, then the built-ins apart.
    static func formatList(_ commands: [(name: String, help: String)], note: String?) -> String {
        var text = "Usage: hyper [--manifests PATH]... <command> [args]\n"
        if let note { text += "\n" + note + "\n" }
        if !commands.isEmpty {
            text += "\nCommands:\n" + table(commands.map { (TerminalText.line($0.name), TerminalText.lines(firstLine($0.help))) })
        }
        text += "\nBuilt-in:\n" + table(BuiltIn.all.filter { $0.name != "completions" }.map { ($0.synopsis, $0.summary) })
        text += "\nOptions:\n" + table([
            ("--manifests PATH", "Use these manifest files or folders (repeatable; or HYPER_COMMANDS)"),
            ("-h, --help", "Show this list"),
            ("--version", "Print hyper's version"),
        ])
        text += "\nRun `hyper <command> --help` for a command's options.\n"
        return text
    }

    private static func firstLine(_ help: String) -> String {
        guard let newline = help.utf8.firstIndex(of: UInt8(ascii: "\n")) else { return help }
        return String(help[..<newline])
    }

    /// Two aligned columns. Names are ASCII (command names and built-ins,
    /// escaped), so their width is their byte count.
    private static func table(_ rows: [(String, String)]) -> String {
        let width = rows.map { $0.0.utf8.count }.max() ?? 0
        var text = ""
        for (name, help) in rows {
            text += "  "
            text += name
            if !help.isEmpty {
                text += String(repeating: " ", count: width - name.utf8.count + 2)
                text += help
            }
            text += "\n"
        }
        return text
    }
}
