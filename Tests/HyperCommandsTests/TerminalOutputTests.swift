import Foundation
import Testing
@testable import HyperCommands

/// What hyper prints from a manifest, a file name or the command line never
/// drives the terminal. These tests use only APIs that predate
/// `TerminalText`, so each fails (rather than fails to compile) without it.
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
        Usage: hyper evil [OPTIONS] <name>

          Innocent<U+001B>]0;pwned<U+0007><U+001B>[2J<U+000D>OVERWRITE
          line two <U+202E>x <U+009B>31m <U+007F> 👩\u{200D}💻

        Options:
          --mode <str>  (default: "a\\u001b[1mb")  arg<U+009B>2J
          --sep <str>  (default: "a\\nb\\u200b")
          --name <str>  (required)  first
        second\u{2028}third

        """)
    }

    @Test func listShowsTheFirstLineOfHelpEscaped() {
        let list = HelpFormatter.formatList([(name: "evil", help: Self.payload + "\nsecond"), (name: "ok", help: "👩\u{200D}💻 \u{200C}")], note: nil)
        #expect(list.hasPrefix("""
        Usage: hyper [--manifests PATH]... <command> [args]

        Commands:
          evil  Innocent<U+001B>]0;pwned<U+0007><U+001B>[2J<U+000D>OVERWRITE
          ok    👩\u{200D}💻 \u{200C}

        Built-in:
        """))
    }

    @Test func commandLineWordsInErrors() {
        #expect(ParseError.unknownArgument("--bad\u{1B}[2J", suggestion: nil).description == "Error: Unknown argument: --bad<U+001B>[2J")
        #expect(ParseError.invalidValue(option: "--count", expected: .int, got: "1\n\u{9B}2J").description
            == "Error: Invalid value for --count: expected int, got '1<U+000A><U+009B>2J'")
        #expect(ParseError.tooManyPositionals(first: "\u{202E}x").description == "Error: Too many positional arguments (from '<U+202E>x')")
    }

    @Test func jsonEscapesEveryControlAsAUnicodeEscape() {
        #expect(JSON.quote("a\u{1B}b\u{7F}c\u{80}d\u{9B}e\u{9F}f") == #""a\u001bb\u007fc\u0080d\u009be\u009ff""#)
        #expect(JSON.quote("\u{202E}\u{2066}\u{200E}\u{061C}\u{2028}\u{200B}\u{FEFF}") == #""\u202e\u2066\u200e\u061c\u2028\u200b\ufeff""#)
        #expect(JSON.quote("👩\u{200D}💻 ab\u{200C}c \u{A0}é\t\n") == "\"👩\u{200D}💻 ab\u{200C}c \u{A0}é\\t\\n\"")
    }

    @Test func runCommandEscapesWhatItPrints() async throws {
        let registry = CommandRegistry()
        let captured = CapturedConsole()
        try registry.command("evil", help: Self.payload) { _ in }
        try registry.register(CommandDefinition(name: "gone", action: .exec(ExecTemplate(program: "no-such\u{1B}]52;c;cHduZWQ=\u{07}"))))
        #expect(await registry.runCommand("evil", ["--help"], console: captured.console) == 0)
        #expect(await registry.runCommand("evil", ["--x\u{1B}[2J"], console: captured.console) == 1)
        #expect(await registry.runCommand("gone", [], console: captured.console) == 127)
        #expect(await registry.runCommand("ev\u{9B}il", [], console: captured.console) == 1)
        #expect(captured.out == "Usage: hyper evil [OPTIONS]\n\n  Innocent<U+001B>]0;pwned<U+0007><U+001B>[2J<U+000D>OVERWRITE\n")
        #expect(captured.err == """
        Error: Unknown argument: --x<U+001B>[2J
        hyper: program not found: `no-such<U+001B>]52;c;cHduZWQ=<U+0007>`
        Unknown command: ev<U+009B>il

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
}
