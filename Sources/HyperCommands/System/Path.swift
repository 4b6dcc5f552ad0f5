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

    /// An absolute, normalised path (`.` and `..` folded) for `path` seen from `directory`.
    ///
    /// Works on the UTF-8 bytes: it runs on every call, and the generic
    /// `split`/`joined` would cost more in first-use type metadata than the
    /// rest of a warm call.
    static func absolute(_ path: String, from directory: String) -> String {
        var full: [UInt8] = []
        if path.utf8.first != UInt8(ascii: "/") {
            full.append(contentsOf: directory.utf8)
            full.append(UInt8(ascii: "/"))
        }
        full.append(contentsOf: path.utf8)
        return String(decoding: normalized(full), as: UTF8.self)
    }

    /// The components of an absolute byte path with `.`, `..` and empty
    /// ones folded, joined by `/` after a leading `/`.
    private static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "/")]
        out.reserveCapacity(bytes.count + 1)
        var index = 0
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        while index < bytes.count {
            while index < bytes.count && bytes[index] == slash { index += 1 }
            let start = index
            while index < bytes.count && bytes[index] != slash { index += 1 }
            let length = index - start
            if length == 0 || (length == 1 && bytes[start] == dot) { continue }
            if length == 2 && bytes[start] == dot && bytes[start + 1] == dot {
                // Back to the slash before the last component, keeping the root.
                while out.count > 1 && out[out.count - 1] != slash { out.removeLast() }
                if out.count > 1 { out.removeLast() }
                continue
            }
            if out.count > 1 { out.append(slash) }
            out.append(contentsOf: bytes[start..<index])
        }
        return out
    }

    /// `path` as `display(_:from:)` shows it, or, given a `root`, relative to
    /// the root when inside it and absolute when not.
    static func display(_ path: String, from directory: String, root: String?) -> String {
        guard let root else { return display(path, from: directory) }
        let target = absolute(path, from: directory)
        let base = absolute(root, from: "/")
        if target == base { return "." }
        let prefix = base == "/" ? "/" : base + "/"
        return target.hasPrefix(prefix) ? String(target.dropFirst(prefix.count)) : target
    }

    /// `path` as a user in `directory` would type it: relative (with `..`
    /// where needed) when the two share a folder below `/`, else absolute.
    static func display(_ path: String, from directory: String) -> String {
        // The common case without splitting anything: a file below the
        // directory, both already plain absolute paths.
        if let inside = plainSuffix(path, below: directory) { return inside }
        let target = components(absolute(path, from: directory))
        let base = components(absolute(directory, from: "/"))
        var common = 0
        while common < target.count, common < base.count, target[common] == base[common] { common += 1 }
        var out: [UInt8] = []
        if common == 0 {
            for part in target {
                out.append(UInt8(ascii: "/"))
                out.append(contentsOf: part)
            }
            return out.isEmpty ? "/" : String(decoding: out, as: UTF8.self)
        }
        for _ in common..<base.count {
            if !out.isEmpty { out.append(UInt8(ascii: "/")) }
            out.append(contentsOf: [UInt8(ascii: "."), UInt8(ascii: ".")])
        }
        for part in target[common...] {
            if !out.isEmpty { out.append(UInt8(ascii: "/")) }
            out.append(contentsOf: part)
        }
        return out.isEmpty ? "." : String(decoding: out, as: UTF8.self)
    }

    /// What follows `directory + "/"` in `path` when both are absolute with
    /// no empty, `.` or `..` component and no trailing `/` (so comparing
    /// bytes is comparing paths); nil otherwise.
    private static func plainSuffix(_ path: String, below directory: String) -> String? {
        let path = path.utf8, directory = directory.utf8
        guard directory.count > 1, path.count > directory.count + 1, isPlainAbsolute(directory), isPlainAbsolute(path),
              path.starts(with: directory) else { return nil }
        let slash = path.index(path.startIndex, offsetBy: directory.count)
        guard path[slash] == UInt8(ascii: "/") else { return nil }
        return String(path[path.index(after: slash)...])
    }

    private static func isPlainAbsolute(_ path: String.UTF8View) -> Bool {
        guard path.first == UInt8(ascii: "/"), path.last != UInt8(ascii: "/") else { return false }
        var componentLength = 0
        var dots = 0
        for byte in path.dropFirst() {
            if byte == UInt8(ascii: "/") {
                if componentLength == 0 || componentLength == dots && dots <= 2 { return false }
                componentLength = 0
                dots = 0
            } else {
                componentLength += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return !(componentLength == dots && dots <= 2)
    }

    /// The components of a normalised absolute path, as bytes.
    private static func components(_ path: String) -> [ArraySlice<UInt8>] {
        let bytes = Array(path.utf8)
        var parts: [ArraySlice<UInt8>] = []
        var index = 1
        while index < bytes.count {
            let start = index
            while index < bytes.count && bytes[index] != UInt8(ascii: "/") { index += 1 }
            parts.append(bytes[start..<index])
            index += 1
        }
        return parts
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

    /// True when absolute `path` is `root` or inside it (compared as
    /// written: resolve links first where they matter).
    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }
}
