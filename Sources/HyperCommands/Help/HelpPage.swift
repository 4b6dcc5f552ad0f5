/// One help text as hyper prints it (a command's `--help`, the list, a
/// built-in's usage), laid out by the one renderer they all share:
///
///     Usage: hyper validate [PATH...] [--strict]
///
///       A paragraph, wrapped, its later lines indented like its first.
///
///     Options:
///       --strict      fail on warnings too
///       --format <format>
///                     when the left column is too wide, the text goes on
///                     the next line, under the others
///
/// Every table of a page in one alignment set (by default, all of them)
/// shares one text column: two spaces, the widest
/// left cell that fits, two spaces. A left cell fits when it takes at most
/// half the width less the gutter; the text of one that does not starts on
/// the next line, at the column (clap's "next line help", per row). Text is
/// wrapped at spaces (`TextLayout`), its continuation lines under the column.
struct HelpPage {
    /// A row of a table: what to type, and what it does (plain text,
    /// already escaped, that may have several lines).
    struct Row {
        let left: StyledText
        let text: String
        /// The columns `left` takes, counted once.
        let leftWidth: Int

        init(_ left: StyledText, _ text: String) {
            self.left = left
            self.text = text
            leftWidth = left.width
        }
    }

    enum Block {
        /// A text wrapped on its own, each line indented.
        case paragraph(String, indent: Int)
        /// A heading (given without its colon) and its rows. Sections of
        /// the same `alignment` share their text column.
        case section(StyledText, [Row], alignment: Int = 0)
    }

    /// The usage lines, each a list of words never broken inside; the first
    /// is the program and command, shown literal.
    var usage: [[StyledText]]
    var blocks: [Block] = []

    static let indent = 2
    static let gutter = 2

    func rendered(_ layout: TextLayout) -> String {
        var out = ""
        // Room for a line a row, so a long list is not copied as it grows.
        var rowCount = 0
        for case .section(_, let rows, _) in blocks { rowCount += rows.count }
        out.reserveCapacity(rowCount * min(layout.width, 64) + 1024)
        for (number, words) in usage.enumerated() {
            let label = number == 0 ? StyledText("Usage:", .heading) : StyledText("      ")
            let hanging = 7
            var spaced = [(gap: 0, word: label)]
            spaced += words.map { (gap: 1, word: $0) }
            for line in TextLayout.wrap(words: spaced, width: layout.width, hanging: hanging) {
                line.write(color: layout.color, into: &out)
                out += "\n"
            }
        }
        var columns: [Int: Int] = [:]
        for case .section(_, _, let alignment) in blocks where columns[alignment] == nil {
            columns[alignment] = textColumn(layout.width, alignment: alignment)
        }
        for block in blocks {
            out += "\n"
            switch block {
            case .paragraph(let text, let indent):
                let margin = String(repeating: " ", count: indent)
                for line in TextLayout.paragraphs(text, width: layout.width - indent) {
                    if !line.isEmpty { out += margin + line }
                    out += "\n"
                }
            case .section(let heading, let rows, let alignment):
                let column = columns[alignment]!
                var title = heading
                title.append(":", heading.lastStyle)
                title.write(color: layout.color, into: &out)
                out += "\n"
                for row in rows {
                    Self.write(row, column: column, layout: layout, into: &out)
                }
            }
        }
        return out
    }

    /// The widest a left cell may be and keep its text beside it.
    static func widestLeft(_ width: Int) -> Int {
        (width - indent) / 2 - gutter
    }

    /// Where the text of every row of an alignment set starts.
    private func textColumn(_ width: Int, alignment: Int) -> Int {
        let limit = Self.widestLeft(width)
        var widest = 0
        for case .section(_, let rows, let set) in blocks where set == alignment {
            for row in rows where row.leftWidth <= limit && row.leftWidth > widest {
                widest = row.leftWidth
            }
        }
        return Self.indent + (widest > 0 ? widest : Self.gutter) + Self.gutter
    }

    private static func write(_ row: Row, column: Int, layout: TextLayout, into out: inout String) {
        out += spaces(indent)
        row.left.write(color: layout.color, into: &out)
        guard !row.text.isEmpty else {
            out += "\n"
            return
        }
        let beside = indent + row.leftWidth + gutter <= column
        // Most rows of a long list: one line of plain ASCII that fits.
        if beside, TextLayout.fitsAsIs(row.text, width: layout.width - column) {
            out += spaces(column - indent - row.leftWidth)
            out += row.text
            out += "\n"
            return
        }
        var rest = TextLayout.paragraphs(row.text, width: layout.width - column)[...]
        if beside {
            let first = rest.removeFirst()
            if !first.isEmpty {
                out += spaces(column - indent - row.leftWidth)
                out += first
            }
        }
        out += "\n"
        for line in rest {
            if !line.isEmpty {
                out += spaces(column)
                out += line
            }
            out += "\n"
        }
    }

    // From bytes: `String(repeating:count:)` appends one space at a time,
    // which made these 257 strings cost as much as laying out 10,000 rows.
    private static let paddings = (0...256).map { String(decoding: [UInt8](repeating: 0x20, count: $0), as: UTF8.self) }

    /// `count` spaces, without making a new string for the usual widths.
    private static func spaces(_ count: Int) -> String {
        count < paddings.count ? paddings[count] : String(decoding: [UInt8](repeating: 0x20, count: count), as: UTF8.self)
    }
}
