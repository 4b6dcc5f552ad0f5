#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A validated index of a project's manifests that later calls reuse, the
/// way Python reuses bytecode: a warm `hyper <cmd>` reads no manifest, and its
/// cost grows with the number of manifest files, not their size.
///
/// What it guarantees (README, "Speed: the index"):
/// - It answers only for the manifest paths it was built for, by the build
///   of hyper that wrote it (`IndexKey`): both are stored in the file and
///   compared on every read, not only hashed into its name.
/// - It never serves a stale answer. Each call compares each manifest's
///   signature (device, inode, size, mtime and ctime in nanoseconds: any
///   write changes ctime, which no user can set back) and each folder's: a
///   folder's changes when an entry is added, removed or renamed, so its
///   listing is read again only then, or when a symbolic link named like a
///   manifest could change what it holds (`ManifestInputs.Folder.settled`).
///   A file or folder changed within `IndexTime.racySeconds` of the clock
///   read before the load the index comes from (or before the check that
///   wrote a signature back) is "racy" (as git calls it): timestamps that
///   coarse could hide a second edit, so a racy file is compared by SHA-256
///   of its bytes, as is any file whose signature changed, and a racy
///   folder is listed.
///   Relative `exec` programs are checked to still be executable files. Only
///   loads without errors are indexed, so diagnostics always come from a
///   full load.
/// - Only the user's own index is read (`IndexFolder`): a file or folder
///   owned by someone else, or writable by others, is never read or written.
/// - Any bytes at all give a hit or a miss, never a trap or a wrong command:
///   every length and offset is checked before use, the header and the
///   validation section are under one checksum, each record under its own
///   with the file's nonce, and the file is read with `pread`, so a rewrite
///   in place while a call reads it is a miss, not a `SIGBUS`.
enum ManifestIndex {
    /// Where index files live: `$HYPER_INDEX_DIR`, else
    /// `$XDG_CACHE_HOME/hyper`, else `$HOME/.cache/hyper`.
    static func directory(environment: (String) -> String?) -> String? {
        if let explicit = environment("HYPER_INDEX_DIR"), !explicit.isEmpty { return explicit }
        if let cache = environment("XDG_CACHE_HOME"), cache.hasPrefix("/") { return cache + "/hyper" }
        if let home = environment("HOME"), home.hasPrefix("/") { return home + "/.cache/hyper" }
        return nil
    }

    // MARK: writing

