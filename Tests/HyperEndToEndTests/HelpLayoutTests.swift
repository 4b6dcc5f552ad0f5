import Foundation
import Testing

/// `CMD --help` and the list through the real binary, against goldens in
/// `Tests/Fixtures/expected/help` (the project is `Tests/Fixtures/help`,
/// whose `deploy` uses every kind of arg), at 40, 80 and 120 columns, with
/// and without colour; and the colour rules on a pipe and on a real
/// pseudo-terminal.
///
/// After a deliberate change of layout, regenerate the goldens with
/// `HYPER_UPDATE_GOLDEN=1 swift test --filter HelpLayoutTests` and review
/// the diff.
@Suite struct HelpLayoutTests {
    static let project = HyperProcess.fixtures.appendingPathComponent("help")
    static let expected = HyperProcess.fixtures.appendingPathComponent("expected/help")
    static let ptyRun = HyperProcess.fixtures.deletingLastPathComponent().appendingPathComponent("Terminal/pty_run.py")

    /// Compares with a golden file, byte for byte.
    static func expectGolden(_ output: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = expected.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["HYPER_UPDATE_GOLDEN"] == "1" {
            try Data(output.utf8).write(to: url)
        }
        let golden = try Data(contentsOf: url)
        #expect(Data(output.utf8) == golden, "\(name) differs:\n\(output)", sourceLocation: sourceLocation)
    }

    static let cases: [(words: [String], name: String, width: Int, color: Bool)] = {
        var cases: [(words: [String], name: String, width: Int, color: Bool)] = []
        for (words, name) in [(["deploy", "--help"], "deploy"), (["--help"], "list")] {
            for width in [40, 80, 120] {
                for color in [false, true] {
                    cases.append((words, name, width, color))
                }
            }
        }
        return cases
    }()

    @Test(arguments: cases.indices)
    func golden(_ index: Int) throws {
        let (words, name, width, color) = Self.cases[index]
        var environment = ["COLUMNS": String(width)]
        if color {
            environment["NO_COLOR"] = ""
            environment["CLICOLOR_FORCE"] = "1"
        }
        let result = try HyperProcess.run(words, in: Self.project, environment: environment)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        try Self.expectGolden(result.stdout, "\(name)-\(width)\(color ? "-color" : "").txt")
    }

    /// `hyper help deploy` and `hyper deploy --help` are the same text.
    @Test func helpNameIsTheSameText() throws {
        let direct = try HyperProcess.run(["deploy", "--help"], in: Self.project)
        let viaHelp = try HyperProcess.run(["help", "deploy"], in: Self.project)
        #expect(direct == viaHelp)
        #expect(direct.stdout.hasPrefix("Usage: hyper deploy [OPTIONS] <target> [root] [port] [mode] [level] [token]\n       [tag]... [-- REST...]\n"))
    }

    /// Width: `COLUMNS` when it is a positive number, else 80 off a
    /// terminal; never below 40.
    @Test func theWidthComesFromColumns() throws {
        let at80 = try HyperProcess.run(["--help"], in: Self.project)
        for columns in ["", "0", "-3", "wide", "99999999999999999999999"] {
            #expect(try HyperProcess.run(["--help"], in: Self.project, environment: ["COLUMNS": columns]) == at80, "COLUMNS=\(columns)")
        }
        let at40 = try HyperProcess.run(["--help"], in: Self.project, environment: ["COLUMNS": "40"])
        #expect(try HyperProcess.run(["--help"], in: Self.project, environment: ["COLUMNS": "12"]) == at40)
        #expect(at40 != at80)
    }

    // MARK: colour

    static let colorOptions = "\u{1B}[1;4mOptions:\u{1B}[0m\n"

    @Test func aPipeGetsNoColour() throws {
        let result = try HyperProcess.run(["build", "--help"], in: Self.project, environment: ["NO_COLOR": "", "TERM": "xterm"])
        #expect(result.stdout == "Usage: hyper build [OPTIONS]\n\n  Build the site\n")
        let error = try HyperProcess.run(["nope"], in: Self.project, environment: ["NO_COLOR": "", "TERM": "xterm"])
        #expect(error.stderr == "Error: Unknown command: nope\nhelp: run `hyper --help` to list the commands\n")
    }

