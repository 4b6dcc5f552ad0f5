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
        let target = absolute(path, from: directory).split(separator: "/")
        let base = absolute(directory, from: "/").split(separator: "/")
        var common = 0
        while common < target.count, common < base.count, target[common] == base[common] { common += 1 }
        let ups = base.count - common
        if common == 0 { return "/" + target.joined(separator: "/") }
        let relative = Array(repeating: "..", count: ups) + target[common...].map(String.init)
        return relative.isEmpty ? "." : relative.joined(separator: "/")
    }
}
