// Index bytes -> a hit or a miss. A valid index of the manifest below is the
// seed; the fuzzer mutates it and the reader opens it, looks names up, lists
// and refreshes it. Nothing may trap, hang or allocate beyond the input's
// size. (A fuzzer can forge checksums, so it is no oracle for wrong answers:
// those are covered by the checksum design and IndexAttackTests.)
//
//     FuzzIndex --write-seeds DIR   writes the valid index (and the known
//                                   crash input) into DIR
@_spi(Fuzz) import HyperCommands
import FuzzSupport
#if canImport(Glibc)
import Glibc
#endif

let manifest = Array("""
commands:
  greet:
    help: Greet someone
    exec: [echo, "Hello, {name}!"]
    args:
      name: str
      loud: {type: bool, help: Shout}
  build:
    help: |
      Build it
      in two lines
    sh: make "$HYPER_ARG_TARGET"
    args:
      target: {type: str, default: all, complete: [./targets.sh, "--jobs={jobs}"]}
      jobs: {type: int, default: 4, help: Parallel jobs}
      ratio: {type: float, required: false}
  a:
    exec: [./run.sh, "--x={x}", "{{literal}}"]
    args:
      x: {type: int, default: -3}

""".utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIndex(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    IndexFuzzing.exercise(bytes(data, size), manifest: manifest)
    return 0
}

if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "--write-seeds" {
    guard let seed = IndexFuzzing.index(of: manifest) else { fatalError("the seed manifest has errors") }
    require(IndexFuzzing.exercise(seed, manifest: manifest) == 3, "the seed index must answer for its three commands")
    // The bytes that made every call trap: a record length near 2^64 (now
    // the first record's u32 payload length).
    var crash = seed
    let records = Int(seed[52]) | Int(seed[53]) << 8 | Int(seed[54]) << 16 | Int(seed[55]) << 24
    for index in 0..<4 { crash[records + 8 + index] = 0xFF }
    for (name, content) in [("valid.idx", seed), ("crash-record-length.idx", crash)] {
        let path = CommandLine.arguments[2] + "/" + name
        guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
        _ = content.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }
    exit(0)
}
runFuzzer(fuzzIndex)
