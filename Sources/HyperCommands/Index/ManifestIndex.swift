#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A validated index of a project's manifests that later calls reuse, the
/// way Python reuses bytecode: a warm `hyper <cmd>` reads no manifest, and its
/// cost grows with the number of manifest files, not their size.
///
/// It never serves a stale answer. Each call compares the folders' listings,
/// and each manifest's signature (device, inode, size, mtime and ctime in
/// nanoseconds: any write changes ctime, which no user can set back). A file
/// changed within `racySeconds` of the index being written is "racy" (as git
/// calls it): timestamps that coarse could hide a second edit, so it is
/// compared by content hash instead. Relative `exec` programs are checked to
/// still be executable files. Only loads without errors are indexed, so
/// diagnostics always come from a full load.
///
/// The file is written whole to a temporary name and renamed into place, so
/// concurrent calls each read a complete index. A header and validation
/// section checksum, a checksum per command record and bounds checks on
/// every read mean a corrupt or truncated index is only ever a miss.
enum ManifestIndex {
    static let magic: UInt64 = 0x3158_4449_5250_5948  // "HYPRIDX1"
    static let formatVersion: UInt32 = 2
    static let racySeconds: Int64 = 2

    /// Where index files live: `$HYPER_INDEX_DIR`, else
    /// `$XDG_CACHE_HOME/hyper`, else `$HOME/.cache/hyper`.
    static func directory(environment: (String) -> String?) -> String? {
        if let explicit = environment("HYPER_INDEX_DIR"), !explicit.isEmpty { return explicit }
        if let cache = environment("XDG_CACHE_HOME"), cache.hasPrefix("/") { return cache + "/hyper" }
        if let home = environment("HOME"), home.hasPrefix("/") { return home + "/.cache/hyper" }
        return nil
    }

    /// The index file for these manifest paths and this binary.
    static func file(in directory: String, paths: [String], binary: UInt64) -> String {
        var hash = ContentHash()
        hash.combine(binary)
        for path in paths { hash.combine(path) }
        let hex = String(hash.value, radix: 16)
        return directory + "/" + String(repeating: "0", count: 16 - hex.count) + hex + ".idx"
    }

    /// What makes an index written by one binary wrong for another: hyper's
    /// version, the handlers (with their signatures) and the code commands.
    static func binaryKey(handlers: HandlerCatalog, codeCommands: [String]) -> UInt64 {
        var hash = ContentHash()
        hash.combine(UInt64(formatVersion))
        hash.combine(HyperCLI.version)
        for name in handlers.names {
            hash.combine(name)
            if let signature = handlers.signatures[name] ?? nil {
                hash.combine(signature.typeName)
                for field in signature.fields {
                    hash.combine(field.name)
                    hash.combine(field.type.rawValue)
                    hash.combine(field.isOptional ? 1 : 0)
                }
            } else {
                hash.combine("-")
            }
        }
        hash.combine("|")
        for name in codeCommands { hash.combine(name) }
        return hash.value
    }

    /// Where the header keeps the validation section's checksum.
    static let checksumOffset = 32

    /// Changed so recently that a second change within the same timestamp
    /// tick could look like none.
    static func isRacy(_ signature: FileSystem.Signature, now: Int64) -> Bool {
        now - max(signature.modified, signature.changed) / 1_000_000_000 < racySeconds
    }

    // MARK: writing

