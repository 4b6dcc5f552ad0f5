/// `hyper validate [PATH...] [--format human|concise|github|json] [--strict]`:
/// checks manifests for CI. Exit 0 without errors (warnings allowed unless
/// `--strict`), 1 otherwise, 2 for wrong usage. `hyper validate --schema`
/// prints the manifests' JSON Schema instead, for editors.
struct ValidateCommand {
    var paths: [String] = []
    var format: DiagnosticFormat = .human
    var strict = false
    var schema = false

    static func usage(_ program: String, _ layout: TextLayout) -> String {
        let name = StyledText(program + " validate", .literal)
        return HelpPage(usage: [[name, "[PATH...]", "[--format human|concise|github|json]", "[--strict]"], [name, "--schema"]], blocks: [
            .paragraph("Check manifests: every problem in every file, with its location.", indent: 2),
            .section(StyledText("Arguments", .heading), [
                HelpPage.Row("PATH", "manifest files or folders (default: the commands.d hyper finds)"),
            ]),
            .section(StyledText("Options", .heading), [
                HelpPage.Row(.options("--format <format>"), "human (default), concise, github or json"),
                HelpPage.Row(.options("--strict"), "fail on warnings too"),
                HelpPage.Row(.options("--schema"), "print the JSON Schema of a manifest, for editors"),
            ]),
        ]).rendered(layout)
    }

    /// Parses the words after `validate`; nil when `--help` asked for usage.
    static func parse(_ arguments: [String]) throws(CLIFailure) -> ValidateCommand? {
        var command = ValidateCommand()
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let word = arguments[index]
            let kind = ArgumentTokenizer.kind(of: word)
            index += 1
            // Words are compared as bytes (see `Names.same`).
            if optionsEnded || kind == .value {
                command.paths.append(try HyperCLI.path(word, for: "PATH"))
            } else if kind == .terminator {
                optionsEnded = true
            } else if Names.same(word, "-h") || Names.same(word, "--help") {
                return nil
            } else if Names.same(word, "--schema") {
                command.schema = true
            } else if Names.same(word, "--strict") {
                command.strict = true
            } else if Names.same(word, "--format") {
                guard index < arguments.count else { throw .usage("Missing value for --format") }
                command.format = try format(arguments[index])
                index += 1
            } else if case .long(let name, let value?) = kind, Names.same(name, "--format") {
                command.format = try format(value)
            } else {
                throw .unknownArgument(word, options: ["--format", "--strict", "--schema", "--help"])
            }
        }
        if command.schema && arguments.count > 1 { throw .usage("`--schema` takes no other arguments") }
        return command
    }

    private static func format(_ text: String) throws(CLIFailure) -> DiagnosticFormat {
        guard let format = DiagnosticFormat.allCases.first(where: { Names.same($0.rawValue, text) }) else {
            throw .usage("Invalid value for --format: expected human, concise, github or json, got '\(TerminalText.line(text))'")
        }
        return format
    }

    func run(cli: HyperCLI) -> Int32 {
        if schema {
            cli.console.out(ManifestSchema.json)
            return 0
        }
        var selection = ManifestSelection(paths: paths)
        if paths.isEmpty { selection = cli.manifestSelection }
        var load: ManifestLoad
        if selection.paths.isEmpty {
            load = ManifestLoad(files: [], sources: [:], commands: [], diagnostics: [], commandCount: 0)
            load.diagnostics.append(Diagnostic(.noManifests, "no `commands.d` folder in `\(cli.workingDirectory)` or any folder above it", at: nil,
                                               help: "create `commands.d/` with a manifest, or pass manifest paths to `\(cli.programName) validate`"))
        } else {
            var loader = cli.loader
            if format == .github {
                loader.displayRoot = GitHubWorkspace.root(workingDirectory: cli.workingDirectory, environment: cli.environment)
            }
            load = loader.load(paths: selection.paths, keepingCommands: false)
            if load.files.isEmpty && load.diagnostics.isEmpty {
                let shown = selection.paths.map { "`\($0)`" }.joined(separator: ", ")
                load.diagnostics.append(Diagnostic(.noManifests, "no manifests (`*.yaml`, `*.yml`) in \(shown)", at: nil))
            }
        }
        let renderer = DiagnosticRenderer(sources: load.sources, color: format == .human && cli.console.colorOutput)
        var output = renderer.render(load.diagnostics, format: format)
        if format == .human {
            output += Self.summary(load)
        }
        cli.console.out(output)
        let failed = load.diagnostics.errorCount > 0 || (strict && load.diagnostics.warningCount > 0)
        return failed ? 1 : 0
    }

    /// `3 manifests, 12 commands: 0 errors, 1 warning`
    static func summary(_ load: ManifestLoad) -> String {
        func count(_ number: Int, _ noun: String) -> String {
            "\(number) \(noun)\(number == 1 ? "" : "s")"
        }
        return "\(count(load.files.count, "manifest")), \(count(load.commandCount, "command")): "
            + "\(count(load.diagnostics.errorCount, "error")), \(count(load.diagnostics.warningCount, "warning"))\n"
    }
}
