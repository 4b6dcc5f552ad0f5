/// How a scalar was written. hyper reads plain scalars by its own schema, never
/// by YAML 1.1's implicit typing, so the style is kept for the few rules that need it
/// (a quoted `"100"` is text, not a number).
package enum YAMLScalarStyle: Sendable, Hashable {
    case plain
    case singleQuoted
    case doubleQuoted
    case literal
    case folded
}

/// A scalar with its exact text and where it was written.
package struct YAMLScalar: Sendable, Hashable {
    package var value: String
    package var style: YAMLScalarStyle
    package var span: YAMLSpan

    package init(value: String, style: YAMLScalarStyle, span: YAMLSpan) {
        self.value = value
        self.style = style
        self.span = span
    }

    /// True for a plain scalar that YAML 1.2's core schema reads as null:
    /// nothing at all, `~`, `null`, `Null` or `NULL`.
    package var isPlainNull: Bool {
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
package struct YAMLScalarRef: Sendable, Hashable {
    let text: TextRange
    package let style: YAMLScalarStyle
    package let span: YAMLSpan
    /// True for a plain scalar that YAML 1.2's core schema reads as null:
    /// nothing at all, `~`, `null`, `Null` or `NULL`.
    package let isPlainNull: Bool

    /// The length of its text in UTF-8 bytes.
    package var byteCount: Int { text.count }
}
