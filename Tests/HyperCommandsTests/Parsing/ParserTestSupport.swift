@_spi(Fuzz) @testable import HyperCommands
import Testing

/// A command defined for a parser test: its args, run by `sh -c true`.
func testCommand(_ name: String = "c", root: String? = nil, _ args: ArgDefinition...) -> CommandDefinition {
    CommandDefinition(name: name, args: args, action: .shell("true"), root: root)
}

/// The parser's inputs from outside the words: an environment given as a
/// dictionary, and the folder hyper was invoked in.
func parseContext(_ environment: [String: String] = [:], in directory: String = "/home/u/proj/sub") -> CommandLineParser.Context {
    CommandLineParser.Context(environment: { environment[$0] }, invocationDirectory: directory)
}

/// The values `words` parse to; records an issue if they ask for help.
func parsedValues(_ words: [String], _ command: CommandDefinition, _ context: CommandLineParser.Context = parseContext()) throws -> [String: ArgValue] {
    guard case .values(let parsed, _) = try CommandLineParser.parse(words, for: command, context: context) else {
        Issue.record("asked for help")
        return [:]
    }
    return parsed.values
}

/// The warnings parsing `words` collects.
func parseWarnings(_ words: [String], _ command: CommandDefinition, _ context: CommandLineParser.Context = parseContext()) throws -> [String] {
    guard case .values(_, let warnings) = try CommandLineParser.parse(words, for: command, context: context) else {
        Issue.record("asked for help")
        return []
    }
    return warnings
}

/// The error text parsing `words` fails with; nil when it succeeds.
func parseError(_ words: [String], _ command: CommandDefinition, _ context: CommandLineParser.Context = parseContext()) -> String? {
    do {
        _ = try CommandLineParser.parse(words, for: command, context: context)
        return nil
    } catch {
        return error.description
    }
}

/// True when `words` ask for help.
func asksHelp(_ words: [String], _ command: CommandDefinition) throws -> Bool {
    try CommandLineParser.parse(words, for: command, context: parseContext()) == .help
}
