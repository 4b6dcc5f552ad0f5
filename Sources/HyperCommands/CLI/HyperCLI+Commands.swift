/// The parts of the funnel that use the project's commands: listing, help,
/// and running one.
extension HyperCLI {
    /// Loads the selected manifests into the registry; manifests with errors
    /// stop the call before anything runs.
    func loadProject() throws(CLIFailure) -> (root: String?, note: String?) {
        let selection = manifestSelection
        guard !selection.paths.isEmpty else {
            return (nil, "No commands.d folder here or above; only commands defined in code are available.")
        }
        let load = loader.load(paths: selection.paths)
        if load.hasErrors { throw .invalidManifests(load) }
        _ = registry.addDiscovered(load.commands, projectRoot: load.projectRoot)
        return (load.projectRoot, nil)
    }

    func listCommands() throws(CLIFailure) -> Int32 {
        let (_, note) = try loadProject()
        console.out(HelpFormatter.formatList(registry.listCommands(), note: note))
        return 0
    }

    /// `hyper help` lists the commands; `hyper help NAME` shows one.
    func help(_ words: [String]) throws(CLIFailure) -> Int32 {
        guard let name = words.first else { return try listCommands() }
        guard words.count == 1 else { throw .usage("Error: Too many positional arguments (from '\(words[1])')") }
        if name == "validate" {
            console.out(ValidateCommand.usage)
            return 0
        }
        _ = try loadProject()
        guard let command = registry.getCommand(name) else { throw unknown(name) }
        console.out(HelpFormatter.formatHelp(command))
        return 0
    }

    func runCommand(_ name: String, _ words: [String]) throws(CLIFailure) -> Int32 {
        let (root, _) = try loadProject()
        guard let command = registry.getCommand(name) else { throw unknown(name) }
        let values: ParsedArguments
        do {
            switch try ArgumentParser.parse(words, for: command) {
            case .help:
                console.out(HelpFormatter.formatHelp(command))
                return 0
            case .values(let parsed):
                values = parsed
            }
        } catch {
            throw .failed(error.description)
        }
        switch command.action {
        case .exec, .shell:
            let plan = ProcessPlan.make(for: command, values: values, projectRoot: root ?? workingDirectory,
                                        invocationDirectory: workingDirectory)!
            let failure = ProcessLauncher.replaceProcess(with: plan)
            console.err("hyper: \(failure.message)\n")
            return failure.status
        case .handler(let handlerName):
            guard let handler = registry.handler(named: handlerName) else {
                throw .failed("Command '\(name)' failed: no handler named `\(handlerName)` is registered")
            }
            return runBlocking(handler.run, name: name, values: values)
        case .closure(let run):
            return runBlocking(run, name: name, values: values)
        }
    }

    private func unknown(_ name: String) -> CLIFailure {
        let names = registry.listCommands().map(\.name) + ["help", "validate"]
        return .unknownCommand(name, suggestion: Suggestion.closest(to: name, in: names))
    }

    /// Runs a Swift handler to completion from synchronous code.
    private func runBlocking(_ run: @escaping CommandHandler, name: String, values: ParsedArguments) -> Int32 {
        let console = self.console
        return BlockingTask.run {
            do {
                try await run(values)
                return 0
            } catch {
                console.err("Command '\(name)' failed: \(HandlerFailure.reason(error))\n")
                return 1
            }
        }
    }
}
