/// Checks a manifest's raw bytes before libyaml sees them.
///
/// libyaml reports bad encodings with a byte offset only, accepts a byte order
/// mark anywhere, and lets text-direction controls through, which can make a
/// `sh:` script read differently from what runs. This pass finds those first and
/// says exactly where, as line and column.
enum ByteCheck {
    static func firstProblem(in bytes: [UInt8]) -> YAMLProblem? {
        let count = bytes.count
        var index = SourceText.startsWithByteOrderMark(bytes) ? 3 : 0
        // Lines are counted only once a problem needs a position.
        var text: SourceText { SourceText(bytes) }
        if count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
            return YAMLProblem(
                kind: .invalidUTF8,
                message: "manifest is UTF-16, not UTF-8",
                span: YAMLSpan(line: 1, column: 1),
                help: "save the file as UTF-8"
            )
        }
        while index < count {
            index = skipPlainASCII(bytes, from: index)
            guard index < count else { break }
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0 {
                    return YAMLProblem(
                        kind: .nulCharacter,
                        message: "manifest contains a NUL byte",
                        span: YAMLSpan(start: text.mark(ofByte: index)),
                        help: "manifests are UTF-8 text; a NUL byte suggests a binary or UTF-16 file"
                    )
                }
                index += 1
                continue
            }
            guard let (scalar, width) = decode(bytes, at: index) else {
                return YAMLProblem(
                    kind: .invalidUTF8,
                    message: "manifest is not valid UTF-8 (byte 0x\(hex(byte)) at offset \(index))",
                    span: YAMLSpan(start: text.mark(ofByte: index)),
                    help: "save the file as UTF-8"
                )
            }
            if scalar == 0xFEFF {
                return YAMLProblem(
                    kind: .misplacedByteOrderMark,
                    message: "byte order mark (U+FEFF) in the middle of the manifest",
                    span: YAMLSpan(start: text.mark(ofByte: index)),
                    help: "a byte order mark may only start the file; remove this one"
                )
            }
            if (0x202A...0x202E).contains(scalar) || (0x2066...0x2069).contains(scalar) {
                return YAMLProblem(
                    kind: .bidiControl,
                    message: "text-direction control character U+\(hex(scalar)) in the manifest",
                    span: YAMLSpan(start: text.mark(ofByte: index)),
                    help: "it can make the text display differently from what it is; remove it"
                )
            }
            index += width
        }
        return nil
    }

    /// The first index at or after `start` whose 8-byte word holds a NUL or
    /// a non-ASCII byte: the common case, checked a word at a time.
    private static func skipPlainASCII(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBytes { raw in
            var index = start
            let high: UInt64 = 0x8080_8080_8080_8080
            let ones: UInt64 = 0x0101_0101_0101_0101
            while index + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // A high bit set, or a zero byte (the classic `(w - 1s) & ~w & highs` test).
                if word & high != 0 || (word &- ones) & ~word & high != 0 { break }
                index += 8
            }
            return index
        }
    }

    /// Decodes one multi-byte UTF-8 sequence strictly: no overlong forms, no
    /// surrogates, nothing past U+10FFFF.
    private static func decode(_ bytes: [UInt8], at index: Int) -> (UInt32, Int)? {
        let lead = bytes[index]
        let width: Int
        let minimum: UInt32
        var scalar: UInt32
        switch lead {
        case 0xC2...0xDF: width = 2; minimum = 0x80; scalar = UInt32(lead & 0x1F)
        case 0xE0...0xEF: width = 3; minimum = 0x800; scalar = UInt32(lead & 0x0F)
        case 0xF0...0xF4: width = 4; minimum = 0x10000; scalar = UInt32(lead & 0x07)
        default: return nil
        }
        guard index + width <= bytes.count else { return nil }
        for offset in 1..<width {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(next & 0x3F)
        }
        guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return nil }
        return (scalar, width)
    }

    private static func hex(_ value: some BinaryInteger) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return digits.count < 2 ? "0" + digits : (digits.count == 3 ? "0" + digits : digits)
    }
}
