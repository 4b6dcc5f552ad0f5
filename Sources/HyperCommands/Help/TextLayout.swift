/// How hyper lays out help and the list: the width to wrap at and whether to
/// colour. Text is broken only at spaces, so no word (and no character) is
/// ever cut; a word wider than the space overflows its line.
///
/// Widths are terminal columns of the text as printed (already escaped, so
/// no control character is left): each Unicode scalar is 1 column, except
/// East Asian wide ones and emoji, 2, and combining and zero-width ones, 0
/// (`TerminalText.displayWidth`, a few ranges, not the full Unicode tables;
/// an emoji sequence joined by U+200D counts each of its emoji).
struct TextLayout: Sendable, Equatable {
    var width: Int
    var color: Bool

    /// 80 columns, no colour: what `formatHelp` gives a program that embeds hyper.
    static let plain = TextLayout(width: Terminal.defaultColumns, color: false)

    /// The columns `text` takes on a terminal.
    static func columns(_ text: some StringProtocol) -> Int {
        // ASCII, the usual case, counted in place: one column a byte.
        if let ascii = text.utf8.withContiguousStorageIfAvailable({ bytes -> Int? in
            for byte in bytes where byte >= 0x80 { return nil }
            return bytes.count
        }), let count = ascii {
            return count
        }
        var count = 0
        for byte in text.utf8 {
            if byte >= 0x80 {
                return text.unicodeScalars.reduce(0) { $0 + TerminalText.displayWidth($1) }
            }
            count += 1
        }
        return count
    }

    /// True when `text` can be printed as it is in `width` columns: one
    /// line of printable ASCII, no wider, not ending in a space.
    static func fitsAsIs(_ text: String, width: Int) -> Bool {
        guard text.utf8.count <= width else { return false }
        // The bytes in place, when the string has them so (almost always).
        if let fits = text.utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
            for byte in bytes where !(byte >= 0x20 && byte < 0x7F) { return false }
            return bytes.last != UInt8(ascii: " ")
        }) {
            return fits
        }
        var last: UInt8 = 0
        for byte in text.utf8 {
            guard byte >= 0x20 && byte < 0x7F else { return false }
            last = byte
        }
        return last != UInt8(ascii: " ")
    }

    /// `text` broken at spaces into lines of at most `width` columns (a
    /// word wider than that gets a line of its own). The first line keeps
    /// the spaces `text` starts with; the others start with `hanging`
    /// spaces, counted in `width`. Spaces where a line breaks are dropped;
    /// the others are kept as written.
    static func wrap(_ text: StyledText, width: Int, hanging: Int) -> [StyledText] {
        var words: [(gap: Int, word: StyledText)] = []
        var gap = 0
        var word = StyledText()
        for span in text.spans {
            var rest = Substring(span.text)
            while !rest.isEmpty {
                if rest.first == " " {
                    let spaces = rest.prefix { $0 == " " }
                    if !word.isEmpty {
                        words.append((gap, word))
                        word = StyledText()
                        gap = 0
                    }
                    gap += spaces.count
                    rest = rest.dropFirst(spaces.count)
                } else {
                    let piece = rest.prefix { $0 != " " }
                    word.append(String(piece), span.style)
                    rest = rest.dropFirst(piece.count)
                }
            }
        }
        if !word.isEmpty { words.append((gap, word)) }
        return wrap(words: words, width: width, hanging: hanging)
    }

    /// Words, each with the spaces before it, laid into lines as `wrap`
    /// does; a word is never broken, whatever it holds.
    static func wrap(words: [(gap: Int, word: StyledText)], width: Int, hanging: Int) -> [StyledText] {
        var lines: [StyledText] = []
        var line = StyledText()
        var used = 0
        var lineHasWord = false
        for (gap, word) in words {
            let wordWidth = word.width
            if !lineHasWord {
                if lines.isEmpty {
                    line.append(String(repeating: " ", count: gap))
                    used = gap
                }
            } else if used + gap + wordWidth <= width {
                line.append(String(repeating: " ", count: gap))
                used += gap
            } else {
                lines.append(line)
                line = StyledText(String(repeating: " ", count: hanging))
                used = hanging
            }
            line.append(word)
            used += wordWidth
            lineHasWord = true
        }
        lines.append(lineHasWord ? line : StyledText())
        return lines
    }

    /// A plain text over lines (help, already escaped) as lines of at most
    /// `width` columns. Each line is wrapped on its own; a line that starts
    /// with spaces continues under its first word, and a `- ` item under
    /// its text. Blank lines stay, as empty lines.
    static func paragraphs(_ text: String, width: Int) -> [String] {
        let text = text.utf8.contains(9) ? text.replacingTabs() : text
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if columns(line) <= width {
                // Fits: only trailing spaces go.
                var end = line.endIndex
                while end > line.startIndex, line[line.index(before: end)] == " " { end = line.index(before: end) }
                lines.append(String(line[..<end]))
                continue
            }
            let leading = line.prefix { $0 == " " }.count
            let item = line.dropFirst(leading).hasPrefix("- ") ? 2 : 0
            for wrapped in wrap(StyledText(String(line)), width: width, hanging: leading + item) {
                lines.append(wrapped.rendered(color: false))
            }
        }
        return lines
    }

    /// `text` without the line breaks and spaces it ends with: a block
    /// scalar's final line feed must not become a blank line.
    static func trimmedEnd(_ text: String) -> String {
        var end = text.endIndex
        while end > text.startIndex {
            let before = text.index(before: end)
            guard text[before] == "\n" || text[before] == " " else { break }
            end = before
        }
        return String(text[..<end])
    }
}
