/// A typed argument value.
public enum ArgValue: Sendable, Hashable {
    case int(Int)
    case str(String)
    case float(Double)
    case bool(Bool)
    /// An absolute path (a `path` arg's value).
    case path(String)
    /// The values of a `multiple` or `rest` arg, in order; never nil, maybe empty.
    case list([ArgValue])

    /// The type of a single value; nil for a list.
    public var type: ArgType? {
        switch self {
        case .int: .int
        case .str: .str
        case .float: .float
        case .bool: .bool
        case .path: .path
        case .list: nil
        }
    }

    /// True when this is a value `arg` can hold: a single value of its type,
    /// or, for a list arg, a list of such values.
    public func fits(_ arg: ArgDefinition) -> Bool {
        if case .list(let values) = self { return arg.isList && values.allSatisfy { $0.type == arg.type } }
        return !arg.isList && type == arg.type
    }

    /// The normalised text a program receives: an int in canonical decimal, a
    /// float in shortest round-trip form, a bool as `true` or `false`, a string
    /// or path as it is. A list is each value quoted for a POSIX shell, joined
    /// by spaces, so `eval "set -- $HYPER_ARG_TAGS"` gives back every value
    /// exactly (as `exec` elements and `HYPER_ARGS_JSON` do without quoting).
    public var text: String {
        switch self {
        case .int(let value): String(value)
        case .str(let value), .path(let value): value
        case .float(let value): value.description
        case .bool(let value): value ? "true" : "false"
        case .list(let values): values.map { ShellQuote.quote($0.text) }.joined(separator: " ")
        }
    }

    /// The value as a JSON literal (strings quoted and escaped, lists as arrays).
    var json: String {
        switch self {
        case .str(let value), .path(let value): JSON.quote(value)
        case .list(let values): "[" + values.map(\.json).joined(separator: ",") + "]"
        default: text
        }
    }
}
