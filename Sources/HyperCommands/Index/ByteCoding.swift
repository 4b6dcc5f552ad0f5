#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Little-endian binary writing for the index.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }

    mutating func string(_ value: String) {
        u32(UInt32(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    /// A NUL-terminated string, which readers pass to libc in place.
    mutating func cString(_ value: String) {
        u32(UInt32(value.utf8.count + 1))
        bytes.append(contentsOf: value.utf8)
        bytes.append(0)
    }

    /// Overwrites 4 bytes at `offset` (for offsets known only later).
    mutating func patch32(_ value: UInt32, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for index in 0..<4 { bytes[offset + index] = raw[index] }
        }
    }

    mutating func patch64(_ value: UInt64, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for index in 0..<8 { bytes[offset + index] = raw[index] }
        }
    }
}

/// Bounds-checked little-endian reading: every read past the end gives nil,
/// so a truncated or corrupt index can never be read out of bounds.
struct ByteReader {
    let buffer: UnsafeRawBufferPointer
    var offset: Int

    init(_ buffer: UnsafeRawBufferPointer, at offset: Int = 0) {
        self.buffer = buffer
        self.offset = offset
    }

    mutating func u8() -> UInt8? {
        guard offset >= 0, offset + 1 <= buffer.count else { return nil }
        defer { offset += 1 }
        return buffer[offset]
    }

    mutating func u32() -> UInt32? {
        guard offset >= 0, offset + 4 <= buffer.count else { return nil }
        defer { offset += 4 }
        return UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func u64() -> UInt64? {
        guard offset >= 0, offset + 8 <= buffer.count else { return nil }
        defer { offset += 8 }
        return UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func i64() -> Int64? { u64().map { Int64(bitPattern: $0) } }

    mutating func bytes(_ count: Int) -> UnsafeRawBufferPointer? {
        guard count >= 0, offset >= 0, offset + count <= buffer.count else { return nil }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + count)])
    }

    /// A string. Records are read only after their checksum matched, so the
    /// bytes are the valid UTF-8 hyper wrote; decoding cannot repair anything.
    mutating func string() -> String? {
        guard let length = u32(), let raw = bytes(Int(length)) else { return nil }
        return String(decoding: raw.bindMemory(to: UInt8.self), as: UTF8.self)
    }

    /// A NUL-terminated string, as a pointer into the buffer: no copy. Nil if
    /// the recorded length does not end at a NUL or holds another one.
    mutating func cString() -> UnsafePointer<CChar>? {
        guard let length = u32(), length >= 1, let raw = bytes(Int(length)),
              raw[raw.count - 1] == 0, memchr(raw.baseAddress!, 0, raw.count - 1) == nil else { return nil }
        return raw.baseAddress!.assumingMemoryBound(to: CChar.self)
    }
}
