// Words of a command line -> what one Tab offers. The input, split at NUL,
// is the words after the program's name (the last the word under the
// cursor), completed over a fixed manifest with namespaces, aliases, a
// hidden command, choices, flags, a path, a rest arg and a completion
// program whose output is fixed, control characters included. Nothing may
// trap, and the protocol must hold: one candidate a line, no control
// character in it but the tab before its help, then `:N` with N in 0...3.
import FuzzSupport
@_spi(Fuzz) import HyperCommands

private let manifest = Array("""
commands:
  deploy:
    help: Deploy one service
    aliases: [ship]
    exec: [./deploy.sh, "{service}"]
    args:
      service: {type: str, complete: [./services.sh, "--env={env}", "{tags}"], help: The service}
      env: {type: str, short: e, default: staging, choices: {staging: Test, prod: Production}}
      tags: {type: str, multiple: true, default: []}
      color: {type: bool, default: true}
      dry_run: {type: bool, short: n}
      config: {type: path, required: false}
  db:migrate:
    help: Migrate
    sh: echo
  db:seed:
    help: Seed
    sh: echo
  secret:
    help: Hidden
    hidden: true
    sh: echo
  run:
    help: Run
    exec: [./run.sh, "{words}"]
    args:
      target: str
      words: {rest: true}

""".utf8)

private let programLines = Array("api\tThe API\nweb\u{1B}[2J\n\tno value\nb\u{202E}ad\tx\u{7}y\n".utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCompletion(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = FuzzSupport.bytes(data, size)
    plantedCrash(input)
    let words = FuzzSupport.words(input[...])
    let text = CompletionFuzzing.complete(words, manifest: manifest, programLines: programLines)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    require(lines.last == "", "the protocol ends with a line feed")
    lines.removeLast()
    let last = lines.removeLast()
    require(["0", "1", "2", "3"].contains(last.dropFirst()) && last.first == ":", "bad directive line \(last)")
    for line in lines {
        require(!line.isEmpty, "an empty candidate")
        require(line.utf8.filter { $0 == 9 }.count <= 1, "more than one tab in \(line)")
        require(!line.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || (0x7F...0x9F).contains($0.value)
                                                || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) },
                "a control character in \(line)")
        require(!line.hasPrefix("secret"), "a hidden command was offered")
    }
    // Dequoting never grows a word and keeps a word without quotes as it is.
    for word in words {
        let plain = CompletionFuzzing.dequote(word)
        require(plain.utf8.count <= word.utf8.count, "dequoting grew \(word)")
        if !word.utf8.contains(where: { $0 == 0x27 || $0 == 0x22 || $0 == 0x5C }) { require(plain == word, "\(word) changed") }
    }
    return 0
}

runFuzzer(fuzzCompletion)
