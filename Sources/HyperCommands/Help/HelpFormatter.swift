/// The help texts: one command's (`hyper seed --help`, the seed's
/// `format_help`) and the list of all commands (`hyper --help`).
enum HelpFormatter {
    /// The seed's shape:
    ///
    ///     Usage: hyper seed [OPTIONS] [count]
    ///
    ///       Seed the database with test data
    ///
    ///     Options:
    ///       -c, --count <int>  (default: 100)  Number of records to create
    ///       --verbose
    ///
    /// The usage line shows the args a positional word fills, in order
    /// (`<url>` required, `[dir]` optional, `<file>...` for a `multiple`
    /// arg), and the pass-through (`[-- ARGS...]`). Under Options, each arg
    /// but hidden ones, in declaration order: its short name, its option
    /// (`--[no-]color` for a flag that defaults to true), `<type>` (with `...`
    /// for a list), then `(required)` or `(default: ...)`, its choices,
    /// `[env: NAME]`, `(deprecated: ...)` and its help. Choices with help
    /// (the mapping form) get a line each below the arg. A variable that is
    /// set but empty counts as unset, so `[env: NAME]` means "when NAME is
    /// set and not empty".
    ///
    /// Names and defaults are one-line texts and help keeps its line breaks;
    /// both pass through `TerminalText`, so no character of a manifest can
    /// drive the terminal.
    static func formatHelp(_ command: CommandDefinition, program: String = "hyper") -> String {
        let shown = command.args.filter { !$0.hidden }
        var usage = "Usage: \(TerminalText.line(program)) \(TerminalText.line(command.name)) [OPTIONS]"
        for arg in shown where arg.takesPosition {
            let name = TerminalText.line(arg.name)
            usage += arg.required ? " <\(name)>" : " [\(name)]"
            if arg.arity == .many {
                // It takes every positional word left.
                usage += "..."
                break
            }
        }
        if let rest = shown.first(where: { $0.arity == .rest }) {
            usage += " [\(restName(rest))]"
        }
        var text = usage + "\n"
        if !command.help.isEmpty {
            text += "\n" + indented(TerminalText.lines(command.help), by: "  ") + "\n"
        }
        if !shown.isEmpty {
            text += "\nOptions:\n"
            for arg in shown {
                text += "  " + optionLine(arg) + "\n"
                if arg.choices.contains(where: { !$0.help.isEmpty }) {
                    let values = arg.choices.map { display($0.value) }
                    let width = values.map(\.count).max() ?? 0
                    for (value, choice) in zip(values, arg.choices) {
                        var line = "      " + value
                        if !choice.help.isEmpty {
                            line += String(repeating: " ", count: width - value.count + 2)
                            // Its later lines start under its first.
                            let lines = TerminalText.lines(choice.help).split(separator: "\n", omittingEmptySubsequences: false)
                            line += lines[0] + lines.dropFirst().map { "\n" + ($0.isEmpty ? "" : String(repeating: " ", count: 8 + width) + $0) }.joined()
                        }
                        text += line + "\n"
                    }
                }
            }
        }
        return text
    }

    /// One arg's line under Options, without its indent.
    private static func optionLine(_ arg: ArgDefinition) -> String {
        if arg.arity == .rest {
            return restName(arg) + (arg.help.isEmpty ? "" : "  " + TerminalText.lines(arg.help))
        }
        var line = arg.short.map { "-\(TerminalText.line(String($0))), " } ?? ""
        let option = TerminalText.line(arg.optionName)
        if arg.isFlag && arg.default == .bool(true) {
            line += "--[no-]" + option.dropFirst(2)
        } else {
            line += option
        }
        if !arg.isFlag { line += " <\(arg.type.rawValue)>" + (arg.isList ? "..." : "") }
        if arg.required {
            line += "  (required)"
        } else if let value = arg.default, !(arg.isFlag && value == .bool(false)), value != .list([]) {
            line += "  (default: \(display(value)))"
        }
        if !arg.choices.isEmpty && arg.choices.allSatisfy({ $0.help.isEmpty }) {
            line += "  (one of: " + arg.choices.map { display($0.value) }.joined(separator: ", ") + ")"
        }
        if let name = arg.env { line += "  [env: \(TerminalText.line(name))]" }
        if let reason = arg.deprecated {
            line += reason.isEmpty ? "  (deprecated)" : "  (deprecated: \(TerminalText.line(reason)))"
        }
        if !arg.help.isEmpty { line += "  " + TerminalText.lines(arg.help) }
        return line
    }

