import Testing
@_spi(Fuzz) @testable import HyperCommands

/// The seed's `fetch` and friends, as definitions.
private let fetch = CommandDefinition(name: "fetch", help: "Fetch data", args: [
    ArgDefinition(name: "url"),
    ArgDefinition(name: "timeout", type: .int, default: .int(30)),
    ArgDefinition(name: "retries", type: .int, default: .int(3)),
], action: .shell("true"))

private let seed = CommandDefinition(name: "seed", args: [
    ArgDefinition(name: "count", type: .int, default: .int(100)),
    ArgDefinition(name: "verbose", type: .bool),
    ArgDefinition(name: "dry_run", type: .bool),
    ArgDefinition(name: "rate", type: .float, default: .float(1.0)),
    ArgDefinition(name: "offset", type: .int, default: .int(0)),
    ArgDefinition(name: "tag", required: false),
], action: .shell("true"))

private func values(_ words: [String], _ command: CommandDefinition = seed) throws -> [String: ArgValue] {
    try parsedValues(words, command)
}

private func error(_ words: [String], _ command: CommandDefinition = seed) -> String? {
    parseError(words, command)
}

@Suite struct ArgumentParserTests {
    @Test func defaults() throws {
        #expect(try values([]) == ["count": .int(100), "verbose": .bool(false), "dry_run": .bool(false),
                                   "rate": .float(1.0), "offset": .int(0)])
    }

    @Test func spacedAndEqualsForms() throws {
        #expect(try values(["--count", "50"])["count"] == .int(50))
        #expect(try values(["--count=50"])["count"] == .int(50))
        #expect(try values(["--tag="])["tag"] == .str(""))
        #expect(try values(["--tag", ""])["tag"] == .str(""))
        #expect(try values(["--tag=a=b"])["tag"] == .str("a=b"))
    }

    /// Split at the first `=` byte, though `=` and U+0338 make one `Character`.
    @Test func equalsIsSplitAsBytes() throws {
        #expect(try values(["--tag=\u{338}x"])["tag"] == .str("\u{338}x"))
        #expect(try values(["--tag=a=\u{338}"])["tag"] == .str("a=\u{338}"))
        #expect(try values(["--no-verbose", "--verbose=true"])["verbose"] == .bool(true))
    }

    @Test func flags() throws {
        #expect(try values(["--verbose"])["verbose"] == .bool(true))
        #expect(try values(["--verbose=false"])["verbose"] == .bool(false))
        #expect(try values(["--verbose=true"])["verbose"] == .bool(true))
        #expect(try values(["--verbose", "--no-verbose"])["verbose"] == .bool(false))
        #expect(try values(["--dry-run"])["dry_run"] == .bool(true))
        #expect(try values(["--no-dry-run"])["dry_run"] == .bool(false))
        #expect(error(["--verbose=yes"]) == "Error: Invalid value for --verbose: expected bool, got 'yes'")
        #expect(error(["--no-verbose=true"]) == "Error: Unknown argument: --no-verbose=true\nhelp: did you mean `--no-verbose`?")
        #expect(error(["--no-count"]) == "Error: Unknown argument: --no-count\nhelp: did you mean `--count`?")
    }

    @Test func positionalsFillFreeArgsInOrder() throws {
        #expect(try values(["https://example.com"], fetch) == ["url": .str("https://example.com"), "timeout": .int(30), "retries": .int(3)])
        #expect(try values(["https://x", "60", "5"], fetch) == ["url": .str("https://x"), "timeout": .int(60), "retries": .int(5)])
        #expect(try values(["60", "--url", "https://x"], fetch) == ["url": .str("https://x"), "timeout": .int(60), "retries": .int(3)])
        #expect(error(["a", "1", "2", "3"], fetch) == "Error: Too many positional arguments (from '3')")
    }

    @Test func dashValues() throws {
        #expect(try values(["--offset", "-5"])["offset"] == .int(-5))
        #expect(try values(["-5"])["count"] == .int(-5))
        #expect(try values(["--rate", "-0.5"])["rate"] == .float(-0.5))
        #expect(try values(["--tag", "--verbose"]) ["tag"] == .str("--verbose"))
        #expect(try values(["--", "-7"])["count"] == .int(-7))
        #expect(try values(["-"], fetch)["url"] == .str("-"))
    }

    @Test func doubleDashEndsOptions() throws {
        #expect(try values(["--", "--verbose"], fetch)["url"] == .str("--verbose"))
        #expect(try values(["--", "--help"], fetch)["url"] == .str("--help"))
        #expect(error(["--", "x", "--count"], fetch) == "Error: Invalid value for --timeout (from the 2nd positional word): expected int, got '--count'")
    }

    @Test func help() throws {
        #expect(try asksHelp(["--help"], seed))
        #expect(try asksHelp(["--count", "5", "-h"], seed))
        #expect(try asksHelp(["-h", "--count"], seed))
        #expect(error(["--help=yes"]) == "Error: Unknown argument: --help=yes\nhelp: did you mean `--help`?")
    }

    @Test func lastRepeatWins() throws {
        #expect(try values(["--count", "1", "--count=2", "--count", "3"])["count"] == .int(3))
    }

    @Test func theSeedsErrorWording() {
        let greet = CommandDefinition(name: "greet", args: [ArgDefinition(name: "name")], action: .shell("true"))
        #expect(error([], greet) == "Error: Missing required argument: --name")
        #expect(error(["--count", "abc"]) == "Error: Invalid value for --count: expected int, got 'abc'")
        #expect(error(["--cuont", "5"]) == "Error: Unknown argument: --cuont\nhelp: did you mean `--count`?")
        #expect(error(["--count"]) == "Error: Missing value for --count")
        #expect(error(["1", "2", "3", "x", "y"]) == "Error: Too many positional arguments (from 'y')")
        #expect(error(["--zzzzzz"]) == "Error: Unknown argument: --zzzzzz")
        #expect(error(["-v"]) == "Error: Unknown argument: -v")
    }

    @Test func typeRulesOnTheCommandLine() {
        #expect(error(["--count", "9223372036854775808"]) == "Error: Invalid value for --count: expected int, got '9223372036854775808'")
        #expect(error(["--count", " 5"]) == "Error: Invalid value for --count: expected int, got ' 5'")
        #expect(error(["--count", "５"]) == "Error: Invalid value for --count: expected int, got '５'")
        #expect(error(["--count", ""]) == "Error: Invalid value for --count: expected int, got ''")
        #expect(error(["--rate", "nan"]) == "Error: Invalid value for --rate: expected float, got 'nan'")
        #expect(error(["--rate", "1e309"]) == "Error: Invalid value for --rate: expected float, got '1e309'")
        #expect(error(["--rate", "0x1p3"]) == "Error: Invalid value for --rate: expected float, got '0x1p3'")
    }

    /// The parser sets no size limit of its own: what reaches a program is
    /// checked against Linux's limits once the whole plan is known.
    @Test func longValuesParse() throws {
        let value = String(repeating: "x", count: 200_000)
        #expect(try values(["--tag", value])["tag"] == .str(value))
    }

    @Test func optionalWithoutDefaultIsAbsent() throws {
        #expect(try values([])["tag"] == nil)
        #expect(try values(["--tag", "x"])["tag"] == .str("x"))
    }

    @Test func requiredFlagMustBeGiven() throws {
        let command = CommandDefinition(name: "c", args: [ArgDefinition(name: "yes", type: .bool, required: true)], action: .shell("true"))
        #expect(error([], command) == "Error: Missing required argument: --yes")
        #expect(try values(["--no-yes"], command) == ["yes": .bool(false)])
    }
}

