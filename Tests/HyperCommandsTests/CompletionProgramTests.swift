#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import HyperCommands

/// `complete:` programs run for real, with the clock and the bounds given
/// by the test; and the record of trusted manifests.
@Suite struct CompletionProgramTests {
    final class Folder {
        let path: String

        init() {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("hyper-completion-\(UUID().uuidString)").path
            try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        func write(_ name: String, _ text: String, mode: Int = 0o644) -> String {
            let file = path + "/" + name
            try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
            return file
        }
    }

    /// A program with a deadline far enough that a loaded machine (a
    /// sanitizer build, tests in parallel) never reaches it by accident.
    static var patient: CompletionProgram {
        var program = CompletionProgram()
        program.timeout = 20_000_000_000
        return program
    }

    static func shell(_ script: String, in folder: String, word: String = "w") -> CompleterCall {
        CompleterCall(program: "/bin/sh", arguments: ["/bin/sh", "-c", script], folder: folder, word: word)
    }

    @Test func itsLinesInItsFolderWithTheWord() {
        let folder = Folder()
        let outcome = Self.patient.run(Self.shell("printf 'api\\tThe API\\n'; pwd; printf '%s\\n' \"$HYPER_COMPLETE_WORD\"; printf 'last'",
                                                         in: folder.path, word: "a b"))
        let real = FileSystem.realPath(folder.path) ?? folder.path
        #expect(outcome == .candidates([.init("api", help: "The API"), .init(real), .init("a b"), .init("last")]))
    }

    @Test func aRelativeProgramIsFoundFromTheCommandsFolder() {
        let folder = Folder()
        // A link, not a script written now: a file just written may still be
        // open in a child another test forked, and exec would fail (ETXTBSY).
        try? FileManager.default.createDirectory(atPath: folder.path + "/bin", withIntermediateDirectories: true)
        try? FileManager.default.createSymbolicLink(atPath: folder.path + "/bin/list", withDestinationPath: "/bin/echo")
        let call = CompleterCall(program: "./bin/list", arguments: ["./bin/list", "x y"], folder: folder.path, word: "")
        #expect(Self.patient.run(call) == .candidates([.init("x y")]))
    }

    @Test func controlCharactersGoAndOutputIsBounded() {
        let folder = Folder()
        #expect(Self.patient.run(Self.shell("printf 'a\\033[2Jb\\tred\\033[31m\\n\\n\\tno value\\n'", in: folder.path))
            == .candidates([.init("a[2Jb", help: "red[31m")]))
        var bounded = Self.patient
        bounded.maxLines = 2
        #expect(bounded.run(Self.shell("seq 1 100000", in: folder.path)) == .candidates([.init("1"), .init("2")]))
        bounded = Self.patient
        bounded.maxBytes = 5
        #expect(bounded.run(Self.shell("printf 'abc\\ndefgh\\n'; sleep 5", in: folder.path)) == .candidates([.init("abc")]))
    }

    @Test func aFailureOffersNothing() {
        let folder = Folder()
        #expect(Self.patient.run(Self.shell("echo api; exit 3", in: folder.path)) == .failed)
        let missing = CompleterCall(program: "./nothing-here", arguments: ["./nothing-here"], folder: folder.path, word: "")
        #expect(Self.patient.run(missing) == .failed)
    }

    /// At the deadline the group is killed, grandchild included, even though
    /// it holds the pipe open; nothing it printed counts.
    @Test func atTheDeadlineTheGroupIsKilled() throws {
        let folder = Folder()
        let pids = folder.path + "/pids"
        var program = CompletionProgram()
        program.timeout = 300_000_000
        let start = CompletionProgram.monotonicNow()
        let outcome = program.run(Self.shell("echo early; sleep 30 & echo $! > pids; sleep 30", in: folder.path))
        let took = CompletionProgram.monotonicNow() - start
        #expect(outcome == .timedOut)
        #expect(took < 3_000_000_000)
        let grandchild = try #require(Int32((try String(contentsOfFile: pids, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(Self.goes(grandchild))
    }

    /// An injected clock past the deadline: nothing is waited for.
    @Test func theClockDecides() {
        let folder = Folder()
        final class Ticks: @unchecked Sendable { var count: UInt64 = 0 }
        let ticks = Ticks()
        var program = CompletionProgram()
        program.clock = {
            ticks.count += 1
            return ticks.count == 1 ? 0 : 2_000_000_000
        }
        let start = CompletionProgram.monotonicNow()
        #expect(program.run(Self.shell("sleep 30", in: folder.path)) == .timedOut)
        #expect(CompletionProgram.monotonicNow() - start < 1_000_000_000)
    }

    /// True once `pid` is gone, within 2 s: SIGKILL is delivered when the
    /// process next runs, which on a loaded machine takes a moment.
    static func goes(_ pid: Int32) -> Bool {
        let deadline = CompletionProgram.monotonicNow() + 2_000_000_000
        while !isGone(pid) {
            guard CompletionProgram.monotonicNow() < deadline else { return false }
            _ = poll(nil, 0, 10)
        }
        return true
    }

