/// `hyper list [--all] [--json]`: the commands, as the help list shows
/// them, or in full as the JSON description (`CommandDescription`). `--all`
/// lists hidden commands too; as long as no command is hidden, that is the
/// same list.
struct ListCommand {
    var json = false
    var all = false

    static func usage(_ program: String, _ layout: TextLayout) -> String {
        HelpPage(usage: [[StyledText(program + " list", .literal), "[--all]", "[--json]"]], blocks: [
            .paragraph("List the commands (the same list as `\(program) --help`).", indent: 2),
            .section(StyledText("Options", .heading), [
                HelpPage.Row(.options("--all"), "List hidden commands too"),
                HelpPage.Row(.options("--json"), "Describe every command in full as JSON (version 1, see schemas/commands-description.schema.json)"),
            ]),
        ]).rendered(layout)
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
