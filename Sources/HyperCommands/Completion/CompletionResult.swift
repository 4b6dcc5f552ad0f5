/// What one Tab gets from `hyper __complete`: the candidates, and what the
/// shell does besides offering them.
///
/// The protocol, on standard output: one line per candidate, `value`, or
/// `value<TAB>help` (help is the first line of a help text, which zsh and
/// fish show beside the value), then a last line `:N`, the directive's bits:
/// 1, no space after the word (a namespace `db:`, an option `--x=`); 2, the
/// shell completes the word as files and folders itself, and the candidates
/// are empty. Nothing else is ever printed, on either stream.
struct CompletionResult: Sendable, Hashable {
    struct Candidate: Sendable, Hashable {
        var value: String
        var help: String

        init(_ value: String, help: String = "") {
            self.value = value
            self.help = help
        }
    }

    struct Directive: OptionSet, Sendable, Hashable {
        let rawValue: Int

        /// The candidate is the start of a word: no space after it.
        static let noSpace = Directive(rawValue: 1)
        /// The shell's own file completion, for the current word.
        static let files = Directive(rawValue: 2)
    }

    var candidates: [Candidate] = []
    var directive: Directive = []

    static let files = CompletionResult(directive: .files)
    static let nothing = CompletionResult()

    /// The protocol's text. Values and helps hold no control character (tab
    /// and line feed included), so each candidate stays one line.
    var protocolText: String {
        var out = ""
        out.reserveCapacity(candidates.count * 48 + 4)
        for candidate in candidates {
            out += Self.clean(candidate.value)
            let help = Self.cleanFirstLine(candidate.help)
            if !help.isEmpty {
                out += "\t"
                out += help
            }
            out += "\n"
        }
        return out + ":\(directive.rawValue)\n"
    }

    /// The first line of a help text.
    static func firstLine(_ text: String) -> String {
        guard let end = text.utf8.firstIndex(of: UInt8(ascii: "\n")) else { return text }
        return String(text[..<end])
    }

    /// The first line of `text`, cleaned; in one pass over its bytes when
    /// it is printable ASCII up to its first line feed, as help almost
    /// always is.
    static func cleanFirstLine(_ text: String) -> Substring {
        var end = text.utf8.endIndex
        for index in text.utf8.indices {
            let byte = text.utf8[index]
            if byte >= 0x20 && byte < 0x7F { continue }
            if byte == UInt8(ascii: "\n") {
                end = index
                break
            }
            return Substring(clean(firstLine(text)))
        }
        return text[..<end]
    }

    /// `text` without control or text-direction characters, tabs and line
    /// breaks included.
    static func clean(_ text: String) -> String {
        // Printable ASCII, the usual case, needs no look at scalars.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        guard text.unicodeScalars.contains(where: isRemoved) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isRemoved(scalar) { out.append(scalar) }
        return String(out)
    }

    private static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x09 || TerminalText.isUnsafe(scalar) || TerminalText.kind(of: scalar) == .lineBreak
    }
}
