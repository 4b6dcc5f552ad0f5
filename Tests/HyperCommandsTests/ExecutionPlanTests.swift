import Foundation
import Testing
@_spi(Fuzz) @testable import HyperCommands

@Suite struct ExecutionPlanTests {
    private func template(_ elements: [String]) throws -> ExecTemplate {
        let arguments = try elements.dropFirst().map { text in
            ExecTemplate.Element(parts: try ExecTemplate.parseElement(text).get())
        }
        return ExecTemplate(program: elements[0], arguments: arguments)
    }

    @Test func placeholderSyntax() throws {
        #expect(try ExecTemplate.parseElement("Hello, {name}!").get() == [.literal("Hello, "), .placeholder("name"), .literal("!")])
        #expect(try ExecTemplate.parseElement("{{x}}").get() == [.literal("{x}")])
        #expect(try ExecTemplate.parseElement("").get() == [.literal("")])
        #expect(ExecTemplate.parseElement("{name").failure == ExecTemplate.SyntaxError(message: "unclosed `{`", offset: 0))
        #expect(ExecTemplate.parseElement("a}").failure == ExecTemplate.SyntaxError(message: "unmatched `}`", offset: 1))
        #expect(ExecTemplate.parseElement("x{Name}").failure == ExecTemplate.SyntaxError(message: "invalid placeholder `{Name}`", offset: 1))
    }

