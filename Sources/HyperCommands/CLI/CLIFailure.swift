/// Every way a call of `hyper` can end other than success, with its exit code
/// (the README's table). `HyperCLI` is the one funnel that prints these, in
/// `ErrorText`'s shape, and exits.
enum CLIFailure: Error {
    /// hyper itself was called wrongly (an unknown option, a built-in's wrong
    /// arguments, a word of hyper's own that is not UTF-8), or cannot start:
    /// exit 2. `Error: ` comes before the message; each hint is a `help:` line.
    case usage(String, help: [String] = [])
    /// A command's arguments were wrong, or it failed: exit 1 (the seed's
    /// `run_command`). The whole text, `Error: ...` and `help:` lines.
    case failed(String)
    /// Manifests with errors that stop every call (a path given that cannot
    /// be read): their diagnostics, then exit 1.
    case invalidManifests(ManifestLoad)
    /// An unknown command: exit 2, as in the seed's CLI. With
    /// `brokenManifests`, some manifests have errors, and the name may be
    /// declared in one of them.
    case unknownCommand(String, suggestion: String?, brokenManifests: Bool = false)
    /// A longer namespaced name that may be declared in a manifest that
    /// could not be read whole, so a shorter name is not run in its place:
    /// exit 1.
    case mayBeInBrokenManifest(String, shorter: String)

    /// The suggestion of an unknown command.
    var suggestion: String? {
        if case .unknownCommand(_, let suggestion, _) = self { return suggestion }
        return nil
    }

    /// `Error: Unknown argument: WORD` for a word a built-in or hyper does
    /// not take, with the closest of its options.
    static func unknownArgument(_ word: String, options: [String]) -> CLIFailure {
        let suggestion = Names.hasPrefix(word, "-") ? Suggestion.closest(to: word, in: options) : nil
        return .usage("Unknown argument: \(TerminalText.line(word))", help: suggestion.map { [ErrorText.didYouMean($0)] } ?? [])
    }
}
