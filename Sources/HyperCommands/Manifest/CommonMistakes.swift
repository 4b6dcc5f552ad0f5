import HyperYAML

/// The YAML mistakes people make most in manifests, recognised from where the
/// reading stopped and the source line there, each with what to write
/// instead: an unquoted `: ` or `,` inside a text, a tab or an uneven step in
/// the indentation, and `args` written as a list.
///
/// libyaml words a syntax error by what its parser expected (`mapping values
/// are not allowed in this context`); the help says what the writer meant.
enum CommonMistakes {
    /// Keys whose value is free text, where a `: ` or a `,` belongs to the
    /// text rather than to the YAML around it.
    static let textKeys: Set<String> = ["help", "default", "sh", "handler", "deprecated"]

    /// The help for a YAML syntax error (E104) found at `mark`, when the line
    /// there shows one of the common mistakes.
    static func syntaxHelp(message: String, at mark: YAMLMark, in source: SourceText) -> String? {
        guard let text = source.line(mark.line) else { return nil }
        let line = Array(text.unicodeScalars)
        let index = mark.column - 1
        let indentation = line.prefix { $0 == " " || $0 == "\t" }
        if indentation.contains("\t"), index <= indentation.count {
            return "indent with spaces: YAML does not allow tabs in indentation"
        }
        let at = index < line.count ? line[index] : nil
        if message.contains("did not find expected node content"), at == "-" {
            return dashInFlowHelp(line, at: index)
        }
        if message.contains("mapping values are not allowed"), at == ":" {
            if let separator = keySeparator(in: line, before: index) {
                return colonInValueHelp(line, separator: separator)
            }
            return indentationHelp(at: mark.line, in: source)
        }
        if message.contains("did not find expected key") {
            return indentationHelp(at: mark.line, in: source)
        }
        return nil
    }

    // MARK: `: ` in a text

    /// The index of the first `:` before `limit` that ends a key (`:` then a
    /// space or a tab), if any.
    static func keySeparator(in line: [Unicode.Scalar], before limit: Int) -> Int? {
        var index = 0
        while index < limit {
            if line[index] == ":", index + 1 < line.count, line[index + 1] == " " || line[index + 1] == "\t" { return index }
            index += 1
        }
        return nil
    }

    /// `sh: pyflakes . || echo "lint: x"`: the second `: ` would start a
    /// mapping inside the value.
    private static func colonInValueHelp(_ line: [Unicode.Scalar], separator: Int) -> String {
        let general = "a `: ` inside a value that is not quoted starts a mapping; put the value in quotes"
        var start = separator + 1
        while start < line.count, line[start] == " " || line[start] == "\t" { start += 1 }
        var end = start
        // A ` #` ends a plain value: the rest is a comment.
        while end < line.count, !(line[end] == "#" && end > start && (line[end - 1] == " " || line[end - 1] == "\t")) { end += 1 }
        while end > start, line[end - 1] == " " || line[end - 1] == "\t" { end -= 1 }
        let key = keyText(line[..<separator])
        guard start < end, let key, !"\"'[{|>&*!%@`".unicodeScalars.contains(line[start]) else { return general }
        return "a `: ` inside a value that is not quoted starts a mapping; quote the text: `\(key): \(quoted(String(String.UnicodeScalarView(line[start..<end]))))`"
    }

    // MARK: `,` in a text

    /// What a `,` cut in two inside a flow mapping: for the key at `column`
    /// (one with no value, after a `,`), the text key whose plain value the
    /// comma ended, all of that text up to the mapping's next real key or
    /// its end, and whether this key is the first piece cut off (the later
    /// pieces are the same mistake).
    static func commaSplit(line text: String, keyColumn column: Int) -> (key: String, text: String, isFirstPiece: Bool)? {
        let line = Array(text.unicodeScalars)
        let keyStart = column - 1
        guard keyStart > 0, keyStart < line.count else { return nil }
        func isSpace(_ index: Int) -> Bool { line[index] == " " || line[index] == "\t" }
        // Back over the pieces already cut off, to the `key: ` whose value was cut.
        var index = keyStart - 1
        while index >= 0, isSpace(index) { index -= 1 }
        guard index >= 0, line[index] == "," else { return nil }
        var pieces = 0
        var separator: Int?
        index -= 1
        while index >= 0 {
            let character = line[index]
            if character == ":", index + 1 < line.count, isSpace(index + 1) {
                separator = index
                break
            }
            if character == "{" || character == "[" || character == "}" || character == "]" || character == "\"" || character == "'" { return nil }
            if character == "," { pieces += 1 }
            index -= 1
        }
        guard let separator else { return nil }
        var keyFrom = separator
        while keyFrom > 0, !isSpace(keyFrom - 1), line[keyFrom - 1] != "{", line[keyFrom - 1] != "," { keyFrom -= 1 }
        let key = String(String.UnicodeScalarView(line[keyFrom..<separator]))
        guard textKeys.contains(key) else { return nil }
        var start = separator + 1
        while start < line.count, isSpace(start) { start += 1 }
        guard start < keyStart, !"\"'[{|>&*!%@`".unicodeScalars.contains(line[start]) else { return nil }
        // On over the pieces after this one, up to a real key or the end.
        var end = keyStart
        while end < line.count {
            let character = line[end]
            if character == "}" { break }
            if character == "{" || character == "[" || character == "]" { return nil }
            if character == ":", end + 1 == line.count || isSpace(end + 1) {
                // A real key: the text ends at the comma before it.
                while end > keyStart, line[end] != "," { end -= 1 }
                break
            }
            end += 1
        }
        while end > start, isSpace(end - 1) || line[end - 1] == "," { end -= 1 }
        return (key, String(String.UnicodeScalarView(line[start..<end])), pieces == 0)
    }

