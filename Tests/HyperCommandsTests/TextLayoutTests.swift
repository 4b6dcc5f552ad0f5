import Foundation
import Testing
@_spi(Fuzz) @testable import HyperCommands

/// The one layout of help, the list and the built-ins' usage: widths,
/// wrapping, the list's headings, and the colour rule.
@Suite struct TextLayoutTests {
    static let expected = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/expected/help")

    static func expectGolden(_ output: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = expected.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["HYPER_UPDATE_GOLDEN"] == "1" {
            try Data(output.utf8).write(to: url)
        }
        let golden = try Data(contentsOf: url)
        #expect(Data(output.utf8) == golden, "\(name) differs:\n\(output)", sourceLocation: sourceLocation)
    }

    // MARK: the rules

    @Test func theColourRule() {
        func color(_ terminal: Bool, _ variables: [String: String]) -> Bool {
            Terminal.usesColor(isTerminal: terminal, environment: { variables[$0] })
        }
        #expect(color(true, ["TERM": "xterm"]))
        #expect(!color(false, ["TERM": "xterm"]))
        #expect(!color(true, [:]), "no TERM")
        #expect(!color(true, ["TERM": "dumb"]))
        #expect(!color(true, ["TERM": "xterm", "NO_COLOR": "1"]))
        #expect(!color(true, ["TERM": "xterm", "NO_COLOR": "0"]), "any value but empty")
        #expect(color(true, ["TERM": "xterm", "NO_COLOR": ""]), "empty is unset")
        #expect(color(false, ["CLICOLOR_FORCE": "1"]))
        #expect(color(false, ["CLICOLOR_FORCE": "yes", "TERM": "dumb"]))
        #expect(!color(false, ["CLICOLOR_FORCE": "0", "TERM": "xterm"]))
        #expect(!color(false, ["CLICOLOR_FORCE": "", "TERM": "xterm"]))
        #expect(!color(true, ["CLICOLOR_FORCE": "1", "NO_COLOR": "1", "TERM": "xterm"]))
    }

    @Test func theWidthRule() {
        func columns(_ value: String?, terminal: Int?) -> Int {
            Terminal.columns(environment: { $0 == "COLUMNS" ? value : nil }, terminalColumns: terminal)
        }
        #expect(columns(nil, terminal: nil) == 80)
        #expect(columns(nil, terminal: 132) == 132)
        #expect(columns("100", terminal: 132) == 100)
        #expect(columns("0", terminal: 132) == 132)
        #expect(columns("-1", terminal: nil) == 80)
        #expect(columns("wide", terminal: nil) == 80)
        #expect(columns("99999999999999999999", terminal: nil) == 80)
        #expect(columns("12", terminal: nil) == 40)
        #expect(columns(nil, terminal: 20) == 40)
    }

    // MARK: wrapping

    static func wrapped(_ text: String, _ width: Int) -> [String] {
        TextLayout.paragraphs(text, width: width)
    }

    @Test func wrapsAtSpacesOnly() {
        #expect(Self.wrapped("one two three four", 9) == ["one two", "three", "four"])
        // A word wider than the line overflows it, whole.
        #expect(Self.wrapped("a https://example.com/a/very/long/path b", 10) == ["a", "https://example.com/a/very/long/path", "b"])
        // Spaces inside a line are kept; at a break they go.
        #expect(Self.wrapped("a  b    c", 6) == ["a  b", "c"])
        // Blank lines stay; trailing spaces go.
        #expect(Self.wrapped("one\n\ntwo   \n", 10) == ["one", "", "two", ""])
        // An indented line continues under its first word, an item under its text.
        #expect(Self.wrapped("    code that wraps", 12) == ["    code", "    that", "    wraps"])
        #expect(Self.wrapped("- an item that wraps", 10) == ["- an item", "  that", "  wraps"])
        // A tab is four columns.
        #expect(Self.wrapped("\tx y", 6) == ["    x", "    y"])
    }

    @Test func widthsAreTerminalColumns() {
        #expect(TextLayout.columns("abc") == 3)
        #expect(TextLayout.columns("日本") == 4)
        #expect(TextLayout.columns("e\u{301}") == 1)
        #expect(TextLayout.columns("<U+001B>") == 8)
        // Wide characters fill a line by their columns.
        #expect(Self.wrapped("日本 語語 x", 7) == ["日本", "語語 x"])
        // Escape codes are never counted.
        let styled = StyledText("Options", .heading)
        #expect(styled.width == 7)
        #expect(styled.rendered(color: true) == "\u{1B}[1;4mOptions\u{1B}[0m")
    }

    // MARK: help

    /// A `help: |` block ends with a line feed: no blank line is added, and
    /// the blank lines inside are kept as written.
    @Test func helpKeepsItsBlankLinesAndNoMore() {
        let command = CommandDefinition(name: "c", help: "First.\n\n\nSecond.\n\n", args: [ArgDefinition(name: "verbose", type: .bool, help: "Say more\n")],
                                        action: .shell("true"))
        #expect(HelpFormatter.formatHelp(command) == "Usage: hyper c [OPTIONS]\n\n  First.\n\n\n  Second.\n\nOptions:\n  --verbose  Say more\n")
    }

