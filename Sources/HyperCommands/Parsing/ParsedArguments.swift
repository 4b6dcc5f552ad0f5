/// The typed values of one call, as a handler receives them.
///
/// Every arg with a default or a given value is present; an optional arg
/// (`required: false`, no default) that was not given is absent.
public struct ParsedArguments: Sendable, Hashable {
    /// The command these values are for.
    public var command: String
    /// Values by arg name (`dry_run`, not `--dry-run`).
    public var values: [String: ArgValue]

    public init(command: String, values: [String: ArgValue]) {
        self.command = command
        self.values = values
    }

    public subscript(_ name: String) -> ArgValue? { values[name] }

    public func int(_ name: String) -> Int? {
        if case .int(let value)? = values[name] { value } else { nil }
    }

    public func string(_ name: String) -> String? {
        if case .str(let value)? = values[name] { value } else { nil }
    }

    public func float(_ name: String) -> Double? {
        if case .float(let value)? = values[name] { value } else { nil }
    }

    /// A flag's value; false when absent.
    public func bool(_ name: String) -> Bool {
        if case .bool(let value)? = values[name] { value } else { false }
    }
}