    /// `-- ARGS...` for a rest arg named `args`.
    private static func restName(_ arg: ArgDefinition) -> String {
        "-- \(TerminalText.line(arg.name.uppercased()))..."
    }

    /// Every non-empty line of `text`, indented.
    private static func indented(_ text: String, by indent: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : indent + $0 }.joined(separator: "\n")
    }

    /// A default as a user would type it: bare, or as a JSON string when it
    /// is empty, has a space, or has a character a one-line text spells out
    /// (`"a\nb"`, which shows what the value is better than `a<U+000A>b`).
    /// A list's values are joined by `, `.
    private static func display(_ value: ArgValue) -> String {
        switch value {
        case .str(let text) where text.isEmpty || text.contains(" ") || TerminalText.line(text) != text:
            return JSON.quote(text)
        case .path(let text) where text.isEmpty || text.contains(" ") || TerminalText.line(text) != text:
            return JSON.quote(text)
        case .list(let values):
            return values.map(display).joined(separator: ", ")
        default:
            return value.text
        }
    }

    /// `hyper`, `hyper --help`, `hyper help`: every command with its help,
    /// sorted, then the built-ins apart. `program` is the name the program
    /// is called by.
    static func formatList(_ commands: [ListedCommand], note: String?, program: String = "hyper") -> String {
        let program = TerminalText.line(program)
        var text = "Usage: \(program) [--manifests PATH]... [--no-index] [--yes] [--dry-run[=json]] <command> [args]\n"
        if let note { text += "\n" + note + "\n" }
        text += sections(commands)
        text += "\nBuilt-in:\n" + table(BuiltIn.all.filter { $0.name != "completions" }.map { ($0.synopsis, $0.summary) })
        text += "\nOptions:\n" + table([
            ("--manifests PATH", "Use these manifest files or folders (repeatable; or HYPER_COMMANDS)"),
            ("--no-index", "Read the manifests, not the index of them (or HYPER_NO_INDEX=1)"),
            ("--yes", "Answer yes to a command's confirmation question (or HYPER_YES=1)"),
            ("--dry-run[=json]", "Show what the command would run, and run nothing"),
            ("-h, --help", "Show this list"),
            ("-V, --version", "Print hyper's version"),
        ])
        text += "\nRun `\(program) <command> --help` for a command's options.\n"
        return text
    }

    /// The commands under their headings: ungrouped ones under `Commands:`,
    /// then each group in the order groups first appear; within a heading,
    /// in byte order of names. Aliases follow the name.
    private static func sections(_ commands: [ListedCommand]) -> String {
        var headings: [String?] = [nil]
        for command in commands where !headings.contains(command.group) { headings.append(command.group) }
        var text = ""
        for heading in headings {
            let members = commands.filter { $0.group == heading }.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            guard !members.isEmpty else { continue }
            text += "\n" + (heading.map { TerminalText.line($0) } ?? "Commands") + ":\n"
            text += table(members.map { command in
                let names = ([command.name] + command.aliases).map { TerminalText.line($0) }.joined(separator: ", ")
                return (names, TerminalText.lines(firstLine(command.help)))
            })
        }
        return text
    }

    /// `hyper db`: the commands in namespace `db`.
    static func formatNamespace(_ namespace: String, _ commands: [ListedCommand], program: String = "hyper") -> String {
        let program = TerminalText.line(program)
        let words = TerminalText.line(namespace.split(separator: ":").joined(separator: " "))
        var text = "Usage: \(program) \(words) <command> [args]\n"
        text += sections(commands)
        text += "\nRun `\(program) \(words) <command> --help` for a command's options.\n"
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
