#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `runCommand` does with a command that has `confirm:`.
public enum ConfirmationPolicy: Sendable, Hashable {
    /// Ask on the terminal; when standard input is not a terminal, refuse
    /// (never wait for an answer that cannot come).
    case ask
    /// Run as if the user answered yes (`hyper --yes`).
    case assumeYes
    /// Refuse every command that asks for confirmation.
    case refuse
}

/// A command's `confirm:` question, asked before it runs: `[y/N]`, default
/// no. Only `y` or `yes` (any case, spaces around ignored) answers yes; an
/// empty line, anything else, or the end of input answers no.
enum Confirmation {
    enum Answer: Equatable {
        case yes
        case no
        /// Standard input is not a terminal: nobody can answer.
        case noTerminal
    }

    /// Where the answer comes from: injectable, so tests need no terminal.
    struct Terminal: Sendable {
        var isTerminal: @Sendable () -> Bool
        /// The next line, without its line feed; nil at the end of input.
        var readLine: @Sendable () -> String?

        /// The process's standard input.
        static let standardInput = Terminal(isTerminal: { isatty(0) == 1 }, readLine: { Confirmation.readLine(from: 0) })
    }

    /// The longest answer read; the rest of a longer line is read and dropped.
    static let maxAnswerBytes = 256

    /// The question with its placeholders filled from the values (a value
    /// not given leaves its placeholder's text out, as in `exec`).
    static func question(_ template: String, values: ParsedArguments) -> String {
        guard case .success(let parts) = ExecTemplate.parseElement(template) else { return template }
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal): text += literal
            case .placeholder(let name): text += values[name]?.text ?? ""
            }
        }
        return text
    }

    /// Asks `question` on standard error and reads the answer.
    static func ask(_ question: String, terminal: Terminal, console: Console) -> Answer {
        guard terminal.isTerminal() else { return .noTerminal }
        console.err(TerminalText.line(question) + " [y/N] ")
        guard let line = terminal.readLine() else {
            // End of input: the prompt's line is still open.
            console.err("\n")
            return .no
        }
        let answer = line.trimmingSpaces.lowercasedASCII
        return answer == "y" || answer == "yes" ? .yes : .no
    }

    /// One line from a descriptor, byte by byte so nothing after it is
    /// consumed; at most `maxAnswerBytes` kept. Nil at the end of input
    /// before any byte, or on a read error.
    static func readLine(from fd: Int32) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        var sawAny = false
        while true {
            let count = read(fd, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { return sawAny ? String(decoding: bytes, as: UTF8.self) : nil }
            sawAny = true
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            if bytes.count < maxAnswerBytes { bytes.append(byte) }
        }
    }
}

extension String {
    /// Without spaces, tabs and carriage returns at either end.
    fileprivate var trimmingSpaces: String {
        let bytes = Array(utf8)
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0D }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// ASCII letters in lowercase; every other byte as it is.
    fileprivate var lowercasedASCII: String {
        String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}