    /// The bytes of an index for a load without errors, or nil when the load
    /// cannot be indexed (a file's content was not digested, or the index
    /// would be over 4 GiB).
    static func encode(_ load: ManifestLoad, key: IndexKey, time: IndexTime, nonce: UInt64) -> [UInt8]? {
        var validation = ByteWriter()
        validation.u32(UInt32(key.paths.count))
        for path in key.paths { validation.string(path) }
        validation.u32(UInt32(load.inputs.folders.count))
        for folder in load.inputs.folders {
            IndexFolderEntry(path: folder.path, count: folder.names.count, digest: ManifestNames.digest(folder.names.map(\.bytes)),
                             settled: folder.settled, signature: folder.signature, racy: time.isRacy(folder.signature))
                .encode(into: &validation)
        }
        validation.u32(UInt32(load.inputs.files.count))
        for file in load.inputs.files {
            guard let digest = file.digest else { return nil }
            IndexFileEntry(path: file.path, signature: file.signature, racy: time.isRacy(file.signature), digest: digest)
                .encode(into: &validation)
        }
        let programs = relativePrograms(load)
        validation.u32(UInt32(programs.count))
        for program in programs { validation.string(program) }
        // The `dir` of each sound command: one that is gone makes the index
        // stale, so the list never shows a command a full load refuses.
        var folders: [String] = []
        var seenFolders: Set<String> = []
        for command in load.soundCommands where command.directory != nil {
            if let folder = command.workingFolder, seenFolders.insert(folder).inserted { folders.append(folder) }
        }
        validation.u32(UInt32(folders.count))
        for folder in folders { validation.string(folder) }
        // Manifests with errors: how many, whether names may be missing, and
        // the names declared that are not sound. Only sound commands get records.
        validation.u32(UInt32(load.filesWithErrors.count))
        validation.u8(load.unreadToEnd.isEmpty ? 0 : 1)
        let refused = load.refusedNames
        validation.u32(UInt32(refused.count))
        for name in refused { validation.string(name) }
        // Whether any name has a namespace: without one, `hyper greet Ann`
        // never looks up `greet:Ann`.
        let namespaced = load.declared.contains { $0.name.utf8.contains(UInt8(ascii: ":")) }
        validation.u8(namespaced ? 1 : 0)
        // The list's groups in the order they first appear; the records
        // themselves are in byte order of names, as the list shows them.
        let groups = load.groupOrder
        validation.u32(UInt32(groups.count))
        for group in groups { validation.string(group) }

        // Records in byte order of names, so a listing reads them in order.
        let sorted = load.soundCommands.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        // Locations name their file by its number among the files above.
        guard load.files.count == load.inputs.files.count else { return nil }
        var numbers: [String: UInt32] = [:]
        for (number, shown) in load.files.enumerated() { numbers[shown] = UInt32(number) }
        // A slot for each name and each alias, all pointing at the command's record.
        let nameCount = sorted.reduce(0) { $0 + 1 + $1.aliases.count }
        var slotCount = 1
        while slotCount < nameCount * 2 { slotCount *= 2 }
        let recordsOffset = IndexHeader.size + validation.bytes.count + slotCount * IndexSlot.size
        var records = ByteWriter()
        var slots = [IndexSlot?](repeating: nil, count: slotCount)
        for command in sorted {
            var payload = ByteWriter()
            guard CommandCodec.encode(command, files: numbers, into: &payload) else { return nil }
            let offset = recordsOffset + records.bytes.count
            IndexRecord.encode(payload.bytes, nonce: nonce, into: &records)
            guard let recordOffset = UInt32(exactly: offset),
                  let recordLength = UInt32(exactly: IndexRecord.headerSize + payload.bytes.count) else { return nil }
            for name in command.names {
                let hash = IndexSlot.hash(name)
                var index = Int(hash) & (slotCount - 1)
                while slots[index] != nil { index = (index + 1) & (slotCount - 1) }
                slots[index] = IndexSlot(nameHash: hash, recordOffset: recordOffset, recordLength: recordLength)
            }
        }
        let total = recordsOffset + records.bytes.count
        guard let validationLength = UInt32(exactly: validation.bytes.count), let slotCount32 = UInt32(exactly: slotCount),
              let commandCount = UInt32(exactly: sorted.count), let recordsOffset32 = UInt32(exactly: recordsOffset),
              UInt32(exactly: total) != nil else { return nil }
        var header = IndexHeader(buildKey: key.build, nonce: nonce, totalLength: UInt64(total), validationLength: validationLength,
                                 slotCount: slotCount32, commandCount: commandCount, recordsOffset: recordsOffset32)
        var writer = ByteWriter()
        writer.bytes.reserveCapacity(total)
        header.encode(into: &writer)
        writer.bytes += validation.bytes
        header.checksum = checksum(header: writer.bytes, validation: validation.bytes)
        writer.patch64(header.checksum, at: IndexHeader.checksumOffset)
        for slot in slots {
            (slot ?? IndexSlot(nameHash: 0, recordOffset: 0, recordLength: 0)).encode(into: &writer)
        }
        writer.bytes += records.bytes
        return writer.bytes
    }

    /// The checksum over the header's fields before it and the validation section.
    static func checksum(header: [UInt8], validation: [UInt8]) -> UInt64 {
        header.withUnsafeBytes { head in
            validation.withUnsafeBytes { checksum(header: head, validation: $0) }
        }
    }

    static func checksum(header: UnsafeRawBufferPointer, validation: UnsafeRawBufferPointer) -> UInt64 {
        var hash = ContentHash()
        hash.combine(UnsafeRawBufferPointer(rebasing: header[0..<IndexHeader.checksumOffset]))
        hash.combine(validation)
        return hash.value
    }

    /// Absolute paths of the relative `exec` programs, which must stay executable.
    static func relativePrograms(_ load: ManifestLoad) -> [String] {
        var seen: Set<String> = []
        var programs: [String] = []
        for command in load.commands {
            guard case .exec(let template) = command.action, let folder = command.workingFolder,
                  template.program.contains("/"), !template.program.hasPrefix("/") else { continue }
            let path = Path.absolute(template.program, from: folder)
            if seen.insert(path).inserted { programs.append(path) }
        }
        return programs
    }

    /// A new nonce for a file about to be written.
    static func newNonce() -> UInt64 {
        UInt64.random(in: 1...UInt64.max)
    }

    // MARK: reading

