import Foundation
import HyperYAML
import Testing
@_spi(Fuzz) @testable import HyperCommands

@Suite struct DiagnosticsTests {
    /// `docs/diagnostics.md` lists exactly the codes there are, with their severity and summary.
    @Test func docsListEveryCode() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/diagnostics.md")
        let rows = try String(contentsOf: docs, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("| `") && $0.count > 8 && $0.dropFirst(3).first!.isUppercase && $0.dropFirst(4).first!.isNumber }
        let expected = DiagnosticCode.allCases.map { "| `\($0.rawValue)` | \($0.defaultSeverity.rawValue) | \($0.summary) |" }
        #expect(rows.map(String.init) == expected)
        #expect(Set(DiagnosticCode.allCases.map(\.rawValue)).count == DiagnosticCode.allCases.count)
    }

    @Test func caretUnderWideAndTabbedText() {
        #expect(DiagnosticRenderer.layout("\ta: b", column: 2, length: 1) == ("    a: b", 4, 1))
        #expect(DiagnosticRenderer.layout("名前: x", column: 5, length: 1) == ("名前: x", 6, 1))
        #expect(DiagnosticRenderer.layout("abc", column: 2, length: 100) == ("abc", 1, 2))
        #expect(DiagnosticRenderer.layout("a\u{202E}b", column: 2, length: 1) == ("a<U+202E>b", 1, 8))
    }

    /// A line wider than the excerpt is cut around the span, and the caret
    /// stays under the span's first character.
    @Test func longLinesAreCutAroundTheSpan() {
        let digits = String((0..<300).map { Character(String($0 % 10)) })
        let middle = DiagnosticRenderer.layout(digits, column: 151, length: 3)
        #expect(middle.0 == "…" + String(digits.dropFirst(110).prefix(120)) + "…")
        #expect(middle.1 == 41 && middle.2 == 3)
        #expect(Array(middle.0)[middle.1...].prefix(3) == Array(digits)[150...].prefix(3))
        // Near the start: cut at the end only. Near the end: the last 120 columns.
        #expect(DiagnosticRenderer.layout(digits, column: 10, length: 1) == (String(digits.prefix(120)) + "…", 9, 1))
        #expect(DiagnosticRenderer.layout(digits, column: 300, length: 1) == ("…" + String(digits.suffix(120)), 120, 1))
        #expect(DiagnosticRenderer.layout(digits, column: 301, length: 1) == ("…" + String(digits.suffix(120)), 121, 1))
        // A span wider than the window: carets to the cut.
        #expect(DiagnosticRenderer.layout(digits, column: 1, length: 1000) == (String(digits.prefix(120)) + "…", 0, 120))
        // Spelt-out characters are never split.
        let reversed = String(repeating: "\u{202E}", count: 50)
        #expect(DiagnosticRenderer.layout(reversed, column: 25, length: 1)
            == ("…" + String(repeating: "<U+202E>", count: 15) + "…", 41, 8))
    }

    @Test func afterTwentyDiagnosticsOfAFileTheRestAreCounted() {
        let diagnostics = (1...1234).map { Diagnostic(.unknownKey, "unknown key `k\($0)`", at: SourceLocation(file: "a\u{1B}.yaml", line: $0, column: 1)) }
            + [Diagnostic(.unknownKey, "unknown key `x`", at: SourceLocation(file: "b.yaml", line: 1, column: 1))]
        let renderer = DiagnosticRenderer()
        let concise = renderer.render(diagnostics, format: .concise).split(separator: "\n")
        #expect(concise.count == 22)
        #expect(concise[19] == "a<U+001B>.yaml:20:1: error: unknown key `k20` [E201]")
        #expect(concise[20] == "... and 1,214 more in a<U+001B>.yaml")
        #expect(concise[21] == "b.yaml:1:1: error: unknown key `x` [E201]")
        #expect(renderer.render(Array(diagnostics.prefix(20)), format: .github).split(separator: "\n").count == 20)
        #expect(renderer.render(diagnostics, format: .human).hasSuffix("error[E201]: unknown key `k20`\n  --> a<U+001B>.yaml:20:1\n\n... and 1,214 more in a<U+001B>.yaml\n\nerror[E201]: unknown key `x`\n --> b.yaml:1:1\n\n"))
        #expect(renderer.render(diagnostics, format: .json).split(separator: "\n").count == 1237)
        #expect(DiagnosticRenderer(limitPerFile: 2000).render(diagnostics, format: .concise).split(separator: "\n").count == 1235)
        #expect([0, 7, 999, 1000, 7980, 123_456, 1_234_567].map(DiagnosticRenderer.grouped) == ["0", "7", "999", "1,000", "7,980", "123,456", "1,234,567"])
    }

    @Test func messagesAreMadeVisible() {
        let diagnostic = Diagnostic(.unknownKey, "unknown key `a\u{1B}[31mb\tc`", at: SourceLocation(file: "a\u{1B}.yaml", line: 1, column: 1))
        #expect(DiagnosticRenderer().concise(diagnostic) == "a<U+001B>.yaml:1:1: error: unknown key `a<U+001B>[31mb\tc` [E201]\n")
    }

    /// A file whose bytes were not kept is read again for its source lines,
    /// but only while it still holds what was decoded.
    @Test func sourceLinesAreReadAgainOnlyWhenUnchanged() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hyper-source-\(getpid()).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let decoded = Array("commands:\n  a: {exec: [x]}\n".utf8)
        try Data(decoded).write(to: URL(fileURLWithPath: path))
        let diagnostic = Diagnostic(.duplicateCommand, "dup", at: SourceLocation(file: "shown.yaml", line: 2, column: 3))
        let signature = try #require(FileSystem.signature(path))
        let same = ManifestInputs.File(path: path, signature: signature, contentHash: ContentHash.of(decoded), digest: nil)
        let sources = ManifestLoader.sources(of: [diagnostic], in: [:], readingAgain: ["shown.yaml": same])
        #expect(sources["shown.yaml"]?.line(2) == "  a: {exec: [x]}")
        let edited = ManifestInputs.File(path: path, signature: signature, contentHash: ContentHash.of(Array("other".utf8)), digest: nil)
        #expect(ManifestLoader.sources(of: [diagnostic], in: [:], readingAgain: ["shown.yaml": edited]).isEmpty)
    }

    @Test func githubEscaping() {
        #expect(DiagnosticRenderer.escapeData("50% done\nnext\r") == "50%25 done%0Anext%0D")
        #expect(DiagnosticRenderer.escapeProperty("a:b,c") == "a%3Ab%2Cc")
    }

    @Test func colourOnlyWhenAsked() {
        let diagnostic = Diagnostic(.unknownKey, "unknown key `x`", at: SourceLocation(file: "a.yaml", line: 1, column: 1), help: "h")
        let plain = DiagnosticRenderer(sources: ["a.yaml": SourceText(Array("x: 1\n".utf8))], color: false).human(diagnostic)
        #expect(plain == "error[E201]: unknown key `x`\n --> a.yaml:1:1\n  |\n1 | x: 1\n  | ^\n  = help: h\n\n")
        let colored = DiagnosticRenderer(sources: ["a.yaml": SourceText(Array("x: 1\n".utf8))], color: true).human(diagnostic)
        #expect(colored.contains("\u{1B}[1;31merror[E201]\u{1B}[0m"))
    }

    @Test func suggestions() {
        #expect(Suggestion.closest(to: "hepl", in: ["help", "args", "exec"]) == "help")
        #expect(Suggestion.closest(to: "--cuont", in: ["--count", "--verbose"]) == "--count")
        #expect(Suggestion.closest(to: "gret", in: ["greet", "seed"]) == "greet")
        #expect(Suggestion.closest(to: "zzzz", in: ["help", "args"]) == nil)
        #expect(Suggestion.closest(to: "x", in: ["y"]) == "y")
    }

    /// The banded, bounded distance agrees with the full table wherever it
    /// answers, and answers whenever the distance is within the bound.
    @Test func boundedEditDistance() {
        func full(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
            var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in 0...a.count { table[i][0] = i }
            for j in 0...b.count { table[0][j] = j }
            for i in stride(from: 1, through: a.count, by: 1) {
                for j in stride(from: 1, through: b.count, by: 1) {
                    table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1) }
                }
            }
            return table[a.count][b.count]
        }
        // SplitMix64 with a fixed seed: the same 3,000 cases every run.
        struct SplitMix: RandomNumberGenerator {
            var state: UInt64 = 0x5EED
            mutating func next() -> UInt64 {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return z ^ (z >> 31)
            }
        }
        var generator = SplitMix()
        let alphabet = Array("abc".unicodeScalars)
        for _ in 0..<3000 {
            let a = (0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let b = (0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let limit = Int.random(in: 1...3, using: &generator)
            let expected = full(a, b)
            #expect(Suggestion.editDistance(a, b, atMost: limit) == (expected <= limit ? expected : nil), "\(a) \(b) \(limit)")
        }
    }

    @Test func displayPaths() {
        #expect(Path.display("/a/b/c.yaml", from: "/a") == "b/c.yaml")
        #expect(Path.display("/a/b/c.yaml", from: "/a/x/y") == "../../b/c.yaml")
        #expect(Path.display("/tmp/c.yaml", from: "/work") == "/tmp/c.yaml")
        #expect(Path.absolute("../x/./y", from: "/a/b") == "/a/x/y")
        #expect(Path.absolute("/../..//a/", from: "/x") == "/a")
        #expect(Path.absolute("..", from: "/") == "/")
        #expect(Path.absolute("", from: "/a/b/") == "/a/b")
        #expect(Path.absolute("caf\u{E9}/../\u{212A}", from: "/d") == "/d/\u{212A}")
        #expect(Path.display("/a", from: "/a") == ".")
        #expect(Path.display("/", from: "/a") == "/")
        #expect(Path.display("/a/b", from: "/a/b/c/d") == "../..")
        // A file below the directory, both plain, is a suffix of bytes; any
        // `.`, `..`, empty component or trailing `/` goes the long way.
        #expect(Path.display("/a/./b", from: "/a") == "b")
        #expect(Path.display("/a//b", from: "/a") == "b")
        #expect(Path.display("/a/b/../c", from: "/a") == "c")
        #expect(Path.display("/a/b/..", from: "/a") == ".")
        #expect(Path.display("/a/b/.", from: "/a") == "b")
        #expect(Path.display("/a/b", from: "/a/") == "b")
        #expect(Path.display("/a/b", from: "/a/.") == "b")
        #expect(Path.display("/a/b", from: "/x/../a") == "b")
        #expect(Path.display("/ab/c", from: "/a") == "/ab/c")
        #expect(Path.display("/a/..b/c.", from: "/a") == "..b/c.")
        #expect(Path.display("/a/.../c", from: "/a") == ".../c")
        #expect(Path.display("/w/caf\u{E9}/x.yaml", from: "/w") == "caf\u{E9}/x.yaml")
        #expect(Path.display("/ab/c", from: "/a") == "/ab/c")
    }

    /// Each byte of an invalid sequence is escaped; valid UTF-8 around it stays.
    @Test func fileNamesThatAreNotUTF8() {
        #expect(Path.escapedName(Array("caf".utf8) + [0xE9] + Array(".yaml".utf8)) == "caf\\xe9.yaml")
        #expect(Path.escapedName([0xC0, 0xAF, 0x41]) == "\\xc0\\xafA")
        #expect(Path.escapedName([0xE2, 0x82] + Array("é".utf8) + [0x0F, 0xFF]) == "\\xe2\\x82é\u{0F}\\xff")
    }
}
