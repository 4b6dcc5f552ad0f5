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

    /// ``did you mean `name`?``, made safe to print.
    static func didYouMean(_ name: String) -> String {
        "did you mean `\(TerminalText.line(name))`?"
    }
}
