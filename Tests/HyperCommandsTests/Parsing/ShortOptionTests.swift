import Testing
@_spi(Fuzz) @testable import HyperCommands

/// `short: c`: `-c 5`, `-c5`, bundles of flags, and a bundle that ends with
/// one short that takes a value.
@Suite struct ShortOptionTests {
    let tool = testCommand("tool",
        ArgDefinition(name: "verbose", type: .bool, short: "v"),
        ArgDefinition(name: "quiet", type: .bool, short: "q"),
        ArgDefinition(name: "count", type: .int, default: .int(1), short: "c"),
        ArgDefinition(name: "name", default: .str("n"), short: "n"),
        ArgDefinition(name: "long_only", type: .bool))

    @Test func aValueSpacedOrAttached() throws {
        #expect(try parsedValues(["-c", "5"], tool)["count"] == .int(5))
        #expect(try parsedValues(["-c5"], tool)["count"] == .int(5))
        #expect(try parsedValues(["-c=5"], tool)["count"] == .int(5))
        #expect(try parsedValues(["-n="], tool)["name"] == .str(""))
        #expect(try parsedValues(["-n", ""], tool)["name"] == .str(""))
        #expect(try parsedValues(["-nx=y"], tool)["name"] == .str("x=y"))
        #expect(try parsedValues(["-n\u{338}x"], tool)["name"] == .str("\u{338}x"))
    }

    /// The word after a short that takes a value is its value, whatever it looks like.
    @Test func theNextWordIsTheValue() throws {
        #expect(try parsedValues(["-c", "-5"], tool)["count"] == .int(-5))
        #expect(try parsedValues(["-c-5"], tool)["count"] == .int(-5))
        #expect(try parsedValues(["-n", "--verbose"], tool) == ["count": .int(1), "name": .str("--verbose"), "verbose": .bool(false),
                                                                 "quiet": .bool(false), "long_only": .bool(false)])
        #expect(try parsedValues(["-n", "-h"], tool)["name"] == .str("-h"))
    }

    @Test func flagsBundle() throws {
        let values = try parsedValues(["-vq"], tool)
        #expect(values["verbose"] == .bool(true))
        #expect(values["quiet"] == .bool(true))
        #expect(try parsedValues(["-v"], tool)["quiet"] == .bool(false))
    }

    @Test func aBundleMayEndWithAValue() throws {
        #expect(try parsedValues(["-vc", "5"], tool)["count"] == .int(5))
        let attached = try parsedValues(["-vqc5"], tool)
        #expect(attached["count"] == .int(5))
        #expect(attached["verbose"] == .bool(true))
        #expect(attached["quiet"] == .bool(true))
        // After the short that takes a value, the rest of the word is its value.
        #expect(try parsedValues(["-nvq"], tool)["name"] == .str("vq"))
        #expect(try parsedValues(["-nvq"], tool)["verbose"] == .bool(false))
    }

    @Test func errorsNameTheLongOption() {
        #expect(parseError(["-c"], tool) == "Error: Missing value for --count")
        #expect(parseError(["-vc"], tool) == "Error: Missing value for --count")
        #expect(parseError(["-cx"], tool) == "Error: Invalid value for --count: expected int, got 'x'")
        #expect(parseError(["-c", "x"], tool) == "Error: Invalid value for --count: expected int, got 'x'")
    }

    @Test func unknownShorts() {
        #expect(parseError(["-x"], tool) == "Error: Unknown argument: -x")
        #expect(parseError(["-vx"], tool) == "Error: Unknown argument: -vx")
        #expect(parseError(["-v=true"], tool) == "Error: Unknown argument: -v=true")
        // `l` is not a short: `long_only` has none.
        #expect(parseError(["-l"], tool) == "Error: Unknown argument: -l")
        #expect(parseError(["-é"], tool) == "Error: Unknown argument: -é")
        // A long option written with one dash.
        #expect(parseError(["-verbose"], tool) == "Error: Unknown argument: -verbose\nhelp: did you mean `--verbose`?")
    }

    /// `-5` stays a negative number: a value, never a short.
    @Test func negativeNumbersAreValues() throws {
        #expect(try parsedValues(["-5"], tool)["count"] == .int(-5))
        #expect(try parsedValues(["-0.5"], testCommand("c", ArgDefinition(name: "rate", type: .float)))["rate"] == .float(-0.5))
    }

    /// `-h` is help wherever a short could be, bundles included, and never a user's short.
    @Test func dashHIsAlwaysHelp() throws {
        #expect(try asksHelp(["-h"], tool))
        #expect(try asksHelp(["-vh"], tool))
        #expect(try asksHelp(["-hv"], tool))
        #expect(try asksHelp(["-hc", "5"], tool))
        let claimsH = testCommand("c", ArgDefinition(name: "host", default: .str("x"), short: "h"))
        #expect(try asksHelp(["-h", "y"], claimsH))
        // After a short that takes a value, `h` is part of the value.
        #expect(try parsedValues(["-ch"], testCommand("c", ArgDefinition(name: "count", short: "c")))["count"] == .str("h"))
    }

    @Test func lastRepeatWinsWhateverTheForm() throws {
        #expect(try parsedValues(["-c1", "--count=2", "-c", "3"], tool)["count"] == .int(3))
        #expect(try parsedValues(["--count", "2", "-c1"], tool)["count"] == .int(1))
        #expect(try parsedValues(["-v", "--no-verbose"], tool)["verbose"] == .bool(false))
        #expect(try parsedValues(["--no-verbose", "-v"], tool)["verbose"] == .bool(true))
    }

    @Test func aShortOfAMultipleArgRepeats() throws {
        let tags = testCommand("c", ArgDefinition(name: "tag", short: "t", multiple: true))
        #expect(try parsedValues(["-ta", "-t", "b", "--tag=c", "-t=d"], tags)["tag"] == .list([.str("a"), .str("b"), .str("c"), .str("d")]))
    }
}