/// A value that came by position is blamed as such: which word it was, not
/// only the option it filled (`hyper fetch https://a https://b`).
@Suite struct PositionalSourceTests {
    private let fetchWithFloat = CommandDefinition(name: "fetch", args: [
        ArgDefinition(name: "url"),
        ArgDefinition(name: "timeout", type: .float, default: .float(30)),
    ], action: .shell("true"))

    @Test func aWrongPositionalWordIsNamed() {
        #expect(parseError(["https://a", "https://b"], fetchWithFloat)
            == "Error: Invalid value for --timeout (from the 2nd positional word): expected float, got 'https://b'")
        #expect(parseError(["extra"], seed) == "Error: Invalid value for --count (from the 1st positional word): expected int, got 'extra'")
    }

    /// Words are counted over every positional word of the call, options
    /// between them and words after `--` included.
    @Test func theCountIsOverPositionalWordsOnly() {
        #expect(parseError(["--verbose", "1", "--dry-run", "2", "x"], seed)
            == "Error: Invalid value for --offset (from the 3rd positional word): expected int, got 'x'")
        #expect(parseError(["--", "https://a", "slow"], fetchWithFloat)
            == "Error: Invalid value for --timeout (from the 2nd positional word): expected float, got 'slow'")
    }

    /// By name, the message stays the seed's.
    @Test func byNameTheSeedsWording() {
        #expect(parseError(["--timeout", "slow", "x"], fetchWithFloat) == "Error: Invalid value for --timeout: expected float, got 'slow'")
        #expect(parseError(["--timeout=slow", "x"], fetchWithFloat) == "Error: Invalid value for --timeout: expected float, got 'slow'")
    }

    @Test func ordinals() {
        #expect([1, 2, 3, 4, 10, 11, 12, 13, 14, 21, 22, 23, 101, 111, 112, 1_000_002].map(ordinal)
            == ["1st", "2nd", "3rd", "4th", "10th", "11th", "12th", "13th", "14th", "21st", "22nd", "23rd", "101st", "111th", "112th", "1000002nd"])
    }
}

/// Each word classified once, by its shape alone.
@Suite struct ArgumentTokenizerTests {
    @Test func kinds() {
        #expect(ArgumentTokenizer.tokens(["--count", "--count=5", "--x=", "-vc5", "-5", "-0.5", "-1e3", "-.5", "--", "-", "word", ""]).map(\.kind) == [
            .long(name: "--count", value: nil), .long(name: "--count", value: "5"), .long(name: "--x", value: ""),
            .shorts(letters: "vc5"), .negativeNumber, .negativeNumber, .negativeNumber, .negativeNumber,
            .terminator, .value, .value, .value,
        ])
    }

    @Test func splitsAtTheFirstEqualsByte() {
        #expect(ArgumentTokenizer.kind(of: "--name=\u{338}x") == .long(name: "--name", value: "\u{338}x"))
        #expect(ArgumentTokenizer.kind(of: "--a=b=c") == .long(name: "--a", value: "b=c"))
    }

    @Test func notNumbers() {
        #expect(ArgumentTokenizer.kind(of: "-e5") == .shorts(letters: "e5"))
        #expect(ArgumentTokenizer.kind(of: "-1x") == .shorts(letters: "1x"))
        #expect(ArgumentTokenizer.kind(of: "--5") == .long(name: "--5", value: nil))
        #expect(ArgumentTokenizer.kind(of: "-nan") == .shorts(letters: "nan"))
    }
}
