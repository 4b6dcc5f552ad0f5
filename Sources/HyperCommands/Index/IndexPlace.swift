/// Where one call's index is and what it is for: the folder, and the key
/// that names the file in it. Opening and writing go through `IndexFolder`'s
/// checks; each returns what happened in words, for `HYPER_INDEX_DEBUG`.
struct IndexPlace {
    /// The index folder, absolute.
    var folder: String
    var key: IndexKey

    var file: String { Path.join(folder, key.fileName) }

    /// The index, if there is a sound and fresh one that the user owns.
    func open<Disk: IndexDisk>(disk: Disk, time: IndexTime, workingDirectory: String) throws(ManifestIndex.Miss) -> OpenedIndex {
        let source = try IndexFolder.at(folder, creating: false).openFile(key.fileName)
        return try OpenedIndex(source: source, key: key, disk: disk, time: time, workingDirectory: workingDirectory)
    }

    /// The manifest folder the index folder would be inside once symbolic
    /// links are followed (`HYPER_INDEX_DIR` naming a link to `commands.d`),
    /// if any. Checked before writing, the only time a folder is made.
    func enclosingManifestFolder() -> String? {
        guard let real = FileSystem.resolvedPath(folder) else { return nil }
        for path in key.paths where FileSystem.kind(path) == .directory {
            guard let manifests = FileSystem.resolvedPath(path) else { continue }
            if Path.isInside(real, manifests) { return path }
        }
        return nil
    }

    /// Writes the index of a load, then prunes old ones beside it.
    func write(_ load: ManifestLoad, time: IndexTime) -> String {
        if let manifests = enclosingManifestFolder() {
            return "not written (the index folder is inside `\(manifests)`)"
        }
        guard let bytes = ManifestIndex.encode(load, key: key, time: time, nonce: ManifestIndex.newNonce()) else {
            return "not written (the manifests cannot be indexed)"
        }
        do {
            let opened = try IndexFolder.at(folder, creating: true)
            if let failure = opened.store(key.fileName, bytes) { return "not written (\(failure))" }
            let pruned = opened.prune(now: time.now, keeping: key.fileName)
            return "written \(file)" + (pruned > 0 ? "; pruned \(pruned) unused for \(IndexFolder.pruneAfterDays) days" : "")
        } catch {
            return "not written (\(error))"
        }
    }

    /// Writes back the signatures an index had to confirm by content.
    func refresh(_ index: OpenedIndex, time: IndexTime) -> String {
        guard let bytes = index.refreshedBytes(time: time) else { return "not refreshed (the file changed)" }
        do {
            let opened = try IndexFolder.at(folder, creating: false)
            if let failure = opened.store(key.fileName, bytes) { return "not refreshed (\(failure))" }
            return "refreshed \(file)"
        } catch {
            return "not refreshed (\(error))"
        }
    }
}
