#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The naming rules of the manifest format.
@_spi(Fuzz) public enum Names {
    /// Longest command name.
    public static let maxCommandNameLength = 64

    /// Names that hyper's own subcommands use, sorted (`BuiltIn.all`). A
    /// list, not a set: every declared name is checked against it, and five
    /// comparisons of short strings cost less than hashing one.
    public static let reservedCommands = BuiltIn.names

    /// Segments separated by `:` (`db:migrate`), each a letter, then ASCII
    /// letters, digits, `-` or `_`; at most 64 characters in all.
    public static func isCommandName(_ name: String) -> Bool {
        let bytes = name.utf8
        guard bytes.count <= maxCommandNameLength else { return false }
        var atStart = true
        for byte in bytes {
            if atStart {
                guard isLetter(byte) else { return false }
                atStart = false
            } else if byte == UInt8(ascii: ":") {
                atStart = true
            } else if !(isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")) {
                return false
            }
        }
        return !atStart
    }

    /// True when `word` could be one segment of a command name: a letter,
    /// then letters, digits, `-` or `_`.
    static func isSegment(_ word: String) -> Bool {
        let bytes = word.utf8
        guard let first = bytes.first, bytes.count <= maxCommandNameLength, isLetter(first) else { return false }
        return bytes.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    /// The first segment of a command name (`db` of `db:migrate`).
    static func firstSegment(_ name: String) -> Substring {
        guard let colon = name.utf8.firstIndex(of: UInt8(ascii: ":")) else { return name[...] }
        return name[..<colon]
    }

    /// A lowercase ASCII letter, then lowercase letters, digits and `_`.
    public static func isArgName(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, isLower(first) else { return false }
        return bytes.dropFirst().allSatisfy { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// True when two names are the same bytes. Swift's `String ==` is
    /// canonical equivalence (`"\u{212A}ill" == "Kill"`, with a KELVIN SIGN),
    /// and names and option words are ASCII: hyper compares them as bytes.
    static func same(_ name: some StringProtocol, _ other: some StringProtocol) -> Bool {
        name.utf8.elementsEqual(other.utf8)
    }

    /// True when `name` comes before `other` in byte order; the bytes are
    /// compared in place (a list of 10,000 names checks its order this way).
    static func precedes(_ name: String, _ other: String) -> Bool {
        var (name, other) = (name, other)
        return name.withUTF8 { a in
            other.withUTF8 { b in
                let common = min(a.count, b.count)
                if common > 0, let x = a.baseAddress, let y = b.baseAddress {
                    let order = memcmp(x, y, common)
                    if order != 0 { return order < 0 }
                }
                return a.count < b.count
            }
        }
    }

    /// True when `word` starts with the bytes of `prefix` (`"--x=\u{338}"`
    /// starts with `"--x="`, though `=` and U+0338 make one `Character`).
    static func hasPrefix(_ word: some StringProtocol, _ prefix: some StringProtocol) -> Bool {
        word.utf8.starts(with: prefix.utf8)
    }

    /// `word` after the first `count` bytes, which must end on a character
    /// boundary (an ASCII prefix does).
    static func dropping(_ count: Int, from word: some StringProtocol) -> String {
        String(decoding: word.utf8.dropFirst(count), as: UTF8.self)
    }

    /// `word` split at its first `=` byte: `--name=value` is (`--name`, `value`).
    static func splitAtEquals(_ word: String) -> (name: String, value: String)? {
        guard let equals = word.utf8.firstIndex(of: UInt8(ascii: "=")) else { return nil }
        return (String(decoding: word.utf8[..<equals], as: UTF8.self),
                String(decoding: word.utf8[word.utf8.index(after: equals)...], as: UTF8.self))
    }

    private static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    private static func isLetter(_ byte: UInt8) -> Bool { isLower(byte) || (byte >= 0x41 && byte <= 0x5A) }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

/// A name as a dictionary key that is compared and hashed as its UTF-8
/// bytes, never by canonical equivalence (see `Names.same`).
struct ExactName: Hashable, Sendable {
    var text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (lhs: ExactName, rhs: ExactName) -> Bool {
        Names.same(lhs.text, rhs.text)
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

extension Dictionary where Key == String {
    /// The value whose key is exactly these bytes. A plain subscript would
    /// also find a key that is only canonically equivalent.
    func exactly(_ key: String) -> Value? {
        guard let index = index(forKey: key), Names.same(self[index].key, key) else { return nil }
        return self[index].value
    }
}
