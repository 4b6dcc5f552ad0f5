import Foundation
import Testing

/// The README's table of exit statuses ("Errors and exit statuses"), row by
/// row, with the exact standard error of each: one `Error:` line, then a
/// `help:` line per hint.
@Suite struct ExitStatusTests {
    static func project() throws -> TemporaryProject {
        let project = try TemporaryProject()
        // Validation checks relative programs; an absolute one is tried when run.
        let data = try project.write("data.txt", "not a program\n")
        try project.write("commands.d/main.yaml", """
        commands:
          greet:
            help: Greet a user
            exec: [echo, "Hello, {name}!"]
            args:
              name: str
              count: {type: int, default: 1}
          leave:
            help: Exit with a status of its own
            sh: exit 7
          die:
            help: Be killed by SIGINT, as by Ctrl-C
            sh: kill -INT $$
          gone:
            help: A program that is nowhere
            exec: [hyper-no-such-program-here]
          plain:
            help: A file that is not executable
            exec: [\(data.path)]

        """)
        return project
    }

    /// Runs hyper through `sh -c SCRIPT`, where `$0` is hyper.
    static func shell(_ script: String, in project: TemporaryProject) throws -> RunResult {
        try HyperProcess.run(["-c", script, HyperProcess.hyper.path], in: project.root, executable: URL(fileURLWithPath: "/bin/sh"))
    }

    static let example = HyperProcess.productsDirectory.appendingPathComponent("hyper-example")
    static let exampleFolder = HyperProcess.repository
        .appendingPathComponent("Examples/seed")

    @Test func zeroIsSuccess() throws {
        let project = try Self.project()
        #expect(try project.run(["greet", "Al"]) == RunResult(status: 0, stdout: "Hello, Al!\n", stderr: ""))
        #expect(try project.run(["greet", "--help"]).status == 0)
        #expect(try project.run(["--version"]) == RunResult(status: 0, stdout: "hyper 0.1.0\n", stderr: ""))
        #expect(try project.run(["validate"]) == RunResult(status: 0, stdout: "1 manifest, 5 commands: 0 errors, 0 warnings\n", stderr: ""))
    }

    @Test func oneIsACommandsError() throws {
        let project = try Self.project()
        #expect(try project.run(["greet", "Al", "--cuont", "2"])
            == RunResult(status: 1, stdout: "", stderr: "Error: Unknown argument: --cuont\nhelp: did you mean `--count`?\n"))
        #expect(try project.run(["greet"]) == RunResult(status: 1, stdout: "", stderr: "Error: Missing required argument: --name\n"))
        #expect(try Self.shell("exec \"$0\" greet \"$(printf 'x\\377')\"", in: project)
            == RunResult(status: 1, stdout: "", stderr: "Error: argument 2 is not valid UTF-8\n"))
        #expect(try HyperProcess.run(["fetch", "--url", "ftp://x"], in: Self.exampleFolder, executable: Self.example)
            == RunResult(status: 1, stdout: "", stderr: "Error: command `fetch` failed: cannot reach ftp://x\n"))
        #expect(try Self.shell("exec \"$0\" --version >/dev/full", in: project)
            == RunResult(status: 1, stdout: "", stderr: "Error: cannot write to standard output: no space left on device\n"))
    }

    @Test func oneIsManifestsWithErrors() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/main.yaml", "commands:\n  c:\n    help: C\n    exec: [touch, ran]\n    args:\n      n: {type: int, default: x}\n")
        let errors = """
        error[E209]: invalid default for `n`: expected int, got `x`
         --> commands.d/main.yaml:6:31
          |
        6 |       n: {type: int, default: x}
          |                               ^
          = help: an int is decimal digits with an optional sign, within 64 bits


        """
        #expect(try project.run(["c"]) == RunResult(status: 1, stdout: "", stderr: errors + """
        Error: `c` has errors; nothing was run
        help: run `hyper validate` to check every manifest

        """))
        #expect(try project.run(["validate"]) == RunResult(status: 1, stdout: errors + "1 manifest, 1 command: 1 error, 0 warnings\n", stderr: ""))
    }

    @Test func twoIsAWrongUseOfHyper() throws {
        let project = try Self.project()
        #expect(try project.run(["gret"]) == RunResult(status: 2, stdout: "", stderr: """
        Error: Unknown command: gret
        help: did you mean `greet`?
        help: run `hyper --help` to list the commands

        """))
        #expect(try project.run(["--verison"])
            == RunResult(status: 2, stdout: "", stderr: "Error: Unknown argument: --verison\nhelp: did you mean `--version`?\n"))
        #expect(try project.run(["--manifests"]) == RunResult(status: 2, stdout: "", stderr: "Error: Missing value for --manifests\n"))
        #expect(try project.run(["validate", "--fromat", "json"])
            == RunResult(status: 2, stdout: "", stderr: "Error: Unknown argument: --fromat\nhelp: did you mean `--format`?\n"))
        #expect(try project.run(["version", "now"]) == RunResult(status: 2, stdout: "", stderr: "Error: Unknown argument: now\n"))
        #expect(try Self.shell("exec \"$0\" \"$(printf 'x\\377')\"", in: project)
            == RunResult(status: 2, stdout: "", stderr: "Error: argument 1 is not valid UTF-8\n"))
        #expect(try Self.shell("mkdir gone && cd gone && rmdir ../gone && exec \"$0\" greet Al", in: project)
            == RunResult(status: 2, stdout: "", stderr: "Error: the current folder has been removed\n"))
    }

    @Test func oneHundredTwentySixIsAProgramThatCannotRun() throws {
        let project = try Self.project()
        let data = project.root.appendingPathComponent("data.txt").path
        #expect(try project.run(["plain"]) == RunResult(status: 126, stdout: "", stderr: "Error: program is not executable: `\(data)`\n"))
    }

    @Test func oneHundredTwentySevenIsAProgramNotFound() throws {
        let project = try Self.project()
        #expect(try project.run(["gone"]) == RunResult(status: 127, stdout: "", stderr: "Error: program not found: `hyper-no-such-program-here`\n"))
    }

    /// A shell sees hyper killed by the program's signal (SIGINT: shells
    /// print nothing for it).
    @Test func aSignalEndsHyperAsItEndsTheProgram() throws {
        let project = try Self.project()
        #expect(try Self.shell("\"$0\" die; echo $?", in: project) == RunResult(status: 0, stdout: "\(128 + SIGINT)\n", stderr: ""))
    }

    @Test func otherwiseTheProgramsOwnStatus() throws {
        let project = try Self.project()
        #expect(try project.run(["leave"]) == RunResult(status: 7, stdout: "", stderr: ""))
    }
}
