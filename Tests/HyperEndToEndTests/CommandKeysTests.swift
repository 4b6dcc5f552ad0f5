import Foundation
import Testing

/// A command's own keys through the real binary: aliases, hidden, groups,
/// namespaces, `dir` and `env`; exact outputs and statuses.
@Suite struct CommandKeysTests {
    static let database = """
    commands:
      db:migrate:
        help: |
          Apply the migrations

          Runs manage.py migrate.
        aliases: [migrate, m]
        group: Database
        exec: [printf, "[%s]", "{app}"]
        args:
          app: {type: str, default: all}
      db:reset:
        help: Drop and recreate every table
        group: Database
        confirm: "Drop every table in {database}?"
        exec: [printf, "[reset %s]", "{database}"]
        args:
          database: {type: str, default: main}
      db:
        help: Open a database shell
        exec: [printf, "[shell %s]", "{name}"]
        args:
          name: {type: str, default: default}

    """

    static let web = """
    commands:
      build:
        help: Build the site
        group: Web
        dir: web
        exec: [./bin/build, "{target}"]
        env:
          TARGET: "{target}"
          MODE: "{mode}"
          NODE_PATH: "node_modules:${EXTRA}"
          PRICE: "$$5 {{x}}"
        args:
          target: {type: str, default: dist}
          mode: {type: str, required: false}
      lint:
        help: Check the code
        sh: 'printf "[lint in %s]" "$PWD"'
      debug-dump:
        help: Dump the internal state
        hidden: true
        exec: [printf, "[dump]"]

    """

    static func project() throws -> TemporaryProject {
        let project = try TemporaryProject()
        try project.write("commands.d/10-db.yaml", database)
        try project.write("commands.d/20-web.yaml", web)
        // Prints its folder, its words and the variables `env` sets, a `[...]` each.
        try project.write("web/bin/build", "#!/bin/sh\nprintf '[%s]' \"$(pwd)\" \"$@\" \"$TARGET\" \"${MODE-unset}\" \"$NODE_PATH\" \"$PRICE\"\n",
                          executable: true)
        return project
    }

