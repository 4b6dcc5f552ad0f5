/// The commands a completion sees: names and helps for command names (as
/// `hyper --help` reads them), one definition for a command's words (as
/// `hyper CMD` reads it).
protocol CompletionSource {
    /// Every command the list shows (hidden ones never), with its aliases.
    func summaries() -> [ListedCommand]
    /// The command with this name or alias, or nil.
    func command(named name: String) -> CommandDefinition?
}

/// An arg's `complete:` program, ready to run: its argv with the values
/// typed on the line in place of its placeholders.
struct CompleterCall: Sendable, Hashable {
    /// As written: absolute, relative to the command's folder, or a name on `PATH`.
    var program: String
    /// `argv`, the program as written first.
    var arguments: [String]
    /// The folder it runs in: the command's root.
    var folder: String
    /// The word being completed, for `HYPER_COMPLETE_WORD`.
    var word: String
}

/// What to offer for the words of a command line: pure, given the commands
/// and a way to run completion programs.
///
/// `words` are the words after the program's name, dequoted, the last being
/// the word under the cursor (empty at a new word).
struct CompletionEngine {
    /// The commands for the `--manifests` values given on the line (none:
    /// `HYPER_COMMANDS`, else the nearest `commands.d`).
    var source: (_ manifestOptions: [String]) -> CompletionSource
    /// Runs a completion program and returns its candidates; nothing when
    /// it may not run.
    var runCompleter: (CompleterCall) -> [CompletionResult.Candidate]
    /// The folder hyper was called in: a command without a root runs there.
    var workingDirectory: String

    typealias Candidate = CompletionResult.Candidate

    /// hyper's own options, before the command.
    static let hyperOptions = [
        Candidate("--dry-run", help: "Show what would run, and run nothing"),
        Candidate("--help", help: "Show the list of commands"),
        Candidate("--manifests", help: "Read the manifests of this file or folder (repeatable)"),
        Candidate("--no-index", help: "Read the manifests without the index"),
        Candidate("--version", help: "Print hyper's version"),
        Candidate("--yes", help: "Answer yes to a command's confirmation"),
    ]

    static let dryRunFormats = [
        Candidate("--dry-run=text", help: "What would run, as text"),
        Candidate("--dry-run=json", help: "What would run, as JSON"),
    ]

    func complete(_ words: [String]) -> CompletionResult {
        let current = words.last ?? ""
        let before = Array(words.dropLast())
        var manifests: [String] = []
        var index = 0
        while index < before.count {
            let word = before[index]
            if Names.same(word, "--manifests") {
                guard index + 1 < before.count else { return .files }
                manifests.append(before[index + 1])
                index += 2
            } else if case .long(let name, let value?) = ArgumentTokenizer.kind(of: word), Names.same(name, "--manifests") {
                manifests.append(value)
                index += 1
            } else if Names.same(word, "--no-index") || Names.same(word, "--yes") || Names.hasPrefix(word, "--dry-run") {
                index += 1
            } else {
                break
            }
        }
        if index == before.count {
            if Names.hasPrefix(current, "--manifests=") { return .files }
            if Names.hasPrefix(current, "--dry-run=") { return Self.matching(Self.dryRunFormats, current) }
            if Names.hasPrefix(current, "-") { return Self.matching(Self.hyperOptions, current) }
            return commandNames(current, source: source(manifests))
        }
        let first = before[index]
        let rest = Array(before[(index + 1)...])
        if let builtIn = BuiltIn.named(first) {
            return builtInWords(builtIn.name, rest, current, manifests: manifests)
        }
        if Names.hasPrefix(first, "-") { return .nothing }
        let commands = source(manifests)
        // `hyper db migrate` is `hyper db:migrate`: segments join while they
        // name a namespace and not a command.
        var name = first
        var taken = 0
        while true {
            if let command = commands.command(named: name) {
                return commandWords(command, Array(rest[taken...]), current)
            }
            guard isNamespace(name, commands) else { return .nothing }
            guard taken < rest.count else {
                return segments(after: name + ":", current, commands)
            }
            name += ":" + rest[taken]
            taken += 1
        }
    }

    // MARK: command names

