/// The commands one call sees: those defined in code, then the manifests'
/// from a sound, fresh index, else from a full load (which registers them
/// and writes a new index). Made once per call from everything the call
/// resolved once: the manifest selection, the loader and the index place.
///
/// Anything the index cannot answer (a name it lacks, a record that fails its
/// checksum) is answered by a full load; manifests with errors stop the call.
final class ProjectCommands {
    private let registry: CommandRegistry
    private let selection: ManifestSelection
    private let loader: ManifestLoader
    private let place: IndexPlace?
    private let trace: (String) -> Void
    /// Says that a manifest was left out because its file name is not UTF-8.
    private let skipped: (String) -> Void
    private var index: OpenedIndex?
    private var loaded = false
    /// For completion: manifests with errors give the commands that loaded
    /// without error instead of stopping the call, and a name the index
    /// lacks is unknown without a full load.
    private let tolerant: Bool
    /// Said above the list when there are no manifests to load.
    private(set) var note: String?

    init(registry: CommandRegistry, selection: ManifestSelection, loader: ManifestLoader, place: IndexPlace?,
         trace: @escaping (String) -> Void, skipped: @escaping (String) -> Void, tolerant: Bool = false) throws(CLIFailure) {
        self.skipped = skipped
        self.tolerant = tolerant
        self.registry = registry
        self.selection = selection
        self.loader = loader
        self.place = place
        self.trace = trace
        index = openIndex()
        if index == nil { try load(writingIndex: true) }
    }

    private func openIndex() -> OpenedIndex? {
        guard let place else { return nil }
        let time = IndexTime.live
        do {
            let index = try place.open(disk: LiveDisk(), time: time, workingDirectory: loader.workingDirectory)
            trace("hit \(place.file)")
            if index.wantsRefresh {
                let outcome = place.refresh(index, time: time)
                trace(outcome)
            }
            return index
        } catch {
            trace("miss (\(error))")
            return nil
        }
    }

    /// Loads the selected manifests into the registry; manifests with errors
    /// stop the call before anything runs. Writes the index after a load
    /// without errors, when asked.
    private func load(writingIndex: Bool) throws(CLIFailure) {
        guard !loaded else { return }
        loaded = true
        index = nil
        guard !selection.paths.isEmpty else {
            note = "No commands.d folder here or above; only commands defined in code are available."
            return
        }
        let load = loader.load(paths: selection.paths)
        if load.stopsCommands && !tolerant { throw .invalidManifests(load) }
        for file in load.skippedFiles {
            skipped(file)
        }
        _ = registry.addDiscovered(load.commands)
        // Only a load without errors is indexed, so a skipped file is reported on every call.
        if writingIndex, !load.hasErrors, let place {
            let outcome = place.write(load, time: .live)
            trace(outcome)
        }
    }

    /// The command with this name, or nil.
    func command(named name: String) throws(CLIFailure) -> CommandDefinition? {
        if let command = registry.getCommand(name) { return command }
        if let index {
            switch index.command(named: name) {
            case .found(let command):
                return command
            case .absent where tolerant:
                return nil
            case .absent:
                // The index is fresh, so a full load only confirms the name is
                // unknown; it needs no new index.
                trace("`\(name)` not in the index; loading the manifests")
                try load(writingIndex: false)
            case .unsound:
                trace("unsound record; loading the manifests")
                try load(writingIndex: true)
            }
        }
        return registry.getCommand(name)
    }

    /// Every command's name and help, sorted by name.
    func summaries() throws(CLIFailure) -> [(name: String, help: String)] {
        if let index {
            if let indexed = index.summaries() {
                let code = registry.listCommands().map { (name: $0.name, help: $0.help) }
                if code.isEmpty { return indexed }
                return (indexed + code).sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            }
            trace("unsound record; loading the manifests")
            try load(writingIndex: true)
        }
        return registry.listCommands().map { (name: $0.name, help: $0.help) }
    }

    /// Every command in full, sorted by name.
    func definitions() throws(CLIFailure) -> [CommandDefinition] {
        if let index {
            if let indexed = index.definitions() {
                return (indexed + registry.listCommands()).sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            }
            trace("unsound record; loading the manifests")
            try load(writingIndex: true)
        }
        return registry.listCommands()
    }
}
