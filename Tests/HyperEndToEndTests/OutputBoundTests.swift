import Foundation
import Testing

/// One long line with thousands of problems: output stays bounded in every
/// format but JSON, which has every diagnostic and grows with the input.
@Suite struct OutputBoundTests {
    /// A 79 KB manifest: one flow mapping with 8,000 unknown keys.
    static let manifest = "{commands: {a: {help: A, exec: [\"true\"]}}, " + (0..<8000).map { "k\($0): 1" }.joined(separator: ", ") + "}\n"

    static let lastShown = """
    error[E201]: unknown key `k19` at the top level
     --> commands.d/a.yaml:1:186
      |
    1 | …k14: 1, k15: 1, k16: 1, k17: 1, k18: 1, k19: 1, k20: 1, k21: 1, k22: 1, k23: 1, k24: 1, k25: 1, k26: 1, k27: 1, k28: 1, …
      |                                          ^^^
      = help: the keys here are `commands`

    ... and 7,980 more in commands.d/a.yaml


    """

    static func project() throws -> TemporaryProject {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", manifest)
        return project
    }

    @Test func validatePrintsTwentyAndCountsTheRest() throws {
        #expect(Self.manifest.utf8.count == 78_933)
        let project = try Self.project()
        let human = try HostileInputTests.bounded(["validate"], in: project)
        #expect(human.status == 1)
        #expect(human.stdout.hasSuffix(Self.lastShown + "1 manifest, 1 command: 8000 errors, 0 warnings\n"), "\(human.stdout.suffix(2000))")
        #expect(human.stdout.components(separatedBy: "error[E201]").count - 1 == 20)
        #expect(human.stdout.utf8.count < 8_000)

        let concise = try HostileInputTests.bounded(["validate", "--format", "concise"], in: project)
        #expect(concise.status == 1)
        #expect(concise.stdout.hasSuffix("""
        commands.d/a.yaml:1:186: error: unknown key `k19` at the top level [E201]
        ... and 7,980 more in commands.d/a.yaml

        """))
        #expect(concise.stdout.split(separator: "\n").count == 21)

        let github = try HostileInputTests.bounded(["validate", "--format", "github"], in: project)
        #expect(github.status == 1)
        #expect(github.stdout.hasSuffix("""
        ::error file=commands.d/a.yaml,line=1,col=186,endColumn=189,title=hyper E201::unknown key `k19` at the top level%0Ahelp: the keys here are `commands`
        ... and 7,980 more in commands.d/a.yaml

        """))
        #expect(github.stdout.split(separator: "\n").count == 21)

        // JSON keeps all 8,000, one line each, each bounded.
        let json = try HostileInputTests.bounded(["validate", "--format", "json"], in: project)
        #expect(json.status == 1)
        let lines = json.stdout.split(separator: "\n")
        #expect(lines.count == 8002)
        #expect(lines[8000] == #"  {"file": "commands.d/a.yaml", "line": 1, "column": 78924, "endColumn": 78929, "severity": "error", "code": "E201", "message": "unknown key `k7999` at the top level", "help": "the keys here are `commands`"}"#)
        #expect(lines.allSatisfy { $0.utf8.count < 250 })
    }

    /// Nearly 1 MiB on one line: 36,000 commands whose help holds `\e`.
    /// Finding each E218's column and deciding each command's fate take
    /// one pass, not one per problem (the CPU bound of `bounded` would
    /// stop a quadratic run).
    @Test func thirtySixThousandProblemsOnOneLine() throws {
        let commands = (0..<36_000).map { "c\($0): {help: \"\\e\", sh: x}" }
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", "{commands: {" + commands.joined(separator: ", ") + "}}\n")
        let result = try HostileInputTests.bounded(["validate", "--format", "concise"], in: project)
        #expect(result.status == 1)
        #expect(result.stdout.hasSuffix("""
        commands.d/a.yaml:1:510: error: `help` of command `c19` contains control character U+001B [E218]
        ... and 35,980 more in commands.d/a.yaml

        """))
        #expect(result.stdout.split(separator: "\n").count == 21)
    }

    /// `hyper <cmd>` refuses to run and prints the errors on standard error, by the same bound.
    @Test func runningACommandPrintsTheSameBound() throws {
        let project = try Self.project()
        let result = try HostileInputTests.bounded(["a"], in: project)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.hasSuffix(Self.lastShown + "Error: `a` has errors in its manifest; nothing was run\nhelp: run `hyper validate` to check every manifest\n"))
        #expect(result.stderr.utf8.count < 8_000)
    }
}
