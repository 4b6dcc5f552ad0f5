import HyperYAML

/// Turns diagnostics into text in one of the `DiagnosticFormat`s.
public struct DiagnosticRenderer: Sendable {
    /// The manifests' text by displayed path, for showing source lines.
    public var sources: [String: SourceText]
    /// ANSI colours (human format only).
    public var color: Bool

    public init(sources: [String: SourceText] = [:], color: Bool = false) {
        self.sources = sources
        self.color = color
    }

    public func render(_ diagnostics: [Diagnostic], format: DiagnosticFormat) -> String {
        switch format {
        case .human: diagnostics.map(human).joined()
        case .concise: diagnostics.map(concise).joined()
        case .github: diagnostics.map(github).joined()
        case .json: json(diagnostics)
        }
    }

    // MARK: human

    public func human(_ diagnostic: Diagnostic) -> String {
        let severity = diagnostic.severity.rawValue
        var out = paint("\(severity)[\(diagnostic.code.rawValue)]", diagnostic.severity == .error ? "1;31" : "1;33")
            + paint(": \(Self.visible(diagnostic.message))", "1") + "\n"
        guard let location = diagnostic.location else {
            if let help = diagnostic.help { out += "  = " + paint("help", "1") + ": \(Self.visible(help))\n" }
            return out + "\n"
        }
        let number = String(location.line)
        let pad = String(repeating: " ", count: number.count)
        out += pad + paint("--> ", "1;34") + "\(Self.visible(location.file)):\(location.line):\(location.column)\n"
        if let line = sources[location.file]?.line(location.line) {
            let (shown, caretStart, caretWidth) = Self.layout(line, column: location.column, length: location.length)
            let bar = paint("|", "1;34")
            out += "\(pad) \(bar)\n"
            out += paint(number, "1;34") + " \(bar) \(shown)\n"
            let carets = String(repeating: "^", count: caretWidth)
            out += "\(pad) \(bar) " + String(repeating: " ", count: caretStart)
                + paint(carets, diagnostic.severity == .error ? "1;31" : "1;33") + "\n"
        }
        if let help = diagnostic.help {
            out += "\(pad) " + paint("= help", "1") + ": \(Self.visible(help))\n"
        }
        return out + "\n"
    }

    /// The line as displayed (tabs expanded, invisible and control characters
    /// spelt out) and where, in display columns, the caret run starts and how
    /// wide it is.
    static func layout(_ line: String, column: Int, length: Int) -> (String, Int, Int) {
        var shown = ""
        var width = 0
        var caretStart = -1
        var caretEnd = -1
        var index = 1
        for scalar in line.unicodeScalars {
            if index == column { caretStart = width }
            if scalar == "\t" {
                shown += "    "
                width += 4
            } else if let spelt = spelledOut(scalar) {
                shown += spelt
                width += spelt.count
            } else {
                shown.unicodeScalars.append(scalar)
                width += displayWidth(scalar)
            }
            if index == column + length - 1 { caretEnd = width }
            index += 1
        }
        if caretStart < 0 { caretStart = width }
        if caretEnd < caretStart { caretEnd = max(width, caretStart + 1) }
        return (shown, caretStart, max(1, caretEnd - caretStart))
    }

    /// `<U+202E>` for a character that must not reach a terminal as it is:
    /// controls (which could drive the terminal), text-direction controls (which
    /// reorder what is shown), zero-width characters and byte order marks.
    static func spelledOut(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x00...0x08, 0x0A...0x1F, 0x7F...0x9F, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069, 0xFEFF:
            return "<\(scalar.codePointName)>"
        default:
            return nil
        }
    }

    /// Text from a manifest made safe to print: every character `spelledOut`
    /// names is replaced by its name.
    static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if let spelt = spelledOut(scalar) { out += spelt } else { out.unicodeScalars.append(scalar) }
        }
        return out
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

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    // MARK: concise

    public func concise(_ diagnostic: Diagnostic) -> String {
        let place = diagnostic.location.map { "\($0.file):\($0.line):\($0.column): " } ?? "hyper: "
        return "\(place)\(diagnostic.severity.rawValue): \(Self.visible(diagnostic.message)) [\(diagnostic.code.rawValue)]\n"
    }

    // MARK: github

    public func github(_ diagnostic: Diagnostic) -> String {
        var properties: [String] = []
        if let location = diagnostic.location {
            properties.append("file=" + Self.escapeProperty(location.file))
            properties.append("line=\(location.line)")
            properties.append("col=\(location.column)")
            properties.append("endColumn=\(location.column + location.length)")
        }
        properties.append("title=" + Self.escapeProperty("hyper \(diagnostic.code.rawValue)"))
        var message = Self.visible(diagnostic.message)
        if let help = diagnostic.help { message += "\nhelp: " + Self.visible(help) }
        return "::\(diagnostic.severity.rawValue) \(properties.joined(separator: ","))::\(Self.escapeData(message))\n"
    }

    static func escapeData(_ text: String) -> String {
        var out = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).split(separator: ":", omittingEmptySubsequences: false).joined(separator: "%3A")
            .split(separator: ",", omittingEmptySubsequences: false).joined(separator: "%2C")
    }

    // MARK: json

    public func json(_ diagnostics: [Diagnostic]) -> String {
        guard !diagnostics.isEmpty else { return "[]\n" }
        let objects = diagnostics.map { diagnostic -> String in
            var fields: [String] = []
            if let location = diagnostic.location {
                fields.append("\"file\": \(JSON.quote(location.file))")
                fields.append("\"line\": \(location.line)")
                fields.append("\"column\": \(location.column)")
                fields.append("\"endColumn\": \(location.column + location.length)")
            } else {
                fields.append("\"file\": null")
                fields.append("\"line\": null")
                fields.append("\"column\": null")
                fields.append("\"endColumn\": null")
            }
            fields.append("\"severity\": \(JSON.quote(diagnostic.severity.rawValue))")
            fields.append("\"code\": \(JSON.quote(diagnostic.code.rawValue))")
            fields.append("\"message\": \(JSON.quote(diagnostic.message))")
            fields.append("\"help\": " + (diagnostic.help.map(JSON.quote) ?? "null"))
            return "  {" + fields.joined(separator: ", ") + "}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }
}
