/// What a call of a command does once its words are parsed: the one step
/// the CLI and `runCommand` share before each runs the call its own way
/// (the CLI blocks and replaces itself with a program; `runCommand` awaits
/// and spawns one).
enum PreparedCall {
    /// `--help`: print this text, exit 0.
    case help(String)
    /// A Swift handler or closure, with its values.
    case swift(CommandHandler, ParsedArguments)
    /// An `exec` or `sh` command, with its values.
    case process(ParsedArguments)
    /// A parse error or a missing handler, in the seed's words: exit 1.
    case failure(String)
}

extension CommandRegistry {
    func prepare(_ command: CommandDefinition, _ words: [String]) -> PreparedCall {
        let values: ParsedArguments
        do {
            switch try CommandLineParser.parse(words, for: command) {
            case .help: return .help(HelpFormatter.formatHelp(command))
            case .values(let parsed): values = parsed
            }
        } catch {
            return .failure(error.description)
        }
        switch command.action {
        case .closure(let run):
            return .swift(run, values)
        case .handler(let name):
            guard let handler = handler(named: name) else {
                return .failure("Command '\(TerminalText.line(command.name))' failed: no handler named `\(TerminalText.line(name))` is registered")
            }
            return .swift(handler.run, values)
        case .exec, .shell:
            return .process(values)
        }
    }
}
