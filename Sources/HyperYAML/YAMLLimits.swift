/// The bounds that keep reading a manifest fast and small whatever its bytes.
///
/// Every limit is checked as early as it can be: the size before any parsing,
/// the depth at the first collection that passes it (libyaml 0.2.5 has no depth
/// limit of its own, and deep flow nesting costs it quadratic time).
package struct YAMLLimits: Sendable, Hashable {
    /// Largest file, in bytes.
    package var maxFileBytes: Int
    /// Deepest nesting of mappings and sequences; the root mapping is depth 1.
    package var maxDepth: Int
    /// Longest mapping key, in bytes.
    package var maxKeyBytes: Int
    /// Longest scalar value, in bytes.
    package var maxScalarBytes: Int

    package init(maxFileBytes: Int, maxDepth: Int, maxKeyBytes: Int, maxScalarBytes: Int) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxKeyBytes = maxKeyBytes
        self.maxScalarBytes = maxScalarBytes
    }

    /// 1 MiB files, depth 64, 256-byte keys, 64 KiB scalars.
    package static let manifest = YAMLLimits(
        maxFileBytes: 1 << 20,
        maxDepth: 64,
        maxKeyBytes: 256,
        maxScalarBytes: 64 << 10
    )
}