    @Test func argvAndEnvironment() throws {
        let command = CommandDefinition(name: "fetch", args: [
            ArgDefinition(name: "url"),
            ArgDefinition(name: "timeout", type: .int, default: .int(30)),
            ArgDefinition(name: "rate", type: .float, default: .float(0.5)),
            ArgDefinition(name: "dry_run", type: .bool),
            ArgDefinition(name: "tag", required: false),
        ], action: .exec(try template(["./bin/fetch", "{url}", "--timeout={timeout}", "--tag={tag}", "{rate}", "{dry_run}", "{{literal}}"])))
        let values = ParsedArguments(command: "fetch", values: [
            "url": .str("a b;$(x)\n'\"é"), "timeout": .int(30), "rate": .float(0.5), "dry_run": .bool(false),
        ])
        let plan = try #require(ProcessPlan.make(for: command, values: values, projectRoot: "/p", invocationDirectory: "/p/sub"))
        #expect(plan.program == "/p/bin/fetch")
        #expect(plan.arguments == ["./bin/fetch", "a b;$(x)\n'\"é", "--timeout=30", "0.5", "false", "{literal}"])
        #expect(plan.workingDirectory == "/p")
        #expect(plan.environment.map(\.name) == ["HYPER_ARG_URL", "HYPER_ARG_TIMEOUT", "HYPER_ARG_RATE", "HYPER_ARG_DRY_RUN",
                                                "HYPER_ARGS_JSON", "HYPER_COMMAND", "HYPER_INVOCATION_DIR", "PWD"])
        #expect(plan.environment.map(\.value) == ["a b;$(x)\n'\"é", "30", "0.5", "false",
                                                 #"{"url":"a b;$(x)\n'\"é","timeout":30,"rate":0.5,"dry_run":false,"tag":null}"#,
                                                 "fetch", "/p/sub", "/p"])
    }

    @Test func shellScriptGetsValuesOnlyThroughTheEnvironment() throws {
        let command = CommandDefinition(name: "report", args: [ArgDefinition(name: "dir", default: .str("."))],
                                        action: .shell("du -sh \"$HYPER_ARG_DIR\""))
        let plan = try #require(ProcessPlan.make(for: command, values: ParsedArguments(command: "report", values: ["dir": .str("$(reboot)")]),
                                                 projectRoot: "/p", invocationDirectory: "/p"))
        #expect(plan.program == "/bin/sh")
        #expect(plan.arguments == ["/bin/sh", "-c", "du -sh \"$HYPER_ARG_DIR\"", "report"])
        #expect(plan.environment.first! == ("HYPER_ARG_DIR", "$(reboot)"))
    }

    @Test func ownedVariablesAreDropped() {
        #expect(ProcessPlan.isOwnedVariable("HYPER_ARG_X"))
        #expect(ProcessPlan.isOwnedVariable("HYPER_ARGS_JSON"))
        #expect(ProcessPlan.isOwnedVariable("HYPER_ARGS_JSON_OMITTED"))
        #expect(!ProcessPlan.isOwnedVariable("HYPER_COMMANDS"))
        #expect(!ProcessPlan.isOwnedVariable("PATH"))
        // The byte form the warm path uses agrees, on prefixes and near misses.
        for name in ["HYPER_ARG_", "HYPER_ARG", "HYPER_ARGS_JSON_", "PWD", "PW", "PWDX", "", "hyper_arg_x", "HYPER_INVOCATION_DIR"] {
            var bytes = Array(name.utf8)
            let byBytes = bytes.withUnsafeMutableBytes { ProcessPlan.isOwnedVariable(UnsafeRawBufferPointer($0)) }
            #expect(byBytes == ["HYPER_ARG_", "PWD", "HYPER_INVOCATION_DIR"].contains(name), "\(name)")
        }
    }

    @Test func signalStatusIsShellStyle() {
        #expect(ProcessLauncher.status(fromWait: 3 << 8) == 3)
        #expect(ProcessLauncher.status(fromWait: 9) == 137)
        #expect(ProcessLauncher.status(fromWait: 2 | 0x80) == 130)
    }

    @Test func bareProgramsAreLookedUpOnPath() {
        #expect(ProcessLauncher.candidates(for: "./x") == ["./x"])
        #expect(ProcessLauncher.candidates(for: "/bin/true") == ["/bin/true"])
        // The search path is given, so the host's own `PATH` plays no part.
        #expect(ProcessLauncher.candidates(for: "true", searchPath: "/opt/a:/b/::c") == ["/opt/a/true", "/b//true", "true", "c/true"])
        #expect(ProcessLauncher.candidates(for: "true", searchPath: nil) == ["/usr/local/bin/true", "/usr/bin/true", "/bin/true"])
    }

    /// With a budget of the plan's own size or more it runs as planned; a
    /// byte less and it runs without `HYPER_ARGS_JSON`; below what even that
    /// needs, the error names the total, the limit and the largest string.
    @Test func plansAreFittedToTheBudget() throws {
        let command = CommandDefinition(name: "c", args: [ArgDefinition(name: "a")], action: .exec(try template(["/bin/echo", "{a}"])))
        let plan = try #require(ProcessPlan.make(for: command, values: ParsedArguments(command: "c", values: ["a": .str("xyz")]),
                                                 projectRoot: "/p", invocationDirectory: "/p"))
        // "/bin/echo" twice (the path and argv[0]), "xyz", 6 variables, 8 pointers.
        let strings = ["/bin/echo", "/bin/echo", "xyz", "HYPER_ARG_A=xyz", #"HYPER_ARGS_JSON={"a":"xyz"}"#, "HYPER_COMMAND=c",
                       "HYPER_INVOCATION_DIR=/p", "PWD=/p"]
        let full = strings.reduce(0) { $0 + $1.utf8.count + 1 } + 8 * 7 + 5 + 8
        #expect(try plan.fitted(command: "c", budget: ExecBudget(maxTotalBytes: full, inheritedCount: 1, inheritedBytes: 5)) == plan)
        let lean = try plan.fitted(command: "c", budget: ExecBudget(maxTotalBytes: full - 1, inheritedCount: 1, inheritedBytes: 5))
        #expect(lean.environment.map(\.name) == ["HYPER_ARG_A", "HYPER_COMMAND", "HYPER_INVOCATION_DIR", "PWD", "HYPER_ARGS_JSON_OMITTED"])
        #expect(lean.environment.last?.value == "1")
        let leanTotal = full - #"HYPER_ARGS_JSON={"a":"xyz"}"#.utf8.count - 1 + "HYPER_ARGS_JSON_OMITTED=1".utf8.count + 1
        #expect(try plan.fitted(command: "c", budget: ExecBudget(maxTotalBytes: leanTotal, inheritedCount: 1, inheritedBytes: 5)) == lean)
        var refused: SizeProblem?
        do { _ = try plan.fitted(command: "c", budget: ExecBudget(maxTotalBytes: leanTotal - 1, inheritedCount: 1, inheritedBytes: 5)) } catch { refused = error }
        #expect(refused
                == SizeProblem(message: "Error: the arguments and environment of `c` would take \(leanTotal) bytes; Linux takes at most \(leanTotal - 1) "
                               + "(ARG_MAX, counting each string, its NUL and its pointer)",
                               help: "the largest is `HYPER_ARGS_JSON_OMITTED` (25 bytes); HYPER_ARGS_JSON is already left out"))
        let short = ExecBudget(maxStringBytes: 10, maxTotalBytes: 1 << 20)
        var tooLong: SizeProblem?
        do { _ = try plan.fitted(command: "c", budget: short) } catch { tooLong = error }
        #expect(tooLong?.description
                == "Error: `HYPER_ARG_A` of `c` would be 15 bytes; Linux takes at most 10 bytes per argument or environment variable")
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}

