/// Plain string paths: join, split, normalise, and show relative to a folder.
enum Path {
    static func join(_ base: String, _ name: String) -> String {
        if name.hasPrefix("/") { return name }
        if base.isEmpty || base == "." { return name }
        return base.hasSuffix("/") ? base + name : base + "/" + name
    }

    static func parent(_ path: String) -> String {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// An absolute, normalised path (`.` and `..` folded) for `path` seen from `directory`.
    static func absolute(_ path: String, from directory: String) -> String {
        let full = path.hasPrefix("/") ? path : directory + "/" + path
        var parts: [Substring] = []
        for part in full.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `path` as a user in `directory` would type it: relative (with `..`
    /// where needed) when the two share a folder below `/`, else absolute.
    static func display(_ path: String, from directory: String) -> String {
        let target = absolute(path, from: directory).split(separator: "/")
        let base = absolute(directory, from: "/").split(separator: "/")
        var common = 0
        while common < target.count, common < base.count, target[common] == base[common] { common += 1 }
        let ups = base.count - common
        if common == 0 { return "/" + target.joined(separator: "/") }
        let relative = Array(repeating: "..", count: ups) + target[common...].map(String.init)
        return relative.isEmpty ? "." : relative.joined(separator: "/")
    }

    /// A file name that is not UTF-8, shown exactly: its valid UTF-8 kept,
    /// each byte of an invalid sequence as `\xe9`. The same text in every
    /// diagnostic format, and never a repaired name that could be another
    /// file's.
    static func escapedName(_ bytes: [UInt8]) -> String {
        var shown = ""
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &input) {
            case .valid(let encoded):
                shown.unicodeScalars.append(Unicode.UTF8.decode(encoded))
                offset += encoded.count
            case .error(let length):
                for byte in bytes[offset..<(offset + length)] {
                    shown += "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
                }
                offset += length
            case .emptyInput:
                return shown
            }
        }
    }
}
