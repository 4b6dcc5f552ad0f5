import Foundation
import Testing

/// The example program (`Examples/seed`) that embeds hyper: every example of
/// the seed, with commands from its manifest bound to Swift handlers and
/// commands defined in code.
@Suite struct ExampleProgramTests {
    static let folder = HyperProcess.repository
        .appendingPathComponent("Examples/seed")
    static let binary = HyperProcess.productsDirectory.appendingPathComponent("hyper-example")

    private func run(_ arguments: [String], in folder: URL = folder) throws -> RunResult {
        try HyperProcess.run(arguments, in: folder, executable: Self.binary)
    }

    @Test(arguments: [
        (["seed", "--count", "50", "--verbose"], "Seeding 50 records...\nCreated 50 records.\n"),
        (["seed", "--count=50", "--verbose"], "Seeding 50 records...\nCreated 50 records.\n"),
        (["seed"], "Created 100 records.\n"),
        (["cleanup"], "Done.\n"),
        (["sync-task"], "Value: default\n"),
        (["sync-task", "--value", "x y"], "Value: x y\n"),
        (["migrate", "--dry-run", "--verbose"], "Dry run mode\nMigrating...\n"),
        (["migrate"], ""),
        (["greet", "--name", "Alice"], "Hello, Alice!\n"),
        (["greet", "Alice"], "Hello, Alice!\n"),
        (["fetch", "--url", "https://example.com"], "Fetching https://example.com (timeout=30, retries=3)\n"),
        (["fetch", "--url", "https://example.com", "--timeout", "60"], "Fetching https://example.com (timeout=60, retries=3)\n"),
    ])
    func theSeedsExamples(arguments: [String], output: String) throws {
        #expect(try run(arguments) == RunResult(status: 0, stdout: output, stderr: ""))
    }

    @Test func theSeedsErrors() throws {
        #expect(try run(["greet"]) == RunResult(status: 1, stdout: "", stderr: "Error: Missing required argument: --name\n"))
        #expect(try run(["fetch", "--url", "ftp://x"]) == RunResult(status: 1, stdout: "", stderr: "Error: command `fetch` failed: cannot reach ftp://x\n"))
    }

