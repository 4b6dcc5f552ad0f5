import Foundation
import Testing
@_spi(Fuzz) @testable import HyperCommands

/// The index attacked as an adversary would: forged manifests, another
/// user's index files, corrupt bytes, rewrites while calls read it, and a
/// cache that only grows. Each case drives the real binary.
@Suite struct IndexAttackTests {
    typealias Project = IndexTests.Project

    static var isRoot: Bool { geteuid() == 0 }

    /// Runs `command` as user `nobody` (65534), the attacker.
    static func asNobody(_ command: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "/bin/sh", "-c", command]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text == "")
        return process.terminationStatus
    }

    static func chown(_ path: String, to user: uid_t) {
        #expect(Glibc.chown(path, user, gid_t(user)) == 0)
    }

    // MARK: 1. forged manifests

    /// Two manifests of the same size whose 64-bit `ContentHash` is equal:
    /// the hash's steps are invertible, so a comment's last eight bytes can
    /// be chosen to cancel any difference before them.
    static func forgedPair() throws -> (benign: String, evil: String) {
        let benign = "commands:\n  build:\n    help: Build\n    exec: [echo, building...]\n"
        let evil = "commands:\n  build:\n    help: Build\n    exec: [sh, -c, \"id > pwned.txt\"]\n"
        var length = max(benign.utf8.count, evil.utf8.count) + 2
        while length % 8 != 0 { length += 1 }
        func padded(_ text: String) -> [UInt8] {
            Array(text.utf8) + [UInt8(ascii: "#")] + [UInt8](repeating: 0x20, count: length - text.utf8.count - 1)
        }
        let prefixA = padded(benign)
        let prefixB = padded(evil)
        func state(_ bytes: [UInt8]) -> UInt64 {
            var hash = ContentHash()
            bytes.withUnsafeBytes { hash.combine($0) }
            return hash.state
        }
        let sA = state(prefixA)
        let sB = state(prefixB)
        let c1: UInt64 = 0x87C3_7B91_1142_53D5
        let c2: UInt64 = 0x4CF5_AD43_2745_937F
        func inverse(_ a: UInt64) -> UInt64 {
            var x = a
            for _ in 0..<6 { x = x &* (2 &- a &* x) }
            return x
        }
        func mix(_ w: UInt64) -> UInt64 {
            let m = w &* c1
            return ((m << 31) | (m >> 33)) &* c2
        }
        func unmix(_ y: UInt64) -> UInt64 {
            let m = y &* inverse(c2)
            return ((m << 33) | (m >> 31)) &* inverse(c1)
        }
        func printable(_ word: UInt64) -> Bool {
            (0..<8).allSatisfy { (0x20...0x7E).contains(UInt8(truncatingIfNeeded: word >> (8 * UInt64($0)))) }
        }
        func bytes(_ word: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) } }
        var seed: UInt64 = 0x1234_5678
        for _ in 0..<2_000_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var wordA: UInt64 = 0
            for index in 0..<8 { wordA |= UInt64(0x21 + (seed >> UInt64(index * 7)) % 94) << UInt64(8 * index) }
            let wordB = unmix(sA ^ sB ^ mix(wordA))
            guard printable(wordB) else { continue }
            let a = prefixA + bytes(wordA) + [0x0A]
            let b = prefixB + bytes(wordB) + [0x0A]
            #expect(ContentHash.of(a) == ContentHash.of(b), "the pair collides under the 64-bit hash")
            #expect(a.count == b.count)
            return (String(decoding: a, as: UTF8.self), String(decoding: b, as: UTF8.self))
        }
        throw CancellationError()
    }

    /// Index the evil manifest, put the benign one of equal size and equal
    /// 64-bit hash in its place: the content comparison (SHA-256) sees the
    /// change, so the removed command never runs again.
    @Test func aForgedManifestOfEqualHashIsSeen() throws {
        let (benign, evil) = try Self.forgedPair()
        let project = try Project(evil)
        #expect(Project.trace(try project.run(["--help"])) == ["miss (absent)", "written"])
        try project.project.write("commands.d/main.yaml", benign)
        #expect(try project.run(["validate"]).stdout == "1 manifest, 1 command: 0 errors, 0 warnings\n")
        let result = try project.run(["build"])
        #expect(result.stdout == "building...\n")
        #expect(result.status == 0)
        #expect(Project.trace(result).first == "miss (stale: `\(project.manifestPath)` changed)")
        #expect(!FileManager.default.fileExists(atPath: project.project.root.appendingPathComponent("pwned.txt").path))
    }

    // MARK: 2. whose index

    /// The victim's index file name, as a call of its own writes it.
    static func victimIndexName(_ victim: Project) throws -> String {
        _ = try victim.run(["--help"])
        let name = try #require(victim.indexFiles.first).lastPathComponent
        try FileManager.default.removeItem(at: victim.indexFolder.appendingPathComponent(name))
        return name
    }

    /// An attacker's own project, with an index written by the attacker.
    static let attackerManifest = "commands:\n  greet:\n    help: Greet\n    exec: [sh, -c, \"echo owned > pwned.txt\"]\n    args:\n      name: str\n"

    @Test(.enabled(if: isRoot, "the attacker is another user: CI runs as root"))
    func anIndexFolderOfAnotherUserIsNeverUsed() throws {
        let victim = try Project()
        let name = try Self.victimIndexName(victim)
        let attacker = try Project(Self.attackerManifest)
        let shared = attacker.project.root.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: false)
        Self.chown(shared.path, to: 65534)
        Self.chown(attacker.project.root.path, to: 65534)
        // The attacker indexes their own project into their folder, then
        // puts that index under the victim's file name.
        let hyper = HyperProcess.hyper.path
        #expect(try Self.asNobody("cd '\(attacker.project.root.path)' && HYPER_INDEX_DIR='\(shared.path)' '\(hyper)' --help >/dev/null"
                                  + " && cd '\(shared.path)' && for f in *.idx; do cp \"$f\" '\(name)'; done") == 0)
        #expect(FileManager.default.fileExists(atPath: shared.appendingPathComponent(name).path))
        let result = try victim.run(["greet", "Ann"], environment: ["HYPER_INDEX_DIR": shared.path])
        #expect(result.stdout == "Hello, Ann!\n")
        #expect(Project.trace(result) == ["miss (refused: folder `\(shared.path)` is owned by uid 65534, not 0)",
                                          "not written (refused: folder `\(shared.path)` is owned by uid 65534, not 0)"])
        #expect(!FileManager.default.fileExists(atPath: victim.project.root.appendingPathComponent("pwned.txt").path))
    }

    @Test(.enabled(if: isRoot, "the attacker is another user: CI runs as root"))
    func anIndexFileOfAnotherUserIsNeverUsed() throws {
        let victim = try Project()
        _ = try victim.run(["greet", "Ann"])
        let file = try #require(victim.indexFiles.first)
        // A restored cache: the right bytes, the wrong owner.
        Self.chown(file.path, to: 65534)
        let result = try victim.run(["greet", "Bob"])
        #expect(result.stdout == "Hello, Bob!\n")
        #expect(Project.trace(result) == ["miss (refused: `\(file.lastPathComponent)` is owned by uid 65534, not 0)", "written"])
    }

    @Test func aFolderOrFileOthersMayWriteIsNeverUsed() throws {
        let victim = try Project()
        _ = try victim.run(["greet", "Ann"])
        let file = try #require(victim.indexFiles.first)
        #expect(chmod(file.path, 0o666) == 0)
        let writableFile = try victim.run(["greet", "Bob"])
        #expect(writableFile.stdout == "Hello, Bob!\n")
        #expect(Project.trace(writableFile) == ["miss (refused: `\(file.lastPathComponent)` is writable by group or others)", "written"])
        #expect(Project.trace(try victim.run(["greet", "Bob"])) == ["hit"])
        #expect(chmod(victim.indexFolder.path, 0o1777) == 0)
        let writableFolder = try victim.run(["greet", "Cy"])
        #expect(writableFolder.stdout == "Hello, Cy!\n")
        let reason = "refused: folder `\(victim.indexFolder.path)` is writable by group or others"
        #expect(Project.trace(writableFolder) == ["miss (\(reason))", "not written (\(reason))"])
    }

    /// The same user's index of another project, copied under this
    /// project's name: the paths inside are compared, so it is a miss.
    @Test func anotherProjectsIndexUnderThisName() throws {
        let victim = try Project()
        let name = try Self.victimIndexName(victim)
        let other = try Project(Self.attackerManifest)
        _ = try other.run(["--help"], environment: ["HYPER_INDEX_DIR": victim.indexFolder.path])
        let planted = try #require(victim.indexFiles.first)
        try FileManager.default.moveItem(at: planted, to: victim.indexFolder.appendingPathComponent(name))
        let result = try victim.run(["greet", "Ann"])
        #expect(result.stdout == "Hello, Ann!\n")
        #expect(Project.trace(result) == ["miss (stale: built for other manifest paths)", "written"])
        #expect(!FileManager.default.fileExists(atPath: victim.project.root.appendingPathComponent("pwned.txt").path))
    }

    /// A copy of the binary is another build: its index is never served to
    /// this one, even under this one's file name.
    @Test func anIndexOfAnotherBuildIsNeverUsed() throws {
        let project = try Project()
        let name = try Self.victimIndexName(project)
        let copy = project.project.root.appendingPathComponent("hyper-copy")
        try FileManager.default.copyItem(at: HyperProcess.hyper, to: copy)
        let other = try HyperProcess.run(["greet", "Ann"], in: project.project.root, executable: copy,
                                         environment: ["HYPER_INDEX_DIR": project.indexFolder.path, "HYPER_INDEX_DEBUG": "1"])
        #expect(Project.trace(other) == ["miss (absent)", "written"])
        let written = try #require(project.indexFiles.first)
        #expect(written.lastPathComponent != name)
        try FileManager.default.moveItem(at: written, to: project.indexFolder.appendingPathComponent(name))
        #expect(Project.trace(try project.run(["greet", "Ann"])) == ["miss (stale: written by another build of hyper)", "written"])
    }

    @Test func aSymbolicLinkInPlaceOfTheIndexIsNotFollowed() throws {
        let project = try Project()
        _ = try project.run(["greet", "Ann"])
        let file = try #require(project.indexFiles.first)
        let elsewhere = project.project.root.appendingPathComponent("elsewhere.idx")
        try FileManager.default.moveItem(at: file, to: elsewhere)
        try FileManager.default.createSymbolicLink(at: file, withDestinationURL: elsewhere)
        let result = try project.run(["greet", "Ann"])
        #expect(result.stdout == "Hello, Ann!\n")
        #expect(Project.trace(result) == ["miss (unreadable: cannot open `\(file.lastPathComponent)`: too many levels of symbolic links)", "written"])
        #expect(Project.trace(try project.run(["greet", "Ann"])) == ["hit"])
    }

    // MARK: 4. rewritten in place while read

    /// Another process truncates and rewrites the index in place in a loop
    /// (as `cp` over it, `rsync --inplace` or a cache restore do) while 400
    /// calls run: every call answers right, none dies by a signal.
    @Test func rewritesInPlaceNeverKillACall() throws {
        let project = try Project()
        _ = try project.run(["greet", "Ann"])
        let file = try #require(project.indexFiles.first)
        let whole = project.project.root.appendingPathComponent("whole.idx")
        let half = project.project.root.appendingPathComponent("half.idx")
        let bytes = try Data(contentsOf: file)
        try bytes.write(to: whole)
        try bytes.prefix(bytes.count / 2).write(to: half)
        let rewriter = Process()
        rewriter.executableURL = URL(fileURLWithPath: "/bin/sh")
        rewriter.arguments = ["-c", "while :; do cat '\(whole.path)' > '\(file.path)'; cat '\(half.path)' > '\(file.path)'; : > '\(file.path)'; done"]
        try rewriter.run()
        defer {
            rewriter.terminate()
            rewriter.waitUntilExit()
        }
        var statuses: [Int32: Int] = [:]
        var wrong = 0
        for index in 0..<400 {
            let result = try project.run(["greet", "n\(index)"], environment: ["HYPER_INDEX_DEBUG": "0"])
            statuses[result.status, default: 0] += 1
            if result.stdout != "Hello, n\(index)!\n" { wrong += 1 }
        }
        #expect(statuses == [0: 400])
        #expect(wrong == 0)
    }

    // MARK: 5. pruning

    @Test func writingAnIndexPrunesOnesUnusedFor30Days() throws {
        let project = try Project()
        let folder = project.indexFolder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let old = Date().addingTimeInterval(-31 * 86_400)
        let names = ["00000000000000a1.idx", "00000000000000a2.idx", ".00000000000000a3.idx.12.34.tmp", "notes.txt",
                     "00000000000000A4.idx", "00000000000000a5.idx"]
        for name in names {
            let url = folder.appendingPathComponent(name)
            try Data("x".utf8).write(to: url)
            if name != "00000000000000a2.idx" {
                try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url.path)
                var times = [timespec(tv_sec: Int(old.timeIntervalSince1970), tv_nsec: 0),
                             timespec(tv_sec: Int(old.timeIntervalSince1970), tv_nsec: 0)]
                #expect(utimensat(AT_FDCWD, url.path, &times, 0) == 0)
            }
        }
        if Self.isRoot { Self.chown(folder.appendingPathComponent("00000000000000a5.idx").path, to: 65534) }
        let result = try project.run(["greet", "Ann"])
        #expect(result.stdout == "Hello, Ann!\n")
        let removed = Self.isRoot ? 2 : 3
        #expect(Project.trace(result).last?.hasSuffix("; pruned \(removed) unused for 30 days") == true)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        var expected: Set = ["00000000000000a2.idx", "notes.txt", "00000000000000A4.idx"]
        if Self.isRoot { expected.insert("00000000000000a5.idx") }
        #expect(left.subtracting(project.indexFiles.map(\.lastPathComponent).filter { !names.contains($0) }) == expected)
    }
}
