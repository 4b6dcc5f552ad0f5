/// A command: the seed's `CommandDefinition(name, help, func, args)`.
///
/// The seed's `func` is `action`: a Swift handler registered by name, a closure
/// given in code, or an external program (`exec`) or script (`sh`) from a manifest.
public struct CommandDefinition: Sendable {
    public var name: String
    public var help: String
    public var args: [ArgDefinition]
    public var action: CommandAction
    /// Where the manifest declares it (the command's key); nil for commands defined in code.
    public var location: SourceLocation?
    /// Where the manifest writes the binding's value (`handler: NAME`'s NAME).
    public var actionLocation: SourceLocation?

    public init(
        name: String,
        help: String = "",
        args: [ArgDefinition] = [],
        action: CommandAction,
        location: SourceLocation? = nil,
        actionLocation: SourceLocation? = nil
    ) {
        self.name = name
        self.help = help
        self.args = args
        self.action = action
        self.location = location
        self.actionLocation = actionLocation
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

/// What a command runs.
public enum CommandAction: Sendable {
    /// `handler: NAME`: the Swift handler registered under NAME.
    case handler(String)
    /// `exec: [PROGRAM, ARG...]`: a program run directly, no shell.
    case exec(ExecTemplate)
    /// `sh: SCRIPT`: a script run by `/bin/sh -c`; values arrive only as environment variables.
    case shell(String)
    /// A closure given in code.
    case closure(CommandHandler)
}