    /// The bytes of an index for a load without errors.
    static func encode(_ load: ManifestLoad, binary: UInt64, now: Int64) -> [UInt8] {
        var writer = ByteWriter()
        writer.u64(magic)
        writer.u32(formatVersion)
        writer.u32(0)
        writer.u64(binary)
        let totalLengthAt = writer.bytes.count
        writer.u64(0)
        let checksumAt = writer.bytes.count
        assert(checksumAt == checksumOffset)
        writer.u64(0)
        let validationAt = writer.bytes.count
        writer.u32(0)  // validation length
        writer.u32(0)  // table offset
        writer.u32(UInt32(load.commands.count))
        let headerEnd = writer.bytes.count

        // Validation section: everything a call checks before trusting the index.
        writer.string(load.projectRoot)
        writer.u32(UInt32(load.inputs.folders.count))
        for folder in load.inputs.folders {
            writer.cString(folder.path)
            writer.u32(UInt32(folder.names.count))
            writer.u64(ManifestNames.digest(folder.names))
        }
        writer.u32(UInt32(load.inputs.files.count))
        for file in load.inputs.files {
            writer.cString(file.path)
            writer.u64(file.signature.device)
            writer.u64(file.signature.inode)
            writer.i64(file.signature.size)
            writer.i64(file.signature.modified)
            writer.i64(file.signature.changed)
            writer.u8(isRacy(file.signature, now: now) ? 1 : 0)
            writer.u64(file.contentHash)
        }
        let programs = relativePrograms(load)
        writer.u32(UInt32(programs.count))
        for program in programs { writer.string(program) }
        let validationLength = writer.bytes.count - headerEnd

        // Table of (name, record) sorted by name bytes, then the records.
        let sorted = load.commands.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        let tableAt = writer.bytes.count
        writer.bytes.append(contentsOf: repeatElement(0, count: sorted.count * 16))
        for (index, command) in sorted.enumerated() {
            var record = ByteWriter()
            CommandCodec.encode(command, into: &record)
            let nameAt = writer.bytes.count + 8 + 8
            let recordAt = writer.bytes.count
            writer.u64(ContentHash.of(record.bytes))
            writer.u64(UInt64(record.bytes.count))
            writer.bytes.append(contentsOf: record.bytes)
            let entry = tableAt + index * 16
            writer.patch32(UInt32(nameAt + 4), at: entry)
            writer.patch32(UInt32(command.name.utf8.count), at: entry + 4)
            writer.patch32(UInt32(recordAt), at: entry + 8)
            writer.patch32(UInt32(record.bytes.count + 16), at: entry + 12)
        }
        writer.patch32(UInt32(validationLength), at: validationAt)
        writer.patch32(UInt32(tableAt), at: validationAt + 4)
        writer.patch64(UInt64(writer.bytes.count), at: totalLengthAt)
        let checksum = writer.bytes.withUnsafeBytes { ContentHash.of(UnsafeRawBufferPointer(rebasing: $0[headerEnd..<(headerEnd + validationLength)])) }
        writer.patch64(checksum, at: checksumAt)
        return writer.bytes
    }

    /// Absolute paths of the relative `exec` programs, which must stay executable.
    static func relativePrograms(_ load: ManifestLoad) -> [String] {
        var seen: Set<String> = []
        var programs: [String] = []
        for command in load.commands {
            guard case .exec(let template) = command.action,
                  template.program.contains("/"), !template.program.hasPrefix("/") else { continue }
            let path = Path.absolute(template.program, from: load.projectRoot)
            if seen.insert(path).inserted { programs.append(path) }
        }
        return programs
    }

    // MARK: reading

    /// Why an index was not used.
    enum Miss: Error, Equatable {
        case absent
        case unreadable
        case corrupt(String)
        case stale(String)
    }
}

