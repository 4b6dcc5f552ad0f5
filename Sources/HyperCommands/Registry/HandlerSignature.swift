/// The arguments a Swift handler expects, read from its `Decodable` type, so
/// validation can check a manifest's args against the code that receives them.
public struct HandlerSignature: Sendable, Hashable {
    public struct Field: Sendable, Hashable {
        /// The arg it takes (`dry_run`).
        public var name: String
        public var type: ArgType
        /// True when the type accepts a missing value (an `Optional` property).
        public var isOptional: Bool
        /// The property as written in Swift (`dryRun`), for messages; the
        /// arg's name unless given.
        public var propertyName: String

        public init(name: String, type: ArgType, isOptional: Bool, propertyName: String? = nil) {
            self.name = name
            self.type = type
            self.isOptional = isOptional
            self.propertyName = propertyName ?? name
        }
    }

    /// The Swift type's name, for messages (`SeedArguments`).
    public var typeName: String
    public var fields: [Field]

    public init(typeName: String, fields: [Field]) {
        self.typeName = typeName
        self.fields = fields
    }
}

/// What a binary offers to `handler:` bindings: the names, and the signature of
/// each handler that declared an arguments type.
public struct HandlerCatalog: Sendable, Hashable {
    public var signatures: [String: HandlerSignature?]

    public init(signatures: [String: HandlerSignature?] = [:]) {
        self.signatures = signatures
    }

    public var names: [String] { signatures.keys.sorted() }
}
