/// Where GitHub Actions finds the files its annotations name: paths in
/// `--format github` are relative to the repository's root, since GitHub
/// matches them against the files of the pull request, wherever in the
/// checkout hyper was run.
enum GitHubWorkspace {
    /// `$GITHUB_WORKSPACE` (links resolved) when set, else the nearest folder
    /// from the working directory upward that holds `.git` (a folder, or a
    /// file in a worktree or submodule). Nil when neither is there: paths
    /// are then shown as in the other formats, from the working directory.
    static func root(workingDirectory: String, environment: (String) -> String?) -> String? {
        if let workspace = environment("GITHUB_WORKSPACE"), !workspace.isEmpty {
            let absolute = Path.absolute(workspace, from: workingDirectory)
            return FileSystem.resolvedPath(absolute) ?? absolute
        }
        var folder = Path.absolute(workingDirectory, from: "/")
        while true {
            if FileSystem.kind(Path.join(folder, ".git")) != .missing { return folder }
            if folder == "/" { return nil }
            folder = Path.parent(folder)
        }
    }
}
