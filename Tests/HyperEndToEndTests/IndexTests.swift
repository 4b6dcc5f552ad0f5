import Foundation
import Testing

/// The manifest index: a warm call reads no manifest, yet never serves a
/// stale answer. `HYPER_INDEX_DEBUG=1` makes hyper say what it did with the
/// index, which these tests read.
@Suite struct IndexTests {
    final class Project: @unchecked Sendable {  // immutable after init
        let project: TemporaryProject
        let indexFolder: URL

        init(_ manifest: String = Project.manifest(greeting: "Hello")) throws {
            project = try TemporaryProject()
            indexFolder = project.root.appendingPathComponent("cache/index")
            try project.write("commands.d/main.yaml", manifest)
        }

        static func manifest(greeting: String) -> String {
            "commands:\n  greet:\n    help: Greet\n    exec: [echo, \"\(greeting), {name}!\"]\n    args:\n      name: str\n"
        }

        func run(_ arguments: [String], environment: [String: String] = [:]) throws -> RunResult {
            var env = ["HYPER_INDEX_DIR": indexFolder.path, "HYPER_INDEX_DEBUG": "1"]
            for (name, value) in environment { env[name] = value }
            return try project.run(arguments, environment: env)
        }

        var manifestPath: String { project.root.appendingPathComponent("commands.d/main.yaml").path }

        var indexFiles: [URL] {
            ((try? FileManager.default.contentsOfDirectory(at: indexFolder, includingPropertiesForKeys: nil)) ?? []).sorted { $0.path < $1.path }
        }

        /// The index's trace lines, without the file path and the name of
        /// the binary (`hyper: index: `, `hyper-example: index: `).
        static func trace(_ result: RunResult) -> [String] {
            result.stderr.split(separator: "\n").compactMap { line -> String? in
                guard let marker = line.firstRange(of: ": index: "), !line[..<marker.lowerBound].contains(" ") else { return nil }
                let text = line[marker.upperBound...]
                if text.hasPrefix("hit ") { return "hit" }
                if text.hasPrefix("written ") {
                    return "written" + (text.firstIndex(of: ";").map { String(text[$0...]) } ?? "")
                }
                if text.hasPrefix("refreshed ") { return "refreshed" }
                return String(text)
            }
        }

        /// Rewrites the manifest in place with the same size, then puts its
        /// mtime back to the nanosecond.
        func editKeepingSizeAndTime(_ text: String) throws {
            let path = project.root.appendingPathComponent("commands.d/main.yaml").path
            var before = stat()
            #expect(stat(path, &before) == 0)
            #expect(text.utf8.count == Int(before.st_size))
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
            var times = [before.st_atim, before.st_mtim]
            #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
            var after = stat()
            #expect(stat(path, &after) == 0)
            #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
            #expect(after.st_size == before.st_size && after.st_ino == before.st_ino)
        }
    }

    @Test func missThenWriteThenHit() throws {
        let project = try Project()
        let first = try project.run(["greet", "Ann"])
        #expect(first.stdout == "Hello, Ann!\n")
        #expect(Project.trace(first) == ["miss (absent)", "written"])
        #expect(project.indexFiles.count == 1)
        #expect(project.indexFiles.allSatisfy { $0.lastPathComponent.hasSuffix(".idx") })
        let second = try project.run(["greet", "Bob"])
        #expect(second.stdout == "Hello, Bob!\n")
        #expect(Project.trace(second) == ["hit"])
        #expect(try project.run(["--help"]).stdout.contains("\n  greet  Greet\n"))
        #expect(try project.run(["greet", "--help"]).stdout.hasPrefix("Usage: hyper greet [OPTIONS] <name>\n"))
    }

