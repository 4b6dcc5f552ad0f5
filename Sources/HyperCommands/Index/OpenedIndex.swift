#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an index's bytes come from: an open file read with `pread` (never
/// mapped: a file truncated under a mapping kills the reader with `SIGBUS`),
/// or bytes in memory (tests and the fuzzer).
enum IndexSource {
    case file(descriptor: Int32, size: Int)
    case bytes([UInt8])

    var size: Int {
        switch self {
        case .file(_, let size): size
        case .bytes(let bytes): bytes.count
        }
    }

    /// Exactly `range`'s bytes, or nil when they cannot all be read (the file
    /// shrank, an I/O error).
    func read(_ range: Range<Int>) -> [UInt8]? {
        guard range.lowerBound >= 0, range.upperBound <= size else { return nil }
        switch self {
        case .bytes(let bytes):
            return Array(bytes[range])
        case .file(let descriptor, _):
            // Filled by pread, not zeroed first; an incomplete read keeps nothing.
            var complete = false
            let out = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
                var done = 0
                while done < range.count {
                    let count = pread(descriptor, buffer.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
                    if count < 0 {
                        if errno == EINTR { continue }
                        break
                    }
                    if count == 0 { break }
                    done += count
                }
                complete = done == range.count
                initialized = complete ? range.count : 0
            }
            return complete ? out : nil
        }
    }
}

/// What the index asks of the file system to tell whether it still holds.
/// The live one asks the disk; the fuzzer's answers from the load it indexed,
/// so mutated bytes get past the staleness checks to the records.
protocol IndexDisk {
    func signature(_ path: UnsafePointer<CChar>) -> FileSystem.Signature?
    /// The signature of a folder, or nil if it is not one.
    func folderSignature(_ path: UnsafePointer<CChar>) -> FileSystem.Signature?
    func listManifests(_ folder: String) -> FileSystem.ManifestListing?
    /// The SHA-256 of a regular file of exactly `size` bytes, or nil.
    func digest(_ path: String, size: Int64) -> SHA256.Digest?
    func isExecutableFile(_ path: String) -> Bool
}

/// One folder held open by its path, for lookups inside it.
private final class OpenFolder {
    private var path: [CChar] = []
    private var descriptor: Int32 = -1

