/// Every way a call of `hyper` can end other than success, with its exit code.
/// `HyperCLI` is the one funnel that prints these and exits.
enum CLIFailure: Error {
    /// Wrong words on the command line for hyper itself: exit 2.
    case usage(String, help: String? = nil)
    /// A command's arguments were wrong, or it failed: exit 1 (the seed's `run_command`).
    case failed(String)
    /// Manifests with errors: their diagnostics, then exit 1.
    case invalidManifests(ManifestLoad)
    /// An unknown command: exit 2, as in the seed's CLI.
    case unknownCommand(String, suggestion: String?)
    /// The exit status is already decided (a child's status, help printed).
    case exit(Int32)
}
