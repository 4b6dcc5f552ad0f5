#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Holds commands and handlers: those defined in code, those discovered from
/// manifests, and the Swift handlers that `handler:` bindings name.
///
/// Safe to use from many threads and tasks at once: every access goes through
/// one lock. The free functions (`runCommand`, `listCommands`, ...) use
/// `CommandRegistry.shared`; tests make their own.
public final class CommandRegistry: Sendable {
    /// A Swift handler, and the arguments type it declared, if any.
    struct Handler: Sendable {
        var run: CommandHandler
        var signature: HandlerSignature?
    }

    struct State {
        var commands: [String: CommandDefinition] = [:]
        /// Each alias, to its command's name.
        var aliases: [String: String] = [:]
        var codeCommands: Set<String> = []
        var handlers: [String: Handler] = [:]
        var programName: String?
    }

    /// The state and its mutex: not a `Lock<State>`, whose generic metadata
    /// every start of hyper would build.
    private final class Guarded: @unchecked Sendable {
        private let mutex = PthreadMutex()
        // Only touched in `withState`, under `mutex`.
        private var state = State()

        func withState<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
            try mutex.withLock { try body(&state) }
        }
    }

    private let guarded = Guarded()

    private func withState<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        try guarded.withState(body)
    }

    /// The registry the free functions use.
    public static let shared = CommandRegistry()

    public init() {}

    /// The name the registry's texts call the program by (`Usage: NAME seed
    /// [OPTIONS]` from `runCommand(name, ["--help"])` and `formatHelp`): by
    /// default the executable's file name, the last component of `argv[0]`.
    /// `HyperCLI` starts from it too.
    public var programName: String {
        get { withState { $0.programName } ?? Self.executableName() }
        set { withState { $0.programName = newValue } }
    }

    /// The last component of `argv[0]`, or `hyper` when it has none.
    static func executableName() -> String {
        guard CommandLine.argc > 0, let first = CommandLine.unsafeArgv[0] else { return "hyper" }
        // Read in place: copying a `String`'s UTF-8 view into an array is
        // generic code, slow on every warm call.
        let path = UnsafeRawBufferPointer(start: first, count: strlen(first))
        var end = path.count
        while end > 0 && path[end - 1] == UInt8(ascii: "/") { end -= 1 }
        var start = end
        while start > 0 && path[start - 1] != UInt8(ascii: "/") { start -= 1 }
        return start == end ? "hyper" : String(decoding: UnsafeRawBufferPointer(rebasing: path[start..<end]), as: UTF8.self)
    }

    /// The registered handlers, for validating `handler:` bindings.
    var handlerCatalog: HandlerCatalog {
        withState { state in
            HandlerCatalog(names: Array(state.handlers.keys), signatures: state.handlers.compactMapValues(\.signature))
        }
    }

    /// Names of the commands defined in code.
    var codeCommandNames: [String] {
        withState { $0.codeCommands.sorted() }
    }

    /// Every command, sorted by name.
    public func listCommands() -> [CommandDefinition] {
        withState { state in
            state.commands.values.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        }
    }

    /// The command with this name, if registered or discovered.
    public func getCommand(_ name: String) -> CommandDefinition? {
        withState { state in
            if let command = state.commands.exactly(name) { return command }
            guard !state.aliases.isEmpty, let owner = state.aliases.exactly(name) else { return nil }
            return state.commands.exactly(owner)
        }
    }

    func handler(named name: String) -> Handler? {
        withState { $0.handlers.exactly(name) }
    }

    /// Adds manifest commands as one batch; returns the names that were new.
    func addDiscovered(_ commands: [CommandDefinition]) -> [String] {
        withState { state in
            var added: [String] = []
            for command in commands where state.isFree(command) {
                state.add(command)
                added.append(command.name)
            }
            return added
        }
    }

    func insert(_ command: CommandDefinition, fromCode: Bool) -> Bool {
        withState { state in
            guard state.isFree(command) else { return false }
            state.add(command)
            if fromCode { for name in command.names { state.codeCommands.insert(name) } }
            return true
        }
    }

    func insertHandler(_ name: String, _ handler: Handler) -> Bool {
        withState { state in
            guard state.handlers[name] == nil else { return false }
            state.handlers[name] = handler
            return true
        }
    }
}

extension CommandRegistry.State {
    /// True when none of the command's names or aliases is taken.
    func isFree(_ command: CommandDefinition) -> Bool {
        command.names.allSatisfy { commands.exactly($0) == nil && aliases.exactly($0) == nil }
    }

    mutating func add(_ command: CommandDefinition) {
        commands[command.name] = command
        for alias in command.aliases { aliases[alias] = command.name }
    }
}
