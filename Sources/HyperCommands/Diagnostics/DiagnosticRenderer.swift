import HyperYAML

/// Turns diagnostics into text in one of the `DiagnosticFormat`s.
struct DiagnosticRenderer: Sendable {
    /// The manifests' text by displayed path, for showing source lines.
    var sources: [String: SourceText]
    /// ANSI colours (human format only).
    var color: Bool
    /// How many diagnostics of one file `human`, `concise` and `github` print;
    /// the rest are counted on one line (`... and 7,980 more in a.yaml`).
    /// `json` always has them all.
    var limitPerFile: Int

    init(sources: [String: SourceText] = [:], color: Bool = false, limitPerFile: Int = 20) {
        self.sources = sources
        self.color = color
        self.limitPerFile = limitPerFile
    }

    func render(_ diagnostics: [Diagnostic], format: DiagnosticFormat) -> String {
        let one: (Diagnostic) -> String
        switch format {
        case .human: one = human
        case .concise: one = concise
        case .github: one = github
        case .json: return json(diagnostics)
        }
        var total: [String: Int] = [:]
        for diagnostic in diagnostics {
            if let file = diagnostic.location?.file { total[file, default: 0] += 1 }
        }
        var printed: [String: Int] = [:]
        var out = ""
        for diagnostic in diagnostics {
            guard let file = diagnostic.location?.file else {
                out += one(diagnostic)
                continue
            }
            let count = printed[file, default: 0] + 1
            printed[file] = count
            guard count <= limitPerFile else { continue }
            out += one(diagnostic)
            if count == limitPerFile, let all = total[file], all > count {
                out += "... and \(Self.grouped(all - count)) more in \(TerminalText.line(file))\n"
                if format == .human { out += "\n" }
            }
        }
        return out
    }

    /// `7,980`.
    static func grouped(_ number: Int) -> String {
        var digits = String(number)
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: digits.index(digits.startIndex, offsetBy: index))
            index -= 3
        }
        return digits
    }

    // MARK: human

    func human(_ diagnostic: Diagnostic) -> String {
        let severity = diagnostic.severity.rawValue
        var out = paint("\(severity)[\(diagnostic.code.rawValue)]", diagnostic.severity == .error ? "1;31" : "1;33")
            + paint(": \(TerminalText.line(diagnostic.message))", "1") + "\n"
        guard let location = diagnostic.location else {
            if let help = diagnostic.help { out += "  = " + paint("help", "1") + ": " + Self.helpLines(help, indent: 10) }
            return out + "\n"
        }
        let number = String(location.line)
        let pad = String(repeating: " ", count: number.count)
        out += pad + paint("--> ", "1;34") + "\(TerminalText.line(location.file)):\(location.line):\(location.column)\n"
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
            out += "\(pad) " + paint("= help", "1") + ": " + Self.helpLines(help, indent: pad.count + 9)
        }
        return out + "\n"
    }

    /// A help text's lines, each made safe to show, the ones after the first
    /// indented under the first (a help may end with an example to write).
    static func helpLines(_ help: String, indent: Int) -> String {
        let margin = String(repeating: " ", count: indent)
        return help.split(separator: "\n", omittingEmptySubsequences: false)
            .map { TerminalText.line($0) }.joined(separator: "\n" + margin) + "\n"
    }

    /// The widest stretch of a source line a diagnostic shows, in display
    /// columns, and how much of it comes before the span when a longer line
    /// is cut. One flow mapping on one 79 KB line must not be printed whole
    /// under each of its thousands of problems.
    static let excerptWidth = 120
    static let excerptContext = 40

    /// The line as displayed (tabs expanded, invisible and control characters
    /// spelt out) and where, in display columns, the caret run starts and how
    /// wide it is. A line wider than `excerptWidth` is cut to a window around
    /// the span, each cut end marked `…`, with the caret still under the span.
    static func layout(_ line: String, column: Int, length: Int) -> (String, Int, Int) {
        func width(_ scalar: Unicode.Scalar) -> Int {
            if scalar == "\t" { return 4 }
            if let spelt = TerminalText.excerptSpelling(scalar) { return spelt.utf8.count }
            return TerminalText.displayWidth(scalar)
        }
        // Where the span starts and ends, in display columns, and the line's width.
        var total = 0
        var caretStart = -1
        var caretEnd = -1
        var index = 1
        for scalar in line.unicodeScalars {
            if index == column { caretStart = total }
            total += width(scalar)
            if index == column + length - 1 { caretEnd = total }
            index += 1
        }
        if caretStart < 0 { caretStart = total }
        if caretEnd < caretStart { caretEnd = max(total, caretStart + 1) }

        // The window: the whole line if it fits, else `excerptWidth` columns
        // starting a little before the span (or ending at the line's end).
        var low = 0
        var high = total
        if total > excerptWidth {
            low = max(0, caretStart - excerptContext)
            high = low + excerptWidth
            if high > total {
                high = total
                low = total - excerptWidth
            }
        }
        var shown = ""
        var from = -1
        var to = 0
        var at = 0
        for scalar in line.unicodeScalars {
            let start = at
            at += width(scalar)
            guard start >= low else { continue }
            guard at <= high else { break }
            if from < 0 { from = start }
            to = at
            if scalar == "\t" {
                shown += "    "
            } else if let spelt = TerminalText.excerptSpelling(scalar) {
                shown += spelt
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        if from < 0 { from = total; to = total }
        let cutBefore = from > 0
        if cutBefore { shown = "…" + shown }
        if to < total { shown += "…" }
        let caretWidth = max(1, min(caretEnd, to) - caretStart)
        return (shown, caretStart - from + (cutBefore ? 1 : 0), caretWidth)
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    // MARK: concise

    func concise(_ diagnostic: Diagnostic) -> String {
        let place = diagnostic.location.map { "\(TerminalText.line($0.file)):\($0.line):\($0.column): " } ?? "hyper: "
        return "\(place)\(diagnostic.severity.rawValue): \(TerminalText.line(diagnostic.message)) [\(diagnostic.code.rawValue)]\n"
    }

    // MARK: github

    func github(_ diagnostic: Diagnostic) -> String {
        var properties: [String] = []
        if let location = diagnostic.location {
            properties.append("file=" + Self.escapeProperty(TerminalText.line(location.file)))
            properties.append("line=\(location.line)")
            properties.append("col=\(location.column)")
            properties.append("endColumn=\(location.column + location.length)")
        }
        properties.append("title=" + Self.escapeProperty("hyper \(diagnostic.code.rawValue)"))
        var message = TerminalText.line(diagnostic.message)
        if let help = diagnostic.help {
            message += "\nhelp: " + help.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.line($0) }.joined(separator: "\n")
        }
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

    func json(_ diagnostics: [Diagnostic]) -> String {
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