    /// A long left cell puts its text on the next line, at the column.
    @Test func aWideLeftCellPutsItsTextBelow() {
        let command = CommandDefinition(name: "c", args: [
            ArgDefinition(name: "a", type: .bool, help: "Short"),
            ArgDefinition(name: "a_very_long_option_name_indeed", type: .path, help: "Long", required: false),
        ], action: .shell("true"))
        #expect(HelpFormatter.formatHelp(command, layout: TextLayout(width: 40, color: false)) == """
        Usage: hyper c [OPTIONS]
               [a_very_long_option_name_indeed]

        Options:
          --a  Short
          --a-very-long-option-name-indeed <path>
               Long

        """)
    }

    /// Colour goes around escaped text only, never inside a word of a manifest.
    @Test func colourWrapsOnlyEscapedNames() {
        let command = CommandDefinition(name: "evil\u{1B}[2J", help: "x\u{1B}]0;t\u{07}", args: [ArgDefinition(name: "n", type: .bool, help: "h\u{9B}")],
                                        action: .shell("true"))
        let text = HelpFormatter.formatHelp(command, layout: TextLayout(width: 80, color: true))
        #expect(text == "\u{1B}[1;4mUsage:\u{1B}[0m \u{1B}[1mhyper evil<U+001B>[2J\u{1B}[0m [OPTIONS]\n\n  x<U+001B>]0;t<U+0007>\n\n"
            + "\u{1B}[1;4mOptions:\u{1B}[0m\n  \u{1B}[1m--n\u{1B}[0m  h<U+009B>\n")
    }

    // MARK: the list

    static let listed: [ListedCommand] = [
        ListedCommand(name: "serve", aliases: ["s"], help: "Run the development server"),
        ListedCommand(name: "migrate", aliases: ["m", "mig"], help: "Apply the migrations, every one that has not been applied yet, in order", group: "Database"),
        ListedCommand(name: "test", help: "Run the tests\nwith pytest", group: "Checks"),
        ListedCommand(name: "build", help: "Build the site"),
        ListedCommand(name: "dump", help: "Write the database to a file", group: "Database"),
        ListedCommand(name: "lint", help: "", group: "Checks"),
        ListedCommand(name: "db:reset", help: "Drop every table", group: "Database"),
    ]

    /// Ungrouped commands under `Commands:`, then each group in the order
    /// it first appears; names in byte order under each; aliases beside names.
    @Test(arguments: [40, 80, 120], [false, true])
    func groupedList(width: Int, color: Bool) throws {
        let text = HelpFormatter.formatList(Self.listed, note: nil, layout: TextLayout(width: width, color: color))
        try Self.expectGolden(text, "grouped-list-\(width)\(color ? "-color" : "").txt")
    }

    @Test func groupedListHeadingsInOrder() {
        let text = HelpFormatter.formatList(Self.listed, note: nil)
        let headings = text.split(separator: "\n").filter { !$0.hasPrefix(" ") && $0.hasSuffix(":") }
        #expect(headings == ["Commands:", "Database:", "Checks:", "Built-in:", "Options:"])
        #expect(text.contains("\n  migrate, m, mig  Apply the migrations"))
        #expect(text.contains("\nDatabase:\n  db:reset         Drop every table\n  dump  "))
    }

    @Test func aNamespace() {
        let commands = [
            ListedCommand(name: "db:seed", help: "Fill the database", group: "Data"),
            ListedCommand(name: "db", help: "Not in the namespace"),
            ListedCommand(name: "dbx:a", help: "Another namespace"),
            ListedCommand(name: "db:migrate", aliases: ["m"], help: "Apply the migrations\nmore"),
        ]
        #expect(HelpFormatter.formatNamespace("db", commands) == """
        Usage: hyper db <command> [args]

        Commands in db:
          db:migrate, m  Apply the migrations
          db:seed        Fill the database

        Run `hyper db <command> --help` for a command's options.

        """)
    }

    /// 10,000 commands: each listed once, in byte order (`cmd10` before `cmd2`).
    @Test func tenThousandCommands() {
        let commands = (0..<10_000).map { ListedCommand(name: "cmd\($0)", help: "Benchmark command \($0)") }
        let text = HelpFormatter.formatList(commands, note: nil)
        #expect(text.split(separator: "\n").count(where: { $0.hasPrefix("  cmd") }) == 10_000)
        #expect(text.contains("\n  cmd9999  Benchmark command 9999\n"))
        #expect(text.contains("\n  cmd1999  Benchmark command 1999\n  cmd2     Benchmark command 2\n"))
    }

    // MARK: errors

    @Test func errorLabelsArePaintedOnlyAtTheStartOfALine() {
        let text = "Error: bad `help: x`\nhelp: do this\nwarning: careful\n  help: not a label\nhelp:x\n"
        #expect(ErrorText.painted(text, color: false) == text)
        #expect(ErrorText.painted(text, color: true) == "\u{1B}[1;31mError:\u{1B}[0m bad `help: x`\n\u{1B}[1mhelp:\u{1B}[0m do this\n"
            + "\u{1B}[1;33mwarning:\u{1B}[0m careful\n  help: not a label\nhelp:x\n")
    }
}