    @Test func groupsAreHeadingsInOrderOfFirstAppearanceAndHiddenCommandsAreLeftOut() throws {
        let project = try Self.project()
        let list = try project.run([])
        #expect(list.status == 0 && list.stderr == "")
        #expect(list.stdout.contains("""

        Commands:
          db                      Open a database shell
          lint                    Check the code

        Database:
          db:migrate, migrate, m  Apply the migrations
          db:reset                Drop and recreate every table

        Web:
          build                   Build the site

        Built-in:

        """), "\(list)")
        #expect(!list.stdout.contains("debug-dump"))
        let all = try project.run(["list", "--all"])
        #expect(all.stdout.contains("""

        Commands:
          db                      Open a database shell
          debug-dump              Dump the internal state
          lint                    Check the code

        """), "\(all)")
        #expect(try project.run(["debug-dump"]) == RunResult(status: 0, stdout: "[dump]", stderr: ""))
        let json = try project.run(["list", "--json"]).stdout
        #expect(json.contains(#""name": "debug-dump", "help": "Dump the internal state""#))
        #expect(json.contains(#""aliases": [], "hidden": true, "group": null, "confirm": null, "dir": null, "env": []"#))
        #expect(json.contains(#""aliases": ["migrate", "m"], "hidden": false, "group": "Database""#))
    }

    /// A command's help says what its own keys change about a run.
    @Test func helpShowsAliasesConfirmDirAndEnv() throws {
        let project = try Self.project()
        #expect(try project.run(["db", "reset", "--help"]) == RunResult(status: 0, stdout: """
        Usage: hyper db:reset [OPTIONS] [database]

          Drop and recreate every table

          Asks first: Drop every table in {database}?

        Options:
          --database <str>  [default: main]

        """, stderr: ""))
        #expect(try project.run(["build", "--help"]).stdout.contains("\n  Runs in: web\n  Sets: TARGET, MODE, NODE_PATH, PRICE\n"))
        #expect(try project.run(["m", "--help"]).stdout.contains("\n  Aliases: migrate, m\n"))
    }

    @Test func aliasesRunTheCommand() throws {
        let project = try Self.project()
        #expect(try project.run(["m", "x"]) == RunResult(status: 0, stdout: "[x]", stderr: ""))
        #expect(try project.run(["migrate"]) == RunResult(status: 0, stdout: "[all]", stderr: ""))
        #expect(try project.run(["help", "m"]).stdout.hasPrefix("Usage: hyper db:migrate [OPTIONS] [app]\n"))
    }

    @Test func namespacesRunByWordsOrByTheirFullName() throws {
        let project = try Self.project()
        #expect(try project.run(["db", "migrate", "y"]) == RunResult(status: 0, stdout: "[y]", stderr: ""))
        #expect(try project.run(["db:migrate", "y"]) == RunResult(status: 0, stdout: "[y]", stderr: ""))
        // `db` is a command too: a word that names nothing in its namespace is its value.
        #expect(try project.run(["db", "prod"]) == RunResult(status: 0, stdout: "[shell prod]", stderr: ""))
        #expect(try project.run(["db"]) == RunResult(status: 0, stdout: "[shell default]", stderr: ""))
        #expect(try project.run(["help", "db", "migrate"]).stdout.hasPrefix("Usage: hyper db:migrate [OPTIONS] [app]\n"))
    }

    @Test func aNamespaceWithoutACommandOfItsNameListsItself() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", """
        commands:
          cache:clear:
            help: Empty the cache
            exec: [printf, "[clear]"]
          cache:warm:
            help: Fill the cache
            group: Speed
            exec: [printf, "[warm]"]
          other:
            help: Something else
            exec: [printf, "[other]"]

        """)
        #expect(try project.run(["cache"]) == RunResult(status: 0, stdout: """
        Usage: hyper cache <command> [args]

        Commands in cache:
          cache:clear  Empty the cache
          cache:warm   Fill the cache

        Run `hyper cache <command> --help` for a command's options.

        """, stderr: ""))
        #expect(try project.run(["cache", "warm"]) == RunResult(status: 0, stdout: "[warm]", stderr: ""))
        #expect(try project.run(["cache", "wram"]) == RunResult(status: 2, stdout: "", stderr: """
        Error: Unknown command: cache:wram
        help: did you mean `cache:warm`?
        help: run `hyper --help` to list the commands

        """))
    }

    @Test func validateWarnsWhereAWordCouldMeanEither() throws {
        let project = try Self.project()
        #expect(try project.run(["validate"]) == RunResult(status: 0, stdout: """
        warning[W405]: command `db` takes positional words, and `db` is also a namespace: `hyper db migrate` runs `db:migrate`
          --> commands.d/10-db.yaml:19:3
           |
        19 |   db:
           |   ^^
           = help: a word after `db` that names a command in its namespace runs that command; rename one, or give such a value after `--` or by its option name

        2 manifests, 6 commands: 0 errors, 1 warning

        """, stderr: ""))
        // The way around it, as the warning says.
        #expect(try project.run(["db", "--name", "migrate"]) == RunResult(status: 0, stdout: "[shell migrate]", stderr: ""))
    }

    @Test func dirAndEnvShapeTheProcess() throws {
        let project = try Self.project()
        let web = project.root.appendingPathComponent("web").path
        #expect(try project.run(["build"], removing: ["EXTRA"])
                == RunResult(status: 0, stdout: "[\(web)][dist][dist][unset][node_modules:][$5 {x}]", stderr: ""))
        #expect(try project.run(["build", "--mode", "fast", "x"], environment: ["EXTRA": "lib"])
                == RunResult(status: 0, stdout: "[\(web)][x][x][fast][node_modules:lib][$5 {x}]", stderr: ""))
        // From a subfolder, the command still runs in its `dir`.
        #expect(try project.run(["build"], in: "web/bin", removing: ["EXTRA"]).stdout.hasPrefix("[\(web)][dist]"))
        #expect(try project.run(["lint"]) == RunResult(status: 0, stdout: "[lint in \(project.root.path)]", stderr: ""))
    }

    @Test func aMissingDirIsSeenByValidateAndRefusedAlone() throws {
        let project = try Self.project()
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("web"))
        #expect(try project.run(["validate", "--format", "concise"]) == RunResult(status: 1, stdout: """
        commands.d/10-db.yaml:19:3: warning: command `db` takes positional words, and `db` is also a namespace: `hyper db migrate` runs `db:migrate` [W405]
        commands.d/20-web.yaml:5:10: error: `dir: web` is not a folder [E308]

        """, stderr: ""))
        #expect(try project.run(["lint"]).status == 0)
        let build = try project.run(["build"])
        #expect(build.status == 1 && build.stdout == "")
        #expect(build.stderr.hasPrefix("error[E308]: `dir: web` is not a folder\n"), "\(build)")
    }

    /// An `env` variable an arg without a value leaves unset is unset for
    /// the program, inherited or not; a `PATH` set there finds the program.
    @Test func unsetVariablesAndTheCommandsPath() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", """
        commands:
          e:
            help: E
            sh: 'printf "[%s]" "${DB-unset}"'
            env: {DB: "{url}"}
            args:
              url: {type: str, required: false}
          tool:
            help: A program found on the command's own PATH
            exec: [hyper-test-tool]
            env: {PATH: "bin:${PATH}"}

        """)
        try project.write("bin/hyper-test-tool", "#!/bin/sh\nprintf '[tool]'\n", executable: true)
        #expect(try project.run(["e"], environment: ["DB": "prod"]) == RunResult(status: 0, stdout: "[unset]", stderr: ""))
        #expect(try project.run(["e", "--url", "x"], environment: ["DB": "prod"]) == RunResult(status: 0, stdout: "[x]", stderr: ""))
        #expect(try project.run(["tool"]) == RunResult(status: 0, stdout: "[tool]", stderr: ""))
    }

    /// A variable the command reads whose value is not UTF-8 stops the
    /// call: hyper never passes on a repaired value.
    @Test func aVariableThatIsNotUTF8StopsTheCall() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", "commands:\n  e:\n    help: E\n    sh: 'printf \"[%s]\" \"$V\"'\n    env: {V: \"a${X}b\"}\n")
        let result = try HyperProcess.run(["-c", "X=$(printf '\\377') exec \"$0\" e", HyperProcess.hyper.path], in: project.root,
                                          executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(result == RunResult(status: 1, stdout: "", stderr: """
        Error: variable `X`, which `e` reads, is not valid UTF-8
        help: hyper passes values on unchanged or not at all; set it to UTF-8 text, or unset it

        """))
        #expect(try project.run(["e"], environment: ["X": "é"]) == RunResult(status: 0, stdout: "[aéb]", stderr: ""))
    }

    @Test func aNamespaceAnswersHelpListsAliasesAndHasNothingToDryRun() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", """
        commands:
          cache:clear:
            help: Empty the cache
            exec: [printf, "[clear]"]
          warm:
            help: Fill the cache
            aliases: [cache:warm]
            exec: [printf, "[warm]"]

        """)
        let listing = """
        Usage: hyper cache <command> [args]

        Commands in cache:
          cache:clear       Empty the cache
          warm, cache:warm  Fill the cache

        Run `hyper cache <command> --help` for a command's options.

        """
        #expect(try project.run(["cache"]) == RunResult(status: 0, stdout: listing, stderr: ""))
        #expect(try project.run(["cache", "--help"]) == RunResult(status: 0, stdout: listing, stderr: ""))
        #expect(try project.run(["--dry-run=json", "cache"]) == RunResult(status: 2, stdout: "", stderr: """
        Error: `cache` is a namespace, not a command: there is nothing to run
        help: run `hyper cache` to list its commands

        """))
    }
}

extension TemporaryProject {
    /// Runs with variables of the test's own environment removed.
    func run(_ arguments: [String], in subfolder: String = "", environment: [String: String] = [:], removing: [String]) throws -> RunResult {
        let directory = subfolder.isEmpty ? root : root.appendingPathComponent(subfolder)
        return try HyperProcess.run(arguments, in: directory, environment: environment, removing: removing)
    }
}
