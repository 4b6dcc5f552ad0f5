import Foundation
import Testing

/// `hyper --dry-run`: parsed and checked as a run, printed instead of run.
@Suite struct DryRunTests {
    static let manifest = """
    commands:
      show:
        help: Print each argument
        dir: sub
        exec: [./args, "{value}", "--flag={value}", {if: loud, then: --loud}]
        env: {LABEL: "v={value}"}
        args:
          value: {type: str, env: SHOW_VALUE}
          loud: bool
          count: {type: int, default: 3}
      script:
        help: A script
        confirm: "Run {count} times?"
        sh: 'echo "$HYPER_ARG_COUNT" "$@"'
        args:
          count: {type: int, default: 2}
          words: {type: str, rest: true}

    """

    /// Prints each argument as `[...]`, a line each.
    static let args = "#!/bin/sh\nfor a in \"$@\"; do printf '[%s]\\n' \"$a\"; done\n"

    static func project() throws -> TemporaryProject {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", manifest)
        try project.write("sub/args", args, executable: true)
        return project
    }

    @Test func execShowsTheCommandTheFolderTheVariablesAndWhereValuesCameFrom() throws {
        let project = try Self.project()
        let root = project.root.path
        #expect(try project.run(["--dry-run", "show", "it's $HOME", "--loud"]) == RunResult(status: 0, stdout: """
        would run `show`:
          \(root)/sub/args 'it'\\''s $HOME' '--flag=it'\\''s $HOME' --loud
        in:
          \(root)/sub
        environment (besides the inherited one):
          HYPER_ARG_VALUE='it'\\''s $HOME'
          HYPER_ARG_LOUD=true
          HYPER_ARG_COUNT=3
          LABEL='v=it'\\''s $HOME'
          HYPER_ARGS_JSON='{"value":"it'\\''s $HOME","loud":true,"count":3}'
          HYPER_COMMAND=show
          HYPER_INVOCATION_DIR=\(root)
          PWD=\(root)/sub
        values:
          value (str) = "it's $HOME"  (from the command line)
          loud (bool) = true  (from the command line)
          count (int) = 3  (from the default at commands.d/a.yaml:10)

        """, stderr: ""))
        let fromEnvironment = try project.run(["--dry-run", "show"], environment: ["SHOW_VALUE": "x"])
        #expect(fromEnvironment.stdout.contains("  value (str) = \"x\"  (from $SHOW_VALUE)\n"), "\(fromEnvironment)")
        // Nothing ran: the program would have printed.
        #expect(!fromEnvironment.stdout.contains("[x]"))
    }

    /// The line, pasted into dash, runs the program with the argv hyper
    /// would give it, byte for byte, whatever the values hold.
    @Test(arguments: ["plain", "it's", "a\"b", "$HOME `id` $(id)", "tab\there", "esc\u{1B}[2J", "two\nlines", "trailing\n", "\u{202E}rtl", "", " lead"])
    func thePastedLineRunsTheSameArgv(value: String) throws {
        let project = try Self.project()
        let dry = try project.run(["--dry-run", "show", value])
        #expect(dry.status == 0)
        // The command: from the line after `would run` to the line `in:`.
        let body = try #require(dry.stdout.components(separatedBy: "\nin:\n").first?.components(separatedBy: "`:\n  ").last)
        #expect(!body.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F || $0 == "\u{202E}" }, "raw control in \(body)")
        let pasted = try HyperProcess.run(["-c", body], in: project.root, executable: URL(fileURLWithPath: "/bin/sh"))
        let real = try project.run(["show", value])
        #expect(real.status == 0)
        #expect(pasted == real, "\(body)")
    }

    @Test func shShowsTheScriptAndItsParameters() throws {
        let project = try Self.project()
        #expect(try project.run(["--dry-run", "script", "--", "a b", "c"]) == RunResult(status: 0, stdout: """
        would run `script`:
          /bin/sh -c 'echo "$HYPER_ARG_COUNT" "$@"' script 'a b' c
        script (run by /bin/sh -c, $0 is `script`):
          echo "$HYPER_ARG_COUNT" "$@"
        in:
          \(project.root.path)
        environment (besides the inherited one):
          HYPER_ARG_COUNT=2
          HYPER_ARG_WORDS=''\\''a b'\\'' c'
          HYPER_ARGS_JSON='{"count":2,"words":["a b","c"]}'
          HYPER_COMMAND=script
          HYPER_INVOCATION_DIR=\(project.root.path)
          PWD=\(project.root.path)
        values:
          count (int) = 2  (from the default at commands.d/a.yaml:16)
          words (str list) = ["a b","c"]  (from the command line)
        confirmation: would ask "Run 2 times?"

        """, stderr: ""))
    }

    /// After the command, on a command with a rest arg, `--dry-run` is the program's.
    @Test func afterTheCommandItGoesToTheRestArg() throws {
        let project = try Self.project()
        #expect(try project.run(["--yes", "script", "--dry-run"]) == RunResult(status: 0, stdout: "2 --dry-run\n", stderr: ""))
        #expect(try project.run(["show", "x", "--dry-run"]) == RunResult(status: 1, stdout: "", stderr: """
        Error: Unknown argument: --dry-run
        help: `--dry-run` is an option of hyper's own: give it before the command, as in `hyper --dry-run show ...`

        """))
    }

    @Test func aSwiftHandlerShowsItsNameAndTypedValues() throws {
        let binary = HyperProcess.productsDirectory.appendingPathComponent("hyper-example")
        let folder = HyperProcess.repository.appendingPathComponent("Examples/seed")
        #expect(try HyperProcess.run(["--dry-run", "seed", "--count", "5"], in: folder, executable: binary) == RunResult(status: 0, stdout: """
        would run `seed` with the Swift handler `seed`
        values:
          count (int) = 5  (from the command line)
          verbose (bool) = false  (from the default at commands.d/app.yaml:11)

        """, stderr: ""))
        #expect(try HyperProcess.run(["--dry-run=json", "greet", "Ann"], in: folder, executable: binary) == RunResult(status: 0, stdout: """
        {"command": "greet", "binding": "handler", "handler": "greet", "values": {"name": "Ann"}, "sources": {"name": {"from": "command-line"}}, "confirm": null, "answered": false}

        """, stderr: ""))
    }

    /// `--dry-run=json` for each binding validates against schemas/dry-run.schema.json.
    @Test func jsonAgreesWithItsSchema() throws {
        let project = try Self.project()
        let binary = HyperProcess.productsDirectory.appendingPathComponent("hyper-example")
        let seed = HyperProcess.repository.appendingPathComponent("Examples/seed")
        let outputs = [
            try project.run(["--dry-run=json", "show", "a\u{1B}b\nc", "--loud"]).stdout,
            try project.run(["--dry-run=json", "script", "--", "x"], environment: ["HYPER_YES": "1"]).stdout,
            try HyperProcess.run(["--dry-run=json", "seed"], in: seed, executable: binary).stdout,
            try HyperProcess.run(["--dry-run=json", "fetch", "--url", "https://a"], in: seed, executable: binary).stdout,
        ]
        let schema = HyperProcess.repository.appendingPathComponent("schemas/dry-run.schema.json")
        let check = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        for line in sys.stdin.read().splitlines():
            jsonschema.validate(json.loads(line), schema)
        print("valid")
        """
        let result = try HyperProcess.run(["python3", "-c", check, schema.path], in: project.root, executable: URL(fileURLWithPath: "/usr/bin/env"),
                                          stdin: Data(outputs.joined().utf8))
        #expect(result == RunResult(status: 0, stdout: "valid\n", stderr: ""))
        #expect(outputs.allSatisfy { $0.hasSuffix("}\n") && $0.filter { $0 == "\n" }.count == 1 })
        let first = try #require(try JSONSerialization.jsonObject(with: Data(outputs[0].utf8)) as? [String: Any])
        #expect(first["argv"] as? [String] == ["./args", "a\u{1B}b\nc", "--flag=a\u{1B}b\nc", "--loud"])
        #expect(first["cwd"] as? String == project.root.appendingPathComponent("sub").path)
        #expect((first["env"] as? [String: String])?["LABEL"] == "v=a\u{1B}b\nc")
        #expect(!outputs[0].contains("\u{1B}"))
    }

    @Test func badValuesFailAsARunWould() throws {
        let project = try Self.project()
        #expect(try project.run(["--dry-run", "script", "--count", "x"]) == RunResult(status: 1, stdout: "", stderr: "Error: Invalid value for --count: expected int, got 'x'\n"))
        #expect(try project.run(["--dry-run=yaml", "script"]) == RunResult(status: 2, stdout: "", stderr: "Error: Invalid value for --dry-run: expected `text` or `json`, got 'yaml'\n"))
    }
}
