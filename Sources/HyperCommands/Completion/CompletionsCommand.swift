/// `hyper completions bash|zsh|fish` prints the script for a shell;
/// `hyper completions --trust` lets this project's `complete:` programs run.
struct CompletionsCommand {
    enum Action {
        case script(CompletionScript.Shell)
        case trust
    }

    var action: Action

    static func usage(_ program: String, _ layout: TextLayout) -> String {
        let name = StyledText(program + " completions", .literal)
        return HelpPage(usage: [[name, "bash|zsh|fish"], [name, "--trust"]], blocks: [
            .paragraph("Print the script that completes \(program)'s words on Tab. The script asks \(program) on every Tab, "
                       + "so completions follow the manifests of the folder where Tab was pressed, with nothing to regenerate.", indent: 2),
            .section(StyledText("Install", .heading), [
                HelpPage.Row(StyledText("bash", .literal), "source <(\(program) completions bash)   in ~/.bashrc"),
                HelpPage.Row(StyledText("zsh", .literal), "source <(\(program) completions zsh)   in ~/.zshrc, after compinit\n"
                             + "(or \(program) completions zsh > \"${fpath[1]}/_\(program)\")"),
                HelpPage.Row(StyledText("fish", .literal), "\(program) completions fish > ~/.config/fish/completions/\(program).fish"),
            ], alignment: 1),
            .paragraph("Completed: the built-ins and the commands (with their help in zsh and fish), namespaces a segment at a time, "
                       + "aliases, a command's options (those that cannot repeat only once; `--no-x` for a flag that is true by default), "
                       + "choices with their help, `true`/`false`, files and folders for `path` args, and what an arg's `complete:` "
                       + "program prints. After `--` or where a rest arg begins, the shell completes files.", indent: 2),
            .section(StyledText("Options", .heading), [
                HelpPage.Row(.options("--trust"), "let this project's `complete:` programs run on Tab"),
            ]),
            .paragraph("A `complete:` program is a program of the project: a Tab would run it. It runs only in a project you trusted: "
                       + "run `\(program) completions --trust` in it, which records its manifests as they are now (their paths and the "
                       + "SHA-256 of their bytes) in $XDG_CONFIG_HOME/hyper/trusted-manifests (else ~/.config/hyper/). A manifest added "
                       + "or changed since needs `--trust` again; until then everything else still completes.", indent: 2),
        ]).rendered(layout)
    }

    /// Parses the words after `completions`; nil when `--help` asked for usage.
    static func parse(_ words: [String]) throws(CLIFailure) -> CompletionsCommand? {
        var found: Action?
        for word in words {
            if Names.same(word, "-h") || Names.same(word, "--help") { return nil }
            let action: Action
            if Names.same(word, "--trust") {
                action = .trust
            } else if let shell = CompletionScript.Shell.allCases.first(where: { Names.same($0.rawValue, word) }) {
                action = .script(shell)
            } else {
                throw .unknownArgument(word, options: ["--trust", "--help"])
            }
            guard found == nil else { throw .usage("`completions` takes one shell, or `--trust`", help: ["run `completions --help` for its usage"]) }
            found = action
        }
        guard let found else {
            throw .usage("`completions` needs a shell: `bash`, `zsh` or `fish`", help: ["or `--trust` to let this project's completion programs run"])
        }
        return CompletionsCommand(action: found)
    }

    func run(cli: HyperCLI) throws(CLIFailure) -> Int32 {
        switch action {
        case .script(let shell):
            // The name goes into the script as code and in its comments: a
            // control character (a line feed above all) would end a comment.
            guard !cli.programName.unicodeScalars.contains(where: { $0.value < 0x20 || TerminalText.isUnsafe($0) }) else {
                throw .usage("the program's name `\(cli.shownProgramName)` holds a control character, so no script can name it safely")
            }
            cli.console.out(CompletionScript.text(shell, program: cli.programName))
            return 0
        case .trust:
            let selection = cli.manifestSelection
            guard !selection.paths.isEmpty else {
                throw .usage("no commands.d folder here or above: there is nothing to trust",
                             help: ["run it in the project, or give its manifests with `--manifests PATH`"])
            }
            guard let folder = TrustedManifests.folder(environment: cli.environment) else {
                throw .usage("neither XDG_CONFIG_HOME nor HOME is an absolute path: there is nowhere to record the trust")
            }
            guard let manifests = TrustedManifests.manifests(of: selection, workingDirectory: cli.workingDirectory) else {
                throw .failed(ErrorText.lines("cannot read every manifest of the project; nothing was trusted",
                                              help: ["run `\(cli.shownProgramName) validate` to see which"]))
            }
            if let problem = TrustedManifests(folder: folder).trust(manifests) {
                throw .failed(ErrorText.lines(TerminalText.line(problem) + "; nothing was trusted"))
            }
            let count = manifests.count == 1 ? "1 manifest" : "\(manifests.count) manifests"
            cli.console.out("Trusted \(count) as they are now: their completion programs run on Tab.\n"
                            + "A change to any of them needs `\(cli.shownProgramName) completions --trust` again.\n")
            return 0
        }
    }
}

