import Testing
@_spi(Fuzz) @testable import HyperCommands

/// `rest: true`: the pass-through. It begins at `--`, at the first word
/// that is not the command's own, or at a positional word with no arg left;
/// from there on nothing is parsed.
@Suite struct RestArgumentTests {
    /// `hyper test`: a wrapper around a test runner.
    let test = testCommand("test",
        ArgDefinition(name: "verbose", type: .bool, short: "v"),
        ArgDefinition(name: "jobs", type: .int, default: .int(1), short: "j"),
        ArgDefinition(name: "runner_args", rest: true))

    private func rest(_ words: [String], _ command: CommandDefinition? = nil) throws -> ArgValue? {
        try parsedValues(words, command ?? test)["runner_args"]
    }

    private func strs(_ words: String...) -> ArgValue { .list(words.map(ArgValue.str)) }

    @Test func emptyByDefault() throws {
        #expect(try parsedValues([], test) == ["verbose": .bool(false), "jobs": .int(1), "runner_args": .list([])])
        #expect(try rest(["--"]) == .list([]))
    }

    @Test func everyWordAfterTheTerminator() throws {
        #expect(try rest(["--", "-k", "foo", "--help", "--", "-v"]) == strs("-k", "foo", "--help", "--", "-v"))
        #expect(try parsedValues(["-v", "--", "-v"], test)["verbose"] == .bool(true))
    }

    /// `hyper test -k foo -x` passes all three.
    @Test func theFirstUnknownOptionBeginsIt() throws {
        #expect(try rest(["-k", "foo", "-x"]) == strs("-k", "foo", "-x"))
        #expect(try rest(["--lf", "tests/a.py"]) == strs("--lf", "tests/a.py"))
        #expect(try rest(["--no-jobs"]) == strs("--no-jobs"))
        // A known option with a bad value is an error, never the rest.
        #expect(parseError(["--verbose=maybe"], test) == "Error: Invalid value for --verbose: expected bool, got 'maybe'")
        #expect(parseError(["-j", "x", "-k"], test) == "Error: Invalid value for --jobs: expected int, got 'x'")
    }

    /// `hyper test --verbose -k foo` sets the command's own `--verbose`.
    @Test func ownOptionsBeforeItAreParsed() throws {
        let values = try parsedValues(["--verbose", "-j", "4", "-k", "foo"], test)
        #expect(values == ["verbose": .bool(true), "jobs": .int(4), "runner_args": strs("-k", "foo")])
    }

    /// Once it has begun, nothing after is hyper's: `--help` included.
    @Test func nothingAfterItIsParsed() throws {
        #expect(try rest(["-k", "foo", "--help"]) == strs("-k", "foo", "--help"))
        #expect(try rest(["-k", "foo", "-h"]) == strs("-k", "foo", "-h"))
        let values = try parsedValues(["-x", "--verbose", "-j", "9"], test)
        #expect(values == ["verbose": .bool(false), "jobs": .int(1), "runner_args": strs("-x", "--verbose", "-j", "9")])
        #expect(try asksHelp(["--help", "-k"], test))
    }

    /// A bundle with a letter the command does not declare begins it, whole.
    @Test func aBundleWithAnUnknownLetter() throws {
        #expect(try rest(["-vk", "foo"]) == strs("-vk", "foo"))
        #expect(try parsedValues(["-vk"], test)["verbose"] == .bool(false))
        #expect(try parsedValues(["-vj2", "-k"], test) == ["verbose": .bool(true), "jobs": .int(2), "runner_args": strs("-k")])
    }

    /// With no positional arg free, a positional word begins it; a
    /// negative number too.
    @Test func aPositionalWordWithNoArgLeft() throws {
        let pytest = testCommand("pytest", ArgDefinition(name: "verbose", type: .bool, short: "v"), ArgDefinition(name: "args", rest: true))
        #expect(try parsedValues(["-v", "tests/a.py", "-v"], pytest) == ["verbose": .bool(true), "args": strs("tests/a.py", "-v")])
        #expect(try parsedValues(["-5"], pytest)["args"] == strs("-5"))
        // An option with a default takes a position too, as in every command.
        #expect(parseError(["tests/a.py"], test) == "Error: Invalid value for --jobs (from the 1st positional word): expected int, got 'tests/a.py'")
        #expect(try parsedValues(["4", "tests/a.py"], test) == ["verbose": .bool(false), "jobs": .int(4), "runner_args": strs("tests/a.py")])
        let withTarget = testCommand("run",
            ArgDefinition(name: "target"),
            ArgDefinition(name: "dir", default: .str(".")),
            ArgDefinition(name: "verbose", type: .bool),
            ArgDefinition(name: "args", rest: true))
        #expect(try parsedValues(["app", "--verbose", "src", "x", "--verbose"], withTarget)
            == ["target": .str("app"), "dir": .str("src"), "verbose": .bool(true), "args": strs("x", "--verbose")])
        // Given by name, an arg leaves its place to the next.
        #expect(try parsedValues(["--target", "app", "src", "x"], withTarget)
            == ["target": .str("app"), "dir": .str("src"), "verbose": .bool(false), "args": strs("x")])
        #expect(parseError(["--", "app"], withTarget) == "Error: Missing required argument: --target")
    }

    /// A `multiple` arg takes every positional word: only an unknown option or `--` begins the rest.
    @Test func besideAMultipleArg() throws {
        let command = testCommand("c", ArgDefinition(name: "files", multiple: true), ArgDefinition(name: "args", rest: true))
        #expect(try parsedValues(["a", "b", "-x", "c"], command) == ["files": strs("a", "b"), "args": strs("-x", "c")])
        #expect(try parsedValues(["a", "--", "b"], command) == ["files": strs("a"), "args": strs("b")])
    }

    /// The rest arg has no option of its own: `--runner-args` is not the command's.
    @Test func noOptionOfItsOwn() throws {
        #expect(try rest(["--runner-args", "x"]) == strs("--runner-args", "x"))
    }

    /// Words are kept byte for byte, the empty one included.
    @Test func wordsAreKeptExactly() throws {
        #expect(try rest(["-x", "", "a b", "\u{338}", "--=", "-"]) == strs("-x", "", "a b", "\u{338}", "--=", "-"))
    }

    /// Without a rest arg, the same words are errors, as before.
    @Test func withoutARestArg() {
        let plain = testCommand("c", ArgDefinition(name: "verbose", type: .bool, short: "v"), ArgDefinition(name: "x", required: false))
        #expect(parseError(["-k", "foo"], plain) == "Error: Unknown argument: -k")
        #expect(parseError(["-vk"], plain) == "Error: Unknown argument: -vk")
        #expect(parseError(["--", "a", "b"], plain) == "Error: Too many positional arguments (from 'b')")
        #expect(parseError(["--verbos"], plain) == "Error: Unknown argument: --verbos\nhelp: did you mean `--verbose`?")
    }
}
