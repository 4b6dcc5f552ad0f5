import Foundation
import Testing
@_spi(Fuzz) @testable import HyperCommands

/// Collects what a `Console` prints.
final class CapturedConsole: Sendable {
    private let text = Lock<(out: String, err: String)>(("", ""))

    var console: Console {
        Console(out: { line in self.text.withLock { $0.out += line } }, err: { line in self.text.withLock { $0.err += line } })
    }

    var out: String { text.withLock { $0.out } }
    var err: String { text.withLock { $0.err } }
}

struct SeedArguments: Decodable, Sendable {
    var count: Int
    var verbose: Bool
    var dryRun: Bool?
    var label: String?
    var rate: Double
}

private struct NotFlat: Decodable, Sendable {
    struct Inner: Decodable, Sendable { var x: Int }
    var inner: Inner
}

private struct SmallFloat: Decodable, Sendable {
    var ratio: Float
}

private func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hyper-unit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url.appendingPathComponent("commands.d"), withIntermediateDirectories: true)
    return url
}

@Suite struct RegistryTests {
    /// An empty path names nothing; it is not the current folder.
    @Test func discoveringAnEmptyPathFails() throws {
        let registry = CommandRegistry()
        #expect(throws: ManifestErrors.self) { try registry.discoverCommands([""], workingDirectory: "/") }
        do {
            try registry.discoverCommands([""], workingDirectory: "/")
        } catch {
            #expect(error.description == "hyper: error: an empty path names no file or folder [E100]\n")
        }
    }

    /// Lookups are by bytes, not canonical equivalence.
    @Test func namesAreLookedUpAsBytes() throws {
        let registry = CommandRegistry()
        try registry.command("Kill") { _ in }
        try registry.registerHandler("caf\u{E9}") { _ in }
        #expect(registry.getCommand("Kill") != nil)
        #expect(registry.getCommand("\u{212A}ill") == nil)
        #expect(registry.handler(named: "caf\u{E9}") != nil)
        #expect(registry.handler(named: "cafe\u{301}") == nil)
    }

