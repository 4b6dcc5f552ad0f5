/// The argv of an `exec:` command, with `{arg}` placeholders.
///
/// In an element, `{name}` is replaced by the normalised value of arg `name`,
/// `{{` and `}}` stand for literal braces. An element whose placeholder names
/// an optional arg that was not given is left out of the argv. The program
/// (element 0) cannot hold placeholders.
public struct ExecTemplate: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case literal(String)
        case placeholder(String)
    }

    /// One argv element, as parts; or, with a `condition`, the elements of
    /// whichever branch applies (`{if: dry_run, then: --plan}`).
    public struct Element: Sendable, Hashable {
        public var parts: [Part]
        public var location: SourceLocation?
        public var condition: Condition?

        public init(parts: [Part], location: SourceLocation? = nil) {
            self.parts = parts
            self.location = location
        }

        public init(condition: Condition, location: SourceLocation? = nil) {
            self.parts = []
            self.condition = condition
            self.location = location
        }

        /// The names of the args this element refers to.
        public var placeholders: [String] {
            parts.compactMap { if case .placeholder(let name) = $0 { name } else { nil } }
        }
    }

    /// `{if: NAME, then: ..., else: ...}`: `then` applies when arg NAME is a
    /// bool that is true, or any other arg that has a value (a list that is
    /// not empty); `otherwise` in every other case. Its elements are plain
    /// (no nesting).
    public struct Condition: Sendable, Hashable {
        public var arg: String
        public var then: [Element]
        public var otherwise: [Element]

        public init(arg: String, then: [Element], otherwise: [Element] = []) {
            self.arg = arg
            self.then = then
            self.otherwise = otherwise
        }
    }

    public var program: String
    public var programLocation: SourceLocation?
    public var arguments: [Element]

    public init(program: String, programLocation: SourceLocation? = nil, arguments: [Element] = []) {
        self.program = program
        self.programLocation = programLocation
        self.arguments = arguments
    }

    /// Why an element's placeholder syntax is wrong, with the character offset.
    struct SyntaxError: Error, Hashable {
        var message: String
        var offset: Int
    }

    /// An element from its manifest text, for the fuzzer; nil if its
    /// placeholder syntax is wrong.
    @_spi(Fuzz) public static func element(_ text: String) -> Element? {
        guard case .success(let parts) = parseElement(text) else { return nil }
        return Element(parts: parts)
    }

    /// Splits an element into literal text and placeholders.
    static func parseElement(_ text: String) -> Result<[Part], SyntaxError> {
        // Most elements are plain words: no brace, nothing to split.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) {
            return .success([.literal(text)])
        }
        var parts: [Part] = []
        var literal = ""
        let characters = Array(text.unicodeScalars)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "{" {
                if index + 1 < characters.count, characters[index + 1] == "{" {
                    literal.unicodeScalars.append("{")
                    index += 2
                    continue
                }
                guard let close = characters[(index + 1)...].firstIndex(of: "}") else {
                    return .failure(SyntaxError(message: "unclosed `{`", offset: index))
                }
                let name = String(String.UnicodeScalarView(characters[(index + 1)..<close]))
                guard Names.isArgName(name) else {
                    let shown = name.isEmpty ? "{}" : "{\(name)}"
                    return .failure(SyntaxError(message: "invalid placeholder `\(shown)`", offset: index))
                }
                if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
                parts.append(.placeholder(name))
                index = close + 1
            } else if character == "}" {
                guard index + 1 < characters.count, characters[index + 1] == "}" else {
                    return .failure(SyntaxError(message: "unmatched `}`", offset: index))
                }
                literal.unicodeScalars.append("}")
                index += 2
            } else {
                literal.unicodeScalars.append(character)
                index += 1
            }
        }
        if !literal.isEmpty || parts.isEmpty { parts.append(.literal(literal)) }
        return .success(parts)
    }
}
