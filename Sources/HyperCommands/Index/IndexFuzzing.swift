/// The index reader for the fuzzer (`Fuzz/Sources/FuzzIndex`): an index
/// built from one manifest, and a view of the disk that answers as that
/// manifest's files would, so mutated bytes get past the staleness checks to
/// the name table and the records.
@_spi(Fuzz) public enum IndexFuzzing {
    static let folder = "/fuzz/commands.d"
    static let signature = FileSystem.Signature(device: 1, inode: 2, size: 0, modified: 1_000_000_000, changed: 1_000_000_000)
    static let key = IndexKey(build: 1, paths: [folder])
    static let time = IndexTime(now: 1_000_000)

    struct Disk: IndexDisk {
        var manifest: SHA256.Digest
        var size: Int

        func signature(_ path: UnsafePointer<CChar>) -> FileSystem.Signature? {
            var signature = IndexFuzzing.signature
            signature.size = Int64(size)
            return signature
        }
        func folderSignature(_ path: UnsafePointer<CChar>) -> FileSystem.Signature? { IndexFuzzing.signature }
        func listManifests(_ folder: String) -> FileSystem.ManifestListing? {
            FileSystem.ManifestListing(names: [Array("fuzz.yaml".utf8)], signature: IndexFuzzing.signature, settled: true)
        }
        func digest(_ path: String, size: Int64) -> SHA256.Digest? { manifest }
        func isExecutableFile(_ path: String) -> Bool { true }
    }

    /// A sound index of `manifest` (as `commands.d/fuzz.yaml`), or nil if the
    /// manifest has errors. The nonce is fixed, so the bytes are too.
    public static func index(of manifest: [UInt8]) -> [UInt8]? {
        var load = ManifestLoader.decode(bytes: manifest, file: "commands.d/fuzz.yaml")
        guard !load.hasErrors else { return nil }
        for index in load.commands.indices { load.commands[index].root = "/fuzz" }
        var signature = signature
        signature.size = Int64(manifest.count)
        load.inputs.folders = [ManifestInputs.Folder(path: folder, names: [ManifestName(Array("fuzz.yaml".utf8))],
                                                     signature: IndexFuzzing.signature, settled: true)]
        load.inputs.files = [ManifestInputs.File(path: folder + "/fuzz.yaml", signature: signature, contentHash: 0,
                                                 digest: SHA256.hash(manifest))]
        return ManifestIndex.encode(load, key: key, time: time, nonce: 0x5EED)
    }

    /// Opens `bytes` as an index of `manifest` and uses it every way a call
    /// does: looks up each listed name and a few others, lists, refreshes.
    /// Returns how many commands were found, for the fuzzer's own checks.
    @discardableResult
    public static func exercise(_ bytes: [UInt8], manifest: [UInt8]) -> Int {
        let disk = Disk(manifest: SHA256.hash(manifest), size: manifest.count)
        let index: OpenedIndex
        do {
            index = try OpenedIndex(source: .bytes(bytes), key: key, disk: disk, time: time, workingDirectory: "/fuzz")
        } catch {
            return 0
        }
        var found = 0
        let listed = (index.summaries() ?? []).flatMap { [$0.name] + $0.aliases }
        for name in listed + ["greet", "build", "a", "", "zz"].filter({ !listed.contains($0) }) {
            if case .found(let command) = index.command(named: name) {
                precondition(command.isNamed(name), "a lookup of `\(name)` gave `\(command.name)`")
                found += 1
            }
        }
        _ = index.refreshedBytes(time: time)
        return found
    }
}
