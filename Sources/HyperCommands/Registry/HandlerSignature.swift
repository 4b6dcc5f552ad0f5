/// The arguments a Swift handler expects, read from its `Decodable` type, so
/// validation can check a manifest's args against the code that receives them.
struct HandlerSignature: Sendable, Hashable {
    struct Field: Sendable, Hashable {
        /// The arg it takes (`dry_run`).
        var name: String
        var type: ArgType
        /// True when the type accepts a missing value (an `Optional` property).
        var isOptional: Bool
        /// The property as written in Swift (`dryRun`), for messages; the
        /// arg's name unless given.
        var propertyName: String

        init(name: String, type: ArgType, isOptional: Bool, propertyName: String? = nil) {
            self.name = name
            self.type = type
            self.isOptional = isOptional
            self.propertyName = propertyName ?? name
        }
    }

    /// The Swift type's name, for messages (`SeedArguments`).
    var typeName: String
    var fields: [Field]

    init(typeName: String, fields: [Field]) {
        self.typeName = typeName
        self.fields = fields
    }
}

/// What a binary offers to `handler:` bindings: the names, and the signature of
/// each handler that declared an arguments type.
struct HandlerCatalog: Sendable, Hashable {
    /// Every registered handler, sorted.
    var names: [String]
    /// The arguments type of each handler that declared one.
    var signatures: [String: HandlerSignature]

    init(names: [String] = [], signatures: [String: HandlerSignature] = [:]) {
        self.names = names.sorted()
        self.signatures = signatures
    }

    /// Compared as bytes, as every name is (`Names.same`).
    func contains(_ name: String) -> Bool { names.contains { Names.same($0, name) } }
}