/// A command's options are found by a scan of their names up to
/// `OptionNames.scanLimit` and through a table past it: both must answer
/// every form of name alike (long, `--name=value`, `--no-flag`, short,
/// bundle, unknown, the single-dash slip, `-h` kept for help).
@Suite struct OptionLookupTests {
    func command(options count: Int) -> CommandDefinition {
        var args = (0..<count - 2).map { ArgDefinition(name: "opt_\($0)", default: .str("d")) }
        args.append(ArgDefinition(name: "flag", type: .bool, short: "f"))
        args.append(ArgDefinition(name: "count", type: .int, default: .int(0), short: "c"))
        return CommandDefinition(name: "many", args: args, action: .shell("true"))
    }

    @Test(arguments: [3, 16, 17, 40])
    func namesResolveTheSameWithFewOrManyOptions(count: Int) throws {
        let tool = command(options: count)
        let last = "--opt-\(count - 3)"
        #expect(try parsedValues([last, "x"], tool)["opt_\(count - 3)"] == .str("x"))
        #expect(try parsedValues(["\(last)=y"], tool)["opt_\(count - 3)"] == .str("y"))
        #expect(try parsedValues(["--opt-0", "z", "--flag"], tool)["opt_0"] == .str("z"))
        #expect(try parsedValues(["--flag", "--no-flag"], tool)["flag"] == .bool(false))
        #expect(try parsedValues(["-fc", "7"], tool)["count"] == .int(7))
        #expect(try parsedValues(["-c7"], tool)["flag"] == .bool(false))
        #expect(try asksHelp(["-fh"], tool))
        #expect(parseError(["--opt-\(count)"], tool)?.hasPrefix("Error: Unknown argument: --opt-\(count)") == true)
        #expect(parseError(["-x"], tool) != nil)
        #expect(parseError(["-flag"], tool)?.contains("--flag") == true)
        #expect(parseError(["--no-opt-0"], tool) != nil)
    }
}
