internal import CYAML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where some text lies in a stream's text buffer.
struct TextRange: Hashable {
    var offset: Int
    var count: Int
}

/// An anchor and a tag, if a node has them.
struct NodeProperties {
    var hasAnchor: Bool
    var tag: TextRange?
}

/// One libyaml event, reduced to what hyper's rules need.
///
/// Every payload is a plain value: a scalar's text has already been copied
/// into the stream's text buffer, so an event costs nothing to copy or drop
/// and the C event is freed at once.
enum ParserEvent {
    case streamStart
    case streamEnd
    case documentStart(hasDirectives: Bool, start: YAMLMark)
    case documentEnd
    case scalar(YAMLScalarRef, NodeProperties, hasNUL: Bool)
    case sequenceStart(YAMLSpan, NodeProperties)
    case sequenceEnd
    case mappingStart(YAMLSpan, NodeProperties)
    case mappingEnd
    case alias(YAMLSpan)
}

/// Why libyaml stopped: its problem, its context, and where.
struct ParserFailure: Error {
    var message: String
    var span: YAMLSpan
}

/// Owns one `yaml_parser_t`: created in `init`, freed in `deinit`.
///
/// The input buffer must outlive the parser; `YAMLEventStream.read` keeps both
/// inside one `withUnsafeBufferPointer` scope.
final class LibYAMLParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    /// The bytes being parsed.
    let input: UnsafeBufferPointer<UInt8>
    /// Set when `next` returns nil.
    private(set) var failure: ParserFailure?
    /// The input's lines, made only when a scalar spans several lines.
    private var lines: SourceText?
    private let startsWithByteOrderMark: Bool

    init(input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        startsWithByteOrderMark = input.count >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF
        parser = .allocate(capacity: 1)
        // yaml_parser_initialize fails only when malloc does.
        guard yaml_parser_initialize(parser) == 1 else {
            fatalError("libyaml could not allocate a parser")
        }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, input.baseAddress, input.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// The next event, its text appended to `text`; nil when libyaml fails
    /// (then `failure` says why).
    @inline(__always)
    func next(appendingTextTo text: inout [UInt8]) -> ParserEvent? {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else {
            failure = makeFailure()
            return nil
        }
        defer { yaml_event_delete(&event) }
        return convert(&event, text: &text)
    }

    @inline(__always)
    private func convert(_ event: inout yaml_event_t, text: inout [UInt8]) -> ParserEvent {
        let start = mark(event.start_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return .streamStart
        case YAML_STREAM_END_EVENT:
            return .streamEnd
        case YAML_DOCUMENT_START_EVENT:
            let data = event.data.document_start
            return .documentStart(
                hasDirectives: data.version_directive != nil || data.tag_directives.start != data.tag_directives.end,
                start: start
            )
        case YAML_DOCUMENT_END_EVENT:
            return .documentEnd
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let count = Int(data.length)
            let range = Self.append(data.value, count: count, to: &text)
            let style: YAMLScalarStyle = switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: .literal
            case YAML_FOLDED_SCALAR_STYLE: .folded
            default: .plain
            }
            // A `\0` escape in double quotes is the only way a NUL reaches a
            // value: the bytes were checked before parsing.
            let hasNUL = style == .doubleQuoted && count > 0 && memchr(data.value, 0, count) != nil
            let isPlainNull = style == .plain && Self.isNullSpelling(data.value, count: count)
            let scalar = YAMLScalarRef(text: range, style: style, span: span(start, mark(event.end_mark)),
                                       isPlainNull: isPlainNull)
            let properties = NodeProperties(hasAnchor: data.anchor != nil, tag: Self.appendTag(data.tag, to: &text))
            return .scalar(scalar, properties, hasNUL: hasNUL)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            return .sequenceStart(YAMLSpan(start: start),
                                  NodeProperties(hasAnchor: data.anchor != nil, tag: Self.appendTag(data.tag, to: &text)))
        case YAML_SEQUENCE_END_EVENT:
            return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            return .mappingStart(YAMLSpan(start: start),
                                 NodeProperties(hasAnchor: data.anchor != nil, tag: Self.appendTag(data.tag, to: &text)))
        case YAML_MAPPING_END_EVENT:
            return .mappingEnd
        case YAML_ALIAS_EVENT:
            return .alias(span(start, mark(event.end_mark)))
        default:
            // YAML_NO_EVENT is never returned by a successful parse.
            return .streamEnd
        }
    }

    private static func append(_ bytes: UnsafePointer<UInt8>?, count: Int, to text: inout [UInt8]) -> TextRange {
        let range = TextRange(offset: text.count, count: count)
        if let bytes, count > 0 {
            text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        }
        return range
    }

    private static func appendTag(_ tag: UnsafeMutablePointer<yaml_char_t>?, to text: inout [UInt8]) -> TextRange? {
        guard let tag else { return nil }
        return append(tag, count: strlen(UnsafeRawPointer(tag).assumingMemoryBound(to: CChar.self)), to: &text)
    }

    /// `` (nothing), `~`, `null`, `Null` or `NULL`: YAML 1.2's core-schema nulls.
    private static func isNullSpelling(_ bytes: UnsafePointer<UInt8>?, count: Int) -> Bool {
        guard let bytes else { return count == 0 }
        switch count {
        case 0: return true
        case 1: return bytes[0] == UInt8(ascii: "~")
        case 4:
            let n = bytes[0], rest = (bytes[1], bytes[2], bytes[3])
            return (n == UInt8(ascii: "n") || n == UInt8(ascii: "N")) && rest == (UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l"))
                || (n == UInt8(ascii: "N") && rest == (UInt8(ascii: "U"), UInt8(ascii: "L"), UInt8(ascii: "L")))
        default: return false
        }
    }

    private func makeFailure() -> ParserFailure {
        let state = parser.pointee
        let problem = Self.string(state.problem) ?? "unknown error"
        if state.error == YAML_READER_ERROR {
            // Reader errors carry a byte offset only; lines are counted only now.
            let text = SourceText(Array(input))
            return ParserFailure(message: problem, span: YAMLSpan(start: text.mark(ofByte: Int(state.problem_offset))))
        }
        if state.error == YAML_MEMORY_ERROR {
            return ParserFailure(message: "libyaml ran out of memory", span: YAMLSpan(line: 1, column: 1))
        }
        var message = problem
        if let context = Self.string(state.context) {
            let mark = mark(state.context_mark)
            message += " (\(context) at line \(mark.line), column \(mark.column))"
        }
        return ParserFailure(message: message, span: YAMLSpan(start: mark(state.problem_mark)))
    }

    /// The one place libyaml's 0-based marks become hyper's 1-based ones.
    /// libyaml counts a byte order mark that starts the file as the first
    /// column of line 1; hyper counts the text after it, as the line shown.
    private func mark(_ mark: yaml_mark_t) -> YAMLMark {
        let bom = mark.line == 0 && startsWithByteOrderMark ? 1 : 0
        return YAMLMark(line: Int(mark.line) + 1, column: max(1, Int(mark.column) + 1 - bom))
    }

    /// From `start` to `end`; a span over several lines ends with its first line.
    private func span(_ start: YAMLMark, _ end: YAMLMark) -> YAMLSpan {
        if end.line == start.line { return YAMLSpan(start: start, length: end.column - start.column) }
        if lines == nil { lines = SourceText(Array(input)) }
        let characters = lines?.line(start.line)?.unicodeScalars.count ?? start.column
        return YAMLSpan(start: start, length: characters - start.column + 1)
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
