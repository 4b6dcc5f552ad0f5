/// The core parser: a command's definition and the words after its name
/// become typed values, or a `ParseError`.
///
/// - `--count 50` and `--count=50`; the word after an option is its value
///   whatever it looks like, so `--offset -5` works.
/// - Flags: `--verbose` (true), `--verbose=true|false`, `--no-verbose` (false).
/// - Words that are not options fill the non-flag args not given by name, in
///   declaration order: `hyper greet Alice` is `hyper greet --name Alice`. A
///   word like `-5` or `-0.5` is such a word, not an option.
/// - `--` ends options; `-h` and `--help` ask for help (before `--`).
/// - Repeating an option: the last one wins.
/// - Option words are matched and split at `=` as bytes, never as Unicode
///   text: `--name=\u{338}x` gives `--name` the value `\u{338}x`.
@_spi(Fuzz) public enum CommandLineParser {
    public enum Outcome: Sendable, Hashable {
        case values(ParsedArguments)
        case help
    }

    public static func parse(_ words: [String], for command: CommandDefinition) throws(ParseError) -> Outcome {
        var byOption = [ExactName: ArgDefinition]()
        for arg in command.args { byOption[ExactName(arg.optionName)] = arg }
        var given: [String: ArgValue] = [:]
        var positionals: [String] = []
        var optionsEnded = false
        var index = 0

        while index < words.count {
            let word = words[index]
            index += 1
            if optionsEnded || !Names.hasPrefix(word, "-") || Names.same(word, "-") || looksNumeric(word) {
                positionals.append(word)
                continue
            }
            if Names.same(word, "--") { optionsEnded = true; continue }
            if Names.same(word, "-h") || Names.same(word, "--help") { return .help }

            var name = word
            var inlineValue: String?
            if let split = Names.splitAtEquals(word) {
                (name, inlineValue) = split
            }
            if let arg = byOption[ExactName(name)] {
                if arg.isFlag {
                    guard let text = inlineValue else { given[arg.name] = .bool(true); continue }
                    given[arg.name] = try value(text, for: arg)
                } else {
                    let text: String
                    if let inlineValue {
                        text = inlineValue
                    } else {
                        guard index < words.count else { throw .missingValue(option: arg.optionName) }
                        text = words[index]
                        index += 1
                    }
                    given[arg.name] = try value(text, for: arg)
                }
            } else if Names.hasPrefix(name, "--no-"), inlineValue == nil, let arg = byOption[ExactName("--" + Names.dropping(5, from: name))], arg.isFlag {
                given[arg.name] = .bool(false)
            } else {
                let suggestion = Suggestion.closest(to: name, in: command.args.flatMap { arg in
                    arg.isFlag ? [arg.optionName, "--no-" + arg.optionName.dropFirst(2)] : [arg.optionName]
                } + ["--help"])
                throw .unknownArgument(word, suggestion: suggestion)
            }
        }

        var free = command.args.filter { !$0.isFlag && given[$0.name] == nil }[...]
        for word in positionals {
            guard let arg = free.popFirst() else { throw .tooManyPositionals(first: word) }
            given[arg.name] = try value(word, for: arg)
        }

        var values: [String: ArgValue] = [:]
        for arg in command.args {
            if let value = given[arg.name] {
                values[arg.name] = value
            } else if arg.required {
                throw .missingRequired(option: arg.optionName)
            } else if let value = arg.default {
                values[arg.name] = value
            }
        }
        return .values(ParsedArguments(command: command.name, values: values))
    }

    private static func value(_ text: String, for arg: ArgDefinition) throws(ParseError) -> ArgValue {
        guard let value = ValueSyntax.parse(text, as: arg.type) else {
            throw .invalidValue(option: arg.optionName, expected: arg.type, got: text)
        }
        return value
    }

    /// `-5`, `-0.5`, `-1e3`: a negative number, taken as a value, never an option.
    private static func looksNumeric(_ word: String) -> Bool {
        Names.hasPrefix(word, "-") && (ValueSyntax.parseInt(word) != nil || ValueSyntax.isDecimalFloat(word))
    }
}
