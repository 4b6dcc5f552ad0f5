/// The completion engine for the fuzzer (`Fuzz/Sources/FuzzCompletion`),
/// which lives in another package and sees only what `@_spi(Fuzz)` exports.
@_spi(Fuzz) public enum CompletionFuzzing {
    /// The protocol text for `words` (the last the word under the cursor)
    /// over the commands a manifest declares; a completion program's call
    /// is answered with `programLines` as its output.
    public static func complete(_ words: [String], manifest: [UInt8], programLines: [UInt8]) -> String {
        let commands = ManifestLoader.decode(bytes: manifest, file: "fuzz.yaml").commands
        let engine = CompletionEngine(source: { _ in Commands(commands: commands) },
                                      runCompleter: { _ in CompletionProgram.candidates(programLines, maxLines: 1_000) },
                                      workingDirectory: "/fuzz")
        return engine.complete(words).protocolText
    }

    /// A word of bash without its quoting.
    public static func dequote(_ word: String) -> String {
        ShellWords.dequote(word)
    }

    private struct Commands: CompletionSource {
        var commands: [CommandDefinition]

        func summaries() -> [ListedCommand] { commands.filter { !$0.hidden }.map(\.listed) }

        func command(named name: String) -> CommandDefinition? { commands.first { $0.isNamed(name) } }
    }
}
