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
            "W401", "W402", "W403", // warnings: ValidateCommandTests
        ]
        let all = try String(contentsOf: HyperProcess.fixtures.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        let documented = all.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `E") || line.hasPrefix("| `W") else { return nil }
            return String(line.dropFirst(3).prefix(4))
        }
        #expect(documented.count >= 45)
        let missing = documented.filter { !covered.contains($0) && !elsewhere.contains($0) }
        #expect(missing == [])
    }
}
