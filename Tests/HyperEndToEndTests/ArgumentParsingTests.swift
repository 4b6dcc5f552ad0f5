import Foundation
import Testing

/// The argument keys through the real binaries, where they cross the CLI:
/// the deprecated warning on standard error, a real environment variable,
/// the pass-through with `--help` in it, and a path typed in a subfolder.
/// The example program (`Examples/seed`) defines `test` and `serve` in code.
@Suite struct ArgumentParsingTests {
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

    // MARK: rest

    /// `hyper test -k foo --help`: once the pass-through has begun, `--help` is the runner's.
    @Test func helpAfterThePassThroughBelongsToIt() throws {
        #expect(try example(["test", "-k", "foo", "--help"])
            == RunResult(status: 0, stdout: "Running the tests with [\"-k\", \"foo\", \"--help\"]\n", stderr: ""))
        #expect(try example(["test", "--verbose", "-k", "foo"])
            == RunResult(status: 0, stdout: "Running the tests verbosely with [\"-k\", \"foo\"]\n", stderr: ""))
        #expect(try example(["test", "-vk", "foo"])
            == RunResult(status: 0, stdout: "Running the tests with [\"-vk\", \"foo\"]\n", stderr: ""))
        #expect(try example(["test", "--", "-v"])
            == RunResult(status: 0, stdout: "Running the tests with [\"-v\"]\n", stderr: ""))
        #expect(try example(["test", "--help", "-k"]).stdout.hasPrefix("Usage: hyper-example test [OPTIONS] [-- RUNNER_ARGS...]\n"))
    }

    // MARK: deprecated

    @Test func aDeprecatedOptionWarnsOnStandardError() throws {
        let project = try TemporaryProject()
        let root = project.root.resolvingSymlinksInPath().path
        #expect(try example(["serve", "--docroot", "site"], in: project.root) == RunResult(status: 0, stdout: """
        Serving \(root)/site on port 8000 (dev)

        """, stderr: "warning: --docroot is deprecated: use --root\n"))
        #expect(try example(["serve", "--root", "site"], in: project.root).stderr == "")
    }

    // MARK: env

    @Test func aRealEnvironmentVariable() throws {
        let project = try TemporaryProject()
        let root = project.root.resolvingSymlinksInPath().path
        #expect(try example(["serve"], in: project.root, environment: ["PORT": "9000"]).stdout == "Serving \(root) on port 9000 (dev)\n")
        #expect(try example(["serve", "-p", "81"], in: project.root, environment: ["PORT": "9000"]).stdout == "Serving \(root) on port 81 (dev)\n")
        // Set but empty counts as unset.
        #expect(try example(["serve"], in: project.root, environment: ["PORT": ""]).stdout == "Serving \(root) on port 8000 (dev)\n")
        #expect(try example(["serve"], environment: ["PORT": "abc"])
            == RunResult(status: 1, stdout: "", stderr: "Error: Invalid value for --port (from $PORT): expected int, got 'abc'\n"))
        #expect(try example(["serve"], environment: ["PORT": "70000"])
            == RunResult(status: 1, stdout: "", stderr: "Error: Invalid value for --port (from $PORT): 70000 is over the maximum of 65535\n"))
    }

    // MARK: path

    /// A path typed in a subfolder is that subfolder's; a code command's
    /// default is the invocation folder too.
    @Test func aPathFromASubfolder() throws {
        let project = try TemporaryProject()
        let deeper = project.root.appendingPathComponent("sub/deeper")
        try FileManager.default.createDirectory(at: deeper, withIntermediateDirectories: true)
        let root = project.root.resolvingSymlinksInPath().path
        #expect(try example(["serve", "../site/./x/.."], in: deeper).stdout == "Serving \(root)/sub/site on port 8000 (dev)\n")
        #expect(try example(["serve", "--root=/srv//www/"], in: deeper).stdout == "Serving /srv/www on port 8000 (dev)\n")
        #expect(try example(["serve"], in: deeper).stdout == "Serving \(root)/sub/deeper on port 8000 (dev)\n")
    }

    // MARK: choices, lists, help

    @Test func choicesAndLists() throws {
        #expect(try example(["serve", "--mode", "prd"]) == RunResult(status: 1, stdout: "", stderr: """
        Error: Invalid value for --mode: expected one of dev, prod, got 'prd'
        help: did you mean `prod`?

        """))
        let project = try TemporaryProject()
        let root = project.root.resolvingSymlinksInPath().path
        #expect(try example(["serve", "--header", "b: 2", "--mode=prod", "--header", "a: 1"], in: project.root).stdout == """
        Serving \(root) on port 8000 (prod)
        Header: b: 2
        Header: a: 1

        """)
    }

    @Test func theHelpOfTheNewKeys() throws {
        #expect(try example(["serve", "--help"]) == RunResult(status: 0, stdout: """
        Usage: hyper-example serve [OPTIONS] [root] [port] [mode] [header]...

          Serve a folder

        Options:
              --root <path>      The folder to serve [default: .]
          -p, --port <int>       [default: 8000] [min: 1] [max: 65535] [env: PORT]
              --mode <str>       [default: dev]
                                 Possible values:
                                 - dev: Reload on every change
                                 - prod: Cache everything
              --header <str>...  An extra response header
              --docroot <path>   [deprecated: use --root]

        """, stderr: ""))
    }
}
