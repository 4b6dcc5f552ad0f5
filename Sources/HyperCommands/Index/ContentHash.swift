/// A fast 64-bit hash for telling whether bytes changed (not a cryptographic
/// one): eight bytes a step, finished with MurmurHash3's 64-bit mix.
struct ContentHash {
    private(set) var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var length: UInt64 = 0

    mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        let count = bytes.count
        while index + 8 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            absorb(UInt64(littleEndian: word))
            index += 8
        }
        if index < count {
            var tail: UInt64 = 0
            for offset in 0..<(count - index) { tail |= UInt64(bytes[index + offset]) << (8 * UInt64(offset)) }
            absorb(tail ^ 0xFF)
        }
        length &+= UInt64(count)
    }

    mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
        combine(UInt64(text.utf8.count))
    }

    mutating func combine(_ value: UInt64) {
        absorb(value)
        length &+= 8
    }

    private mutating func absorb(_ word: UInt64) {
        var mixed = word &* 0x87C3_7B91_1142_53D5
        mixed = (mixed << 31) | (mixed >> 33)
        mixed &*= 0x4CF5_AD43_2745_937F
        state ^= mixed
        state = ((state << 27) | (state >> 37)) &* 5 &+ 0x52DC_E729
    }

    var value: UInt64 {
        var h = state ^ length
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = ContentHash()
        hash.combine(bytes)
        return hash.value
    }

    static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { of($0) }
    }
}
