/// Which manifests a call uses: `--manifests PATH` (repeatable), else the
/// colon-separated `HYPER_COMMANDS`, else the nearest `commands.d` from the
/// working directory upward.
struct ManifestSelection: Sendable {
    var paths: [String]

    static func resolve(options: [String], environment: String?, workingDirectory: String) -> ManifestSelection {
        if !options.isEmpty { return ManifestSelection(paths: options) }
        if let environment {
            let paths = environment.split(separator: ":").map(String.init)
            if !paths.isEmpty { return ManifestSelection(paths: paths) }
        }
        if let folder = ManifestLoader.findManifestFolder(from: workingDirectory) {
            return ManifestSelection(paths: [folder])
        }
        return ManifestSelection(paths: [])
    }
}
