#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HyperYAML

/// The manifests whose `complete:` programs the user lets run on Tab: each
/// manifest's absolute path and the SHA-256 of its bytes when it was
/// trusted, one `DIGEST PATH` line each, in a file of the user's own
/// (`$XDG_CONFIG_HOME/hyper/trusted-manifests`, else
/// `~/.config/hyper/trusted-manifests`), never in the project.
///
/// A Tab must never run a program that a checkout, a download or another
/// user put there: `hyper completions --trust` records the manifests as they
/// are, and a program runs only while every manifest of the project is
/// recorded with the digest of its present bytes. The file is used only when
/// it and its folder are the user's own and no one else may write them; it
/// is written whole (a private file renamed over it) and read up to a bound.
struct TrustedManifests {
    /// The folder of the file.
    var folder: String

    static let fileName = "trusted-manifests"
    /// At most this many bytes are read; a longer file trusts nothing, and
    /// a trust that would make it longer is refused.
    static let maxBytes = 1 << 20

    /// The folder for this environment, or nil when neither
    /// `XDG_CONFIG_HOME` nor `HOME` is an absolute path.
    static func folder(environment: (String) -> String?) -> String? {
        if let config = environment("XDG_CONFIG_HOME"), config.hasPrefix("/") { return config + "/hyper" }
        if let home = environment("HOME"), home.hasPrefix("/") { return home + "/.config/hyper" }
        return nil
    }

    /// The digest recorded for each path; empty when the file is missing,
    /// refused (not the user's own, writable by others, not a regular file,
    /// over the bound) or unreadable.
    func records() -> [String: String] {
        stored() ?? [:]
    }

    /// The records; empty when there is no file, nil when there is one that
    /// is refused or cannot be read.
    private func stored() -> [String: String]? {
        let opened: IndexFolder
        do {
            opened = try IndexFolder.at(folder, creating: false)
        } catch {
            return error == .absent ? [:] : nil
        }
        let source: IndexSource
        do {
            source = try opened.openFile(Self.fileName)
        } catch {
            return error == .absent ? [:] : nil
        }
        guard case .file(let descriptor, let size) = source else { return nil }
        defer { close(descriptor) }
        guard size <= Self.maxBytes else { return nil }
        guard let bytes = source.read(0..<size) else { return nil }
        var out: [String: String] = [:]
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            guard let space = line.firstIndex(of: UInt8(ascii: " ")) else { continue }
            out[String(decoding: line[(space + 1)...], as: UTF8.self)] = String(decoding: line[..<space], as: UTF8.self)
        }
        return out
    }

    /// True when every manifest is recorded with its present digest.
    func trusts(_ manifests: [(path: String, digest: String)]) -> Bool {
        guard !manifests.isEmpty else { return false }
        let recorded = records()
        return manifests.allSatisfy { recorded[$0.path] == $0.digest }
    }

    /// Records these manifests as they are now, keeping the other records;
    /// why not, if they were not recorded.
    func trust(_ manifests: [(path: String, digest: String)]) -> String? {
        guard var recorded = stored() else {
            return "`\(Path.join(folder, Self.fileName))` cannot be used: it must be a file of your own that no one else may write, "
                + "at most \(Self.maxBytes) bytes; remove it to start again"
        }
        for manifest in manifests {
            if manifest.path.utf8.contains(UInt8(ascii: "\n")) { return "the path `\(manifest.path)` holds a line break" }
            recorded[manifest.path] = manifest.digest
        }
        var text = ""
        for path in recorded.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            text += recorded[path]! + " " + path + "\n"
        }
        guard text.utf8.count <= Self.maxBytes else {
            return "`\(Path.join(folder, Self.fileName))` would be over \(Self.maxBytes) bytes; remove the records of projects you no longer use"
        }
        let opened: IndexFolder
        do {
            opened = try IndexFolder.at(folder, creating: true)
        } catch {
            return "\(error)"
        }
        return opened.store(Self.fileName, Array(text.utf8)).map { "cannot write `\(Path.join(folder, Self.fileName))`: \($0)" }
    }

    /// Every manifest the selection reads, absolute, with the SHA-256 of its
    /// bytes; nil when one cannot be read (or its name is not UTF-8), so the
    /// project cannot be trusted as it is.
    static func manifests(of selection: ManifestSelection, workingDirectory: String) -> [(path: String, digest: String)]? {
        var out: [(path: String, digest: String)] = []
        for given in selection.paths {
            let path = Path.absolute(given, from: workingDirectory)
            var files: [String] = []
            switch FileSystem.kind(path) {
            case .directory:
                guard let names = ManifestLoader.manifestNames(in: path) else { return nil }
                for name in names {
                    guard let text = name.text else { return nil }
                    files.append(Path.join(path, text))
                }
            case .file:
                files.append(path)
            case .missing, .other:
                return nil
            }
            for file in files {
                guard case .success(let bytes) = FileSystem.readFile(file, limit: YAMLLimits.manifest.maxFileBytes) else { return nil }
                out.append((file, SHA256.hash(bytes).hex))
            }
        }
        return out
    }
}
