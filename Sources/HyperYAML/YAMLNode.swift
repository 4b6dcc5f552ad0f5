/// How a scalar was written. hyper reads plain scalars by its own schema, never
/// by YAML 1.1's implicit typing, so the style is kept for the few rules that need it
/// (a quoted `"100"` is text, not a number).
public enum YAMLScalarStyle: Sendable, Hashable {
    case plain
    case singleQuoted
    case doubleQuoted
    case literal
    case folded
}

/// A scalar with its exact text and where it was written.
public struct YAMLScalar: Sendable, Hashable {
    public var value: String
    public var style: YAMLScalarStyle
    public var span: YAMLSpan

    public init(value: String, style: YAMLScalarStyle, span: YAMLSpan) {
        self.value = value
        self.style = style
        self.span = span
    }

    /// True for a plain scalar that YAML 1.2's core schema reads as null:
    /// nothing at all, `~`, `null`, `Null` or `NULL`.
    public var isPlainNull: Bool {
        style == .plain && (value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL")
    }
}

/// A scalar as the event stream hands it out: where it was written and how,
/// with its text left in the stream's text buffer.
///
/// A plain value, so events cost nothing to copy or drop; the stream turns
/// the text into a `String` only for the scalars a reader keeps
/// (`YAMLEventStream.string(_:)`) and compares the rest as bytes. A reference
/// holds for the whole document it came from.
public struct YAMLScalarRef: Sendable, Hashable {
    let text: TextRange
    public let style: YAMLScalarStyle
    public let span: YAMLSpan
    /// True for a plain scalar that YAML 1.2's core schema reads as null:
    /// nothing at all, `~`, `null`, `Null` or `NULL`.
    public let isPlainNull: Bool

    /// The length of its text in UTF-8 bytes.
    public var byteCount: Int { text.count }
}

/// A mapping whose keys are scalars, in source order, without duplicates.
public struct YAMLMapping: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var key: YAMLScalar
        public var value: YAMLNode
    }

    public var entries: [Entry]
    public var span: YAMLSpan

    public init(entries: [Entry], span: YAMLSpan) {
        self.entries = entries
        self.span = span
    }
}

/// A sequence, in source order.
public struct YAMLSequence: Sendable, Hashable {
    public var items: [YAMLNode]
    public var span: YAMLSpan

    public init(items: [YAMLNode], span: YAMLSpan) {
        self.items = items
        self.span = span
    }
}

/// A node of a manifest's tree, with its location.
///
/// Not `indirect`: mappings and sequences hold their children in arrays, which
/// are already heap storage, so no node needs a box of its own.
public enum YAMLNode: Sendable, Hashable {
    case scalar(YAMLScalar)
    case mapping(YAMLMapping)
    case sequence(YAMLSequence)

    public var span: YAMLSpan {
        switch self {
        case .scalar(let scalar): scalar.span
        case .mapping(let mapping): mapping.span
        case .sequence(let sequence): sequence.span
        }
    }

    /// "a mapping", "a sequence", "a string": for messages such as
    /// "expected a mapping, found a sequence".
    public var kindDescription: String {
        switch self {
        case .scalar(let scalar): scalar.isPlainNull ? "null" : "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a sequence"
        }
    }
}
