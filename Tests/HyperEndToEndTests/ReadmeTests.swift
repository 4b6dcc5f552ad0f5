import Foundation
import Testing

/// What the README tells a user to type and what it says hyper prints.
@Suite struct ReadmeTests {
    static let readme: String = {
        let repository = HyperProcess.fixtures.deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    }()

    /// A user's own project points its editor at the schema the binary
    /// carries, as the README says; hyper reads only the manifests beside it.
    @Test func theSchemaRecipeWorksInAProjectOfItsOwn() throws {
        #expect(Self.readme.contains("```sh\nhyper validate --schema > commands.d/.hyper-schema.json\n```"))
        #expect(Self.readme.contains("```text\n# yaml-language-server: $schema=.hyper-schema.json\n```"))
        let project = try TemporaryProject()
        let schema = try project.run(["validate", "--schema"])
        try project.write("commands.d/.hyper-schema.json", schema.stdout)
        try project.write("commands.d/tasks.yaml", "# yaml-language-server: $schema=.hyper-schema.json\ncommands:\n  hi:\n    help: Say hi\n    exec: [echo, hi]\n")
        #expect(try project.run(["validate", "--strict"]) == RunResult(status: 0, stdout: "1 manifest, 1 command: 0 errors, 0 warnings\n", stderr: ""))
        #expect(try project.run(["hi"]) == RunResult(status: 0, stdout: "hi\n", stderr: ""))
    }
}