    /// The help for a comma that cut a text in two.
    static func commaSplitHelp(key: String, text: String) -> String {
        "inside `{...}`, a `,` ends a value that is not quoted; quote the text: `\(key): \(quoted(text))`"
    }

    // MARK: indentation

    /// A key indented neither like the keys beside it nor under the one
    /// above it.
    static func indentationHelp(at number: Int, in source: SourceText) -> String? {
        guard let line = source.line(number).map({ Array($0.unicodeScalars) }) else { return nil }
        var above = number - 1
        while above >= 1, let text = source.line(above), isBlankOrComment(text) { above -= 1 }
        guard above >= 1, let previous = source.line(above).map({ Array($0.unicodeScalars) }) else { return nil }
        let indent = line.prefix { $0 == " " }.count
        let previousIndent = previous.prefix { $0 == " " }.count
        let name = keyName(line)
        let previousName = keyName(previous)
        let what = name.map { "`\($0)`" } ?? "line \(number)"
        let other = previousName.map { "`\($0)` on line \(above)" } ?? "line \(above)"
        if opensBlock(previous), indent <= previousIndent {
            return "to put \(what) in \(previousName.map { "`\($0)`" } ?? "the mapping above"), indent it more than \(other) (\(spaces(previousIndent)))"
        }
        guard indent != previousIndent else { return nil }
        return "the keys of one mapping start in the same column: indent \(what) like \(other) (\(spaces(previousIndent)), not \(indent))"
    }

    private static func spaces(_ count: Int) -> String {
        count == 1 ? "1 space" : "\(count) spaces"
    }

    private static func isBlankOrComment(_ line: String) -> Bool {
        let content = line.unicodeScalars.drop { $0 == " " || $0 == "\t" }
        return content.isEmpty || content.first == "#"
    }

    /// True when the line is a key with nothing after it: what follows,
    /// indented more, is its value.
    private static func opensBlock(_ line: [Unicode.Scalar]) -> Bool {
        var content = line
        if let hash = content.indices.first(where: { content[$0] == "#" && ($0 == 0 || content[$0 - 1] == " ") }) {
            content = Array(content[..<hash])
        }
        while let last = content.last, last == " " || last == "\t" { content.removeLast() }
        return content.last == ":"
    }

    /// The key a block line starts with (`verbose` in `   verbose: bool`,
    /// also after `- `), if it is a plain word.
    static func keyName(_ line: [Unicode.Scalar]) -> String? {
        guard let separator = keySeparator(in: line, before: line.count) ?? (line.last == ":" ? line.count - 1 : nil) else { return nil }
        return keyText(line[..<separator])
    }

    /// `  - name` as `name`; nil unless a plain word.
    private static func keyText(_ text: ArraySlice<Unicode.Scalar>) -> String? {
        var key = text.drop { $0 == " " || $0 == "\t" }
        if key.first == "-", key.dropFirst().first == " " { key = key.dropFirst(2).drop { $0 == " " } }
        guard !key.isEmpty, key.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "-" }) else {
            return nil
        }
        return String(String.UnicodeScalarView(key))
    }

    // MARK: `args` as a list

    /// `args: [- name: x]`: a `- ` inside `[...]`.
    private static func dashInFlowHelp(_ line: [Unicode.Scalar], at index: Int) -> String? {
        var before = index - 1
        while before >= 0, line[before] == " " { before -= 1 }
        guard before >= 0, line[before] == "[" || line[before] == ",",
              index + 1 == line.count || line[index + 1] == " " else { return nil }
        if let separator = keySeparator(in: line, before: before), keyText(line[..<separator]) == "args" {
            // `- name: x`: the name, if the item gives one.
            let item = Array(line[(index + 1)...].drop { $0 == " " })
            var name: String?
            if let colon = keySeparator(in: item, before: item.count), keyText(item[..<colon]) == "name" {
                name = String(String.UnicodeScalarView(item[(colon + 1)...].drop { $0 == " " }.prefix { $0 != "," && $0 != "]" && $0 != "}" && $0 != " " }))
            }
            return argsListHelp(name: name, type: nil)
        }
        return "`- ` starts an item of a block list, on a line of its own; inside `[...]`, separate the items with `,`"
    }

    /// `args` written as a list of specs, as some other tools take them; the
    /// example uses the first item's name and type when it has them.
    static func argsListHelp(name: String?, type: String?) -> String {
        let example: String
        if let name, Names.isArgName(name) {
            let type = type.flatMap(ArgType.init(rawValue:))?.rawValue ?? "str"
            example = "\(name): {type: \(type)}"
        } else {
            example = "count: {type: int, default: 1}"
        }
        return "`args` maps each arg's name to its spec; write it as a mapping:\n  args:\n    \(example)"
    }

    // MARK: quoting

    /// `text` as a YAML scalar that means it exactly: in double quotes when
    /// it needs no escape there, else in single quotes with each `'` doubled.
    static func quoted(_ text: String) -> String {
        if !text.unicodeScalars.contains(where: { $0 == "\"" || $0 == "\\" }) { return "\"" + text + "\"" }
        var out = "'"
        for character in text.unicodeScalars {
            out.unicodeScalars.append(character)
            if character == "'" { out += "'" }
        }
        return out + "'"
    }
}
