#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One event of a manifest, after hyper's YAML rules: keys are always
/// scalars, unique within their mapping, never merge keys; no anchors,
/// aliases or directives ever pass.
///
/// Every case carries plain values only (a scalar's text stays in the
/// stream's buffer), so handing events around costs no reference counting.
package enum YAMLEvent: Sendable, Hashable {
    case scalar(YAMLScalarRef)
    case mappingStart(YAMLSpan)
    case mappingEnd
    case sequenceStart(YAMLSpan)
    case sequenceEnd

    /// "a mapping", "a sequence", "a scalar", "null": for messages.
    package var kindDescription: String {
        switch self {
        case .scalar(let scalar): scalar.isPlainNull ? "null" : "a scalar"
        case .mappingStart: "a mapping"
        case .sequenceStart: "a sequence"
        case .mappingEnd, .sequenceEnd: "the end of a collection"
        }
    }

    package var span: YAMLSpan? {
        switch self {
        case .scalar(let scalar): scalar.span
        case .mappingStart(let span), .sequenceStart(let span): span
        case .mappingEnd, .sequenceEnd: nil
        }
    }
}

/// Pulls the events of one document, applying hyper's YAML rules as it goes.
///
/// A reader that knows its schema (the manifest decoder) consumes the events
/// directly: no tree of the document is ever built. A problem that makes the
/// rest unreadable (a syntax error, an anchor or alias, nesting past the
/// limit) ends the stream: `next()` then returns nil, as it does after the
/// document's last event.
package struct YAMLEventStream {
    private let parser: LibYAMLParser
    private let limits: YAMLLimits
    /// Every problem so far, in the order found.
    package private(set) var problems: [YAMLProblem] = []
    /// True once a problem stopped reading before the document's end: what
    /// was read of it is a fragment, and conclusions drawn from it cascade.
    package private(set) var stoppedEarly = false

    /// The open collections, innermost last, kept as parallel stacks that are
    /// mutated in place (no copy-on-write of a mapping's keys per key):
    /// whether each is a mapping expecting a key next, where its keys start in
    /// `keys`, and a dictionary of them once a mapping grows large.
    private enum Frame: UInt8 {
        case sequence
        case mappingKey
        case mappingValue
    }

    /// The innermost open collection, kept apart from the outer ones so the
    /// per-event checks touch no array.
    private var top: Frame?
    private var outerFrames: [Frame] = []
    /// How many collections are open.
    private var depth = 0
    private var keyStarts: [Int] = []
    private var keys: [YAMLScalarRef] = []
    /// By depth: the keys of a large mapping, to the line of their first use.
    private var largeIndexes: [[String: Int]?] = []
    /// The text of every scalar and tag read so far, back to back. Never
    /// trimmed while reading, so a `YAMLScalarRef` holds for the whole document.
    private var text: [UInt8] = []
    private var started = false
    private var finished = false
    /// The input's lines, found the first time a position inside a scalar is
    /// asked for (`sourceSpan(ofFirstIn:where:)`), then kept, with the last
    /// scalar start found in them: scalars come in order, so the next search
    /// counts columns on from there, and thousands on one line cost one pass.
    private var lines: SourceText?
    private var lastScalarStart: (mark: YAMLMark, offset: Int)?

    init(parser: LibYAMLParser, limits: YAMLLimits, capacity: Int) {
        self.parser = parser
        self.limits = limits
        // Scalars' text rarely outgrows the bytes it was written with.
        text.reserveCapacity(capacity)
    }

    // MARK: scalar text

    /// A scalar's text.
    package func string(_ scalar: YAMLScalarRef) -> String {
        Self.string(scalar.text, in: text)
    }

    /// A scalar with its own copy of its text, for keeping past the document.
    package func scalar(_ scalar: YAMLScalarRef) -> YAMLScalar {
        YAMLScalar(value: Self.string(scalar.text, in: text), style: scalar.style, span: scalar.span)
    }

    /// True when a scalar's text is exactly `literal`, compared as bytes.
    package func text(of scalar: YAMLScalarRef, is literal: StaticString) -> Bool {
        Self.text(scalar.text, in: text, is: literal)
    }

    /// Where the first character of a scalar's text for which `matches` holds
    /// was written: the character itself, or, in a double-quoted scalar, the
    /// escape sequence that stands for it (`\e`, `\x9b`, `\u202E`). Nil when
    /// no such character was written in the scalar.
    package mutating func sourceSpan(ofFirstIn scalar: YAMLScalarRef, where matches: (Unicode.Scalar) -> Bool) -> YAMLSpan? {
        if lines == nil { lines = SourceText(Array(parser.input)) }
        guard let start = lines!.offset(of: scalar.span.start, after: lastScalarStart) else { return nil }
        lastScalarStart = (scalar.span.start, start)
        return ScalarSource.span(ofFirstIn: scalar, at: start, source: lines!, where: matches)
    }

    /// The text of a 1-based line of the input, without its line break.
    package mutating func sourceLine(_ number: Int) -> String? {
        if lines == nil { lines = SourceText(Array(parser.input)) }
        return lines!.line(number)
    }

    /// Where the part `range` of a scalar's text (UTF-8 offsets into it) was
    /// written, where the scalar's source spells its text out in place: a
    /// plain or single-quoted scalar on one line, column by column, and a
    /// literal block scalar (`|`), line by line after its indentation. Nil for
    /// the others (double-quoted and folded scalars, flow scalars over several
    /// lines), whose source does not map to their text piece by piece, and
    /// for a range that crosses a line of the text.
    package mutating func sourceSpan(ofText range: Range<Int>, in scalar: YAMLScalarRef) -> YAMLSpan? {
        guard range.lowerBound >= 0, range.upperBound <= scalar.text.count else { return nil }
        if lines == nil { lines = SourceText(Array(parser.input)) }
        let start = scalar.text.offset
        return text.withUnsafeBufferPointer { buffer in
            ScalarSource.span(ofText: range, in: scalar,
                              text: UnsafeBufferPointer(rebasing: buffer[start..<(start + scalar.text.count)]), source: lines!)
        }
    }

    // The stream's own reads go through these static forms, which borrow
    // only the text buffer: a method call on `self` from a mutating method
    // would copy the whole stream.

    private static func string(_ range: TextRange, in text: [UInt8]) -> String {
        text.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[range.offset..<(range.offset + range.count)]), as: UTF8.self)
        }
    }

    private static func text(_ range: TextRange, in text: [UInt8], is literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard range.count == count else { return false }
        guard count > 0 else { return true }
        return text.withUnsafeBufferPointer { buffer in
            memcmp(buffer.baseAddress! + range.offset, literal.utf8Start, count) == 0
        }
    }

    private static func sameText(_ a: TextRange, _ b: TextRange, in text: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0 else { return true }
        return text.withUnsafeBufferPointer { buffer in
            memcmp(buffer.baseAddress! + a.offset, buffer.baseAddress! + b.offset, a.count) == 0
        }
    }

    /// Runs `body` over the events of `bytes`, after the byte checks that come
    /// before any parsing. Returns what `body` returned (nil if the bytes were
    /// refused before parsing) and every problem found.
    package static func read<Result>(
        _ bytes: [UInt8],
        limits: YAMLLimits = .manifest,
        _ body: (inout YAMLEventStream) -> Result
    ) -> (result: Result?, problems: [YAMLProblem], stoppedEarly: Bool) {
        if bytes.count > limits.maxFileBytes {
            let problem = YAMLProblem(
                kind: .fileTooLarge,
                message: "manifest is \(bytes.count) bytes, over the limit of \(limits.maxFileBytes)",
                span: YAMLSpan(line: 1, column: 1),
                help: "split the commands across several files in `commands.d`"
            )
            return (nil, [problem], true)
        }
        if let problem = ByteCheck.firstProblem(in: bytes) {
            return (nil, [problem], true)
        }
        return bytes.withUnsafeBufferPointer { buffer in
            var stream = YAMLEventStream(parser: LibYAMLParser(input: buffer), limits: limits, capacity: bytes.count)
            let result = body(&stream)
            stream.finish()
            return (result, stream.problems, stream.stoppedEarly)
        }
    }

    /// The next event of the document, or nil at its end or after a problem
    /// that stops reading.
    package mutating func next() -> YAMLEvent? {
        if !started {
            started = true
            guard begin() else { return nil }
        }
        while !finished {
            guard let raw = rawNext() else { return nil }
            if top == .mappingKey {
                switch raw {
                case .mappingEnd:
                    popFrame()
                    valueDone()
                    return .mappingEnd
                case .scalar(let key):
                    if let problem = keyProblem(key) {
                        problems.append(problem)
                        skipNode()
                        continue
                    }
                    keys.append(key)
                    top = .mappingValue
                    return .scalar(key)
                case .mappingStart(let span), .sequenceStart(let span):
                    let kind = if case .mappingStart = raw { "a mapping" } else { "a sequence" }
                    problems.append(YAMLProblem(kind: .complexKey, message: "mapping keys must be plain text, not \(kind)", span: span))
                    skipSubtree()
                    skipNode()
                    continue
                case .sequenceEnd:
                    return nil
                }
            }
            switch raw {
            case .scalar(let scalar):
                valueDone()
                return .scalar(scalar)
            case .mappingStart(let span):
                push(.mappingKey)
                keyStarts.append(keys.count)
                return .mappingStart(span)
            case .sequenceStart(let span):
                push(.sequence)
                keyStarts.append(keys.count)
                return .sequenceStart(span)
            case .sequenceEnd, .mappingEnd:
                popFrame()
                valueDone()
                return raw
            }
        }
        return nil
    }

    /// Consumes the rest of a value whose first event was `event`: nothing for
    /// a scalar, everything up to the matching end for a collection.
    package mutating func skipValue(startingWith event: YAMLEvent) {
        switch event {
        case .mappingStart, .sequenceStart:
            let level = depth
            while depth >= level {
                guard case .some = next() else { return }
            }
        default:
            break
        }
    }

    // MARK: keys

    private static let linearScanLimit = 16

    private mutating func keyProblem(_ key: YAMLScalarRef) -> YAMLProblem? {
        if key.style == .plain && Self.text(key.text, in: text, is: "<<") {
            return YAMLProblem(kind: .mergeKey, message: "merge keys (`<<`) are not allowed", span: key.span,
                               help: "write the keys out in full")
        }
        if key.byteCount > limits.maxKeyBytes {
            return YAMLProblem(kind: .keyTooLong, message: "key is \(key.byteCount) bytes, over the limit of \(limits.maxKeyBytes)",
                               span: YAMLSpan(start: key.span.start))
        }
        // Most mappings have a handful of keys: a linear scan beats hashing
        // until a mapping grows, then a dictionary takes over.
        let level = depth - 1
        let start = keyStarts[level]
        var firstLine: Int?
        if keys.count - start < Self.linearScanLimit {
            for index in start..<keys.count where Self.sameText(keys[index].text, key.text, in: text) {
                firstLine = keys[index].span.start.line
                break
            }
        } else {
            while largeIndexes.count <= level { largeIndexes.append(nil) }
            if largeIndexes[level] == nil {
                var index: [String: Int] = [:]
                for earlier in keys[start...] {
                    let name = Self.string(earlier.text, in: text)
                    if index[name] == nil { index[name] = earlier.span.start.line }
                }
                largeIndexes[level] = index
            }
            let name = Self.string(key.text, in: text)
            firstLine = largeIndexes[level]![name]
            if firstLine == nil { largeIndexes[level]![name] = key.span.start.line }
        }
        if let firstLine {
            return YAMLProblem(kind: .duplicateKey, message: "duplicate key `\(Self.string(key.text, in: text))` (first defined on line \(firstLine))",
                               span: key.span, help: "remove one of the two")
        }
        return nil
    }

    /// After a value completes inside a mapping, the next event is a key.
    @inline(__always)
    private mutating func valueDone() {
        if top == .mappingValue { top = .mappingKey }
    }

    @inline(__always)
    private mutating func push(_ frame: Frame) {
        if let top { outerFrames.append(top) }
        top = frame
        depth += 1
    }

    private mutating func popFrame() {
        let level = depth - 1
        keys.removeLast(keys.count - keyStarts[level])
        keyStarts.removeLast()
        top = outerFrames.popLast()
        depth -= 1
        if level < largeIndexes.count, largeIndexes[level] != nil { largeIndexes[level] = nil }
    }

    /// Skips one whole node (the value of a refused key).
    private mutating func skipNode() {
        guard let raw = rawNext() else { return }
        switch raw {
        case .mappingStart, .sequenceStart: skipSubtree()
        default: break
        }
    }

    /// Skips to the end of a collection whose start was just read.
    private mutating func skipSubtree() {
        var depth = 1
        while depth > 0, let raw = rawNext() {
            switch raw {
            case .mappingStart, .sequenceStart:
                depth += 1
                if self.depth + depth > limits.maxDepth {
                    stop(.tooDeep, "nesting is deeper than \(limits.maxDepth) levels", raw.span ?? YAMLSpan(line: 1, column: 1))
                    return
                }
            case .mappingEnd, .sequenceEnd: depth -= 1
            case .scalar: break
            }
        }
    }

    // MARK: raw events

    /// Stream and document start: an empty file, or directives.
    private mutating func begin() -> Bool {
        guard case .streamStart? = parserNext() else { return false }
        guard case .documentStart(let directives, let start)? = parserNext() else {
            if !finished {
                problems.append(YAMLProblem(kind: .empty, message: "manifest is empty", span: YAMLSpan(line: 1, column: 1),
                                            help: "a manifest is a mapping with one key, `commands`"))
            }
            finished = true
            return false
        }
        if directives {
            problems.append(YAMLProblem(kind: .directive, message: "YAML directives (`%YAML`, `%TAG`) are not allowed",
                                        span: YAMLSpan(start: start),
                                        help: "remove the directive; hyper reads every manifest by its own schema"))
        }
        return true
    }

    /// Reads past the document's end, to refuse a second document.
    mutating func finish() {
        guard started, !finished else { return }
        while case .some = rawNext() {}
    }

    @inline(__always)
    private mutating func rawNext() -> YAMLEvent? {
        guard !finished, let event = parserNext() else { return nil }
        switch event {
        case .scalar(let scalar, let properties, let hasNUL):
            guard accept(properties, span: scalar.span) else { return nil }
            if scalar.byteCount > limits.maxScalarBytes {
                problems.append(YAMLProblem(kind: .scalarTooLong,
                                            message: "value is \(scalar.byteCount) bytes, over the limit of \(limits.maxScalarBytes)",
                                            span: YAMLSpan(start: scalar.span.start)))
            } else if hasNUL {
                problems.append(YAMLProblem(kind: .nulCharacter,
                                            message: "value contains a NUL character, which no argument or environment variable can hold",
                                            span: YAMLSpan(start: scalar.span.start)))
            }
            return .scalar(scalar)
        case .alias(let span):
            stop(.anchorOrAlias, "aliases are not allowed", span,
                 help: "write the value out in full; hyper does not expand anchors or aliases")
            return nil
        case .sequenceStart(let span, let properties), .mappingStart(let span, let properties):
            guard accept(properties, span: span) else { return nil }
            if depth + 1 > limits.maxDepth {
                stop(.tooDeep, "nesting is deeper than \(limits.maxDepth) levels", span)
                return nil
            }
            if case .mappingStart = event { return .mappingStart(span) }
            return .sequenceStart(span)
        case .sequenceEnd:
            return .sequenceEnd
        case .mappingEnd:
            return .mappingEnd
        case .documentEnd:
            if case .documentStart(_, let start)? = parserNext() {
                problems.append(YAMLProblem(kind: .multipleDocuments, message: "manifest has more than one YAML document",
                                            span: YAMLSpan(start: start, length: 3),
                                            help: "put all commands in one document, or in separate files"))
            }
            finished = true
            return nil
        case .streamStart, .streamEnd, .documentStart:
            finished = true
            return nil
        }
    }

    /// Anchors stop reading; tags are reported and reading goes on.
    @inline(__always)
    private mutating func accept(_ properties: NodeProperties, span: YAMLSpan) -> Bool {
        if properties.hasAnchor {
            stop(.anchorOrAlias, "anchors are not allowed", span,
                 help: "write the value out in full; hyper does not expand anchors or aliases")
            return false
        }
        if let tag = properties.tag {
            problems.append(YAMLProblem(kind: .tag, message: "tags are not allowed (found `\(Self.string(tag, in: text))`)", span: span,
                                        help: "remove the tag; hyper reads every value by its own schema"))
        }
        return true
    }

    private mutating func stop(_ kind: YAMLProblem.Kind, _ message: String, _ span: YAMLSpan, help: String? = nil) {
        problems.append(YAMLProblem(kind: kind, message: message, span: span, help: help))
        finished = true
        stoppedEarly = true
    }

    @inline(__always)
    private mutating func parserNext() -> ParserEvent? {
        if let event = parser.next(appendingTextTo: &text) { return event }
        if let failure = parser.failure {
            stop(.syntax, "invalid YAML: \(failure.message)", failure.span)
        }
        return nil
    }
}