extension HyperCLI {
    /// The hidden entry the scripts call on every Tab: `__complete SHELL
    /// WORD...`, the last word the one under the cursor. It prints only the
    /// protocol (`CompletionResult`), and always exits 0: nothing it could
    /// say belongs in a prompt. It starts with `_`, so no command can take
    /// its name, and no list shows it.
    static let completionEntry = "__complete"

    func completeNothing() -> Int32 {
        console.out(CompletionResult.nothing.protocolText)
        return 0
    }

    func completeWords(_ arguments: [String]) -> Int32 {
        guard let shell = arguments.first.flatMap({ CompletionScript.Shell(rawValue: $0) }) else { return completeNothing() }
        var words = Array(arguments.dropFirst())
        // Bash gives the words as typed; zsh and fish remove their quoting.
        if shell == .bash { words = words.map(ShellWords.dequote) }
        if words.isEmpty { words = [""] }
        // Nothing but candidates reaches the prompt: not even the index's trace.
        var cli = self
        let environment = cli.environment
        cli.environment = { name in name == "HYPER_INDEX_DEBUG" ? nil : environment(name) }
        var cached: [[String]: ProjectCompletionSource] = [:]
        let engine = CompletionEngine(
            source: { options in
                if let source = cached[options] { return source }
                let selection = ManifestSelection.resolve(options: options, environment: cli.manifestEnvironment,
                                                          workingDirectory: cli.workingDirectory)
                let source = ProjectCompletionSource(project: cli.completionCommands(selection), selection: selection)
                cached[options] = source
                return source
            },
            runCompleter: { call in
                // Trust is checked against the bytes the command was decoded
                // from, not the files as they are now.
                guard let source = cached.values.first,
                      let folder = TrustedManifests.folder(environment: cli.environment),
                      let manifests = source.decodedManifests(), !manifests.isEmpty,
                      TrustedManifests(folder: folder).trusts(manifests),
                      case .candidates(let candidates) = CompletionProgram().run(call) else { return [] }
                return candidates
            },
            workingDirectory: workingDirectory)
        console.out(engine.complete(words).protocolText)
        return 0
    }
}

/// `ProjectCommands` as completion reads it, each answer kept for the call.
final class ProjectCompletionSource: CompletionSource {
    private let project: ProjectCommands?
    let selection: ManifestSelection
    private var listed: [ListedCommand]?

    init(project: ProjectCommands?, selection: ManifestSelection) {
        self.project = project
        self.selection = selection
    }

    /// The commands the list shows: hidden ones never.
    func summaries() -> [ListedCommand] {
        if let listed { return listed }
        let summaries = (try? project?.summaries())?.commands ?? []
        listed = summaries
        return summaries
    }

    /// The manifests the commands came from, with the digests of the bytes read.
    func decodedManifests() -> [(path: String, digest: String)]? {
        project?.decodedManifests()
    }

    /// A sound command by name or alias; a name the index lacks is unknown
    /// without loading the manifests.
    func command(named name: String) -> CommandDefinition? {
        guard let project, case .command(let command)? = try? project.find(name, settling: false) else { return nil }
        return command
    }
}

/// Bash's words as typed, without their quoting: `'...'`, `"..."` (where
/// `\` escapes `$`, `` ` ``, `"`, `\` and a line break) and `\` outside
/// quotes. A quote left open (the word under the cursor) runs to the end.
enum ShellWords {
    static func dequote(_ word: String) -> String {
        guard word.utf8.contains(where: { $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            return word
        }
        var out = String.UnicodeScalarView()
        var quote: Unicode.Scalar?
        var escaped = false
        for scalar in word.unicodeScalars {
            if escaped {
                if quote == "\"" && !["$", "`", "\"", "\\", "\n"].contains(scalar) { out.append("\\") }
                if scalar != "\n" { out.append(scalar) }
                escaped = false
            } else if quote == "'" {
                if scalar == "'" { quote = nil } else { out.append(scalar) }
            } else if scalar == "\\" {
                escaped = true
            } else if quote == "\"" {
                if scalar == "\"" { quote = nil } else { out.append(scalar) }
            } else if scalar == "'" || scalar == "\"" {
                quote = scalar
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
