/// The commands one call sees: those defined in code, then the manifests'
/// from a sound, fresh index, else from a full load (which registers them
/// and writes a new index). Made once per call from everything the call
/// resolved once: the manifest selection, the loader and the index place.
///
/// Only sound commands run: those of manifests without errors of their own
/// that no check across files refused (a duplicate name, a missing program).
/// One broken manifest does not stop the others; the index keeps the sound
/// commands with the names it must refuse, so such a project is not loaded
/// in full on every call. Anything the index cannot answer (a name it lacks,
/// a record that fails its checksum) is answered by a full load.
final class ProjectCommands {
    private let registry: CommandRegistry
    private let selection: ManifestSelection
    private let loader: ManifestLoader
    private let place: IndexPlace?
    private let trace: (String) -> Void
    /// Says that a manifest was left out because its file name is not UTF-8.
    private let skipped: (String) -> Void
    private var index: OpenedIndex?
    /// The full load, once made.
    private var load: ManifestLoad?
    private var loaded = false
    /// Said above the list when there are no manifests to load.
    private(set) var note: String?

    init(registry: CommandRegistry, selection: ManifestSelection, loader: ManifestLoader, place: IndexPlace?,
         trace: @escaping (String) -> Void, skipped: @escaping (String) -> Void) throws(CLIFailure) {
        self.skipped = skipped
        self.registry = registry
        self.selection = selection
        self.loader = loader
        self.place = place
        self.trace = trace
        index = openIndex()
        if index == nil { try fullLoad(writingIndex: true) }
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

    /// Loads the selected manifests and registers their sound commands. Only
    /// an error that belongs to no manifest (a path given that cannot be
    /// read) stops the call here. Writes the index when asked, unless a
    /// manifest was skipped (so that it is reported on every call).
    private func fullLoad(writingIndex: Bool) throws(CLIFailure) {
        guard !loaded else { return }
        loaded = true
        index = nil
        guard !selection.paths.isEmpty else {
            note = "No commands.d folder here or above; only commands defined in code are available."
            return
        }
        // The clock is read before anything is: a file or folder changed
        // within the racy window of the moment it was read (not of the
        // moment the index is written) is the one to distrust.
        let time = IndexTime.live
        let load = loader.load(paths: selection.paths)
        if load.stopsEveryCall { throw .invalidManifests(load) }
        self.load = load
        for file in load.skippedFiles {
            skipped(file)
        }
        _ = registry.addDiscovered(load.soundCommands)
        if writingIndex, load.skippedFiles.isEmpty, let place {
            let outcome = place.write(load, time: time)
            trace(outcome)
        }
    }

    /// How many manifests have errors (0 when every command is sound).
    var brokenManifestCount: Int {
        if let index { return index.facts.manifestsWithErrors }
        return load?.filesWithErrors.count ?? 0
    }

    /// What a name finds.
    enum Found {
        case command(CommandDefinition)
        /// Declared, but not sound: the diagnostics that concern it.
        case refused(ManifestLoad, [Diagnostic])
        case unknown
    }

    /// The command with this name or alias. With `settling` false, a name
    /// the index lacks and does not refuse is `unknown` without a full load
    /// (a longer namespaced candidate, tried before a shorter one).
    func find(_ name: String, settling: Bool = true) throws(CLIFailure) -> Found {
        if let command = registry.getCommand(name) { return .command(command) }
        if let index {
            switch index.command(named: name) {
            case .found(let command) where command.directory == nil || Self.directoryHolds(command):
                return .command(command)
            case .found:
                // Its `dir` is gone or leads elsewhere since the index was
                // written: a full load says why, and writes a new index.
                trace("the `dir` of `\(name)` changed; loading the manifests")
                try fullLoad(writingIndex: true)
            case .absent where !settling && !index.facts.refuses(name):
                return .unknown
            case .absent:
                // The index is fresh, so a full load only confirms the name is
                // unknown, or shows why it is refused; it needs no new index
                // unless the refusal may be over (a program made executable).
                let refused = index.facts.refuses(name)
                trace(refused ? "`\(name)` is refused in the index; loading the manifests" : "`\(name)` not in the index; loading the manifests")
                try fullLoad(writingIndex: refused)
            case .unsound:
                trace("unsound record; loading the manifests")
                try fullLoad(writingIndex: true)
            }
        }
        if let command = registry.getCommand(name) { return .command(command) }
        if let load, load.refusedNames.contains(where: { Names.same($0, name) }) {
            return .refused(load, load.diagnostics(concerning: name))
        }
        return .unknown
    }

    /// True when a command's `dir` is still a folder inside its root, links
    /// resolved, as the load that indexed it found it (`ProjectChecks`).
    /// Asked only of the command about to run; the launcher checks the
    /// folder it opens once more.
    static func directoryHolds(_ command: CommandDefinition) -> Bool {
        guard let root = command.root, let folder = command.workingFolder, FileSystem.kind(folder) == .directory,
              let real = FileSystem.resolvedPath(folder), let realRoot = FileSystem.resolvedPath(root) else { return false }
        return Path.isInside(real, realRoot)
    }

    /// The command the leading words name, and how many words that took:
    /// `db migrate` and `db:migrate` both find `db:migrate`, and the longest
    /// name that matches wins. While a manifest could not be read to its
    /// end, a longer name that is not found is not given up for a shorter
    /// one: it may be declared in the part that could not be read.
    func resolve(_ words: [String]) throws(CLIFailure) -> (found: Found, name: String, words: Int) {
        var count = 1
        var joined = words[0]
        var candidates: [(name: String, words: Int)] = [(joined, 1)]
        while count < words.count, mayHaveNamespaces, Names.isSegment(words[count]),
              Names.isCommandName(words[0]), joined.utf8.count + 1 + words[count].utf8.count <= Names.maxCommandNameLength {
            joined += ":" + words[count]
            count += 1
            candidates.append((joined, count))
        }
        for candidate in candidates.reversed() {
            let found = try find(candidate.name, settling: candidate.words == 1)
            switch found {
            case .command, .refused:
                return (found, candidate.name, candidate.words)
            case .unknown:
                if candidate.words > 1 && namesIncomplete {
                    throw .mayBeInBrokenManifest(candidate.name, shorter: words[0])
                }
            }
        }
        return (.unknown, words[0], 1)
    }

    /// False when no declared name has a namespace, so one word is always
    /// the whole name.
    private var mayHaveNamespaces: Bool {
        if let index { return index.facts.namespaced || index.facts.namesIncomplete }
        return true
    }

    /// True when some manifest's names are unknown.
    private var namesIncomplete: Bool {
        if let index { return index.facts.namesIncomplete }
        return !(load?.unreadToEnd.isEmpty ?? true)
    }

    /// What the list shows of every command, in byte order of names, hidden
    /// ones only when asked, and the order of the list's groups (as they
    /// first appear in the manifests, then code's).
    func summaries(includingHidden: Bool = false) throws(CLIFailure) -> (commands: [ListedCommand], groupOrder: [String]) {
        let code = registry.listCommands().filter { includingHidden || !$0.hidden }
        let precedes: (ListedCommand, ListedCommand) -> Bool = { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        func withCode(_ manifests: [ListedCommand], _ groups: [String]) -> (commands: [ListedCommand], groupOrder: [String]) {
            guard !code.isEmpty else { return (manifests, groups) }
            let names = Set(manifests.map { ExactName($0.name) })
            let extra = code.filter { !names.contains(ExactName($0.name)) }
            var order = groups
            for command in extra { if let group = command.group, !order.contains(group) { order.append(group) } }
            return ((manifests + extra.map(\.listed)).sorted(by: precedes), order)
        }
        if let index, !index.facts.foldersHold {
            trace("a command's `dir` is gone; loading the manifests")
            try fullLoad(writingIndex: true)
        }
        if let index {
            if let indexed = index.summaries() {
                // Filtered only when something is hidden: a copy of 10,000 costs.
                let shown = includingHidden || !indexed.contains(where: \.hidden) ? indexed : indexed.filter { !$0.hidden }
                return withCode(shown, index.facts.groupOrder)
            }
            trace("unsound record; loading the manifests")
            try fullLoad(writingIndex: true)
        }
        // A full load registered the manifests' commands.
        let manifests = (load?.soundCommands ?? []).filter { includingHidden || !$0.hidden }
        return withCode(manifests.map(\.listed).sorted(by: precedes), load?.groupOrder ?? [])
    }

    /// Every command in full, sorted by name.
    func definitions() throws(CLIFailure) -> [CommandDefinition] {
        if let index, !index.facts.foldersHold {
            trace("a command's `dir` is gone; loading the manifests")
            try fullLoad(writingIndex: true)
        }
        if let index {
            if let indexed = index.definitions() {
                return (indexed + registry.listCommands()).sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            }
            trace("unsound record; loading the manifests")
            try fullLoad(writingIndex: true)
        }
        return registry.listCommands()
    }

    /// Each manifest the commands of this call were decoded from, absolute,
    /// with the SHA-256 of those very bytes: what a trust check compares,
    /// so a manifest swapped after it was read cannot pass for the trusted
    /// one. Nil when some manifest was not read (it could declare anything).
    func decodedManifests() -> [(path: String, digest: String)]? {
        if let index { return index.manifestDigests() }
        guard let load, load.files.count == load.inputs.files.count else { return nil }
        var out: [(path: String, digest: String)] = []
        for file in load.inputs.files {
            guard let digest = file.digest else { return nil }
            out.append((file.path, digest.hex))
        }
        return out
    }

    /// Every name and alias that runs a command, for did-you-mean.
    func names() throws(CLIFailure) -> [String] {
        try summaries(includingHidden: false).commands.flatMap { [$0.name] + $0.aliases }
    }
}

extension CommandDefinition {
    /// What the list shows of it.
    var listed: ListedCommand {
        ListedCommand(name: name, aliases: aliases, help: help, group: group, hidden: hidden)
    }
}
