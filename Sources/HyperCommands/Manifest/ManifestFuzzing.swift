/// The manifest decoder for the fuzzer (`Fuzz/Sources/FuzzManifest`), which
/// lives in another package and sees only what `@_spi(Fuzz)` exports.
@_spi(Fuzz) public enum ManifestFuzzing {
    public struct Decoded {
        public var commands: [CommandDefinition]
        public var diagnostics: [Diagnostic]
        /// Every command entry seen, valid or not.
        public var commandCount: Int
        public var hasErrors: Bool
        /// All diagnostics rendered in each format.
        public var renderings: [String]
        /// Each diagnostic alone, in the human and the concise format.
        public var human: [String]
        public var concise: [String]
    }

    /// The messages of every rule a definition breaks (`DefinitionRules`):
    /// none, for a command a manifest loaded, since the decoder checks the
    /// same rules where it reads each value.
    public static func ruleViolations(_ command: CommandDefinition) -> [String] {
        DefinitionRules.check(command).map { "\($0.code.rawValue): \($0.message)" }
    }

    public static func decode(_ bytes: [UInt8]) -> Decoded {
        let load = ManifestLoader.decode(bytes: bytes, file: "fuzz.yaml")
        let renderer = DiagnosticRenderer(sources: load.sources)
        return Decoded(commands: load.commands, diagnostics: load.diagnostics, commandCount: load.commandCount, hasErrors: load.hasErrors,
                       renderings: DiagnosticFormat.allCases.map { renderer.render(load.diagnostics, format: $0) },
                       human: load.diagnostics.map(renderer.human), concise: load.diagnostics.map(renderer.concise))
    }
}
