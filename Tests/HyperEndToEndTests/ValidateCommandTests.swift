import Foundation
import Testing

/// `hyper validate` as CI runs it: formats, exit codes, strictness, the
/// upward search, and the limits that need generated files.
@Suite struct ValidateCommandTests {
    static let sample = """
    commands:
      seed:
        help: Seed the database
        exec: [true]
        args:
          count: {type: int, default: ten}
      report:
        sh: du -sh "$HYPER_ARG_DIRR"
        help: Disk usage
        args:
          dir: {type: str, default: .}

    """

    @Test func humanFormatWithSummary() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/db.yaml", Self.sample)
        let result = try project.run(["validate"])
        #expect(result == RunResult(status: 1, stdout: """
        error[E209]: invalid default for `count`: expected int, got `ten`
         --> commands.d/db.yaml:6:35
          |
        6 |       count: {type: int, default: ten}
          |                                   ^^^
          = help: an int is decimal digits with an optional sign, within 64 bits

        warning[W402]: `sh` script reads `$HYPER_ARG_DIRR`, but the command declares no arg `dirr`
         --> commands.d/db.yaml:8:17
          |
        8 |     sh: du -sh "$HYPER_ARG_DIRR"
          |                 ^^^^^^^^^^^^^^^
          = help: did you mean `$HYPER_ARG_DIR`?

        1 manifest, 2 commands: 1 error, 1 warning

        """, stderr: ""))
    }

    @Test func conciseFormat() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/db.yaml", Self.sample)
        let result = try project.run(["validate", "--format", "concise"])
        #expect(result == RunResult(status: 1, stdout: """
        commands.d/db.yaml:6:35: error: invalid default for `count`: expected int, got `ten` [E209]
        commands.d/db.yaml:8:17: warning: `sh` script reads `$HYPER_ARG_DIRR`, but the command declares no arg `dirr` [W402]

        """, stderr: ""))
    }

    @Test func githubFormat() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/db.yaml", Self.sample)
        let result = try project.run(["validate", "--format=github"])
        #expect(result.stdout == """
        ::error file=commands.d/db.yaml,line=6,col=35,endColumn=38,title=hyper E209::invalid default for `count`: expected int, got `ten`%0Ahelp: an int is decimal digits with an optional sign, within 64 bits
        ::warning file=commands.d/db.yaml,line=8,col=17,endColumn=32,title=hyper W402::`sh` script reads `$HYPER_ARG_DIRR`, but the command declares no arg `dirr`%0Ahelp: did you mean `$HYPER_ARG_DIR`?

        """)
        #expect(result.status == 1)
    }

    /// GitHub matches annotations by paths from the repository's root, so
    /// `--format github` gives them from `$GITHUB_WORKSPACE`, else from the
    /// nearest folder holding `.git`, else from the working directory, and
    /// absolute outside that root. The other formats stay relative to the
    /// working directory.
    @Test func githubPathsAreFromTheRepositoryRoot() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/10-db.yaml", """
        commands:
          seed:
            help: Seed
            exec: [./scripts/seed.sh]

