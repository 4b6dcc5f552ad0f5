/// The result of reading one manifest as a tree: the tree, if it got that
/// far, and every problem found on the way, in source order.
public struct YAMLDocument: Sendable {
    public var text: SourceText
    public var root: YAMLNode?
    public var problems: [YAMLProblem]
}

/// Reads manifest bytes into a located tree, refusing what hyper's format
/// does not allow (see `YAMLEventStream` for the rules).
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
        let (root, problems, _) = YAMLEventStream.read(bytes, limits: limits) { stream in
            stream.next().flatMap { compose($0, &stream) }
        }
        return YAMLDocument(text: text, root: root ?? nil, problems: problems)
    }

    private static func compose(_ event: YAMLEvent, _ stream: inout YAMLEventStream) -> YAMLNode? {
        switch event {
        case .scalar(let scalar):
            return .scalar(stream.scalar(scalar))
        case .sequenceStart(let span):
            var items: [YAMLNode] = []
            while let next = stream.next() {
                if case .sequenceEnd = next { return .sequence(YAMLSequence(items: items, span: span)) }
                guard let item = compose(next, &stream) else { return nil }
                items.append(item)
            }
            return nil
        case .mappingStart(let span):
            var entries: [YAMLMapping.Entry] = []
            while let next = stream.next() {
                guard case .scalar(let key) = next else { return .mapping(YAMLMapping(entries: entries, span: span)) }
                guard let first = stream.next(), let value = compose(first, &stream) else { return nil }
                entries.append(YAMLMapping.Entry(key: stream.scalar(key), value: value))
            }
            return nil
        case .mappingEnd, .sequenceEnd:
            return nil
        }
    }
}
