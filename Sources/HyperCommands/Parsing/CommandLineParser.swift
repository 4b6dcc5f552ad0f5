/// The core parser: a command's definition and the words after its name
/// become typed values, or a `ParseError`.
///
/// Each word is classified once (`ArgumentTokenizer`); each arg's arity
/// (`Arity`: a flag, one value, many values, the rest) decides what it takes.
///
/// - `--count 50`, `--count=50`, `-c 50`, `-c50` (and `-c=50`); the word after
///   an option is its value whatever it looks like, so `--offset -5` works.
/// - Flags: `--verbose` (true), `--verbose=true|false`, `--no-verbose`
///   (false), `-v` (true). Short flags bundle (`-vq`), and a bundle may end
///   with one short that takes a value (`-vc 5`, `-vc5`). `-h` is always help.
/// - Words that are not options fill the args not given by name, in
///   declaration order: `hyper greet Alice` is `hyper greet --name Alice`. A
///   `multiple` arg takes every positional word left. Flags, the rest, and
///   hidden or deprecated args are given by name only. A negative number
///   (`-5`, `-0.5`) is such a word, not an option.
/// - `--` ends options; `-h` and `--help` ask for help (before `--`).
/// - Repeating an option: the last one wins; a `multiple` option keeps every
///   value, in order.
/// - A `rest` arg (at most one) gets, unparsed, every word after `--`, and
///   from the first word that is not the command's own: an option the
///   command does not declare (a short bundle with any letter it does not
///   declare, as a whole word), or a positional word with no arg left to
///   fill. Nothing after that is parsed, `--help` included. A rest arg has
///   no option of its own. Without a rest arg those words are errors.
/// - An arg not on the command line takes its `env` variable, by the same
///   rules, then its default. A variable that is set but empty counts as
///   unset, as in most tools: `PORT= hyper serve` uses the default.
/// - `choices`, `min` and `max` are checked for every value, from wherever
///   it came. A `path` is made absolute from the folder hyper was invoked in
///   (`Context.invocationDirectory`), a `path` default from the command's
///   root, folding `.` and `..` as text (symlinks are kept).
/// - Giving a `deprecated` arg a value works and adds a warning.
/// - Option words are matched and split at `=` as bytes, never as Unicode
///   text: `--name=\u{338}x` gives `--name` the value `\u{338}x`.
@_spi(Fuzz) public enum CommandLineParser {
    public enum Outcome: Sendable, Hashable {
        /// The values, and warnings for the caller to print on standard
        /// error (`warning: --old is deprecated: use --out`).
        case values(ParsedArguments, warnings: [String])
        case help
    }

    /// What the parser needs from outside the words: it reads no process
    /// state itself.
    public struct Context: Sendable {
        /// Reads an environment variable (an arg's `env`).
        public var environment: @Sendable (String) -> String?
        /// The absolute folder hyper was invoked in: `path` values given by
        /// the user are relative to it.
        public var invocationDirectory: String

        /// True to note where each value came from (`hyper --dry-run`).
        var recordsOrigins = false

        public init(environment: @escaping @Sendable (String) -> String? = { _ in nil }, invocationDirectory: String) {
            self.environment = environment
            self.invocationDirectory = invocationDirectory
        }
    }

    public static func parse(_ words: [String], for command: CommandDefinition, context: Context) throws(ParseError) -> Outcome {
        var state = ParseState(command: command, context: context)
        guard try state.scan(words) else { return .help }
        try state.assignPositionals()
        var parsed = ParsedArguments(command: command.name, values: try state.finish())
        if context.recordsOrigins { parsed.origins = state.origins() }
        return .values(parsed, warnings: state.warnings)
    }
}

/// How an arg takes words from the command line.
enum Arity: Sendable, Hashable {
    /// A `bool`: set by its name alone.
    case flag
    /// One value; a repeat replaces it.
    case one
    /// `multiple`: a value each time, kept in order.
    case many
    /// `rest`: the pass-through, unparsed.
    case rest
}

extension ArgDefinition {
    var arity: Arity {
        if rest { return .rest }
        if multiple { return .many }
        return isFlag ? .flag : .one
    }

    /// Filled by positional words: the args help shows in its usage line.
    var takesPosition: Bool {
        (arity == .one || arity == .many) && !hidden && deprecated == nil
    }
}

