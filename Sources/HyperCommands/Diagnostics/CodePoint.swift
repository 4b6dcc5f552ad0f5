extension Unicode.Scalar {
    /// `U+0435`: how diagnostics name a character they cannot show as it is.
    var codePointName: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
