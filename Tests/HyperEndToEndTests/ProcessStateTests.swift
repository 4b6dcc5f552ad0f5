import Foundation
import Testing

/// What hyper inherits from the process that starts it, beyond its
/// arguments: the current folder and the standard descriptors. hyper never
/// guesses a folder and never loses output quietly.
@Suite struct ProcessStateTests {
    /// Runs `script` with `/bin/sh`, `$0` being the hyper binary, in `directory`.
    static func shell(_ script: String, in directory: URL, environment: [String: String] = [:]) throws -> RunResult {
        try HyperProcess.run(["-c", script, HyperProcess.hyper.path], in: directory,
                             executable: URL(fileURLWithPath: "/bin/sh"), environment: environment)
    }

    // MARK: the current folder

    /// A project whose commands.d would be found from its subfolder `sub`.
    static func project() throws -> TemporaryProject {
        let project = try TemporaryProject()
        try project.write("commands.d/main.yaml", "commands:\n  where:\n    help: Where\n    sh: echo \"$HYPER_INVOCATION_DIR\"\n")
        try FileManager.default.createDirectory(at: project.root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        return project
    }

    @Test func aRemovedCurrentFolderStopsHyper() throws {
        let project = try Self.project()
        let removed = RunResult(status: 2, stdout: "", stderr: "Error: the current folder has been removed\n")
        for arguments in ["", "where", "validate", "--manifests commands.d where", "--manifests \"$PWD/../commands.d\" where"] {
            let result = try Self.shell("cd sub && rmdir \"$PWD\" && exec \"$0\" \(arguments)", in: project.root)
            #expect(result == removed, "arguments: \(arguments)")
            try FileManager.default.createDirectory(at: project.root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        }
    }

    @Test func aCurrentFolderPathOverPathMaxStopsHyper() throws {
        let project = try Self.project()
        // sh cannot enter a folder that deep; Python can, one level at a time,
        // and removes the tree afterwards with descriptor-relative calls.
        let script = """
        import os, shutil, subprocess, sys
        top = os.getcwd()
        for _ in range(25):
            os.mkdir("d" * 200)
            os.chdir("d" * 200)
        result = subprocess.run([sys.argv[1]] + sys.argv[2:], capture_output=True)
        os.chdir(top)
        shutil.rmtree("d" * 200)
        sys.stdout.buffer.write(result.stdout)
        sys.stderr.buffer.write(result.stderr)
        sys.exit(result.returncode)
        """
        let result = try HyperProcess.run(["python3", "-c", script, HyperProcess.hyper.path, "where"], in: project.root.appendingPathComponent("sub"),
                                          executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(result == RunResult(status: 2, stdout: "", stderr: "Error: the current folder's path is over 4096 bytes\n"))
    }

    @Test func aCurrentFolderWhosePathIsNotUTF8StopsHyper() throws {
        let project = try Self.project()
        let result = try Self.shell("d=$(printf 'caf\\351') && mkdir \"$d\" && cd \"$d\" && exec \"$0\" where", in: project.root.appendingPathComponent("sub"))
        #expect(result == RunResult(status: 2, stdout: "", stderr: "Error: the current folder's path is not valid UTF-8\n"))
    }
}
