#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a piece of hyper's own output is, for colour; the styles clap uses.
enum TextStyle: Sendable {
    /// `Usage:`, `Options:`, `Commands:`: bold and underlined.
    case heading
    /// What a user types as it is: a command's or an option's name. Bold.
    case literal
    /// `Error:`: bold red.
    case error
    /// `warning:`: bold yellow.
    case warning
    /// `help:`: bold.
    case note

    /// The SGR parameters that turn it on.
    var code: String {
        switch self {
        case .heading: "1;4"
        case .literal, .note: "1"
        case .error: "1;31"
        case .warning: "1;33"
        }
    }

    /// `text` between this style's escape codes.
    func paint(_ text: String) -> String {
        "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}

/// A text of hyper's output made of spans, some styled. Every span is
/// already safe to print (what came from a manifest, a file name or the
/// command line went through `TerminalText`); colour codes go only around
/// whole spans, and only when asked, so widths never count them.
struct StyledText: Sendable, ExpressibleByStringLiteral {
    struct Span: Sendable {
        var text: String
        var style: TextStyle?
    }

    /// The first span inline, the others in an array: the list makes a
    /// one-span text per command, and 10,000 small arrays cost page faults.
    private var head: Span?
    private var tail: [Span] = []

    /// Every span, in order.
    var spans: [Span] {
        guard let head else { return [] }
        return tail.isEmpty ? [head] : [head] + tail
    }

    init() {}

    init(_ text: String, _ style: TextStyle? = nil) {
        // One span, made at once: the list makes one of these per command.
        if !text.isEmpty && !Self.hasTab(text) {
            head = Span(text: text, style: style)
        } else {
            append(text, style)
        }
    }

    /// True when `text` holds a tab (looked for in place).
    private static func hasTab(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.isEmpty ? false : memchr($0.baseAddress!, 9, $0.count) != nil }
            ?? text.utf8.contains(9)
    }

    init(stringLiteral text: String) {
        self.init(text)
    }

    /// An option list as hyper's own texts write it (`-h, --help`,
    /// `--manifests PATH`): words that start with `-` are literal.
    static func options(_ spec: String) -> StyledText {
        var text = StyledText()
        for (index, word) in spec.split(separator: " ").enumerated() {
            if index > 0 { text.append(" ") }
            if word.hasPrefix("-") {
                let comma = word.hasSuffix(",")
                text.append(String(comma ? word.dropLast() : word), .literal)
                if comma { text.append(",") }
            } else {
                text.append(String(word))
            }
        }
        return text
    }

    /// Adds a span; a tab becomes four spaces, so every column is counted.
    mutating func append(_ text: String, _ style: TextStyle? = nil) {
        guard !text.isEmpty else { return }
        let expanded = Self.hasTab(text) ? text.replacingTabs() : text
        if head == nil {
            head = Span(text: expanded, style: style)
        } else if tail.isEmpty, head?.style == style {
            head?.text += expanded
        } else if let last = tail.last, last.style == style {
            tail[tail.count - 1].text += expanded
        } else {
            tail.append(Span(text: expanded, style: style))
        }
    }

    mutating func append(_ other: StyledText) {
        for span in other.spans { append(span.text, span.style) }
    }

    var isEmpty: Bool { head == nil }

    /// The style of the last span.
    var lastStyle: TextStyle? { tail.last?.style ?? head?.style }

    /// Terminal columns, escape codes excluded.
    var width: Int {
        guard let head else { return 0 }
        return tail.reduce(TextLayout.columns(head.text)) { $0 + TextLayout.columns($1.text) }
    }

    /// The text, each styled span between escape codes when `color`.
    func rendered(color: Bool) -> String {
        var out = ""
        write(color: color, into: &out)
        return out
    }

    func write(color: Bool, into out: inout String) {
        guard let head else { return }
        func put(_ span: Span) {
            if color, let style = span.style {
                out += style.paint(span.text)
            } else {
                out += span.text
            }
        }
        put(head)
        for span in tail { put(span) }
    }
}

extension String {
    /// Each tab as four spaces, as diagnostics' excerpts show it.
    func replacingTabs() -> String {
        split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "    ")
    }
}
