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

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, colorOutput: Bool = false) {
        self.out = out
        self.err = err
        self.colorTest = { colorOutput }
    }

    /// The process's own stdout and stderr. Colour follows the terminal and
    /// the `NO_COLOR` convention.
    public static var standard: Console {
        var console = Console(out: { writeAll(1, $0) }, err: { writeAll(2, $0) })
        console.colorTest = {
            let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
            let dumb = getenv("TERM").map { String(cString: $0) == "dumb" } ?? true
            return isatty(1) == 1 && !noColor && !dumb
        }
        return console
    }

    static func writeAll(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
