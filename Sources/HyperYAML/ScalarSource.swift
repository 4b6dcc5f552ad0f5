/// Finds where a character of a scalar's text was written, by reading the
/// scalar's source again from its start.
///
/// Only called once a reader knows the character is in the text, so the scan
/// can take the first match: everything a scalar's source holds between its
/// start and that character is its text, folded whitespace and line breaks
/// (which are skipped), and, in double quotes, escapes (which are decoded).
enum ScalarSource {
    /// `start` is the byte offset of the scalar's start.
    static func span(ofFirstIn scalar: YAMLScalarRef, at start: Int, source: SourceText,
                     where matches: (Unicode.Scalar) -> Bool) -> YAMLSpan? {
        var index = start
        let bytes = source.bytes
        var line = scalar.span.start.line
        var column = scalar.span.start.column

        /// Steps over a line break at `index`, if one is there.
        func skipBreak() -> Bool {
            let width = SourceText.breakWidth(bytes, at: index)
            guard width > 0 else { return false }
            index += width
            line += 1
            column = 1
            return true
        }

        switch scalar.style {
        case .doubleQuoted, .singleQuoted:
            index += 1
            column += 1
        case .literal, .folded:
            // The header line (`|`, `>-`, a comment) holds none of the text.
            while index < bytes.count, !skipBreak() { index += 1 }
        case .plain:
            break
        }
        while index < bytes.count {
            if skipBreak() { continue }
            let byte = bytes[index]
            if scalar.style == .doubleQuoted {
                if byte == UInt8(ascii: "\"") { return nil }
                if byte == UInt8(ascii: "\\") {
                    guard index + 1 < bytes.count else { return nil }
                    let start = column
                    index += 1
                    column += 1
                    if skipBreak() { continue }  // an escaped line break
                    guard let (value, length) = escape(bytes, at: index) else { return nil }
                    if matches(value) { return YAMLSpan(line: line, column: start, length: length + 1) }
                    index += length
                    column += length
                    continue
                }
            } else if scalar.style == .singleQuoted, byte == UInt8(ascii: "'") {
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "'") else { return nil }
                index += 2
                column += 2
                continue
            }
            let (value, width) = decode(bytes, at: index)
            if matches(value) { return YAMLSpan(line: line, column: column, length: 1) }
            index += width
            column += 1
        }
        return nil
    }

    /// Where the UTF-8 bytes `range` of a scalar's `text` were written, for
    /// the styles whose source holds the text as it is (see
    /// `YAMLEventStream.sourceSpan(ofText:in:)`); nil for the others.
    static func span(ofText range: Range<Int>, in scalar: YAMLScalarRef, text: UnsafeBufferPointer<UInt8>,
                     source: SourceText) -> YAMLSpan? {
        func characters(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence) -> [Unicode.Scalar] {
            Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        }
        let before = characters(text[..<range.lowerBound])
        let inside = characters(text[range])
        let start = scalar.span.start
        switch scalar.style {
        case .plain, .singleQuoted:
            // On one line, the source between the scalar's ends is its text
            // (quoted, with each `'` doubled): compare, or it spans lines.
            guard let line = source.line(start.line).map({ Array($0.unicodeScalars) }) else { return nil }
            let all = characters(text[...])
            var written = all
            var quotesBefore = 0
            var quotesInside = 0
            if scalar.style == .singleQuoted {
                written = ["'"] + all.flatMap { $0 == "'" ? ["'", "'"] : [$0] } + ["'"]
                quotesBefore = before.count { $0 == "'" } + 1
                quotesInside = inside.count { $0 == "'" }
            }
            let from = start.column - 1
            guard from + written.count <= line.count, scalar.span.length == written.count,
                  line[from..<(from + written.count)].elementsEqual(written) else { return nil }
            return YAMLSpan(line: start.line, column: start.column + before.count + quotesBefore, length: inside.count + quotesInside)
        case .literal:
            // The text's lines are the lines after the header, each written
            // after the block's indentation; libyaml keeps LS and PS as they
            // are and turns the other breaks into LF.
            func isBreak(_ character: Unicode.Scalar) -> Bool {
                character == "\n" || character == "\u{2028}" || character == "\u{2029}"
            }
            guard !inside.contains(where: isBreak) else { return nil }
            let lineIndex = before.count(where: isBreak)
            let column = before.count - (before.lastIndex(where: isBreak).map { $0 + 1 } ?? 0)
            let rest = characters(text[range.lowerBound...])
            let textLine = before[(before.count - column)...] + rest.prefix { !isBreak($0) }
            guard let line = source.line(start.line + 1 + lineIndex).map({ Array($0.unicodeScalars) }),
                  line.count >= textLine.count, line.suffix(textLine.count).elementsEqual(textLine) else { return nil }
            return YAMLSpan(line: start.line + 1 + lineIndex, column: line.count - textLine.count + column + 1, length: inside.count)
        case .doubleQuoted, .folded:
            return nil
        }
    }

    /// The character a double-quoted escape stands for, and how many
    /// characters follow its backslash (`e`: 1, `x9b`: 3, `u202E`: 5).
    private static func escape(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        let simple: UInt32? = switch bytes[index] {
        case UInt8(ascii: "0"): 0x00
        case UInt8(ascii: "a"): 0x07
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "t"), 0x09: 0x09
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "v"): 0x0B
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "e"): 0x1B
        case UInt8(ascii: " "): 0x20
        case UInt8(ascii: "\""): 0x22
        case UInt8(ascii: "/"): 0x2F
        case UInt8(ascii: "\\"): 0x5C
        case UInt8(ascii: "N"): 0x85
        case UInt8(ascii: "_"): 0xA0
        case UInt8(ascii: "L"): 0x2028
        case UInt8(ascii: "P"): 0x2029
        default: nil
        }
        if let simple { return Unicode.Scalar(simple).map { ($0, 1) } }
        let digits = switch bytes[index] {
        case UInt8(ascii: "x"): 2
        case UInt8(ascii: "u"): 4
        case UInt8(ascii: "U"): 8
        default: 0
        }
        guard digits > 0, index + digits < bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[(index + 1)...(index + digits)] {
            guard let digit = hexValue(byte) else { return nil }
            value = value << 4 | digit
        }
        return Unicode.Scalar(value).map { ($0, digits + 1) }
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// One character of text already checked to be UTF-8, and its width in bytes.
    private static func decode(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        let width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard index + width <= bytes.count else { return (Unicode.Scalar(0xFFFD)!, 1) }
        var value = width == 1 ? UInt32(lead) : UInt32(lead) & (0x7F >> width)
        for offset in 1..<width {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? Unicode.Scalar(0xFFFD)!, width)
    }
}
