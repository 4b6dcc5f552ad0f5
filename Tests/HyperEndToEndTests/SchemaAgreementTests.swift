import Foundation
import Testing

/// The JSON Schema and the loader agree on every fixture, checked by the real
/// JSON Schema validator `jsonschema` (Python; `.ci/run` installs it).
@Suite struct SchemaAgreementTests {
    @Test func schemaAndLoaderAgree() throws {
        let repository = HyperProcess.fixtures.deletingLastPathComponent().deletingLastPathComponent()
        let script = repository.appendingPathComponent("Tests/SchemaAgreement/check_schema.py")
        let result = try HyperProcess.run(["python3", script.path, HyperProcess.hyper.path], in: repository,
                                          executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(result.status == 0, "\(result)")
        let closing = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(closing.hasSuffix(" passed, 0 failed"), "\(result)")
        let passed = Int(closing.split(separator: " ").first ?? "") ?? 0
        #expect(passed >= 80)
    }
}
