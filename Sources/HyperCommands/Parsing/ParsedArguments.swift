/// The typed values of one call, as a handler receives them.
///
/// Every arg with a default or a given value is present; an optional arg
/// (`required: false`, no default) that was not given is absent. A
/// `multiple` or `rest` arg's value is a `.list`, in the order given; a
/// `path` arg's is a `.path`, absolute.
public struct ParsedArguments: Sendable, Hashable {
    /// The command these values are for.
    public var command: String
    /// Values by arg name (`dry_run`, not `--dry-run`).
    public var values: [String: ArgValue]

    /// Where each value came from, by arg name: what `hyper --dry-run`
    /// shows. Not part of equality (values are what a program sees).
    var origins: [String: ValueOrigin] = [:]

    public init(command: String, values: [String: ArgValue]) {
        self.command = command
        self.values = values
    }

    public static func == (lhs: ParsedArguments, rhs: ParsedArguments) -> Bool {
        lhs.command == rhs.command && lhs.values == rhs.values
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(command)
        hasher.combine(values)
    }

    public subscript(_ name: String) -> ArgValue? { values[name] }

    public func int(_ name: String) -> Int? {
        if case .int(let value)? = values[name] { value } else { nil }
    }

    /// A `str` arg's value; nil for any other type (a `path` is `path(_:)`).
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

    /// A `path` arg's value: an absolute path.
    public func path(_ name: String) -> String? {
        if case .path(let value)? = values[name] { value } else { nil }
    }

    // MARK: Lists

    /// A `multiple` or `rest` str arg's values, in order: `[]` when absent,
    /// never nil. A single str value is a list of one.
    public func strings(_ name: String) -> [String] {
        list(name) { if case .str(let value) = $0 { value } else { nil } }
    }

    /// A `multiple` int arg's values, in order; `[]` when absent.
    public func ints(_ name: String) -> [Int] {
        list(name) { if case .int(let value) = $0 { value } else { nil } }
    }

    /// A `multiple` float arg's values, in order; `[]` when absent.
    public func floats(_ name: String) -> [Double] {
        list(name) { if case .float(let value) = $0 { value } else { nil } }
    }

    /// A `multiple` bool arg's values, in order; `[]` when absent.
    public func bools(_ name: String) -> [Bool] {
        list(name) { if case .bool(let value) = $0 { value } else { nil } }
    }

    /// A `multiple` path arg's values, absolute, in order; `[]` when absent.
    public func paths(_ name: String) -> [String] {
        list(name) { if case .path(let value) = $0 { value } else { nil } }
    }

    /// The values of a list of `T`, or the single value as a list of one;
    /// `[]` when absent or of another type.
    private func list<T>(_ name: String, _ element: (ArgValue) -> T?) -> [T] {
        switch values[name] {
        case .list(let items)?: items.compactMap(element)
        case let value?: element(value).map { [$0] } ?? []
        case nil: []
        }
    }
}

/// Where an arg's value came from.
enum ValueOrigin: Sendable, Hashable {
    /// Typed on the command line.
    case commandLine
    /// From the arg's `env` variable.
    case environment(String)
    /// The arg's default.
    case defaultValue
}
