/// Quoting for a POSIX shell (dash included: no `$'...'`).
@_spi(Fuzz) public enum ShellQuote {
    /// True when `text` needs no quotes: not empty, and only letters,
    /// digits and `-_./=:,+@%`, which no POSIX shell treats specially.
    private static func isBare(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || "-_./=:,+@%".utf8.contains(byte)
        }
    }

    /// `text` as one word: bare when it is only safe characters, else in
    /// single quotes, each `'` written `'\''`.
    static func quote(_ text: String) -> String {
        if isBare(text) { return text }
        var out = "'"
        for character in text.unicodeScalars {
            if character == "'" { out += "'\\''" } else { out.unicodeScalars.append(character) }
        }
        return out + "'"
    }

    /// `text` as one word to paste into a POSIX shell, with no character
    /// a terminal would act on: in single quotes, and each character that
    /// `TerminalText` would not print as it is (a control, a text-direction
    /// control, DEL) written `"$(printf '\033')"`, its UTF-8 bytes in octal,
    /// between the quotes. A line feed stays as it is: the word goes on
    /// over the next line, inside its quotes. (`$(...)` drops trailing line
    /// feeds, so a line feed is never written that way.)
    public static func pasteable(_ text: String) -> String {
        if isBare(text) { return text }
        var out = "'"
        for scalar in text.unicodeScalars {
            if scalar == "'" {
                out += "'\\''"
            } else if scalar == "\n" || (scalar.value >= 0x20 && TerminalText.Policy.line.keeps(TerminalText.kind(of: scalar))) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "'\"$(printf '"
                for byte in String(scalar).utf8 {
                    let octal = String(byte, radix: 8)
                    out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
                }
                out += "')\"'"
            }
        }
        return out + "'"
    }

    /// Words as one command line to paste (`pasteable` each).
    /// The first word is quoted whenever it holds `=`, which would make it
    /// an assignment rather than the command.
    static func commandLine(_ words: [String]) -> String {
        words.enumerated().map { index, word in
            index == 0 && word.utf8.contains(UInt8(ascii: "=")) ? "'" + word + "'" : pasteable(word)
        }.joined(separator: " ")
    }
}
