#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What hyper asks of the terminal it writes to: whether a stream takes
/// colour, and how wide the text may be. Each rule is one function with the
/// environment given, so the CLI, the tests and `Console.standard` share it.
enum Terminal {
    /// Whether a stream gets colour, by the `NO_COLOR` and `CLICOLOR_FORCE`
    /// conventions (the order clap's `anstream` uses):
    /// - `NO_COLOR` set and not empty: never (it wins over everything);
    /// - `CLICOLOR_FORCE` set, not empty and not `0`: always, even through a
    ///   pipe or with `TERM=dumb`;
    /// - `TERM` unset or `dumb`: never;
    /// - otherwise: when the stream is a terminal.
    static func usesColor(isTerminal: Bool, environment: (String) -> String?) -> Bool {
        if let value = environment("NO_COLOR"), !value.isEmpty { return false }
        if let value = environment("CLICOLOR_FORCE"), !value.isEmpty, value != "0" { return true }
        guard let term = environment("TERM"), term != "dumb" else { return false }
        return isTerminal
    }

    /// The narrowest text hyper lays out for.
    static let minimumColumns = 40
    /// The width when nothing says otherwise.
    static let defaultColumns = 80

    /// The width help and the list are laid out for: `COLUMNS` when it is a
    /// positive number, else the terminal's width (`terminalColumns`, nil when
    /// the stream is not a terminal), else 80; never below 40.
    static func columns(environment: (String) -> String?, terminalColumns: Int?) -> Int {
        let asked = environment("COLUMNS").flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        return max(minimumColumns, asked ?? terminalColumns ?? defaultColumns)
    }

    /// The width of the terminal on descriptor `fd`, or nil when it is not a
    /// terminal or does not say (a width of 0).
    static func windowColumns(_ fd: Int32) -> Int? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The process's own environment.
    static let processEnvironment: @Sendable (String) -> String? = { name in getenv(name).map { String(cString: $0) } }
}
