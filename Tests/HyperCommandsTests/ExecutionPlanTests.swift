import Testing
@testable import HyperCommands

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
        #expect(!ProcessPlan.isOwnedVariable("HYPER_COMMANDS"))
        #expect(!ProcessPlan.isOwnedVariable("PATH"))
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
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}