/// The option names of a command's args, looked up by the words of a call.
/// Most commands have a handful of options, and a scan of their names costs
/// less than building dictionaries, whose storage types alone the runtime
/// instantiates on every call; a command with many options gets one.
private struct OptionNames {
    /// `--name` by arg index; empty for the rest arg, which has none.
    private let longs: [String]
    /// The single-letter name by arg index; 0 for none (and for `h`, help's).
    private let shorts: [UInt8]
    private let table: [ExactName: Int]?

    static let scanLimit = 16

    init(_ args: [ArgDefinition]) {
        var longs: [String] = []
        var shorts: [UInt8] = []
        longs.reserveCapacity(args.count)
        shorts.reserveCapacity(args.count)
        for arg in args {
            longs.append(arg.arity == .rest ? "" : arg.optionName)
            let short = arg.arity == .rest || arg.short == "h" ? nil : arg.short?.asciiValue
            shorts.append(short ?? 0)
        }
        self.longs = longs
        self.shorts = shorts
        if args.count > Self.scanLimit {
            var table: [ExactName: Int] = [:]
            for index in longs.indices where !longs[index].isEmpty && table[ExactName(longs[index])] == nil { table[ExactName(longs[index])] = index }
            self.table = table
        } else {
            table = nil
        }
    }

    /// The arg named `--name` (as typed, with its dashes).
    func index(long name: String) -> Int? {
        if let table { return table[ExactName(name)] }
        for index in longs.indices where !longs[index].isEmpty && Names.same(longs[index], name) { return index }
        return nil
    }

    /// The arg whose single-letter name is `byte`.
    func index(short byte: UInt8) -> Int? {
        guard byte != 0 else { return nil }
        for index in shorts.indices where shorts[index] == byte { return index }
        return nil
    }
}

/// One parse in progress.
private struct ParseState {
    let command: CommandDefinition
    let args: [ArgDefinition]
    let context: CommandLineParser.Context
    let options: OptionNames
    let restIndex: Int?
    /// Values from the command line, by arg index: a flag's or a single value.
    var values: [ArgValue?]
    /// A `multiple` arg's values from the command line, in order; empty when
    /// none was given (each use gives one).
    var lists: [[ArgValue]]
    /// Given by name (so not filled by position).
    var named: [Bool]
    var positionals: [String] = []
    /// The pass-through, once it began.
    var rest: [String]?
    /// Deprecated args given by name, in the order first used.
    var deprecatedUsed: [Int] = []
    var warnings: [String] = []

    init(command: CommandDefinition, context: CommandLineParser.Context) {
        self.command = command
        args = command.args
        self.context = context
        values = Array(repeating: nil, count: args.count)
        lists = Array(repeating: [], count: args.count)
        named = Array(repeating: false, count: args.count)
        restIndex = args.firstIndex { $0.arity == .rest }
        options = OptionNames(args)
    }

    // MARK: The words

    /// Reads every word; false when help was asked for.
    mutating func scan(_ words: [String]) throws(ParseError) -> Bool {
        let tokens = ArgumentTokenizer.tokens(words)
        var next = 0
        while next < tokens.count {
            let token = tokens[next]
            next += 1
            switch token.kind {
            case .terminator:
                if restIndex != nil {
                    rest = Array(words[next...])
                } else {
                    positionals += words[next...]
                }
                return true
            case .value, .negativeNumber:
                if restIndex != nil && !roomForAnotherPositional() {
                    rest = Array(words[token.index...])
                    return true
                }
                positionals.append(token.word)
            case .long(let name, let inline):
                if inline == nil && Names.same(name, "--help") { return false }
                if let index = options.index(long: name) {
                    try take(index, inline: inline, words: words, next: &next)
                } else if inline == nil, Names.hasPrefix(name, "--no-"),
                          let index = options.index(long: "--" + Names.dropping(5, from: name)), args[index].arity == .flag {
                    give(.bool(false), to: index)
                } else if restIndex != nil {
                    rest = Array(words[token.index...])
                    return true
                } else {
                    throw .unknownArgument(token.word, suggestion: suggestion(for: name))
                }
            case .shorts(let letters):
                guard let bundle = bundle(letters) else {
                    if restIndex != nil {
                        rest = Array(words[token.index...])
                        return true
                    }
                    throw .unknownArgument(token.word, suggestion: suggestion(forSingleDash: token.word))
                }
                if bundle.asksHelp { return false }
                for index in bundle.flags { give(.bool(true), to: index) }
                if let (index, inline) = bundle.takesValue {
                    try take(index, inline: inline, words: words, next: &next)
                }
            }
        }
        return true
    }

