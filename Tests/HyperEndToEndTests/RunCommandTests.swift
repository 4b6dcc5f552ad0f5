import Foundation
import Testing

/// `hyper <cmd>` through the real binary: parsing, values byte for byte,
/// exit statuses, the project root, and manifest selection.
@Suite struct RunCommandTests {
    /// A program that prints its argv (after argv[0]) and chosen environment
    /// variables as hex of their exact bytes, one per line.
    static let dump = """
    #!/usr/bin/env python3
    import os, sys
    for arg in sys.argv[1:]:
        print("arg", os.fsencode(arg).hex())
    for name in sorted(os.environ):
        if name.startswith("HYPER_ARG") or name in ("HYPER_COMMAND", "HYPER_INVOCATION_DIR"):
            print("env", name, os.fsencode(os.environ[name]).hex())
    print("cwd", os.getcwd())

    """

    static func project(_ manifest: String) throws -> TemporaryProject {
        let project = try TemporaryProject()
        try project.write("commands.d/main.yaml", manifest)
        try project.write("bin/dump", dump, executable: true)
        return project
    }

    static func hex(_ text: String) -> String {
        text.utf8.map { String(format: "%02x", $0) }.joined()
    }

    static let hostile = ["a b", "it's", "\"q\"", "x;rm -rf /", "$(reboot)", "`id`", "line1\nline2", "ünï 名前 👋", "", "--name", "-5", "*", "~", "a=b", "\\", "%s%n"]