    /// Built-ins and commands whose names start with `current`, in the
    /// list's order (the shells sort what they show); a command in a
    /// namespace is offered one segment at a time (`db:`, then `db:migrate`).
    private func commandNames(_ current: String, source: CompletionSource) -> CompletionResult {
        var result = CompletionResult()
        for builtIn in BuiltIn.all where Names.hasPrefix(builtIn.name, current) {
            result.candidates.append(Candidate(builtIn.name, help: builtIn.summary))
        }
        let names = segments(after: "", current, source)
        result.candidates += names.candidates
        if result.candidates.count == 1, result.candidates[0].value.utf8.last == UInt8(ascii: ":") { result.directive = .noSpace }
        return result
    }

    /// The commands named `namespace` + a word starting with `current`: a
    /// whole name, or its next namespace (`db:` for `db:migrate`, once,
    /// where its first command is), with no space after it when it is the
    /// only candidate.
    private func segments(after namespace: String, _ current: String, _ source: CompletionSource) -> CompletionResult {
        let prefix = namespace + current
        let skipped = namespace.utf8.count
        let colon = UInt8(ascii: ":")
        var result = CompletionResult()
        var namespaces: [String: (index: Int, count: Int)] = [:]
        func offer(_ name: String, help: String) {
            guard Names.hasPrefix(name, prefix) else { return }
            let bytes = name.utf8
            let afterTyped = bytes.index(bytes.startIndex, offsetBy: prefix.utf8.count)
            guard let end = bytes[afterTyped...].firstIndex(of: colon) else {
                result.candidates.append(Candidate(skipped == 0 ? name : String(name[bytes.index(bytes.startIndex, offsetBy: skipped)...]),
                                                   help: help))
                return
            }
            let segment = String(name[bytes.index(bytes.startIndex, offsetBy: skipped)...end])
            if let known = namespaces[segment] {
                namespaces[segment] = (known.index, known.count + 1)
            } else {
                namespaces[segment] = (result.candidates.count, 1)
                result.candidates.append(Candidate(segment))
            }
        }
        for listed in source.summaries() {
            // An alias is offered as a name of its own, with the command's help.
            offer(listed.name, help: listed.help)
            for alias in listed.aliases { offer(alias, help: listed.help) }
        }
        for (_, namespace) in namespaces {
            result.candidates[namespace.index].help = namespace.count == 1 ? "1 command" : "\(namespace.count) commands"
        }
        if result.candidates.count == 1, result.candidates[0].value.utf8.last == colon { result.directive = .noSpace }
        return result
    }

    /// True when some command's name starts with `name:`.
    private func isNamespace(_ name: String, _ source: CompletionSource) -> Bool {
        let prefix = name + ":"
        return source.summaries().contains { (listed: ListedCommand) in
            Names.hasPrefix(listed.name, prefix) || listed.aliases.contains { Names.hasPrefix($0, prefix) }
        }
    }

    // MARK: built-ins

    private func builtInWords(_ name: String, _ words: [String], _ current: String, manifests: [String]) -> CompletionResult {
        let help = Candidate("--help", help: "Show this help")
        switch name {
        case "help":
            guard words.isEmpty, !Names.hasPrefix(current, "-") else { return .nothing }
            return commandNames(current, source: source(manifests))
        case "list":
            return Self.matching([Candidate("--all", help: "List hidden commands too"),
                                  Candidate("--json", help: "Describe every command in full, as JSON"), help], current)
        case "validate":
            if let last = words.last, Names.same(last, "--format") { return Self.matching(Self.formats, current) }
            if Names.hasPrefix(current, "--format=") {
                return Self.matching(Self.formats.map { Candidate("--format=" + $0.value, help: $0.help) }, current)
            }
            if Names.hasPrefix(current, "-") {
                return Self.matching([
                    Candidate("--format", help: "human (default), concise, github or json"),
                    Candidate("--strict", help: "Fail on warnings too"),
                    Candidate("--schema", help: "Print the JSON Schema of a manifest, for editors"), help,
                ], current)
            }
            return .files
        case "completions":
            if Names.hasPrefix(current, "-") {
                return Self.matching([Candidate("--trust", help: "Let this project's completion programs run on Tab"), help], current)
            }
            guard !words.contains(where: { !Names.hasPrefix($0, "-") }) else { return .nothing }
            return Self.matching(CompletionScript.Shell.allCases.map { Candidate($0.rawValue, help: $0.summary) }, current)
        default:
            return Self.matching([help], current)
        }
    }