    /// The shorts of a bundle: flags, then maybe one that takes a value.
    private struct Bundle {
        var flags: [Int] = []
        var asksHelp = false
        /// The arg that takes a value, and the rest of the word when it is
        /// not empty (`-c5` gives `5`; `-c=5` too).
        var takesValue: (index: Int, inline: String?)?
    }

    /// `-vqc5`, read up to the first short that takes a value: the rest of
    /// the word is that value. Nil when a letter is not one of the
    /// command's shorts (nor `h`).
    private func bundle(_ letters: String) -> Bundle? {
        var bundle = Bundle()
        let bytes = Array(letters.utf8)
        for (offset, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "h") {
                bundle.asksHelp = true
                continue
            }
            guard let index = options.index(short: byte) else { return nil }
            if args[index].arity == .flag {
                bundle.flags.append(index)
                continue
            }
            var start = offset + 1
            guard start < bytes.count else {
                bundle.takesValue = (index, nil)
                return bundle
            }
            // `-c=5` is `-c 5`, as `--count=5` is `--count 5`.
            if bytes[start] == UInt8(ascii: "=") { start += 1 }
            bundle.takesValue = (index, String(decoding: bytes[start...], as: UTF8.self))
            return bundle
        }
        return bundle
    }

    /// The option of arg `index` was named: a flag is set, any other takes
    /// its inline value or the next word.
    private mutating func take(_ index: Int, inline: String?, words: [String], next: inout Int) throws(ParseError) {
        let arg = args[index]
        if arg.arity == .flag {
            give(try inline.map { text throws(ParseError) in try value(text, for: arg, from: .option) } ?? .bool(true), to: index)
            return
        }
        let text: String
        if let inline {
            text = inline
        } else {
            guard next < words.count else { throw .missingValue(option: arg.optionName) }
            text = words[next]
            next += 1
        }
        give(try value(text, for: arg, from: .option), to: index)
    }

    private mutating func give(_ value: ArgValue, to index: Int) {
        named[index] = true
        if args[index].arity == .many {
            lists[index].append(value)
        } else {
            values[index] = value
        }
        if args[index].deprecated != nil && !deprecatedUsed.contains(index) { deprecatedUsed.append(index) }
    }

    /// With a rest arg, whether one more positional word still has an arg
    /// to fill, counting the args not given by name so far.
    private func roomForAnotherPositional() -> Bool {
        var room = 0
        for (index, arg) in args.enumerated() where arg.takesPosition && !named[index] {
            if arg.arity == .many { return true }
            room += 1
        }
        return positionals.count < room
    }

    /// The closest option, `--no-` forms and `--help` included, for an
    /// unknown long option. Hidden and deprecated args are never suggested.
    private func suggestion(for name: String) -> String? {
        Suggestion.closest(to: name, in: args.filter { $0.arity != .rest && !$0.hidden && $0.deprecated == nil }.flatMap { arg in
            arg.isFlag ? [arg.optionName, "--no-" + arg.optionName.dropFirst(2)] : [arg.optionName]
        } + ["--help"])
    }

    /// `-verbose` for `--verbose`: only that exact slip.
    private func suggestion(forSingleDash word: String) -> String? {
        let long = "-" + word
        guard let index = options.index(long: long), !args[index].hidden, args[index].deprecated == nil else { return nil }
        return long
    }

    // MARK: Positions, variables, defaults

    /// Positional words fill the args not given by name, in declaration
    /// order; a `multiple` arg takes all that are left.
    mutating func assignPositionals() throws(ParseError) {
        var free = args.indices.filter { args[$0].takesPosition && !named[$0] }[...]
        var position = 0
        while position < positionals.count {
            guard let index = free.popFirst() else { throw .tooManyPositionals(first: positionals[position]) }
            let arg = args[index]
            if arg.arity == .many {
                var list: [ArgValue] = []
                while position < positionals.count {
                    list.append(try value(positionals[position], for: arg, from: .position(position + 1)))
                    position += 1
                }
                lists[index] = list
            } else {
                values[index] = try value(positionals[position], for: arg, from: .position(position + 1))
                position += 1
            }
        }
    }

    /// Every arg's value: from the command line, else its variable, else its
    /// default; a required arg with none of them is an error.
    mutating func finish() throws(ParseError) -> [String: ArgValue] {
        var result: [String: ArgValue] = Dictionary(minimumCapacity: args.count)
        var fromEnvironment: [Int] = []
        for (index, arg) in args.enumerated() {
            if let value = commandLineValue(index) {
                result[arg.name] = value
            } else if let name = arg.env, let text = context.environment(name), !text.isEmpty {
                let value = try value(text, for: arg, from: .environment(name))
                result[arg.name] = arg.isList ? .list([value]) : value
                if arg.deprecated != nil { fromEnvironment.append(index) }
            } else if arg.required {
                throw .missingRequired(option: arg.optionName)
            } else if let value = arg.default {
                result[arg.name] = resolvedDefault(value)
            }
        }
        for index in deprecatedUsed { warnings.append(deprecation(index, source: "")) }
        for index in fromEnvironment { warnings.append(deprecation(index, source: ParseError.ValueSource.environment(args[index].env!).shown)) }
        return result
    }

    /// Where each arg's value came from, as `finish` chose it.
    func origins() -> [String: ValueOrigin] {
        var origins: [String: ValueOrigin] = [:]
        for (index, arg) in args.enumerated() {
            if commandLineValue(index) != nil {
                origins[arg.name] = .commandLine
            } else if let name = arg.env, let text = context.environment(name), !text.isEmpty {
                origins[arg.name] = .environment(name)
            } else if arg.default != nil {
                origins[arg.name] = .defaultValue
            }
        }
        return origins
    }

    private func commandLineValue(_ index: Int) -> ArgValue? {
        switch args[index].arity {
        case .rest: rest.map { .list($0.map(ArgValue.str)) }
        case .many: lists[index].isEmpty ? nil : .list(lists[index])
        case .flag, .one: values[index]
        }
    }

    /// `warning: --old is deprecated: use --out`
    private func deprecation(_ index: Int, source: String) -> String {
        let arg = args[index]
        let reason = arg.deprecated.map { $0.isEmpty ? "" : ": " + TerminalText.line($0) } ?? ""
        return "warning: \(TerminalText.line(arg.optionName))\(source) is deprecated\(reason)"
    }

    /// A `path` default is relative to the command's root (the invocation
    /// folder for a command defined in code).
    private func resolvedDefault(_ value: ArgValue) -> ArgValue {
        switch value {
        case .path(let path): .path(Path.absolute(path, from: command.root ?? context.invocationDirectory))
        case .list(let values): .list(values.map(resolvedDefault))
        default: value
        }
    }

    // MARK: One value

    /// `text` as a value of `arg`: of its type, one of its choices, within
    /// its bounds; a path made absolute from the invocation folder.
    private func value(_ text: String, for arg: ArgDefinition, from source: ParseError.ValueSource) throws(ParseError) -> ArgValue {
        func refused(_ problem: ParseError.ValueProblem) -> ParseError {
            .invalidValue(option: arg.optionName, source: source, problem: problem)
        }
        // An empty path would quietly be the invocation folder.
        guard let value = ValueSyntax.parse(text, as: arg.type), !(arg.type == .path && text.isEmpty) else {
            throw refused(.type(arg.type, got: text))
        }
        if !arg.choices.isEmpty && !arg.choices.contains(where: { Self.same($0.value, value) }) {
            let shown = arg.choices.map(\.value.text)
            // Edit distance says something of words, nothing of numbers.
            let textual = arg.type == .str || arg.type == .path
            throw refused(.choice(shown, got: text, suggestion: textual ? Suggestion.closest(to: text, in: shown) : nil))
        }
        if let maximum = arg.maximum, Self.compare(value, maximum) == .some(true) {
            throw refused(.overMaximum(got: text, maximum: maximum.text))
        }
        if let minimum = arg.minimum, Self.compare(minimum, value) == .some(true) {
            throw refused(.underMinimum(got: text, minimum: minimum.text))
        }
        if case .path(let path) = value { return .path(Path.absolute(path, from: context.invocationDirectory)) }
        return value
    }

    /// Equal values, an int and a float of the same number included.
    private static func same(_ a: ArgValue, _ b: ArgValue) -> Bool {
        if case .int(let x) = a, case .int(let y) = b { return x == y }
        if let x = number(a), let y = number(b) { return x == y }
        return a == b
    }

    /// Whether `a` is greater than `b`, for two numbers; nil otherwise.
    /// Two ints compare exactly; with a float, as doubles.
    private static func compare(_ a: ArgValue, _ b: ArgValue) -> Bool? {
        if case .int(let x) = a, case .int(let y) = b { return x > y }
        guard let x = number(a), let y = number(b) else { return nil }
        return x > y
    }

    private static func number(_ value: ArgValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .float(let number): number
        default: nil
        }
    }
}
