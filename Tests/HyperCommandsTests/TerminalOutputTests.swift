import Foundation
import Testing
@_spi(Fuzz) @testable import HyperCommands

/// What hyper prints from a manifest, a file name or the command line never
/// drives the terminal; what a manifest may hold in a text hyper shows is
/// checked by E218 at the exact character. These tests use only APIs that
/// predate `TerminalText`, so each fails (rather than fails to compile)
/// without it.
@Suite struct TerminalOutputTests {
    static let payload = "Innocent\u{1B}]0;pwned\u{07}\u{1B}[2J\rOVERWRITE"

    // MARK: printing

    /// A command defined in code is not validated like a manifest: its help
    /// is escaped where it is printed.
    @Test func helpSpellsOutControlsAndKeepsLinesAndJoiners() {
        let command = CommandDefinition(name: "evil", help: Self.payload + "\nline two \u{202E}x \u{9B}31m \u{7F} 👩\u{200D}💻", args: [
            ArgDefinition(name: "mode", default: .str("a\u{1B}[1mb"), help: "arg\u{9B}2J"),
            ArgDefinition(name: "sep", default: .str("a\nb\u{200B}")),
            ArgDefinition(name: "name", help: "first\nsecond\u{2028}third"),
        ], action: .shell("true"))
        #expect(HelpFormatter.formatHelp(command) == """
        Usage: hyper evil [OPTIONS] [mode] [sep] <name>

          Innocent<U+001B>]0;pwned<U+0007><U+001B>[2J<U+000D>OVERWRITE
          line two <U+202E>x <U+009B>31m <U+007F> 👩\u{200D}💻

        Options:
          --mode <str>  arg<U+009B>2J [default: "a\\u001b[1mb"]
          --sep <str>   [default: "a\\nb\\u200b"]
          --name <str>  first
                        second\u{2028}third [required]

        """)
    }

    @Test func listShowsTheFirstLineOfHelpEscaped() {
        let list = HelpFormatter.formatList([ListedCommand(name: "evil", help: Self.payload + "\nsecond"), ListedCommand(name: "ok", help: "👩\u{200D}💻 \u{200C}")], note: nil)
        #expect(list.hasPrefix("""
        Usage: hyper [OPTIONS] <command> [args]

        Commands:
          evil  Innocent<U+001B>]0;pwned<U+0007><U+001B>[2J<U+000D>OVERWRITE
          ok    👩\u{200D}💻 \u{200C}

        Built-in:
        """))
    }

    @Test func commandLineWordsInErrors() {
        #expect(ParseError.unknownArgument("--bad\u{1B}[2J", suggestion: nil).description == "Error: Unknown argument: --bad<U+001B>[2J")
        #expect(ParseError.invalidValue(option: "--count", source: .option, problem: .type(.int, got: "1\n\u{9B}2J")).description
            == "Error: Invalid value for --count: expected int, got '1<U+000A><U+009B>2J'")
        #expect(ParseError.invalidValue(option: "--mode", source: .environment("M\u{1B}"), problem: .choice(["a\r"], got: "\u{202E}", suggestion: "a\r")).description
            == "Error: Invalid value for --mode (from $M<U+001B>): expected one of a<U+000D>, got '<U+202E>'\nhelp: did you mean `a<U+000D>`?")
        #expect(ParseError.invalidValue(option: "--n", source: .position(2), problem: .overMaximum(got: "9\u{7}", maximum: "1")).description
            == "Error: Invalid value for --n (from the 2nd positional word): 9<U+0007> is over the maximum of 1")
        #expect(ParseError.tooManyPositionals(first: "\u{202E}x").description == "Error: Too many positional arguments (from '<U+202E>x')")
        // Option names come from validated definitions, and are escaped all the same.
        #expect(ParseError.missingRequired(option: "--a\u{1B}[2J").description == "Error: Missing required argument: --a<U+001B>[2J")
        #expect(ParseError.missingValue(option: "--a\r").description == "Error: Missing value for --a<U+000D>")
        #expect(ParseError.unknownArgument("--b", suggestion: "--a\u{9B}").description == "Error: Unknown argument: --b\nhelp: did you mean `--a<U+009B>`?")
    }

    @Test func jsonEscapesEveryControlAsAUnicodeEscape() {
        #expect(JSON.quote("a\u{1B}b\u{7F}c\u{80}d\u{9B}e\u{9F}f") == #""a\u001bb\u007fc\u0080d\u009be\u009ff""#)
        #expect(JSON.quote("\u{202E}\u{2066}\u{200E}\u{061C}\u{2028}\u{200B}\u{FEFF}") == #""\u202e\u2066\u200e\u061c\u2028\u200b\ufeff""#)
        #expect(JSON.quote("👩\u{200D}💻 ab\u{200C}c \u{A0}é\t\n") == "\"👩\u{200D}💻 ab\u{200C}c \u{A0}é\\t\\n\"")
    }

    @Test func runCommandEscapesWhatItPrints() async throws {
        let registry = CommandRegistry()
        registry.programName = "hyper"
        let captured = CapturedConsole()
        // Code is held to the manifests' rules: such help is refused (E218).
        #expect(throws: RegistrationError(message: "command `evil`: `help` of command `evil` contains control character U+001B", code: .controlCharacter,
                                          help: "a terminal would act on it instead of showing it; remove it")) {
            try registry.command("evil", help: Self.payload) { _ in }
        }
        try registry.command("evil", help: "Innocent") { _ in }
        try registry.register(CommandDefinition(name: "gone", action: .exec(ExecTemplate(program: "no-such\u{1B}]52;c;cHduZWQ=\u{07}"))))
        #expect(await registry.runCommand("evil", ["--help"], console: captured.console) == 0)
        #expect(await registry.runCommand("evil", ["--x\u{1B}[2J"], console: captured.console) == 1)
        #expect(await registry.runCommand("gone", [], console: captured.console) == 127)
        #expect(await registry.runCommand("ev\u{9B}il", [], console: captured.console) == 1)
        #expect(captured.out == "Usage: hyper evil [OPTIONS]\n\n  Innocent\n")
        #expect(captured.err == """
        Error: Unknown argument: --x<U+001B>[2J
        Error: program not found: `no-such<U+001B>]52;c;cHduZWQ=<U+0007>`
        Error: Unknown command: ev<U+009B>il
        help: did you mean `evil`?

        """)
    }

    @Test func diagnosticsSpellOutFileNamesInEveryFormat() {
        let file = "commands.d/a\u{1B}]0;x\u{07}\u{9B}.yaml"
        let diagnostic = Diagnostic(.unknownKey, "unknown key `k\u{1B}`", at: SourceLocation(file: file, line: 1, column: 1), help: "h\u{202E}")
        let renderer = DiagnosticRenderer(sources: [file: .init(Array("k\u{1B}: 1\n".utf8))])
        #expect(renderer.render([diagnostic], format: .concise)
            == "commands.d/a<U+001B>]0;x<U+0007><U+009B>.yaml:1:1: error: unknown key `k<U+001B>` [E201]\n")
        #expect(renderer.render([diagnostic], format: .github)
            == "::error file=commands.d/a<U+001B>]0;x<U+0007><U+009B>.yaml,line=1,col=1,endColumn=2,title=hyper E201::unknown key `k<U+001B>`%0Ahelp: h<U+202E>\n")
        #expect(renderer.render([diagnostic], format: .human) == """
        error[E201]: unknown key `k<U+001B>`
         --> commands.d/a<U+001B>]0;x<U+0007><U+009B>.yaml:1:1
          |
        1 | k<U+001B>: 1
          | ^
          = help: h<U+202E>


        """)
        #expect(renderer.render([diagnostic], format: .json) == """
        [
          {"file": "commands.d/a\\u001b]0;x\\u0007\\u009b.yaml", "line": 1, "column": 1, "endColumn": 2, "severity": "error", "code": "E201", "message": "unknown key `k\\u001b`", "help": "h\\u202e"}
        ]

        """)
    }

    // MARK: E218

    /// `(line, column, length, message)` of each E218 a manifest gets.
    static func shownTextErrors(_ yaml: String) -> [String] {
        ManifestLoader.decode(bytes: Array(yaml.utf8), file: "a.yaml").diagnostics.map { diagnostic in
            let at = diagnostic.location.map { "\($0.line):\($0.column)+\($0.length)" } ?? "-"
            return "\(diagnostic.code.rawValue) \(at) \(diagnostic.message)"
        }
    }

    static func command(_ help: String) -> String { "commands:\n  c:\n    help: \(help)\n    exec: [x]\n" }

    @Test func theCharacterIsLocatedInEveryScalarStyle() {
        // Plain: the raw character (U+200F passes the byte check; only U+202A–E and U+2066–9 are E116).
        #expect(Self.shownTextErrors(Self.command("ab\u{200F}c")) == ["E218 3:13+1 `help` of command `c` contains text-direction control character U+200F"])
        // Single-quoted, after an escaped quote.
        #expect(Self.shownTextErrors(Self.command("'it''s\u{061C}'")) == ["E218 3:17+1 `help` of command `c` contains text-direction control character U+061C"])
        // Double-quoted: the escape that wrote it, on the line it is on.
        #expect(Self.shownTextErrors(Self.command("\"first\n      second \\e x\"")) == ["E218 4:14+2 `help` of command `c` contains control character U+001B"])
        #expect(Self.shownTextErrors(Self.command("\"a\\\n  b\\x85\"")) == ["E218 4:4+4 `help` of command `c` contains control character U+0085"])
        #expect(Self.shownTextErrors(Self.command("\"\\\"\\t\\u00e9\\N\"")) == ["E218 3:22+2 `help` of command `c` contains control character U+0085"])
        #expect(Self.shownTextErrors(Self.command("\"x\\U0000202E\"")) == ["E218 3:13+10 `help` of command `c` contains text-direction control character U+202E"])
        // Block scalars: the header and its comment are not the text.
        #expect(Self.shownTextErrors(Self.command("> # note\u{200F}\n      one\n      two\u{200E}")) == ["E218 5:10+1 `help` of command `c` contains text-direction control character U+200E"])
        #expect(Self.shownTextErrors(Self.command("|\n      \u{200E}")) == ["E218 4:7+1 `help` of command `c` contains text-direction control character U+200E"])
    }

    /// Only help and str defaults are checked, and only for controls and
    /// text-direction controls: tab, line breaks, joiners, other invisible
    /// characters and text that is never shown (an `exec` element, an `sh`
    /// script) pass. A NUL stays E103's.
    @Test func argHelpAndStringDefaultsAreChecked() {
        let yaml = """
        commands:
          c:
            help: "tab\\tline\\nls\\L\\_zw\\u200b👩\\u200d💻\\u200c"
            exec: [printf, "\\e[1m\\x9b"]
            args:
              a: {default: "\\r", help: "\\a"}
              b: {type: int, default: 1}
              c: {default: "x\\ny", help: "\\t"}
          d:
            help: D
            sh: printf '\\033[1m'; echo "\u{200F}"

        """
        #expect(Self.shownTextErrors(yaml) == [
            "E218 6:21+2 default of `a` contains control character U+000D",
            "E218 6:33+2 `help` of arg `a` contains control character U+0007",
        ])
        #expect(Self.shownTextErrors(Self.command("\"a\\0b\"")) == ["E103 3:11+1 value contains a NUL character, which no argument or environment variable can hold"])
    }
}
