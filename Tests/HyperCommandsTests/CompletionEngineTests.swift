#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import HyperCommands

/// The completion engine without a shell: exact candidates and directives
/// for the words of a line, from commands decoded from a manifest, with a
/// completion program that only records how it was called.
@Suite struct CompletionEngineTests {
    static let manifest = """
        commands:
          build:
            help: |
              Build the project
              with every target
            exec: [make]
            args:
              jobs: {type: int, short: j, default: 4, help: Parallel jobs}
          deploy:
            help: Deploy one service
            exec: [./deploy.sh, "{service}"]
            args:
              service: {type: str, help: The service, complete: [./services.sh, "--env={env}", "{tags}", "{region}"]}
              env: {type: str, default: staging, help: Where to, choices: {staging: The test servers, prod: Production}}
              tags: {type: str, multiple: true, default: [], help: Tags}
              color: {type: bool, default: true, help: Colour the output}
              dry_run: {type: bool, short: n, help: Only print}
              config: {type: path, required: false, help: A config file}
              region: {type: str, required: false, hidden: true, choices: [eu, us]}
              old: {type: str, required: false, deprecated: use --env}
          run:
            help: Run a program
            aliases: [r, go]
            exec: [./run.sh, "{words}"]
            args:
              target: {type: str, help: What to run}
              words: {rest: true}
          secret:
            help: Not listed
            hidden: true
            sh: echo

        """

    final class Source: CompletionSource {
        let commands: [CommandDefinition]
        var lookups: [String] = []
        var listings = 0

        init(_ yaml: String = CompletionEngineTests.manifest) {
            let load = ManifestLoader.decode(bytes: Array(yaml.utf8), file: "a.yaml")
            commands = load.commands.map { command in
                var command = command
                command.root = "/project"
                return command
            }
        }

        func summaries() -> [ListedCommand] {
            listings += 1
            return commands.filter { !$0.hidden }.map(\.listed)
        }

        func command(named name: String) -> CommandDefinition? {
            lookups.append(name)
            return commands.first { $0.isNamed(name) }
        }
    }

    /// The candidates as `value<TAB>help` lines, then `:directive`: the protocol text.
    static func complete(_ words: [String], source: Source = Source(), calls: CallLog = CallLog(),
                         lines: [CompletionResult.Candidate] = []) -> String {
        let engine = CompletionEngine(source: { _ in source }, runCompleter: { call in
            calls.calls.append(call)
            return lines
        }, workingDirectory: "/here")
        return engine.complete(words).protocolText
    }

    final class CallLog: @unchecked Sendable {
        var calls: [CompleterCall] = []
    }

