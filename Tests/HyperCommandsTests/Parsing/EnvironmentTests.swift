import Testing
@_spi(Fuzz) @testable import HyperCommands

/// `env: NAME`: the option's value when the command line does not give it.
/// The parser reads variables only through its context.
@Suite struct EnvironmentTests {
    let serve = testCommand("serve",
        ArgDefinition(name: "port", type: .int, default: .int(8000), env: "PORT"),
        ArgDefinition(name: "token", env: "API_TOKEN"),
        ArgDefinition(name: "debug", type: .bool, env: "DEBUG"),
        ArgDefinition(name: "tag", required: false, env: "TAG", multiple: true))

    @Test func precedenceCommandLineThenVariableThenDefault() throws {
        let environment = ["PORT": "9000", "API_TOKEN": "t"]
        #expect(try parsedValues(["--port", "1"], serve, parseContext(environment))["port"] == .int(1))
        #expect(try parsedValues(["--token", "x", "2"], serve, parseContext(environment))["port"] == .int(2))
        #expect(try parsedValues([], serve, parseContext(environment))["port"] == .int(9000))
        #expect(try parsedValues([], serve, parseContext(["API_TOKEN": "t"]))["port"] == .int(8000))
    }

    @Test func aRequiredArgIsSatisfiedByItsVariable() throws {
        #expect(try parsedValues([], serve, parseContext(["API_TOKEN": "secret"]))["token"] == .str("secret"))
        #expect(parseError([], serve) == "Error: Missing required argument: --token")
    }

    /// Set but empty counts as unset, as in most tools: `PORT= hyper serve`
    /// runs on the default port, and an empty token is still missing.
    @Test func anEmptyVariableCountsAsUnset() throws {
        #expect(try parsedValues([], serve, parseContext(["PORT": "", "API_TOKEN": "t"]))["port"] == .int(8000))
        #expect(parseError([], serve, parseContext(["API_TOKEN": ""])) == "Error: Missing required argument: --token")
    }

    @Test func aBadValueNamesTheVariable() {
        #expect(parseError([], serve, parseContext(["PORT": "abc", "API_TOKEN": "t"]))
            == "Error: Invalid value for --port (from $PORT): expected int, got 'abc'")
        #expect(parseError([], serve, parseContext(["DEBUG": "1", "API_TOKEN": "t"]))
            == "Error: Invalid value for --debug (from $DEBUG): expected bool, got '1'")
    }

    /// Only a variable that is used is read: a bad one is no error when the
    /// command line gives the value.
    @Test func anUnusedVariableIsNotChecked() throws {
        #expect(try parsedValues(["--port", "1"], serve, parseContext(["PORT": "abc", "API_TOKEN": "t"]))["port"] == .int(1))
    }

    @Test func aFlagByTheSameRules() throws {
        #expect(try parsedValues([], serve, parseContext(["DEBUG": "true", "API_TOKEN": "t"]))["debug"] == .bool(true))
        #expect(try parsedValues(["--no-debug"], serve, parseContext(["DEBUG": "true", "API_TOKEN": "t"]))["debug"] == .bool(false))
    }

    /// A variable gives a list one value, the whole variable: it is never split.
    @Test func aListGetsOneValue() throws {
        #expect(try parsedValues([], serve, parseContext(["TAG": "a b,c", "API_TOKEN": "t"]))["tag"] == .list([.str("a b,c")]))
        #expect(try parsedValues(["--tag", "x"], serve, parseContext(["TAG": "a", "API_TOKEN": "t"]))["tag"] == .list([.str("x")]))
    }

    /// The words given by position count as the command line.
    @Test func aPositionalWordBeatsTheVariable() throws {
        #expect(try parsedValues(["--token", "t", "7"], serve, parseContext(["PORT": "9000"]))["port"] == .int(7))
    }
}

/// `multiple: true`: given many times, kept in order, a `.list`.
@Suite struct MultipleValueTests {
    let tagged = testCommand("c",
        ArgDefinition(name: "tag", multiple: true),
        ArgDefinition(name: "level", type: .int, default: .list([.int(1)]), multiple: true),
        ArgDefinition(name: "verbose", type: .bool))

    @Test func valuesInOrder() throws {
        let values = try parsedValues(["--tag", "b", "--verbose", "--tag=a", "--tag", "b", "--level", "3", "--level=-2"], tagged)
        #expect(values == ["tag": .list([.str("b"), .str("a"), .str("b")]), "level": .list([.int(3), .int(-2)]), "verbose": .bool(true)])
    }

