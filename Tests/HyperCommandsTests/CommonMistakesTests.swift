import Testing
@testable import HyperCommands

/// The recognisers behind the help of common YAML mistakes, on the lines
/// they see; the golden fixtures show each help in full.
@Suite struct CommonMistakesTests {
    @Test func aCommaCutsATextInPieces() {
        let line = "      app: {type: str, help: Only these (e.g. accounts, billing, payments), default: x}"
        let first = CommonMistakes.commaSplit(line: line, keyColumn: 57)
        #expect(first?.key == "help")
        #expect(first?.text == "Only these (e.g. accounts, billing, payments)")
        #expect(first?.isFirstPiece == true)
        // `payments)`, the second piece: the same mistake, reported once.
        #expect(CommonMistakes.commaSplit(line: line, keyColumn: 66)?.isFirstPiece == false)
        #expect(CommonMistakes.commaSplit(line: "{type: str, default: a, b}", keyColumn: 25)?.text == "a, b")
    }

    @Test func aCommaAfterAnythingButAPlainTextIsNoCut() {
        // After `type: str`: a key without a value, not a cut text.
        #expect(CommonMistakes.commaSplit(line: "{type: str, hlep, x: 1}", keyColumn: 13) == nil)
        // After a quoted text: the text ended at its quote.
        #expect(CommonMistakes.commaSplit(line: "{help: \"a\", b}", keyColumn: 13) == nil)
        // Not after a comma.
        #expect(CommonMistakes.commaSplit(line: "{help: a b}", keyColumn: 10) == nil)
    }

    @Test func quotingKeepsTheTextExact() {
        #expect(CommonMistakes.quoted("lint: x") == "\"lint: x\"")
        #expect(CommonMistakes.quoted("echo \"lint: x\"") == "'echo \"lint: x\"'")
        #expect(CommonMistakes.quoted("it's \\n") == "'it''s \\n'")
    }

    @Test func argsAsAListGetsAnExample() {
        #expect(CommonMistakes.argsListHelp(name: "app", type: "int")
            == "`args` maps each arg's name to its spec; write it as a mapping:\n  args:\n    app: {type: int}")
        // A name or type hyper would refuse is not copied into the example.
        #expect(CommonMistakes.argsListHelp(name: "App", type: nil).hasSuffix("\n    count: {type: int, default: 1}"))
        #expect(CommonMistakes.argsListHelp(name: "app", type: "text").hasSuffix("\n    app: {type: str}"))
    }
}
