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
        /// An array (`[String]`): the arg is `multiple` or `rest`.
        var isList: Bool
        /// An enum of raw values (`Target`, or the elements of `[Target]`):
        /// the arg's `choices` must be its cases.
        var enumeration: Enumeration?

        init(name: String, type: ArgType, isOptional: Bool, propertyName: String? = nil, isList: Bool = false,
             enumeration: Enumeration? = nil) {
            self.name = name
            self.type = type
            self.isOptional = isOptional
            self.propertyName = propertyName ?? name
            self.isList = isList
            self.enumeration = enumeration
        }

        /// The property's type as Swift writes it (`Int`, `[String]`, `Target`).
        var swiftType: String {
            let single = enumeration?.typeName ?? Self.swiftName(type)
            return isList ? "[\(single)]" : single
        }

        static func swiftName(_ type: ArgType) -> String {
            switch type {
            case .int: "Int"
            case .str, .path: "String"
            case .float: "Double"
            case .bool: "Bool"
            }
        }
    }

    /// A `RawRepresentable` enum that a property holds.
    struct Enumeration: Sendable, Hashable {
        /// The enum's name (`Target`).
        var typeName: String
        /// Every case's raw value, when the enum is `CaseIterable`.
        var cases: [ArgValue]?
        /// Whether a value decodes into the enum, exactly as
        /// `ParsedArguments.decode` will decode it.
        var accepts: @Sendable (ArgValue) -> Bool

        static func == (lhs: Enumeration, rhs: Enumeration) -> Bool {
            lhs.typeName == rhs.typeName && lhs.cases == rhs.cases
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(typeName)
            hasher.combine(cases)
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
