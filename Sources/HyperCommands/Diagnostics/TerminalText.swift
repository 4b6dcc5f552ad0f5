/// Text from a manifest, a file name or the command line, made safe to show
/// on a terminal.
///
/// A terminal acts on control characters instead of showing them (ESC starts
/// sequences that retitle or clear it, or write the clipboard; CR overwrites
/// the line) and text-direction controls reorder what it shows. Every such
/// text hyper prints passes through here, and each character a policy does not
/// keep is spelt out by its code point, `<U+001B>`. One table (`Kind`) says
/// what each character is; the policies, the JSON escaping (`JSON.quote`) and
/// the manifest rule (E218) all read it.
enum TerminalText {
    /// What a character is to a terminal.
    enum Kind: Sendable, Hashable {
        /// Shown as it is. Tab is text.
        case text
        /// LF, LS (U+2028), PS (U+2029).
        case lineBreak
        /// C0 other than tab and LF, DEL, C1: a terminal acts on them.
        case control
        /// Text-direction controls: they reorder what is shown.
        case bidi
        /// Zero-width non-joiner and joiner (U+200C, U+200D): part of words in
        /// Indic and Persian scripts and of emoji sequences.
        case joiner
        /// Other zero-width characters and the byte order mark: they hide a
        /// difference between two texts that look the same.
        case invisible
    }

    static func kind(of scalar: Unicode.Scalar) -> Kind {
        switch scalar.value {
        case 0x09: .text
        case 0x0A, 0x2028, 0x2029: .lineBreak
        case 0x00...0x1F, 0x7F...0x9F: .control
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: .bidi
        case 0x200C, 0x200D: .joiner
        case 0x200B, 0x2060...0x2065, 0xFEFF: .invisible
        default: .text
        }
    }

    /// True for a character that must never reach a terminal as it is: a
    /// control or a text-direction control. A manifest may not put one in a
    /// text hyper displays (E218), so what validates prints unchanged.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch kind(of: scalar) {
        case .control, .bidi: true
        case .text, .lineBreak, .joiner, .invisible: false
        }
    }

    /// Which characters a printed text keeps as they are.
    enum Policy: Sendable {
        /// A text on one line: a name, a value, a file name, a word of the
        /// command line, a diagnostic's message. Keeps text and joiners.
        case line
        /// A text over lines, as written: help. Also keeps line breaks and
        /// invisible characters, so it spells out exactly what E218 refuses.
        case lines
        /// A source line under a diagnostic: keeps only text, so every
        /// invisible character shows where it is.
        case excerpt

        func keeps(_ kind: Kind) -> Bool {
            switch (self, kind) {
            case (_, .text): true
            case (.line, .joiner): true
            case (.lines, .lineBreak), (.lines, .joiner), (.lines, .invisible): true
            default: false
            }
        }
    }

    /// `text` with every character `policy` does not keep spelt out.
    static func escaped(_ text: String, _ policy: Policy) -> String {
        // Printable ASCII (and, for `lines`, line feeds) needs no work. A
        // loop over the bytes in place: the list of 10,000 commands asks
        // this of every name and help.
        let lineFeed: UInt8 = policy == .lines ? 0x0A : 0x09
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where !((byte >= 0x20 && byte < 0x7F) || byte == 0x09 || byte == lineFeed) { return false }
            return true
        } ?? text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 || $0 == lineFeed })
        if plain {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if policy.keeps(kind(of: scalar)) {
                out.unicodeScalars.append(scalar)
            } else {
                out += spelling(scalar)
            }
        }
        return out
    }

    /// A one-line text made safe to print (policy `line`).
    static func line(_ text: some StringProtocol) -> String {
        escaped(String(text), .line)
    }

    /// A help text made safe to print, its line breaks kept (policy `lines`).
    static func lines(_ text: some StringProtocol) -> String {
        escaped(String(text), .lines)
    }

    /// How a source excerpt shows `scalar`, or nil when it shows it as it is.
    static func excerptSpelling(_ scalar: Unicode.Scalar) -> String? {
        Policy.excerpt.keeps(kind(of: scalar)) ? nil : spelling(scalar)
    }

    /// `<U+001B>`.
    static func spelling(_ scalar: Unicode.Scalar) -> String {
        "<" + scalar.codePointName + ">"
    }

    /// Terminal columns a character takes: 0 for combining and zero-width
    /// characters, 2 for East Asian wide ones and emoji, else 1.
    static func displayWidth(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: 0
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD: 2
        default: 1
        }
    }
}
