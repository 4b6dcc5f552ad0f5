import Foundation

/// The result of one run of the built `hyper` binary.
struct RunResult: Equatable, CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "status \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// Runs the real `hyper` (or another built product) as a subprocess.
enum HyperProcess {
    /// The folder holding the built products: the test bundle sits beside them.
    static let productsDirectory: URL = {
        if let override = ProcessInfo.processInfo.environment["HYPER_PRODUCTS_DIR"] {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }()

    static var hyper: URL { productsDirectory.appendingPathComponent("hyper") }

    /// Where the binaries under test keep their index during this test run.
    static let indexDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("hyper-index-\(getpid())")

    /// The repository's `Tests/Fixtures` folder.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The repository's root folder.
    static let repository = fixtures.deletingLastPathComponent().deletingLastPathComponent()

    /// Runs one of the repository's Python checkers (`path` from the root) in
    /// the root, with the built `hyper` as its first argument and, when asked,
    /// the built `hyper-example` as its second.
    static func runScript(_ path: String, withExample: Bool = false) throws -> RunResult {
        var arguments = ["python3", repository.appendingPathComponent(path).path, hyper.path]
        if withExample { arguments.append(productsDirectory.appendingPathComponent("hyper-example").path) }
        return try run(arguments, in: repository, executable: URL(fileURLWithPath: "/usr/bin/env"))
    }

    static func run(
        _ arguments: [String],
        in directory: URL,
        executable: URL = hyper,
        environment: [String: String] = [:],
        removing: [String] = [],
        stdin: Data? = nil
    ) throws -> RunResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for name in env.keys where name.hasPrefix("HYPER_") { env[name] = nil }
        // Set on GitHub's runners; `--format github` paths depend on it.
        env["GITHUB_WORKSPACE"] = nil
        for name in removing { env[name] = nil }
        env["NO_COLOR"] = "1"
        // Help is laid out for 80 columns unless a test asks otherwise.
        env["COLUMNS"] = nil
        // Indexes go to a folder of this test run, never the user's cache.
        env["HYPER_INDEX_DIR"] = indexDirectory.path
        for (name, value) in environment { env[name] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read both pipes concurrently so a full pipe never blocks the child.
        let errBox = DataBox()
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done) { errBox.data = err.fileHandleForReading.readDataToEndOfFile() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        done.wait()
        let errData = errBox.data
        return RunResult(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }
}

/// Written by one queue before `DispatchGroup.wait` returns, read after it.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}

/// A temporary project folder, removed when the test ends.
final class TemporaryProject: @unchecked Sendable {  // immutable after init
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("hyper-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("commands.d"), withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    @discardableResult
    func write(_ path: String, _ text: String, executable: Bool = false) throws -> URL {
        try write(path, Data(text.utf8), executable: executable)
    }

    @discardableResult
    func write(_ path: String, _ data: Data, executable: Bool = false) throws -> URL {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        if executable {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        return url
    }

    func run(_ arguments: [String], in subfolder: String = "", environment: [String: String] = [:], stdin: Data? = nil) throws -> RunResult {
        let directory = subfolder.isEmpty ? root : root.appendingPathComponent(subfolder)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try HyperProcess.run(arguments, in: directory, environment: environment, stdin: stdin)
    }
}