/// Lists, `rest` and conditional elements reach programs word for word.
@Suite struct ListExpansionTests {
    static func plain(_ text: String) -> ExecTemplate.Element {
        ExecTemplate.Element(parts: try! ExecTemplate.parseElement(text).get())
    }

    static let migrate = CommandDefinition(name: "migrate", args: [
        ArgDefinition(name: "dry_run", type: .bool),
        ArgDefinition(name: "database", required: false),
        ArgDefinition(name: "apps", multiple: true, rest: false),
    ], action: .exec(ExecTemplate(program: "./manage.py", arguments: [
        plain("migrate"),
        ExecTemplate.Element(condition: ExecTemplate.Condition(arg: "dry_run", then: [plain("--plan")])),
        ExecTemplate.Element(condition: ExecTemplate.Condition(arg: "database", then: [plain("--database"), plain("{database}")],
                                                               otherwise: [plain("--all")])),
        plain("{apps}"),
    ])))

    static func argv(_ values: [String: ArgValue]) -> [String] {
        ProcessPlan.make(for: migrate, values: ParsedArguments(command: "migrate", values: values), projectRoot: "/p", invocationDirectory: "/p")!
            .arguments
    }

    @Test func conditionsAndListsExpand() {
        #expect(Self.argv(["dry_run": .bool(false), "apps": .list([])]) == ["./manage.py", "migrate", "--all"])
        #expect(Self.argv(["dry_run": .bool(true), "database": .str("replica"), "apps": .list([.str("a b"), .str(""), .str("-x")])])
                == ["./manage.py", "migrate", "--plan", "--database", "replica", "a b", "", "-x"])
    }

    @Test func listsInTheEnvironmentAndJSON() {
        let plan = ProcessPlan.make(for: Self.migrate, values: ParsedArguments(command: "migrate", values: [
            "dry_run": .bool(false), "apps": .list([.str("it's"), .str("a b"), .str("plain")]),
        ]), projectRoot: "/p", invocationDirectory: "/p")!
        let environment = Dictionary(plan.environment.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        #expect(environment["HYPER_ARG_APPS"] == #"'it'\''s' 'a b' plain"#)
        #expect(environment["HYPER_ARGS_JSON"] == #"{"dry_run":false,"database":null,"apps":["it's","a b","plain"]}"#)
        #expect(environment["HYPER_ARG_DATABASE"] == nil)
    }

    @Test func restWordsAreTheScriptsPositionalParameters() {
        let test = CommandDefinition(name: "test", args: [ArgDefinition(name: "args", rest: true)], action: .shell("pytest \"$@\""))
        let plan = ProcessPlan.make(for: test, values: ParsedArguments(command: "test", values: [
            "args": .list([.str("-k"), .str("foo or bar"), .str("-x")]),
        ]), projectRoot: "/p", invocationDirectory: "/p")!
        #expect(plan.arguments == ["/bin/sh", "-c", "pytest \"$@\"", "test", "-k", "foo or bar", "-x"])
    }

    /// What `HYPER_ARG_X` holds for a list gives the values back in a real shell.
    @Test func theListTextEvaluatesBackInSh() throws {
        let values: [ArgValue] = [.str("it's"), .str("a  b"), .str("$(echo no)"), .str(""), .str("\n\t"), .str("`x`")]
        let text = ArgValue.list(values).text
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "eval \"set -- $L\"; for a in \"$@\"; do printf '[%s]' \"$a\"; done"]
        process.environment = ["L": text]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        process.waitUntilExit()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed == values.map { "[\($0.text)]" }.joined())
    }
}
