#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `hyper` command line: one funnel from arguments to an exit status.
///
/// A program that embeds HyperCommands registers its handlers and commands on
/// a registry, then calls `HyperCLI.main(registry:)`; the `hyper` binary does
/// the same with an empty registry.
public struct HyperCLI: Sendable {
    public static let version = "0.1.0"

    public var registry: CommandRegistry
    public var console: Console
    /// The name the program is called by in what it prints: usage lines,
    /// hints, `--version`. By default the registry's `programName`, the
    /// executable's file name.
    public var programName: String
    /// Where relative paths start and the search for `commands.d` begins.
    /// Setting it clears a problem finding the current folder.
    public var workingDirectory: String {
        didSet { unknownWorkingDirectory = nil }
    }
    /// Why the current folder could not be known, when none was given: every
    /// call then stops with this error rather than guess a folder.
    var unknownWorkingDirectory: FileSystem.UnknownDirectory?
    /// `--manifests` values given before the command.
    var manifestOptions: [String] = []
    /// `HYPER_COMMANDS`, if set.
    var manifestEnvironment: String?
    /// Reads an environment variable (the process's, unless given).
    var environment: @Sendable (String) -> String?
    /// True when `environment` is the process's own, whose values may not be UTF-8.
    var readsProcessEnvironment = false
    /// False with `--no-index` or `HYPER_NO_INDEX=1`.
    var useIndex = true
    /// `--yes` or `HYPER_YES=1`: a command's `confirm` is answered yes.
    var assumeYes = false
    /// `--dry-run` or `--dry-run=json`: show what would run, run nothing.
    var dryRun: DryRun.Format?
    /// The index in `argv` of the first argument that is not valid UTF-8, if
    /// any (`main` finds it; the arguments `run` gets are Swift's repair).
    var invalidArgument: Int?

    public init(registry: CommandRegistry = .shared, console: Console = .standard, workingDirectory: String? = nil,
                environment: [String: String]? = nil, name: String? = nil) {
        self.registry = registry
        self.console = console
        self.programName = name ?? registry.programName
        (self.workingDirectory, unknownWorkingDirectory) = FileSystem.workingDirectory(given: workingDirectory)
        if let environment {
            self.environment = { environment[$0] }
        } else {
            self.environment = { name in getenv(name).map { String(cString: $0) } }
            readsProcessEnvironment = true
        }
        manifestEnvironment = self.environment("HYPER_COMMANDS")
        useIndex = self.environment("HYPER_NO_INDEX").map { $0.isEmpty || $0 == "0" } ?? true
        // Only a clear yes: `HYPER_YES=false` or `no` must never answer yes.
        assumeYes = self.environment("HYPER_YES").map { ["1", "true", "yes"].contains($0.lowercased()) } ?? false
    }

    /// Runs `hyper` with the process's arguments and exits with its status.
    /// `name` is what the program calls itself (default: the registry's
    /// `programName`, the executable's file name).
    public static func main(registry: CommandRegistry = .shared, name: String? = nil) -> Never {
        openClosedStandardDescriptors()
        var cli = HyperCLI(registry: registry, name: name)
        // Swift repairs invalid UTF-8 in argv silently; hyper refuses it instead,
        // so no value ever reaches a program changed.
        cli.invalidArgument = (1..<max(1, Int(CommandLine.argc))).first { index in
            CommandLine.unsafeArgv[index].map { String(validatingCString: $0) == nil } ?? false
        }
        exit(cli.run(Array(CommandLine.arguments.dropFirst())))
    }

