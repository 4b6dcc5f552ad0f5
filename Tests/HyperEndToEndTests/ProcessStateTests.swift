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

    // MARK: the standard descriptors

    static func valid() throws -> TemporaryProject {
        let project = try TemporaryProject()
        try project.write("commands.d/main.yaml", """
        commands:
          probe:
            help: Say on descriptor OUT whether descriptor FD is open
            exec: [sh, -c, 'if [ -e /proc/$$/fd/$1 ]; then r=open; else r=closed; fi; echo $r >&$2', sh, "{fd}", "{out}"]
            args:
              fd: int
              out: int

        """)
        return project
    }

    static let noSpace = "Error: cannot write to standard output: no space left on device\n"
    static let closed = "Error: cannot write to standard output: bad file descriptor\n"

    @Test func outputLostToAFullDeviceFailsTheCall() throws {
        let project = try Self.valid()
        #expect(try Self.shell("exec \"$0\" --help >/dev/full", in: project.root) == RunResult(status: 1, stdout: "", stderr: Self.noSpace))
        #expect(try Self.shell("exec \"$0\" validate --format json >/dev/full", in: project.root) == RunResult(status: 1, stdout: "", stderr: Self.noSpace))
        #expect(try Self.shell("exec \"$0\" --version >/dev/full", in: project.root) == RunResult(status: 1, stdout: "", stderr: Self.noSpace))
        // A status that is already a failure stands.
        #expect(try Self.shell("exec \"$0\" validate --format=xml >/dev/full", in: project.root) == RunResult(status: 2, stdout: "", stderr:
            "Error: Invalid value for --format: expected human, concise, github or json, got 'xml'\n"))
        // Standard error lost: nothing can say so, but the status does.
        let traced = try Self.shell("exec \"$0\" --no-index --help 2>/dev/full", in: project.root, environment: ["HYPER_INDEX_DEBUG": "1"])
        #expect(traced.status == 0 && traced.stderr == "")
        let lost = try Self.shell("exec \"$0\" --help 2>/dev/full", in: project.root, environment: ["HYPER_INDEX_DEBUG": "1"])
        #expect(lost.status == 1 && lost.stderr == "" && lost.stdout.hasPrefix("Usage: hyper"), "\(lost)")
    }

    @Test func outputToAClosedDescriptorFailsTheCall() throws {
        let project = try Self.valid()
        #expect(try Self.shell("exec \"$0\" --help >&-", in: project.root) == RunResult(status: 1, stdout: "", stderr: Self.closed))
        #expect(try Self.shell("exec \"$0\" validate >&-", in: project.root) == RunResult(status: 1, stdout: "", stderr: Self.closed))
    }

    /// A Swift handler's `print` with standard output closed: the concurrency
    /// runtime's first descriptor (epoll) would take number 1, and the output
    /// would be written into it.
    @Test func aHandlersOutputNeverReachesAnotherDescriptor() throws {
        let example = HyperProcess.productsDirectory.appendingPathComponent("hyper-example")
        let folder = HyperProcess.repository.appendingPathComponent("Examples/seed")
        let result = try HyperProcess.run(["-c", "exec \"$0\" seed --count 2 >&-", example.path], in: folder,
                                          executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(result == RunResult(status: 1, stdout: "", stderr: Self.closed))
        let full = try HyperProcess.run(["-c", "exec \"$0\" seed --count 2 >/dev/full", example.path], in: folder,
                                        executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(full == RunResult(status: 1, stdout: "", stderr: Self.noSpace))
    }

    /// What hyper puts on a closed descriptor is closed again for the
    /// program it runs.
    @Test func aProgramStillFindsClosedDescriptorsClosed() throws {
        let project = try Self.valid()
        #expect(try Self.shell("exec \"$0\" probe 0 1 <&-", in: project.root) == RunResult(status: 0, stdout: "closed\n", stderr: ""))
        #expect(try Self.shell("exec \"$0\" probe 1 2 >&-", in: project.root) == RunResult(status: 0, stdout: "", stderr: "closed\n"))
        #expect(try Self.shell("exec \"$0\" probe 2 1 2>&-", in: project.root) == RunResult(status: 0, stdout: "closed\n", stderr: ""))
        #expect(try Self.shell("exec \"$0\" probe 1 2", in: project.root) == RunResult(status: 0, stdout: "", stderr: "open\n"))
    }
}