    /// Why an index was not used, in words for `HYPER_INDEX_DEBUG`.
    enum Miss: Error, Equatable, CustomStringConvertible {
        /// No index file yet.
        case absent
        /// The file or its folder cannot be opened or read.
        case unreadable(String)
        /// The file or its folder belongs to someone else, or others may write it.
        case refused(String)
        /// The bytes are not a sound index.
        case corrupt(String)
        /// Sound, but for other manifests, another build, or files changed since.
        case stale(String)

        var description: String {
            switch self {
            case .absent: "absent"
            case .unreadable(let reason): "unreadable: \(reason)"
            case .refused(let reason): "refused: \(reason)"
            case .corrupt(let reason): "corrupt: \(reason)"
            case .stale(let reason): "stale: \(reason)"
            }
        }
    }
}

/// What an index is for: the build of hyper that reads it and the manifest
/// paths asked for. The file name is a hash of both; the file stores both
/// and the reader compares them, so a file put under another's name is a miss.
struct IndexKey: Equatable {
    /// The binary and its rules: the index format, hyper's version, the
    /// executable file itself (`BuildIdentity`), the handlers with their
    /// signatures and the commands defined in code.
    var build: UInt64
    /// The selected manifest files and folders, absolute, in order.
    var paths: [String]

    init(build: UInt64, paths: [String]) {
        self.build = build
        self.paths = paths
    }

    init(handlers: HandlerCatalog, codeCommands: [String], paths: [String], executable: BuildIdentity = .current) {
        var hash = ContentHash()
        hash.combine(UInt64(IndexLayout.formatVersion))
        hash.combine(HyperCLI.version)
        hash.combine(executable.value)
        // The plain `hyper` registers no handlers: skip the dictionary, whose
        // first use costs a runtime type lookup on every call.
        for name in handlers.names {
            hash.combine(name)
            if let signature = handlers.signatures[name] {
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
        self.init(build: hash.value, paths: paths)
    }

    /// `0123456789abcdef.idx`: 16 hexadecimal digits of a hash of the key.
    var fileName: String {
        var hash = ContentHash()
        hash.combine(build)
        for path in paths { hash.combine(path) }
        return Self.hexadecimal(hash.value) + ".idx"
    }

    /// `value` in 16 lowercase hexadecimal digits. Written out by hand:
    /// `String(_:radix:)` is generic over `BinaryInteger` and looks its
    /// associated types up at run time, which a warm call would pay for.
    static func hexadecimal(_ value: UInt64) -> String {
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        for shift in stride(from: 60, through: 0, by: -4) {
            let nibble = UInt8(truncatingIfNeeded: value >> UInt64(shift)) & 0xF
            digits.append(nibble < 10 ? 0x30 + nibble : 0x57 + nibble)
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// True for a name this scheme gives, and only those: what pruning may remove.
    static func isIndexFileName(_ name: UnsafeRawBufferPointer) -> Bool {
        guard name.count == 20 else { return false }
        for byte in name[0..<16] where !((0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)) { return false }
        return name[16] == 0x2E && name[17] == 0x69 && name[18] == 0x64 && name[19] == 0x78  // ".idx"
    }
}

/// The running executable as a file: device, inode, size and change times.
/// Any rebuild or reinstall changes at least one, so an index written by
/// another build of hyper, whose rules may differ, is never used.
struct BuildIdentity: Sendable {
    var value: UInt64

    static let current: BuildIdentity = {
        var hash = ContentHash()
        #if os(Linux)
        var info = stat()
        if stat("/proc/self/exe", &info) == 0 {
            let signature = FileSystem.Signature(info)
            hash.combine(signature.device)
            hash.combine(signature.inode)
            hash.combine(UInt64(bitPattern: signature.size))
            hash.combine(UInt64(bitPattern: signature.modified))
            hash.combine(UInt64(bitPattern: signature.changed))
        }
        #endif
        return BuildIdentity(value: hash.value)
    }()
}

/// The clock the index reads, and how close to it a change is too recent to
/// trust by signature alone. Tests give their own.
struct IndexTime: Sendable {
    /// Seconds since the epoch.
    var now: Int64
    var racySeconds: Int64 = 2

    static var live: IndexTime { IndexTime(now: FileSystem.now()) }

    /// Changed so recently that a second change within the same timestamp
    /// tick could look like none.
    func isRacy(_ signature: FileSystem.Signature) -> Bool {
        now - max(signature.modified, signature.changed) / 1_000_000_000 < racySeconds
    }
}
