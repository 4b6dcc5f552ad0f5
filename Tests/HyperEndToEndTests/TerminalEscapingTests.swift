import Foundation
import Testing

/// The real binary never lets a manifest, a file name or a command-line word
/// drive the terminal: exact bytes of what it prints for each way in.
@Suite struct TerminalEscapingTests {
    /// Retitles the terminal (OSC 0), clears it (CSI 2J), overwrites the line
    /// (CR), reverses the text (U+202E) and starts a C1 sequence (U+009B), all
    /// written as YAML escapes: no raw control byte is in the file.
    static let evil = """
    commands:
      evil:
        help: "Innocent\\e]0;pwned\\a\\e[2J\\rOVERWRITE \\u202E \\x9b31m"
        exec: [printf, "%s\\n", "{mode}"]
        args:
          mode: {default: safe, help: "Mode\\x9b2J"}

    """

    static let evilErrors = """
    error[E218]: `help` of command `evil` contains control character U+001B
     --> commands.d/evil.yaml:3:20
      |
    3 |     help: "Innocent\\e]0;pwned\\a\\e[2J\\rOVERWRITE \\u202E \\x9b31m"
      |                    ^^
      = help: a terminal would act on it instead of showing it; remove it

    error[E218]: `help` of arg `mode` contains control character U+009B
     --> commands.d/evil.yaml:6:40
      |
    6 |       mode: {default: safe, help: "Mode\\x9b2J"}
      |                                        ^^^^
      = help: a terminal would act on it instead of showing it; remove it

    Error: `evil` has errors in its manifest; nothing was run
    help: run `hyper validate` to check every manifest

    """

    /// The manifest no longer validates, so neither the list nor the
    /// command's help shows its text; the diagnostics show the escapes as written.
    @Test func controlCharactersInHelpAreRefused() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/evil.yaml", Self.evil)
        let list = try project.run([])
        #expect(list.status == 0 && !list.stdout.contains("evil") && !list.stdout.contains("Innocent"), "\(list)")
        #expect(list.stderr == "warning: 1 manifest has errors, so some commands do not run; run `hyper validate` to see them\n")
        #expect(try project.run(["evil", "--help"]) == RunResult(status: 1, stdout: "", stderr: Self.evilErrors))
        #expect(try project.run(["validate", "--format", "concise"]) == RunResult(status: 1, stdout: """
        commands.d/evil.yaml:3:20: error: `help` of command `evil` contains control character U+001B [E218]
        commands.d/evil.yaml:6:40: error: `help` of arg `mode` contains control character U+009B [E218]

        """, stderr: ""))
    }

    /// Text that validates prints as it is (line breaks of help, joiners;
    /// a tab as four spaces, so the layout knows its width); a default is
    /// one line, so its line feed is shown as `\n`.
    @Test func textThatValidatesPrintsAsWritten() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/hi.yaml", """
        commands:
          hi:
            help: "Says hi \\U0001F469\\u200D\\U0001F4BB\\nin two lines,\\tone with a tab"
            exec: [printf, "%s\\n", "{sep}"]
            args:
              sep: {default: "a\\nb", help: "Between \\u0645\\u06CC\\u200C\\u062E\\u0648\\u0627\\u0647\\u0645"}

        """)
        let list = "Usage: hyper [OPTIONS] <command> [args]\n\nCommands:\n  hi  Says hi 👩\u{200D}💻\n"
        // The first call loads the manifests and writes the index; the second reads the index.
        for _ in 0..<2 {
            let result = try project.run([])
            #expect(result.status == 0)
            #expect(result.stdout.hasPrefix(list + "\nBuilt-in:\n"), "\(result)")
        }
        #expect(try project.run(["hi", "--help"]) == RunResult(status: 0, stdout: """
        Usage: hyper hi [OPTIONS] [sep]

          Says hi 👩\u{200D}💻
          in two lines,    one with a tab

        Options:
          --sep <str>  Between \u{645}\u{6CC}\u{200C}\u{62E}\u{648}\u{627}\u{647}\u{645} [default: "a\\nb"]

        """, stderr: ""))
    }

    /// OSC 52 would write the clipboard; an `exec` element is never shown, so
    /// it validates, and the program's name is escaped when it is not found.
    @Test func programNotFound() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/gone.yaml", """
        commands:
          gone:
            help: Runs a program that is not there
            exec: ["no-such\\e]52;c;cHduZWQ=\\a"]

