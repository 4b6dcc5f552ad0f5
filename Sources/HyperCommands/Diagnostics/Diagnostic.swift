/// One problem found in the manifests, located as exactly as possible.
public struct Diagnostic: Sendable, Hashable, Error {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    public var code: DiagnosticCode
    /// Lowercase, names in backticks, no final period.
    public var message: String
    public var location: SourceLocation?
    /// A fix, shown on its own line as `help: ...`; any further lines (an
    /// example to write) are shown under it, indented.
    public var help: String?

    init(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?, help: String? = nil) {
        self.severity = code.defaultSeverity
        self.code = code
        self.message = message
        self.location = location
        self.help = help
    }
}

/// All the errors of a load, thrown when its manifests must not be used.
/// Its description is one `file:line:column: error: message [CODE]` line each.
public struct ManifestErrors: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        DiagnosticRenderer().render(diagnostics, format: .concise)
    }
}

extension Array where Element == Diagnostic {
    var errorCount: Int { count { $0.severity == .error } }
    var warningCount: Int { count { $0.severity == .warning } }

    /// Sorted by file (in the order given), then position; unlocated ones first.
    func sortedByLocation(fileOrder: [String]) -> [Diagnostic] {
        var rank: [String: Int] = [:]
        for (index, file) in fileOrder.enumerated() where rank[file] == nil { rank[file] = index }
        return enumerated().sorted { lhs, rhs in
            let a = lhs.element.location
            let b = rhs.element.location
            let keyA = (a.map { rank[$0.file] ?? Int.max } ?? -1, a?.line ?? 0, a?.column ?? 0, lhs.offset)
            let keyB = (b.map { rank[$0.file] ?? Int.max } ?? -1, b?.line ?? 0, b?.column ?? 0, rhs.offset)
            return keyA < keyB
        }.map(\.element)
    }
}
