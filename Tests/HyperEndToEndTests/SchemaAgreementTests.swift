import Foundation
import Testing

/// The JSON Schema and the loader agree on every fixture, checked by the real
/// JSON Schema validator `jsonschema` (Python; `.ci/run` installs it).
@Suite struct SchemaAgreementTests {
    @Test func schemaAndLoaderAgree() throws {
        let result = try HyperProcess.runScript("Tests/SchemaAgreement/check_schema.py")
        #expect(result.status == 0, "\(result)")
        let closing = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(closing.hasSuffix(" passed, 0 failed"), "\(result)")
        let passed = Int(closing.split(separator: " ").first ?? "") ?? 0
        #expect(passed >= 80)
    }

    /// `hyper list --json` validates against its schema for every valid
    /// fixture and the example program, and reads the same from the index.
    @Test func descriptionAgreesWithItsSchemaAndTheIndex() throws {
        let result = try HyperProcess.runScript("Tests/SchemaAgreement/check_description.py", withExample: true)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasSuffix("\n19 passed, 0 failed\n"), "\(result)")
    }

    /// The manifest schema reserves exactly hyper's built-in names.
    @Test func theSchemaReservesTheBuiltIns() throws {
        let repository = HyperProcess.repository
        let schema = try String(contentsOf: repository.appendingPathComponent("schemas/commands.schema.json"), encoding: .utf8)
        let line = try #require(schema.split(separator: "\n").first { $0.contains("\"not\": { \"enum\"") })
        let listed = line.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            .filter { $0 != "not" && $0 != "enum" }
        let builtIns = try HyperProcess.run(["list", "--json"], in: repository)
        let names = builtIns.stdout.split(separator: "\n").filter { $0.contains("\"usage\": \"hyper ") }
            .compactMap { $0.split(separator: "\"").dropFirst(3).first.map(String.init) }
        #expect(listed.sorted() == ["completions", "help", "list", "validate", "version"])
        #expect(names.sorted() == listed.sorted())
    }

    /// `hyper validate --schema` prints `schemas/commands.schema.json` byte
    /// for byte: the copy the binary carries (`ManifestSchema.swift`) is never
    /// left behind when the file changes. To copy it again, run the command
    /// in that source file's comment.
    @Test func theBinaryCarriesTheSchemaByteForByte() throws {
        let repository = HyperProcess.repository
        let file = try Data(contentsOf: repository.appendingPathComponent("schemas/commands.schema.json"))
        let project = try TemporaryProject()
        let result = try project.run(["validate", "--schema"])
        #expect(result.status == 0 && result.stderr == "")
        #expect(Data(result.stdout.utf8) == file, "Sources/HyperCommands/CLI/ManifestSchema.swift is not schemas/commands.schema.json")
        #expect(try project.run(["validate", "--schema", "commands.d"])
            == RunResult(status: 2, stdout: "", stderr: "Error: `--schema` takes no other arguments\n"))
        #expect(try project.run(["validate", "--shcema"])
            == RunResult(status: 2, stdout: "", stderr: "Error: Unknown argument: --shcema\nhelp: did you mean `--schema`?\n"))
    }
}
