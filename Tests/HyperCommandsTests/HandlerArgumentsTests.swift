import Foundation
import Testing
@testable import HyperCommands

enum DeployTarget: String, Decodable, CaseIterable, Sendable {
    case staging, production
}

/// Not `CaseIterable`: only its own `init(rawValue:)` knows its cases.
enum Level: Int, Decodable, Sendable {
    case low = 1, high = 5
}

enum Ratio: Double, Decodable, CaseIterable, Sendable {
    case half = 0.5, whole = 1
}

/// One case, no `CaseIterable`: a value of it takes no bytes.
enum OnlyMode: String, Decodable, Sendable {
    case only
}

struct DeployArguments: Decodable, Sendable {
    var target: DeployTarget
    var level: Level
    var ratio: Ratio?
    var tags: [String]
    var ports: [Int]
    var weights: [Double]?
    var targets: [DeployTarget]
    var settings: String
    var args: [String]
    var mode: OnlyMode
    var verbose: Bool
}

private struct SetOfTags: Decodable, Sendable {
    var tags: Set<String>
}

private struct Nested: Decodable, Sendable {
    var tags: [[String]]
}

/// `RawRepresentable`, but a struct: no case can be had without a raw value.
private struct Name: RawRepresentable, Decodable, Sendable {
    var rawValue: String
    init?(rawValue: String) { self.rawValue = rawValue }
}

private struct Named: Decodable, Sendable {
    var name: Name
}

private struct Ratios: Decodable, Sendable {
    var ratio: Float
}

@Suite struct HandlerArgumentsTests {
    @Test func readsListsEnumsAndPaths() throws {
        let signature = try SignatureReader.signature(of: DeployArguments.self)
        #expect(signature.fields.map(\.name) == ["target", "level", "ratio", "tags", "ports", "weights", "targets", "settings", "args", "mode", "verbose"])
        let fields = Dictionary(uniqueKeysWithValues: signature.fields.map { ($0.name, $0) })
        #expect(fields["target"]?.type == .str && fields["target"]?.isList == false)
        #expect(fields["target"]?.enumeration?.typeName == "DeployTarget")
        #expect(fields["target"]?.enumeration?.cases == [.str("staging"), .str("production")])
        #expect(fields["level"]?.type == .int && fields["level"]?.enumeration?.cases == nil)
        #expect(fields["ratio"]?.type == .float && fields["ratio"]?.isOptional == true)
        #expect(fields["ratio"]?.enumeration?.cases == [.float(0.5), .float(1)])
        #expect(fields["tags"] == HandlerSignature.Field(name: "tags", type: .str, isOptional: false, isList: true))
        #expect(fields["ports"] == HandlerSignature.Field(name: "ports", type: .int, isOptional: false, isList: true))
        #expect(fields["weights"] == HandlerSignature.Field(name: "weights", type: .float, isOptional: true, isList: true))
        #expect(fields["targets"]?.isList == true && fields["targets"]?.enumeration?.typeName == "DeployTarget")
        #expect(fields["mode"]?.enumeration?.typeName == "OnlyMode")
        #expect(fields["targets"]?.swiftType == "[DeployTarget]")
        #expect(fields["ports"]?.swiftType == "[Int]")
        // Whether a value decodes into the enum is asked of the enum itself.
        let level = try #require(fields["level"]?.enumeration)
        #expect(level.accepts(.int(5)) && !level.accepts(.int(2)) && !level.accepts(.str("5")))
        let target = try #require(fields["target"]?.enumeration)
        #expect(target.accepts(.str("staging")) && !target.accepts(.str("Staging")))
    }

