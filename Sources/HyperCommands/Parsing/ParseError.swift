/// Why a command's arguments were refused. The text of each starts with the
/// seed's wording (`Error: Missing required argument: --name`).
@_spi(Fuzz) public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingRequired(option: String)
    case invalidValue(option: String, expected: ArgType, got: String)
    case unknownArgument(String, suggestion: String?)
    case missingValue(option: String)
    case tooManyPositionals(first: String)

    public var description: String {
        switch self {
        case .missingRequired(let option):
            "Error: Missing required argument: \(TerminalText.line(option))"
        case .invalidValue(let option, let expected, let got):
            "Error: Invalid value for \(TerminalText.line(option)): expected \(expected.rawValue), got '\(TerminalText.line(got))'"
        case .unknownArgument(let word, let suggestion):
            "Error: Unknown argument: \(TerminalText.line(word))" + (suggestion.map { "\nhelp: did you mean \(TerminalText.line($0))?" } ?? "")
        case .missingValue(let option):
            "Error: Missing value for \(TerminalText.line(option))"
        case .tooManyPositionals(let first):
            "Error: Too many positional arguments (from '\(TerminalText.line(first))')"
        }
    }
}
