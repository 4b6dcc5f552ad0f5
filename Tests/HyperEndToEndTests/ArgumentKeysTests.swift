import Foundation
import Testing

/// The command line's rules through the real binaries, where they cross
/// the CLI.
@Suite struct ArgumentKeysTests {
    static let example = HyperProcess.productsDirectory.appendingPathComponent("hyper-example")

    /// Runs the example program in `folder` (an empty project unless given)
    /// with `PORT` unset unless `environment` sets it.
    private func example(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws -> RunResult {
        let project = try TemporaryProject()
        return try HyperProcess.run(arguments, in: folder ?? project.root, executable: Self.example, environment: environment, removing: ["PORT"])
    }

    // MARK: Foundations: a positional word is blamed as one

    @Test func aPositionalWordIsNamedWhenItIsWrong() throws {
        #expect(try example(["fetch", "https://a", "https://b"]) == RunResult(status: 1, stdout: "", stderr: """
        Error: Invalid value for --timeout (from the 2nd positional word): expected int, got 'https://b'

        """))
        let project = try TemporaryProject()
        try project.write("commands.d/db.yaml", """
        commands:
          seed:
            help: Seed the database with test data
            exec: [echo]
            args:
              count: {type: int, default: 100}
              verbose: bool

        """)
        #expect(try project.run(["seed", "extra"]) == RunResult(status: 1, stdout: "", stderr: """
        Error: Invalid value for --count (from the 1st positional word): expected int, got 'extra'

        """))
        // By name, the seed's words.
        #expect(try project.run(["seed", "--count", "extra"]).stderr == "Error: Invalid value for --count: expected int, got 'extra'\n")
    }
}
