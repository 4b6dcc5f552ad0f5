import Foundation
import Testing

/// Every example in README.md and docs/*.md works as pasted, or says what it
/// needs. The conventions these tests read:
///
/// - A ```` ```yaml ```` block is a manifest. It is validated with
///   `hyper validate --strict` in a fresh folder, as `commands.d/NAME.yaml`
///   when its first line is the comment `# commands.d/NAME.yaml`, else as
///   `commands.d/example.yaml`, and must give no error and no warning.
/// - An HTML comment on the line just before the fence says what the block
///   needs, as the prose or the block's comments say it to a reader:
///   `<!-- needs: scripts/seed.sh handlers -->`. Each path is created as an
///   executable script that prints nothing and exits 0; `handlers` validates
///   with the example program `hyper-example` (Examples/seed), which
///   registers the handlers `seed`, `greet`, `migrate` and `sync-task`.
/// - `<!-- not a manifest: ... -->` before a ```` ```yaml ```` block says it
///   is YAML of another tool (a GitHub Actions step), and skips it.
/// - A ```` ```console ```` block shows a session: each `$ ` line is a
///   command, and the lines up to the next `$ ` are what it prints, standard
///   output then standard error, exactly, blank lines included. `$ hyper ARGS` runs the built
///   `hyper` in the folder of the nearest manifest block above, made as
///   above. `$ cd PATH` moves to PATH in this repository instead, and
///   `$ swift run PRODUCT ARGS` runs the built PRODUCT.
@Suite struct DocumentationExamplesTests {
    static let repository = HyperProcess.repository

    /// A fenced block of a document.
    struct Block: CustomTestStringConvertible, Sendable {
        var file: String
        /// The line of the opening fence.
        var line: Int
        var language: String
        var text: String
        /// The HTML comment on the line before the fence, without `<!--` and `-->`.
        var marker: String?
        /// For a console block: the nearest manifest block above it.
        var manifest: Int?

        var testDescription: String { "\(file):\(line)" }

        var needs: [String] {
            guard let marker, marker.hasPrefix("needs:") else { return [] }
            return marker.dropFirst("needs:".count).split(separator: " ").map(String.init)
        }
    }

    static let documents: [String] = {
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("docs").path)) ?? []
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }()

    static let blocks: [Block] = documents.flatMap { file -> [Block] in
        let text = (try? String(contentsOf: repository.appendingPathComponent(file), encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [Block] = []
        var index = 0
        var lastManifest: Int?
        while index < lines.count {
            guard lines[index].hasPrefix("```") else { index += 1; continue }
            let language = String(lines[index].dropFirst(3)).trimmingCharacters(in: .whitespaces)
            let previous = index > 0 ? lines[index - 1].trimmingCharacters(in: .whitespaces) : ""
            let marker = previous.hasPrefix("<!--") && previous.hasSuffix("-->")
                ? String(previous.dropFirst(4).dropLast(3)).trimmingCharacters(in: .whitespaces) : nil
            var end = index + 1
            while end < lines.count, !lines[end].hasPrefix("```") { end += 1 }
            var block = Block(file: file, line: index + 1, language: language,
                              text: lines[(index + 1)..<min(end, lines.count)].joined(separator: "\n") + "\n", marker: marker)
            if language == "yaml", !(marker ?? "").hasPrefix("not a manifest") { lastManifest = blocks.count }
            if language == "console" { block.manifest = lastManifest }
            blocks.append(block)
            index = end + 1
        }
        return blocks
    }

    static var manifests: [Block] { blocks.filter { $0.language == "yaml" && !($0.marker ?? "").hasPrefix("not a manifest") } }
    static var consoles: [Block] { blocks.filter { $0.language == "console" } }

    /// A fresh project holding the block as a manifest and what it needs.
    static func project(for block: Block) throws -> TemporaryProject {
        let project = try TemporaryProject()
        let first = block.text.prefix { $0 != "\n" }
        let name = first.hasPrefix("# commands.d/") ? String(first.dropFirst(2)) : "commands.d/example.yaml"
        try project.write(name, block.text)
        for need in block.needs where need != "handlers" {
            try project.write(need, "#!/bin/sh\nexit 0\n", executable: true)
        }
        return project
    }

    static func binary(for block: Block) -> URL {
        block.needs.contains("handlers") ? HyperProcess.productsDirectory.appendingPathComponent("hyper-example") : HyperProcess.hyper
    }

    @Test func theDocumentsHaveExamples() {
        #expect(Self.manifests.count >= 3)
        #expect(Self.consoles.count >= 2)
        // Every marker is one these tests know.
        for block in Self.blocks {
            guard let marker = block.marker else { continue }
            #expect(marker.hasPrefix("needs:") || marker.hasPrefix("not a manifest"), "\(block.file):\(block.line): \(marker)")
            #expect(block.needs.allSatisfy { $0 == "handlers" || !$0.hasPrefix("/") && !$0.contains("..") })
        }
    }

    @Test(arguments: manifests)
    func manifestExampleValidates(block: Block) throws {
        let project = try Self.project(for: block)
        let result = try HyperProcess.run(["validate", "--strict"], in: project.root, executable: Self.binary(for: block))
        #expect(result.status == 0, "\(block.file):\(block.line)\n\(result)")
        #expect(result.stdout.hasSuffix(": 0 errors, 0 warnings\n"), "\(result)")
        #expect(result.stderr == "")
    }

    @Test(arguments: consoles)
    func consoleExamplePrintsWhatItShows(block: Block) throws {
        var project: TemporaryProject?
        var directory: URL?
        var binary = HyperProcess.hyper
        if let manifest = block.manifest {
            let source = Self.blocks[manifest]
            project = try Self.project(for: source)
            directory = project?.root
            binary = Self.binary(for: source)
        }
        var command: String?
        var shown = ""
        func check() throws {
            guard let line = command else { return }
            var words = line.split(separator: " ").map(String.init)
            if words.first == "cd", words.count == 2 {
                directory = Self.repository.appendingPathComponent(words[1])
                #expect(shown == "", "`\(line)` prints nothing")
                return
            }
            var executable = binary
            if words.starts(with: ["swift", "run"]), words.count > 2 {
                executable = HyperProcess.productsDirectory.appendingPathComponent(words[2])
                words.removeFirst(3)
            } else {
                #expect(words.first == "hyper", "\(block.file):\(block.line): `\(line)` runs neither hyper nor `swift run`")
                words.removeFirst()
            }
            let folder = try #require(directory, "\(block.file):\(block.line): no manifest above and no `cd`")
            let result = try HyperProcess.run(words, in: folder, executable: executable)
            #expect(result.stdout + result.stderr == shown, "\(block.file):\(block.line): `\(line)`")
        }
        // Blank lines are part of what a command prints; the block's text ends with a line feed.
        for line in block.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) {
            if line.hasPrefix("$ ") {
                try check()
                command = String(line.dropFirst(2))
                shown = ""
            } else {
                shown += line + "\n"
            }
        }
        try check()
        withExtendedLifetime(project) {}
    }
}
