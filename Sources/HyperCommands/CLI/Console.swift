#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the CLI writes: standard output and standard error, or, in tests,
/// anything else.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    /// True when standard output is a terminal that takes colour. Asked only
    /// when something is printed, so a call that runs a program never asks.
    public var colorOutput: Bool {
        get { colorTest() }
        set { colorTest = { newValue } }
    }
    private var colorTest: @Sendable () -> Bool
    /// True when standard error takes colour (`Error:`, `help:`, `warning:`
    /// and diagnostics); asked only when an error is printed.
    var colorError: Bool {
        get { errorColorTest() }
        set { errorColorTest = { newValue } }
    }
    private var errorColorTest: @Sendable () -> Bool
    /// The width of the terminal standard output is, or nil when it is not
    /// one; asked only when help or the list is printed.
    var outputColumns: @Sendable () -> Int?
    /// The first failed write to each standard stream, for a console that
    /// writes to them (`standard`); nil for one made of other closures.
    let streams: StandardStreams?

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, colorOutput: Bool = false) {
        self.out = out
        self.err = err
        self.colorTest = { colorOutput }
        errorColorTest = { false }
        outputColumns = { nil }
        streams = nil
    }

    private init(streams: StandardStreams) {
        out = { streams.write(1, $0) }
        err = { streams.write(2, $0) }
        colorTest = { Terminal.usesColor(isTerminal: isatty(1) == 1, environment: Terminal.processEnvironment) }
        errorColorTest = { Terminal.usesColor(isTerminal: isatty(2) == 1, environment: Terminal.processEnvironment) }
        outputColumns = { Terminal.windowColumns(1) }
        self.streams = streams
    }

    /// The process's own stdout and stderr. Colour on each follows
    /// `Terminal.usesColor`: a terminal, `NO_COLOR`, `CLICOLOR_FORCE` and
    /// `TERM`. A failed write is remembered, and `HyperCLI.run` reports it and
    /// fails the call.
    public static var standard: Console {
        Console(streams: StandardStreams())
    }

    /// How help and the list are laid out on standard output: its colour, and
    /// the width `Terminal.columns` gives with `environment`.
    func outputLayout(environment: (String) -> String?) -> TextLayout {
        TextLayout(width: Terminal.columns(environment: environment, terminalColumns: outputColumns()), color: colorOutput)
    }

    /// Writes all of `text`; the `errno` of a failed write, or nil.
    static func writeAll(_ fd: Int32, _ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if written == 0 { return EIO }
                offset += written
            }
            return nil
        }
    }
}

/// Standard output and standard error, and the first error each write to
/// them met: output that was lost must not end in exit status 0.
final class StandardStreams: Sendable {
    /// The first failures, under a mutex of their own (not a `Lock`: see
    /// `PthreadMutex`).
    private final class Failures: @unchecked Sendable {
        private let mutex = PthreadMutex()
        // Only touched under `mutex`.
        private var output: Int32?
        private var error: Int32?

        func record(_ code: Int32, onOutput: Bool) {
            mutex.withLock {
                if onOutput { output = output ?? code } else { error = error ?? code }
            }
        }

        var first: (output: Int32?, error: Int32?) {
            mutex.withLock { (output, error) }
        }
    }

    private let failures = Failures()

    func write(_ fd: Int32, _ text: String) {
        guard let code = Console.writeAll(fd, text) else { return }
        failures.record(code, onOutput: fd == 1)
    }

    /// Records a failure met outside `write` (flushing `print`'s buffer).
    func recordOutputFailure(_ code: Int32) {
        failures.record(code, onOutput: true)
    }

    /// The `errno` of the first failed write to standard output, and to standard error.
    var failed: (output: Int32?, error: Int32?) {
        failures.first
    }
}
