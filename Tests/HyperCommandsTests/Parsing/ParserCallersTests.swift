import Foundation
import Testing
@_spi(Fuzz) @testable import HyperCommands

/// What the callers of the parser give it and do with what it returns: the
/// CLI's environment and folder, `runCommand`'s, warnings on standard error.
@Suite struct ParserCallersTests {
    private static func serve(_ registry: CommandRegistry, _ seen: Lock<[ParsedArguments]>) throws {
        try registry.command("serve", args: [
            ArgDefinition(name: "root", type: .path, default: .path("site")),
            ArgDefinition(name: "port", type: .int, default: .int(8000), env: "PORT"),
            ArgDefinition(name: "docroot", type: .path, required: false, deprecated: "use --root"),
        ]) { args in seen.withLock { $0.append(args) } }
    }

    @Test func theCLIGivesItsEnvironmentAndFolder() throws {
        let registry = CommandRegistry()
        let seen = Lock<[ParsedArguments]>([])
        try Self.serve(registry, seen)
        let captured = CapturedConsole()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hyper-parser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cli = HyperCLI(registry: registry, console: captured.console, workingDirectory: folder.path, environment: ["PORT": "9000"])
        #expect(cli.run(["serve", "--docroot", "../www"]) == 0)
        #expect(captured.err == "warning: --docroot is deprecated: use --root\n")
        let values = try #require(seen.withLock { $0.first })
        #expect(values.int("port") == 9000)
        #expect(values.path("root") == folder.path + "/site")
        #expect(values.path("docroot") == folder.deletingLastPathComponent().path + "/www")
    }

    @Test func runCommandPrintsWarningsAndResolvesFromTheCurrentFolder() async throws {
        let registry = CommandRegistry()
        let seen = Lock<[ParsedArguments]>([])
        try Self.serve(registry, seen)
        let captured = CapturedConsole()
        #expect(await registry.runCommand("serve", ["--docroot", "x", "--port", "1"], console: captured.console) == 0)
        #expect(captured.err == "warning: --docroot is deprecated: use --root\n")
        let values = try #require(seen.withLock { $0.first })
        #expect(values.path("docroot") == Path.absolute("x", from: FileManager.default.currentDirectoryPath))
        #expect(await registry.runCommand("serve", ["--port", "x"], console: captured.console) == 1)
        #expect(captured.err.hasSuffix("Error: Invalid value for --port: expected int, got 'x'\n"))
    }
}