/// An index file mapped into memory and checked against the disk: commands
/// are decoded from it one by one, on demand.
final class OpenedIndex {
    private let base: UnsafeMutableRawPointer
    private let length: Int
    private var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: length) }
    let projectRoot: String
    private let tableOffset: Int
    let commandCount: Int
    /// Entries whose signature changed with their content the same (a file
    /// rewritten as it was, a checkout), or that are no longer racy: the
    /// index is right but slow until these are written back.
    private var refreshes: [(offset: Int, signature: FileSystem.Signature)] = []
    private var validationStart = 0
    private var validationLength = 0

    /// True when writing back new signatures would spare later calls a
    /// content comparison.
    var wantsRefresh: Bool { !refreshes.isEmpty }

    /// Maps the index at `path` and checks it against the manifests it
    /// records; throws why it cannot be used.
    init(path: String, binary: UInt64) throws(ManifestIndex.Miss) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw errno == ENOENT ? .absent : .unreadable }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw .unreadable
        }
        let size = Int(info.st_size)
        guard size >= 48 else {
            close(fd)
            throw .corrupt("truncated")
        }
        let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
        close(fd)
        guard let mapped, mapped != MAP_FAILED else { throw .unreadable }
        base = mapped
        length = size

        var reader = ByteReader(UnsafeRawBufferPointer(start: mapped, count: size))
        guard reader.u64() == ManifestIndex.magic, reader.u32() == ManifestIndex.formatVersion, reader.u32() != nil else {
            munmap(mapped, size)
            throw .corrupt("not an index of this format")
        }
        guard reader.u64() == binary else {
            munmap(mapped, size)
            throw .stale("written by another binary")
        }
        guard reader.u64() == UInt64(size), let checksum = reader.u64(), let validationLength = reader.u32(),
              let table = reader.u32(), let count = reader.u32() else {
            munmap(mapped, size)
            throw .corrupt("truncated")
        }
        let headerEnd = reader.offset
        guard let validation = reader.bytes(Int(validationLength)), ContentHash.of(validation) == checksum,
              Int(table) == headerEnd + Int(validationLength), Int(table) + Int(count) * 16 <= size else {
            munmap(mapped, size)
            throw .corrupt("checksum")
        }
        tableOffset = Int(table)
        commandCount = Int(count)
        validationStart = headerEnd
        self.validationLength = Int(validationLength)
        var section = ByteReader(UnsafeRawBufferPointer(start: mapped, count: size), at: headerEnd)
        do {
            (projectRoot, refreshes) = try Self.check(&section, now: FileSystem.now())
        } catch {
            munmap(mapped, size)
            throw error
        }
    }

    /// The index with the refreshed signatures written in, its racy flags
    /// recomputed and its checksum renewed.
    func refreshedBytes(now: Int64) -> [UInt8] {
        var writer = ByteWriter(bytes: Array(buffer))
        for refresh in refreshes {
            let signature = refresh.signature
            var patch = ByteWriter()
            patch.u64(signature.device)
            patch.u64(signature.inode)
            patch.i64(signature.size)
            patch.i64(signature.modified)
            patch.i64(signature.changed)
            patch.u8(ManifestIndex.isRacy(signature, now: now) ? 1 : 0)
            writer.bytes.replaceSubrange(refresh.offset..<(refresh.offset + patch.bytes.count), with: patch.bytes)
        }
        let checksum = writer.bytes.withUnsafeBytes {
            ContentHash.of(UnsafeRawBufferPointer(rebasing: $0[validationStart..<(validationStart + validationLength)]))
        }
        writer.patch64(checksum, at: ManifestIndex.checksumOffset)
        return writer.bytes
    }

    deinit {
        munmap(base, length)
    }

    /// Checks the validation section against the disk; returns the project root.
    private static func check(_ reader: inout ByteReader, now: Int64) throws(ManifestIndex.Miss)
        -> (String, [(offset: Int, signature: FileSystem.Signature)]) {
        var refreshes: [(offset: Int, signature: FileSystem.Signature)] = []
        guard let root = reader.string(), let folderCount = reader.u32() else { throw .corrupt("validation section") }
        for _ in 0..<folderCount {
            guard let folder = reader.cString(), let nameCount = reader.u32(), let digest = reader.u64() else {
                throw .corrupt("validation section")
            }
            let path = String(cString: folder)
            guard let current = FileSystem.manifestNamesDigest(path), current.count == Int(nameCount), current.digest == digest else {
                throw .stale("`\(path)` has other manifests now")
            }
        }
        guard let fileCount = reader.u32() else { throw .corrupt("validation section") }
        for _ in 0..<fileCount {
            guard let path = reader.cString() else { throw .corrupt("validation section") }
            let signatureOffset = reader.offset
            guard let device = reader.u64(), let inode = reader.u64(), let size = reader.i64(),
                  let modified = reader.i64(), let changed = reader.i64(), let racy = reader.u8(), let hash = reader.u64() else {
                throw .corrupt("validation section")
            }
            let recorded = FileSystem.Signature(device: device, inode: inode, size: size, modified: modified, changed: changed)
            guard let current = FileSystem.signature(cPath: path) else { throw .stale("`\(String(cString: path))` is gone") }
            if current == recorded && racy == 0 { continue }
            // Changed signature, or timestamps too close to the index's own: compare content.
            guard current.size == recorded.size,
                  case .success(let bytes) = FileSystem.readFile(String(cString: path), limit: Int(max(0, recorded.size))),
                  ContentHash.of(bytes) == hash else {
                throw .stale("`\(String(cString: path))` changed")
            }
            if current != recorded || !ManifestIndex.isRacy(current, now: now) {
                refreshes.append((signatureOffset, current))
            }
        }
        guard let programCount = reader.u32() else { throw .corrupt("validation section") }
        for _ in 0..<programCount {
            guard let program = reader.string() else { throw .corrupt("validation section") }
            guard FileSystem.kind(program) == .file, FileSystem.isExecutable(program) else {
                throw .stale("program `\(program)` changed")
            }
        }
        return (root, refreshes)
    }

    enum Lookup {
        case found(CommandDefinition)
        /// Not in the table, as far as a sound table can tell.
        case absent
        /// A table entry or record failed its bounds or checksum.
        case unsound
    }

    /// The command with this name.
    func command(named name: String) -> Lookup {
        var low = 0
        var high = commandCount - 1
        let target = Array(name.utf8)
        while low <= high {
            let middle = (low + high) / 2
            guard let entry = entry(middle) else { return .unsound }
            let order = compare(entry.name, target)
            if order == 0 { return record(entry).map(Lookup.found) ?? .unsound }
            if order < 0 { low = middle + 1 } else { high = middle - 1 }
        }
        return .absent
    }

    /// Every command's name and help, in name order; nil if any record is unsound.
    func summaries() -> [(name: String, help: String)]? {
        var summaries: [(name: String, help: String)] = []
        summaries.reserveCapacity(commandCount)
        for index in 0..<commandCount {
            guard let entry = entry(index), let payload = payload(entry) else { return nil }
            var reader = ByteReader(payload)
            guard let summary = CommandCodec.decodeSummary(from: &reader) else { return nil }
            summaries.append(summary)
        }
        return summaries
    }

    private struct Entry {
        var name: UnsafeRawBufferPointer
        var record: Int
        var recordLength: Int
    }

    private func entry(_ index: Int) -> Entry? {
        var reader = ByteReader(buffer, at: tableOffset + index * 16)
        guard let nameAt = reader.u32(), let nameLength = reader.u32(), let recordAt = reader.u32(), let recordLength = reader.u32() else { return nil }
        var nameReader = ByteReader(buffer, at: Int(nameAt))
        guard let name = nameReader.bytes(Int(nameLength)) else { return nil }
        return Entry(name: name, record: Int(recordAt), recordLength: Int(recordLength))
    }

    private func record(_ entry: Entry) -> CommandDefinition? {
        guard let payload = payload(entry) else { return nil }
        var decoder = ByteReader(payload)
        return CommandCodec.decode(from: &decoder)
    }

    /// A record's bytes, if its length and checksum are sound.
    private func payload(_ entry: Entry) -> UnsafeRawBufferPointer? {
        var reader = ByteReader(buffer, at: entry.record)
        guard let checksum = reader.u64(), let length = reader.u64(), Int(length) + 16 == entry.recordLength,
              let payload = reader.bytes(Int(length)), ContentHash.of(payload) == checksum else { return nil }
        return payload
    }

    private func compare(_ lhs: UnsafeRawBufferPointer, _ rhs: [UInt8]) -> Int {
        let count = min(lhs.count, rhs.count)
        for index in 0..<count where lhs[index] != rhs[index] {
            return lhs[index] < rhs[index] ? -1 : 1
        }
        return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
    }
}
