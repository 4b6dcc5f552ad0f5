/// The parts of the funnel that use the project's commands: listing, help,
/// and running one.
extension HyperCLI {
    /// The project's commands for this call: the manifest selection is
    /// resolved here, once, and serves the index and the loader alike.
    func projectCommands() throws(CLIFailure) -> ProjectCommands {
        let selection = manifestSelection
        let trace: (String) -> Void = { self.trace($0) }
        let console = self.console
        let program = shownProgramName
        return try ProjectCommands(registry: registry, selection: selection, loader: loader, place: indexPlace(for: selection), trace: trace) { file in
            console.err("warning: skipped \(TerminalText.line(file)): its file name is not valid UTF-8\n"
                        + "help: rename it; `\(program) validate` reports it as an error\n")
        }
    }

    /// The project's commands for a completion: silent (no trace, no
    /// warning), and manifests with errors give their sound commands.
    func completionCommands(_ selection: ManifestSelection) -> ProjectCommands? {
        try? ProjectCommands(registry: registry, selection: selection, loader: loader, place: indexPlace(for: selection),
                             trace: { _ in }, skipped: { _ in }, tolerant: true)
    }

    /// The index for the selected manifests and this binary, or nil when
    /// indexing is off or has nowhere to go (the index never goes inside a
    /// manifest folder). Every call pays for it.
    private func indexPlace(for selection: ManifestSelection) -> IndexPlace? {
        guard useIndex, !selection.paths.isEmpty, let directory = ManifestIndex.directory(environment: environment) else { return nil }
        let folder = Path.absolute(directory, from: workingDirectory)
        let paths = selection.paths.map { Path.absolute($0, from: workingDirectory) }
        for path in paths where folder == path || folder.hasPrefix(path + "/") {
            trace("off: the index folder is inside `\(path)`")
            return nil
        }
        return IndexPlace(folder: folder, key: IndexKey(handlers: registry.handlerCatalog, codeCommands: registry.codeCommandNames,
                                                        paths: paths))
    }

    /// `HYPER_INDEX_DEBUG=1`: one line on standard error about the index.
    func trace(_ message: @autoclosure () -> String) {
        if environment("HYPER_INDEX_DEBUG") == "1" { console.err("\(shownProgramName): index: \(TerminalText.line(message()))\n") }
    }

    func listCommands() throws(CLIFailure) -> Int32 {
        let project = try projectCommands()
        console.out(HelpFormatter.formatList(try project.summaries(), note: project.note, program: programName))
        return 0
    }

    /// `hyper help` lists the commands; `hyper help NAME` shows one.
    func help(_ words: [String]) throws(CLIFailure) -> Int32 {
        guard var name = words.first else { return try listCommands() }
        if Names.same(name, "-h") || Names.same(name, "--help") { name = "help" }
        guard words.count == 1 else { throw .usage("Too many positional arguments (from '\(TerminalText.line(words[1]))')") }
        if let builtIn = BuiltIn.named(name) {
            console.out(builtIn.usage(shownProgramName))
            return 0
        }
        guard let command = try projectCommands().command(named: name) else { throw unknown(name) }
        console.out(HelpFormatter.formatHelp(command, program: programName))
        return 0
    }

    func runCommand(_ name: String, _ words: [String]) throws(CLIFailure) -> Int32 {
        let project = try projectCommands()
        guard let command = try project.command(named: name) else { throw unknown(name) }
        if let invalid = invalidArgument { throw .failed(ErrorText.lines(Self.notUTF8(invalid))) }
        let context = CommandLineParser.Context(environment: environment, invocationDirectory: workingDirectory)
        switch registry.prepare(command, words, context: context, program: programName, warn: console.err) {
        case .help(let text):
            console.out(text)
            return 0
        case .failure(let message):
            throw .failed(message)
        case .swift(let run, let values):
            return runBlocking(run, name: name, values: values)
        case .process(let values):
            let planned = ProcessPlan.make(for: command, values: values, projectRoot: command.root ?? workingDirectory,
                                           invocationDirectory: workingDirectory)!
            let plan: ProcessPlan
            do {
                plan = try planned.fitted(command: name)
            } catch {
                throw .failed(error.description + "\n")
            }
            let failure = ProcessLauncher.replaceProcess(with: plan)
            console.err(failure.text)
            return failure.status
        }
    }

    private func unknown(_ name: String) -> CLIFailure {
        let names = registry.listCommands().map(\.name) + BuiltIn.names
        return .unknownCommand(name, suggestion: Suggestion.closest(to: name, in: names))
    }

    /// Runs a Swift handler to completion from synchronous code.
    private func runBlocking(_ run: @escaping CommandHandler, name: String, values: ParsedArguments) -> Int32 {
        let console = self.console
        return BlockingTask.run { await HandlerRun.status(run, name: name, values: values, console: console) }
    }
}
