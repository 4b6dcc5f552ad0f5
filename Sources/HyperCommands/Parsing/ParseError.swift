/// Why a command's arguments were refused. The text of each starts with the
/// seed's wording (`Error: Missing required argument: --name`).
///
/// An arg is always named by its long option (`--count`), however its value
/// was given (`-c`, by position, from a variable). When the value did not
/// come after the option's own name, the message says where it came from,
/// right after the name:
///
///     Error: Invalid value for --timeout (from the 2nd positional word): expected int, got 'https://b'
///     Error: Invalid value for --port (from $PORT): expected int, got 'abc'
@_spi(Fuzz) public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingRequired(option: String)
    case invalidValue(option: String, source: ValueSource, problem: ValueProblem)
    case unknownArgument(String, suggestion: String?)
    case missingValue(option: String)
    case tooManyPositionals(first: String)

    /// Where a value came from.
    public enum ValueSource: Sendable, Hashable {
        /// After the option's name: `--count 5`, `--count=5`, `-c5`.
        case option
        /// The Nth word given by position (1 for the first), counted over
        /// every positional word of the call, those after `--` included.
        case position(Int)
        /// This environment variable (`env: PORT`).
        case environment(String)

        /// ` (from the 2nd positional word)`, ` (from $PORT)`, or nothing.
        var shown: String {
            switch self {
            case .option: ""
            case .position(let number): " (from the \(ordinal(number)) positional word)"
            case .environment(let name): " (from $\(TerminalText.line(name)))"
            }
        }
    }

    /// What is wrong with a value. `got` is the text as given.
    public enum ValueProblem: Sendable, Hashable {
        /// Not text of the arg's type: `expected int, got 'abc'`.
        case type(ArgType, got: String)
        /// Not one of `choices`: `expected one of fast, full, got 'fats'`.
        case choice([String], got: String, suggestion: String?)
        /// Past `max`: `70000 is over the maximum of 65535`.
        case overMaximum(got: String, maximum: String)
        /// Below `min`: `0 is under the minimum of 1`.
        case underMinimum(got: String, minimum: String)
    }

    public var description: String {
        switch self {
        case .missingRequired(let option):
            return "Error: Missing required argument: \(TerminalText.line(option))"
        case .invalidValue(let option, let source, let problem):
            let head = "Error: Invalid value for \(TerminalText.line(option))\(source.shown): "
            switch problem {
            case .type(let expected, let got):
                return head + "expected \(expected.rawValue), got '\(TerminalText.line(got))'"
            case .choice(let choices, let got, let suggestion):
                return head + "expected one of \(choices.map(TerminalText.line).joined(separator: ", ")), got '\(TerminalText.line(got))'"
                    + (suggestion.map { "\nhelp: " + ErrorText.didYouMean($0) } ?? "")
            case .overMaximum(let got, let maximum):
                return head + "\(TerminalText.line(got)) is over the maximum of \(TerminalText.line(maximum))"
            case .underMinimum(let got, let minimum):
                return head + "\(TerminalText.line(got)) is under the minimum of \(TerminalText.line(minimum))"
            }
        case .unknownArgument(let word, let suggestion):
            return "Error: Unknown argument: \(TerminalText.line(word))" + (suggestion.map { "\nhelp: " + ErrorText.didYouMean($0) } ?? "")
        case .missingValue(let option):
            return "Error: Missing value for \(TerminalText.line(option))"
        case .tooManyPositionals(let first):
            return "Error: Too many positional arguments (from '\(TerminalText.line(first))')"
        }
    }
}

/// `1st`, `2nd`, `3rd`, `4th`, `11th`, `12th`, `13th`, `21st`, `101st`, `111th`.
func ordinal(_ number: Int) -> String {
    let suffix = switch (number % 10, number % 100) {
    case (_, 11...13): "th"
    case (1, _): "st"
    case (2, _): "nd"
    case (3, _): "rd"
    default: "th"
    }
    return "\(number)\(suffix)"
}
