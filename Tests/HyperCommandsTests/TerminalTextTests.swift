import Testing
@_spi(Fuzz) @testable import HyperCommands

/// The one table of characters and its policies.
@Suite struct TerminalTextTests {
    @Test func theTable() {
        let kinds: [(UInt32, TerminalText.Kind)] = [
            (0x41, .text), (0x09, .text), (0xA0, .text), (0x0435, .text), (0x1F469, .text),
            (0x0A, .lineBreak), (0x2028, .lineBreak), (0x2029, .lineBreak),
            (0x00, .control), (0x07, .control), (0x0B, .control), (0x0D, .control), (0x1B, .control), (0x1F, .control),
            (0x7F, .control), (0x80, .control), (0x85, .control), (0x9B, .control), (0x9F, .control),
            (0x061C, .bidi), (0x200E, .bidi), (0x200F, .bidi), (0x202A, .bidi), (0x202E, .bidi), (0x2066, .bidi), (0x2069, .bidi),
            (0x200C, .joiner), (0x200D, .joiner),
            (0x200B, .invisible), (0x2060, .invisible), (0x2064, .invisible), (0xFEFF, .invisible),
        ]
        for (value, kind) in kinds {
            #expect(TerminalText.kind(of: Unicode.Scalar(value)!) == kind, "U+\(String(value, radix: 16))")
        }
        #expect(TerminalText.isUnsafe("\u{1B}") && TerminalText.isUnsafe("\u{9B}") && TerminalText.isUnsafe("\u{202E}"))
        #expect(!TerminalText.isUnsafe("\t") && !TerminalText.isUnsafe("\n") && !TerminalText.isUnsafe("\u{200D}") && !TerminalText.isUnsafe("\u{200B}"))
    }

    @Test func thePolicies() {
        let text = "a\tb\nc\u{1B}[2J\r\u{9B}\u{7F}\u{202E}\u{2028}\u{200D}\u{200B}\u{FEFF}é"
        #expect(TerminalText.line(text) == "a\tb<U+000A>c<U+001B>[2J<U+000D><U+009B><U+007F><U+202E><U+2028>\u{200D}<U+200B><U+FEFF>é")
        #expect(TerminalText.lines(text) == "a\tb\nc<U+001B>[2J<U+000D><U+009B><U+007F><U+202E>\u{2028}\u{200D}\u{200B}\u{FEFF}é")
        #expect(text.unicodeScalars.map { TerminalText.excerptSpelling($0) ?? String($0) }.joined()
            == "a\tb<U+000A>c<U+001B>[2J<U+000D><U+009B><U+007F><U+202E><U+2028><U+200D><U+200B><U+FEFF>é")
        #expect(TerminalText.line("plain ASCII, unchanged") == "plain ASCII, unchanged")
        #expect(TerminalText.lines("two\nlines") == "two\nlines")
    }

    /// What `lines` spells out is exactly what E218 refuses, so a help text
    /// that validates prints unchanged.
    @Test func helpThatValidatesPrintsUnchanged() {
        let disagreeing = (UInt32(0)...0x2FFFF).compactMap(Unicode.Scalar.init).filter { scalar in
            (TerminalText.lines(String(scalar)) != String(scalar)) != TerminalText.isUnsafe(scalar)
        }
        #expect(disagreeing == [])
    }
}
