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
    /// Other names that run it (`aliases: [m, mig]`), by the same rules as
    /// names, and unique across the project together with every name.
    public var aliases: [String]
    /// Runnable, but left out of the list and of completions.
    public var hidden: Bool
    /// The heading the list shows it under; nil lists it before every heading.
    public var group: String?
    /// A question asked on the terminal before it runs, with `{placeholders}`
    /// filled from the values (`Drop every table in {database}?`).
    public var confirm: String?
    /// `dir`: the folder it runs in, relative to `root` (`exec` and `sh` only).
    @_spi(Fuzz) public var directory: String?
    /// `env`: variables set for the program (`exec` and `sh` only).
    @_spi(Fuzz) public var environment: [CommandVariable]
    /// Where the manifest writes each alias, in order (nil in code).
    var aliasLocations: [SourceLocation?]
    /// Where the manifest writes the value of `confirm`, `dir` and `group`.
    var keyLocations: KeyLocations

    /// Where some of a command's keys are written, for diagnostics that
    /// need the whole project (a missing `dir`, an ambiguous namespace).
    struct KeyLocations: Sendable, Equatable {
        var directory: SourceLocation?
    }

    public init(
        name: String,
        help: String = "",
        args: [ArgDefinition] = [],
        action: CommandAction,
        location: SourceLocation? = nil,
        actionLocation: SourceLocation? = nil,
        root: String? = nil,
        aliases: [String] = [],
        hidden: Bool = false,
        group: String? = nil,
        confirm: String? = nil
    ) {
        self.name = name
        self.help = help
        self.args = args
        self.action = action
        self.location = location
        self.actionLocation = actionLocation
        self.root = root
        self.aliases = aliases
        self.hidden = hidden
        self.group = group
        self.confirm = confirm
        directory = nil
        environment = []
        aliasLocations = []
        keyLocations = KeyLocations()
    }

    /// Every name that runs it: its name, then its aliases.
    var names: [String] { [name] + aliases }

    /// True when `word` is its name or one of its aliases (as bytes).
    func isNamed(_ word: String) -> Bool {
        Names.same(name, word) || aliases.contains { Names.same($0, word) }
    }

    /// The folder it runs in: `root`, or `dir` inside it; nil for commands
    /// defined in code.
    var workingFolder: String? {
        guard let root else { return nil }
        guard let directory else { return root }
        return Path.absolute(directory, from: root)
    }

    /// The root of the commands a manifest at this absolute path declares
    /// (see `root`).
    static func root(ofManifest path: String) -> String {
        let folder = Path.parent(path)
        let name = folder.utf8.split(separator: UInt8(ascii: "/")).last.map { String(decoding: $0, as: UTF8.self) }
        return name == "commands.d" ? Path.parent(folder) : folder
    }

    /// A command defined in code: its closure gets the parsed, typed arguments.
    /// (Compiled into the caller, with the code that runs such closures from
    /// the CLI; see `HandlerRunner`.)
    @_alwaysEmitIntoClient
    public init(
        name: String,
        help: String = "",
        args: [ArgDefinition] = [],
        aliases: [String] = [],
        hidden: Bool = false,
        group: String? = nil,
        confirm: String? = nil,
        run: @escaping CommandHandler
    ) {
        HandlerRunner.install()
        self.init(name: name, help: help, args: args, action: .closure(run), aliases: aliases, hidden: hidden, group: group, confirm: confirm)
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
