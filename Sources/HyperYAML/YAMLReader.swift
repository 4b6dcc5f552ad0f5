/// The result of reading one manifest: its tree, if it got that far, and
/// every problem found on the way, in source order.
public struct YAMLDocument: Sendable {
    public var text: SourceText
    public var root: YAMLNode?
    public var problems: [YAMLProblem]
}

/// Reads manifest bytes into a located tree, refusing what hyper's format
/// does not allow.
///
/// Refused outright (reading stops): a file over the size limit, bytes that are
/// not UTF-8, NUL, a byte order mark past the start, text-direction controls,
/// YAML syntax errors, anchors and aliases (so no alias is ever expanded),
/// nesting past the depth limit, and a second document. Reported while reading
/// goes on: tags, directives, merge keys, complex keys, duplicate keys, and keys
/// or scalars over the length limits.
public enum YAMLReader {
    public static func read(_ bytes: [UInt8], limits: YAMLLimits = .manifest) -> YAMLDocument {
        let text = SourceText(bytes)
        if bytes.count > limits.maxFileBytes {
            let problem = YAMLProblem(
                kind: .fileTooLarge,
                message: "manifest is \(bytes.count) bytes, over the limit of \(limits.maxFileBytes)",
                span: YAMLSpan(line: 1, column: 1),
                help: "split the commands across several files in `commands.d`"
            )
            return YAMLDocument(text: text, root: nil, problems: [problem])
        }
        if let problem = ByteCheck.firstProblem(in: text) {
            return YAMLDocument(text: text, root: nil, problems: [problem])
        }
        return bytes.withUnsafeBufferPointer { buffer in
            var composer = Composer(parser: LibYAMLParser(input: buffer, text: text), limits: limits)
            let root = composer.composeStream()
            return YAMLDocument(text: text, root: root, problems: composer.problems)
        }
    }
}

/// Turns libyaml's events into `YAMLNode`s.
private struct Composer {
    let parser: LibYAMLParser
    let limits: YAMLLimits
    var problems: [YAMLProblem] = []
    var depth = 0

    init(parser: LibYAMLParser, limits: YAMLLimits) {
        self.parser = parser
        self.limits = limits
    }

    /// Thrown to stop reading at the first problem that makes the rest unreadable.
    struct Stop: Error {}

    mutating func composeStream() -> YAMLNode? {
        do {
            guard case .streamStart = try next() else { return nil }
            let first = try next()
            guard case .documentStart(let directives, let tagDirectives, let start) = first else {
                report(.empty, "manifest is empty", YAMLSpan(line: 1, column: 1),
                       help: "a manifest is a mapping with one key, `commands`")
                return nil
            }
            if directives || tagDirectives {
                report(.directive, "YAML directives (`%YAML`, `%TAG`) are not allowed", YAMLSpan(start: start),
                       help: "remove the directive; hyper reads every manifest by its own schema")
            }
            let root = try composeNode(try next())
            guard case .documentEnd = try next() else { return root }
            switch try next() {
            case .documentStart(_, _, let start):
                report(.multipleDocuments, "manifest has more than one YAML document", YAMLSpan(start: start, length: 3),
                       help: "put all commands in one document, or in separate files")
            default:
                break
            }
            return root
        } catch {
            return nil
        }
    }

    private mutating func next() throws -> ParserEvent {
        switch parser.next() {
        case .success(let event):
            return event
        case .failure(let failure):
            report(.syntax, "invalid YAML: \(failure.message)", failure.span)
            throw Stop()
        }
    }

    private mutating func report(_ kind: YAMLProblem.Kind, _ message: String, _ span: YAMLSpan, help: String? = nil) {
        problems.append(YAMLProblem(kind: kind, message: message, span: span, help: help))
    }

    private mutating func checkProperties(anchor: Bool, tag: String?, span: YAMLSpan) throws {
        if anchor {
            report(.anchorOrAlias, "anchors are not allowed", span,
                   help: "write the value out in full; hyper does not expand anchors or aliases")
            throw Stop()
        }
        if let tag {
            report(.tag, "tags are not allowed (found `\(tag)`)", span,
                   help: "remove the tag; hyper reads every value by its own schema")
        }
    }

    private mutating func enter(_ span: YAMLSpan) throws {
        depth += 1
        if depth > limits.maxDepth {
            report(.tooDeep, "nesting is deeper than \(limits.maxDepth) levels", span)
            throw Stop()
        }
    }

    private mutating func composeNode(_ event: ParserEvent) throws -> YAMLNode {
        switch event {
        case .scalar(let scalar, let anchor, let tag):
            try checkProperties(anchor: anchor, tag: tag, span: scalar.span)
            if scalar.value.utf8.count > limits.maxScalarBytes {
                report(.scalarTooLong,
                       "value is \(scalar.value.utf8.count) bytes, over the limit of \(limits.maxScalarBytes)",
                       YAMLSpan(start: scalar.span.start))
            } else if scalar.value.utf8.contains(0) {
                report(.nulCharacter, "value contains a NUL character, which no argument or environment variable can hold",
                       YAMLSpan(start: scalar.span.start))
            }
            return .scalar(scalar)
        case .alias(let span):
            report(.anchorOrAlias, "aliases are not allowed", span,
                   help: "write the value out in full; hyper does not expand anchors or aliases")
            throw Stop()
        case .sequenceStart(let span, let anchor, let tag):
            try checkProperties(anchor: anchor, tag: tag, span: span)
            try enter(span)
            var items: [YAMLNode] = []
            while true {
                let event = try next()
                if case .sequenceEnd = event { break }
                items.append(try composeNode(event))
            }
            depth -= 1
            return .sequence(YAMLSequence(items: items, span: span))
        case .mappingStart(let span, let anchor, let tag):
            try checkProperties(anchor: anchor, tag: tag, span: span)
            try enter(span)
            let mapping = try composeMapping(span)
            depth -= 1
            return .mapping(mapping)
        case .streamStart, .streamEnd, .documentStart, .documentEnd, .sequenceEnd, .mappingEnd:
            // libyaml guarantees well-formed nesting, so this is unreachable.
            report(.syntax, "invalid YAML: unexpected end of a collection", YAMLSpan(line: 1, column: 1))
            throw Stop()
        }
    }

    private mutating func composeMapping(_ span: YAMLSpan) throws -> YAMLMapping {
        var entries: [YAMLMapping.Entry] = []
        var seen: [String: Int] = [:]
        while true {
            let keyEvent = try next()
            if case .mappingEnd = keyEvent { break }
            let keyNode = try composeNode(keyEvent)
            let value = try composeNode(try next())
            guard case .scalar(let key) = keyNode else {
                report(.complexKey, "mapping keys must be plain text, not \(keyNode.kindDescription)", keyNode.span)
                continue
            }
            if key.style == .plain && key.value == "<<" {
                report(.mergeKey, "merge keys (`<<`) are not allowed", key.span,
                       help: "write the keys out in full")
                continue
            }
            if key.value.utf8.count > limits.maxKeyBytes {
                report(.keyTooLong, "key is \(key.value.utf8.count) bytes, over the limit of \(limits.maxKeyBytes)",
                       YAMLSpan(start: key.span.start))
                continue
            }
            if let firstLine = seen[key.value] {
                report(.duplicateKey, "duplicate key `\(key.value)` (first defined on line \(firstLine))", key.span,
                       help: "remove one of the two")
                continue
            }
            seen[key.value] = key.span.start.line
            entries.append(YAMLMapping.Entry(key: key, value: value))
        }
        return YAMLMapping(entries: entries, span: span)
    }
}