    @Test func refusesWhatNoArgCanFill() {
        for (type, property, shown) in [(SetOfTags.self as any (Decodable & Sendable).Type, "tags", "Set<String>"),
                                        (Nested.self, "tags", "Array<Array<String>>"),
                                        (Named.self, "name", "Name"),
                                        (Ratios.self, "ratio", "Float")] {
            let registry = CommandRegistry()
            #expect(throws: RegistrationError(message: "handler `h`: `\(type)` cannot be its arguments type: property `\(property)` has type `\(shown)`; "
                                              + SignatureReader.supported)) {
                try register(type, in: registry)
            }
        }
    }

    private func register<T: Decodable & Sendable>(_ type: T.Type, in registry: CommandRegistry) throws {
        try registry.registerHandler("h", arguments: type) { _ in }
    }

    @Test func decodesListsEnumsAndPaths() throws {
        let parsed = ParsedArguments(command: "deploy", values: [
            "target": .str("production"), "level": .int(5), "tags": .list([.str("a"), .str("b")]), "ports": .list([]),
            "weights": .list([.float(0.5)]), "targets": .list([.str("staging"), .str("production")]), "settings": .path("/srv/app/settings.py"),
            "args": .list([.str("-x"), .str("--")]), "mode": .str("only"), "verbose": .bool(true),
        ])
        let decoded = try parsed.decode(DeployArguments.self)
        #expect(decoded.target == .production && decoded.level == .high && decoded.ratio == nil)
        #expect(decoded.tags == ["a", "b"] && decoded.ports == [] && decoded.weights == [0.5])
        #expect(decoded.targets == [.staging, .production] && decoded.settings == "/srv/app/settings.py")
        #expect(decoded.args == ["-x", "--"] && decoded.mode == .only && decoded.verbose)

        var wrong = parsed
        wrong.values["target"] = .str("prod")
        #expect(throws: DecodingError.self) { try wrong.decode(DeployArguments.self) }
        wrong = parsed
        wrong.values["tags"] = .str("a")
        #expect(throws: DecodingError.self) { try wrong.decode(DeployArguments.self) }
        wrong = parsed
        wrong.values["level"] = .list([.int(1)])
        #expect(throws: DecodingError.self) { try wrong.decode(DeployArguments.self) }
        // Other numbers are refused, never decoded from the value forever.
        #expect(throws: DecodingError.self) { try ParsedArguments(command: "r", values: ["ratio": .float(0.5)]).decode(Ratios.self) }
    }

    /// A handler's arguments type against the args a manifest binds to it.
    private func check(_ args: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hyper-handler-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("commands.d"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try ("commands:\n  deploy:\n    help: Deploy\n    handler: deploy\n    args:\n" + args)
            .write(to: folder.appendingPathComponent("commands.d/a.yaml"), atomically: true, encoding: .utf8)
        let registry = CommandRegistry()
        try registry.registerHandler("deploy", arguments: DeployArguments.self) { _ in }
        do {
            try registry.discoverCommands(["commands.d"], workingDirectory: folder.path)
            return ""
        } catch {
            return error.description
        }
    }

    static let matching = """
              target: {choices: [staging, production]}
              level: {type: int, choices: [1, 5]}
              ratio: {type: float, required: false, choices: [0.5, 1]}
              tags: {multiple: true}
              ports: {type: int, multiple: true, default: []}
              weights: {type: float, multiple: true, required: false}
              targets: {multiple: true, default: [staging], choices: [staging, production]}
              settings: {type: path, default: config/settings.py}
              args: {rest: true}
              mode: {choices: [only]}
              verbose: bool

        """

    @Test func aMatchingManifestValidates() throws {
        #expect(try check(Self.matching) == "")
    }

    @Test func listsMustBeArraysAndArraysLists() throws {
        let single = Self.matching.replacingOccurrences(of: "      tags: {multiple: true}", with: "      tags: str")
        #expect(try check(single) == "commands.d/a.yaml:9:7: error: arg `tags` takes one value, but `DeployArguments.tags` is [String] [E306]\n")
        let many = Self.matching.replacingOccurrences(of: "      settings: {type: path, default: config/settings.py}", with: "      settings: {type: path, multiple: true}")
        #expect(try check(many) == "commands.d/a.yaml:13:7: error: arg `settings` takes many values, but `DeployArguments.settings` is String [E306]\n")
        let rest = Self.matching.replacingOccurrences(of: "      settings: {type: path, default: config/settings.py}", with: "      settings: {rest: true}")
            .replacingOccurrences(of: "      args: {rest: true}", with: "      args: {multiple: true}")
        #expect(try check(rest) == "commands.d/a.yaml:13:7: error: arg `settings` takes many values, but `DeployArguments.settings` is String [E306]\n")
    }

    @Test func enumPropertiesTakeTheirCasesAsChoices() throws {
        let none = Self.matching.replacingOccurrences(of: "      target: {choices: [staging, production]}", with: "      target: str")
        #expect(try check(none) == "commands.d/a.yaml:6:7: error: arg `target` takes any str, but `DeployArguments.target` is the enum `DeployTarget` [E306]\n")
        let extra = Self.matching.replacingOccurrences(of: "      level: {type: int, choices: [1, 5]}", with: "      level: {type: int, choices: [1, 2, 5, 7]}")
        #expect(try check(extra) == "commands.d/a.yaml:7:7: error: choices `2`, `7` of `level` are not cases of `Level` [E306]\n")
        let missing = Self.matching.replacingOccurrences(of: "      target: {choices: [staging, production]}", with: "      target: {choices: [staging]}")
        #expect(try check(missing) == "commands.d/a.yaml:6:7: error: case `production` of `DeployTarget` is not among the choices of `target` [E306]\n")
        let listed = Self.matching.replacingOccurrences(of: "choices: [staging, production]}\n      settings", with: "choices: [staging, prod]}\n      settings")
        #expect(try check(listed) == """
            commands.d/a.yaml:12:7: error: choice `prod` of `targets` is not a case of `DeployTarget` [E306]
            commands.d/a.yaml:12:7: error: case `production` of `DeployTarget` is not among the choices of `targets` [E306]

            """)
        let path = Self.matching.replacingOccurrences(of: "      mode: {choices: [only]}", with: "      mode: {type: path}")
        #expect(try check(path) == "commands.d/a.yaml:15:7: error: arg `mode` is path, but `DeployArguments.mode` is OnlyMode [E306]\n")
    }

    @Test func theHelpSaysWhatToDeclare() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hyper-handler-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("commands.d"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "commands:\n  deploy:\n    help: Deploy\n    handler: deploy\n".write(to: folder.appendingPathComponent("commands.d/a.yaml"), atomically: true, encoding: .utf8)
        let registry = CommandRegistry()
        try registry.registerHandler("deploy", arguments: DeployArguments.self) { _ in }
        let loader = ManifestLoader(workingDirectory: folder.path, handlers: registry.handlerCatalog, codeCommands: [])
        let helps = loader.load(paths: ["commands.d"]).diagnostics.compactMap(\.help)
        #expect(helps.contains("add `target: {type: str, choices: [staging, production]}` under `args`"))
        #expect(helps.contains("add `level: int` under `args`"))
        #expect(helps.contains("add `tags: {type: str, multiple: true}` under `args`"))
        #expect(helps.contains("add `targets: {type: str, multiple: true, choices: [staging, production]}` under `args`"))
        #expect(!helps.contains { $0.contains("ratio") || $0.contains("weights") })
    }
}
