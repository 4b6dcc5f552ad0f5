import Foundation
import Testing

/// The arg keys beyond type, default, required and help, as `hyper
/// validate` sees them in a project: warnings (which no invalid fixture can
/// show: those exit 1) and the Django-style example.
@Suite struct ArgumentKeysTests {
    static let repository = HyperProcess.repository

    /// A `multiple` arg that takes positional words leaves none for an arg
    /// after it that could take one: W404 at that arg, once each; flags,
    /// the rest, hidden and deprecated args are given by name anyway.
    @Test func positionalAfterAListWarns() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", """
            commands:
              copy:
                help: Copy files into a folder
                exec: [cp, "{files}", "{dest}"]
                args:
                  files: {type: path, multiple: true}
                  force: bool
                  quiet: {type: str, hidden: true, required: false}
                  old: {type: str, required: false, deprecated: use --dest}
                  dest: path
                  rest: {rest: true}
              fine:
                help: A list last takes what is left
                exec: [cp, "{dest}", "{files}"]
                args:
                  dest: path
                  files: {type: path, multiple: true}
                  named: {type: str, multiple: true, hidden: true, default: []}
                  after: {type: str, default: x}

            """)
        let result = try project.run(["validate", "--format", "concise"])
        #expect(result.stdout == """
            commands.d/a.yaml:10:7: warning: `dest` can only be given by name: `files`, declared before it, takes every positional word [W404]
            commands.d/a.yaml:19:7: warning: `after` can only be given by name: `files`, declared before it, takes every positional word [W404]

            """)
        #expect(result.status == 0)
        let strict = try project.run(["validate", "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("= help: declare `dest` before `files` to give it by position too"), "\(strict)")
    }

    /// A command with an error gets no warning about positions: one
    /// problem at a time.
    @Test func noPositionalWarningBesideAnError() throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", """
            commands:
              copy:
                help: Copy files into a folder
                exec: [cp, "{files}", "{dest}"]
                args:
                  files: {type: path, multiple: true, short: ff}
                  dest: path

            """)
        let result = try project.run(["validate", "--format", "concise"])
        #expect(result.stdout.split(separator: "\n").map { String($0.split(separator: "[").last ?? "") } == ["E219]"])
    }

    /// Examples/django uses every new key the way a Django project would,
    /// and validates clean, strictly.
    @Test func theDjangoExampleValidates() throws {
        let result = try HyperProcess.run(["validate", "--strict"], in: Self.repository.appendingPathComponent("Examples/django"))
        #expect(result.stdout == "1 manifest, 8 commands: 0 errors, 0 warnings\n", "\(result)")
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    /// What the Django example declares reaches the model: shown by
    /// `hyper list --json`, which describes every field.
    @Test func theDjangoExampleDescribesItsKeys() throws {
        let result = try HyperProcess.run(["--no-index", "list", "--json"], in: Self.repository.appendingPathComponent("Examples/django"))
        #expect(result.status == 0, "\(result)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let commands = try #require(document["commands"] as? [[String: Any]])
        func arg(_ command: String, _ name: String) -> [String: Any]? {
            let args = commands.first { $0["name"] as? String == command }?["args"] as? [[String: Any]]
            return args?.first { $0["name"] as? String == name }
        }
        #expect(arg("test", "verbose")?["short"] as? String == "-v")
        #expect(arg("test", "args")?["rest"] as? Bool == true)
        #expect(arg("test", "args")?["multiple"] as? Bool == true)
        #expect(arg("migrate", "database")?["env"] as? String == "DJANGO_DATABASE")
        #expect(arg("migrate", "apps")?["default"] as? [String] == [])
        #expect(arg("serve", "port")?["min"] as? Int == 1)
        #expect(arg("serve", "port")?["max"] as? Int == 65535)
        let choices = arg("deploy", "target")?["choices"] as? [[String: String]]
        #expect(choices == [["value": "staging", "help": "The staging cluster"], ["value": "production", "help": "The production cluster"]])
        #expect(arg("lint", "file")?["type"] as? String == "path")
        let migrate = commands.first { $0["name"] as? String == "migrate" }?["binding"] as? [String: Any]
        let elements = migrate?["args"] as? [Any]
        #expect(elements?.count == 4)
        #expect((elements?[1] as? [String: Any])?["if"] as? String == "dry_run")
        #expect((elements?[2] as? [String: Any])?["then"] as? [String] == ["--database", "{database}"])
    }
}