    /// The seed's help, with the program's own name in the usage line.
    @Test func theSeedsHelp() throws {
        #expect(try run(["seed", "--help"]).stdout == """
        Usage: hyper-example seed [OPTIONS] [count]

          Seed the database with test data

        Options:
          --count <int>  Number of records to create [default: 100]
          --verbose      Print progress

        """)
    }

    /// A program that embeds hyper calls itself by its own name in
    /// everything it prints, never `hyper`.
    @Test func itCallsItselfByItsOwnName() throws {
        #expect(try run(["--version"]) == RunResult(status: 0, stdout: "hyper-example (hyper 0.1.0)\n", stderr: ""))
        #expect(try run(["version"]) == (try run(["-V"])))
        #expect(try run(["fecth"]) == RunResult(status: 2, stdout: "", stderr:
            "Error: Unknown command: fecth\nhelp: did you mean `fetch`?\nhelp: run `hyper-example --help` to list the commands\n"))
        #expect(try run(["help", "version"]) == RunResult(status: 0, stdout:
            "Usage: hyper-example version\n\n  Print hyper's version (also `hyper-example --version`, `hyper-example -V`).\n", stderr: ""))
        #expect(try run(["help", "help"]).stdout.hasPrefix("Usage: hyper-example help [command]\n"))
        #expect(try run(["list", "--help"]).stdout.hasPrefix("Usage: hyper-example list [--all] [--json]\n\n  List the commands (the same list as `hyper-example --help`).\n"))
        #expect(try run(["validate", "--help"]).stdout.hasPrefix("Usage: hyper-example validate [PATH...] "))
        #expect(try run(["completions", "--help"]).stdout.hasPrefix("Usage: hyper-example completions bash|zsh|fish\n"))
        #expect(try run(["completions", "bash"]).stdout.hasSuffix("\ncomplete -F _hyper_example_complete hyper-example\n"))
        #expect(try run(["__complete", "bash", "fe"]) == RunResult(status: 0, stdout: "fetch\tFetch data\n:0\n", stderr: ""))
        let list = try run([]).stdout
        #expect(list.hasPrefix("Usage: hyper-example [OPTIONS] <command> [args]\n"))
        #expect(list.hasSuffix("\nRun `hyper-example <command> --help` for a command's options.\n"))
        #expect(try run(["list", "--json"]).stdout.contains(#"{"name": "validate", "usage": "hyper-example validate [PATH...]", "#))
    }

    /// What it says on standard error names it too.
    @Test func itsMessagesNameIt() throws {
        let traced = try HyperProcess.run(["cleanup"], in: Self.folder, executable: Self.binary, environment: ["HYPER_INDEX_DEBUG": "1"])
        #expect(traced.status == 0 && traced.stdout == "Done.\n")
        #expect(!traced.stderr.isEmpty && traced.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("hyper-example: index: ") }, "\(traced)")
        let project = try TemporaryProject()
        try project.write("commands.d/app.yaml", "commands:\n  c:\n    help: C\n    exec: [true]\n    args:\n      n: {type: int, default: x}\n")
        let broken = try run(["c"], in: project.root)
        #expect(broken.status == 1)
        #expect(broken.stderr.hasSuffix("\nError: `c` has errors; nothing was run\nhelp: run `hyper-example validate` to check every manifest\n"), "\(broken)")
    }

    @Test func listsManifestAndCodeCommandsTogether() throws {
        let list = try run([])
        #expect(list.stdout.contains("""
        Commands:
          cleanup    Clear expired sessions
          disk       Print the disk usage of a folder (an sh command beside the
                     handlers)
          fetch      Fetch data
          greet      Greet a user
          migrate    Run migrations
          seed       Seed the database with test data
          serve      Serve a folder
          sync-task  A synchronous command
          test       Run the tests; options hyper does not know go to the runner

        """))
    }

    @Test func itsManifestsValidateAgainstItsHandlers() throws {
        #expect(try run(["validate", "--strict"]) == RunResult(status: 0, stdout: "1 manifest, 5 commands: 0 errors, 0 warnings\n", stderr: ""))
    }

    /// A manifest that disagrees with `SeedArguments` is caught at its location.
    @Test func handlerArgumentsMismatch() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/app.yaml", """
        commands:
          seed:
            help: Seed
            handler: seed
            args:
              count: str
              extra: {type: int, default: 1}
          fetch:
            help: Clashes with the command defined in code
            exec: [true]
          other:
            help: Unknown handler
            handler: sede

        """)
        let result = try run(["validate", "--format", "concise"], in: project.root)
        #expect(result == RunResult(status: 1, stdout: """
        commands.d/app.yaml:2:3: error: command `seed` does not declare arg `verbose`, which handler `seed` needs (`SeedArguments.verbose`) [E306]
        commands.d/app.yaml:6:7: error: arg `count` is str, but `SeedArguments.count` is Int [E306]
        commands.d/app.yaml:7:7: error: arg `extra` is not a property of `SeedArguments`, the arguments of handler `seed` [E306]
        commands.d/app.yaml:8:3: error: command `fetch` is already defined in code [E301]
        commands.d/app.yaml:13:14: error: no handler named `sede` is registered [E303]

        """, stderr: ""))
    }

    /// A camelCase property is named as written in Swift, beside the
    /// snake_case arg it takes.
    @Test func handlerArgumentsNameTheSwiftProperty() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/app.yaml", """
        commands:
          migrate:
            help: Migrate
            handler: migrate
            args:
              dry_run: str
              verbose: bool
          migrate-quietly:
            help: Migrate, forgetting an arg
            handler: migrate
            args:
              verbose: bool

        """)
        let result = try run(["validate"], in: project.root)
        #expect(result == RunResult(status: 1, stdout: """
        error[E306]: arg `dry_run` is str, but `MigrateArguments.dryRun` is Bool
         --> commands.d/app.yaml:6:7
          |
        6 |       dry_run: str
          |       ^^^^^^^
          = help: declare it as `type: bool`, or change the property

        error[E306]: command `migrate-quietly` does not declare arg `dry_run`, which handler `migrate` needs (`MigrateArguments.dryRun`)
         --> commands.d/app.yaml:8:3
          |
        8 |   migrate-quietly:
          |   ^^^^^^^^^^^^^^^
          = help: add `dry_run: bool` under `args`

        1 manifest, 2 commands: 2 errors, 0 warnings

        """, stderr: ""))
    }
}
