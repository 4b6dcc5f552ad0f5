#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// stdio's standard output, which Swift's `print` writes through.
enum StandardOutput {
    /// Flushes what `print` buffered; the `errno` of a failed write, or nil.
    static func flush() -> Int32? {
        fflush(stdout) == 0 ? nil : errno
    }
}
