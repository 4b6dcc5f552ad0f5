/// Checks that need every manifest at once, or the running binary: names
/// defined twice or reserved, handlers that are not registered or whose
/// arguments type disagrees, and relative `exec` programs that are missing or
/// not executable. Each check runs independently and all report together.
///
/// The checks of one command's binding (`checkBindings`) need nothing from
/// other files, so a load runs them beside decoding, file by file; only the
/// name checks (`checkNames`) wait for every file.
struct ProjectChecks: Sendable {
    let workingDirectory: String
    let handlers: HandlerCatalog
    let codeCommands: [String]
    /// What displayed paths are relative to, if not the working directory.
    let displayRoot: String?
    private(set) var diagnostics: [Diagnostic] = []
    /// Commands that loaded but failed a project check.
    private(set) var failedCommands: Set<String> = []

    init(workingDirectory: String, handlers: HandlerCatalog, codeCommands: [String], displayRoot: String? = nil) {
        self.workingDirectory = workingDirectory
        self.handlers = handlers
        self.codeCommands = codeCommands
        self.displayRoot = displayRoot
    }

    /// Handlers exist and agree with the args; relative programs exist and
    /// can run.
    mutating func checkBindings(_ commands: [CommandDefinition]) {
        for command in commands {
            switch command.action {
            case .handler(let name): checkHandler(name, of: command)
            case .exec(let template): checkProgram(template, of: command)
            case .shell, .closure: break
            }
        }
    }

    /// No name is reserved, defined in code, or declared twice.
    mutating func checkNames(_ declared: [DeclaredCommand]) {
        var first: [ExactName: SourceLocation] = [:]
        first.reserveCapacity(declared.count)
        let inCode = Set(codeCommands.map(ExactName.init))
        for command in declared {
            let name = ExactName(command.name)
            if let violation = DefinitionRules.reservedName(command.name) {
                fail(command.name, Diagnostic(violation.code, violation.message, at: command.location, help: violation.help))
            } else if let earlier = first.updateValue(command.location, forKey: name) {
                // One lookup per name; only a duplicate pays a second to keep the first place.
                first[name] = earlier
                fail(command.name, Diagnostic(.duplicateCommand,
                                              "command `\(command.name)` is already defined at \(earlier.file):\(earlier.line):\(earlier.column)",
                                              at: command.location, help: "rename or remove one of the two"))
            } else if !inCode.isEmpty && inCode.contains(name) {
                fail(command.name, Diagnostic(.duplicateCommand, "command `\(command.name)` is already defined in code", at: command.location,
                                              help: "rename the manifest's command, or remove the one registered in code"))
            }
        }
    }

    private mutating func checkHandler(_ name: String, of command: CommandDefinition) {
        guard handlers.contains(name) else {
            let registered = handlers.names
            let suggestion = Suggestion.closest(to: name, in: registered)
            let help: String
            if registered.isEmpty {
                help = "this binary registers no Swift handlers; a program that embeds HyperCommands registers them"
            } else {
                help = (suggestion.map { "did you mean `\($0)`? " } ?? "")
                    + "registered: " + registered.map { "`\($0)`" }.joined(separator: ", ")
            }
            fail(command.name, Diagnostic(.unknownHandler, "no handler named `\(name)` is registered",
                                          at: command.actionLocation ?? command.location, help: help))
            return
        }
        guard let signature = handlers.signatures.exactly(name) else { return }
        checkSignature(signature, handler: name, of: command)
    }

