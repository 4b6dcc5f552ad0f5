/// A command: the seed's `CommandDefinition(name, help, func, args)`.
///
/// The seed's `func` is `action`: a Swift handler registered by name, a closure
/// given in code, or an external program (`exec`) or script (`sh`) from a manifest.
///
/// Two definitions are equal when every field is, locations included;
/// closures cannot be compared, so any two `.closure` actions count as equal.
public struct CommandDefinition: Sendable, Equatable {
    public var name: String
    public var help: String
    public var args: [ArgDefinition]
    public var action: CommandAction
    /// Where the manifest declares it (the command's key); nil for commands defined in code.
    public var location: SourceLocation?
    /// Where the manifest writes the binding's value (`handler: NAME`'s NAME).
    public var actionLocation: SourceLocation?
    /// The folder an `exec` or `sh` command runs in and finds relative
    /// programs from: for a manifest inside a folder named `commands.d`, that
    /// folder's parent; for any other manifest, its own folder. Nil for
    /// commands defined in code, which run in the working directory.
    public var root: String?

    public init(
        name: String,
        help: String = "",
        args: [ArgDefinition] = [],
        action: CommandAction,
        location: SourceLocation? = nil,
        actionLocation: SourceLocation? = nil,
        root: String? = nil
    ) {
        self.name = name
        self.help = help
        self.args = args
        self.action = action
        self.location = location
        self.actionLocation = actionLocation
        self.root = root
    }

    /// The root of the commands a manifest at this absolute path declares
    /// (see `root`).
    static func root(ofManifest path: String) -> String {
        let folder = Path.parent(path)
        let name = folder.utf8.split(separator: UInt8(ascii: "/")).last.map { String(decoding: $0, as: UTF8.self) }
        return name == "commands.d" ? Path.parent(folder) : folder
    }

    /// A command defined in code: its closure gets the parsed, typed arguments.
    public init(
        name: String,
        help: String = "",
        args: [ArgDefinition] = [],
        run: @escaping CommandHandler
    ) {
        self.init(name: name, help: help, args: args, action: .closure(run))
    }

    /// The arg with this name, if declared.
    public func arg(named name: String) -> ArgDefinition? {
        args.first { Names.same($0.name, name) }
    }
}

/// The body of a Swift command: sync or async, throws to fail.
public typealias CommandHandler = @Sendable (ParsedArguments) async throws -> Void

/// What a command runs. Equal when of the same kind with equal contents; any
/// two closures are equal (a closure cannot be compared).
public enum CommandAction: Sendable, Equatable {
    /// `handler: NAME`: the Swift handler registered under NAME.
    case handler(String)
    /// `exec: [PROGRAM, ARG...]`: a program run directly, no shell.
    case exec(ExecTemplate)
    /// `sh: SCRIPT`: a script run by `/bin/sh -c`; values arrive only as environment variables.
    case shell(String)
    /// A closure given in code.
    case closure(CommandHandler)

    public static func == (lhs: CommandAction, rhs: CommandAction) -> Bool {
        switch (lhs, rhs) {
        case (.handler(let a), .handler(let b)): a == b
        case (.exec(let a), .exec(let b)): a == b
        case (.shell(let a), .shell(let b)): a == b
        case (.closure, .closure): true
        default: false
        }
    }
}