    /// Puts `/dev/null`, read-only and close-on-exec, on each of descriptors
    /// 0, 1 and 2 that is closed. Left closed, the next `open` (a manifest,
    /// the index, the concurrency runtime's epoll descriptor) would take its
    /// number, and output meant for the terminal would go there. Read-only,
    /// a write to it fails (EBADF) and is reported; close-on-exec, a program
    /// hyper runs still finds it closed.
    static func openClosedStandardDescriptors() {
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            // The lowest free number: `fd` itself, as the ones below it are open.
            let opened = open("/dev/null", O_RDONLY | O_CLOEXEC)
            if opened >= 0 && opened != fd { close(opened) }
        }
    }

    /// Ends the process with a status, flushing what `print` buffered.
    public static func exit(_ status: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.exit(status)
        #else
        Darwin.exit(status)
        #endif
    }

    /// `programName`, made safe to print.
    var shownProgramName: String { TerminalText.line(programName) }

    var manifestSelection: ManifestSelection {
        ManifestSelection.resolve(options: manifestOptions, environment: manifestEnvironment, workingDirectory: workingDirectory)
    }

    var loader: ManifestLoader {
        ManifestLoader(workingDirectory: workingDirectory, handlers: registry.handlerCatalog, codeCommands: registry.codeCommandNames)
    }

    /// Runs one call and returns its exit status; every failure passes through here.
    public func run(_ arguments: [String]) -> Int32 {
        if let first = arguments.first, Names.same(first, Self.completionEntry) {
            // A prompt gets the protocol and nothing else, whatever goes wrong.
            guard unknownWorkingDirectory == nil else { return checkingOutput(completeNothing()) }
            return checkingOutput(completeWords(Array(arguments.dropFirst())))
        }
        if let unknownWorkingDirectory {
            return checkingOutput(report(.usage(unknownWorkingDirectory.reason)))
        }
        do {
            return checkingOutput(try dispatch(arguments))
        } catch {
            return checkingOutput(report(error))
        }
    }

    /// The call's status once its output is known to have been written, as
    /// in coreutils: a write to standard output that failed (`/dev/full`, a
    /// closed descriptor) is reported on standard error, and a status of 0
    /// becomes 1; a failed write to standard error makes it 1 too, silently.
    /// Only the process's own streams (`Console.standard`) are checked,
    /// including what Swift handlers `print`ed.
    private func checkingOutput(_ status: Int32) -> Int32 {
        guard let streams = console.streams else { return status }
        // What Swift handlers `print`ed is still in stdio's buffer.
        if let code = StandardOutput.flush() { streams.recordOutputFailure(code) }
        let failed = streams.failed
        guard failed.output != nil || failed.error != nil else { return status }
        if let code = failed.output {
            printError(ErrorText.lines("cannot write to standard output: \(String(cString: strerror(code)).lowercased())"))
        }
        return status == 0 ? 1 : status
    }

    private func report(_ failure: CLIFailure) -> Int32 {
        switch failure {
        case .usage(let message, let help):
            printError(ErrorText.lines(message, help: help))
            return 2
        case .failed(let text):
            printError(text)
            return 1
        case .invalidManifests(let load):
            let color = console.colorError
            let renderer = DiagnosticRenderer(sources: load.sources, color: color)
            console.err(renderer.render(load.diagnostics.filter { $0.severity == .error }, format: .human)
                        + ErrorText.painted(ErrorText.lines("the manifests have errors; nothing was run",
                                                            help: ["run `\(shownProgramName) validate` to check them, warnings included"]),
                                            color: color))
            return 1
        case .unknownCommand(let name, let suggestion, let brokenManifests):
            let broken = brokenManifests ? ["it may be declared in a manifest that has errors; run `\(shownProgramName) validate` to see them"] : []
            printError(ErrorText.lines("Unknown command: \(TerminalText.line(name))",
                                       help: (suggestion.map { [ErrorText.didYouMean($0)] } ?? []) + broken
                                           + ["run `\(shownProgramName) --help` to list the commands"]))
            return 2
        case .mayBeInBrokenManifest(let name, let shorter):
            printError(ErrorText.lines(
                "`\(TerminalText.line(name))` may be declared in a manifest that has errors, so `\(TerminalText.line(shorter))` is not run in its place",
                help: ["fix the manifests first; `\(shownProgramName) validate` shows their errors"]))
            return 1
        }
    }

    /// hyper's own options, which go before the command.
    static let ownOptions = ["--help", "--version", "--manifests", "--no-index", "--yes", "--dry-run"]

    /// Writes an error's lines (`Error:`, `help:`, `warning:`) to standard
    /// error, their labels in colour when it takes colour.
    func printError(_ text: String) {
        console.err(ErrorText.painted(text, color: console.colorError))
    }

    /// Why argument `index` of `argv` is refused.
    static func notUTF8(_ index: Int) -> String {
        "argument \(index) is not valid UTF-8"
    }

    /// A path given on the command line. An empty one would resolve to the
    /// current folder and quietly read its `*.yaml`: it is a usage error.
    static func path(_ text: String, for option: String) throws(CLIFailure) -> String {
        guard !text.isEmpty else { throw .usage("Invalid value for \(option): expected a path, got ''") }
        return text
    }

    private func dispatch(_ arguments: [String]) throws(CLIFailure) -> Int32 {
        var cli = self
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            let kind = ArgumentTokenizer.kind(of: word)
            // Words are compared as bytes (see `Names.same`).
            if Names.same(word, "--manifests") {
                guard index + 1 < arguments.count else { throw .usage("Missing value for --manifests") }
                cli.manifestOptions.append(try Self.path(arguments[index + 1], for: "--manifests"))
                index += 2
            } else if case .long(let name, let value?) = kind, Names.same(name, "--manifests") {
                cli.manifestOptions.append(try Self.path(value, for: "--manifests"))
                index += 1
            } else if Names.same(word, "--no-index") {
                cli.useIndex = false
                index += 1
            } else if Names.same(word, "--yes") {
                cli.assumeYes = true
                index += 1
            } else if Names.same(word, "--dry-run") || Names.same(word, "--dry-run=text") {
                cli.dryRun = .text
                index += 1
            } else if Names.same(word, "--dry-run=json") {
                cli.dryRun = .json
                index += 1
            } else if case .long(let name, let value?) = kind, Names.same(name, "--dry-run") {
                throw .usage("Invalid value for --dry-run: expected `text` or `json`, got '\(TerminalText.line(value))'")
            } else {
                break
            }
        }
        let rest = Array(arguments[index...])
        // A word that is not UTF-8 is refused, never repaired: among hyper's
        // own words (its options, the command's name, a built-in's words) as
        // a wrong use of hyper; among a command's words as that command's
        // error (`runCommand`). `arguments[i]` is `argv[i + 1]`.
        if let invalid = invalidArgument {
            let runsACommand = rest.first.map { BuiltIn.named($0) == nil && !Names.hasPrefix($0, "-") } ?? false
            if invalid <= index + 1 || !runsACommand { throw .usage(Self.notUTF8(invalid)) }
        }
        guard let first = rest.first else {
            return try cli.listCommands()
        }
        let tail = Array(rest.dropFirst())
        if Names.same(first, "-h") || Names.same(first, "--help") {
            return try cli.listCommands()
        } else if Names.same(first, "--version") || Names.same(first, "-V") {
            return cli.printVersion()
        } else if let builtIn = BuiltIn.named(first) {
            return try builtIn.run(cli, tail)
        } else if Names.hasPrefix(first, "-") {
            throw .unknownArgument(first, options: Self.ownOptions)
        }
        return try cli.runCommand(rest)
    }
}
