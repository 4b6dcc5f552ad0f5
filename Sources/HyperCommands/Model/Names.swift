/// The naming rules of the manifest format.
@_spi(Fuzz) public enum Names {
    /// Longest command name.
    public static let maxCommandNameLength = 64

    /// Names that hyper's own subcommands use, sorted (`BuiltIn.all`). A
    /// list, not a set: every declared name is checked against it, and five
    /// comparisons of short strings cost less than hashing one.
    public static let reservedCommands = BuiltIn.names

    /// A letter, then ASCII letters, digits, `-` or `_`; at most 64 characters.
    public static func isCommandName(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, bytes.count <= maxCommandNameLength, isLetter(first) else { return false }
        return bytes.dropFirst().allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    /// A lowercase ASCII letter, then lowercase letters, digits and `_`.
    public static func isArgName(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, isLower(first) else { return false }
        return bytes.dropFirst().allSatisfy { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    private static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    private static func isLetter(_ byte: UInt8) -> Bool { isLower(byte) || (byte >= 0x41 && byte <= 0x5A) }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
