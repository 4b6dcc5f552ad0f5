/// How `hyper validate` prints diagnostics.
enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// rustc-style: code, location, the source line, a caret under the span, help.
    case human
    /// One `file:line:column: severity: message [CODE]` line each, for editors and grep.
    case concise
    /// GitHub Actions workflow commands (`::error file=...::message`).
    case github
    /// A JSON array of objects.
    case json
}
