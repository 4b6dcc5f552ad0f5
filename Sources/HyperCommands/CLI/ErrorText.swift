/// The one shape of every error hyper reports while it runs, on standard
/// error: the seed's `Error: ...` line, then a `help: ...` line for each hint.
/// Names in hints are in backticks, as rustc writes them:
///
///     Error: Unknown command: fecth
///     help: did you mean `fetch`?
///     help: run `hyper --help` to list the commands
///
/// The seed's own first lines (`Error: Missing required argument: --name`)
/// keep the seed's words; hyper's own messages are lowercase, as in rustc.
enum ErrorText {
    /// `Error: message`, then `help: hint` for each hint; each line ends in a
    /// line feed. The parts are printed as given: escape what came from
    /// outside (`TerminalText.line`) before.
    static func lines(_ message: String, help: [String] = []) -> String {
        var text = "Error: " + message + "\n"
        for hint in help { text += "help: " + hint + "\n" }
        return text
    }

    /// `text` with the label that starts each of its lines (`Error:`,
    /// `help:`, `warning:`) in colour, when `color`, as clap and rustc colour
    /// theirs; nothing else changes. Only those fixed words are wrapped in
    /// escape codes: what follows them was escaped where it was written, and
    /// a one-line text escaped by `TerminalText.line` holds no line feed, so
    /// it can never start a line and pass for a label.
    static func painted(_ text: String, color: Bool) -> String {
        guard color else { return text }
        var out = ""
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if number > 0 { out += "\n" }
            if let (label, style) = labels.first(where: { line.hasPrefix($0.0 + " ") }) {
                out += style.paint(label) + line.dropFirst(label.count)
            } else {
                out += line
            }
        }
        return out
    }

    private static let labels: [(String, TextStyle)] = [("Error:", .error), ("warning:", .warning), ("help:", .note)]

    /// ``did you mean `name`?``, made safe to print.
    static func didYouMean(_ name: String) -> String {
        "did you mean `\(TerminalText.line(name))`?"
    }
}
