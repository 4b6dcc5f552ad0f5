import Foundation
import Testing

/// What the README tells a user to type and what it says hyper prints.
@Suite struct ReadmeTests {
    static let readme: String = {
        let repository = HyperProcess.repository
        return (try? String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    }()

    /// The lines from `Options:` to the next empty line or fence.
    static func options(_ text: String) -> [Substring] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "Options:") else { return [] }
        return Array(lines[start...].prefix { !$0.isEmpty && !$0.hasPrefix("```") })
    }

    /// libyaml's install line works as root, where there is no `sudo`
    /// (containers, CI), and as a user.
    @Test func theInstallWorksWithAndWithoutSudo() {
        let lines = Self.readme.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("apt-get install libyaml-dev ") })
        #expect(lines.contains { $0.hasPrefix("sudo apt-get install libyaml-dev ") })
    }

    /// "Running commands" lists hyper's options as `hyper --help` does,
    /// `--no-index` and `-V` included.
    @Test func theOptionsAreListedAsHyperHelpListsThem() throws {
        let project = try TemporaryProject()
        let help = try project.run(["--help"])
        let listed = Self.options(help.stdout)
        #expect(listed.contains { $0.hasPrefix("  --no-index ") })
        #expect(listed.contains { $0.hasPrefix("  -V, --version ") })
        #expect(help.stdout.hasPrefix("Usage: hyper [OPTIONS] <command> [args]\n"))
        let section = try #require(Self.readme.range(of: "## Running commands"))
        #expect(Self.options(String(Self.readme[section.upperBound...])) == listed)
    }

    /// A user's own project points its editor at the schema the binary
    /// carries, as the README says; hyper reads only the manifests beside it.
    @Test func theSchemaRecipeWorksInAProjectOfItsOwn() throws {
        #expect(Self.readme.contains("```sh\nhyper validate --schema > commands.d/.hyper-schema.json\n```"))
        #expect(Self.readme.contains("```text\n# yaml-language-server: $schema=.hyper-schema.json\n```"))
        let project = try TemporaryProject()
        let schema = try project.run(["validate", "--schema"])
        try project.write("commands.d/.hyper-schema.json", schema.stdout)
        try project.write("commands.d/tasks.yaml", "# yaml-language-server: $schema=.hyper-schema.json\ncommands:\n  hi:\n    help: Say hi\n    exec: [echo, hi]\n")
        #expect(try project.run(["validate", "--strict"]) == RunResult(status: 0, stdout: "1 manifest, 1 command: 0 errors, 0 warnings\n", stderr: ""))
        #expect(try project.run(["hi"]) == RunResult(status: 0, stdout: "hi\n", stderr: ""))
    }

    /// Every `HYPER_INDEX_DEBUG` line is words the README lists, never a
    /// Swift value dumped: `hit FILE`, `miss (stale: …)`, ...
    @Test func indexTraceLinesAreTheDocumentedWords() throws {
        let bullet = try #require(Self.readme.range(of: "`HYPER_INDEX_DEBUG=1` says"))
        let end = Self.readme[bullet.upperBound...].range(of: "\n\n")?.lowerBound ?? Self.readme.endIndex
        let text = String(Self.readme[bullet.upperBound..<end])
        // Code spans: ``...`` (which may hold a backtick) or `...`.
        var forms: [String] = []
        for match in text.matches(of: /``\s?(.+?)\s?``|`([^`]+)`/) {
            if let form = match.output.1 ?? match.output.2 { forms.append(String(form)) }
        }
        let patterns = try forms.filter { $0 != "hyper: index:" }.map { form in
            var pattern = NSRegularExpression.escapedPattern(for: form)
            for (word, regex) in [("…", ".+"), ("FILE", "/\\S+"), ("NAME", "\\S+"), (" N ", " [0-9]+ ")] {
                pattern = pattern.replacingOccurrences(of: word, with: regex)
            }
            return try Regex(pattern)
        }
        #expect(patterns.count >= 12)

        let project = try TemporaryProject()
        try project.write("commands.d/main.yaml", "commands:\n  hi:\n    help: Say hi\n    exec: [echo, hi]\n")
        let index = project.root.appendingPathComponent("index")
        var lines: [Substring] = []
        for (words, edit) in [(["hi"], ""), (["hi"], ""), (["nope"], ""), (["hi"], "  bye:\n    help: Bye\n    exec: [echo, bye]\n")] {
            if !edit.isEmpty {
                try project.write("commands.d/main.yaml", "commands:\n  hi:\n    help: Say hi\n    exec: [echo, hi]\n" + edit)
            }
            let result = try project.run(words, environment: ["HYPER_INDEX_DIR": index.path, "HYPER_INDEX_DEBUG": "1"])
            lines += result.stderr.split(separator: "\n").filter { !$0.hasPrefix("Error: ") && !$0.hasPrefix("help: ") }
        }
        let inside = try project.run(["hi"], environment: ["HYPER_INDEX_DIR": project.root.appendingPathComponent("commands.d/x").path,
                                                         "HYPER_INDEX_DEBUG": "1"])
        lines += inside.stderr.split(separator: "\n")
        #expect(lines.count >= 6)
        for line in lines {
            #expect(line.hasPrefix("hyper: index: "), "\(line)")
            let words = line.dropFirst("hyper: index: ".count)
            #expect(patterns.contains { (try? $0.wholeMatch(in: words)) != nil }, "not documented: \(line)")
        }
    }
}
