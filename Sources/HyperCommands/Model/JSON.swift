/// Minimal JSON writing: hyper emits JSON (diagnostics, `HYPER_ARGS_JSON`)
/// without pulling Foundation onto the start-up path.
enum JSON {
    /// A JSON string literal, escaped per RFC 8259. Beyond what JSON requires,
    /// every character `TerminalText` does not show as it is (DEL, C1,
    /// text-direction controls, zero-width characters other than joiners,
    /// U+2028 and U+2029) is a `\u` escape too, so the literal is safe to
    /// print on a terminal and means the same text.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || !TerminalText.Policy.line.keeps(TerminalText.kind(of: scalar)) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
