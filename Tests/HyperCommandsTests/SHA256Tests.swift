import Testing
@_spi(Fuzz) @testable import HyperCommands

/// hyper's SHA-256 against the FIPS 180-4 examples and NIST's byte-oriented
/// test vectors: every padding case (55, 56, 63, 64 bytes), input fed in
/// pieces, and the one-million-`a` message.
@Suite struct SHA256Tests {
    static func hex(_ text: String) -> String { SHA256.hash(Array(text.utf8)).hex }

    @Test func fipsExamples() {
        #expect(Self.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(Self.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func nistShortMessages() {
        // SHA256ShortMsg.rsp: Len = 8, Msg = d3; Len = 16, Msg = 11af.
        #expect(SHA256.hash([0xd3]).hex == "28969cdfa74a12c82f3bad960b0b000aca2ac329deea5c2328ebc6f2ba9802c1")
        #expect(SHA256.hash([0x11, 0xaf]).hex == "5ca7133fa735326081558ac312c620eeca9970d1e70a4b95533d956f072d1f98")
    }

    @Test func everyPaddingBoundary() {
        // Lengths around the 56-byte padding boundary and the block size.
        let expected: [Int: String] = [
            55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
            56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            63: "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
            64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
            65: "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0",
        ]
        for (count, digest) in expected {
            #expect(Self.hex(String(repeating: "a", count: count)) == digest, "\(count) bytes")
        }
    }

    @Test func oneMillionA() {
        #expect(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000)).hex
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func piecesGiveTheSameDigest() {
        let bytes = (0..<768).map { UInt8($0 % 256) }
        for split in [0, 1, 63, 64, 65, 127, 500, 768] {
            var hasher = SHA256()
            hasher.update(Array(bytes[..<split]))
            hasher.update(Array(bytes[split...]))
            #expect(hasher.finish().hex == "f3a25aa93aa2fbba28d79260535bbd6a5eb0fc1c24a8b0f04e12b484c1dfe363", "split at \(split)")
        }
    }

    @Test func digestBytesRoundTrip() {
        let digest = SHA256.hash(Array("abc".utf8))
        let again = digest.bytes.withUnsafeBytes { SHA256.Digest($0) }
        #expect(again == digest)
        #expect(digest.bytes.count == 32)
    }
}
