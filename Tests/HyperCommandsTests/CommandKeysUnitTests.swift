import Foundation
import Testing
@_spi(Fuzz) @testable import HyperCommands

/// The pieces behind a command's own keys, without a process: names with
/// namespaces, `env` values, the pasteable quoting of `--dry-run`, aliases
/// in the registry, and `runCommand`'s confirmation policy.
@Suite struct CommandKeysUnitTests {
    @Test func namespacedNames() {
        for name in ["db:migrate", "a:b:c", "x-1:y_2"] { #expect(Names.isCommandName(name), "\(name)") }
        for name in ["db:", ":db", "db::x", "db:1x", "db: x", String(repeating: "a:", count: 32) + "a"] {
            #expect(!Names.isCommandName(name), "\(name)")
        }
        #expect(Names.isCommandName(String(repeating: "a:", count: 31) + "aa"))  // 64 characters
        #expect(DefinitionRules.reservedName("help:x")?.message == "`help:x` is in the namespace of `help`, a built-in command of hyper")
        #expect(DefinitionRules.reservedName("helper") == nil)
    }

    @Test func variableValues() throws {
        #expect(try CommandVariable.parse("a {b} ${C_1}$${{}}") == [.literal("a "), .placeholder("b"), .literal(" "), .variable("C_1"), .literal("${}")])
        for (text, message, offset) in [("$5", "a `$` must start `${NAME}` or be written `$$`", 0), ("x${", "unclosed `${`", 1),
                                        ("${1A}", "invalid variable `${1A}`", 0), ("{B}", "invalid placeholder `{B}`", 0), ("}", "unmatched `}`", 0)] {
            #expect(throws: CommandVariable.SyntaxError.self) { try CommandVariable.parse(text) }
            do {
                _ = try CommandVariable.parse(text)
            } catch {
                #expect(error.message == message && error.offset == offset, "\(text)")
            }
        }
        let variable = CommandVariable(name: "V", value: "{a}-${HOME}")
        let values = ParsedArguments(command: "c", values: ["a": .int(3)])
        #expect(variable.expanded(values, inherited: { $0 == "HOME" ? "/h" : nil }) == "3-/h")
        #expect(variable.expanded(values, inherited: { _ in nil }) == "3-")
        #expect(variable.expanded(ParsedArguments(command: "c", values: [:]), inherited: { _ in "x" }) == nil)
    }

    @Test func pasteableWordsHoldNoControlCharacter() {
        #expect(ShellQuote.pasteable("plain-1.0") == "plain-1.0")
        #expect(ShellQuote.pasteable("") == "''")
        #expect(ShellQuote.pasteable("it's") == #"'it'\''s'"#)
        #expect(ShellQuote.pasteable("a\tb") == #"'a'"$(printf '\011')"'b'"#)
        #expect(ShellQuote.pasteable("\u{1B}") == #"''"$(printf '\033')"''"#)
        #expect(ShellQuote.pasteable("\u{202E}") == #"''"$(printf '\342\200\256')"''"#)
        #expect(ShellQuote.pasteable("a\nb") == "'a\nb'")
        #expect(ShellQuote.commandLine(["A=b", "c=d"]) == "'A=b' c=d")
    }

    @Test func aliasesFindTheirCommandAndCannotBeTakenTwice() throws {
        let registry = CommandRegistry()
        try registry.register(CommandDefinition(name: "migrate", aliases: ["m"]) { _ in })
        #expect(registry.getCommand("m")?.name == "migrate")
        #expect(throws: RegistrationError(message: "command `m` is already registered")) {
            try registry.register(CommandDefinition(name: "m") { _ in })
        }
        #expect(throws: RegistrationError(message: "command `make` is already registered")) {
            try registry.register(CommandDefinition(name: "make", aliases: ["migrate"]) { _ in })
        }
        #expect(throws: RegistrationError(message: "command `x`: `help` is a built-in command of hyper, so it cannot be an alias", code: .reservedCommandName,
                                          help: "choose another name; reserved: `completions`, `help`, `list`, `validate`, `version`")) {
            try registry.register(CommandDefinition(name: "x", aliases: ["help"]) { _ in })
        }
        var code = CommandDefinition(name: "y", action: .closure { _ in })
        code.directory = "web"
        #expect(throws: RegistrationError(message: "command `y`: `dir` applies only to `exec` and `sh` commands", code: .keyDoesNotApply,
                                          help: "a Swift handler runs inside hyper, whose working folder it must not change; remove `dir`")) {
            try registry.register(code)
        }
    }

    @Test func runCommandFollowsItsConfirmationPolicy() async throws {
        let registry = CommandRegistry()
        let ran = Lock(0)
        try registry.register(CommandDefinition(name: "drop", args: [ArgDefinition(name: "db", type: .str, default: .str("main"))],
                                                confirm: "Drop {db}?") { _ in ran.withLock { $0 += 1 } })
        let captured = CapturedConsole()
        let yes = Confirmation.Terminal(isTerminal: { true }, readLine: { "y" })
        let no = Confirmation.Terminal(isTerminal: { true }, readLine: { nil })
        let none = Confirmation.Terminal(isTerminal: { false }, readLine: { Issue.record("read without a terminal"); return "y" })
        #expect(await registry.runCommand("drop", [], console: captured.console, confirmation: .ask, terminal: yes) == 0)
        #expect(await registry.runCommand("drop", ["--db", "x"], console: captured.console, confirmation: .ask, terminal: no) == 1)
        #expect(await registry.runCommand("drop", [], console: captured.console, confirmation: .ask, terminal: none) == 1)
        #expect(await registry.runCommand("drop", [], console: captured.console, confirmation: .refuse, terminal: yes) == 1)
        #expect(await registry.runCommand("drop", [], console: captured.console, confirmation: .assumeYes, terminal: none) == 0)
        #expect(ran.withLock { $0 } == 2)
        #expect(captured.err == """
        Drop main? [y/N] Drop x? [y/N] 
        Error: `drop` was not confirmed; nothing was run
        Error: `drop` asks for confirmation, which this call cannot give; nothing was run
        help: pass `confirmation: .assumeYes` to run it unasked
        Error: `drop` asks for confirmation, which this call cannot give; nothing was run
        help: pass `confirmation: .assumeYes` to run it unasked

        """)
    }

    @Test func groupsDoNotPassForHypersOwnHeadings() {
        for name in ["Built-in", "commands", "OPTIONS", "Usage", "Commands in db"] {
            #expect(DefinitionRules.groupName(name)?.code == .emptyText, "\(name)")
        }
        #expect(DefinitionRules.groupName("Database") == nil)
    }

    /// A folder that leads out of the project is refused at the start, by
    /// what its descriptor is, whatever the path said before.
    @Test func aConfinedFolderOutsideTheProjectIsNotEntered() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hyper-confined-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("web").path, withDestinationPath: "/tmp")
        var plan = ProcessPlan(program: "/bin/true", arguments: ["true"], environment: [], workingDirectory: root.appendingPathComponent("web").path)
        plan.confinement = root.path
        guard case .failure(let failure) = ProcessLauncher.spawn(plan) else {
            Issue.record("a folder outside the project was entered")
            return
        }
        #expect(failure.message == "`\(root.path)/web` leads outside the project, to `/tmp`; nothing was run")
        #expect(failure.status == 126)
    }

    /// A first word with `=` and a quote is still one word, quoted whole.
    @Test func aProgramWithEqualsAndAQuoteStaysOneWord() {
        #expect(ShellQuote.commandLine(["/p/it's=x", "a"]) == #"'/p/it'\''s=x' a"#)
    }

    /// Groups are the same when their bytes are: two spellings of `Café`
    /// are two headings, and each command is listed once.
    @Test func groupsAreComparedAsBytes() {
        let composed = "Caf\u{E9}", decomposed = "Cafe\u{301}"
        let list = HelpFormatter.formatList([ListedCommand(name: "a", group: composed), ListedCommand(name: "b", group: decomposed)], note: nil)
        #expect(list.components(separatedBy: "\n  b").count == 2)
        #expect(list.components(separatedBy: "\n  a").count == 2)
        #expect(list.contains("\n\(composed):\n  a\n") && list.contains("\n\(decomposed):\n  b\n"), "\(list)")
    }

    /// An arg's help names the program that completes its values.
    @Test func helpNamesAnArgsCompleter() {
        var arg = ArgDefinition(name: "service")
        arg.complete = ExecTemplate(program: "./services.sh")
        let help = HelpFormatter.formatHelp(CommandDefinition(name: "deploy", args: [arg], action: .shell("true")))
        #expect(help.contains("--service <str>  [required] [completed by: ./services.sh]\n"), "\(help)")
    }
}

