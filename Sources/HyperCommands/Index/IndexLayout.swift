/// The layout of an index file, in one place: the writer and the reader both
/// go through these types, so the format is spelt once.
///
///     header        IndexHeader.size bytes, fixed fields (below)
///     validation    what a call checks against the disk before trusting the
///                   index: the manifest paths asked for,
///                   each folder's listing, each file's signature and SHA-256,
///                   the relative programs
///     slots         slotCount × IndexSlot.size: an open-addressing hash table
///                   of command names (linear probing, at most half full)
///     records       one per command, in byte order of names: a checksum of
///                   the index's nonce and the payload, the payload length,
///                   then the payload (`CommandCodec`)
///
/// All integers are little-endian. The header checksum covers the header's
/// other fields and the whole validation section; each record's checksum
/// covers its payload and the nonce, which is new for every file written, so
/// a record read from another version of the file (rewritten in place while
/// this call reads it) never passes. A slot only points: a wrong slot leads
/// to a record whose name differs, which is a miss, never a wrong command.
enum IndexLayout {
    static let magic: UInt64 = 0x3358_4449_5250_5948  // "HYPRIDX3"
    static let formatVersion: UInt32 = 7
}

/// The fixed fields at the start of an index file.
struct IndexHeader: Equatable {
    static let size = 64
    /// Far above what any project needs (about 100 bytes a manifest): a
    /// bound, so a damaged length never asks for more memory than that.
    static let maxValidationLength: UInt32 = 64 << 20
    /// Where the checksum sits; it covers bytes [0, checksumOffset) and the
    /// validation section.
    static let checksumOffset = 56

    /// Identifies the binary and its rules (see `IndexKey.build`).
    var buildKey: UInt64
    /// Random, new for every file written: records carry it in their checksum.
    var nonce: UInt64
    /// The file's whole length.
    var totalLength: UInt64
    var validationLength: UInt32
    var slotCount: UInt32
    var commandCount: UInt32
    /// Where the records start: after the header, validation and slots.
    var recordsOffset: UInt32
    var checksum: UInt64 = 0

    func encode(into writer: inout ByteWriter) {
        writer.u64(IndexLayout.magic)
        writer.u32(IndexLayout.formatVersion)
        writer.u32(0)
        writer.u64(buildKey)
        writer.u64(nonce)
        writer.u64(totalLength)
        writer.u32(validationLength)
        writer.u32(slotCount)
        writer.u32(commandCount)
        writer.u32(recordsOffset)
        writer.u64(checksum)
    }

    enum Problem: Error {
        case notAnIndex
        case otherFormat
    }

    /// Reads the fields; checks only what identifies the format. The caller
    /// checks the rest (`checkedExtents`, the checksum).
    static func read(_ bytes: [UInt8]) -> Result<IndexHeader, Problem> {
        bytes.withUnsafeBytes { raw in
            var reader = ByteReader(raw)
            guard raw.count >= size, reader.u64() == IndexLayout.magic else { return .failure(.notAnIndex) }
            guard reader.u32() == IndexLayout.formatVersion, reader.u32() == 0 else { return .failure(.otherFormat) }
            var header = IndexHeader(buildKey: reader.u64()!, nonce: reader.u64()!, totalLength: reader.u64()!,
                                     validationLength: reader.u32()!, slotCount: reader.u32()!, commandCount: reader.u32()!,
                                     recordsOffset: reader.u32()!)
            header.checksum = reader.u64()!
            return .success(header)
        }
    }

    init(buildKey: UInt64, nonce: UInt64, totalLength: UInt64, validationLength: UInt32, slotCount: UInt32,
         commandCount: UInt32, recordsOffset: UInt32) {
        self.buildKey = buildKey
        self.nonce = nonce
        self.totalLength = totalLength
        self.validationLength = validationLength
        self.slotCount = slotCount
        self.commandCount = commandCount
        self.recordsOffset = recordsOffset
    }

    /// The sections' places, if they fit the file exactly and each other:
    /// every conversion checked, so no header can make a reader trap or
    /// allocate more than the file holds.
    func checkedExtents(fileSize: Int) -> (validation: Range<Int>, slots: Range<Int>, records: Range<Int>)? {
        guard let total = Int(exactly: totalLength), total == fileSize, validationLength <= Self.maxValidationLength,
              slotCount > 0, slotCount & (slotCount - 1) == 0,
              UInt64(commandCount) * 2 <= UInt64(slotCount) || (commandCount == 0 && slotCount == 1) else { return nil }
        let validationEnd = Self.size + Int(validationLength)
        let (slotBytes, overflow) = Int(slotCount).multipliedReportingOverflow(by: IndexSlot.size)
        guard !overflow else { return nil }
        let slotsEnd = validationEnd + slotBytes
        guard Int(recordsOffset) == slotsEnd, slotsEnd <= total,
              total - slotsEnd >= Int(commandCount) * IndexRecord.headerSize else { return nil }
        return (Self.size..<validationEnd, validationEnd..<slotsEnd, slotsEnd..<total)
    }
}

/// One slot of the name table: a name's hash and where its record is.
/// An empty slot has length 0.
struct IndexSlot {
    static let size = 16

    var nameHash: UInt32
    var recordOffset: UInt32
    var recordLength: UInt32

    var isEmpty: Bool { recordLength == 0 }

    func encode(into writer: inout ByteWriter) {
        writer.u32(nameHash)
        writer.u32(recordOffset)
        writer.u32(recordLength)
        writer.u32(0)
    }

