#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The help texts: one command's (`hyper seed --help`, the seed's
/// `format_help`) and the list of all commands (`hyper --help`), laid out by
/// `HelpPage` for a `TextLayout` (width and colour).
enum HelpFormatter {
    /// The seed's shape, aligned and wrapped:
    ///
    ///     Usage: hyper seed [OPTIONS] [count]
    ///
    ///       Seed the database with test data
    ///
    ///     Options:
    ///       -c, --count <int>  Number of records to create [default: 100]
    ///           --verbose
    ///
    /// The usage line shows the args a positional word fills, in order
    /// (`<url>` required, `[dir]` optional, `<file>...` for a `multiple`
    /// arg), and the pass-through (`[-- ARGS...]`). The command's help
    /// follows whole, its blank lines kept and its final line breaks
    /// dropped. Under Options, each arg but hidden ones, in declaration
    /// order: its short name (when any arg has one, the others are indented
    /// so the long names line up, as clap does), its option (`--[no-]color`
    /// for a flag that defaults to true), `<type>` (with `...` for a list);
    /// then its help and, after it, `[required]` or `[default: ...]`,
    /// `[possible values: ...]`, `[min: ...]`, `[max: ...]`, `[env: NAME]`,
    /// `[deprecated: ...]`. Choices
    /// with help (the mapping form) get a line each under `Possible values:`.
    /// A variable that is set but empty counts as unset, so `[env: NAME]`
    /// means "when NAME is set and not empty".
    ///
    /// Names and defaults are one-line texts and help keeps its line breaks;
    /// both pass through `TerminalText`, so no character of a manifest can
    /// drive the terminal.
    static func formatHelp(_ command: CommandDefinition, program: String = "hyper", layout: TextLayout = .plain) -> String {
        let shown = command.args.filter { !$0.hidden }
        var usage: [StyledText] = [StyledText(TerminalText.line(program) + " " + TerminalText.line(command.name), .literal), "[OPTIONS]"]
        for arg in shown where arg.takesPosition {
            let name = TerminalText.line(arg.name)
            var word = arg.required ? "<\(name)>" : "[\(name)]"
            if arg.arity == .many {
                // It takes every positional word left.
                word += "..."
                usage.append(StyledText(word))
                break
            }
            usage.append(StyledText(word))
        }
        if let rest = shown.first(where: { $0.arity == .rest }) {
            usage.append(StyledText("[\(restName(rest))]"))
        }
        var page = HelpPage(usage: [usage])
        let help = TextLayout.trimmedEnd(TerminalText.lines(command.help))
        if !help.isEmpty {
            page.blocks.append(.paragraph(help, indent: 2))
        }
        // What the command's own keys change about a run, a line each.
        var facts: [String] = []
        if !command.aliases.isEmpty { facts.append("Aliases: " + command.aliases.map { TerminalText.line($0) }.joined(separator: ", ")) }
        if let question = command.confirm { facts.append("Asks first: " + TerminalText.line(question)) }
        if let directory = command.directory { facts.append("Runs in: " + TerminalText.line(directory)) }
        if !command.environment.isEmpty {
            facts.append("Sets: " + command.environment.map { TerminalText.line($0.name) }.joined(separator: ", "))
        }
        if !facts.isEmpty { page.blocks.append(.paragraph(facts.joined(separator: "\n"), indent: 2)) }
        if !shown.isEmpty {
            let shortIndent = shown.contains { $0.short != nil }
            page.blocks.append(.section(StyledText("Options", .heading), shown.map { HelpPage.Row(optionCell($0, shortIndent: shortIndent), optionText($0)) }))
        }
        return page.rendered(layout)
    }

    /// What to type for an arg: `-p, --port <int>`, `--[no-]color`,
    /// `-- ARGS...`.
    private static func optionCell(_ arg: ArgDefinition, shortIndent: Bool) -> StyledText {
        var cell = StyledText()
        if let short = arg.short {
            cell.append("-" + TerminalText.line(String(short)), .literal)
            cell.append(", ")
        } else if shortIndent {
            cell.append("    ")
        }
        if arg.arity == .rest {
            cell.append("--", .literal)
            cell.append(" " + TerminalText.line(arg.name.uppercased()) + "...")
            return cell
        }
        let option = TerminalText.line(arg.optionName)
        cell.append(arg.isFlag && arg.default == .bool(true) ? "--[no-]" + option.dropFirst(2) : option, .literal)
        if !arg.isFlag { cell.append(" <\(arg.type.rawValue)>" + (arg.isList ? "..." : "")) }
        return cell
    }