    /// The folder named by the first `length` bytes of `path`, opened once.
    func descriptor(_ path: UnsafePointer<CChar>, length: Int) -> Int32? {
        if descriptor >= 0, self.path.count == length, memcmp(self.path, path, length) == 0 { return descriptor }
        if descriptor >= 0 { close(descriptor) }
        self.path = Array(UnsafeBufferPointer(start: path, count: length))
        descriptor = (self.path + [0]).withUnsafeBufferPointer { open($0.baseAddress!, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        return descriptor >= 0 ? descriptor : nil
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }
}

struct LiveDisk: IndexDisk {
    private let folder = OpenFolder()

    /// Manifests come a folder at a time: the folder of the last one stays
    /// open (for one check of the index) and the next one in it is looked up
    /// from there, with fewer components to walk. A folder renamed or
    /// replaced during that check is still read where it was opened, as a
    /// whole-path lookup racing the same change could also answer.
    func signature(_ path: UnsafePointer<CChar>) -> FileSystem.Signature? {
        guard let slash = strrchr(path, 0x2F), slash != path else { return FileSystem.signature(cPath: path) }
        let length = path.distance(to: UnsafePointer(slash))
        guard let descriptor = folder.descriptor(path, length: length) else { return FileSystem.signature(cPath: path) }
        return FileSystem.signature(in: descriptor, UnsafePointer(slash) + 1)
    }

    /// Opened and kept open: the manifests checked next, which are in it,
    /// are looked up from it.
    func folderSignature(_ path: UnsafePointer<CChar>) -> FileSystem.Signature? {
        guard let descriptor = folder.descriptor(path, length: strlen(path)) else { return nil }
        return FileSystem.folderSignature(descriptor)
    }

    func listManifests(_ folder: String) -> FileSystem.ManifestListing? {
        FileSystem.listManifests(folder)
    }

    func digest(_ path: String, size: Int64) -> SHA256.Digest? {
        guard let limit = Int(exactly: size), limit >= 0,
              case .success(let bytes) = FileSystem.readFile(path, limit: limit), bytes.count == limit else { return nil }
        return SHA256.hash(bytes)
    }

    func isExecutableFile(_ path: String) -> Bool {
        FileSystem.kind(path) == .file && FileSystem.isExecutable(path)
    }

}

/// An index checked against its key and the disk: commands are read from it
/// one by one, on demand.
final class OpenedIndex {
    private let source: IndexSource
    private let header: IndexHeader
    private let slots: Range<Int>
    private let records: Range<Int>
    var commandCount: Int { Int(header.commandCount) }
    /// The validation section, kept for the manifest paths locations name.
    private let validation: [UInt8]
    /// Where each manifest file's path starts in `validation`, by number.
    private let fileOffsets: [Int]
    /// Where locations are shown from.
    private let workingDirectory: String
    /// Entries whose signature changed with their content the same (a file
    /// rewritten as it was, a checkout; a folder with the same manifests), or
    /// that are no longer racy: the index is right but slow until these are
    /// written back.
    private var refreshes: [(offset: Int, signature: FileSystem.Signature)] = []

    /// True when writing back new signatures would spare later calls a
    /// content comparison.
    var wantsRefresh: Bool { !refreshes.isEmpty }

    /// Reads the header and the validation section and checks them against
    /// the key and the disk; throws why the index cannot be used. Takes
    /// ownership of a file source's descriptor.
    init<Disk: IndexDisk>(source: IndexSource, key: IndexKey, disk: Disk, time: IndexTime,
                          workingDirectory: String) throws(ManifestIndex.Miss) {
        self.source = source
        self.workingDirectory = workingDirectory
        guard let head = source.read(0..<IndexHeader.size) else { throw .corrupt("truncated") }
        let header: IndexHeader
        switch IndexHeader.read(head) {
        case .success(let read): header = read
        case .failure(.notAnIndex): throw .corrupt("not an index")
        case .failure(.otherFormat): throw .stale("written in another index format")
        }
        guard header.buildKey == key.build else { throw .stale("written by another build of hyper") }
        guard let extents = header.checkedExtents(fileSize: source.size) else { throw .corrupt("header") }
        guard let validation = source.read(extents.validation) else { throw .corrupt("truncated") }
        guard ManifestIndex.checksum(header: head, validation: validation) == header.checksum else { throw .corrupt("checksum") }
        self.header = header
        self.validation = validation
        slots = extents.slots
        records = extents.records
        let checked = validation.withUnsafeBytes { bytes -> Validated in
            var reader = ByteReader(bytes)
            do throws(ManifestIndex.Miss) {
                return try Self.check(&reader, base: extents.validation.lowerBound, key: key, disk: disk, time: time)
            } catch {
                return Validated(miss: error)
            }
        }
        if let miss = checked.miss { throw miss }
        (refreshes, fileOffsets, facts) = (checked.refreshes, checked.fileOffsets, checked.facts)
    }

    /// What the index knows of the project beside its commands: the
    /// manifests with errors when it was written and the names a call must
    /// refuse (see `ManifestLoad.brokenFiles`), whether names have
    /// namespaces, and the order of the list's groups.
    struct Facts {
        /// How many manifests have errors (see `ManifestLoad.filesWithErrors`).
        var manifestsWithErrors = 0
        /// True when some manifest's names are unknown (YAML not read to its end).
        var namesIncomplete = false
        /// Names and aliases declared but not sound, sorted.
        var refusedNames: [String] = []
        /// True when some name or alias declared has a namespace (`db:migrate`).
        var namespaced = false
        /// The groups of sound commands, in the order they first appear.
        var groupOrder: [String] = []
        /// The `dir` folders of sound commands, absolute.
        var folders: [String] = []

        /// True when every command's folder is still there.
        var foldersHold: Bool {
            folders.allSatisfy { FileSystem.kind($0) == .directory }
        }

        func refuses(_ name: String) -> Bool {
            refusedNames.contains { Names.same($0, name) }
        }
    }
    private(set) var facts = Facts()

    deinit {
        if case .file(let descriptor, _) = source { close(descriptor) }
    }

    /// What checking the validation section found.
    private struct Validated {
        var refreshes: [(offset: Int, signature: FileSystem.Signature)] = []
        var fileOffsets: [Int] = []
        var facts = Facts()
        var miss: ManifestIndex.Miss?
    }

    /// Checks the validation section against the key and the disk; returns
    /// the signatures worth writing back and where each file's path is.
    private static func check<Disk: IndexDisk>(_ reader: inout ByteReader, base: Int, key: IndexKey, disk: Disk, time: IndexTime)
        throws(ManifestIndex.Miss) -> Validated {
        let corrupt = ManifestIndex.Miss.corrupt("validation section")
        guard let pathCount = reader.u32() else { throw corrupt }
        guard Int(pathCount) == key.paths.count else { throw .stale("built for other manifest paths") }
        for path in key.paths {
            guard let recorded = reader.string() else { throw corrupt }
            guard recorded == path else { throw .stale("built for other manifest paths") }
        }
        guard let folderCount = reader.u32() else { throw corrupt }
        var refreshes: [(offset: Int, signature: FileSystem.Signature)] = []
        for _ in 0..<folderCount {
            guard let entry = IndexFolderEntry.read(&reader) else { throw corrupt }
            // No entry added, removed or renamed since the listing: the same names.
            if entry.settled && !entry.racy && disk.folderSignature(entry.path) == entry.signature { continue }
            let path = String(cString: entry.path)
            guard let current = disk.listManifests(path), current.names.count == entry.count, current.digest == entry.digest else {
                throw .stale("`\(path)` has other manifests now")
            }
            // The same manifests under a new signature (a file made and
            // removed, an editor's swap file) or one no longer racy: worth
            // writing back once it is past the racy window, unless a link
            // could still change what the folder holds. A folder indexed as
            // not settled is listed on every call until a full load writes
            // the index anew.
            if entry.settled && current.settled && !time.isRacy(current.signature)
                && (current.signature != entry.signature || entry.racy) {
                refreshes.append((base + entry.signatureOffset, current.signature))
            }
        }
        // A count no section could hold is damage, not an allocation to try.
        guard let fileCount = reader.u32(), Int(fileCount) <= (reader.buffer.count - reader.offset) / IndexFileEntry.minimumSize else {
            throw corrupt
        }
        var fileOffsets: [Int] = []
        fileOffsets.reserveCapacity(Int(fileCount))
        for _ in 0..<fileCount {
            fileOffsets.append(reader.offset + 4)
            guard let entry = IndexFileEntry.read(&reader) else { throw corrupt }
            guard let current = disk.signature(entry.path) else { throw .stale("`\(String(cString: entry.path))` is gone") }
            if current == entry.signature && !entry.racy { continue }
            // Changed signature, or timestamps too close to the index's own:
            // compare the content by SHA-256, which no edit can match.
            let path = String(cString: entry.path)
            guard current.size == entry.signature.size, disk.digest(path, size: current.size) == entry.digest else {
                throw .stale("`\(path)` changed")
            }
            if current != entry.signature || !time.isRacy(current) {
                refreshes.append((base + entry.signatureOffset, current))
            }
        }
        guard let programCount = reader.u32() else { throw corrupt }
        for _ in 0..<programCount {
            guard let program = reader.string() else { throw corrupt }
            guard disk.isExecutableFile(program) else { throw .stale("program `\(program)` changed") }
        }
        // The commands' folders are checked where they matter, not on every
        // call: the one that is about to run, and all of them for a list.
        guard let folderCount = reader.u32(), folderCount <= 1_000_000 else { throw corrupt }
        var folders: [String] = []
        for _ in 0..<folderCount {
            guard let folder = reader.string() else { throw corrupt }
            folders.append(folder)
        }
        var facts = Facts()
        facts.folders = folders
        guard let brokenCount = reader.u32(), let incomplete = reader.u8(), incomplete <= 1, let refusedCount = reader.u32(),
              refusedCount <= 1_000_000 else { throw corrupt }
        (facts.manifestsWithErrors, facts.namesIncomplete) = (Int(brokenCount), incomplete == 1)
        for _ in 0..<refusedCount {
            guard let name = reader.string() else { throw corrupt }
            facts.refusedNames.append(name)
        }
        guard let namespaced = reader.u8(), namespaced <= 1 else { throw corrupt }
        facts.namespaced = namespaced == 1
        guard let groupCount = reader.u32(), groupCount <= 100_000 else { throw corrupt }
        for _ in 0..<groupCount {
            guard let group = reader.string() else { throw corrupt }
            facts.groupOrder.append(group)
        }
        guard reader.offset == reader.buffer.count else { throw corrupt }
        return Validated(refreshes: refreshes, fileOffsets: fileOffsets, facts: facts)
    }

    /// The whole index again with the refreshed signatures written in, their
    /// racy flags recomputed and the checksum renewed; nil if the file is no
    /// longer the one this call checked.
    func refreshedBytes(time: IndexTime) -> [UInt8]? {
        guard var bytes = source.read(0..<source.size), case .success(let again) = IndexHeader.read(bytes),
              again == header else { return nil }
        for refresh in refreshes {
            var patch = ByteWriter()
            IndexSignature.encode(refresh.signature, racy: time.isRacy(refresh.signature), into: &patch)
            bytes.replaceSubrange(refresh.offset..<(refresh.offset + patch.bytes.count), with: patch.bytes)
        }
        let validationEnd = IndexHeader.size + Int(header.validationLength)
        let checksum = ManifestIndex.checksum(header: Array(bytes[0..<IndexHeader.size]), validation: Array(bytes[IndexHeader.size..<validationEnd]))
        var writer = ByteWriter(bytes: bytes)
        writer.patch64(checksum, at: IndexHeader.checksumOffset)
        return writer.bytes
    }

    enum Lookup {
        case found(CommandDefinition)
        /// Not in the table, as far as a sound table can tell.
        case absent
        /// A slot or record failed its bounds or checksum.
        case unsound
    }

    /// The command with this name: its name's slot, then the slots after it
    /// until an empty one; a candidate counts only if its record is sound
    /// and holds exactly this name.
    func command(named name: String) -> Lookup {
        var name = name
        return name.withUTF8 { target in
            let hash = IndexSlot.hash(UnsafeRawBufferPointer(target))
            let count = Int(header.slotCount)
            var index = Int(hash) & (count - 1)
            var probed = 0
            while probed < count {
                // Up to eight slots a read: a half-full table rarely needs a second.
                let batch = min(8, count - index, count - probed)
                let start = slots.lowerBound + index * IndexSlot.size
                guard let bytes = source.read(start..<(start + batch * IndexSlot.size)) else { return .unsound }
                let outcome: Lookup? = bytes.withUnsafeBytes { raw in
                    var reader = ByteReader(raw)
                    for _ in 0..<batch {
                        guard let slot = IndexSlot(&reader) else { return .unsound }
                        if slot.isEmpty { return .absent }
                        guard slot.nameHash == hash else { continue }
                        switch record(slot) {
                        case nil: return .unsound
                        case let command? where command.name.utf8.elementsEqual(target)
                            || command.aliases.contains(where: { $0.utf8.elementsEqual(target) }): return .found(command)
                        default: continue
                        }
                    }
                    return nil
                }
                if let outcome { return outcome }
                probed += batch
                index = (index + batch) & (count - 1)
            }
            return .absent
        }
    }

    private func record(_ slot: IndexSlot) -> CommandDefinition? {
        let start = Int(slot.recordOffset)
        let (end, overflow) = start.addingReportingOverflow(Int(slot.recordLength))
        guard !overflow, start >= records.lowerBound, end <= records.upperBound, let bytes = source.read(start..<end) else { return nil }
        return bytes.withUnsafeBytes { raw in
            guard let (payload, length) = IndexRecord.payload(raw, nonce: header.nonce), length == raw.count else { return nil }
            var reader = ByteReader(payload)
            // Every location of a record names the same file: work its shown path out once.
            var shown: (number: UInt32, path: String?)?
            let file = { (number: UInt32) -> String? in
                if let shown, shown.number == number { return shown.path }
                let path = self.shownFile(number)
                shown = (number, path)
                return path
            }
            guard let command = CommandCodec.decode(from: &reader, file: file), reader.offset == payload.count else { return nil }
            return command
        }
    }

    /// Manifest file `number` as the user sees it from the working directory.
    private func shownFile(_ number: UInt32) -> String? {
        guard Int(number) < fileOffsets.count else { return nil }
        let path = validation.withUnsafeBytes { raw in
            String(cString: raw.baseAddress!.advanced(by: fileOffsets[Int(number)]).assumingMemoryBound(to: CChar.self))
        }
        return Path.display(path, from: workingDirectory)
    }

    /// Each manifest the index was made from, absolute, with the SHA-256 of
    /// the bytes its records were decoded from (checked against the disk
    /// when the index was opened). Read only when asked.
    func manifestDigests() -> [(path: String, digest: String)] {
        validation.withUnsafeBytes { raw -> [(path: String, digest: String)] in
            fileOffsets.compactMap { offset -> (path: String, digest: String)? in
                let path = raw.baseAddress!.advanced(by: offset).assumingMemoryBound(to: CChar.self)
                let start = offset + strlen(path) + 1 + IndexSignature.size
                guard start + 32 <= raw.count, let digest = SHA256.Digest(UnsafeRawBufferPointer(rebasing: raw[start..<(start + 32)])) else { return nil }
                return (String(cString: path), digest.hex)
            }
        }
    }

    /// What the list shows of every command, and whether it is hidden, in
    /// byte order of names; nil if any record is unsound or they are not as
    /// many as the header says.
    func summaries() -> [ListedCommand]? {
        eachRecord { reader in CommandCodec.decodeSummary(from: &reader) }
    }

    /// Every command in full, in byte order of names; nil as for `summaries`.
    func definitions() -> [CommandDefinition]? {
        eachRecord { reader in
            guard let command = CommandCodec.decode(from: &reader, file: shownFile), reader.offset == reader.buffer.count else { return nil }
            return command
        }
    }

    /// `decode` applied to every record's payload, in order; nil if any
    /// record is unsound or gives nil, or the count is not the header's.
    private func eachRecord<Value>(_ decode: (inout ByteReader) -> Value?) -> [Value]? {
        guard let bytes = source.read(records) else { return nil }
        return bytes.withUnsafeBytes { raw -> [Value]? in
            var values: [Value] = []
            values.reserveCapacity(commandCount)
            var offset = 0
            while offset < raw.count {
                guard values.count < commandCount,
                      let (payload, length) = IndexRecord.payload(UnsafeRawBufferPointer(rebasing: raw[offset...]), nonce: header.nonce) else {
                    return nil
                }
                var reader = ByteReader(payload)
                guard let value = decode(&reader) else { return nil }
                values.append(value)
                offset += length
            }
            return values.count == commandCount ? values : nil
        }
    }
}
