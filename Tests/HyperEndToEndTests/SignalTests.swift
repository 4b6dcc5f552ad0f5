import Foundation
import Testing

/// Signals while a child runs. hyper replaces itself with the child
/// (`execve`), so a signal sent to hyper's pid reaches the child, and a child
/// killed by a signal ends "hyper" by that same signal.
@Suite(.serialized) struct SignalTests {
    /// Starts `hyper` in its own process group (as a shell's job control
    /// would) and returns the process once its child has written `ready`.
    private func start(_ project: TemporaryProject, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = HyperProcess.hyper
        process.arguments = arguments
        process.currentDirectoryURL = project.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let ready = project.root.appendingPathComponent("ready")
        for _ in 0..<500 where !FileManager.default.fileExists(atPath: ready.path) { usleep(10_000) }
        #expect(FileManager.default.fileExists(atPath: ready.path), "the child never started")
        return process
    }

    private func alive(_ marker: String) -> Bool {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
        probe.arguments = ["-f", marker]
        probe.standardOutput = FileHandle.nullDevice
        try? probe.run()
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }

    private func project(marker: String) throws -> TemporaryProject {
        let project = try TemporaryProject()
        try project.write("commands.d/main.yaml", """
        commands:
          wait:
            help: Wait to be signalled
            sh: touch ready; exec sleep \(marker)
          ignore:
            help: Ignore Ctrl-C, then exit 3
            sh: trap '' INT; touch ready; sleep 1; exit 3

        """)
        return project
    }

    @Test(arguments: [SIGTERM, SIGHUP, SIGINT, SIGKILL])
    func signalEndsHyperTheSameWay(signal: Int32) throws {
        let marker = "31\(signal)7.5"
        let project = try project(marker: marker)
        let process = try start(project, ["wait"])
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signal)
        #expect(!alive("sleep \(marker)"))
    }

    @Test func ctrlCToTheProcessGroupReachesTheChild() throws {
        let marker = "4127.5"
        let project = try project(marker: marker)
        let process = try start(project, ["wait"])
        // Ctrl-C: the terminal sends SIGINT to the whole foreground process group.
        kill(-getpgid(process.processIdentifier), SIGINT)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGINT)
        #expect(!alive("sleep \(marker)"))
    }

    @Test func aChildThatIgnoresCtrlCRunsOnAndItsStatusIsHypers() throws {
        let project = try project(marker: "1")
        let process = try start(project, ["ignore"])
        kill(-getpgid(process.processIdentifier), SIGINT)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 3)
    }
}
