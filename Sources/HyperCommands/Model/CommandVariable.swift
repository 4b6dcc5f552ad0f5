/// One variable of a command's `env`: a name and a text that may hold
/// `{placeholders}` of the command's args and `${NAME}` of the environment
/// hyper was started with.
///
/// In the text, `{arg}` is the arg's value (`{{` and `}}` are literal
/// braces, as in `exec`), `${NAME}` the inherited variable's value (empty
/// when unset), and `$$` a literal `$`. Any other `$` is an error, so the
/// syntax can grow later without changing what a text means.
@_spi(Fuzz) public struct CommandVariable: Sendable, Hashable {
    enum Part: Sendable, Hashable {
        case literal(String)
        case placeholder(String)
        case variable(String)
    }

    public var name: String
    public var value: String
    /// Where the manifest writes the value.
    var location: SourceLocation?

    public init(name: String, value: String, location: SourceLocation? = nil) {
        self.name = name
        self.value = value
        self.location = location
    }

    /// Why a value's syntax is wrong, with the character offset.
    struct SyntaxError: Error, Hashable {
        var message: String
        var offset: Int
        var help: String
    }

    /// The value's parts. The definition rules have checked the syntax; a
    /// value that breaks it (only possible in code that skipped them) is
    /// its literal text.
    var parts: [Part] {
        (try? Self.parse(value)) ?? [.literal(value)]
    }

    /// The names of the args the value refers to.
    var placeholders: [String] {
        parts.compactMap { if case .placeholder(let name) = $0 { name } else { nil } }
    }

    /// Splits a value into literal text, placeholders and variables.
    static func parse(_ text: String) throws(SyntaxError) -> [Part] {
        let scalars = Array(text.unicodeScalars)
        var parts: [Part] = []
        var literal = String.UnicodeScalarView()
        func flush() {
            if !literal.isEmpty { parts.append(.literal(String(literal))); literal = String.UnicodeScalarView() }
        }
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar {
            case "$":
                if next == "$" {
                    literal.append("$")
                    index += 2
                } else if next == "{" {
                    guard let close = scalars[(index + 2)...].firstIndex(of: "}") else {
                        throw SyntaxError(message: "unclosed `${`", offset: index, help: "write `${NAME}`, or `$$` for a literal `$`")
                    }
                    let name = String(String.UnicodeScalarView(scalars[(index + 2)..<close]))
                    guard isVariableName(name) else {
                        throw SyntaxError(message: "invalid variable `${\(name)}`", offset: index,
                                          help: "a variable name is ASCII letters, digits and `_`, not starting with a digit")
                    }
                    flush()
                    parts.append(.variable(name))
                    index = close + 1
                } else {
                    throw SyntaxError(message: "a `$` must start `${NAME}` or be written `$$`", offset: index,
                                      help: "write `${NAME}` for a variable hyper was started with, or `$$` for a literal `$`")
                }
            case "{":
                if next == "{" {
                    literal.append("{")
                    index += 2
                    continue
                }
                guard let close = scalars[(index + 1)...].firstIndex(of: "}") else {
                    throw SyntaxError(message: "unclosed `{`", offset: index, help: "a placeholder is `{argname}`; write `{{` and `}}` for literal braces")
                }
                let name = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
                guard Names.isArgName(name) else {
                    throw SyntaxError(message: "invalid placeholder `{\(name)}`", offset: index,
                                      help: "a placeholder is `{argname}`; write `{{` and `}}` for literal braces")
                }
                flush()
                parts.append(.placeholder(name))
                index = close + 1
            case "}":
                guard next == "}" else {
                    throw SyntaxError(message: "unmatched `}`", offset: index, help: "write `}}` for a literal `}`")
                }
                literal.append("}")
                index += 2
            default:
                literal.append(scalar)
                index += 1
            }
        }
        flush()
        return parts
    }

    /// ASCII letters, digits and `_`, not starting with a digit.
    static func isVariableName(_ name: String) -> Bool {
        let bytes = name.utf8
        func isLetter(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_") }
        guard let first = bytes.first, isLetter(first) else { return false }
        return bytes.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    /// The value for this call, or nil when a placeholder names an arg with
    /// no value (the variable is then left unset). `inherited` reads the
    /// environment hyper was started with.
    func expanded(_ values: ParsedArguments, inherited: (String) -> String?) -> String? {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal): text += literal
            case .placeholder(let arg):
                guard let value = values[arg] else { return nil }
                text += value.text
            case .variable(let name): text += inherited(name) ?? ""
            }
        }
        return text
    }
}
