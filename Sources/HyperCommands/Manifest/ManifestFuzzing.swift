/// The manifest decoder for the fuzzer (`Fuzz/Sources/FuzzManifest`), which
/// lives in another package and sees only what `@_spi(Fuzz)` exports.
@_spi(Fuzz) public enum ManifestFuzzing {
    /// One manifest's commands and diagnostics, and the diagnostics rendered
    /// in every format.
    public static func decode(_ bytes: [UInt8]) -> (commands: [CommandDefinition], diagnostics: [Diagnostic], renderings: [String]) {
        let load = ManifestLoader.decode(bytes: bytes, file: "fuzz.yaml")
        let renderer = DiagnosticRenderer(sources: load.sources)
        return (load.commands, load.diagnostics, DiagnosticFormat.allCases.map { renderer.render(load.diagnostics, format: $0) })
    }
}