    @Test func withoutADefaultOneValueIsRequired() throws {
        #expect(parseError([], tagged) == "Error: Missing required argument: --tag")
        #expect(try parsedValues(["--tag", "x"], tagged)["level"] == .list([.int(1)]))
    }

    @Test func byPositionItTakesEveryWordLeft() throws {
        #expect(try parsedValues(["a", "b", "--verbose", "c"], tagged)["tag"] == .list([.str("a"), .str("b"), .str("c")]))
        // Given by name, it leaves the positional words to the next arg.
        #expect(try parsedValues(["--tag", "a", "5", "6"], tagged)["level"] == .list([.int(5), .int(6)]))
        #expect(parseError(["--tag", "a", "5", "x"], tagged) == "Error: Invalid value for --level (from the 2nd positional word): expected int, got 'x'")
    }

    /// Single args before it are filled first; args after it get no position.
    @Test func afterSingleArgs() throws {
        let copy = testCommand("cp", ArgDefinition(name: "dest"), ArgDefinition(name: "sources", multiple: true), ArgDefinition(name: "mode", default: .str("a")))
        #expect(try parsedValues(["d", "a", "b"], copy) == ["dest": .str("d"), "sources": .list([.str("a"), .str("b")]), "mode": .str("a")])
        #expect(parseError(["d"], copy) == "Error: Missing required argument: --sources")
    }

    @Test func anOptionalListWithoutDefaultIsAbsentAndReadsAsEmpty() throws {
        let command = testCommand("c", ArgDefinition(name: "tag", required: false, multiple: true))
        #expect(try parsedValues([], command) == [:])
        let parsed = ParsedArguments(command: "c", values: try parsedValues([], command))
        #expect(parsed.strings("tag") == [])
    }

    @Test func aListOfBoolsTakesValues() throws {
        let command = testCommand("c", ArgDefinition(name: "on", type: .bool, multiple: true))
        #expect(try parsedValues(["--on", "true", "--on=false"], command)["on"] == .list([.bool(true), .bool(false)]))
        #expect(parseError(["--on"], command) == "Error: Missing value for --on")
    }
}

/// `deprecated` args work and warn; `hidden` args work and are not shown.
@Suite struct DeprecatedAndHiddenTests {
    let build = testCommand("build",
        ArgDefinition(name: "out", default: .str("dist")),
        ArgDefinition(name: "old", default: .str(""), env: "OLD_OUT", deprecated: "use --out"),
        ArgDefinition(name: "legacy", type: .bool, short: "l", deprecated: ""),
        ArgDefinition(name: "secret", default: .str("s"), hidden: true))

    @Test func aDeprecatedOptionWorksAndWarns() throws {
        guard case .values(let parsed, let warnings) = try CommandLineParser.parse(["--old", "x", "--old=y"], for: build, context: parseContext()) else {
            Issue.record("help")
            return
        }
        #expect(parsed["old"] == .str("y"))
        #expect(warnings == ["warning: --old is deprecated: use --out"])
    }

    @Test func warningsInOrderOfFirstUse() throws {
        #expect(try parseWarnings(["-l", "--old", "x"], build) == ["warning: --legacy is deprecated", "warning: --old is deprecated: use --out"])
        #expect(try parseWarnings(["--no-legacy"], build) == ["warning: --legacy is deprecated"])
        #expect(try parseWarnings([], build) == [])
        #expect(try parseWarnings(["--out", "x"], build) == [])
    }

    @Test func fromItsVariable() throws {
        #expect(try parseWarnings([], build, parseContext(["OLD_OUT": "o"])) == ["warning: --old (from $OLD_OUT) is deprecated: use --out"])
        #expect(try parseWarnings(["--old", "x"], build, parseContext(["OLD_OUT": "o"])) == ["warning: --old is deprecated: use --out"])
    }

    @Test func aHiddenOptionWorks() throws {
        #expect(try parsedValues(["--secret", "x"], build)["secret"] == .str("x"))
    }

    /// Hidden and deprecated args are given by name only: a positional
    /// word never fills what help does not list as a positional.
    @Test func neitherTakesAPosition() {
        #expect(parseError(["a", "b"], build) == "Error: Too many positional arguments (from 'b')")
    }

    @Test func neitherIsSuggested() {
        #expect(parseError(["--secrets"], build) == "Error: Unknown argument: --secrets")
        #expect(parseError(["--olde"], build) == "Error: Unknown argument: --olde")
        #expect(parseError(["--outt"], build) == "Error: Unknown argument: --outt\nhelp: did you mean `--out`?")
    }
}
