import Testing
@_spi(Fuzz) @testable import HyperCommands

/// `choices`, `min`/`max` and `path`: what a value may be, wherever it came from.
@Suite struct ChoiceTests {
    let check = testCommand("check",
        ArgDefinition(name: "mode", default: .str("fast"), choices: [.init(.str("fast")), .init(.str("full"))]),
        ArgDefinition(name: "level", type: .int, required: false, choices: [.init(.int(1)), .init(.int(2)), .init(.int(3))]),
        ArgDefinition(name: "only", required: false, choices: [.init(.str("unit")), .init(.str("integration"))], multiple: true))

    @Test func theOnlyValuesAccepted() throws {
        #expect(try parsedValues(["--mode", "full"], check)["mode"] == .str("full"))
        #expect(try parsedValues(["--level=2"], check)["level"] == .int(2))
        // Of the arg's type: `+2` is the int 2.
        #expect(try parsedValues(["--level=+2"], check)["level"] == .int(2))
    }

    @Test func aWrongValueWithTheClosestChoice() {
        #expect(parseError(["--mode", "fats"], check) == "Error: Invalid value for --mode: expected one of fast, full, got 'fats'\nhelp: did you mean `fast`?")
        #expect(parseError(["--mode", "FULL"], check) == "Error: Invalid value for --mode: expected one of fast, full, got 'FULL'\nhelp: did you mean `full`?")
        #expect(parseError(["--mode", "everything"], check) == "Error: Invalid value for --mode: expected one of fast, full, got 'everything'")
        // Edit distance says nothing of numbers: no guess.
        #expect(parseError(["--level", "4"], check) == "Error: Invalid value for --level: expected one of 1, 2, 3, got '4'")
        // The type comes first.
        #expect(parseError(["--level", "two"], check) == "Error: Invalid value for --level: expected int, got 'two'")
    }

    @Test func everyValueOfAList() throws {
        #expect(try parsedValues(["--only", "unit", "--only", "integration"], check)["only"] == .list([.str("unit"), .str("integration")]))
        #expect(parseError(["--only", "unit", "--only", "e2e"], check) == "Error: Invalid value for --only: expected one of unit, integration, got 'e2e'")
    }

    @Test func byPositionAndFromAVariable() {
        #expect(parseError(["fats"], check) == "Error: Invalid value for --mode (from the 1st positional word): expected one of fast, full, got 'fats'\nhelp: did you mean `fast`?")
        let fromEnvironment = testCommand("c", ArgDefinition(name: "mode", default: .str("fast"), choices: [.init(.str("fast")), .init(.str("full"))], env: "MODE"))
        #expect(parseError([], fromEnvironment, parseContext(["MODE": "ful"]))
            == "Error: Invalid value for --mode (from $MODE): expected one of fast, full, got 'ful'\nhelp: did you mean `full`?")
    }

    @Test func floatChoicesCompareAsNumbers() throws {
        let scale = testCommand("c", ArgDefinition(name: "scale", type: .float, default: .float(1), choices: [.init(.float(0.5)), .init(.float(1))]))
        #expect(try parsedValues(["--scale", "5e-1"], scale)["scale"] == .float(0.5))
        #expect(parseError(["--scale", "2"], scale) == "Error: Invalid value for --scale: expected one of 0.5, 1.0, got '2'")
    }
}

@Suite struct BoundsTests {
    let serve = testCommand("serve",
        ArgDefinition(name: "port", type: .int, default: .int(8000), env: "PORT", minimum: .int(1), maximum: .int(65535)),
        ArgDefinition(name: "ratio", type: .float, default: .float(0.5), minimum: .float(0), maximum: .float(1)),
        ArgDefinition(name: "retry", type: .int, required: false, multiple: true, minimum: .int(0)))

    @Test func inclusive() throws {
        #expect(try parsedValues(["--port", "1"], serve)["port"] == .int(1))
        #expect(try parsedValues(["--port", "65535"], serve)["port"] == .int(65535))
        #expect(try parsedValues(["--ratio", "0", ], serve)["ratio"] == .float(0))
        #expect(try parsedValues(["--ratio", "1.0"], serve)["ratio"] == .float(1))
    }

