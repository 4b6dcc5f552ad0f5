/// A position in a manifest: 1-based line and column.
///
/// Columns count Unicode scalars, not bytes, the way libyaml counts them, so a
/// caret drawn under `column` lands on the right character of the source line.
/// Positions are converted to 1-based once, where they leave libyaml.
package struct YAMLMark: Sendable, Hashable, Comparable {
    package var line: Int
    package var column: Int

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    package static func < (lhs: YAMLMark, rhs: YAMLMark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// The stretch of source a node or problem covers: where it starts and, on
/// that line, how many characters it spans (at least 1).
package struct YAMLSpan: Sendable, Hashable {
    package var start: YAMLMark
    package var length: Int

    package init(start: YAMLMark, length: Int = 1) {
        self.start = start
        self.length = max(1, length)
    }

    package init(line: Int, column: Int, length: Int = 1) {
        self.init(start: YAMLMark(line: line, column: column), length: length)
    }
}
