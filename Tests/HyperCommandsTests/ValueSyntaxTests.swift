import Testing
@_spi(Fuzz) @testable import HyperCommands

@Suite struct ValueSyntaxTests {
    @Test(arguments: [
        ("0", 0), ("42", 42), ("-5", -5), ("+7", 7), ("010", 10),
        ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
    ])
    func intsParse(text: String, value: Int) {
        #expect(ValueSyntax.parseInt(text) == value)
    }

    @Test(arguments: ["", " 5", "5 ", "5x", "1e3", "0x1F", "1_000", "9223372036854775808", "-9223372036854775809",
                      "１２", "+", "-", "--5", "5.0", "12:30:00"])
    func intsRefuse(text: String) {
        #expect(ValueSyntax.parseInt(text) == nil)
    }

    @Test(arguments: [("1", 1.0), ("-0.5", -0.5), (".5", 0.5), ("5.", 5.0), ("1e3", 1000.0), ("1E-3", 0.001), ("+2.5e+2", 250.0), ("1.10", 1.1)])
    func floatsParse(text: String, value: Double) {
        #expect(ValueSyntax.parseFloat(text) == value)
    }

    @Test(arguments: ["nan", "inf", "-inf", "infinity", ".inf", "1e309", "0x1p3", "", ".", "e3", "1e", "1_0.0", " 1.0", "１.０"])
    func floatsRefuse(text: String) {
        #expect(ValueSyntax.parseFloat(text) == nil)
    }

    @Test func boolsAreTrueOrFalseOnly() {
        #expect(ValueSyntax.parseBool("true") == true)
        #expect(ValueSyntax.parseBool("false") == false)
        for text in ["True", "FALSE", "yes", "no", "on", "off", "1", "0", ""] {
            #expect(ValueSyntax.parseBool(text) == nil)
        }
    }

    @Test func normalisedText() {
        #expect(ArgValue.int(-0).text == "0")
        #expect(ArgValue.float(0.1).text == "0.1")
        #expect(ArgValue.float(1000).text == "1000.0")
        #expect(ArgValue.float(1e20).text == "1e+20")
        #expect(ArgValue.bool(true).text == "true")
        #expect(ArgValue.str("a\nb").json == "\"a\\nb\"")
    }

    @Test func leadingZeros() {
        #expect(ValueSyntax.hasAmbiguousLeadingZero("010"))
        #expect(ValueSyntax.hasAmbiguousLeadingZero("-07"))
        #expect(ValueSyntax.hasAmbiguousLeadingZero("00.5"))
        #expect(!ValueSyntax.hasAmbiguousLeadingZero("0"))
        #expect(!ValueSyntax.hasAmbiguousLeadingZero("0.5"))
        #expect(!ValueSyntax.hasAmbiguousLeadingZero("-0"))
    }
}