    @Test func cliColorForceColoursAPipe() throws {
        let result = try HyperProcess.run(["build", "--help"], in: Self.project, environment: ["NO_COLOR": "", "CLICOLOR_FORCE": "1", "TERM": "dumb"])
        #expect(result.stdout == "\u{1B}[1;4mUsage:\u{1B}[0m \u{1B}[1mhyper build\u{1B}[0m [OPTIONS]\n\n  Build the site\n")
        let error = try HyperProcess.run(["deploy", "--port", "x"], in: Self.project, environment: ["NO_COLOR": "", "CLICOLOR_FORCE": "1"])
        #expect(error.stderr == "\u{1B}[1;31mError:\u{1B}[0m Invalid value for --port: expected int, got 'x'\n")
        #expect(error.status == 1)
        // `0` and empty do not force.
        for force in ["0", ""] {
            let plain = try HyperProcess.run(["build", "--help"], in: Self.project, environment: ["NO_COLOR": "", "CLICOLOR_FORCE": force])
            #expect(plain.stdout == "Usage: hyper build [OPTIONS]\n\n  Build the site\n")
        }
    }

    @Test func noColorWinsOverCliColorForce() throws {
        let result = try HyperProcess.run(["build", "--help"], in: Self.project, environment: ["NO_COLOR": "1", "CLICOLOR_FORCE": "1"])
        #expect(result.stdout == "Usage: hyper build [OPTIONS]\n\n  Build the site\n")
        let error = try HyperProcess.run(["nope"], in: Self.project, environment: ["NO_COLOR": "1", "CLICOLOR_FORCE": "1"])
        #expect(error.stderr == "Error: Unknown command: nope\nhelp: run `hyper --help` to list the commands\n")
    }

    /// Runs hyper on a pseudo-terminal `columns` wide.
    static func onTerminal(_ words: [String], columns: Int, environment: [String: String]) throws -> RunResult {
        try HyperProcess.run(["python3", ptyRun.path, String(columns), HyperProcess.hyper.path] + words, in: project,
                             executable: URL(fileURLWithPath: "/usr/bin/env"), environment: environment)
    }

    /// On a terminal: colour, and the terminal's width when `COLUMNS` is unset.
    @Test func aTerminalGetsColourAndItsWidth() throws {
        let result = try Self.onTerminal(["--help"], columns: 120, environment: ["NO_COLOR": "", "TERM": "xterm"])
        #expect(result.status == 0)
        let golden = try String(contentsOf: Self.expected.appendingPathComponent("list-120-color.txt"), encoding: .utf8)
        #expect(result.stdout == golden)
        // COLUMNS wins over the terminal's width.
        let narrow = try Self.onTerminal(["--help"], columns: 120, environment: ["NO_COLOR": "", "TERM": "xterm", "COLUMNS": "40"])
        #expect(narrow.stdout == (try String(contentsOf: Self.expected.appendingPathComponent("list-40-color.txt"), encoding: .utf8)))
        // Standard error too, with the same rule.
        let error = try Self.onTerminal(["nope"], columns: 80, environment: ["NO_COLOR": "", "TERM": "xterm"])
        #expect(error.stdout == "\u{1B}[1;31mError:\u{1B}[0m Unknown command: nope\n\u{1B}[1mhelp:\u{1B}[0m run `hyper --help` to list the commands\n")
        #expect(error.status == 2)
    }

    @Test func aDumbTerminalGetsNoColour() throws {
        let result = try Self.onTerminal(["build", "--help"], columns: 80, environment: ["NO_COLOR": "", "TERM": "dumb"])
        #expect(result.stdout == "Usage: hyper build [OPTIONS]\n\n  Build the site\n")
        let noColor = try Self.onTerminal(["build", "--help"], columns: 80, environment: ["NO_COLOR": "1", "TERM": "xterm"])
        #expect(noColor.stdout == "Usage: hyper build [OPTIONS]\n\n  Build the site\n")
    }

    /// A deprecated option's warning is coloured like the errors.
    @Test func warningsFollowTheSameRule() throws {
        let forced = try HyperProcess.run(["deploy", "prod", "--legacy", "--root", "/nonexistent-folder", "--", "--version"], in: Self.project,
                                          environment: ["NO_COLOR": "", "CLICOLOR_FORCE": "1", "PATH": "/nonexistent"])
        #expect(forced.stderr.hasPrefix("\u{1B}[1;33mwarning:\u{1B}[0m --legacy is deprecated\n"), "\(forced)")
        let plain = try HyperProcess.run(["deploy", "prod", "--legacy", "--", "--version"], in: Self.project,
                                         environment: ["PATH": "/nonexistent"])
        #expect(plain.stderr.hasPrefix("warning: --legacy is deprecated\n"), "\(plain)")
    }
}
