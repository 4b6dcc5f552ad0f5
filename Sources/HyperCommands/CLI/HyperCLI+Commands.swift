/// The parts of the funnel that use the project's commands: listing, help,
/// and running one.
extension HyperCLI {
    /// Loads the selected manifests into the registry; manifests with errors
    /// stop the call before anything runs. Writes the index after a load
    /// without errors.
    func loadProject(writingIndex: Bool = true) throws(CLIFailure) -> (root: String?, note: String?) {
        let selection = manifestSelection
        guard !selection.paths.isEmpty else {
            return (nil, "No commands.d folder here or above; only commands defined in code are available.")
        }
        let load = loader.load(paths: selection.paths)
        if load.stopsCommands { throw .invalidManifests(load) }
        for file in load.skippedFiles {
            console.err("hyper: skipped \(file): its file name is not valid UTF-8 (see `hyper validate`)\n")
        }
        _ = registry.addDiscovered(load.commands, projectRoot: load.projectRoot)
        // Only a load without errors is indexed, so a skipped file is reported on every call.
        if writingIndex, !load.hasErrors, let (file, binary) = indexLocation() {
            let bytes = ManifestIndex.encode(load, binary: binary, now: FileSystem.now())
            let written = FileSystem.makeFolders(Path.parent(file)) && FileSystem.writeAtomically(file, bytes)
            trace(written ? "written \(file)" : "not written (\(FileSystem.errorText()))")
        }
        return (load.projectRoot, nil)
    }

    /// The project's commands for this call: from a fresh index when there is
    /// one, else from a full load.
    func projectCommands() throws(CLIFailure) -> ProjectCommands {
        if let index = openIndex() {
            return ProjectCommands(cli: self, root: index.projectRoot, note: nil, index: index)
        }
        let (root, note) = try loadProject()
        return ProjectCommands(cli: self, root: root, note: note, index: nil)
    }

    /// The index file for the selected manifests and the key of this binary,
    /// or nil when indexing is off or has nowhere to go (the index never goes
    /// inside a manifest folder). Computed once per use: every call pays for it.
    private func indexLocation() -> (file: String, binary: UInt64)? {
        guard useIndex, let directory = ManifestIndex.directory(environment: environment) else { return nil }
        let selection = manifestSelection
        guard !selection.paths.isEmpty else { return nil }
        let absolute = Path.absolute(directory, from: workingDirectory)
        let paths = selection.paths.map { Path.absolute($0, from: workingDirectory) }
        for path in paths where absolute == path || absolute.hasPrefix(path + "/") || FileSystem.isInside(absolute, path) {
            trace("off: the index folder is inside `\(path)`")
            return nil
        }
        let binary = ManifestIndex.binaryKey(handlers: registry.handlerCatalog, codeCommands: registry.codeCommandNames)
        return (ManifestIndex.file(in: absolute, paths: paths, binary: binary), binary)
    }

    private func openIndex() -> OpenedIndex? {
        guard let (file, binary) = indexLocation() else { return nil }
        do {
            let index = try OpenedIndex(path: file, binary: binary)
            trace("hit \(file)")
            if index.wantsRefresh {
                let written = FileSystem.writeAtomically(file, index.refreshedBytes(now: FileSystem.now()))
                trace(written ? "refreshed \(file)" : "not refreshed (\(FileSystem.errorText()))")
            }
            return index
        } catch {
            trace("miss (\(error))")
            return nil
        }
    }

    /// `HYPER_INDEX_DEBUG=1`: one line on standard error about the index.
    func trace(_ message: @autoclosure () -> String) {
        if environment("HYPER_INDEX_DEBUG") == "1" { console.err("hyper: index: \(message())\n") }
    }

    func listCommands() throws(CLIFailure) -> Int32 {
        let project = try projectCommands()
        console.out(HelpFormatter.formatList(try project.summaries(), note: project.note))
        return 0
    }

    /// `hyper help` lists the commands; `hyper help NAME` shows one.
    func help(_ words: [String]) throws(CLIFailure) -> Int32 {
        guard let name = words.first else { return try listCommands() }
        guard words.count == 1 else { throw .usage("Error: Too many positional arguments (from '\(words[1])')") }
        if Names.same(name, "validate") {
            console.out(ValidateCommand.usage)
            return 0
        }
        guard let command = try projectCommands().command(named: name) else { throw unknown(name) }
        console.out(HelpFormatter.formatHelp(command))
        return 0
    }

    func runCommand(_ name: String, _ words: [String]) throws(CLIFailure) -> Int32 {
        let project = try projectCommands()
        guard let command = try project.command(named: name) else { throw unknown(name) }
        switch registry.prepare(command, words) {
        case .help(let text):
            console.out(text)
            return 0
        case .failure(let message):
            throw .failed(message)
        case .swift(let run, let values):
            return runBlocking(run, name: name, values: values)
        case .process(let values):
            let planned = ProcessPlan.make(for: command, values: values, projectRoot: project.root ?? workingDirectory,
                                           invocationDirectory: workingDirectory)!
            let plan: ProcessPlan
            switch planned.fitted(command: name) {
            case .success(let fitted): plan = fitted
            case .failure(let problem): throw .failed(problem.description)
            }
            let failure = ProcessLauncher.replaceProcess(with: plan)
            console.err("hyper: \(failure.message)\n")
            return failure.status
        }
    }

    private func unknown(_ name: String) -> CLIFailure {
        let names = registry.listCommands().map(\.name) + ["help", "validate"]
        return .unknownCommand(name, suggestion: Suggestion.closest(to: name, in: names))
    }

    /// Runs a Swift handler to completion from synchronous code.
    private func runBlocking(_ run: @escaping CommandHandler, name: String, values: ParsedArguments) -> Int32 {
        let console = self.console
        return BlockingTask.run { await HandlerRun.status(run, name: name, values: values, console: console) }
    }
}

/// The commands one call sees: those defined in code, then the manifests'
/// from the index or from a full load. Anything the index cannot answer (a
/// name it lacks, a record that fails its checksum) is answered by a full load.
struct ProjectCommands {
    let cli: HyperCLI
    var root: String?
    var note: String?
    var index: OpenedIndex?

    func command(named name: String) throws(CLIFailure) -> CommandDefinition? {
        if let command = cli.registry.getCommand(name) { return command }
        if let index {
            switch index.command(named: name) {
            case .found(let command):
                return command
            case .absent:
                // The index is fresh, so a full load only confirms the name is
                // unknown; it needs no new index.
                cli.trace("`\(name)` not in the index; loading the manifests")
                _ = try cli.loadProject(writingIndex: false)
            case .unsound:
                cli.trace("unsound record; loading the manifests")
                _ = try cli.loadProject()
            }
        }
        return cli.registry.getCommand(name)
    }

    /// Every command's name and help, sorted by name.
    func summaries() throws(CLIFailure) -> [(name: String, help: String)] {
        let code = cli.registry.listCommands().map { (name: $0.name, help: $0.help) }
        if let index {
            if let indexed = index.summaries() {
                if code.isEmpty { return indexed }
                return (indexed + code).sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            }
            cli.trace("unsound record; loading the manifests")
            _ = try cli.loadProject()
        }
        return cli.registry.listCommands().map { (name: $0.name, help: $0.help) }
    }
}
