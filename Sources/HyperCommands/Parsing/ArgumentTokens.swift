/// One command-line word, classified once by its shape alone.
///
/// The tokenizer knows nothing of a command: what a word means (a flag, an
/// option that takes the next word, the start of the pass-through) is the
/// parser's to decide from each arg's arity. A word that an option takes as
/// its value is read back as `word`, whatever its kind, so `--offset -5` and
/// `--tag --verbose` give the option those words.
///
/// Words are looked at as bytes, never as Unicode text (see `Names.same`):
/// `--name=\u{338}x` is the option `--name` with the value `\u{338}x`.
@_spi(Fuzz) public struct ArgumentToken: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `--`: ends options.
        case terminator
        /// `--name` or `--name=value`; `name` keeps its dashes, and the value
        /// is everything after the first `=` byte, maybe empty.
        case long(name: String, value: String?)
        /// `-abc`: one or more short names, maybe ending in a value (`-c5`).
        /// `letters` is the word after its `-`.
        case shorts(letters: String)
        /// `-5`, `-0.5`, `-1e3`: a negative number is a value, never an option.
        case negativeNumber
        /// Any other word: one that does not begin with `-`, or `-` alone.
        case value
    }

    /// The word as given.
    public var word: String
    /// Its place among the words (0 for the first).
    public var index: Int
    public var kind: Kind

    /// True for the words that are values as they stand: plain words and
    /// negative numbers.
    public var isValue: Bool {
        switch kind {
        case .value, .negativeNumber: true
        case .terminator, .long, .shorts: false
        }
    }
}

@_spi(Fuzz) public enum ArgumentTokenizer {
    /// Every word, classified.
    public static func tokens(_ words: [String]) -> [ArgumentToken] {
        words.enumerated().map { ArgumentToken(word: $1, index: $0, kind: kind(of: $1)) }
    }

    public static func kind(of word: String) -> ArgumentToken.Kind {
        let bytes = word.utf8
        guard bytes.first == UInt8(ascii: "-"), bytes.count > 1 else { return .value }
        if Names.hasPrefix(word, "--") {
            if bytes.count == 2 { return .terminator }
            if let (name, value) = Names.splitAtEquals(word) { return .long(name: name, value: value) }
            return .long(name: word, value: nil)
        }
        if isNegativeNumber(word) { return .negativeNumber }
        return .shorts(letters: Names.dropping(1, from: word))
    }

    /// `-5`, `-0.5`, `-.5`, `-1e3`: by the value rules for `int` and `float`.
    static func isNegativeNumber(_ word: String) -> Bool {
        Names.hasPrefix(word, "-") && (ValueSyntax.parseInt(word) != nil || ValueSyntax.isDecimalFloat(word))
    }
}
