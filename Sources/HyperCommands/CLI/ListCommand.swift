/// `hyper list [--json]`: the commands, as the help list shows them, or in
/// full as the JSON description (`CommandDescription`).
struct ListCommand {
    var json = false
    /// `--all`: hidden commands too.
    var all = false

    static func usage(_ program: String) -> String {
        """
        Usage: \(program) list [--all] [--json]

          List the commands (the same list as `\(program) --help`).

        Options:
          --all   Show hidden commands too
          --json  Describe every command in full as JSON, hidden ones
                  included and marked (version 1, see
                  schemas/commands-description.schema.json)

        """
    }

    /// Parses the words after `list`; nil when `--help` asked for usage.
    static func parse(_ words: [String]) throws(CLIFailure) -> ListCommand? {
        var command = ListCommand()
        for word in words {
            switch word {
            case "--json": command.json = true
            case "--all": command.all = true
            case "-h", "--help": return nil
            default:
                throw .unknownArgument(word, options: ["--all", "--json", "--help"])
            }
        }
        return command
    }

    func run(cli: HyperCLI) throws(CLIFailure) -> Int32 {
        guard json else { return try cli.listCommands(includingHidden: all) }
        let project = try cli.projectCommands()
        cli.console.out(CommandDescription.json(try project.definitions(), builtIns: BuiltIn.all, program: cli.programName))
        return 0
    }
}