    private static let formats = [
        Candidate("human", help: "Blocks with the source line, for people"),
        Candidate("concise", help: "One line each, for editors"),
        Candidate("github", help: "GitHub Actions annotations"),
        Candidate("json", help: "A JSON array, for tools"),
    ]

    // MARK: a command's words

    /// What the words typed after a command's name gave, as far as
    /// completion needs: the values typed for each arg (as typed), the
    /// positional words, and whether its own words have ended.
    private struct Scan {
        var given: [String: [String]] = [:]
        var positional: [String] = []
        /// An option that takes the next word: the word under the cursor.
        var pending: ArgDefinition?
        /// After `--`, or from the first word that is not the command's own
        /// (its rest arg's words): the shell completes files.
        var ended = false
    }

    private func scan(_ command: CommandDefinition, _ words: [String]) -> Scan {
        var scan = Scan()
        let hasRest = command.args.contains(where: \.rest)
        for word in words {
            if let pending = scan.pending {
                scan.given[pending.name, default: []].append(word)
                scan.pending = nil
                continue
            }
            if scan.ended { continue }
            switch ArgumentTokenizer.kind(of: word) {
            case .terminator:
                scan.ended = true
            case .long(let name, let value):
                if Names.same(name, "--help") { continue }
                if let arg = Self.option(named: name, in: command) {
                    if arg.isFlag {
                        scan.given[arg.name, default: []].append(value ?? "true")
                    } else if let value {
                        scan.given[arg.name, default: []].append(value)
                    } else {
                        scan.pending = arg
                    }
                } else if let flag = Self.negatedFlag(name, in: command) {
                    scan.given[flag.name, default: []].append("false")
                } else if hasRest {
                    scan.ended = true
                }
            case .shorts(let letters):
                var remaining = Substring(letters)
                while let letter = remaining.first {
                    remaining = remaining.dropFirst()
                    guard let arg = command.args.first(where: { $0.short.map { Names.same(String($0), String(letter)) } ?? false }) else {
                        if hasRest && letter != "h" { scan.ended = true }
                        break
                    }
                    if arg.isFlag {
                        scan.given[arg.name, default: []].append("true")
                        continue
                    }
                    if remaining.isEmpty {
                        scan.pending = arg
                    } else {
                        scan.given[arg.name, default: []].append(String(remaining.hasPrefix("=") ? remaining.dropFirst() : remaining))
                    }
                    break
                }
            case .negativeNumber, .value:
                let slots = positionalSlots(command, scan)
                if slots.count <= scan.positional.count && !(slots.last?.multiple ?? false) {
                    if hasRest { scan.ended = true }
                    continue
                }
                scan.positional.append(word)
            }
        }
        return scan
    }

    /// The args that positional words fill, in order: those not given by
    /// name (a `multiple` one takes every word left).
    private func positionalSlots(_ command: CommandDefinition, _ scan: Scan) -> [ArgDefinition] {
        command.args.filter { DefinitionRules.takesPositionalWords($0) && scan.given[$0.name] == nil }
    }

    /// The arg a positional word at `position` fills, if any.
    private func positionalArg(at position: Int, _ command: CommandDefinition, _ scan: Scan) -> ArgDefinition? {
        let slots = positionalSlots(command, scan)
        if position < slots.count { return slots[position] }
        if let last = slots.last, last.multiple { return last }
        return nil
    }

    private static func option(named name: String, in command: CommandDefinition) -> ArgDefinition? {
        command.args.first { !$0.rest && Names.same($0.optionName, name) }
    }

    private static func negatedFlag(_ name: String, in command: CommandDefinition) -> ArgDefinition? {
        guard Names.hasPrefix(name, "--no-") else { return nil }
        let bare = "--" + Names.dropping(5, from: name)
        return command.args.first { $0.isFlag && Names.same($0.optionName, bare) }
    }

