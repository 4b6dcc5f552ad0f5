import Foundation
import Testing

/// `confirm:` asked on a real terminal (a pty, through Tests/Terminal/pty_answer.py),
/// refused without one, and answered by `--yes` or `HYPER_YES=1`.
@Suite struct ConfirmationTests {
    static let manifest = """
    commands:
      reset:
        help: Drop every table
        confirm: "Drop every table in {database}?"
        exec: [printf, "[reset %s]\\n", "{database}"]
        args:
          database: {type: str, default: main}

    """

    static let harness = HyperProcess.fixtures.deletingLastPathComponent().appendingPathComponent("Terminal/pty_answer.py")

    /// Runs `hyper WORDS` on a pty, typing `answer` at the prompt (nil: the end-of-input character).
    static func onTerminal(_ words: [String], answer: String?, in project: TemporaryProject, shell: Bool = false) throws -> (status: Int, output: String) {
        let answering = answer.map { ["--answer", $0] } ?? ["--eof"]
        let program = shell ? "/bin/sh" : HyperProcess.hyper.path
        let result = try HyperProcess.run(["python3", harness.path] + answering + ["--", program] + words, in: project.root,
                                          executable: URL(fileURLWithPath: "/usr/bin/env"), environment: ["PYTHONDONTWRITEBYTECODE": "1"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
        return (object["status"] as? Int ?? -2, object["output"] as? String ?? "")
    }

    @Test func yesRunsIt() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", Self.manifest)
        let run = try Self.onTerminal(["reset", "--database", "prod"], answer: "y\n", in: project)
        #expect(run.status == 0)
        #expect(run.output == "Drop every table in prod? [y/N] y\r\n[reset prod]\r\n")
        #expect(try Self.onTerminal(["reset"], answer: " YES \n", in: project).status == 0)
    }

    @Test(arguments: ["n\n", "\n", "yep\n", "y" + String(repeating: " ", count: 300) + "\n"])
    func anythingElseIsNo(answer: String) throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", Self.manifest)
        let run = try Self.onTerminal(["reset"], answer: answer, in: project)
        #expect(run.status == 1)
        let typed = answer.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(run.output == "Drop every table in main? [y/N] \(typed)Error: `reset` was not confirmed; nothing was run\r\n")
    }

    @Test func theEndOfInputIsNo() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", Self.manifest)
        let run = try Self.onTerminal(["reset"], answer: nil, in: project)
        #expect(run.status == 1)
        #expect(run.output == "Drop every table in main? [y/N] \r\nError: `reset` was not confirmed; nothing was run\r\n")
    }

    /// No terminal to ask on: refused at once, never waiting.
    @Test func withoutATerminalItIsRefused() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", Self.manifest)
        #expect(try project.run(["reset"], stdin: Data("y\n".utf8)) == RunResult(status: 1, stdout: "", stderr: """
        Error: `reset` asks for confirmation, and there is no terminal to ask on; nothing was run
        help: confirm with `hyper --yes reset ...`, or set HYPER_YES=1

        """))
    }

    @Test func yesAnswersIt() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", Self.manifest)
        #expect(try project.run(["--yes", "reset"]) == RunResult(status: 0, stdout: "[reset main]\n", stderr: ""))
        #expect(try project.run(["reset"], environment: ["HYPER_YES": "1"]) == RunResult(status: 0, stdout: "[reset main]\n", stderr: ""))
        for value in ["1", "true", "YES"] {
            #expect(try project.run(["reset"], environment: ["HYPER_YES": value]).status == 0, "\(value)")
        }
        // Only a clear yes: `false`, `no`, anything else does not answer.
        for value in ["0", "false", "no", "off", "", "x"] {
            #expect(try project.run(["reset"], environment: ["HYPER_YES": value]).status == 1, "\(value)")
        }
        // Given after the command, `--yes` is the command's word, and it has none.
        #expect(try project.run(["reset", "--yes"]) == RunResult(status: 1, stdout: "", stderr: """
        Error: Unknown argument: --yes
        help: `--yes` is an option of hyper's own: give it before the command, as in `hyper --yes reset ...`

        """))
    }

    /// With standard error away from the terminal, nobody would see the
    /// question: it is not asked, and nothing runs.
    @Test func aQuestionNobodySeesIsNotAsked() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", Self.manifest)
        let run = try Self.onTerminal(["-c", "exec \"$0\" reset 2>/dev/null", HyperProcess.hyper.path], answer: nil, in: project, shell: true)
        #expect(run.status == 1 && run.output == "", "\(run)")
    }

    /// A value's control characters are shown escaped in the question.
    @Test func theQuestionIsEscaped() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", Self.manifest)
        let run = try Self.onTerminal(["reset", "--database", "a\u{1B}[2Jb"], answer: "n\n", in: project)
        #expect(run.output.hasPrefix("Drop every table in a<U+001B>[2Jb? [y/N] "), "\(run.output)")
    }
}
