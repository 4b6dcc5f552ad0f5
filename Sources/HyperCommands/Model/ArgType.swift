/// The four argument types of the manifest format, as in the seed's annotations.
public enum ArgType: String, Sendable, Hashable, CaseIterable {
    case int
    case str
    case float
    case bool
}
