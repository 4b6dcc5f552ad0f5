/// Quoting for a POSIX shell (dash included: no `$'...'`).
enum ShellQuote {
    /// `text` as one word: bare when it is only safe characters, else in
    /// single quotes, each `'` written `'\''`.
    static func quote(_ text: String) -> String {
        let safe = !text.isEmpty && text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || "-_./=:,+@%".utf8.contains(byte)
        }
        if safe { return text }
        var out = "'"
        for character in text.unicodeScalars {
            if character == "'" { out += "'\\''" } else { out.unicodeScalars.append(character) }
        }
        return out + "'"
    }
}