    init(nameHash: UInt32, recordOffset: UInt32, recordLength: UInt32) {
        self.nameHash = nameHash
        self.recordOffset = recordOffset
        self.recordLength = recordLength
    }

    init?(_ reader: inout ByteReader) {
        guard let hash = reader.u32(), let offset = reader.u32(), let length = reader.u32(), reader.u32() != nil else { return nil }
        self.init(nameHash: hash, recordOffset: offset, recordLength: length)
    }

    /// The hash that places a name in the table.
    static func hash(_ name: UnsafeRawBufferPointer) -> UInt32 {
        UInt32(truncatingIfNeeded: ContentHash.of(name))
    }

    static func hash(_ name: String) -> UInt32 {
        var name = name
        return name.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }
}

/// A command's record: checksum, payload length, payload.
enum IndexRecord {
    static let headerSize = 12

    static func checksum(_ payload: UnsafeRawBufferPointer, nonce: UInt64) -> UInt64 {
        var hash = ContentHash()
        hash.combine(nonce)
        hash.combine(payload)
        return hash.value
    }

    static func encode(_ payload: [UInt8], nonce: UInt64, into writer: inout ByteWriter) {
        writer.u64(payload.withUnsafeBytes { checksum($0, nonce: nonce) })
        writer.u32(UInt32(payload.count))
        writer.bytes.append(contentsOf: payload)
    }

    /// The payload of the record at the start of `bytes`, if its length fits
    /// and its checksum matches.
    static func payload(_ bytes: UnsafeRawBufferPointer, nonce: UInt64) -> (payload: UnsafeRawBufferPointer, length: Int)? {
        var reader = ByteReader(bytes)
        guard let checksum = reader.u64(), let length = reader.u32(), let payload = reader.bytes(Int(length)),
              Self.checksum(payload, nonce: nonce) == checksum else { return nil }
        return (payload, headerSize + Int(length))
    }
}

/// A signature and whether it was too recent to trust alone ("racy"), as
/// the index stores them: `size` bytes, which a refresh writes over in place.
enum IndexSignature {
    static let size = 41

    static func encode(_ signature: FileSystem.Signature, racy: Bool, into writer: inout ByteWriter) {
        writer.u64(signature.device)
        writer.u64(signature.inode)
        writer.i64(signature.size)
        writer.i64(signature.modified)
        writer.i64(signature.changed)
        writer.u8(racy ? 1 : 0)
    }

    static func read(_ reader: inout ByteReader) -> (signature: FileSystem.Signature, racy: Bool)? {
        guard let device = reader.u64(), let inode = reader.u64(), let size = reader.i64(), let modified = reader.i64(),
              let changed = reader.i64(), let racy = reader.u8(), racy <= 1 else { return nil }
        return (FileSystem.Signature(device: device, inode: inode, size: size, modified: modified, changed: changed), racy == 1)
    }
}

/// What the index records of one manifest file: its path, its signature
/// when indexed (`IndexSignature`), and the SHA-256 of its bytes.
struct IndexFileEntry {
    var path: String
    var signature: FileSystem.Signature
    var racy: Bool
    var digest: SHA256.Digest

    /// The fewest bytes an entry takes: an empty path (its length and NUL),
    /// the signature, the digest.
    static let minimumSize = 4 + 1 + IndexSignature.size + 32

    func encode(into writer: inout ByteWriter) {
        writer.cString(path)
        IndexSignature.encode(signature, racy: racy, into: &writer)
        writer.bytes.append(contentsOf: digest.bytes)
    }

    /// Reads an entry in place: the path as a pointer into the buffer, the
    /// offset of its signature (for a refresh), the rest as values.
    static func read(_ reader: inout ByteReader)
        -> (path: UnsafePointer<CChar>, signatureOffset: Int, signature: FileSystem.Signature, racy: Bool, digest: SHA256.Digest)? {
        guard let path = reader.cString() else { return nil }
        let offset = reader.offset
        guard let (signature, racy) = IndexSignature.read(&reader), let raw = reader.bytes(32),
              let digest = SHA256.Digest(raw) else { return nil }
        return (path, offset, signature, racy, digest)
    }
}

/// What the index records of one manifest folder: its path, how many
/// manifests it listed and a digest of their names, whether that listing
/// was settled (`ManifestInputs.Folder.settled`), and the folder's signature
/// before it was listed (`IndexSignature`). A call lists the folder again
/// only when it is not settled, its signature changed, or was racy.
struct IndexFolderEntry {
    var path: String
    var count: Int
    var digest: UInt64
    var settled: Bool
    var signature: FileSystem.Signature
    var racy: Bool

    func encode(into writer: inout ByteWriter) {
        writer.cString(path)
        writer.u32(UInt32(count))
        writer.u64(digest)
        writer.u8(settled ? 1 : 0)
        IndexSignature.encode(signature, racy: racy, into: &writer)
    }

    /// Reads an entry in place, as `IndexFileEntry.read` does.
    static func read(_ reader: inout ByteReader)
        -> (path: UnsafePointer<CChar>, count: Int, digest: UInt64, settled: Bool, signatureOffset: Int,
            signature: FileSystem.Signature, racy: Bool)? {
        guard let path = reader.cString(), let count = reader.u32(), let digest = reader.u64(),
              let settled = reader.u8(), settled <= 1 else { return nil }
        let offset = reader.offset
        guard let (signature, racy) = IndexSignature.read(&reader) else { return nil }
        return (path, Int(count), digest, settled == 1, offset, signature, racy)
    }
}
