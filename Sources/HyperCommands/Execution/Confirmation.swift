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
/// empty line, anything else, a line over `maxAnswerBytes`, or the end of
/// input answers no.
///
/// It is asked only where someone can see it and answer: standard input and
/// standard error both a terminal, and hyper in the terminal's foreground
/// (not a background job, which the terminal would stop). Input typed
/// before the question is dropped, so an early `y` cannot answer it.
@usableFromInline
enum Confirmation {
    enum Answer: Equatable {
        case yes
        case no
        /// Standard input is not a terminal: nobody can answer.
        case noTerminal
    }

    /// Where the answer comes from: injectable, so tests need no terminal.
    @usableFromInline
    struct Terminal: Sendable {
        var isTerminal: @Sendable () -> Bool
        /// The next line, without its line feed; nil at the end of input.
        var readLine: @Sendable () -> String?

        /// The process's standard input, asked on standard error.
        @usableFromInline
        static let standardInput = Terminal(isTerminal: {
            guard isatty(0) == 1, isatty(2) == 1, tcgetpgrp(0) == getpgrp() else { return false }
            // What was typed before the question does not answer it.
            tcflush(0, TCIFLUSH)
            return true
        }, readLine: { Confirmation.readLine(from: 0) })
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
    /// consumed. Nil at the end of input before any byte, or on a read
    /// error; a line over `maxAnswerBytes` is read to its end and gives
    /// `tooLong`, which is no answer.
    static func readLine(from fd: Int32) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        var sawAny = false
        var overflowed = false
        while true {
            let count = read(fd, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            if count != 1 || byte == UInt8(ascii: "\n") {
                if count != 1 && !sawAny { return nil }
                return overflowed ? tooLong : String(decoding: bytes, as: UTF8.self)
            }
            sawAny = true
            if bytes.count < maxAnswerBytes { bytes.append(byte) } else { overflowed = true }
        }
    }

    /// What `readLine` gives for a line too long to be an answer.
    static let tooLong = "\u{FFFD}"

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
