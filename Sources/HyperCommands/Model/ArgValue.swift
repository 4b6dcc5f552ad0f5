/// A typed argument value.
public enum ArgValue: Sendable, Hashable {
    case int(Int)
    case str(String)
    case float(Double)
    case bool(Bool)

    public var type: ArgType {
        switch self {
        case .int: .int
        case .str: .str
        case .float: .float
        case .bool: .bool
        }
    }

    /// The normalised text a program receives: an int in canonical decimal, a
    /// float in shortest round-trip form, a bool as `true` or `false`, a string
    /// as it is.
    public var text: String {
        switch self {
        case .int(let value): String(value)
        case .str(let value): value
        case .float(let value): value.description
        case .bool(let value): value ? "true" : "false"
        }
    }

    /// The value as a JSON literal (strings quoted and escaped).
    var json: String {
        switch self {
        case .str(let value): JSON.quote(value)
        default: text
        }
    }
}
