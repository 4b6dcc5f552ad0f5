/// The four argument types of the manifest format, as in the seed's annotations.
public enum ArgType: String, Sendable, Hashable, CaseIterable {
    case int
    case str
    case float
    case bool
    /// Text that names a file or folder; programs and handlers get it as an
    /// absolute, lexically normalised path.
    case path
}
