/// Where one call's index is and what it is for: the folder, and the key
/// that names the file in it. Opening and writing go through `IndexFolder`'s
/// checks; each returns what happened in words, for `HYPER_INDEX_DEBUG`.
struct IndexPlace {
    /// The index folder, absolute.
    var folder: String
    var key: IndexKey

    var file: String { Path.join(folder, key.fileName) }

    /// The index, if there is a sound and fresh one that the user owns.
    func open<Disk: IndexDisk>(disk: Disk, time: IndexTime, workingDirectory: String) -> Result<OpenedIndex, ManifestIndex.Miss> {
        let folder: IndexFolder
        switch IndexFolder.at(self.folder, creating: false) {
        case .success(let opened): folder = opened
        case .failure(let miss): return .failure(miss)
        }
        let source: IndexSource
        switch folder.openFile(key.fileName) {
        case .success(let opened): source = opened
        case .failure(let miss): return .failure(miss)
        }
        do {
            return .success(try OpenedIndex(source: source, key: key, disk: disk, time: time, workingDirectory: workingDirectory))
        } catch {
            return .failure(error)
        }
    }

    /// Writes the index of a load, then prunes old ones beside it.
    func write(_ load: ManifestLoad, time: IndexTime) -> String {
        guard let bytes = ManifestIndex.encode(load, key: key, time: time, nonce: ManifestIndex.newNonce()) else {
            return "not written (the manifests cannot be indexed)"
        }
        switch IndexFolder.at(folder, creating: true) {
        case .failure(let miss):
            return "not written (\(miss))"
        case .success(let opened):
            if let failure = opened.store(key.fileName, bytes) { return "not written (\(failure))" }
            let pruned = opened.prune(now: time.now, keeping: key.fileName)
            return "written \(file)" + (pruned > 0 ? "; pruned \(pruned) unused for \(IndexFolder.pruneAfterDays) days" : "")
        }
    }

    /// Writes back the signatures an index had to confirm by content.
    func refresh(_ index: OpenedIndex, time: IndexTime) -> String {
        guard let bytes = index.refreshedBytes(time: time) else { return "not refreshed (the file changed)" }
        switch IndexFolder.at(folder, creating: false) {
        case .failure(let miss):
            return "not refreshed (\(miss))"
        case .success(let opened):
            if let failure = opened.store(key.fileName, bytes) { return "not refreshed (\(failure))" }
            return "refreshed \(file)"
        }
    }
}
