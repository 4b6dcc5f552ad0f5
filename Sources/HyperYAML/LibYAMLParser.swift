internal import CYAML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libyaml event, copied out of C memory so the C event can be freed at once.
enum ParserEvent {
    case streamStart
    case streamEnd
    case documentStart(hasDirectives: Bool, hasTagDirectives: Bool, start: YAMLMark)
    case documentEnd
    case scalar(YAMLScalar, anchor: Bool, tag: String?, hasNUL: Bool)
    case sequenceStart(YAMLSpan, anchor: Bool, tag: String?)
    case sequenceEnd
    case mappingStart(YAMLSpan, anchor: Bool, tag: String?)
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
/// The input buffer must outlive the parser; `YAMLReader` keeps both inside
/// one `withUnsafeBufferPointer` scope.
final class LibYAMLParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let text: SourceText

    init(input: UnsafeBufferPointer<UInt8>, text: SourceText) {
        self.text = text
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

    /// The next event, or why there is none.
    func next() -> Result<ParserEvent, ParserFailure> {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else {
            return .failure(failure())
        }
        defer { yaml_event_delete(&event) }
        return .success(convert(&event))
    }

    private func convert(_ event: inout yaml_event_t) -> ParserEvent {
        let start = Self.mark(event.start_mark)
        let end = Self.mark(event.end_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return .streamStart
        case YAML_STREAM_END_EVENT:
            return .streamEnd
        case YAML_DOCUMENT_START_EVENT:
            let data = event.data.document_start
            return .documentStart(
                hasDirectives: data.version_directive != nil,
                hasTagDirectives: data.tag_directives.start != data.tag_directives.end,
                start: start
            )
        case YAML_DOCUMENT_END_EVENT:
            return .documentEnd
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let length = Int(data.length)
            let value = String(decoding: UnsafeBufferPointer(start: data.value, count: length), as: UTF8.self)
            // A `\0` escape is the only way a NUL reaches a value: the bytes were checked before parsing.
            let hasNUL = length > 0 && memchr(data.value, 0, length) != nil
            let style: YAMLScalarStyle = switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: .literal
            case YAML_FOLDED_SCALAR_STYLE: .folded
            default: .plain
            }
            let scalar = YAMLScalar(value: value, style: style, span: Self.span(start, end))
            return .scalar(scalar, anchor: data.anchor != nil, tag: Self.string(data.tag), hasNUL: hasNUL)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            return .sequenceStart(YAMLSpan(start: start), anchor: data.anchor != nil, tag: Self.string(data.tag))
        case YAML_SEQUENCE_END_EVENT:
            return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            return .mappingStart(YAMLSpan(start: start), anchor: data.anchor != nil, tag: Self.string(data.tag))
        case YAML_MAPPING_END_EVENT:
            return .mappingEnd
        case YAML_ALIAS_EVENT:
            return .alias(Self.span(start, end))
        default:
            // YAML_NO_EVENT is never returned by a successful parse.
            return .streamEnd
        }
    }

    private func failure() -> ParserFailure {
        let state = parser.pointee
        let problem = Self.string(state.problem) ?? "unknown error"
        if state.error == YAML_READER_ERROR {
            // Reader errors carry a byte offset only.
            return ParserFailure(message: problem, span: YAMLSpan(start: text.mark(ofByte: Int(state.problem_offset))))
        }
        if state.error == YAML_MEMORY_ERROR {
            return ParserFailure(message: "libyaml ran out of memory", span: YAMLSpan(line: 1, column: 1))
        }
        var message = problem
        if let context = Self.string(state.context) {
            let mark = Self.mark(state.context_mark)
            message += " (\(context) at line \(mark.line), column \(mark.column))"
        }
        return ParserFailure(message: message, span: YAMLSpan(start: Self.mark(state.problem_mark)))
    }

    /// The one place libyaml's 0-based marks become hyper's 1-based ones.
    private static func mark(_ mark: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func span(_ start: YAMLMark, _ end: YAMLMark) -> YAMLSpan {
        YAMLSpan(start: start, length: end.line == start.line ? end.column - start.column : Int.max / 2)
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafePointer($0)) }
    }
}