    @Test func execValuesArriveByteForByte() throws {
        let project = try Self.project("""
        commands:
          show:
            help: Dump argv
            exec: [./bin/dump, "{value}", "pre-{value}-post", "{{literal}}"]
            args:
              value: str

        """)
        for value in Self.hostile {
            let result = try project.run(["show", "--value", value])
            let lines = result.stdout.split(separator: "\n").filter { $0.hasPrefix("arg ") }
            #expect(lines == ["arg \(Self.hex(value))", "arg \(Self.hex("pre-" + value + "-post"))", "arg \(Self.hex("{literal}"))"],
                    "value \(value.debugDescription)")
            #expect(result.status == 0)
        }
    }

    @Test func shellValuesArriveOnlyThroughTheEnvironment() throws {
        let project = try Self.project("""
        commands:
          show:
            help: Dump the environment through sh
            sh: exec ./bin/dump "$HYPER_ARG_VALUE"
            args:
              value: str
              count: {type: int, default: 7}
              rate: {type: float, default: 0.1}
              dry_run: bool
              tag: {type: str, required: false}

        """)
        for value in Self.hostile where !value.hasPrefix("-") {
            let result = try project.run(["show", value, "--dry-run"], environment: ["HYPER_ARG_TAG": "stale", "HYPER_ARG_OTHER": "stale"])
            let expected = [
                "arg \(Self.hex(value))",
                "env HYPER_ARGS_JSON \(Self.hex(#"{"value":"# + jsonString(value) + #","count":7,"rate":0.1,"dry_run":true,"tag":null}"#))",
                "env HYPER_ARG_COUNT \(Self.hex("7"))",
                "env HYPER_ARG_DRY_RUN \(Self.hex("true"))",
                "env HYPER_ARG_RATE \(Self.hex("0.1"))",
                "env HYPER_ARG_VALUE \(Self.hex(value))",
                "env HYPER_COMMAND \(Self.hex("show"))",
                "env HYPER_INVOCATION_DIR \(Self.hex(project.root.resolvingSymlinksInPath().path))",
            ]
            let lines = result.stdout.split(separator: "\n").filter { !$0.hasPrefix("cwd") }.map(String.init)
            #expect(lines == expected, "value \(value.debugDescription)")
        }
    }

    private func jsonString(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }

    @Test func normalisedValuesAndAbsentOptionals() throws {
        let project = try Self.project("""
        commands:
          show:
            help: Normalised values
            exec: [./bin/dump, "{count}", "{rate}", "{flag}", "--tag={tag}", end]
            args:
              count: {type: int, default: 1}
              rate: {type: float, default: 1}
              flag: bool
              tag: {type: str, required: false}

        """)
        let result = try project.run(["show", "--count", "+007", "--rate", "1e3"])
        let args = result.stdout.split(separator: "\n").filter { $0.hasPrefix("arg ") }
        #expect(args == ["arg \(Self.hex("7"))", "arg \(Self.hex("1000.0"))", "arg \(Self.hex("false"))", "arg \(Self.hex("end"))"])
        let given = try project.run(["show", "--tag", ""])
        #expect(given.stdout.split(separator: "\n").filter { $0.hasPrefix("arg ") }.count == 5)
    }

    @Test func commandsRunInTheProjectRootFromAnySubfolder() throws {
        let project = try Self.project("""
        commands:
          where:
            help: Print the working folder
            exec: [./bin/dump]

        """)
        let result = try project.run(["where"], in: "src/deep")
        let root = project.root.resolvingSymlinksInPath().path
        #expect(result.stdout.hasSuffix("cwd \(root)\n"))
        #expect(result.stdout.contains("env HYPER_INVOCATION_DIR \(Self.hex(root + "/src/deep"))"))
        #expect(result.status == 0)
    }

    @Test(arguments: [0, 1, 3, 42, 255])
    func exitStatusPassesThrough(status: Int) throws {
        let project = try Self.project("""
        commands:
          leave:
            help: Exit with a status
            sh: exit "$HYPER_ARG_CODE"
            args:
              code: int

        """)
        #expect(try project.run(["leave", String(status)]).status == Int32(status))
    }

    /// Absolute and `PATH` programs are the machine's, so they are found (or
    /// not) at run time: 127 when missing, 126 when not executable.
    @Test func missingAndNotExecutablePrograms() throws {
        let project = try TemporaryProject()
        let data = try project.write("bin/data", "data\n")
        let script = try project.write("bin/script", "echo hi\n", executable: true)
        try project.write("commands.d/main.yaml", """
        commands:
          gone:
            help: Not on PATH
            exec: [hyper-no-such-program-here]
          plain:
            help: Not executable
            exec: [\(data.path)]
          noshebang:
            help: Executable, but not a program
            exec: [\(script.path)]

        """)
        #expect(try project.run(["gone"]) == RunResult(status: 127, stdout: "", stderr: "Error: program not found: `hyper-no-such-program-here`\n"))
        #expect(try project.run(["plain"]) == RunResult(status: 126, stdout: "", stderr: "Error: program is not executable: `\(data.path)`\n"))
        #expect(try project.run(["noshebang"]) == RunResult(status: 126, stdout: "",
                                                             stderr: "Error: cannot run `\(script.path)`: exec format error\nhelp: a script needs a `#!` line\n"))
    }

    @Test func parserErrorsComeFromTheBinary() throws {
        let project = try Self.project("""
        commands:
          greet:
            help: Greet a user
            exec: [echo, "Hello, {name}!"]
            args:
              name: str
              count: {type: int, default: 1}

        """)
        #expect(try project.run(["greet"]) == RunResult(status: 1, stdout: "", stderr: "Error: Missing required argument: --name\n"))
        #expect(try project.run(["greet", "Al", "--count", "abc"]) == RunResult(status: 1, stdout: "", stderr: "Error: Invalid value for --count: expected int, got 'abc'\n"))
        #expect(try project.run(["greet", "Al", "--cuont", "2"]) == RunResult(status: 1, stdout: "", stderr: "Error: Unknown argument: --cuont\nhelp: did you mean `--count`?\n"))
        #expect(try project.run(["greet", "Al", "--count"]) == RunResult(status: 1, stdout: "", stderr: "Error: Missing value for --count\n"))
        #expect(try project.run(["greet", "Al", "2", "3"]) == RunResult(status: 1, stdout: "", stderr: "Error: Too many positional arguments (from '3')\n"))
        #expect(try project.run(["greet", "Alice"]) == RunResult(status: 0, stdout: "Hello, Alice!\n", stderr: ""))
        #expect(try project.run(["greet", "--name=Bob"]) == RunResult(status: 0, stdout: "Hello, Bob!\n", stderr: ""))
        #expect(try project.run(["greet", "--", "--name"]) == RunResult(status: 0, stdout: "Hello, --name!\n", stderr: ""))
        #expect(try project.run(["greet", "-h"]).stdout == "Usage: hyper greet [OPTIONS] <name> [count]\n\n  Greet a user\n\nOptions:\n  --name <str>   [required]\n  --count <int>  [default: 1]\n")
        #expect(try project.run(["help", "greet"]).stdout == (try project.run(["greet", "--help"]).stdout))
    }

    @Test func unknownCommands() throws {
        let project = try Self.project("""
        commands:
          greet:
            help: Greet a user
            exec: [echo, hi]

        """)
        #expect(try project.run(["gret"]) == RunResult(status: 2, stdout: "", stderr: "Error: Unknown command: gret\nhelp: did you mean `greet`?\nhelp: run `hyper --help` to list the commands\n"))
        #expect(try project.run(["../../bin/sh"]) == RunResult(status: 2, stdout: "", stderr: "Error: Unknown command: ../../bin/sh\nhelp: run `hyper --help` to list the commands\n"))
        #expect(try project.run(["--bogus"]) == RunResult(status: 2, stdout: "", stderr: "Error: Unknown argument: --bogus\n"))
    }

    /// A command whose manifest has errors does not run, even when its own
    /// entry is sound: the manifest's errors say why.
    @Test func invalidManifestsRunNothing() throws {
        let project = try Self.project("""
        commands:
          touch:
            help: Would create a file
            exec: [touch, ran]
          broken:
            help: Broken
            exec: [true]
            args:
              count: {type: int, default: x}

        """)
        let result = try project.run(["touch"])
        #expect(result == RunResult(status: 1, stdout: "", stderr: """
        error[E209]: invalid default for `count`: expected int, got `x`
         --> commands.d/main.yaml:9:35
          |
        9 |       count: {type: int, default: x}
          |                                   ^
          = help: an int is decimal digits with an optional sign, within 64 bits

        Error: `touch` has errors in its manifest; nothing was run
        help: run `hyper validate` to check every manifest

        """))
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("ran").path))
    }

    @Test func listingAndVersion() throws {
        let project = try Self.project("""
        commands:
          zeta:
            help: Last
            exec: [true]
          alpha:
            help: First
            exec: [true]

        """)
        let list = try project.run([])
        #expect(list.stdout.hasPrefix("Usage: hyper [OPTIONS] <command> [args]\n\nCommands:\n  alpha  First\n  zeta   Last\n\nBuilt-in:\n"))
        #expect(try project.run(["--help"]) == list)
        #expect(try project.run(["help"]) == list)
        #expect(try project.run(["--version"]) == RunResult(status: 0, stdout: "hyper 0.1.0\n", stderr: ""))
    }

    @Test func manifestsOptionAndEnvironmentReplaceTheSearch() throws {
        let project = try Self.project("""
        commands:
          near:
            help: From the nearest commands.d
            exec: [echo, near]

        """)
        try project.write("other/tasks.yaml", "commands:\n  far:\n    help: Elsewhere\n    exec: [echo, far]\n")
        try project.write("more/x.yml", "commands:\n  more:\n    help: More\n    exec: [echo, more]\n")
        #expect(try project.run(["--manifests", "other", "far"]).stdout == "far\n")
        #expect(try project.run(["--manifests=other/tasks.yaml", "--manifests", "more", "more"]).stdout == "more\n")
        #expect(try project.run(["--manifests", "other", "near"]).status == 2)
        #expect(try project.run(["far"], environment: ["HYPER_COMMANDS": "other:more"]).stdout == "far\n")
        #expect(try project.run(["near"]).stdout == "near\n")
    }

    @Test func noCommandsFolderStillLists() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hyper-none-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try HyperProcess.run([], in: folder)
        #expect(result.stdout.hasPrefix("Usage: hyper [OPTIONS] <command> [args]\n\nNo commands.d folder here or above; only commands defined in code are available.\n\nBuilt-in:\n"))
        #expect(result.status == 0)
    }

    /// Swift's `String ==` is canonical equivalence: KELVIN SIGN + `ill` is
    /// `Kill`, and `=` followed by U+0338 is one `Character` (≠). Names and
    /// option words are ASCII, compared and split as bytes.
    @Test func namesAndOptionsAreComparedAsBytes() throws {
        let project = try Self.project("""
        commands:
          Kill:
            help: Kill
            sh: echo killed
          show:
            help: Show
            exec: [printf, "[%s]", "{name}"]
            args:
              name: str

        """)
        let kelvin = "\u{212A}ill"
        let unknown = RunResult(status: 2, stdout: "", stderr: "Error: Unknown command: \(kelvin)\nhelp: did you mean `Kill`?\nhelp: run `hyper --help` to list the commands\n")
        #expect(try project.run([kelvin]) == unknown)
        #expect(try project.run([kelvin]) == unknown, "with the index written by the first call")
        #expect(try project.run(["help", kelvin]) == unknown)
        #expect(try project.run(["Kill"]) == RunResult(status: 0, stdout: "killed\n", stderr: ""))
        #expect(try project.run(["show", "--name=\u{338}x"]) == RunResult(status: 0, stdout: "[\u{338}x]", stderr: ""))
        #expect(try project.run(["show", "--name=\u{338}"]) == RunResult(status: 0, stdout: "[\u{338}]", stderr: ""))
        try project.write("\u{338}more/m.yaml", "commands:\n  more:\n    help: More\n    exec: [echo, more]\n")
        #expect(try project.run(["--manifests=\u{338}more", "more"]) == RunResult(status: 0, stdout: "more\n", stderr: ""))
        #expect(try project.run(["validate", "--format=\u{338}json"]) == RunResult(status: 2, stdout: "", stderr:
            "Error: Invalid value for --format: expected human, concise, github or json, got '\u{338}json'\n"))
    }

    /// An argument that is not UTF-8 is refused, never repaired: among a
    /// command's arguments it is that command's error (exit 1, as any wrong
    /// argument), among hyper's own words a wrong use of hyper (exit 2).
    @Test(arguments: [
        ("a X", RunResult(status: 1, stdout: "", stderr: "Error: argument 2 is not valid UTF-8\n")),
        ("a --x=X", RunResult(status: 1, stdout: "", stderr: "Error: argument 2 is not valid UTF-8\n")),
        ("X", RunResult(status: 2, stdout: "", stderr: "Error: argument 1 is not valid UTF-8\n")),
        ("--manifests X a", RunResult(status: 2, stdout: "", stderr: "Error: argument 2 is not valid UTF-8\n")),
        ("validate X", RunResult(status: 2, stdout: "", stderr: "Error: argument 2 is not valid UTF-8\n")),
        ("help X", RunResult(status: 2, stdout: "", stderr: "Error: argument 2 is not valid UTF-8\n")),
        ("--version X", RunResult(status: 2, stdout: "", stderr: "Error: argument 2 is not valid UTF-8\n")),
    ])
    func invalidUTF8ArgumentIsRefused(words: String, expected: RunResult) throws {
        let project = try Self.project("commands:\n  a:\n    help: A\n    exec: [true]\n")
        // Through sh, so the test can place a raw 0xFF byte (X) in argv.
        let script = "exec \"$0\" " + words.replacingOccurrences(of: "X", with: "\"$(printf 'x\\377')\"")
        let result = try HyperProcess.run(["-c", script, HyperProcess.hyper.path], in: project.root, executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(result == expected)
    }
}
