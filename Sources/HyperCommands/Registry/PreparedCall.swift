#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a call of a command does once its words are parsed: the one step
/// the CLI and `runCommand` share before each runs the call its own way
/// (the CLI blocks and replaces itself with a program; `runCommand` awaits
/// and spawns one).
enum PreparedCall {
    /// `--help`: print the command's help, exit 0. The caller lays it out
    /// for its output, so a call that runs asks nothing of the terminal.
    case help
    /// A Swift handler or closure, with its values.
    case swift(CommandHandler, ParsedArguments)
    /// An `exec` or `sh` command, with its values.
    case process(ParsedArguments)
    /// A parse error or a missing handler, in the seed's words: exit 1. The
    /// whole text, `Error: ...` and `help:` lines.
    case failure(String)
}

extension CommandRegistry {
    /// Parses `words` for `command`. Warnings (a deprecated option was used)
    /// go to `warn`, a line each, before the call runs. `program` is the
    /// name an error's `help:` line calls the program by.
    func prepare(_ command: CommandDefinition, _ words: [String], context: CommandLineParser.Context, program: String,
                 warn: (String) -> Void) -> PreparedCall {
        let values: ParsedArguments
        do {
            switch try CommandLineParser.parse(words, for: command, context: context) {
            case .help: return .help
            case .values(let parsed, let warnings):
                for warning in warnings { warn(warning + "\n") }
                values = parsed
            }
        } catch {
            var text = error.description + "\n"
            // hyper's own options go before the command's name.
            if case .unknownArgument(let word, _) = error,
               let own = ["--dry-run", "--yes", "--no-index"].first(where: { Names.same($0, word) || Names.hasPrefix(word, $0 + "=") }) {
                text += "help: `\(own)` is an option of \(TerminalText.line(program))'s own: give it before the command, "
                    + "as in `\(TerminalText.line(program)) \(TerminalText.line(word)) \(TerminalText.line(command.name)) ...`\n"
            }
            return .failure(text)
        }
        switch command.action {
        case .closure(let run):
            return .swift(run, values)
        case .handler(let name):
            guard let handler = handler(named: name) else {
                return .failure(ErrorText.lines("command `\(TerminalText.line(command.name))` failed: no handler named `\(TerminalText.line(name))` is registered"))
            }
            return .swift(handler.run, values)
        case .exec, .shell:
            return .process(values)
        }
    }
}

extension CommandLineParser.Context {
    /// The process's own environment, seen from `invocationDirectory`.
    static func process(invocationDirectory: String) -> Self {
        Self(environment: { name in getenv(name).map { String(cString: $0) } }, invocationDirectory: invocationDirectory)
    }
}
