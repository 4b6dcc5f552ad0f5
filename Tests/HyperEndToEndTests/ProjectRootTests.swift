import Foundation
import Testing

/// Each command's project root comes from its own manifest: the parent of a
/// `commands.d` folder, else the manifest's own folder.
@Suite struct ProjectRootTests {
    @Test func aManifestOutsideCommandsDRunsInItsOwnFolder() throws {
        let project = try TemporaryProject()
        try project.write("proj/tasks.yaml", "commands:\n  where:\n    help: Where\n    sh: pwd\n  run:\n    help: Run\n    exec: [./run.sh]\n")
        try project.write("proj/run.sh", "#!/bin/sh\necho ran in \"$(pwd)\"\n", executable: true)
        let proj = project.root.appendingPathComponent("proj").path
        let result = try project.run(["--manifests", "tasks.yaml", "where"], in: "proj")
        #expect(result == RunResult(status: 0, stdout: proj + "\n", stderr: ""))
        #expect(try project.run(["--manifests", "tasks.yaml", "run"], in: "proj").stdout == "ran in \(proj)\n")
        let validate = try project.run(["validate", "tasks.yaml"], in: "proj")
        #expect(validate == RunResult(status: 0, stdout: "1 manifest, 2 commands: 0 errors, 0 warnings\n", stderr: ""))
    }

    @Test func eachCommandKeepsItsOwnManifestsRoot() throws {
        let project = try TemporaryProject()
        try project.write("a/commands.d/a.yaml", "commands:\n  first:\n    help: First\n    sh: pwd\n")
        try project.write("b/more.yaml", "commands:\n  second:\n    help: Second\n    sh: pwd\n")
        let manifests = ["--manifests", "a/commands.d", "--manifests", "b/more.yaml"]
        #expect(try project.run(manifests + ["first"]).stdout == project.root.appendingPathComponent("a").path + "\n")
        #expect(try project.run(manifests + ["second"]).stdout == project.root.appendingPathComponent("b").path + "\n")
        // From the index as from a full load.
        #expect(try project.run(manifests + ["second"]).stdout == project.root.appendingPathComponent("b").path + "\n")
    }

    @Test func aRelativeProgramIsCheckedFromItsCommandsRoot() throws {
        let project = try TemporaryProject()
        try project.write("a/commands.d/a.yaml", "commands:\n  first:\n    help: First\n    exec: [./go.sh]\n")
        try project.write("b/more.yaml", "commands:\n  second:\n    help: Second\n    exec: [./go.sh]\n")
        try project.write("b/go.sh", "#!/bin/sh\necho b\n", executable: true)
        let result = try project.run(["validate", "a/commands.d", "b/more.yaml"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("error[E304]: program `./go.sh` does not exist\n --> a/commands.d/a.yaml:4:12\n"))
        #expect(result.stdout.hasSuffix("2 manifests, 2 commands: 1 error, 0 warnings\n"))
    }
}
