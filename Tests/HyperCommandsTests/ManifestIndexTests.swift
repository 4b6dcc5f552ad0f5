import Foundation
import Testing
@_spi(Fuzz) @testable import HyperCommands

/// The index as a value: written from a load, read back through an injected
/// clock and disk, so time-dependent rules need no waiting.
@Suite struct ManifestIndexTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The live disk looks a manifest up from its folder, held open between
    /// calls; every answer must be the one a lookup of the whole path gives:
    /// across folders, back to an earlier one, for links, folders, files at
    /// the root and paths that are not there.
    @Test func signaturesFromAnOpenFolderAgreeWithWholePaths() throws {
        let folder = try Folder("commands: {}\n")
        let root = folder.root.path
        try FileManager.default.createDirectory(atPath: root + "/other", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/other/b.yaml"))
        try FileManager.default.createSymbolicLink(atPath: root + "/other/link.yaml", withDestinationPath: folder.manifest)
        try FileManager.default.createSymbolicLink(atPath: root + "/linked", withDestinationPath: root + "/other")
        let disk = LiveDisk()
        let paths = [folder.manifest, root + "/other/b.yaml", root + "/other/link.yaml", root + "/other/missing.yaml",
                     folder.manifest, root + "/linked/b.yaml", root + "/other", root + "/gone/a.yaml", "/etc/hostname", "/",
                     root + "/commands.d/main.yaml", "relative.yaml"]
        for path in paths {
            let whole = FileSystem.signature(path)
            let fromFolder = path.withCString { disk.signature($0) }
            #expect(fromFolder == whole, "\(path)")
        }
        #expect(path(folder.manifest, disk) != nil)
        #expect(path(root + "/other", disk) == nil)
    }

    private func path(_ path: String, _ disk: LiveDisk) -> FileSystem.Signature? {
        path.withCString { disk.signature($0) }
    }

    /// A project folder with one manifest, removed at the end.
    final class Folder {
        let root: URL

        init(_ manifest: String) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("hyper-unit-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("commands.d"), withIntermediateDirectories: true)
            try write(manifest)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        var manifest: String { root.appendingPathComponent("commands.d/main.yaml").path }

        /// The miss a change to which manifests `commands.d` holds gives.
        var otherManifests: ManifestIndex.Miss {
            .stale("`\(root.appendingPathComponent("commands.d").path)` has other manifests now")
        }

        func write(_ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: manifest))
        }

        func load() -> ManifestLoad {
            ManifestLoader(workingDirectory: root.path, handlers: ManifestIndexTests.handlers).load(paths: ["commands.d"])
        }

        var key: IndexKey { IndexKey(build: 42, paths: [root.appendingPathComponent("commands.d").path]) }

        func open(_ bytes: [UInt8], at time: IndexTime, disk: some IndexDisk = LiveDisk()) -> Result<OpenedIndex, ManifestIndex.Miss> {
            do {
                return .success(try OpenedIndex(source: .bytes(bytes), key: key, disk: disk, time: time, workingDirectory: root.path))
            } catch {
                return .failure(error)
            }
        }

        /// Puts `commands.d`'s mtime at `seconds` since the epoch, long
        /// past: each step of a test gives its own, so the folder's signature
        /// differs from the step before however coarse the clock's ticks.
        func setFolderTime(_ seconds: Int) {
            var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
            #expect(utimensat(AT_FDCWD, root.appendingPathComponent("commands.d").path, &times, 0) == 0)
        }

        /// Rewrites the manifest with the same size and puts its mtime back.
        func editKeepingSizeAndTime(_ text: String) throws {
            var before = stat()
            #expect(stat(manifest, &before) == 0)
            #expect(text.utf8.count == Int(before.st_size))
            let handle = try #require(FileHandle(forWritingAtPath: manifest))
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
            var times = [before.st_atim, before.st_mtim]
            #expect(utimensat(AT_FDCWD, manifest, &times, 0) == 0)
        }
    }

    static let handlers = HandlerCatalog(names: ["seed", "greet", "deploy", "migrate"])

    static func manifest(_ greeting: String) -> String {
        "commands:\n  greet:\n    help: Greet\n    exec: [echo, \"\(greeting), {name}!\"]\n    args:\n      name: str\n"
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    /// Past the racy window the index trusts signatures; an edit that keeps
    /// size and mtime still changes ctime, so it is seen.
    @Test func anEditKeepingSizeAndMtimeIsSeenLater() throws {
        let folder = try Folder(Self.manifest("Hello"))
        let load = folder.load()
        let later = IndexTime(now: Self.now() + 10)
        let bytes = try #require(ManifestIndex.encode(load, key: folder.key, time: later, nonce: 7))
        guard case .success(let index) = folder.open(bytes, at: later) else { Issue.record("a fresh index must open"); return }
        #expect(!index.wantsRefresh)
        try folder.editKeepingSizeAndTime(Self.manifest("Howdy"))
        guard case .failure(let miss) = folder.open(bytes, at: later) else { Issue.record("the edit must be seen"); return }
        #expect(miss == .stale("`\(folder.manifest)` changed"))
    }

    /// A manifest rewritten as it was keeps the index valid; its new
    /// signature is worth writing back, and after that nothing is.
    @Test func anUnchangedRewriteAsksForARefresh() throws {
        let folder = try Folder(Self.manifest("Hello"))
        let later = IndexTime(now: Self.now() + 10)
        let bytes = try #require(ManifestIndex.encode(folder.load(), key: folder.key, time: later, nonce: 7))
        try FileManager.default.removeItem(atPath: folder.manifest)
        try folder.write(Self.manifest("Hello"))
        let rewritten = open(folder, bytes, at: later)
        guard case .success(let index) = rewritten.result else { Issue.record("same content must hit"); return }
        #expect(rewritten.digests == 1)
        _ = try reopenRefreshed(folder, index, at: later)
    }

    /// Inside the racy window a file is compared by content and its folder
    /// listed on every read; once the window has passed both signatures
    /// are written back, and after that neither is needed.
    @Test func aRacyFileAndFolderAreCheckedUntilTheWindowPasses() throws {
        let folder = try Folder(Self.manifest("Hello"))
        let now = IndexTime(now: Self.now())
        let bytes = try #require(ManifestIndex.encode(folder.load(), key: folder.key, time: now, nonce: 7))
        let racy = open(folder, bytes, at: now)
        guard case .success(let racyIndex) = racy.result else { Issue.record("must hit"); return }
        #expect((racy.digests, racy.listings) == (1, 1))
        #expect(!racyIndex.wantsRefresh)
        let later = IndexTime(now: now.now + 3)
        let passed = open(folder, bytes, at: later)
        guard case .success(let passedIndex) = passed.result else { Issue.record("must hit"); return }
        #expect((passed.digests, passed.listings) == (1, 1))
        _ = try reopenRefreshed(folder, passedIndex, at: later)
        try folder.editKeepingSizeAndTime(Self.manifest("Howdy"))
        guard case .failure = folder.open(bytes, at: now) else { Issue.record("a racy edit must be seen"); return }
    }

    /// The live disk, counting how often a folder is listed and a file's
    /// content is compared.
    final class CountingDisk: IndexDisk {
        let live = LiveDisk()
        var listings = 0
        var digests = 0

        func signature(_ path: UnsafePointer<CChar>) -> FileSystem.Signature? { live.signature(path) }
        func folderSignature(_ path: UnsafePointer<CChar>) -> FileSystem.Signature? { live.folderSignature(path) }
        func listManifests(_ folder: String) -> FileSystem.ManifestListing? {
            listings += 1
            return live.listManifests(folder)
        }
        func digest(_ path: String, size: Int64) -> SHA256.Digest? {
            digests += 1
            return live.digest(path, size: size)
        }
        func isExecutableFile(_ path: String) -> Bool { live.isExecutableFile(path) }
    }

    /// Opens `bytes` for `folder` through a counting disk.
    private func open(_ folder: Folder, _ bytes: [UInt8], at time: IndexTime)
        -> (result: Result<OpenedIndex, ManifestIndex.Miss>, listings: Int, digests: Int) {
        let disk = CountingDisk()
        let result = folder.open(bytes, at: time, disk: disk)
        return (result, disk.listings, disk.digests)
    }

    /// Writes back what `index` asked to and opens the result: it must hit,
    /// want nothing more written back, and list no folder and compare no
    /// file's content. Nil (with the issue recorded) if it does not hit.
    private func reopenRefreshed(_ folder: Folder, _ index: OpenedIndex, at time: IndexTime) throws -> [UInt8]? {
        #expect(index.wantsRefresh)
        let refreshed = try #require(index.refreshedBytes(time: time))
        let again = open(folder, refreshed, at: time)
        guard case .success(let reopened) = again.result else {
            Issue.record("the refreshed index must hit")
            return nil
        }
        #expect(!reopened.wantsRefresh)
        #expect((again.listings, again.digests) == (0, 0))
        return refreshed
    }

    /// A folder whose signature holds is not listed; one that changed is,
    /// and with the same manifests its new signature is written back.
    @Test func aFolderIsListedOnlyWhenItChanged() throws {
        let folder = try Folder(Self.manifest("Hello"))
        folder.setFolderTime(1_000_000_001)
        let later = IndexTime(now: Self.now() + 10)
        let bytes = try #require(ManifestIndex.encode(folder.load(), key: folder.key, time: later, nonce: 7))
        let unchanged = open(folder, bytes, at: later)
        guard case .success(let index) = unchanged.result else { Issue.record("must hit"); return }
        #expect(unchanged.listings == 0)
        #expect(!index.wantsRefresh)

        let scratch = folder.root.appendingPathComponent("commands.d/scratch.txt")
        try Data("x".utf8).write(to: scratch)
        try FileManager.default.removeItem(at: scratch)
        folder.setFolderTime(1_000_000_002)
        let touched = open(folder, bytes, at: later)
        guard case .success(let listed) = touched.result else { Issue.record("the same manifests must hit"); return }
        #expect(touched.listings == 1)
        guard let refreshed = try reopenRefreshed(folder, listed, at: later) else { return }

        try Data(Self.manifest("Other").utf8).write(to: folder.root.appendingPathComponent("commands.d/more.yaml"))
        folder.setFolderTime(1_000_000_003)
        let added = open(folder, refreshed, at: later)
        guard case .failure(let miss) = added.result else { Issue.record("an added manifest must be seen"); return }
        #expect(miss == folder.otherManifests)
    }

    /// A link named like a manifest counts while its target is a file, which
    /// can start to hold with no change to the folder: a folder holding one,
    /// whether the index was written with it or it came after (with the same
    /// manifests, as it leads nowhere), is listed on every call and never
    /// written back as settled, so once the link's target appears the next
    /// call sees it.
    @Test(arguments: [false, true])
    func aFolderWithALinkNamedLikeAManifestIsAlwaysListed(linkedAfterIndexing: Bool) throws {
        let folder = try Folder(Self.manifest("Hello"))
        let target = folder.root.appendingPathComponent("generated/extra.yaml")
        func link() throws {
            try FileManager.default.createSymbolicLink(atPath: folder.root.appendingPathComponent("commands.d/extra.yaml").path,
                                                       withDestinationPath: target.path)
        }
        if !linkedAfterIndexing { try link() }
        folder.setFolderTime(1_000_000_001)
        let later = IndexTime(now: Self.now() + 10)
        let bytes = try #require(ManifestIndex.encode(folder.load(), key: folder.key, time: later, nonce: 7))
        if linkedAfterIndexing {
            try link()
            folder.setFolderTime(1_000_000_002)
        }
        let dangling = open(folder, bytes, at: later)
        guard case .success(let index) = dangling.result else { Issue.record("the same manifests must hit"); return }
        #expect(dangling.listings == 1)
        #expect(!index.wantsRefresh)

        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("commands:\n  extra:\n    help: Extra\n    exec: [echo]\n".utf8).write(to: target)
        guard case .failure(let miss) = open(folder, bytes, at: later).result else { Issue.record("the link's manifest must be seen"); return }
        #expect(miss == folder.otherManifests)
    }

    /// One listing, read two ways: the loader's names and the index's count,
    /// digest and settled flag agree, and a link named like a manifest
    /// counts while its target is a file and unsettles the folder either way.
    @Test func aListingCountsLinksToFilesAndIsSettledOnlyWithoutLinks() throws {
        let folder = try Folder(Self.manifest("Hello"))
        let commands = folder.root.appendingPathComponent("commands.d").path
        let plain = try #require(FileSystem.listManifests(commands))
        #expect(plain.names == [Array("main.yaml".utf8)])
        #expect(plain.settled)
        // The test's temporary folder is on a file system whose folder times are kept.
        let descriptor = Glibc.open(commands, O_RDONLY | O_DIRECTORY)
        defer { close(descriptor) }
        #expect(FileSystem.keepsFolderTimes(descriptor))

        try Data("x".utf8).write(to: URL(fileURLWithPath: commands + "/.hidden.yaml"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: commands + "/notes.txt"))
        try FileManager.default.createDirectory(atPath: commands + "/folder.yaml", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: commands + "/dangling.yaml", withDestinationPath: "nowhere.yaml")
        try FileManager.default.createSymbolicLink(atPath: commands + "/linked.yml", withDestinationPath: "main.yaml")
        let listing = try #require(FileSystem.listManifests(commands))
        #expect(listing.names.sorted { $0.lexicographicallyPrecedes($1) } == [Array("linked.yml".utf8), Array("main.yaml".utf8)])
        #expect(!listing.settled)
        let loaded = try #require(ManifestLoader.manifestFolder(commands))
        #expect(loaded.names.map(\.bytes) == [Array("linked.yml".utf8), Array("main.yaml".utf8)])
        #expect(loaded.settled == listing.settled)
        #expect(loaded.signature == listing.signature)
        #expect(ManifestNames.digest(loaded.names.map(\.bytes)) == listing.digest)
    }

    /// An index's file name is its key's hash in 16 lowercase hexadecimal
    /// digits, leading zeros kept, and pruning recognises it as one.
    @Test func indexFileNamesAreTheKeysHashInHexadecimal() {
        for (value, text) in [(UInt64(0), "0000000000000000"), (0xF, "000000000000000f"), (0xA0, "00000000000000a0"),
                              (0x0123_4567_89AB_CDEF, "0123456789abcdef"), (UInt64.max, "ffffffffffffffff")] {
            #expect(IndexKey.hexadecimal(value) == text)
        }
        let key = IndexKey(build: 7, paths: ["/p/commands.d", "/q/tasks.yaml"])
        var hash = ContentHash()
        hash.combine(key.build)
        for path in key.paths { hash.combine(path) }
        #expect(key.fileName == IndexKey.hexadecimal(hash.value) + ".idx")
        var name = key.fileName
        #expect(name.withUTF8 { IndexKey.isIndexFileName(UnsafeRawBufferPointer($0)) })
    }

    /// A count no validation section could hold is damage, even under a
    /// checksum made to match (a forged file): a miss, never an attempt to
    /// allocate for four billion manifests.
    @Test func aForgedFileCountIsAMissNotAnAllocation() throws {
        let folder = try Folder(Self.manifest("Hello"))
        let later = IndexTime(now: Self.now() + 10)
        var bytes = try #require(ManifestIndex.encode(folder.load(), key: folder.key, time: later, nonce: 7))
        // The file count (1) is the word just before the manifest's entry,
        // which starts with its path: length with the NUL, bytes, NUL.
        let length = UInt32(folder.manifest.utf8.count + 1)
        let entry = [1, 0, 0, 0] + withUnsafeBytes(of: length.littleEndian, Array.init) + Array(folder.manifest.utf8) + [0]
        let found = bytes.ranges(of: entry)
        #expect(found.count == 1)
        let count = try #require(found.first).lowerBound
        bytes.replaceSubrange(count..<(count + 4), with: [0xFF, 0xFF, 0xFF, 0xFF])
        guard case .success(let header) = IndexHeader.read(bytes) else { Issue.record("the header must read"); return }
        let validationEnd = IndexHeader.size + Int(header.validationLength)
        var writer = ByteWriter(bytes: bytes)
        writer.patch64(ManifestIndex.checksum(header: Array(bytes[0..<IndexHeader.size]), validation: Array(bytes[IndexHeader.size..<validationEnd])),
                       at: IndexHeader.checksumOffset)
        guard case .failure(let miss) = folder.open(writer.bytes, at: later) else { Issue.record("a forged count must miss"); return }
        #expect(miss == .corrupt("validation section"))
    }

    @Test func anIndexAnswersOnlyForItsOwnPathsAndBuild() throws {
        let folder = try Folder(Self.manifest("Hello"))
        let time = IndexTime(now: Self.now() + 10)
        let bytes = try #require(ManifestIndex.encode(folder.load(), key: folder.key, time: time, nonce: 7))
        let otherPaths = IndexKey(build: 42, paths: ["/elsewhere/commands.d"])
        let otherBuild = IndexKey(build: 43, paths: folder.key.paths)
        for (key, miss) in [(otherPaths, ManifestIndex.Miss.stale("built for other manifest paths")),
                            (otherBuild, .stale("written by another build of hyper"))] {
            let result: Result<OpenedIndex, ManifestIndex.Miss>
            do {
                result = .success(try OpenedIndex(source: .bytes(bytes), key: key, disk: LiveDisk(), time: time, workingDirectory: "/"))
            } catch {
                result = .failure(error)
            }
            guard case .failure(let actual) = result else { Issue.record("must miss"); continue }
            #expect(actual == miss)
        }
    }

    /// Every valid fixture, loaded in full and read back from its index,
    /// gives equal definitions: names, help, args with every field,
    /// bindings and locations.
    @Test func everyValidFixtureReadsBackEqual() throws {
        let folder = Self.fixtures.appendingPathComponent("valid")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 14)
        var compared = 0
        for name in names {
            let loader = ManifestLoader(workingDirectory: folder.path, handlers: Self.handlers)
            let load = loader.load(paths: [name])
            #expect(!load.hasErrors, "\(name): \(load.diagnostics)")
            let key = IndexKey(build: 1, paths: [folder.appendingPathComponent(name).path])
            let time = IndexTime(now: Self.now() + 10)
            let bytes = try #require(ManifestIndex.encode(load, key: key, time: time, nonce: 99), "\(name)")
            let index = try OpenedIndex(source: .bytes(bytes), key: key, disk: LiveDisk(), time: time, workingDirectory: folder.path)
            #expect(index.commandCount == load.commands.count)
            for command in load.commands {
                guard case .found(let read) = index.command(named: command.name) else {
                    Issue.record("\(name): `\(command.name)` not found")
                    continue
                }
                #expect(read == command, "\(name): \(command.name)")
                #expect(read.location != nil)
                compared += 1
            }
            let summaries = try #require(index.summaries())
            #expect(summaries.map(\.name) == load.commands.map(\.name).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            #expect(index.command(named: "no-such-command") == .absent)
        }
        #expect(compared >= 20)
    }

    /// Equality sees every field: a change to any of them is a difference.
    @Test func definitionsDifferInAnyField() {
        let base = CommandDefinition(name: "a", help: "h", args: [ArgDefinition(name: "x", type: .int, default: .int(1))],
                                     action: .exec(ExecTemplate(program: "echo", arguments: [])),
                                     location: SourceLocation(file: "f", line: 1, column: 1))
        var help = base
        help.help = "other"
        var arg = base
        arg.args[0].default = .int(2)
        var location = base
        location.location = SourceLocation(file: "f", line: 2, column: 1)
        var action = base
        action.action = .shell("echo")
        #expect(base == base)
        for changed in [help, arg, location, action] { #expect(changed != base) }
        let closure = CommandDefinition(name: "c", run: { _ in })
        #expect(closure == CommandDefinition(name: "c", run: { _ in }))
    }
}

extension OpenedIndex.Lookup: Equatable {
    public static func == (lhs: OpenedIndex.Lookup, rhs: OpenedIndex.Lookup) -> Bool {
        switch (lhs, rhs) {
        case (.found(let a), .found(let b)): a == b
        case (.absent, .absent), (.unsound, .unsound): true
        default: false
        }
    }
}