    @Test func commandNamesWithTheFirstLineOfTheirHelp() {
        // In the list's order, built-ins first: the shells sort what they show.
        #expect(Self.complete([""]) == """
            help\tShow this list, or a command's help
            list\tList the commands; --all lists hidden ones too, --json describes them in full
            validate\tCheck the manifests (--format, --strict), or print their JSON Schema (--schema)
            version\tPrint hyper's version
            completions\tPrint the shell script that completes commands on Tab (--trust: run this project's completers)
            build\tBuild the project
            deploy\tDeploy one service
            run\tRun a program
            r\tRun a program
            go\tRun a program
            :0

            """)
        #expect(Self.complete(["de"]) == "deploy\tDeploy one service\n:0\n")
        #expect(Self.complete(["v"]) == "validate\tCheck the manifests (--format, --strict), or print their JSON Schema (--schema)\nversion\tPrint hyper's version\n:0\n")
        #expect(Self.complete(["x"]) == ":0\n")
    }

    @Test func aliasesAreNamesAndHiddenCommandsNever() {
        #expect(Self.complete(["g"]) == "go\tRun a program\n:0\n")
        #expect(Self.complete(["r"]) == "run\tRun a program\nr\tRun a program\n:0\n")
        #expect(Self.complete(["go", "--"]) == "--target\tWhat to run\n--help\tShow this command's help\n:0\n")
        #expect(Self.complete(["se"]) == ":0\n")
        #expect(Self.complete(["help", "se"]) == ":0\n")
    }

    @Test func namesAreCompletedFromTheListAndOneCommandIsReadForItsWords() {
        let source = Source()
        _ = Self.complete(["deploy", "--"], source: source)
        #expect(source.listings == 0)
        #expect(source.lookups == ["deploy"])
        let listing = Source()
        _ = Self.complete(["de"], source: listing)
        #expect(listing.lookups.isEmpty)
    }

    @Test func hypersOwnOptionsAndManifests() {
        #expect(Self.complete(["--m"]) == "--manifests\tRead the manifests of this file or folder (repeatable)\n:0\n")
        #expect(Self.complete(["--dry-run=j"]) == "--dry-run=json\tWhat would run, as JSON\n:0\n")
        #expect(Self.complete(["--yes", "--dry-run", "bu"]) == "build\tBuild the project\n:0\n")
        #expect(Self.complete(["--manifests", ""]) == ":2\n")
        #expect(Self.complete(["--manifests=co"]) == ":2\n")
        #expect(Self.complete(["--manifests", "x", "--no-index", "bu"]) == "build\tBuild the project\n:0\n")
    }

    @Test func optionsLongShortAndNegated() {
        #expect(Self.complete(["deploy", "--"]) == """
            --service\tThe service
            --env\tWhere to
            --tags\tTags
            --color\tColour the output
            --no-color\tColour the output
            --dry-run\tOnly print
            --config\tA config file
            --help\tShow this command's help
            :0

            """)
        #expect(Self.complete(["build", "-"]) == "--jobs\tParallel jobs\n-j\tParallel jobs\n--help\tShow this command's help\n:0\n")
        #expect(Self.complete(["deploy", "--no"]) == "--no-color\tColour the output\n:0\n")
        #expect(Self.complete(["deploy", "--dr"]) == "--dry-run\tOnly print\n:0\n")
    }

    @Test func anOptionThatCannotRepeatIsNotOfferedAgain() {
        #expect(Self.complete(["deploy", "--env", "prod", "--dry-run", "--color=false", "--tags", "a", "--"]) == """
            --service\tThe service
            --tags\tTags
            --config\tA config file
            --help\tShow this command's help
            :0

            """)
        // Given by position, or by its short.
        #expect(Self.complete(["deploy", "api", "-n", "--s"]) == ":0\n")
        #expect(Self.complete(["deploy", "--no-color", "--c"]) == "--config\tA config file\n:0\n")
    }

    @Test func valuesChoicesBoolsAndPaths() {
        #expect(Self.complete(["deploy", "--env", ""]) == "staging\tThe test servers\nprod\tProduction\n:0\n")
        #expect(Self.complete(["deploy", "--env=p"]) == "--env=prod\tProduction\n:0\n")
        #expect(Self.complete(["deploy", "--color="]) == "--color=true\n--color=false\n:0\n")
        #expect(Self.complete(["deploy", "--color=t"]) == "--color=true\n:0\n")
        #expect(Self.complete(["deploy", "--config", "my"]) == ":2\n")
        #expect(Self.complete(["deploy", "--config=my"]) == ":2\n")
        #expect(Self.complete(["build", "-j", ""]) == ":0\n")
        // A hidden arg's choices, however its option is written.
        #expect(Self.complete(["deploy", "--region", ""]) == ":0\n")
        #expect(Self.complete(["deploy", "--region="]) == ":0\n")
    }

    @Test func afterTheTerminatorOrWhereTheRestBeginsTheShellCompletesFiles() {
        #expect(Self.complete(["run", "--", "my"]) == ":2\n")
        #expect(Self.complete(["run", "x", ""]) == ":2\n")
        #expect(Self.complete(["run", "--unknown", ""]) == ":2\n")
        #expect(Self.complete(["run", "x", "--", ""]) == ":2\n")
        #expect(Self.complete(["deploy", "--", ""]) == ":2\n")
    }

    @Test func aCompleterGetsTheValuesTypedAndItsLinesAreFiltered() {
        let calls = CallLog()
        let lines = [CompletionResult.Candidate("api", help: "The API"), CompletionResult.Candidate("web")]
        #expect(Self.complete(["deploy", "--env", "prod", "--tags", "a", "--tags", "b c", "a"], calls: calls, lines: lines)
            == "api\tThe API\n:0\n")
        #expect(calls.calls == [CompleterCall(program: "./services.sh", arguments: ["./services.sh", "--env=prod", "a", "b c"],
                                              folder: "/project", word: "a")])
        // No value for `{env}` or `{region}`: those elements are left out; an empty list gives none.
        calls.calls = []
        #expect(Self.complete(["deploy", "--service", ""], calls: calls, lines: lines) == "api\tThe API\nweb\n:0\n")
        #expect(calls.calls.map(\.arguments) == [["./services.sh"]])
        #expect(Self.complete(["deploy", "--service=w"], calls: calls, lines: lines) == "--service=web\n:0\n")
    }

    @Test func builtInsWords() {
        #expect(Self.complete(["completions", ""]) == "bash\tThe script for bash\nzsh\tThe script for zsh\nfish\tThe script for fish\n:0\n")
        #expect(Self.complete(["completions", "--"]) == "--trust\tLet this project's completion programs run on Tab\n--help\tShow this help\n:0\n")
        #expect(Self.complete(["validate", "--format", "j"]) == "json\tA JSON array, for tools\n:0\n")
        #expect(Self.complete(["validate", "--format=g"]) == "--format=github\tGitHub Actions annotations\n:0\n")
        #expect(Self.complete(["validate", "com"]) == ":2\n")
        #expect(Self.complete(["help", "bu"]) == "build\tBuild the project\n:0\n")
        #expect(Self.complete(["list", "-"]) == "--all\tList hidden commands too\n--json\tDescribe every command in full, as JSON\n--help\tShow this help\n:0\n")
    }

    @Test func namespacesASegmentAtATime() {
        let source = Source()
        let names = ["db:migrate", "db:seed", "db:tools:vacuum", "dev"]
        let engine = CompletionEngine(source: { _ in Namespaced(names) }, runCompleter: { _ in [] }, workingDirectory: "/")
        _ = source
        #expect(engine.complete(["d"]).protocolText == "db:\t3 commands\ndev\tdev\n:0\n")
        #expect(engine.complete(["db"]).protocolText == "db:\t3 commands\n:1\n")
        #expect(engine.complete(["db:"]).protocolText == "db:migrate\tdb:migrate\ndb:seed\tdb:seed\ndb:tools:\t1 command\n:0\n")
        #expect(engine.complete(["db:mi"]).protocolText == "db:migrate\tdb:migrate\n:0\n")
        #expect(engine.complete(["db", ""]).protocolText == "migrate\tdb:migrate\nseed\tdb:seed\ntools:\t1 command\n:0\n")
        #expect(engine.complete(["db", "tools", ""]).protocolText == "vacuum\tdb:tools:vacuum\n:0\n")
        #expect(engine.complete(["db", "migrate", "--"]).protocolText == "--help\tShow this command's help\n:0\n")
    }

    /// Commands named only, each with its name as help.
    struct Namespaced: CompletionSource {
        let names: [String]

        init(_ names: [String]) { self.names = names }

        func summaries() -> [ListedCommand] { names.map { ListedCommand(name: $0, help: $0) } }

        func command(named name: String) -> CommandDefinition? {
            names.contains(name) ? CommandDefinition(name: name, help: name, action: .shell("true")) : nil
        }
    }

    @Test func theProtocolKeepsEachCandidateOnOneLine() {
        let result = CompletionResult(candidates: [CompletionResult.Candidate("a\tb\u{1B}[2Jc\nd", help: "first\nsecond"),
                                                   CompletionResult.Candidate("e\u{202E}f", help: "x\ty")],
                                      directive: [.noSpace, .files])
        #expect(result.protocolText == "ab[2Jcd\tfirst\nef\txy\n:3\n")
    }

    @Test func bashWordsLoseTheirQuoting() {
        #expect(ShellWords.dequote("'my dir'/x") == "my dir/x")
        #expect(ShellWords.dequote("\"a \\\"b\\\" \\c\"") == "a \"b\" \\c")
        #expect(ShellWords.dequote("my\\ dir") == "my dir")
        #expect(ShellWords.dequote("'open") == "open")
        #expect(ShellWords.dequote("plain") == "plain")
    }
}