        """)
        func annotation(_ file: String, _ shown: String) -> String {
            "::error file=\(file),line=4,col=12,endColumn=29,title=hyper E304::program `./scripts/seed.sh` does not exist"
                + "%0Ahelp: relative programs are found from the project root, here `\(shown)`\n"
        }
        func run(_ format: String, in folder: String, workspace: String? = nil) throws -> String {
            let directory = project.root.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return try HyperProcess.run(["validate", "--format", format], in: directory,
                                        environment: workspace.map { ["GITHUB_WORKSPACE": $0] } ?? [:]).stdout
        }
        // No workspace and no `.git` above: the working directory.
        #expect(try run("github", in: "src") == annotation("../commands.d/10-db.yaml", "../scripts/seed.sh"))
        // `.git` at the project's root (a file, as in a worktree).
        try project.write(".git", "gitdir: /elsewhere\n")
        #expect(try run("github", in: "src/deep") == annotation("commands.d/10-db.yaml", "scripts/seed.sh"))
        #expect(try run("concise", in: "src/deep") == "../../commands.d/10-db.yaml:4:12: error: program `./scripts/seed.sh` does not exist [E304]\n")
        let json = try JSONSerialization.jsonObject(with: Data(try run("json", in: "src/deep").utf8)) as? [[String: Any]]
        #expect(json?.first?["file"] as? String == "../../commands.d/10-db.yaml")
        // `$GITHUB_WORKSPACE` comes first, relative or not.
        let parent = project.root.deletingLastPathComponent().path
        let name = project.root.lastPathComponent
        #expect(try run("github", in: "src", workspace: parent) == annotation("\(name)/commands.d/10-db.yaml", "\(name)/scripts/seed.sh"))
        #expect(try run("github", in: "src", workspace: "..") == annotation("commands.d/10-db.yaml", "scripts/seed.sh"))
        // A manifest outside the root is named absolutely.
        let absolute = project.root.resolvingSymlinksInPath().path
        #expect(try run("github", in: "src", workspace: "../src") == annotation("\(absolute)/commands.d/10-db.yaml", "\(absolute)/scripts/seed.sh"))
    }

    @Test func jsonFormat() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/db.yaml", Self.sample)
        let result = try project.run(["validate", "--format", "json"])
        #expect(result.status == 1)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(objects.count == 2)
        #expect(objects[0]["file"] as? String == "commands.d/db.yaml")
        #expect(objects[0]["line"] as? Int == 6)
        #expect(objects[0]["column"] as? Int == 35)
        #expect(objects[0]["endColumn"] as? Int == 38)
        #expect(objects[0]["severity"] as? String == "error")
        #expect(objects[0]["code"] as? String == "E209")
        #expect(objects[0]["message"] as? String == "invalid default for `count`: expected int, got `ten`")
        #expect(objects[1]["severity"] as? String == "warning")
        #expect(objects[1]["code"] as? String == "W402")
    }

    /// An arg whose spec has an error is still declared: a script that reads
    /// it gets no W402, and a placeholder naming it no E215. When `args`
    /// itself is broken, no reference to an arg is judged at all.
    @Test func noWarningFollowsAnError() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", """
        commands:
          migrate:
            help: Migrate
            sh: ./migrate "$HYPER_ARG_APP"
            args:
              app: {type: str, hlep: Only this app}
          copy:
            help: Copy
            exec: [cp, "{src}", "{dst}"]
            args:
              src: {type: text}
              dst: {type: int, default: none}
          move:
            help: Move
            sh: mv "$HYPER_ARG_SRC" "$HYPER_ARG_DST"
            args:
              - name: src
              - name: dst

        """)
        let result = try project.run(["validate", "--format", "concise"])
        #expect(result == RunResult(status: 1, stdout: """
        commands.d/a.yaml:6:24: error: unknown key `hlep` in arg `app` [E201]
        commands.d/a.yaml:11:19: error: unknown type `text` for arg `src` [E208]
        commands.d/a.yaml:12:33: error: invalid default for `dst`: expected int, got `none` [E209]
        commands.d/a.yaml:17:7: error: `args` must be a mapping, found a sequence [E200]

        """, stderr: ""))
    }

    /// W402 points at the `$HYPER_ARG_X` itself where the script's source
    /// spells its text out in place: on a one-line plain or single-quoted
    /// script by column, in a literal block line by line; elsewhere at the
    /// whole script.
    @Test func undeclaredArgWarningPointsAtTheReference() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", """
        commands:
          plain:
            help: Plain
            sh: echo "$HYPER_ARG_NAME" and ${HYPER_ARG_OTHER}
          single:
            help: Single-quoted, with a quote written twice
            sh: 'echo ''x'' "$HYPER_ARG_NAME"'
          double:
            help: Double-quoted
            sh: "echo \\"$HYPER_ARG_NAME\\""
          literal:
            help: Literal block
            sh: |
              set -e

              if true; then
                echo "$HYPER_ARG_NAME"
              fi
          indicated:
            help: Literal block with an indentation indicator
            sh: |2
                echo $HYPER_ARG_NAME
          folded:
            help: Folded block
            sh: >
              echo
              "$HYPER_ARG_NAME"
          plain-lines:
            help: Plain, over two lines
            sh: echo one
              "$HYPER_ARG_NAME"

        """)
        let result = try project.run(["validate", "--format", "json"])
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let places = objects.map { "\($0["code"]!) \($0["line"]!):\($0["column"]!)-\($0["endColumn"]!)" }
        #expect(places == [
            "W402 4:15-30", "W402 4:36-54",  // `$HYPER_ARG_NAME`, `${HYPER_ARG_OTHER}`
            "W402 7:22-37",                  // after `''`, written twice
            "W402 10:9-35",                  // the whole double-quoted script
            "W402 17:15-30",                 // line by line, after the indentation
            "W402 22:14-29",
            "W402 25:9-10",                  // a folded block: the scalar, from `>`
            "W402 30:9-17",                  // a plain script over lines: its first line
        ])
        #expect(result.status == 0)
        let human = try project.run(["validate"])
        #expect(human.stdout.hasPrefix("""
        warning[W402]: `sh` script reads `$HYPER_ARG_NAME`, but the command declares no arg `name`
         --> commands.d/a.yaml:4:15
          |
        4 |     sh: echo "$HYPER_ARG_NAME" and ${HYPER_ARG_OTHER}
          |               ^^^^^^^^^^^^^^^
          = help: declare `name` under `args`

