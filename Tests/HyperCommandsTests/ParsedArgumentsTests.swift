import Testing
@testable import HyperCommands

/// Typed list access: an absent list is `[]`, never nil.
@Suite struct ParsedListTests {
    let parsed = ParsedArguments(command: "c", values: [
        "tags": .list([.str("b"), .str("a")]),
        "ns": .list([.int(3), .int(-1)]),
        "xs": .list([.float(0.5)]),
        "bs": .list([.bool(true), .bool(false)]),
        "files": .list([.path("/a"), .path("/b")]),
        "out": .path("/o"),
        "name": .str("n"),
        "none": .list([]),
    ])

    @Test func eachType() {
        #expect(parsed.strings("tags") == ["b", "a"])
        #expect(parsed.ints("ns") == [3, -1])
        #expect(parsed.floats("xs") == [0.5])
        #expect(parsed.bools("bs") == [true, false])
        #expect(parsed.paths("files") == ["/a", "/b"])
        #expect(parsed.path("out") == "/o")
    }

    @Test func absentOrEmptyIsEmpty() {
        #expect(parsed.strings("missing") == [])
        #expect(parsed.ints("none") == [])
        #expect(parsed.paths("missing") == [])
        #expect(parsed.path("missing") == nil)
    }

    /// A single value reads as a list of one; another type as none.
    @Test func aSingleValueAndOtherTypes() {
        #expect(parsed.strings("name") == ["n"])
        #expect(parsed.paths("out") == ["/o"])
        #expect(parsed.ints("tags") == [])
        #expect(parsed.string("out") == nil)
        #expect(parsed.path("name") == nil)
    }
}
