import Testing
@testable import HyperYAML

private func read(_ text: String) -> YAMLDocument {
    YAMLReader.read(Array(text.utf8))
}

/// The problems of a document as `line:column kind message` strings, easy to compare exactly.
private func problems(_ text: String) -> [String] {
    read(text).problems.map { "\($0.span.start.line):\($0.span.start.column) \($0.kind) \($0.message)" }
}

@Suite struct YAMLReaderTests {
    @Test func composesALocatedTree() throws {
        let document = read("commands:\n  seed:\n    help: \"Seed it\"\n    exec: [true, '{x}']\n")
        #expect(document.problems.isEmpty)
        guard case .mapping(let root) = document.root else { Issue.record("root is not a mapping"); return }
        #expect(root.span.start == YAMLMark(line: 1, column: 1))
        #expect(root.entries.map(\.key.value) == ["commands"])
        guard case .mapping(let commands) = root.entries[0].value,
              case .mapping(let seed) = commands.entries[0].value else { Issue.record("not mappings"); return }
        #expect(commands.entries[0].key.span == YAMLSpan(line: 2, column: 3, length: 4))
        let help = seed.entries[0]
        guard case .scalar(let value) = help.value else { Issue.record("help is not a scalar"); return }
        #expect(value == YAMLScalar(value: "Seed it", style: .doubleQuoted, span: YAMLSpan(line: 3, column: 11, length: 9)))
        guard case .sequence(let exec) = seed.entries[1].value else { Issue.record("exec is not a sequence"); return }
        #expect(exec.span.start == YAMLMark(line: 4, column: 11))
        #expect(exec.items.map { if case .scalar(let s) = $0 { s.value } else { "" } } == ["true", "{x}"])
        #expect(exec.items[1].span == YAMLSpan(line: 4, column: 18, length: 5))
    }

    @Test func plainScalarsKeepTheirText() throws {
        let document = read("a: no\nb: 010\nc: 1e3\nd: ~\ne: 12:30:00\n")
        guard case .mapping(let root) = document.root else { Issue.record("root is not a mapping"); return }
        let values = root.entries.map { entry -> String in
            if case .scalar(let scalar) = entry.value { scalar.value } else { "?" }
        }
        #expect(values == ["no", "010", "1e3", "~", "12:30:00"])
    }

    @Test func emptyAndCommentOnlyFilesAreEmpty() {
        #expect(problems("") == ["1:1 empty manifest is empty"])
        #expect(problems("# nothing here\n\n") == ["1:1 empty manifest is empty"])
    }

