import Foundation
import Testing

/// The Django-style example project (Examples/django) replaces a Makefile
/// and manage.py wrappers: each case runs the real binary there and asserts
/// the exact argv the stand-in programs print (`[word]` per argument).
@Suite struct DjangoExampleTests {
    static let project = HyperProcess.fixtures.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples/django")

    static func run(_ words: [String], in subfolder: String = "", environment: [String: String] = [:]) throws -> RunResult {
        try HyperProcess.run(words, in: subfolder.isEmpty ? project : project.appendingPathComponent(subfolder), environment: environment)
    }

    @Test func validatesClean() throws {
        #expect(try Self.run(["validate", "--strict"]) == RunResult(status: 0, stdout: "1 manifest, 5 commands: 0 errors, 0 warnings\n", stderr: ""))
    }

    @Test func testForwardsWordsToPytestExactly() throws {
        #expect(try Self.run(["test", "-k", "foo or bar", "-x"]).stdout == "pytest [-k] [foo or bar] [-x]\n")
        #expect(try Self.run(["test", "-v", "-k", "foo"]).stdout == "pytest [-v] [-k] [foo]\n")
        #expect(try Self.run(["test", "-k", "foo", "--help"]).stdout == "pytest [-k] [foo] [--help]\n")
        #expect(try Self.run(["test", "--", "--verbose"]).stdout == "pytest [--verbose]\n")
    }

    @Test func migratePassesPlanAndDatabaseOnlyWhenAsked() throws {
        #expect(try Self.run(["migrate"]).stdout == "manage.py [migrate]\n")
        #expect(try Self.run(["migrate", "-n", "--database", "replica", "accounts", "billing"]).stdout
                == "manage.py [migrate] [--plan] [--database] [replica] [accounts] [billing]\n")
        #expect(try Self.run(["migrate", "--dry-run"], environment: ["DJANGO_DATABASE": "analytics"]).stdout
                == "manage.py [migrate] [--plan] [--database] [analytics]\n")
    }

    @Test func servePortFromTheEnvironmentWithinBounds() throws {
        #expect(try Self.run(["serve"]).stdout == "manage.py [runserver] [0.0.0.0:8000]\n")
        #expect(try Self.run(["serve"], environment: ["PORT": "9000"]).stdout == "manage.py [runserver] [0.0.0.0:9000]\n")
        #expect(try Self.run(["serve", "--port", "9001"], environment: ["PORT": "9000"]).stdout == "manage.py [runserver] [0.0.0.0:9001]\n")
        #expect(try Self.run(["serve"], environment: ["PORT": "70000"])
                == RunResult(status: 1, stdout: "", stderr: "Error: Invalid value for --port (from $PORT): 70000 is over the maximum of 65535\n"))
    }

    @Test func deployTargetsAreChoices() throws {
        #expect(try Self.run(["deploy", "-t", "staging"]).stdout == "manage.py [deploy] [--target=staging]\n")
        #expect(try Self.run(["deploy", "--target", "prodution"])
                == RunResult(status: 1, stdout: "",
                             stderr: "Error: Invalid value for --target: expected one of staging, production, got 'prodution'\nhelp: did you mean `production`?\n"))
    }

    @Test func aPathFromASubfolderIsTheSameFile() throws {
        let file = Self.project.appendingPathComponent("app/src/views.py").path
        #expect(try Self.run(["lint", "views.py"], in: "app/src").stdout == "pytest [--lint] [\(file)]\n")
        #expect(try Self.run(["lint", "app/src/views.py"]).stdout == "pytest [--lint] [\(file)]\n")
    }
}
