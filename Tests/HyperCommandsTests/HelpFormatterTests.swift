import Testing
@_spi(Fuzz) @testable import HyperCommands

@Suite struct HelpFormatterTests {
    @Test func theSeedsShape() {
        let seed = CommandDefinition(name: "seed", help: "Seed the database with test data", args: [
            ArgDefinition(name: "count", type: .int, default: .int(100)),
            ArgDefinition(name: "verbose", type: .bool),
        ], action: .handler("seed"))
        #expect(HelpFormatter.formatHelp(seed) == """
        Usage: hyper seed [OPTIONS] [count]

          Seed the database with test data

        Options:
          --count <int>  [default: 100]
          --verbose

        """)
    }

    @Test func requiredArgsHelpAndDefaults() {
        let command = CommandDefinition(name: "fetch", help: "Fetch data\nfrom the network", args: [
            ArgDefinition(name: "url", help: "Where from"),
            ArgDefinition(name: "timeout", type: .int, default: .int(30), help: "Seconds"),
            ArgDefinition(name: "label", default: .str(""), help: "A label"),
            ArgDefinition(name: "color", type: .bool, default: .bool(true)),
            ArgDefinition(name: "dry_run", type: .bool, help: "Print only"),
            ArgDefinition(name: "tag", required: false),
        ], action: .shell("true"))
        #expect(HelpFormatter.formatHelp(command) == """
        Usage: hyper fetch [OPTIONS] <url> [timeout] [label] [tag]

          Fetch data
          from the network

        Options:
          --url <str>      Where from [required]
          --timeout <int>  Seconds [default: 30]
          --label <str>    A label [default: ""]
          --[no-]color     [default: true]
          --dry-run        Print only
          --tag <str>

        """)
    }

    @Test func noArgsNoHelp() {
        #expect(HelpFormatter.formatHelp(CommandDefinition(name: "cleanup", action: .shell("true"))) == "Usage: hyper cleanup [OPTIONS]\n")
    }

    /// Every key of an arg, in one command.
    @Test func theArgumentKeys() {
        let command = CommandDefinition(name: "serve", help: "Serve the site", args: [
            ArgDefinition(name: "root", type: .path, default: .path("."), help: "What to serve"),
            ArgDefinition(name: "port", type: .int, default: .int(8000), help: "Where to listen", short: "p", env: "PORT",
                          minimum: .int(1), maximum: .int(65535)),
            ArgDefinition(name: "mode", default: .str("fast"), help: "How to build",
                          choices: [.init(.str("fast"), help: "Skip the slow checks"), .init(.str("full"), help: "Everything\nand more"), .init(.str("a b"))]),
            ArgDefinition(name: "level", type: .int, default: .int(1), choices: [.init(.int(1)), .init(.int(2))]),
            ArgDefinition(name: "tag", required: false, short: "t", multiple: true),
            ArgDefinition(name: "token", env: "API_TOKEN"),
            ArgDefinition(name: "color", type: .bool, default: .bool(true), short: "c"),
            ArgDefinition(name: "verbose", type: .bool, short: "v"),
            ArgDefinition(name: "old_root", type: .path, required: false, deprecated: "use --root"),
            ArgDefinition(name: "legacy", type: .bool, deprecated: ""),
            ArgDefinition(name: "secret", default: .str("x"), hidden: true),
            ArgDefinition(name: "server_args", help: "Passed to the server", rest: true),
        ], action: .shell("true"))
        #expect(HelpFormatter.formatHelp(command) == """
        Usage: hyper serve [OPTIONS] [root] [port] [mode] [level] [tag]...
               [-- SERVER_ARGS...]

          Serve the site

        Options:
              --root <path>      What to serve [default: .]
          -p, --port <int>       Where to listen [default: 8000] [min: 1] [max: 65535]
                                 [env: PORT]
              --mode <str>       How to build [default: fast]
                                 Possible values:
                                 - fast: Skip the slow checks
                                 - full: Everything
                                   and more
                                 - "a b"
              --level <int>      [default: 1] [possible values: 1, 2]
          -t, --tag <str>...
              --token <str>      [required] [env: API_TOKEN]
          -c, --[no-]color       [default: true]
          -v, --verbose
              --old-root <path>  [deprecated: use --root]
              --legacy           [deprecated]
              -- SERVER_ARGS...  Passed to the server

        """)
    }

    /// Positionals in order up to the first list, which takes every word left.
    @Test func theUsageLine() {
        let copy = CommandDefinition(name: "cp", args: [
            ArgDefinition(name: "dest"),
            ArgDefinition(name: "sources", type: .path, multiple: true),
            ArgDefinition(name: "mode", default: .str("a")),
            ArgDefinition(name: "force", type: .bool),
        ], action: .shell("true"))
        #expect(HelpFormatter.formatHelp(copy).hasPrefix("Usage: hyper cp [OPTIONS] <dest> <sources>...\n"))
        let test = CommandDefinition(name: "test", args: [ArgDefinition(name: "args", rest: true)], action: .shell("true"))
        #expect(HelpFormatter.formatHelp(test) == "Usage: hyper test [OPTIONS] [-- ARGS...]\n\nOptions:\n  -- ARGS...\n")
    }

    /// A variable set but empty counts as unset: `[env: PORT]` is the
    /// value when `PORT` is set and not empty (see `CommandLineParser`).
    @Test func anEmptyVariableIsUnsetAsTheHelpSays() throws {
        let command = CommandDefinition(name: "c", args: [ArgDefinition(name: "port", type: .int, default: .int(1), env: "PORT")], action: .shell("true"))
        #expect(HelpFormatter.formatHelp(command).contains("--port <int>  [default: 1] [env: PORT]"))
        let empty = CommandLineParser.Context(environment: { $0 == "PORT" ? "" : nil }, invocationDirectory: "/")
        guard case .values(let parsed, _) = try CommandLineParser.parse([], for: command, context: empty) else { return }
        #expect(parsed.int("port") == 1)
    }

    @Test func hiddenArgsAreLeftOut() {
        let command = CommandDefinition(name: "c", args: [ArgDefinition(name: "secret", hidden: true)], action: .shell("true"))
        #expect(HelpFormatter.formatHelp(command) == "Usage: hyper c [OPTIONS]\n")
    }
}
