import Foundation
import Testing

/// One broken manifest does not stop the others: a sound command runs (with
/// a one-line warning), one that is not sound is refused with its own
/// diagnostics, and the index serves such a project without a full load.
@Suite struct BrokenManifestTests {
    static let good = """
    commands:
      deploy:
        help: Deploy
        exec: [printf, "[deploy %s]", "{target}"]
        args:
          target: {type: str, default: staging}

    """
    static let warning = "warning: 1 manifest has errors, so some commands do not run; run `hyper validate` to see them\n"

    @Test func aSoundCommandRunsBesideAFileWithAYAMLError() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", Self.good)
        try project.write("commands.d/b.yaml", "commands:\n  lint:\n    help: Lint\n    sh: pyflakes . || echo \"lint: x\"\n")
        let environment = ["HYPER_INDEX_DEBUG": "1", "HYPER_INDEX_DIR": project.root.appendingPathComponent("index").path]
        let first = try project.run(["deploy", "--target", "prod"], environment: environment)
        #expect(first.status == 0 && first.stdout == "[deploy prod]")
        #expect(first.stderr.hasSuffix(Self.warning), "\(first)")
        #expect(first.stderr.contains("index: written"), "\(first)")
        // The index answers the next call, broken file and all: no full load.
        let second = try project.run(["deploy"], environment: environment)
        #expect(second.stdout == "[deploy staging]")
        #expect(second.stderr.split(separator: "\n").map { $0.hasPrefix("hyper: index: hit") ? "hit" : String($0) } == ["hit", String(Self.warning.dropLast())])
        // The list shows what runs, and says the same.
        let list = try project.run([], environment: environment)
        #expect(list.stdout.contains("\nCommands:\n  deploy  Deploy\n") && !list.stdout.contains("lint"))
        #expect(list.stderr.hasSuffix(Self.warning))
        // validate is unchanged: every problem, exit 1.
        let validate = try project.run(["validate", "--format", "concise"])
        #expect(validate == RunResult(status: 1, stdout: "commands.d/b.yaml:4:33: error: invalid YAML: mapping values are not allowed in this context [E104]\n", stderr: ""))
    }

    /// A name that may be declared in the part of a manifest that could not
    /// be read is never given up for a shorter one.
    @Test(arguments: [
        "commands:\n  deploy:prod:\n    help: [unclosed\n",  // YAML that does not parse
        "comands:\n  deploy:prod: {help: p, exec: [echo, p]}\n",  // a misspelt `commands`
        "commands:\n  x: {help: x, sh: x}\n---\ncommands:\n  deploy:prod: {help: p, exec: [echo, p]}\n",  // a second document
        "commands:\n  x: {help: x, sh: x}\ncommands:\n  deploy:prod: {help: p, exec: [echo, p]}\n",  // `commands` twice
        "commands:\n  - deploy:prod: {help: p, exec: [echo, p]}\n",  // a list, not a mapping
    ])
    func aLongerNameInABrokenFileIsNotGivenUpForAShorterOne(broken: String) throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", Self.good)
        #expect(try project.run(["deploy", "prod"]) == RunResult(status: 0, stdout: "[deploy prod]", stderr: ""))
        try project.write("commands.d/b.yaml", broken)
        for _ in 0..<2 {  // a full load, then the index
            #expect(try project.run(["deploy", "prod"]) == RunResult(status: 1, stdout: "", stderr: """
            Error: `deploy:prod` may be declared in a manifest that has errors, so `deploy` is not run in its place
            help: fix the manifests first; `hyper validate` shows their errors

            """))
        }
        // A word that cannot be a name is the command's, as always.
        #expect(try project.run(["deploy", "--target", "prod"]).stdout == "[deploy prod]")
    }

    @Test func aDuplicateRefusesBothAndNothingElse() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", Self.good + "  seed:\n    help: Seed\n    exec: [printf, \"[seed a]\"]\n")
        try project.write("commands.d/b.yaml", "commands:\n  seed:\n    help: Seed again\n    exec: [printf, \"[seed b]\"]\n")
        #expect(try project.run(["deploy"]) == RunResult(status: 0, stdout: "[deploy staging]", stderr: Self.warning))
        let refused = RunResult(status: 1, stdout: "", stderr: """
        error[E301]: command `seed` is already defined at commands.d/a.yaml:7:3
         --> commands.d/b.yaml:2:3
          |
        2 |   seed:
          |   ^^^^
          = help: rename or remove one of the two

        Error: `seed` has errors in its manifest; nothing was run
        help: run `hyper validate` to check every manifest

        """)
        #expect(try project.run(["seed"]) == refused)
        #expect(try project.run(["seed"]) == refused)
    }

    /// The broken command shows its own errors, not those of other commands.
    @Test func theBrokenCommandShowsItsOwnDiagnostics() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", Self.good)
        try project.write("commands.d/b.yaml", """
        commands:
          one:
            help: One
            exec: [true]
            args:
              n: {type: int, default: x}
          two:
            help: Two
            exec: [true]
            args:
              m: {type: flaot}

        """)
        #expect(try project.run(["two"]) == RunResult(status: 1, stdout: "", stderr: """
        error[E208]: unknown type `flaot` for arg `m`
          --> commands.d/b.yaml:11:17
           |
        11 |       m: {type: flaot}
           |                 ^^^^^
           = help: did you mean `float`?

        Error: `two` has errors in its manifest; nothing was run
        help: run `hyper validate` to check every manifest

        """))
        #expect(try project.run(["deploy"]).stdout == "[deploy staging]")
        // An unknown name is still unknown, with the usual hint.
        #expect(try project.run(["thre"]).status == 2)
    }

    /// A relative program that is not executable refuses only its command,
    /// and once it is, the command runs.
    @Test func aProgramMadeExecutableRunsAgain() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", Self.good + "  run:\n    help: Run\n    exec: [./run.sh]\n")
        let script = try project.write("run.sh", "#!/bin/sh\nprintf '[ran]'\n")
        #expect(try project.run(["deploy"]).stdout == "[deploy staging]")
        let refused = try project.run(["run"])
        #expect(refused.status == 1 && refused.stderr.hasPrefix("error[E305]: program `./run.sh` is not executable\n"), "\(refused)")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        #expect(try project.run(["run"]) == RunResult(status: 0, stdout: "[ran]", stderr: ""))
    }

    /// A command refused by a check across files still says that
    /// manifests have errors, and a folder that is gone keeps the index
    /// from listing its command.
    @Test func theListAgreesWithAFullLoadWhenADirIsGone() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", Self.good + "  p:\n    help: P\n    dir: web\n    sh: pwd\n")
        try FileManager.default.createDirectory(at: project.root.appendingPathComponent("web"), withIntermediateDirectories: true)
        #expect(try project.run([]).stdout.contains("\n  p       P\n"))
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("web"))
        let list = try project.run([])
        #expect(!list.stdout.contains("\n  p ") && list.stderr == Self.warning, "\(list)")
        #expect(try project.run(["--no-index"]).stdout == list.stdout)
    }

    /// A `dir` swapped for a link that leads out of the project after the
    /// index was written: the index does not answer with the command.
    @Test func aDirThatNowLeadsOutsideIsSeenDespiteTheIndex() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", "commands:\n  s:\n    help: S\n    dir: web\n    sh: pwd\n")
        try FileManager.default.createDirectory(at: project.root.appendingPathComponent("web"), withIntermediateDirectories: true)
        let web = project.root.appendingPathComponent("web").path
        #expect(try project.run(["s"]) == RunResult(status: 0, stdout: web + "\n", stderr: ""))
        #expect(try project.run(["s"]) == RunResult(status: 0, stdout: web + "\n", stderr: ""))
        try FileManager.default.removeItem(atPath: web)
        try FileManager.default.createSymbolicLink(atPath: web, withDestinationPath: "/tmp")
        let refused = try project.run(["s"])
        #expect(refused.status == 1 && refused.stdout == "", "\(refused)")
        #expect(refused.stderr.hasPrefix("error[E308]: `dir: web` leads outside the project, to `/tmp`\n"), "\(refused)")
    }
}
