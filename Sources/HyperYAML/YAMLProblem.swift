/// Something wrong with a manifest's bytes or YAML, found while reading it.
///
/// hyper's diagnostics give each kind a stable code; the message is already
/// worded for a person (lowercase, names in backticks, no final period).
package struct YAMLProblem: Sendable, Hashable {
    package enum Kind: Sendable, Hashable, CaseIterable {
        case fileTooLarge
        case invalidUTF8
        case nulCharacter
        case misplacedByteOrderMark
        case bidiControl
        case syntax
        case empty
        case multipleDocuments
        case anchorOrAlias
        case tag
        case directive
        case mergeKey
        case complexKey
        case tooDeep
        case duplicateKey
        case keyTooLong
        case scalarTooLong
    }

    package var kind: Kind
    package var message: String
    package var span: YAMLSpan
    /// Advice on a line of its own (`help: ...`), if any.
    package var help: String?

    package init(kind: Kind, message: String, span: YAMLSpan, help: String? = nil) {
        self.kind = kind
        self.message = message
        self.span = span
        self.help = help
    }
}
