/// hyper's own commands, in one table that everything reads: the dispatch,
/// the help list, did-you-mean, `hyper help NAME`, the reserved names that
/// manifests and code may not use (`Names.reservedCommands`), and the JSON
/// Schema (a test keeps its list equal to this one).
///
/// A reserved name takes that name away from every project, so the set is
/// decided once: `help`, `validate`, `version`, `completions` and `list`.
/// Every later feature of hyper's own comes as an option (`hyper --dry-run`,
/// `hyper validate --schema`), never as a new reserved name.
struct BuiltIn: Sendable {
    let name: String
    /// The words after `hyper`, as the help list shows them.
    let synopsis: String
    let summary: String
    /// The whole `--help` text, for the name the program is called by
    /// (already made safe to print), laid out for `layout`.
    let usage: @Sendable (_ program: String, _ layout: TextLayout) -> String
    let run: @Sendable (HyperCLI, [String]) throws(CLIFailure) -> Int32

    static let all: [BuiltIn] = [
        BuiltIn(
            name: "help", synopsis: "help [command]", summary: "Show this list, or a command's help",
            usage: { program, layout in
                HelpPage(usage: [[StyledText(program + " help", .literal), "[command]"]],
                         blocks: [.paragraph("Show the list of commands, or one command's help.", indent: 2)]).rendered(layout)
            },
            run: { cli, words throws(CLIFailure) in try cli.help(words) }
        ),
        BuiltIn(
            name: "list", synopsis: "list [--all] [--json]", summary: "List the commands; --all lists hidden ones too, --json describes them in full",
            usage: ListCommand.usage,
            run: { cli, words throws(CLIFailure) in
                guard let command = try ListCommand.parse(words) else { return cli.printUsage(of: "list") }
                return try command.run(cli: cli)
            }
        ),
        BuiltIn(
            name: "validate", synopsis: "validate [PATH...]", summary: "Check the manifests (--format, --strict), or print their JSON Schema (--schema)",
            usage: ValidateCommand.usage,
            run: { cli, words throws(CLIFailure) in
                guard let command = try ValidateCommand.parse(words) else { return cli.printUsage(of: "validate") }
                return command.run(cli: cli)
            }
        ),
        BuiltIn(
            name: "version", synopsis: "version", summary: "Print hyper's version",
            usage: { program, layout in
                HelpPage(usage: [[StyledText(program + " version", .literal)]],
                         blocks: [.paragraph("Print hyper's version (also `\(program) --version`, `\(program) -V`).", indent: 2)]).rendered(layout)
            },
            run: { cli, words throws(CLIFailure) in
                if let word = words.first {
                    if word == "-h" || word == "--help" { return cli.printUsage(of: "version") }
                    throw .unknownArgument(word, options: ["--help"])
                }
                return cli.printVersion()
            }
        ),
        BuiltIn(
            name: "completions", synopsis: "completions bash|zsh|fish", summary: "Print the shell script that completes commands on Tab (--trust: run this project's completers)",
            usage: CompletionsCommand.usage,
            run: { cli, words throws(CLIFailure) in
                guard let command = try CompletionsCommand.parse(words) else { return cli.printUsage(of: "completions") }
                return try command.run(cli: cli)
            }
        ),
    ]

    /// The built-in with this name (compared as bytes).
    static func named(_ name: String) -> BuiltIn? {
        all.first { $0.name.utf8.elementsEqual(name.utf8) }
    }

    /// The reserved names, sorted.
    static let names: [String] = all.map(\.name).sorted()
}

extension HyperCLI {
    /// Prints a built-in's `--help` text.
    func printUsage(of builtIn: String) -> Int32 {
        console.out(BuiltIn.named(builtIn)!.usage(shownProgramName, outputLayout))
        return 0
    }

    /// `hyper 0.1.0`; a program that embeds hyper under another name says
    /// whose version it is: `hyper-example (hyper 0.1.0)`.
    func printVersion() -> Int32 {
        console.out(programName == "hyper" ? "hyper \(Self.version)\n" : "\(shownProgramName) (hyper \(Self.version))\n")
        return 0
    }
}
