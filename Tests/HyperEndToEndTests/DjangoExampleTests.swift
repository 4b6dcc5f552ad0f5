import Foundation
import Testing

/// The Django-style example project (Examples/django) replaces a Makefile
/// and manage.py wrappers: each case runs the real binary there and asserts
/// the exact argv the stand-in programs print (`[word]` per argument).
@Suite struct DjangoExampleTests {
    static let project = HyperProcess.repository
        .appendingPathComponent("Examples/django")

    static func run(_ words: [String], in subfolder: String = "", environment: [String: String] = [:]) throws -> RunResult {
        try HyperProcess.run(words, in: subfolder.isEmpty ? project : project.appendingPathComponent(subfolder), environment: environment)
    }

    @Test func validatesClean() throws {
        #expect(try Self.run(["validate", "--strict"]) == RunResult(status: 0, stdout: "1 manifest, 8 commands: 0 errors, 0 warnings\n", stderr: ""))
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
        #expect(try Self.run(["serve"]).stdout == "manage.py (settings app.settings.dev) [runserver] [0.0.0.0:8000]\n")
        #expect(try Self.run(["serve"], environment: ["PORT": "9000"]).stdout == "manage.py (settings app.settings.dev) [runserver] [0.0.0.0:9000]\n")
        #expect(try Self.run(["serve", "--port", "9001"], environment: ["PORT": "9000"]).stdout == "manage.py (settings app.settings.dev) [runserver] [0.0.0.0:9001]\n")
        #expect(try Self.run(["serve"], environment: ["PORT": "70000"])
                == RunResult(status: 1, stdout: "", stderr: "Error: Invalid value for --port (from $PORT): 70000 is over the maximum of 65535\n"))
    }

    @Test func deployTargetsAreChoices() throws {
        #expect(try Self.run(["--yes", "deploy", "-t", "staging"]).stdout == "manage.py [deploy] [--target=staging]\n")
        #expect(try Self.run(["--yes", "deploy", "--target", "prodution"])
                == RunResult(status: 1, stdout: "",
                             stderr: "Error: Invalid value for --target: expected one of staging, production, got 'prodution'\nhelp: did you mean `production`?\n"))
    }

    @Test func aPathFromASubfolderIsTheSameFile() throws {
        let file = Self.project.appendingPathComponent("app/src/views.py").path
        #expect(try Self.run(["lint", "views.py"], in: "app/src").stdout == "pytest [--lint] [\(file)]\n")
        #expect(try Self.run(["lint", "app/src/views.py"]).stdout == "pytest [--lint] [\(file)]\n")
    }

    @Test func theListIsGroupedWithAliasesBesideNames() throws {
        let list = try Self.run([])
        #expect(list.stdout.contains("""

        Quality:
          lint            Lint one file or folder, named from wherever you are
          test, t         Run the test suite; everything after the options goes to
                          pytest

        Database:
          db:flush        Delete every row of every table
          db:shell        Open a database shell
          migrate, m      Apply database migrations

        Server:
          deploy          Deploy to an environment
          serve           Run the development server

        Frontend:
          frontend:build  Build the frontend bundle

        """), "\(list)")
        #expect(try Self.run(["t", "-k", "x"]).stdout == "pytest [-k] [x]\n")
        #expect(try Self.run(["m", "-n"]).stdout == "manage.py [migrate] [--plan]\n")
    }

    /// The destructive commands ask first; `--yes` or HYPER_YES=1 answers.
    @Test func flushAndDeployAskFirst() throws {
        #expect(try Self.run(["db", "flush"]) == RunResult(status: 1, stdout: "", stderr: """
        Error: `db:flush` asks for confirmation, and there is no terminal to ask on; nothing was run
        help: confirm with `hyper --yes db:flush ...`, or set `HYPER_YES=1`

        """))
        #expect(try Self.run(["--yes", "db", "flush"]).stdout == "manage.py [flush] [--no-input] [--database=default]\n")
        #expect(try Self.run(["db:flush"], environment: ["HYPER_YES": "1", "DJANGO_DATABASE": "replica"]).stdout
                == "manage.py [flush] [--no-input] [--database=replica]\n")
        #expect(try Self.run(["--dry-run", "db", "flush"]).stdout.hasSuffix("confirmation: would ask \"Delete every row in the default database?\"\n"))
    }

    /// `frontend:build` runs in frontend/ with its own variables.
    @Test func theFrontendBuildsInItsFolder() throws {
        #expect(try Self.run(["frontend", "build"]) == RunResult(status: 0, stdout:
            "build in frontend [--mode=production] NODE_ENV=production PATH=node_modules/.bin\n", stderr: ""))
        #expect(try Self.run(["frontend:build", "--mode", "development"], in: "app/src").stdout
                == "build in frontend [--mode=development] NODE_ENV=development PATH=node_modules/.bin\n")
    }
}