    @Test func overAndUnder() {
        #expect(parseError(["--port", "70000"], serve) == "Error: Invalid value for --port: 70000 is over the maximum of 65535")
        #expect(parseError(["--port", "0"], serve) == "Error: Invalid value for --port: 0 is under the minimum of 1")
        #expect(parseError(["--port", "-5"], serve) == "Error: Invalid value for --port: -5 is under the minimum of 1")
        #expect(parseError(["--ratio", "1.5"], serve) == "Error: Invalid value for --ratio: 1.5 is over the maximum of 1.0")
        #expect(parseError(["--ratio", "-1e-9"], serve) == "Error: Invalid value for --ratio: -1e-9 is under the minimum of 0.0")
    }

    /// The value is shown as given; the bound as hyper writes it.
    @Test func theValueAsGiven() {
        #expect(parseError(["--port", "+070000"], serve) == "Error: Invalid value for --port: +070000 is over the maximum of 65535")
    }

    @Test func everyValueOfAListAndEverySource() {
        #expect(parseError(["--retry", "1", "--retry", "-1"], serve) == "Error: Invalid value for --retry: -1 is under the minimum of 0")
        #expect(parseError(["70000"], serve) == "Error: Invalid value for --port (from the 1st positional word): 70000 is over the maximum of 65535")
        #expect(parseError([], serve, parseContext(["PORT": "70000"])) == "Error: Invalid value for --port (from $PORT): 70000 is over the maximum of 65535")
    }

    @Test func anIntBoundOnAFloat() {
        let command = testCommand("c", ArgDefinition(name: "x", type: .float, maximum: .int(2)))
        #expect(parseError(["2.5"], command) == "Error: Invalid value for --x (from the 1st positional word): 2.5 is over the maximum of 2")
    }
}

/// A `path` reaches programs absolute, `.` and `..` folded as text.
@Suite struct PathArgumentTests {
    let build = testCommand("build", root: "/home/u/proj",
        ArgDefinition(name: "out", type: .path, default: .path("build/../dist"), env: "OUT_DIR"),
        ArgDefinition(name: "include", type: .path, required: false, multiple: true),
        ArgDefinition(name: "config", type: .path, required: false))

    @Test func fromTheCommandLineAgainstTheInvocationFolder() throws {
        let values = try parsedValues(["--out", "../x/./y", "--include", "a", "--include", "/abs//b/", "--config", "."], build,
                                      parseContext(in: "/home/u/proj/sub"))
        #expect(values["out"] == .path("/home/u/proj/x/y"))
        #expect(values["include"] == .list([.path("/home/u/proj/sub/a"), .path("/abs/b")]))
        #expect(values["config"] == .path("/home/u/proj/sub"))
        #expect(try parsedValues(["../../../../.."], build)["out"] == .path("/"))
    }

    @Test func aDefaultAgainstTheCommandsRoot() throws {
        #expect(try parsedValues([], build, parseContext(in: "/home/u/proj/sub/deeper"))["out"] == .path("/home/u/proj/dist"))
        // A command defined in code has no root: the invocation folder.
        let code = testCommand("c", ArgDefinition(name: "out", type: .path, default: .path("dist")))
        #expect(try parsedValues([], code, parseContext(in: "/w"))["out"] == .path("/w/dist"))
    }

    @Test func fromAVariableAgainstTheInvocationFolder() throws {
        #expect(try parsedValues([], build, parseContext(["OUT_DIR": "o"], in: "/tmp/here"))["out"] == .path("/tmp/here/o"))
    }

    /// Symlinks are kept: the text is folded, never resolved on disk.
    @Test func symlinksAreKept() throws {
        #expect(try parsedValues(["--config", "link/../x"], build, parseContext(in: "/r"))["config"] == .path("/r/x"))
        #expect(try parsedValues(["--config", "link/x"], build, parseContext(in: "/r"))["config"] == .path("/r/link/x"))
    }

    /// An empty path would quietly be the invocation folder.
    @Test func anEmptyPathIsRefused() {
        #expect(parseError(["--config", ""], build) == "Error: Invalid value for --config: expected path, got ''")
        #expect(parseError(["--config="], build) == "Error: Invalid value for --config: expected path, got ''")
    }
}