        """)
        #expect(try project.run(["validate"]) == RunResult(status: 0, stdout: "1 manifest, 1 command: 0 errors, 0 warnings\n", stderr: ""))
        #expect(try project.run(["gone"]) == RunResult(status: 127, stdout: "", stderr: "Error: program not found: `no-such<U+001B>]52;c;cHduZWQ=<U+0007>`\n"))
    }

    static let greet = """
    commands:
      greet:
        help: Greet
        exec: [printf, "%s\\n", "{count}"]
        args:
          count: int

    """

    /// Command-line words echoed in errors: unknown commands, unknown
    /// arguments, invalid values, extra positionals, hyper's own options.
    @Test(arguments: [
        (["\u{1B}]0;pwned\u{07}"], 2, "Error: Unknown command: <U+001B>]0;pwned<U+0007>\nhelp: run `hyper --help` to list the commands\n"),
        (["gree\u{202E}"], 2, "Error: Unknown command: gree<U+202E>\nhelp: did you mean `greet`?\nhelp: run `hyper --help` to list the commands\n"),
        (["greet", "--bad\u{1B}[2J"], 1, "Error: Unknown argument: --bad<U+001B>[2J\n"),
        (["greet", "--count", "1\u{1B}[2J"], 1, "Error: Invalid value for --count: expected int, got '1<U+001B>[2J'\n"),
        (["greet", "--count=\r\u{9B}2J"], 1, "Error: Invalid value for --count: expected int, got '<U+000D><U+009B>2J'\n"),
        (["greet", "1", "\u{9B}2J\nnext"], 1, "Error: Too many positional arguments (from '<U+009B>2J<U+000A>next')\n"),
        (["--bad\u{1B}[2J"], 2, "Error: Unknown argument: --bad<U+001B>[2J\n"),
        (["help", "greet", "\u{1B}c"], 2, "Error: Too many positional arguments (from '<U+001B>c')\n"),
        (["validate", "--format", "\u{1B}[2J"], 2, "Error: Invalid value for --format: expected human, concise, github or json, got '<U+001B>[2J'\n"),
        (["validate", "--strict\u{7F}"], 2, "Error: Unknown argument: --strict<U+007F>\nhelp: did you mean `--strict`?\n"),
    ] as [([String], Int32, String)])
    func commandLineWords(arguments: [String], status: Int32, stderr: String) throws {
        let project = try TemporaryProject()
        try project.write("commands.d/greet.yaml", Self.greet)
        #expect(try project.run(arguments) == RunResult(status: status, stdout: "", stderr: stderr))
    }

    /// A manifest whose file name holds ESC, BEL and U+009B, in every format
    /// and when running a command.
    @Test func fileNames() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a\u{1B}]0;x\u{07}\u{9B}2J.yaml", "commands:\n  c:\n    help: C\n    exec: [\"true\"]\n    hepl: x\n")
        let shown = "commands.d/a<U+001B>]0;x<U+0007><U+009B>2J.yaml"
        let human = """
        error[E201]: unknown key `hepl` in command `c`
         --> \(shown):5:5
          |
        5 |     hepl: x
          |     ^^^^
          = help: did you mean `help`?


        """
        #expect(try project.run(["validate"]) == RunResult(status: 1, stdout: human + "1 manifest, 1 command: 1 error, 0 warnings\n", stderr: ""))
        #expect(try project.run(["validate", "--format", "concise"])
            == RunResult(status: 1, stdout: "\(shown):5:5: error: unknown key `hepl` in command `c` [E201]\n", stderr: ""))
        #expect(try project.run(["validate", "--format", "github"]) == RunResult(status: 1, stdout:
            "::error file=\(shown),line=5,col=5,endColumn=9,title=hyper E201::unknown key `hepl` in command `c`%0Ahelp: did you mean `help`?\n",
            stderr: ""))
        #expect(try project.run(["validate", "--format", "json"]) == RunResult(status: 1, stdout: """
        [
          {"file": "commands.d/a\\u001b]0;x\\u0007\\u009b2J.yaml", "line": 5, "column": 5, "endColumn": 9, "severity": "error", "code": "E201", "message": "unknown key `hepl` in command `c`", "help": "did you mean `help`?"}
        ]

        """, stderr: ""))
        #expect(try project.run(["c"])
            == RunResult(status: 1, stdout: "", stderr: human + "Error: `c` has errors in its manifest; nothing was run\nhelp: run `hyper validate` to check every manifest\n"))
        #expect(try project.run(["validate", "--format", "concise", "no\u{1B}[2Jsuch"])
            == RunResult(status: 1, stdout: "hyper: error: no such file or folder: `no<U+001B>[2Jsuch` [E100]\n", stderr: ""))
    }
}
