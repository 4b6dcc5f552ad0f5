#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's driver, from its runtime (linked by `-sanitize=fuzzer`).
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// Runs libFuzzer over `callback`, which each target also exports as
/// `LLVMFuzzerTestOneInput`. A Swift `main` built with `-sanitize=fuzzer`
/// would otherwise run once and exit without fuzzing anything.
public func runFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}

/// The input as bytes.
public func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// With `HYPER_FUZZ_PLANT=1`, an input starting with `hyp` crashes: CI runs a
/// target so and expects libFuzzer to find it, proving the setup fuzzes and
/// that its coverage feedback works. Each byte is its own branch (calls the
/// optimiser may not merge), so coverage can lead the fuzzer byte by byte.
public func plantedCrash(_ input: [UInt8]) {
    guard plantEnabled, input.count >= 3 else { return }
    if stage(input[0], UInt8(ascii: "h")) {
        if stage(input[1], UInt8(ascii: "y")) {
            if stage(input[2], UInt8(ascii: "p")) {
                fatalError("planted crash found")
            }
        }
    }
}

private let plantEnabled: Bool = getenv("HYPER_FUZZ_PLANT").map { $0.pointee == UInt8(ascii: "1") } ?? false

@inline(never)
private func stage(_ byte: UInt8, _ expected: UInt8) -> Bool {
    byte == expected
}

/// Fails the run (a crash libFuzzer reports and saves) when an invariant breaks.
public func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("invariant broken: \(message())") }
}

/// Splits the input at NUL bytes into UTF-8 strings (invalid bytes repaired,
/// as hyper's command line refuses them before parsing anyway).
public func words(_ input: ArraySlice<UInt8>) -> [String] {
    input.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
}
