import Testing
@_spi(Fuzz) @testable import HyperCommands

@Suite struct HelpFormatterTests {
    @Test func theSeedsShape() {
        let seed = CommandDefinition(name: "seed", help: "Seed the database with test data", args: [
            ArgDefinition(name: "count", type: .int, default: .int(100)),
            ArgDefinition(name: "verbose", type: .bool),
        ], action: .handler("seed"))
        #expect(HelpFormatter.formatHelp(seed) == """
        Usage: hyper seed [OPTIONS]

          Seed the database with test data

        Options:
          --count <int>  (default: 100)
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
        Usage: hyper fetch [OPTIONS] <url>

          Fetch data
          from the network

        Options:
          --url <str>  (required)  Where from
          --timeout <int>  (default: 30)  Seconds
          --label <str>  (default: "")  A label
          --color  (default: true)
          --dry-run  Print only
          --tag <str>

        """)
    }

    @Test func noArgsNoHelp() {
        #expect(HelpFormatter.formatHelp(CommandDefinition(name: "cleanup", action: .shell("true"))) == "Usage: hyper cleanup [OPTIONS]\n")
    }
}