    /// The manifest's args against the handler's arguments type: every field
    /// the type needs is declared, no arg is left without a field, types
    /// agree (a `String` takes a str or a path), lists are arrays, an arg
    /// that may be absent has an optional field, and an enum property's
    /// cases are the arg's choices.
    private mutating func checkSignature(_ signature: HandlerSignature, handler: String, of command: CommandDefinition) {
        let fields = Dictionary(signature.fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for arg in command.args {
            let at = arg.location ?? command.location
            guard let field = fields[arg.name] else {
                fail(command.name, Diagnostic(.handlerArgsMismatch,
                                              "arg `\(arg.name)` is not a property of `\(signature.typeName)`, the arguments of handler `\(handler)`",
                                              at: at, help: "add `\(arg.name)` to `\(signature.typeName)`, or remove the arg"))
                continue
            }
            let property = "`\(signature.typeName).\(field.propertyName)`"
            if field.type != arg.type && !(field.type == .str && arg.type == .path && field.enumeration == nil) {
                fail(command.name, Diagnostic(.handlerArgsMismatch,
                                              "arg `\(arg.name)` is \(arg.type.rawValue), but \(property) is \(field.swiftType)",
                                              at: at, help: "declare it as `type: \(field.type.rawValue)`, or change the property"))
            } else if field.isList != arg.isList {
                var other = field
                other.isList.toggle()
                fail(command.name, Diagnostic(.handlerArgsMismatch,
                                              "arg `\(arg.name)` takes \(arg.isList ? "many values" : "one value"), but \(property) is \(field.swiftType)",
                                              at: at,
                                              help: arg.isList ? "make the property `\(other.swiftType)`, or remove `\(arg.rest ? "rest" : "multiple")`"
                                                               : "add `multiple: true`, or make the property `\(other.swiftType)`"))
            } else if !arg.required && arg.default == nil && !field.isOptional {
                fail(command.name, Diagnostic(.handlerArgsMismatch,
                                              "arg `\(arg.name)` may be absent, but \(property) is not optional",
                                              at: at, help: "give the arg a default, or make the property optional"))
            } else if let enumeration = field.enumeration {
                checkChoices(arg, against: enumeration, property: property, command: command)
            }
        }
        let declared = Set(command.args.map(\.name))
        for field in signature.fields where !field.isOptional && !declared.contains(field.name) {
            fail(command.name, Diagnostic(.handlerArgsMismatch,
                                          "command `\(command.name)` does not declare arg `\(field.name)`, which handler `\(handler)` needs (`\(signature.typeName).\(field.propertyName)`)",
                                          at: command.location,
                                          help: "add `\(field.name): \(Self.spec(of: field))` under `args`"))
        }
    }

    /// An enum property takes only its cases: each of the arg's choices
    /// decodes into it, and, when the enum is `CaseIterable`, every case is
    /// a choice. At the arg.
    private mutating func checkChoices(_ arg: ArgDefinition, against enumeration: HandlerSignature.Enumeration, property: String,
                                       command: CommandDefinition) {
        let at = arg.location ?? command.location
        let enumName = "`\(enumeration.typeName)`"
        let cases = enumeration.cases.map { "; its cases are " + Self.listed($0) } ?? ""
        guard !arg.choices.isEmpty else {
            fail(command.name, Diagnostic(.handlerArgsMismatch, "arg `\(arg.name)` takes any \(arg.type.rawValue), but \(property) is the enum \(enumName)",
                                          at: at, help: "list the cases under `choices`" + cases))
            return
        }
        let refused = arg.choices.map(\.value).filter { !enumeration.accepts($0) }
        if !refused.isEmpty {
            let one = refused.count == 1
            fail(command.name, Diagnostic(.handlerArgsMismatch,
                                          "\(one ? "choice" : "choices") \(Self.listed(refused)) of `\(arg.name)` \(one ? "is not a case" : "are not cases") of \(enumName)",
                                          at: at, help: "remove \(one ? "it" : "them") from `choices`, or add \(one ? "the case" : "the cases") to \(enumName)" + cases))
        }
        let missing = (enumeration.cases ?? []).filter { value in !arg.choices.contains { DefinitionRules.same($0.value, value) } }
        if !missing.isEmpty {
            let one = missing.count == 1
            fail(command.name, Diagnostic(.handlerArgsMismatch,
                                          "\(one ? "case" : "cases") \(Self.listed(missing)) of \(enumName) \(one ? "is" : "are") not among the choices of `\(arg.name)`",
                                          at: at, help: "add \(one ? "it" : "them") to `choices`, or remove \(one ? "the case" : "the cases") from \(enumName)"))
        }
    }

    /// `` `a`, `b` `` for messages.
    private static func listed(_ values: [ArgValue]) -> String {
        values.map { "`\($0.text)`" }.joined(separator: ", ")
    }

    /// The spec that declares an arg for a field: `bool`, or
    /// `{type: str, multiple: true, choices: [a, b]}`.
    private static func spec(of field: HandlerSignature.Field) -> String {
        var keys: [String] = []
        if field.isList { keys.append("multiple: true") }
        if let cases = field.enumeration?.cases { keys.append("choices: [" + cases.map(\.text).joined(separator: ", ") + "]") }
        guard !keys.isEmpty else { return field.type.rawValue }
        return "{" + (["type: \(field.type.rawValue)"] + keys).joined(separator: ", ") + "}"
    }

    /// A relative program (one with a `/` that does not start with `/`) must
    /// exist under the command's root and be executable. Bare names are looked
    /// up on PATH at run time, and absolute paths belong to the machine.
    private mutating func checkProgram(_ template: ExecTemplate, of command: CommandDefinition) {
        let program = template.program
        guard program.utf8.contains(UInt8(ascii: "/")), program.utf8.first != UInt8(ascii: "/") else { return }
        let path = Path.absolute(program, from: command.root ?? workingDirectory)
        let shown = Path.display(path, from: workingDirectory, root: displayRoot)
        switch FileSystem.kind(path) {
        case .file:
            if !FileSystem.isExecutable(path) {
                fail(command.name, Diagnostic(.programNotExecutable, "program `\(program)` is not executable", at: template.programLocation,
                                              help: "make it executable: `chmod +x \(shown)`"))
            }
        case .missing:
            fail(command.name, Diagnostic(.programNotFound, "program `\(program)` does not exist", at: template.programLocation,
                                          help: "relative programs are found from the project root, here `\(shown)`"))
        case .directory, .other:
            fail(command.name, Diagnostic(.programNotExecutable, "program `\(program)` is not a file", at: template.programLocation))
        }
    }

    private mutating func fail(_ command: String, _ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
        if diagnostic.severity == .error { failedCommands.insert(command) }
    }
}
