import Testing
@testable import HyperCommands

/// What the decoder makes of the arg keys beyond type, default, required
/// and help, and of conditional `exec` elements: the exact model.
@Suite struct ManifestArgKeysTests {
    static func load(_ yaml: String) -> ManifestLoad {
        ManifestLoader.decode(bytes: Array(yaml.utf8), file: "a.yaml")
    }

    static func args(_ yaml: String) throws -> [ArgDefinition] {
        let load = load("commands:\n  c:\n    help: H\n    exec: [echo]\n    args:\n" + yaml)
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics)")
        return try #require(load.commands.first).args.map { arg in
            var arg = arg
            arg.location = nil
            return arg
        }
    }

    @Test func everyKeyReachesTheModel() throws {
        let args = try Self.args("""
                  port: {type: int, default: 8000, short: p, env: PORT, min: 1, max: 65535, help: Port}
                  mode: {short: m, default: fast, choices: {fast: Skip the slow checks, full: Everything}}
                  ratio: {type: float, choices: [0.5, 1e0], required: false}
                  apps: {multiple: true, default: [accounts, billing], hidden: true}
                  none: {type: path, multiple: true, default: []}
                  settings: {type: path, default: "config/my settings.py", deprecated: use --config}
                  quiet: {type: bool, env: QUIET}
                  more: {rest: true, multiple: true}

            """)
        #expect(args == [
            ArgDefinition(name: "port", type: .int, default: .int(8000), help: "Port", short: "p", env: "PORT",
                          minimum: .int(1), maximum: .int(65535)),
            ArgDefinition(name: "mode", default: .str("fast"), short: "m",
                          choices: [.init(.str("fast"), help: "Skip the slow checks"), .init(.str("full"), help: "Everything")]),
            ArgDefinition(name: "ratio", type: .float, required: false, choices: [.init(.float(0.5)), .init(.float(1))]),
            ArgDefinition(name: "apps", default: .list([.str("accounts"), .str("billing")]), multiple: true, hidden: true),
            ArgDefinition(name: "none", type: .path, default: .list([]), multiple: true),
            ArgDefinition(name: "settings", type: .path, default: .path("config/my settings.py"), deprecated: "use --config"),
            ArgDefinition(name: "quiet", type: .bool, env: "QUIET"),
            ArgDefinition(name: "more", rest: true),
        ])
        #expect(args[7].default == .list([]) && !args[7].required && args[7].isList)
        #expect(args[3].required == false)
    }

    /// Without a default a `multiple` arg is required; a rest arg never is.
    @Test func listsWithoutADefault() throws {
        let args = try Self.args("      tags: {multiple: true}\n      words: {rest: true}\n")
        #expect(args[0].required && args[0].default == nil)
        #expect(!args[1].required && args[1].default == .list([]))
    }

    /// A null default of a list is no list: `default: []` is.
    @Test func aNullListDefaultSaysSo() {
        let load = Self.load("commands:\n  c:\n    help: H\n    exec: [echo]\n    args:\n      tags: {multiple: true, default: ~}\n")
        #expect(load.diagnostics.map(\.code) == [.nullValue])
        #expect(load.diagnostics.first?.help == "write `default: []` for no values, or remove `default`")
    }

    @Test func conditionsBecomeElements() throws {
        let load = Self.load("""
            commands:
              m:
                help: H
                exec:
                  - echo
                  - {if: dry_run, then: --plan}
                  - if: db
                    then: [--database, "{db}"]
                    else: --database=default
                  - "{apps}"
                args:
                  dry_run: bool
                  db: {required: false}
                  apps: {multiple: true, default: []}

            """)
        #expect(load.diagnostics.isEmpty, "\(load.diagnostics)")
        guard case .exec(let template)? = load.commands.first?.action else {
            Issue.record("no exec command")
            return
        }
        #expect(template.arguments.map(\.condition) == [
            ExecTemplate.Condition(arg: "dry_run", then: [.init(parts: [.literal("--plan")], location: SourceLocation(file: "a.yaml", line: 6, column: 29, length: 6))]),
            ExecTemplate.Condition(arg: "db", then: [
                .init(parts: [.literal("--database")], location: SourceLocation(file: "a.yaml", line: 8, column: 16, length: 10)),
                .init(parts: [.placeholder("db")], location: SourceLocation(file: "a.yaml", line: 8, column: 28, length: 6)),
            ], otherwise: [.init(parts: [.literal("--database=default")], location: SourceLocation(file: "a.yaml", line: 9, column: 15, length: 18))]),
            nil,
        ])
        // A condition is located at the arg it names.
        #expect(template.arguments[0].location == SourceLocation(file: "a.yaml", line: 6, column: 14, length: 7))
        #expect(template.arguments[1].location == SourceLocation(file: "a.yaml", line: 7, column: 13, length: 2))
        #expect(template.arguments[2].parts == [.placeholder("apps")])
    }

    /// The program is never a condition, and an `exec` that is not sound
    /// loads nothing.
    @Test func theProgramIsPlainText() {
        let load = Self.load("commands:\n  m:\n    help: H\n    exec: [{if: a, then: b}]\n")
        #expect(load.diagnostics.map(\.code) == [.wrongKind])
        #expect(load.commands.isEmpty)
    }
}
