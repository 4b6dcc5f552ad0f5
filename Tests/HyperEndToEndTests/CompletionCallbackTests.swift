import Foundation
import Testing

/// `hyper __complete` as the scripts call it: the manifests it reads, the
/// silence it keeps, and the trust a completion program needs.
@Suite struct CompletionCallbackTests {
    static let service = """
        commands:
          deploy:
            help: Deploy one service
            exec: [./noop.sh]
            dir: scripts
            args:
              service: {type: str, complete: [./services.sh]}

        """

    @Test func theManifestsOfTheLineOrTheEnvironment() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", "commands:\n  here:\n    help: Here\n    sh: echo\n")
        try project.write("other/b.yaml", "commands:\n  there:\n    help: There\n    sh: echo\n")
        #expect(try project.run(["__complete", "bash", "--manifests", "other", "th"]) == RunResult(status: 0, stdout: "there\tThere\n:0\n", stderr: ""))
        #expect(try project.run(["__complete", "bash", "--manifests=other", "her"]) == RunResult(status: 0, stdout: ":0\n", stderr: ""))
        #expect(try project.run(["__complete", "bash", "th"], environment: ["HYPER_COMMANDS": "other"])
            == RunResult(status: 0, stdout: "there\tThere\n:0\n", stderr: ""))
        #expect(try project.run(["__complete", "bash", "her"]) == RunResult(status: 0, stdout: "here\tHere\n:0\n", stderr: ""))
    }

    /// Broken manifests, a missing folder, an index trace asked for: only
    /// the protocol reaches the prompt.
    @Test func nothingButCandidates() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", "commands:\n  good:\n    help: Good\n    sh: echo\n")
        try project.write("commands.d/b.yaml", "commands:\n  bad: [\n")
        try project.write("commands.d/c.yaml", "commands:\n  gone:\n    help: Gone\n    exec: [./missing.sh]\n")
        let environment = ["HYPER_INDEX_DEBUG": "1"]
        #expect(try project.run(["__complete", "bash", "g"], environment: environment) == RunResult(status: 0, stdout: "good\tGood\n:0\n", stderr: ""))
        #expect(try project.run(["__complete", "bash", "--manifests", "nowhere", "g"], environment: environment)
            == RunResult(status: 0, stdout: ":0\n", stderr: ""))
        #expect(try project.run(["__complete", "tcsh", "g"]) == RunResult(status: 0, stdout: ":0\n", stderr: ""))
    }

    /// Untrusted, the program never starts; trusted, it runs in the
    /// command's `dir`; changed, it needs trusting again.
    @Test func aCompletionProgramRunsOnlyInATrustedProject() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", Self.service)
        try project.write("scripts/noop.sh", "#!/bin/sh\n", executable: true)
        try project.write("scripts/services.sh", "#!/bin/sh\n: > ran\nprintf 'api\\tThe API\\n'\n", executable: true)
        let config = project.root.appendingPathComponent("config").path
        let environment = ["XDG_CONFIG_HOME": config]
        let ran = project.root.appendingPathComponent("scripts/ran").path
        #expect(try project.run(["__complete", "bash", "deploy", ""], environment: environment) == RunResult(status: 0, stdout: ":0\n", stderr: ""))
        #expect(!FileManager.default.fileExists(atPath: ran))
        #expect(try project.run(["completions", "--trust"], environment: environment) == RunResult(status: 0, stdout:
            "Trusted 1 manifest as they are now: their completion programs run on Tab.\n"
            + "A change to any of them needs `hyper completions --trust` again.\n", stderr: ""))
        let record = try String(contentsOfFile: config + "/hyper/trusted-manifests", encoding: .utf8)
        #expect(record.hasSuffix(" " + project.root.appendingPathComponent("commands.d/a.yaml").path + "\n"))
        #expect(try project.run(["__complete", "bash", "deploy", ""], environment: environment)
            == RunResult(status: 0, stdout: "api\tThe API\n:0\n", stderr: ""))
        #expect(FileManager.default.fileExists(atPath: ran))
        try FileManager.default.removeItem(atPath: ran)
        try project.write("commands.d/a.yaml", Self.service + "# edited\n")
        #expect(try project.run(["__complete", "bash", "deploy", ""], environment: environment) == RunResult(status: 0, stdout: ":0\n", stderr: ""))
        #expect(!FileManager.default.fileExists(atPath: ran))
    }

    @Test func trustNeedsAProject() throws {
        let project = try TemporaryProject()
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("commands.d"))
        #expect(try project.run(["completions", "--trust"], environment: ["XDG_CONFIG_HOME": project.root.path + "/config"])
            == RunResult(status: 2, stdout: "", stderr: "Error: no commands.d folder here or above: there is nothing to trust\n"
                         + "help: run it in the project, or give its manifests with `--manifests PATH`\n"))
        #expect(!FileManager.default.fileExists(atPath: project.root.path + "/config"))
    }

    /// A program's name goes into the script as code: one with a line feed
    /// (which would end a comment and start a command) gets no script.
    @Test func aNameWithALineFeedGetsNoScript() throws {
        let project = try TemporaryProject()
        let link = project.root.appendingPathComponent("x\ntouch owned\n#")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: HyperProcess.hyper)
        #expect(try HyperProcess.run(["completions", "bash"], in: project.root, executable: link) == RunResult(status: 2, stdout: "", stderr: """
        Error: the program's name `x<U+000A>touch owned<U+000A>#` holds a control character, so no script can name it safely

        """))
    }
}

