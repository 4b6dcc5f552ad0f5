import Foundation
import Testing

/// Every invalid manifest under `Tests/Fixtures/invalid` against its golden
/// output in `Tests/Fixtures/expected`: exact text, exit 1, nothing on stderr,
/// and exactly the diagnostic codes `CODES` lists for it.
///
/// After a deliberate change of wording, regenerate the goldens with
/// `HYPER_UPDATE_GOLDEN=1 swift test --filter GoldenDiagnosticsTests` and
/// review the diff.
@Suite struct GoldenDiagnosticsTests {
    static let invalid = HyperProcess.fixtures.appendingPathComponent("invalid")
    static let expected = HyperProcess.fixtures.appendingPathComponent("expected")

    /// `name: CODE CODE...` lines of `CODES`.
    static let cases: [(name: String, codes: [String])] = {
        let text = (try? String(contentsOf: invalid.appendingPathComponent("CODES"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), parts[1].split(separator: " ").map(String.init))
        }
    }()

    static var names: [String] { cases.map(\.name) }

    @Test func everyFixtureIsListed() throws {
        let present = try FileManager.default.contentsOfDirectory(atPath: Self.invalid.path).filter { $0 != "CODES" }.sorted()
        #expect(present == Self.names.sorted())
        #expect(Self.cases.count >= 40)
    }

    @Test(arguments: names)
    func goldenOutput(name: String) throws {
        let target = name.hasSuffix(".yaml") ? name : name + "/commands.d"
        let result = try HyperProcess.run(["validate", target], in: Self.invalid)
        let goldenURL = Self.expected.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["HYPER_UPDATE_GOLDEN"] == "1" {
            try Data(result.stdout.utf8).write(to: goldenURL)
        }
        let golden = try String(contentsOf: goldenURL, encoding: .utf8)
        #expect(result.stdout == golden)
        #expect(result.stderr == "")
        #expect(result.status == 1)
    }

    @Test(arguments: cases.map { [$0.name] + $0.codes })
    func exactlyTheListedCodes(entry: [String]) throws {
        let name = entry[0]
        let target = name.hasSuffix(".yaml") ? name : name + "/commands.d"
        let result = try HyperProcess.run(["validate", "--format", "json", target], in: Self.invalid)
        let objects = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(objects.map { $0["code"] as? String ?? "?" } == Array(entry.dropFirst()))
        #expect(objects.allSatisfy { $0["line"] is Int && $0["column"] is Int })
        #expect(result.status == 1)
    }

    /// Each code of a manifest problem has a fixture; the rest have tests of their own.
    @Test func everyManifestCodeHasAFixture() throws {
        let covered = Set(Self.cases.flatMap(\.codes))
        let elsewhere: Set<String> = [
            "E100", // unreadable: ValidateCommandTests
            "E101", "E113", // size limits: generated in ValidateCommandTests
            "E306", // handler arguments: needs a binary with handlers; ExampleProgramTests
            "E307", // no manifests: ValidateCommandTests
            "E118", // a file name that is not UTF-8, which git cannot carry portably: generated in manifestNameNotUTF8
            "W401", "W402", "W403", // warnings: ValidateCommandTests
            "W405", // a warning: CommandKeysTests
        ]
        let all = try String(contentsOf: HyperProcess.repository
            .appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        let documented = all.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `E") || line.hasPrefix("| `W") else { return nil }
            return String(line.dropFirst(3).prefix(4))
        }
        #expect(documented.count >= 45)
        let missing = documented.filter { !covered.contains($0) && !elsewhere.contains($0) }
        #expect(missing == [])
    }

    /// E118's fixture is made in the test: a file name that is not UTF-8
    /// cannot be committed portably. Beside it sits the name Swift would have
    /// repaired it to (`caf\u{FFFD}.yaml`), a real manifest of its own.
    @Test func manifestNameNotUTF8() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", "commands:\n  a:\n    help: A\n    exec: [echo, a]\n")
        try project.write("commands.d/caf\u{FFFD}.yaml", "commands:\n  r:\n    help: R\n    exec: [echo, r]\n")
        let raw = try RawName(in: project.root.appendingPathComponent("commands.d"), Array("caf".utf8) + [0xE9] + Array(".yaml".utf8),
                              contents: "commands:\n  e:\n    help: E\n    exec: [echo, e]\n")
        defer { raw.remove() }

        let human = try project.run(["validate"])
        let goldenURL = Self.expected.appendingPathComponent("generated-name-not-utf8.txt")
        if ProcessInfo.processInfo.environment["HYPER_UPDATE_GOLDEN"] == "1" {
            try Data(human.stdout.utf8).write(to: goldenURL)
        }
        #expect(human == RunResult(status: 1, stdout: try String(contentsOf: goldenURL, encoding: .utf8), stderr: ""))
        #expect(try project.run(["validate", "--format", "concise"]) == RunResult(status: 1, stdout:
            "commands.d/caf\\xe9.yaml:1:1: error: manifest file name is not valid UTF-8 [E118]\n", stderr: ""))
        #expect(try project.run(["validate", "--format", "github"]) == RunResult(status: 1, stdout:
            "::error file=commands.d/caf\\xe9.yaml,line=1,col=1,endColumn=2,title=hyper E118::manifest file name is not valid UTF-8"
            + "%0Ahelp: rename the file; its commands are not loaded until then\n", stderr: ""))
        let json = try project.run(["validate", "--format", "json"])
        #expect(json.status == 1)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(objects.count == 1)
        #expect(objects.first?["file"] as? String == "commands.d/caf\\xe9.yaml")
        #expect(objects.first?["code"] as? String == "E118")

        // The other manifests load and run; the file is named on every call.
        let skipped = "warning: skipped commands.d/caf\\xe9.yaml: its file name is not valid UTF-8\nhelp: rename it; `hyper validate` reports it as an error\n"
        #expect(try project.run(["a"]) == RunResult(status: 0, stdout: "a\n", stderr: skipped))
        #expect(try project.run(["r"]) == RunResult(status: 0, stdout: "r\n", stderr: skipped))
        #expect(try project.run(["e"]) == RunResult(status: 2, stdout: "", stderr:
            skipped + "Error: Unknown command: e\nhelp: did you mean `a`?\nhelp: run `hyper --help` to list the commands\n"))
    }
}

/// A file whose name is raw bytes, made and removed with libc: Foundation's
/// paths are Strings, which cannot hold a name that is not UTF-8.
struct RawName {
    let path: [CChar]

    init(in folder: URL, _ name: [UInt8], contents: String) throws {
        path = (Array(folder.path.utf8) + [UInt8(ascii: "/")] + name + [0]).map { CChar(bitPattern: $0) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(fd) }
        let bytes = Array(contents.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else { throw CocoaError(.fileWriteUnknown) }
    }

    init(in folder: URL, _ name: [UInt8], linkingTo target: String) throws {
        path = (Array(folder.path.utf8) + [UInt8(ascii: "/")] + name + [0]).map { CChar(bitPattern: $0) }
        guard symlink(target, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    func remove() {
        unlink(path)
    }
}