        """))
        #expect(human.stdout.contains("""
          --> commands.d/a.yaml:17:15
           |
        17 |         echo "$HYPER_ARG_NAME"
           |               ^^^^^^^^^^^^^^^

        """))
    }

    /// A byte order mark starting the file is not a column of line 1.
    @Test func positionsOnTheFirstLineSkipAByteOrderMark() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", "\u{FEFF}commands: {a: {help: A, sh: echo, hepl: x}}\n")
        #expect(try project.run(["validate"]) == RunResult(status: 1, stdout: """
        error[E201]: unknown key `hepl` in command `a`
         --> commands.d/a.yaml:1:35
          |
        1 | commands: {a: {help: A, sh: echo, hepl: x}}
          |                                   ^^^^
          = help: did you mean `help`?

        1 manifest, 1 command: 1 error, 0 warnings

        """, stderr: ""))
    }

    /// A help that ends with an example keeps its lines: indented under the
    /// first in `human`, `%0A` in `github`, `\n` in `json`.
    @Test func helpOverSeveralLinesInEveryFormat() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", "commands:\n  m:\n    help: M\n    exec: [true]\n    args:\n      - name: app\n")
        #expect(try project.run(["validate"]).stdout == """
        error[E200]: `args` must be a mapping, found a sequence
         --> commands.d/a.yaml:6:7
          |
        6 |       - name: app
          |       ^
          = help: `args` maps each arg's name to its spec; write it as a mapping:
                    args:
                      app: {type: str}

        1 manifest, 1 command: 1 error, 0 warnings

        """)
        #expect(try project.run(["validate", "--format", "github"]).stdout == """
        ::error file=commands.d/a.yaml,line=6,col=7,endColumn=8,title=hyper E200::`args` must be a mapping, found a sequence\
        %0Ahelp: `args` maps each arg's name to its spec; write it as a mapping:%0A  args:%0A    app: {type: str}

        """)
        let json = try project.run(["validate", "--format", "json"])
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(objects.first?["help"] as? String == "`args` maps each arg's name to its spec; write it as a mapping:\n  args:\n    app: {type: str}")
    }

    @Test func warningsPassUnlessStrict() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", "commands:\n  quiet:\n    exec: [true]\n")
        try project.write("commands.d/b.yml", "commands: {}\n")
        let relaxed = try project.run(["validate", "--format", "concise"])
        #expect(relaxed == RunResult(status: 0, stdout: """
        commands.d/a.yaml:2:3: warning: command `quiet` has no help text [W401]
        commands.d/b.yml:1:1: warning: manifest declares no commands [W403]

        """, stderr: ""))
        let strict = try project.run(["validate", "--strict", "--format", "concise"])
        #expect(strict.status == 1)
        #expect(strict.stdout == relaxed.stdout)
    }

    @Test func cleanProjectSaysSo() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", "commands:\n  hi:\n    help: Say hi\n    exec: [echo, hi]\n")
        try project.write("commands.d/.a.yaml.swp.yaml", "not: [valid")
        try project.write("commands.d/notes.md", "# not a manifest")
        let result = try project.run(["validate"])
        #expect(result == RunResult(status: 0, stdout: "1 manifest, 1 command: 0 errors, 0 warnings\n", stderr: ""))
        #expect(try project.run(["validate", "--format", "json"]).stdout == "[]\n")
    }

    @Test func findsCommandsFolderFromASubfolder() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", "commands:\n  hi:\n    exec: [echo, hi]\n")
        let result = try project.run(["validate", "--format", "concise"], in: "src/deep/er")
        #expect(result.stdout == "../../../commands.d/a.yaml:2:3: warning: command `hi` has no help text [W401]\n")
        #expect(result.status == 0)
    }

    @Test func noCommandsFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hyper-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try HyperProcess.run(["validate", "--format", "concise"], in: folder)
        #expect(result.stdout == "hyper: error: no `commands.d` folder in `\(folder.resolvingSymlinksInPath().path)` or any folder above it [E307]\n")
        #expect(result.status == 1)
    }

    @Test func emptyCommandsFolderAndMissingPath() throws {
        let project = try TemporaryProject()
        let empty = try project.run(["validate", "--format", "concise"])
        #expect(empty.stdout == "hyper: error: no manifests (`*.yaml`, `*.yml`) in `\(project.root.resolvingSymlinksInPath().path)/commands.d` [E307]\n")
        #expect(empty.status == 1)
        let missing = try project.run(["validate", "--format", "concise", "nope.yaml"])
        #expect(missing == RunResult(status: 1, stdout: "hyper: error: no such file or folder: `nope.yaml` [E100]\n", stderr: ""))
    }

    /// A manifest the user cannot read. Root reads every file, so as root
    /// (as CI runs) `hyper` runs as `nobody` (65534), who cannot read it.
    @Test func unreadableManifest() throws {
        let project = try TemporaryProject()
        let file = try project.write("commands.d/secret.yaml", "commands: {}\n")
        try project.write("commands.d/ok.yaml", "commands:\n  a:\n    help: A\n    exec: [true]\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: file.path)
        let arguments = ["validate", "--format", "concise"]
        let result = getuid() == 0
            ? try HyperProcess.run(["--reuid=65534", "--regid=65534", "--clear-groups", HyperProcess.hyper.path] + arguments,
                                   in: project.root, executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
            : try project.run(arguments)
        #expect(result == RunResult(status: 1, stdout: "commands.d/secret.yaml:1:1: error: cannot read manifest: permission denied [E100]\n",
                                    stderr: ""))
    }

    @Test func oversizedManifestIsRefusedBeforeReading() throws {
        let project = try TemporaryProject()
        var text = "commands:\n"
        while text.utf8.count <= 1 << 20 { text += "  # padding padding padding padding padding padding padding padding\n" }
        try project.write("commands.d/big.yaml", text)
        let result = try project.run(["validate"])
        #expect(result.stdout == """
        error[E101]: manifest is \(text.utf8.count) bytes, over the limit of 1048576
         --> commands.d/big.yaml:1:1
          = help: split the commands across several files in `commands.d`

