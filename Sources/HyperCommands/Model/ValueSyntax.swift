/// How text becomes a typed value: one set of rules for the command line and
/// for manifest defaults.
///
/// - int: an optional `+` or `-`, then ASCII decimal digits, within `Int`.
/// - float: decimal notation with optional fraction and exponent
///   (`1`, `-0.5`, `.5`, `1e3`), finite; no `nan`, `inf` or hex.
/// - bool: `true` or `false`.
/// - str: any text, the empty string included.
enum ValueSyntax {
    static func parse(_ text: String, as type: ArgType) -> ArgValue? {
        switch type {
        case .int: parseInt(text).map(ArgValue.int)
        case .float: parseFloat(text).map(ArgValue.float)
        case .bool: parseBool(text).map(ArgValue.bool)
        case .str: .str(text)
        // Made absolute where the parser knows the folder it is relative to.
        case .path: .path(text)
        }
    }

    static func parseInt(_ text: String) -> Int? {
        var digits = text.utf8[...]
        var negative = false
        if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            let digit = Int(byte - 0x30)
            let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            if overflowA || overflowB { return nil }
            value = next
        }
        return value
    }

    static func parseFloat(_ text: String) -> Double? {
        guard isDecimalFloat(text), let value = Double(text), value.isFinite else { return nil }
        return value
    }

    static func parseBool(_ text: String) -> Bool? {
        switch text {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, YAML 1.2's core float without the specials.
    static func isDecimalFloat(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isDecimalFloat($0) }
    }

    private static func isDecimalFloat(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        let whole = digits()
        var fraction = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            fraction = digits()
        }
        guard whole > 0 || fraction > 0 else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }

    /// True for a number whose whole part has a leading zero (`010`, `-07`,
    /// `00.5`): octal in YAML 1.1, decimal in 1.2, so a manifest may not write it.
    static func hasAmbiguousLeadingZero(_ text: String) -> Bool {
        var digits = text.utf8[...]
        if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { digits = digits.dropFirst() }
        let whole = digits.prefix { $0 >= 0x30 && $0 <= 0x39 }
        return whole.count > 1 && whole.first == 0x30
    }
}