    @Test func registersCodeCommandsByTheManifestRules() throws {
        let registry = CommandRegistry()
        try registry.command("cleanup", help: "Clear expired sessions") { _ in }
        #expect(registry.getCommand("cleanup")?.help == "Clear expired sessions")
        #expect(throws: RegistrationError(message: "command `cleanup` is already registered")) {
            try registry.command("cleanup") { _ in }
        }
        func refused(_ command: CommandDefinition) -> RegistrationError? {
            do {
                try registry.register(command)
                return nil
            } catch {
                return error
            }
        }
        let noop: CommandHandler = { _ in }
        #expect(refused(CommandDefinition(name: "validate", run: noop))
                == RegistrationError(message: "`validate` is a built-in command of hyper", code: .reservedCommandName,
                                     help: "choose another name; reserved: `completions`, `help`, `list`, `validate`, `version`"))
        #expect(refused(CommandDefinition(name: "9x", run: noop))
                == RegistrationError(message: "invalid command name `9x`", code: .invalidCommandName,
                                     help: "a command name is a letter, then letters, digits, `-` or `_`, at most 64 characters; `:` separates namespaces (`db:migrate`)"))
        #expect(refused(CommandDefinition(name: "a", args: [ArgDefinition(name: "Name")], run: noop))?.message
                == "command `a`: invalid arg name `Name`")
        #expect(refused(CommandDefinition(name: "b", args: [ArgDefinition(name: "n", type: .int, default: .str("x"))], run: noop))?.message
                == "command `b`: invalid default for `n`: expected int, got str")
        for order in [["verbose", "no_verbose"], ["no_verbose", "verbose"]] {
            let args = order.map { ArgDefinition(name: $0, type: $0 == "verbose" ? .bool : .str, default: $0 == "verbose" ? nil : .str("")) }
            #expect(refused(CommandDefinition(name: "c", args: args, run: noop))?.message
                    == "command `c`: `--no-verbose` would both clear flag `verbose` and set arg `no_verbose`")
        }
        #expect(refused(CommandDefinition(name: "d", args: [ArgDefinition(name: "n"), ArgDefinition(name: "n")], run: noop))?.message
                == "command `d`: arg `n` is declared twice")
        #expect(registry.listCommands().map(\.name) == ["cleanup"])
        #expect(registry.codeCommandNames == ["cleanup"])
    }

    @Test func readsADecodableArgumentsType() throws {
        let signature = try SignatureReader.signature(of: SeedArguments.self)
        #expect(signature == HandlerSignature(typeName: "SeedArguments", fields: [
            .init(name: "count", type: .int, isOptional: false),
            .init(name: "verbose", type: .bool, isOptional: false),
            .init(name: "dry_run", type: .bool, isOptional: true, propertyName: "dryRun"),
            .init(name: "label", type: .str, isOptional: true),
            .init(name: "rate", type: .float, isOptional: false),
        ]))
        let registry = CommandRegistry()
        #expect(throws: RegistrationError(message: "handler `n`: `NotFlat` cannot be its arguments type: property `inner` has type `Inner`; \(SignatureReader.supported)")) {
            try registry.registerHandler("n", arguments: NotFlat.self) { _ in }
        }
        #expect(throws: RegistrationError(message: "handler `f`: `SmallFloat` cannot be its arguments type: property `ratio` has type `Float`; \(SignatureReader.supported)")) {
            try registry.registerHandler("f", arguments: SmallFloat.self) { _ in }
        }
    }

    @Test func decodesValuesIntoTheArgumentsType() throws {
        let parsed = ParsedArguments(command: "seed", values: ["count": .int(5), "verbose": .bool(true), "dry_run": .bool(false), "rate": .float(0.5)])
        let decoded = try parsed.decode(SeedArguments.self)
        #expect(decoded.count == 5 && decoded.verbose && decoded.dryRun == false && decoded.label == nil && decoded.rate == 0.5)
        #expect(throws: DecodingError.self) { try ParsedArguments(command: "seed", values: [:]).decode(SeedArguments.self) }
    }

    @Test func discoverReturnsTheSortedNewNames() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "commands:\n  zed:\n    help: Z\n    exec: [true]\n  alpha:\n    help: A\n    sh: echo\n".write(
            to: folder.appendingPathComponent("commands.d/a.yaml"), atomically: true, encoding: .utf8)
        let registry = CommandRegistry()
        try registry.command("code", help: "In code") { _ in }
        #expect(try registry.discoverCommands([folder.appendingPathComponent("commands.d").path]) == ["alpha", "zed"])
        #expect(try registry.discoverCommands([folder.appendingPathComponent("commands.d").path]) == [])
        #expect(registry.listCommands().map(\.name) == ["alpha", "code", "zed"])
    }

    @Test func discoverThrowsEveryDiagnostic() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "commands:\n  a:\n    hepl: x\n    handler: nope\n".write(to: folder.appendingPathComponent("commands.d/a.yaml"), atomically: true, encoding: .utf8)
        let registry = CommandRegistry()
        do {
            try registry.discoverCommands(["commands.d"], workingDirectory: folder.path)
            Issue.record("no error thrown")
        } catch {
            #expect(error.description == """
            commands.d/a.yaml:3:5: error: unknown key `hepl` in command `a` [E201]

            """)
        }
        #expect(registry.listCommands().isEmpty)
    }

    @Test func runCommandReturnsStatuses() async throws {
        let registry = CommandRegistry()
        registry.programName = "hyper"
        let captured = CapturedConsole()
        struct Broken: Error, CustomStringConvertible { var description: String { "database is down" } }
        try registry.command("ok", args: [ArgDefinition(name: "count", type: .int, default: .int(1))]) { args in
            #expect(args.int("count") == 5)
        }
        try registry.command("fail") { _ in throw Broken() }
        try registry.register(CommandDefinition(name: "leave", args: [ArgDefinition(name: "code", type: .int)],
                                                action: .shell("exit $HYPER_ARG_CODE")))
        try registry.register(CommandDefinition(name: "die", action: .shell("kill -TERM $$")))
        try registry.register(CommandDefinition(name: "gone", action: .exec(ExecTemplate(program: "hyper-no-such-program"))))
        #expect(await registry.runCommand("ok", ["--count=5"], console: captured.console) == 0)
        #expect(await registry.runCommand("ok", ["--count=x"], console: captured.console) == 1)
        #expect(await registry.runCommand("fail", [], console: captured.console) == 1)
        #expect(await registry.runCommand("leave", ["7"], console: captured.console) == 7)
        #expect(await registry.runCommand("die", [], console: captured.console) == 128 + 15)
        #expect(await registry.runCommand("gone", [], console: captured.console) == 127)
        #expect(await registry.runCommand("nope", [], console: captured.console) == 1)
        #expect(captured.err == """
        Error: Invalid value for --count: expected int, got 'x'
        Error: command `fail` failed: database is down
        Error: program not found: `hyper-no-such-program`
        Error: Unknown command: nope
        help: did you mean `gone`?

        """)
        #expect(captured.out == "")
    }

    /// `runCommand`'s help and `formatHelp` call the program by the
    /// registry's `programName`: the executable's file name unless set.
    @Test func theProgramNameIsTheRegistrys() async throws {
        let registry = CommandRegistry()
        #expect(registry.programName == CommandLine.arguments[0].split(separator: "/").last.map(String.init))
        try registry.command("seed", help: "Seed") { _ in }
        registry.programName = "mytool"
        let captured = CapturedConsole()
        #expect(await registry.runCommand("seed", ["--help"], console: captured.console) == 0)
        #expect(captured.out == "Usage: mytool seed [OPTIONS]\n\n  Seed\n")
        let cli = HyperCLI(registry: registry, console: captured.console, workingDirectory: "/", environment: [:])
        #expect(cli.programName == "mytool")
        #expect(HyperCLI(registry: registry, console: captured.console, workingDirectory: "/", environment: [:], name: "other").run(["--version"]) == 0)
        #expect(captured.out.hasSuffix("\nother (hyper 0.1.0)\n"))
    }

    @Test func handlersRegisteredByNameRunFromManifests() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "commands:\n  seed:\n    help: Seed\n    handler: seed\n    args:\n      count: {type: int, default: 100}\n      verbose: bool\n      rate: {type: float, default: 1}\n"
            .write(to: folder.appendingPathComponent("commands.d/a.yaml"), atomically: true, encoding: .utf8)
        let registry = CommandRegistry()
        let seen = Lock<[Int]>([])
        try registry.registerHandler("seed", arguments: SeedArguments.self) { args in seen.withLock { $0.append(args.count) } }
        try registry.discoverCommands([folder.appendingPathComponent("commands.d").path])
        #expect(await registry.runCommand("seed", ["--count", "50", "--verbose"]) == 0)
        #expect(await registry.runCommand("seed", []) == 0)
        #expect(seen.withLock { $0 } == [50, 100])
    }
}

/// Many threads and tasks at once on one registry: registration, discovery,
/// lookup, listing and runs. Run under `swift test --sanitize=thread` in CI.
@Suite struct RegistryConcurrencyTests {
    @Test func threadsHammerOneRegistry() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var manifest = "commands:\n"
        for index in 0..<50 { manifest += "  m\(index):\n    help: M\n    exec: [true]\n" }
        try manifest.write(to: folder.appendingPathComponent("commands.d/m.yaml"), atomically: true, encoding: .utf8)

        let registry = CommandRegistry()
        let discovered = Lock<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { thread in
            for index in 0..<25 {
                try! registry.command("c\(thread)-\(index)", help: "C") { _ in }
                try! registry.registerHandler("h\(thread)-\(index)") { _ in }
                _ = registry.getCommand("c0-0")
                _ = registry.listCommands().count
                _ = registry.handlerCatalog.names.count
            }
            let names = try! registry.discoverCommands([folder.appendingPathComponent("commands.d").path])
            discovered.withLock { $0 += names }
        }
        #expect(registry.listCommands().count == 16 * 25 + 50)
        #expect(registry.handlerCatalog.names.count == 16 * 25)
        // Every manifest command was newly registered by exactly one discovery.
        #expect(discovered.withLock { $0.sorted() } == (0..<50).map { "m\($0)" }.sorted())
    }

    @Test func tasksRunAndRegisterConcurrently() async throws {
        let registry = CommandRegistry()
        let runs = Lock(0)
        try registry.command("count") { _ in runs.withLock { $0 += 1 } }
        let statuses = await withTaskGroup(of: Int32.self) { group in
            for task in 0..<64 {
                group.addTask {
                    try? registry.command("t\(task)") { _ in }
                    return await registry.runCommand("count", [])
                }
            }
            var all: [Int32] = []
            for await status in group { all.append(status) }
            return all
        }
        #expect(statuses == Array(repeating: 0, count: 64))
        #expect(runs.withLock { $0 } == 64)
        #expect(registry.listCommands().count == 65)
    }
}