        1 manifest, 0 commands: 1 error, 0 warnings

        """)
        #expect(result.status == 1)
    }

    @Test func overlongValue() throws {
        let project = try TemporaryProject()
        let script = String(repeating: "x", count: 70_000)
        try project.write("commands.d/a.yaml", "commands:\n  a:\n    help: A\n    sh: \(script)\n")
        let result = try project.run(["validate", "--format", "concise"])
        #expect(result == RunResult(status: 1, stdout: "commands.d/a.yaml:4:9: error: value is 70000 bytes, over the limit of 65536 [E113]\n", stderr: ""))
    }

    @Test func theRepositorysOwnManifestsValidate() throws {
        let repository = HyperProcess.repository
        let result = try HyperProcess.run(["validate", "--strict"], in: repository)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr == "")
        #expect(result.stdout.hasSuffix(" 0 errors, 0 warnings\n"))
    }

    @Test func usageErrors() throws {
        let project = try TemporaryProject()
        #expect(try project.run(["validate", "--fromat", "json"]) == RunResult(
            status: 2, stdout: "", stderr: "Error: Unknown argument: --fromat\nhelp: did you mean `--format`?\n"))
        #expect(try project.run(["validate", "--format", "xml"]) == RunResult(
            status: 2, stdout: "", stderr: "Error: Invalid value for --format: expected human, concise, github or json, got 'xml'\n"))
        #expect(try project.run(["validate", "--format"]) == RunResult(
            status: 2, stdout: "", stderr: "Error: Missing value for --format\n"))
    }

    /// An empty path would resolve to the current folder and read its
    /// `*.yaml` (here a stray one beside `commands.d`): a usage error instead.
    @Test func anEmptyPathIsAUsageError() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", "commands:\n  a:\n    help: A\n    exec: [echo, a]\n")
        try project.write("stray.yaml", "commands:\n  stray:\n    help: Stray\n    exec: [echo, stray]\n")
        let manifests = RunResult(status: 2, stdout: "", stderr: "Error: Invalid value for --manifests: expected a path, got ''\n")
        #expect(try project.run(["--manifests=", "stray"]) == manifests)
        #expect(try project.run(["--manifests", "", "stray"]) == manifests)
        #expect(try project.run(["--manifests", "commands.d", "--manifests=", "a"]) == manifests)
        let path = RunResult(status: 2, stdout: "", stderr: "Error: Invalid value for PATH: expected a path, got ''\n")
        #expect(try project.run(["validate", ""]) == path)
        #expect(try project.run(["validate", "commands.d", "--", ""]) == path)
    }

    @Test func severalPathsAreOneProject() throws {
        let project = try TemporaryProject()
        try project.write("one/a.yaml", "commands:\n  same:\n    help: A\n    exec: [true]\n")
        try project.write("two/b.yaml", "commands:\n  same:\n    help: B\n    exec: [true]\n")
        let result = try project.run(["validate", "--format", "concise", "one", "two/b.yaml"])
        #expect(result == RunResult(status: 1, stdout: "two/b.yaml:2:3: error: command `same` is already defined at one/a.yaml:2:3 [E301]\n", stderr: ""))
    }
}
