import Testing
@testable import HyperYAML

/// Reads every event of a document, as the manifest decoder does: each event
/// as `kind line:column+length [style text]`, and every problem.
private func read(_ bytes: [UInt8], limits: YAMLLimits = .manifest) -> (events: [String], problems: [YAMLProblem]) {
    let (events, problems, _) = YAMLEventStream.read(bytes, limits: limits) { stream in
        var events: [String] = []
        while let event = stream.next() {
            switch event {
            case .scalar(let scalar):
                let span = scalar.span
                events.append("scalar \(span.start.line):\(span.start.column)+\(span.length) \(scalar.style) \(stream.string(scalar))")
            case .mappingStart(let span):
                events.append("mapping \(span.start.line):\(span.start.column)")
            case .sequenceStart(let span):
                events.append("sequence \(span.start.line):\(span.start.column)")
            case .mappingEnd, .sequenceEnd:
                events.append("end")
            }
        }
        return events
    }
    return (events ?? [], problems)
}

private func read(_ text: String) -> (events: [String], problems: [YAMLProblem]) {
    read(Array(text.utf8))
}

/// The problems of a document as `line:column kind message` strings, easy to compare exactly.
private func problems(_ text: String) -> [String] {
    read(text).problems.map { "\($0.span.start.line):\($0.span.start.column) \($0.kind) \($0.message)" }
}

@Suite struct YAMLEventStreamTests {
    @Test func eventsAreLocated() {
        let document = read("commands:\n  seed:\n    help: \"Seed it\"\n    exec: [true, '{x}']\n")
        #expect(document.problems.isEmpty)
        #expect(document.events == [
            "mapping 1:1",
            "scalar 1:1+8 plain commands",
            "mapping 2:3",
            "scalar 2:3+4 plain seed",
            "mapping 3:5",
            "scalar 3:5+4 plain help",
            "scalar 3:11+9 doubleQuoted Seed it",
            "scalar 4:5+4 plain exec",
            "sequence 4:11",
            "scalar 4:12+4 plain true",
            "scalar 4:18+5 singleQuoted {x}",
            "end", "end", "end", "end",
        ])
    }

    /// libyaml counts a leading byte order mark as a column of line 1; the
    /// line shown under a diagnostic does not hold it, so positions do not.
    @Test func aByteOrderMarkIsNoColumn() {
        #expect(read("\u{FEFF}a: {b: c}\n").events == ["mapping 1:1", "scalar 1:1+1 plain a", "mapping 1:4", "scalar 1:5+1 plain b",
                                                       "scalar 1:8+1 plain c", "end", "end"])
        #expect(problems("\u{FEFF}a: [1\n") == ["2:1 syntax invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 1, column 4)"])
    }

    @Test func plainScalarsKeepTheirText() {
        let values = read("a: no\nb: 010\nc: 1e3\nd: ~\ne: 12:30:00\n").events.filter { $0.hasPrefix("scalar ") && !$0.contains(":1+1 ") }
        #expect(values == [
            "scalar 1:4+2 plain no",
            "scalar 2:4+3 plain 010",
            "scalar 3:4+3 plain 1e3",
            "scalar 4:4+1 plain ~",
            "scalar 5:4+8 plain 12:30:00",
        ])
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
        #expect(read(latin1).problems.map { "\($0.span.start.line):\($0.span.start.column) \($0.message)" }
            == ["1:7 manifest is not valid UTF-8 (byte 0xE9 at offset 6)"])
        let utf16: [UInt8] = [0xFF, 0xFE, 0x61, 0x00]
        #expect(read(utf16).problems.map(\.message) == ["manifest is UTF-16, not UTF-8"])
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
        let document = read(Array("abcde: 1\nb: 123456\n".utf8), limits: limits)
        #expect(document.problems.map { "\($0.span.start.line):\($0.span.start.column) \($0.message)" } == [
            "1:1 key is 5 bytes, over the limit of 4",
            "2:4 value is 6 bytes, over the limit of 5",
        ])
        let big = read(Array(repeating: UInt8(ascii: "#"), count: 65), limits: limits)
        #expect(big.problems.map(\.message) == ["manifest is 65 bytes, over the limit of 64"])
    }

    @Test func syntaxErrorsCarryLibYAMLsPosition() {
        #expect(problems("a: [1, 2\n") == ["2:1 syntax invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 1, column 4)"])
        #expect(problems("a:\n\tb: 1\n") == ["2:1 syntax invalid YAML: found character that cannot start any token (while scanning for the next token at line 2, column 1)"])
    }
}
