/// A manifest's bytes with their lines, split the way libyaml splits them.
///
/// YAML breaks lines at LF, CR, CRLF (one break), NEL (U+0085), LS (U+2028) and
/// PS (U+2029). Using the same rule as libyaml keeps the lines shown under a
/// diagnostic in step with the line numbers libyaml reports.
package struct SourceText: Sendable {
    package let bytes: [UInt8]
    /// Byte offset where each line starts; `lineStarts[0] == 0`.
    package let lineStarts: [Int]

    package init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var index = 0
        let count = bytes.count
        while index < count {
            let width = SourceText.breakWidth(bytes, at: index)
            if width > 0 {
                index += width
                starts.append(index)
            } else {
                index += 1
            }
        }
        self.lineStarts = starts
    }

    /// The width in bytes of the line break at `index`, or 0 if none starts there.
    static func breakWidth(_ bytes: [UInt8], at index: Int) -> Int {
        let byte = bytes[index]
        switch byte {
        case 0x0A:
            return 1
        case 0x0D:
            return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
        case 0xC2:
            return index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : 0
        case 0xE2:
            if index + 2 < bytes.count, bytes[index + 1] == 0x80,
               bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                return 3
            }
            return 0
        default:
            return 0
        }
    }

    package var lineCount: Int { lineStarts.count }

    /// The 1-based line and column of a byte offset, the column counted in
    /// Unicode scalars (continuation bytes of UTF-8 do not count).
    package func mark(ofByte offset: Int) -> YAMLMark {
        let clamped = min(max(0, offset), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        var column = 1
        var index = lineStarts[low]
        while index < clamped {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        // A BOM at the very start is not part of the text.
        if low == 0, hasByteOrderMark, clamped >= 3 { column -= 1 }
        return YAMLMark(line: low + 1, column: column)
    }

    /// The byte offset of a 1-based line and column (the inverse of
    /// `mark(ofByte:)`), or nil when the line has no such column. Given a
    /// position already found earlier on the same line, counts on from there:
    /// positions asked for in order then cost, together, one pass over a line.
    package func offset(of mark: YAMLMark, after known: (mark: YAMLMark, offset: Int)? = nil) -> Int? {
        guard mark.line >= 1, mark.line <= lineStarts.count, mark.column >= 1 else { return nil }
        var index = lineStarts[mark.line - 1]
        if mark.line == 1, hasByteOrderMark { index = 3 }
        let end = mark.line < lineStarts.count ? lineStarts[mark.line] : bytes.count
        var column = 1
        if let known, known.mark.line == mark.line, known.mark.column <= mark.column {
            index = known.offset
            column = known.mark.column
        }
        while column < mark.column {
            guard index < end else { return nil }
            index += 1
            while index < end, bytes[index] & 0xC0 == 0x80 { index += 1 }
            column += 1
        }
        return index
    }

    /// The text of a 1-based line, without its line break (and without a leading
    /// BOM on line 1), or nil past the end.
    package func line(_ number: Int) -> String? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        var start = lineStarts[number - 1]
        if number == 1, hasByteOrderMark { start = 3 }
        var end = bytes.count
        if number < lineStarts.count {
            end = lineStarts[number]
            end -= trailingBreakWidth(endingAt: end)
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The width of the line break that ends just before `end`.
    private func trailingBreakWidth(endingAt end: Int) -> Int {
        if end >= 2, bytes[end - 2] == 0x0D, bytes[end - 1] == 0x0A { return 2 }
        if end >= 3, bytes[end - 3] == 0xE2, bytes[end - 2] == 0x80 { return 3 }
        if end >= 2, bytes[end - 2] == 0xC2 { return 2 }
        return 1
    }

    /// True when the text starts with a UTF-8 byte order mark.
    package var hasByteOrderMark: Bool { Self.startsWithByteOrderMark(bytes) }

    static func startsWithByteOrderMark(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }
}
