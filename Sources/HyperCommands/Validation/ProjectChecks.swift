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
            if command.directory != nil, !checkDirectory(of: command) { continue }
            switch command.action {
            case .handler(let name): checkHandler(name, of: command)
            case .exec(let template): checkProgram(template, of: command)
            case .shell, .closure: break
            }
        }
    }

    /// A command's `dir` is a folder inside its root, links resolved (E308).
    private mutating func checkDirectory(of command: CommandDefinition) -> Bool {
        guard let directory = command.directory, let root = command.root, let folder = command.workingFolder else { return true }
        let shown = Path.display(folder, from: workingDirectory, root: displayRoot)
        let at = command.keyLocations.directory ?? command.location
        guard FileSystem.kind(folder) == .directory else {
            fail(command.name, Diagnostic(.missingDirectory, "`dir: \(directory)` is not a folder", at: at,
                                          help: "`dir` is relative to the project root; there is no folder `\(shown)`"))
            return false
        }
        if let real = FileSystem.resolvedPath(folder), let realRoot = FileSystem.resolvedPath(root),
           !(real == realRoot || real.hasPrefix(realRoot == "/" ? "/" : realRoot + "/")) {
            fail(command.name, Diagnostic(.missingDirectory, "`dir: \(directory)` leads outside the project, to `\(real)`", at: at,
                                          help: "a link in the path points elsewhere; name a folder inside the project root"))
            return false
        }
        return true
    }

    /// No name or alias is reserved, defined in code, or declared twice
    /// (names and aliases share one space). A clash fails both commands, so
    /// neither runs by a name that is not its own.
    mutating func checkNames(_ declared: [DeclaredCommand]) {
        var first: [ExactName: DeclaredCommand] = [:]
        first.reserveCapacity(declared.count)
        let inCode = Set(codeCommands.map(ExactName.init))
        for command in declared {
            let name = ExactName(command.name)
            if command.owner == nil, let violation = DefinitionRules.reservedName(command.name) {
                fail(command.command, Diagnostic(violation.code, violation.message, at: command.location, help: violation.help))
            } else if let earlier = first.updateValue(command, forKey: name) {
                // One lookup per name; only a duplicate pays a second to keep the first place.
                first[name] = earlier
                let place = "\(earlier.location.file):\(earlier.location.line):\(earlier.location.column)"
                let message: String
                if command.owner == nil && earlier.owner == nil {
                    message = "command `\(command.name)` is already defined at \(place)"
                } else {
                    let this = command.owner.map { "alias `\(command.name)` of `\($0)`" } ?? "command `\(command.name)`"
                    let that = earlier.owner.map { "an alias of `\($0)` at \(place)" } ?? "the name of the command at \(place)"
                    message = "\(this) is already \(that)"
                }
                fail(command.command, Diagnostic(.duplicateCommand, message, at: command.location, help: "rename or remove one of the two"))
                failedCommands.insert(earlier.command)
            } else if !inCode.isEmpty && inCode.contains(name) {
                let this = command.owner.map { "alias `\(command.name)` of `\($0)`" } ?? "command `\(command.name)`"
                fail(command.command, Diagnostic(.duplicateCommand, "\(this) is already defined in code", at: command.location,
                                                 help: "rename the manifest's command, or remove the one registered in code"))
            }
        }
        checkNamespaces(declared)
    }

    /// A command that takes positional words and is also a namespace
    /// (`db` beside `db:migrate`): `hyper db migrate` runs `db:migrate`, the
    /// longest name, so the word `migrate` can never reach `db` by position
    /// (W405, at the command).
    private mutating func checkNamespaces(_ declared: [DeclaredCommand]) {
        var namespaces: [ExactName: String] = [:]
        for entry in declared where entry.name.utf8.contains(UInt8(ascii: ":")) {
            var prefix = Substring(entry.name)
            while let colon = prefix.utf8.lastIndex(of: UInt8(ascii: ":")) {
                prefix = prefix[..<colon]
                if namespaces[ExactName(String(prefix))] == nil { namespaces[ExactName(String(prefix))] = entry.name }
            }
        }
        guard !namespaces.isEmpty else { return }
        for entry in declared where entry.takesWords {
            guard let inside = namespaces[ExactName(entry.name)] else { continue }
            let what = entry.owner.map { "alias `\(entry.name)` of `\($0)`" } ?? "command `\(entry.name)`"
            let words = inside.split(separator: ":").joined(separator: " ")
            diagnostics.append(Diagnostic(.nameIsNamespace,
                                          "\(what) takes positional words, and `\(entry.name)` is also a namespace: `hyper \(words)` runs `\(inside)`",
                                          at: entry.location,
                                          help: "a word after `\(entry.name)` that names a command in its namespace runs that command; rename one, or give such a value after `--` or by its option name"))
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
        let path = Path.absolute(program, from: command.workingFolder ?? workingDirectory)
        let shown = Path.display(path, from: workingDirectory, root: displayRoot)
        switch FileSystem.kind(path) {
        case .file:
            if !FileSystem.isExecutable(path) {
                fail(command.name, Diagnostic(.programNotExecutable, "program `\(program)` is not executable", at: template.programLocation,
                                              help: "make it executable: `chmod +x \(shown)`"))
            }
        case .missing:
            fail(command.name, Diagnostic(.programNotFound, "program `\(program)` does not exist", at: template.programLocation,
                                          help: "relative programs are found from \(command.directory == nil ? "the project root" : "the command's `dir`"), here `\(shown)`"))
        case .directory, .other:
            fail(command.name, Diagnostic(.programNotExecutable, "program `\(program)` is not a file", at: template.programLocation))
        }
    }

    private mutating func fail(_ command: String, _ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
        if diagnostic.severity == .error { failedCommands.insert(command) }
    }
}