    @Test func anchorsStopReadingAtTheFirstOne() {
        let laughs = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        """
        #expect(problems(laughs) == ["1:4 anchorOrAlias anchors are not allowed"])
        #expect(problems("a: *x\n") == ["1:4 anchorOrAlias aliases are not allowed"])
    }

    @Test func aliasWithoutAnchorIsRefused() {
        // libyaml's parser does not resolve aliases; the composer refuses them.
        #expect(problems("a: [1]\nb: *a\n") == ["2:4 anchorOrAlias aliases are not allowed"])
    }

    @Test func tagsDirectivesAndMergeKeysAreReported() {
        #expect(problems("a: !!python/object:os.system x\n") == ["1:4 tag tags are not allowed (found `tag:yaml.org,2002:python/object:os.system`)"])
        #expect(problems("%YAML 1.2\n---\na: 1\n") == ["1:1 directive YAML directives (`%YAML`, `%TAG`) are not allowed"])
        #expect(problems("%TAG !e! tag:example.com,2000:\n---\na: 1\n") == ["1:1 directive YAML directives (`%YAML`, `%TAG`) are not allowed"])
        #expect(problems("a: 1\n<<: {b: 2}\n") == ["2:1 mergeKey merge keys (`<<`) are not allowed"])
        #expect(problems("? [a, b]\n: 1\n") == ["1:3 complexKey mapping keys must be plain text, not a sequence"])
    }

    @Test func yaml13IsASyntaxError() {
        #expect(problems("%YAML 1.3\n---\na: 1\n") == ["1:1 syntax invalid YAML: found incompatible YAML document"])
    }

    @Test func duplicateKeysNameBothLines() {
        #expect(problems("a: 1\nb: 2\na: 3\n") == ["3:1 duplicateKey duplicate key `a` (first defined on line 1)"])
    }

    @Test func secondDocumentIsRefused() {
        #expect(problems("a: 1\n---\nb: 2\n") == ["2:1 multipleDocuments manifest has more than one YAML document"])
    }

    @Test func depthIsLimitedAtTheFirstCollectionPastIt() {
        let flow = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(problems("a: " + flow + "\n") == ["1:67 tooDeep nesting is deeper than 64 levels"])
        var block = ""
        for level in 0..<70 { block += String(repeating: " ", count: level) + "k:\n" }
        #expect(problems(block) == ["65:65 tooDeep nesting is deeper than 64 levels"])
    }

    @Test func byteLevelProblemsAreLocated() {
        #expect(problems("a: 1\nb: \u{00}\n") == ["2:4 nulCharacter manifest contains a NUL byte"])
        #expect(read("\u{FEFF}a: 1\n").problems.isEmpty)
        #expect(problems("a: 1\nb: x\u{FEFF}\n") == ["2:5 misplacedByteOrderMark byte order mark (U+FEFF) in the middle of the manifest"])
        #expect(problems("a: \"x\u{202E}y\"\n") == ["1:6 bidiControl text-direction control character U+202E in the manifest"])
        let latin1: [UInt8] = Array("a: caf".utf8) + [0xE9] + Array("\n".utf8)
        #expect(YAMLReader.read(latin1).problems.map { "\($0.span.start.line):\($0.span.start.column) \($0.message)" }
            == ["1:7 manifest is not valid UTF-8 (byte 0xE9 at offset 6)"])
        let utf16: [UInt8] = [0xFF, 0xFE, 0x61, 0x00]
        #expect(YAMLReader.read(utf16).problems.map(\.message) == ["manifest is UTF-16, not UTF-8"])
    }

    @Test func lineBreaksCountLikeLibYAML() {
        #expect(problems("a: 1\r\nb: 2\r\na: 3\r\n") == ["3:1 duplicateKey duplicate key `a` (first defined on line 1)"])
        #expect(problems("a: 1\rb: 2\ra: 3\r") == ["3:1 duplicateKey duplicate key `a` (first defined on line 1)"])
        let text = SourceText(Array("x: 1\r\ny: \u{2028}2\nz".utf8))
        #expect(text.lineCount == 4)
        #expect(text.line(1) == "x: 1")
        #expect(text.line(2) == "y: ")
        #expect(text.line(3) == "2")
        #expect(text.line(4) == "z")
        #expect(text.mark(ofByte: 9) == YAMLMark(line: 2, column: 4))
    }

    @Test func limitsOnKeysScalarsAndSize() {
        let limits = YAMLLimits(maxFileBytes: 64, maxDepth: 64, maxKeyBytes: 4, maxScalarBytes: 5)
        let document = YAMLReader.read(Array("abcde: 1\nb: 123456\n".utf8), limits: limits)
        #expect(document.problems.map { "\($0.span.start.line):\($0.span.start.column) \($0.message)" } == [
            "1:1 key is 5 bytes, over the limit of 4",
            "2:4 value is 6 bytes, over the limit of 5",
        ])
        let big = YAMLReader.read(Array(repeating: UInt8(ascii: "#"), count: 65), limits: limits)
        #expect(big.problems.map(\.message) == ["manifest is 65 bytes, over the limit of 64"])
    }

    @Test func syntaxErrorsCarryLibYAMLsPosition() {
        #expect(problems("a: [1, 2\n") == ["2:1 syntax invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 1, column 4)"])
        #expect(problems("a:\n\tb: 1\n") == ["2:1 syntax invalid YAML: found character that cannot start any token (while scanning for the next token at line 2, column 1)"])
    }
}