    /// Gone, or a zombie waiting for a parent that does not reap it.
    static func isGone(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        guard let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(close, offsetBy: 2)] == "Z"
    }

    // MARK: trust

    @Test func trustRecordsTheManifestsAsTheyAre() throws {
        let folder = Folder()
        let manifest = folder.write("project/commands.d/a.yaml", "commands: {}\n")
        _ = folder.write("project/commands.d/b.yml", "commands: {}\n")
        let selection = ManifestSelection(paths: ["commands.d"])
        let project = folder.path + "/project"
        let trusted = TrustedManifests(folder: folder.path + "/config/hyper")
        let manifests = try #require(TrustedManifests.manifests(of: selection, workingDirectory: project))
        #expect(manifests.map(\.path) == [project + "/commands.d/a.yaml", project + "/commands.d/b.yml"])
        #expect(!trusted.trusts(manifests))
        #expect(trusted.trust(manifests) == nil)
        #expect(trusted.trusts(manifests))
        var info = stat()
        stat(folder.path + "/config/hyper/trusted-manifests", &info)
        #expect(info.st_mode & 0o777 == 0o600)
        stat(folder.path + "/config/hyper", &info)
        #expect(info.st_mode & 0o777 == 0o700)
        let text = try String(contentsOfFile: folder.path + "/config/hyper/trusted-manifests", encoding: .utf8)
        #expect(text == "\(SHA256.hash(Array("commands: {}\n".utf8)).hex) \(project)/commands.d/a.yaml\n"
                + "\(SHA256.hash(Array("commands: {}\n".utf8)).hex) \(project)/commands.d/b.yml\n")

        // A change, or a new manifest, needs trusting again.
        _ = folder.write("project/commands.d/a.yaml", "commands: {} \n")
        #expect(!trusted.trusts(try #require(TrustedManifests.manifests(of: selection, workingDirectory: project))))
        _ = folder.write("project/commands.d/a.yaml", "commands: {}\n")
        #expect(trusted.trusts(try #require(TrustedManifests.manifests(of: selection, workingDirectory: project))))
        _ = folder.write("project/commands.d/c.yaml", "commands: {}\n")
        #expect(!trusted.trusts(try #require(TrustedManifests.manifests(of: selection, workingDirectory: project))))
        _ = manifest
    }

    @Test func aRecordOthersCouldWriteOrTooLargeTrustsNothing() throws {
        let folder = Folder()
        _ = folder.write("project/commands.d/a.yaml", "commands: {}\n")
        let project = folder.path + "/project"
        let manifests = try #require(TrustedManifests.manifests(of: ManifestSelection(paths: ["commands.d"]), workingDirectory: project))
        let trusted = TrustedManifests(folder: folder.path + "/config")
        #expect(trusted.trust(manifests) == nil)
        let file = folder.path + "/config/trusted-manifests"
        chmod(file, 0o666)
        #expect(trusted.records().isEmpty)
        #expect(!trusted.trusts(manifests))
        chmod(file, 0o600)
        #expect(trusted.trusts(manifests))
        let line = "\(manifests[0].digest) \(manifests[0].path)\n"
        _ = folder.write("config/trusted-manifests", line + String(repeating: "x", count: TrustedManifests.maxBytes), mode: 0o600)
        #expect(!trusted.trusts(manifests))
        #expect(trusted.trust(manifests) != nil)
    }

    /// Trust is checked against the bytes the commands were decoded from: a
    /// manifest changed after it was read (from the index or a full load)
    /// keeps the digest of what was decoded, not of what is there now.
    @Test(arguments: [true, false])
    func theDigestsAreOfTheBytesDecoded(indexed: Bool) throws {
        let folder = Folder()
        let text = "commands:\n  t:\n    help: T\n    exec: [\"true\"]\n"
        let manifest = folder.write("commands.d/a.yaml", text)
        var environment = ["HYPER_INDEX_DIR": folder.path + "/index"]
        if !indexed { environment["HYPER_NO_INDEX"] = "1" }
        let cli = HyperCLI(registry: CommandRegistry(), console: Console(out: { _ in }, err: { _ in }), workingDirectory: folder.path,
                           environment: environment)
        let selection = ManifestSelection.resolve(options: [], environment: nil, workingDirectory: folder.path)
        if indexed { _ = cli.completionCommands(selection) }  // writes the index
        let project = try #require(cli.completionCommands(selection))
        _ = folder.write("commands.d/a.yaml", text + "  u:\n    help: U\n    exec: [\"true\"]\n")
        let decoded = try #require(project.decodedManifests())
        #expect(decoded.map(\.path) == [manifest])
        #expect(decoded.map(\.digest) == [SHA256.hash(Array(text.utf8)).hex])
    }
}