    /// What an arg does: its help, then what else is known of it.
    private static func optionText(_ arg: ArgDefinition) -> String {
        var notes: [String] = []
        if arg.arity != .rest {
            if arg.required {
                notes.append("[required]")
            } else if let value = arg.default, !(arg.isFlag && value == .bool(false)), value != .list([]) {
                notes.append("[default: \(display(value))]")
            }
        }
        let choicesHaveHelp = arg.choices.contains { !$0.help.isEmpty }
        if !arg.choices.isEmpty && !choicesHaveHelp {
            notes.append("[possible values: " + arg.choices.map { display($0.value) }.joined(separator: ", ") + "]")
        }
        if let minimum = arg.minimum { notes.append("[min: \(display(minimum))]") }
        if let maximum = arg.maximum { notes.append("[max: \(display(maximum))]") }
        if let name = arg.env { notes.append("[env: \(TerminalText.line(name))]") }
        if let completer = arg.complete { notes.append("[completed by: \(TerminalText.line(completer.program))]") }
        if let reason = arg.deprecated {
            notes.append(reason.isEmpty ? "[deprecated]" : "[deprecated: \(TerminalText.line(reason))]")
        }
        var text = TextLayout.trimmedEnd(TerminalText.lines(arg.help))
        if !notes.isEmpty {
            text += (text.isEmpty ? "" : " ") + notes.joined(separator: " ")
        }
        if choicesHaveHelp {
            text += (text.isEmpty ? "" : "\n") + "Possible values:"
            for choice in arg.choices {
                let help = TextLayout.trimmedEnd(TerminalText.lines(choice.help))
                text += "\n- " + display(choice.value)
                guard !help.isEmpty else { continue }
                // Its later lines start under its value.
                text += ": " + help.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.isEmpty ? "" : String($0) }.joined(separator: "\n  ")
            }
        }
        return text
    }

    /// `-- ARGS...` for a rest arg named `args`.
    private static func restName(_ arg: ArgDefinition) -> String {
        "-- \(TerminalText.line(arg.name.uppercased()))..."
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

    /// `hyper`, `hyper --help`, `hyper help`, `hyper list`: the commands,
    /// then the built-ins apart, then hyper's own options. `commands` come in
    /// declaration order (files in load order, commands in file order). The
    /// commands without a group are listed first, under `Commands:`; then
    /// each group under its own heading, in the order the groups first
    /// appear; under every heading, commands in byte order of name. Aliases
    /// follow the name, as cargo lists them (`migrate, m, mig`); the text is
    /// the first line of the help. `program` is the name the program is
    /// called by. `groupOrder`, when given, orders the headings instead (the
    /// index keeps commands in byte order of names, and the order of groups
    /// apart); a group it lacks comes after, by first appearance.
    static func formatList(_ commands: [ListedCommand], groupOrder: [String] = [], note: String?, program: String = "hyper",
                           layout: TextLayout = .plain) -> String {
        let program = TerminalText.line(program)
        var page = HelpPage(usage: [[StyledText(program, .literal), "[OPTIONS]", "<command>", "[args]"]])
        if let note { page.blocks.append(.paragraph(note, indent: 0)) }
        var ungrouped: [ListedCommand] = []
        // Groups are the same group when they are the same bytes.
        var groups: [ExactName] = groupOrder.map(ExactName.init)
        var grouped: [ExactName: [ListedCommand]] = [:]
        if commands.allSatisfy({ $0.group == nil }) {
            ungrouped = commands
        } else {
            for command in commands {
                guard let name = command.group else {
                    ungrouped.append(command)
                    continue
                }
                let group = ExactName(name)
                if grouped[group] == nil && !groups.contains(group) { groups.append(group) }
                grouped[group, default: []].append(command)
            }
        }
        if !ungrouped.isEmpty {
            page.blocks.append(.section(StyledText("Commands", .heading), rows(ungrouped)))
        }
        for group in groups {
            guard let members = grouped[group] else { continue }
            page.blocks.append(.section(StyledText(TerminalText.line(group.text), .heading), rows(members)))
        }
        // hyper's own sections align apart from the commands, so a short
        // command name is not pushed out to the width of `list [--all] [--json]`.
        page.blocks.append(.section(StyledText("Built-in", .heading), BuiltIn.all.map { builtIn in
            var synopsis = StyledText(builtIn.name, .literal)
            synopsis.append(String(builtIn.synopsis.dropFirst(builtIn.name.utf8.count)))
            return HelpPage.Row(synopsis, builtIn.summary)
        }, alignment: 1))
        page.blocks.append(.section(StyledText("Options", .heading), [
            HelpPage.Row(.options("--manifests PATH"), "Use these manifest files or folders (repeatable; or HYPER_COMMANDS)"),
            HelpPage.Row(.options("--no-index"), "Read the manifests, not the index of them (or HYPER_NO_INDEX=1)"),
            HelpPage.Row(.options("--yes"), "Answer yes to a command's confirmation question (or HYPER_YES=1)"),
            HelpPage.Row(.options("--dry-run[=json]"), "Show what the command would run, and run nothing"),
            HelpPage.Row(.options("-h, --help"), "Show this list"),
            HelpPage.Row(.options("-V, --version"), "Print hyper's version"),
        ], alignment: 1))
        page.blocks.append(.paragraph("Run `\(program) <command> --help` for a command's options.", indent: 0))
        return page.rendered(layout)
    }

    /// `hyper db` when `db` is no command but `db:migrate` and `db:seed`
    /// are: the commands in that namespace (whose names start with
    /// `namespace:`), under one heading, by their full names in byte order,
    /// laid out as the list is. Groups are not shown here: a namespace is
    /// part of names, a group is a heading.
    static func formatNamespace(_ namespace: String, _ commands: [ListedCommand], program: String = "hyper", layout: TextLayout = .plain) -> String {
        let program = TerminalText.line(program)
        let shown = TerminalText.line(namespace)
        let prefix = Array(namespace.utf8) + [UInt8(ascii: ":")]
        // A command whose alias is in the namespace is listed too, by its name.
        let members = commands.filter { command in
            command.name.utf8.starts(with: prefix) || command.aliases.contains { $0.utf8.starts(with: prefix) }
        }
        let words = TerminalText.line(namespace.split(separator: ":").joined(separator: " "))
        var page = HelpPage(usage: [[StyledText(program, .literal), StyledText(words, .literal), "<command>", "[args]"]])
        page.blocks.append(.section(StyledText("Commands in \(shown)", .heading), rows(members)))
        page.blocks.append(.paragraph("Run `\(program) \(words) <command> --help` for a command's options.", indent: 0))
        return page.rendered(layout)
    }

    /// One row per command, in byte order of name: its names, and the first
    /// line of its help.
    private static func rows(_ commands: [ListedCommand]) -> [HelpPage.Row] {
        // The index gives them in order already: check before sorting, by
        // index, without copying commands into pairs.
        var ordered = true
        for index in commands.indices.dropFirst() where Names.precedes(commands[index].name, commands[index - 1].name) {
            ordered = false
            break
        }
        let sorted = ordered ? commands : commands.sorted { Names.precedes($0.name, $1.name) }
        return sorted.map { command in
            var names = StyledText(TerminalText.line(command.name), .literal)
            for alias in command.aliases {
                names.append(", ")
                names.append(TerminalText.line(alias), .literal)
            }
            return HelpPage.Row(names, TerminalText.lines(firstLine(command.help)))
        }
    }

    private static func firstLine(_ help: String) -> String {
        // Most help is one line: look for a line feed in place first.
        if help.utf8.withContiguousStorageIfAvailable({ $0.isEmpty || memchr($0.baseAddress!, 0x0A, $0.count) == nil }) == true { return help }
        guard let newline = help.utf8.firstIndex(of: UInt8(ascii: "\n")) else { return help }
        return String(help[..<newline])
    }
}