    private func commandWords(_ command: CommandDefinition, _ words: [String], _ current: String) -> CompletionResult {
        let scan = scan(command, words)
        // A hidden arg's values are never offered, however its option was written.
        if let pending = scan.pending { return pending.hidden ? .nothing : values(of: pending, current, prefix: "", command, scan) }
        if scan.ended { return .files }
        switch ArgumentTokenizer.kind(of: current) {
        case .terminator:
            return Self.matching(options(command, scan), current)
        case .long(let name, let value?):
            if let arg = Self.option(named: name, in: command), !arg.hidden {
                if arg.isFlag { return Self.matching(Self.bools(prefix: name + "="), current) }
                return values(of: arg, value, prefix: name + "=", command, scan)
            }
            return .nothing
        case .long:
            return Self.matching(options(command, scan), current)
        case .shorts(let letters):
            // `-` then letters: options, unless the letters hold a value already.
            if letters.utf8.count > 1 { return .nothing }
            return Self.matching(options(command, scan), current)
        case .negativeNumber, .value:
            if Names.same(current, "-") { return Self.matching(options(command, scan), current) }
            if let arg = positionalArg(at: scan.positional.count, command, scan) {
                return values(of: arg, current, prefix: "", command, scan)
            }
            if command.args.contains(where: \.rest) { return .files }
            return current.isEmpty ? Self.matching(options(command, scan), current) : .nothing
        }
    }

    /// The options not given yet (or that take many values), long then short
    /// for each arg in declaration order, `--no-x` for a flag that is true
    /// by default; hidden, deprecated and rest args are never offered.
    private func options(_ command: CommandDefinition, _ scan: Scan) -> [Candidate] {
        var out: [Candidate] = []
        let filled = scan.positional.indices.compactMap { positionalArg(at: $0, command, scan)?.name }
        for arg in command.args where !arg.hidden && !arg.rest && arg.deprecated == nil {
            if (scan.given[arg.name] != nil || filled.contains(arg.name)) && !arg.multiple { continue }
            out.append(Candidate(arg.optionName, help: arg.help))
            if arg.isFlag, arg.default == .bool(true) {
                out.append(Candidate("--no-" + Names.dropping(2, from: arg.optionName), help: arg.help))
            }
            if let short = arg.short { out.append(Candidate("-" + String(short), help: arg.help)) }
        }
        out.append(Candidate("--help", help: "Show this command's help"))
        return out
    }

    private static func bools(prefix: String) -> [Candidate] {
        [Candidate(prefix + "true"), Candidate(prefix + "false")]
    }

    /// The values of an arg: its choices, `true`/`false` for a bool, files
    /// for a path, its program's lines; each after `prefix` (`--x=`).
    private func values(of arg: ArgDefinition, _ current: String, prefix: String, _ command: CommandDefinition,
                        _ scan: Scan) -> CompletionResult {
        if !arg.choices.isEmpty {
            return Self.matching(arg.choices.map { Candidate(prefix + $0.value.text, help: $0.help) }, prefix + current)
        }
        if arg.type == .bool { return Self.matching(Self.bools(prefix: prefix), prefix + current) }
        if let completer = arg.complete {
            let call = CompleterCall(program: completer.program, arguments: [completer.program] + expand(completer, command, scan),
                                     folder: command.workingFolder ?? workingDirectory, word: current)
            let lines = runCompleter(call)
            return Self.matching(lines.map { Candidate(prefix + $0.value, help: $0.help) }, prefix + current)
        }
        if arg.type == .path { return .files }
        return .nothing
    }

    /// A completer's arguments with the values typed on the line: each
    /// given value, as typed; the positional words in their args. An
    /// element whose placeholder has no value is left out; a list's
    /// placeholder alone gives one argument per value.
    private func expand(_ template: ExecTemplate, _ command: CommandDefinition, _ scan: Scan) -> [String] {
        var typed = scan.given
        for (position, word) in scan.positional.enumerated() {
            if let arg = positionalArg(at: position, command, scan) { typed[arg.name, default: []].append(word) }
        }
        var out: [String] = []
        for element in template.arguments {
            if element.parts.count == 1, case .placeholder(let name) = element.parts[0],
               let arg = command.arg(named: name), arg.isList {
                out += typed[name] ?? []
                continue
            }
            var text = ""
            var complete = true
            for part in element.parts {
                switch part {
                case .literal(let literal):
                    text += literal
                case .placeholder(let name):
                    guard let value = typed[name]?.last else { complete = false; break }
                    text += value
                }
            }
            if complete { out.append(text) }
        }
        return out
    }

    /// The candidates whose values start with `current`, compared as bytes.
    static func matching(_ candidates: [Candidate], _ current: String) -> CompletionResult {
        CompletionResult(candidates: candidates.filter { Names.hasPrefix($0.value, current) })
    }
}