    /// The trace only reports: without it the index is written and used the same.
    @Test func theIndexIsWrittenAndUsedWithoutTheTrace() throws {
        let project = try Project()
        #expect(try project.run(["greet", "Ann"], environment: ["HYPER_INDEX_DEBUG": "0"]).stdout == "Hello, Ann!\n")
        #expect(project.indexFiles.count == 1)
        #expect(Project.trace(try project.run(["greet", "Ann"])) == ["hit"])
    }

    @Test func anEditKeepingSizeAndMtimeIsSeenRightAway() throws {
        let project = try Project()
        _ = try project.run(["greet", "Ann"])
        try project.editKeepingSizeAndTime(Project.manifest(greeting: "Howdy"))
        let result = try project.run(["greet", "Ann"])
        #expect(result.stdout == "Howdy, Ann!\n")
        #expect(Project.trace(result).first == "miss (stale: `\(project.manifestPath)` changed)")
    }

    @Test func addedRemovedAndBrokenManifestsAreSeen() throws {
        let project = try Project()
        _ = try project.run(["greet", "Ann"])
        try project.project.write("commands.d/more.yaml", "commands:\n  bye:\n    help: Bye\n    exec: [echo, bye]\n")
        let added = try project.run(["bye"])
        #expect(added.stdout == "bye\n")
        #expect(Project.trace(added).first == "miss (stale: `\(project.project.root.path)/commands.d` has other manifests now)")
        try FileManager.default.removeItem(at: project.project.root.appendingPathComponent("commands.d/more.yaml"))
        #expect(try project.run(["bye"]).status == 2)
        try project.project.write("commands.d/main.yaml", "commands:\n  greet:\n    help: Greet\n    exec: [echo, \"{nme}\"]\n")
        let broken = try project.run(["greet"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("error[E215]: placeholder `{nme}` names no declared arg"))
    }

    /// A manifest whose name is not UTF-8 (here a link to one) is counted by
    /// the index's folder check as by the loader; it is an error, so no index
    /// is written and each call reports the file. Once it is gone, the index
    /// written before it serves again.
    @Test func aManifestNameThatIsNotUTF8KeepsTheIndexOff() throws {
        let project = try Project()
        #expect(Project.trace(try project.run(["greet", "Ann"])) == ["miss (absent)", "written"])
        let index = try Data(contentsOf: try #require(project.indexFiles.first))
        try project.project.write("elsewhere.yaml", "commands:\n  e:\n    help: E\n    exec: [echo, e]\n")
        let raw = try RawName(in: project.project.root.appendingPathComponent("commands.d"), Array("caf".utf8) + [0xE9] + Array(".yaml".utf8),
                              linkingTo: "../elsewhere.yaml")
        for _ in 0..<2 {
            // An unread manifest may declare `greet:Ann`: the value goes by name.
            let result = try project.run(["greet", "--name", "Ann"])
            #expect(result.stdout == "Hello, Ann!\n")
            #expect(result.stderr.contains("warning: skipped commands.d/caf\\xe9.yaml: its file name is not valid UTF-8\nhelp: rename it; `hyper validate` reports it as an error\n"))
            let trace = Project.trace(result)
            #expect(trace.count == 1 && trace[0].hasSuffix("commands.d` has other manifests now)"), "\(trace)")
        }
        #expect(try Data(contentsOf: try #require(project.indexFiles.first)) == index)
        #expect(try project.run(["greet", "Ann"]).stderr.hasSuffix("""
        Error: `greet:Ann` may be declared in a manifest that has errors, so `greet` is not run in its place
        help: fix the manifests first; `hyper validate` shows their errors

        """))
        raw.remove()
        #expect(Project.trace(try project.run(["greet", "Ann"])) == ["hit"])
    }

    @Test func aMissingProgramIsSeen() throws {
        let project = try Project("commands:\n  run:\n    help: Run\n    exec: [./run.sh]\n")
        try project.project.write("run.sh", "#!/bin/sh\necho ran\n", executable: true)
        #expect(try project.run(["run"]).stdout == "ran\n")
        try FileManager.default.removeItem(at: project.project.root.appendingPathComponent("run.sh"))
        let result = try project.run(["run"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error[E304]: program `./run.sh` does not exist"))
    }

    @Test func concurrentRunsAllSucceedAndLeaveOneWholeIndex() throws {
        let project = try Project()
        let results = Lock<[RunResult]>([])
        DispatchQueue.concurrentPerform(iterations: 12) { index in
            let result = try! project.run(["greet", "n\(index)"])
            results.withLock { $0.append(result) }
        }
        let all = results.withLock { $0 }
        #expect(all.count == 12)
        #expect(all.allSatisfy { $0.status == 0 })
        #expect(Set(all.map(\.stdout)) == Set((0..<12).map { "Hello, n\($0)!\n" }))
        #expect(project.indexFiles.count == 1, "no temporary files left behind: \(project.indexFiles)")
        #expect(Project.trace(try project.run(["greet", "x"])) == ["hit"])
    }

    /// A little-endian u32 of the index at `at`; the header's fields are
    /// `IndexHeader`'s: slotCount at 44, commandCount at 48, recordsOffset at 52.
    static func u32(_ bytes: [UInt8], _ at: Int) -> Int {
        (0..<4).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) }
    }

    static func put32(_ value: UInt32, _ bytes: inout [UInt8], _ at: Int) {
        for index in 0..<4 { bytes[at + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
    }

    /// Each damage gives a miss or an unsound record, then a full load that
    /// answers right (the list included) and writes a sound index. Among
    /// them, the bytes that made every call trap before: a record length
    /// near 2^64 (now the record's u32 length and its slot's).
    @Test(arguments: ["truncated", "flipped-header", "flipped-validation", "flipped-record", "wrong-version", "empty", "garbage",
                      "count-zero", "payload-length-max", "slot-offset-max", "slot-length-max", "total-length-max",
                      "validation-length-max", "slot-count-odd", "records-cut"])
    func aDamagedIndexIsOnlyAMiss(damage: String) throws {
        let project = try Project()
        _ = try project.run(["greet", "Ann"])
        let file = try #require(project.indexFiles.first)
        var bytes = [UInt8](try Data(contentsOf: file))
        let records = Self.u32(bytes, 52)
        let slots = records - Self.u32(bytes, 44) * 16
        let slot = try #require(stride(from: slots, to: records, by: 16).first { Self.u32(bytes, $0 + 8) != 0 })
        switch damage {
        case "count-zero": Self.put32(0, &bytes, 48)
        case "payload-length-max": Self.put32(.max, &bytes, records + 8)
        case "slot-offset-max": Self.put32(.max, &bytes, slot + 4)
        case "slot-length-max": Self.put32(.max, &bytes, slot + 8)
        case "total-length-max": for index in 32..<40 { bytes[index] = 0xFF }
        case "validation-length-max": Self.put32(.max, &bytes, 40)
        case "slot-count-odd": Self.put32(3, &bytes, 44)
        case "records-cut": bytes.removeLast(5)
        case "truncated": bytes.removeLast(bytes.count / 3)
        case "flipped-header": bytes[20] ^= 0xFF
        case "flipped-validation": bytes[60] ^= 0x01
        case "flipped-record": bytes[bytes.count - 3] ^= 0x01
        case "wrong-version": bytes[8] = 99
        case "empty": bytes = []
        default: bytes = Array("not an index at all, just some text that is long enough to have a header".utf8)
        }
        try Data(bytes).write(to: file)
        let help = try project.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("\n  greet  Greet\n"))
        try Data(bytes).write(to: file)
        let result = try project.run(["greet", "Ann"])
        #expect(result.stdout == "Hello, Ann!\n")
        #expect(result.status == 0)
        #expect(Project.trace(result).last == "written")
        #expect(Project.trace(try project.run(["greet", "Ann"])) == ["hit"])
    }

    @Test func aFolderWhereTheIndexShouldBe() throws {
        let project = try Project()
        _ = try project.run(["greet", "Ann"])
        let file = try #require(project.indexFiles.first)
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
        let result = try project.run(["greet", "Ann"])
        #expect(result.stdout == "Hello, Ann!\n")
        #expect(Project.trace(result) == ["miss (refused: `\(file.lastPathComponent)` is not a regular file)", "not written (is a directory)"])
    }

    @Test func anUnwritableLocationMeansLoadingNormally() throws {
        let project = try Project()
        try project.project.write("blocker", "a file, so no folder can be made below it")
        let result = try project.run(["greet", "Ann"], environment: ["HYPER_INDEX_DIR": project.project.root.appendingPathComponent("blocker/index").path])
        #expect(result.stdout == "Hello, Ann!\n")
        #expect(result.status == 0)
        #expect(Project.trace(result).last?.hasPrefix("not written (") == true)
    }

    @Test func neverInsideTheManifestFolder() throws {
        let project = try Project()
        let inside = project.project.root.appendingPathComponent("commands.d/.cache")
        let result = try project.run(["greet", "Ann"], environment: ["HYPER_INDEX_DIR": inside.path])
        #expect(result.stdout == "Hello, Ann!\n")
        #expect(Project.trace(result).allSatisfy { $0.hasPrefix("off: the index folder is inside") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.project.root.appendingPathComponent("commands.d").path) == ["main.yaml"])
    }

    /// The same through symbolic links: to the folder, below a link to it,
    /// and to a folder inside it.
    @Test func neverInsideTheManifestFolderThroughLinksIntoIt() throws {
        let project = try Project()
        let root = project.project.root
        let commands = root.appendingPathComponent("commands.d")
        try FileManager.default.createDirectory(at: commands.appendingPathComponent("deep"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("to-commands"), withDestinationURL: commands)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("to-deep"), withDestinationURL: commands.appendingPathComponent("deep"))
        for index in ["to-commands", "to-commands/cache/index", "to-deep", "to-deep/cache"] {
            let result = try project.run(["greet", "Ann"], environment: ["HYPER_INDEX_DIR": root.appendingPathComponent(index).path])
            #expect(result.stdout == "Hello, Ann!\n")
            #expect(Project.trace(result) == ["miss (absent)", "not written (the index folder is inside `\(commands.path)`)"], "HYPER_INDEX_DIR: \(index)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: commands.path).sorted() == ["deep", "main.yaml"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: commands.appendingPathComponent("deep").path) == [])
        }
    }

    @Test func theSwitchTurnsItOff() throws {
        let project = try Project()
        let byEnvironment = try project.run(["greet", "Ann"], environment: ["HYPER_NO_INDEX": "1"])
        #expect(byEnvironment.stdout == "Hello, Ann!\n")
        #expect(Project.trace(byEnvironment) == [])
        let byOption = try project.run(["--no-index", "greet", "Ann"])
        #expect(byOption.stdout == "Hello, Ann!\n")
        #expect(Project.trace(byOption) == [])
        #expect(project.indexFiles.isEmpty)
    }

    @Test func eachBinaryKeepsItsOwnIndex() throws {
        let project = try Project()
        _ = try project.run(["greet", "Ann"])
        let example = HyperProcess.productsDirectory.appendingPathComponent("hyper-example")
        let result = try HyperProcess.run(["greet", "Ann"], in: project.project.root, executable: example,
                                          environment: ["HYPER_INDEX_DIR": project.indexFolder.path, "HYPER_INDEX_DEBUG": "1"])
        #expect(result.stdout == "Hello, Ann!\n")
        #expect(Project.trace(result) == ["miss (absent)", "written"])
        #expect(project.indexFiles.count == 2)
    }
}

/// A value guarded by a lock, for collecting results from many threads.
final class Lock<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
