import HyperYAML

/// Decodes one manifest's YAML events into `CommandDefinition`s by format v1,
/// reporting every departure from it and going on, so one run shows them all.
///
/// Scalars mean what this schema says, never what YAML 1.1 would guess: an str
/// default `no` is the text `no`; an int default must be plain decimal digits.
struct ManifestDecoder {
    static let commandKeys = CommandKey.allCases.map(\.name)
    static let argKeys = ArgKey.allCases.map(\.name)

    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    /// Errors in `diagnostics`, counted as `add` adds them: counting them per
    /// command would cost the whole list each time, which grows with the file.
    private var errorCount = 0
    private(set) var commands: [CommandDefinition] = []
    /// Every entry under `commands`, valid or not, for cross-file checks.
    private(set) var declaredCommands: [DeclaredCommand] = []
    /// True when some part that may declare commands was skipped (a root
    /// that is not a mapping, a misspelt or second `commands`, a `commands`
    /// that is not a mapping): the names declared may be incomplete.
    private(set) var namesIncomplete = false
    var commandCount: Int { declaredCommands.reduce(0) { $0 + ($1.owner == nil ? 1 : 0) } }

    init(file: String) {
        self.file = file
    }

    /// Decodes a manifest from its event stream, without building a tree.
    mutating func decode(_ stream: inout YAMLEventStream) {
        guard let root = stream.next() else { return }
        guard case .mappingStart(let rootSpan) = root else {
            report(.wrongKind, "a manifest must be a mapping with the key `commands`, found \(root.kindDescription)",
                   root.span!, help: "start the file with `commands:`")
            stream.skipValue(startingWith: root)
            namesIncomplete = true
            return
        }
        var sawCommands = false
        while let key = nextKey(&stream) {
            guard let value = stream.next() else { return }
            if stream.text(of: key, is: "commands") {
                if sawCommands { namesIncomplete = true }
                sawCommands = true
                decodeCommands(value, key: key, &stream)
            } else {
                unknownKey(key, value, known: ["commands"], context: "at the top level", &stream)
                stream.skipValue(startingWith: value)
                namesIncomplete = true
            }
        }
        if !sawCommands {
            namesIncomplete = true
            report(.missingCommands, "manifest has no `commands` key", rootSpan,
                   help: "a manifest is a mapping with one key, `commands`, that maps command names to their specs")
        }
    }

    private mutating func decodeCommands(_ value: YAMLEvent, key: YAMLScalarRef, _ stream: inout YAMLEventStream) {
        guard mapping(value, what: "`commands`", key: key, &stream) else {
            namesIncomplete = true
            return
        }
        let problemsBefore = stream.problems.count
        var count = 0
        while let name = nextKey(&stream) {
            guard let spec = stream.next() else { return }
            count += 1
            decodeCommand(name, spec, &stream)
        }
        // Refused keys (YAML problems) leave `commands` looking emptier than it is.
        if count == 0 && stream.problems.count == problemsBefore {
            report(.noCommands, "manifest declares no commands", key.span)
        }
    }

    /// The next key of the mapping being read, or nil at its end.
    func nextKey(_ stream: inout YAMLEventStream) -> YAMLScalarRef? {
        if case .scalar(let key)? = stream.next() { return key }
        return nil
    }

    // MARK: commands

    private mutating func decodeCommand(_ key: YAMLScalarRef, _ value: YAMLEvent, _ stream: inout YAMLEventStream) {
        let errorsBefore = errorCount
        let name = stream.string(key)
        let declaredIndex = declaredCommands.count
        declaredCommands.append(DeclaredCommand(name: name, location: location(key.span)))
        if let violation = DefinitionRules.commandName(name) { report(violation, key.span) }
        guard mapping(value, what: "command `\(name)`", key: key, &stream) else { return }
        var keys = CommandKeys()

        var help = ""
        var args: [ArgDefinition] = []
        /// Every arg name declared, its spec valid or not; nil when `args` is
        /// not a mapping, so which args exist is unknown.
        var argNames: [String]? = []
        var bindings: [(key: CommandKey, span: YAMLSpan, action: CommandAction?, value: YAMLSpan)] = []
        var shellScript: (text: YAMLScalar, source: YAMLScalarRef)?
        while let field = nextKey(&stream) {
            guard let fieldValue = stream.next() else { return }
            let valueSpan = fieldValue.span ?? field.span
            switch stream.match(field, as: CommandKey.self) {
            case .help?:
                if let text = string(fieldValue, what: "`help`", key: field, &stream) {
                    help = text.value
                    checkShown(text, fieldValue, what: "`help` of command `\(name)`", &stream)
                }
            case .args?:
                (args, argNames) = decodeArgs(fieldValue, key: field, &stream)
            case .handler?:
                var action: CommandAction?
                if let text = string(fieldValue, what: "`handler`", key: field, &stream) {
                    if text.value.isEmpty {
                        report(.emptyProgram, "`handler` is empty", text.span, help: "name the Swift handler this command runs")
                    } else {
                        action = .handler(text.value)
                    }
                }
                bindings.append((.handler, field.span, action, valueSpan))
            case .exec?:
                bindings.append((.exec, field.span, decodeExec(fieldValue, key: field, &stream).map(CommandAction.exec), valueSpan))
            case .sh?:
                var action: CommandAction?
                if let text = string(fieldValue, what: "`sh`", key: field, &stream) {
                    if text.value.allSatisfy(\.isWhitespace) {
                        report(.emptyProgram, "`sh` script is empty", text.span, help: "give the script to run with `/bin/sh -c`")
                    } else {
                        action = .shell(text.value)
                        if case .scalar(let source) = fieldValue { shellScript = (text, source) }
                    }
                }
                bindings.append((.sh, field.span, action, valueSpan))
            case .aliases?:
                decodeAliases(fieldValue, key: field, command: name, into: &keys, &stream)
            case .hidden?:
                keys.hidden = plainBool(fieldValue, what: "`hidden`", key: field, &stream) ?? false
            case .group?:
                if let text = string(fieldValue, what: "`group`", key: field, &stream) {
                    if let violation = DefinitionRules.groupName(text.value) { report(violation, text.span) } else { keys.group = text.value }
                }
            case .confirm?:
                if let text = string(fieldValue, what: "`confirm`", key: field, &stream) {
                    keys.confirm = (text.value, text.span)
                }
            case .dir?:
                if let text = string(fieldValue, what: "`dir`", key: field, &stream) {
                    keys.directory = (text.value, text.span, field.span)
                    if let violation = DefinitionRules.directoryRule(text.value) { report(violation, text.span) }
                }
            case .env?:
                decodeEnvironment(fieldValue, key: field, into: &keys, &stream)
            case nil:
                unknownKey(field, fieldValue, known: Self.commandKeys, context: "in command `\(name)`", &stream)
                stream.skipValue(startingWith: fieldValue)
            }
        }

        if bindings.isEmpty {
            report(.missingBinding, "command `\(name)` has no `handler`, `exec` or `sh`", key.span,
                   help: "add one: `handler: NAME` (a Swift handler), `exec: [PROGRAM, ARG...]` (a program) or `sh: SCRIPT` (a shell script)")
        } else if bindings.count > 1 {
            report(.conflictingBindings,
                   "command `\(name)` has both `\(bindings[0].key.spelling)` and `\(bindings[1].key.spelling)`",
                   bindings[1].span, help: "a command has exactly one of `handler`, `exec` and `sh`")
        }
        let action = bindings.count == 1 ? bindings[0].action : nil
        if let action {
            if let directory = keys.directory, let violation = DefinitionRules.bindingOnly("dir", action: action) {
                report(violation, directory.key)
            }
            if let environment = keys.environmentKey, let violation = DefinitionRules.bindingOnly("env", action: action) {
                report(violation, environment)
            }
        }
        // References to args are checked against every arg declared, even one
        // whose spec has its own error, and not at all when `args` itself is
        // broken: a consequence of an error is not a second problem.
        if let argNames {
            if case .exec(let template)? = action {
                checkReferences(template, argNames: argNames, args: args)
            }
            if let confirm = keys.confirm {
                for violation in DefinitionRules.confirmRules(confirm.text, args: args) { report(violation, confirm.span) }
            }
            for (index, variable) in keys.environment.enumerated() {
                for violation in DefinitionRules.commandVariableRules(variable.value, args: args, argNames: argNames, at: index) {
                    report(violation, variable.span)
                }
            }
            if let shellScript {
                checkEnvironmentReferences(shellScript.text, source: shellScript.source, argNames: argNames, &stream)
            }
        }
        // Only a command that is otherwise sound gets these warnings: no cascades.
        if help.isEmpty && errorCount == errorsBefore {
            report(.missingHelp, "command `\(name)` has no help text", key.span,
                   help: "add `help:` with one line on what it does; `hyper --help` lists it")
        }
        if errorCount == errorsBefore {
            for violation in DefinitionRules.positionalAfterList(args) {
                if case .argName(let index) = violation.subject {
                    add(Diagnostic(violation.code, violation.message, at: args[index].location, help: violation.help))
                }
            }
        }
        if errorCount == errorsBefore, let action {
            var command = CommandDefinition(name: name, help: help, args: args, action: action,
                                            location: location(key.span), actionLocation: location(bindings[0].value),
                                            aliases: keys.aliases.map(\.name), hidden: keys.hidden, group: keys.group,
                                            confirm: keys.confirm?.text)
            command.aliasLocations = keys.aliases.map { location($0.span) }
            command.directory = keys.directory?.text
            command.keyLocations.directory = keys.directory.map { location($0.span) }
            command.environment = keys.environment.map { CommandVariable(name: $0.name, value: $0.value, location: location($0.span)) }
            let takesWords = args.contains { DefinitionRules.takesPositionalWords($0) || $0.rest }
            for index in declaredIndex..<declaredCommands.count { declaredCommands[index].takesWords = takesWords }
            commands.append(command)
        }
    }

    /// What a command's own keys (beside `help`, `args` and its binding) held.
    private struct CommandKeys {
        var aliases: [(name: String, span: YAMLSpan)] = []
        /// The aliases' names, for telling a repeat without comparing each pair.
        var aliasNames: Set<ExactName> = []
        var hidden = false
        var group: String?
        var confirm: (text: String, span: YAMLSpan)?
        var directory: (text: String, span: YAMLSpan, key: YAMLSpan)?
        var environment: [(name: String, value: String, span: YAMLSpan)] = []
        var environmentKey: YAMLSpan?
    }

    /// `aliases: [m, mig]`: each a name by the command-name rules, declared
    /// for the cross-file checks (E301).
    private mutating func decodeAliases(_ value: YAMLEvent, key: YAMLScalarRef, command: String, into keys: inout CommandKeys,
                                        _ stream: inout YAMLEventStream) {
        guard case .sequenceStart = value else {
            if case .scalar(let scalar) = value, !scalar.isPlainNull {
                let text = stream.string(scalar)
                report(.wrongKind, "`aliases` must be a list, found a string", scalar.span, help: "write `aliases: [\(text)]`")
                return
            }
            report(.wrongKind, "`aliases` must be a list of names, found \(value.kindDescription)", value.span ?? key.span,
                   help: "write `aliases: [m, mig]`")
            stream.skipValue(startingWith: value)
            return
        }
        while let item = stream.next() {
            if case .sequenceEnd = item { break }
            guard let text = string(item, what: "an alias", key: nil, &stream) else { continue }
            let index = keys.aliases.count
            if let violation = DefinitionRules.aliasName(text.value, of: command, at: index) {
                report(violation, text.span)
                continue
            }
            if Names.same(text.value, command) || !keys.aliasNames.insert(ExactName(text.value)).inserted {
                report(.repeatedAlias, "`\(text.value)` is already a name of command `\(command)`", text.span, help: "remove it from `aliases`")
                continue
            }
            keys.aliases.append((text.value, text.span))
            declaredCommands.append(DeclaredCommand(name: text.value, location: location(text.span), owner: command))
        }
    }

    /// `env: {NAME: VALUE, ...}`: names by the variable rules; values are
    /// checked against the args once they are known.
    private mutating func decodeEnvironment(_ value: YAMLEvent, key: YAMLScalarRef, into keys: inout CommandKeys,
                                            _ stream: inout YAMLEventStream) {
        keys.environmentKey = key.span
        guard mapping(value, what: "`env`", key: key, &stream) else { return }
        while let name = nextKey(&stream) {
            guard let item = stream.next() else { return }
            let variable = stream.string(name)
            guard let text = string(item, what: "`env` variable `\(variable)`", key: name, &stream) else { continue }
            if let violation = DefinitionRules.commandVariableName(variable, at: keys.environment.count) {
                report(violation, name.span)
                continue
            }
            keys.environment.append((variable, text.value, text.span))
        }
    }

    // MARK: exec

    private mutating func decodeExec(_ value: YAMLEvent, key: YAMLScalarRef, _ stream: inout YAMLEventStream) -> ExecTemplate? {
        var program: YAMLScalar?
        var arguments: [ExecTemplate.Element] = []
        var ok = true
        switch value {
        case .scalar:
            guard let text = string(value, what: "`exec`", key: key, &stream) else { return nil }
            program = text
        case .sequenceStart(let span):
            var first = true
            while let item = stream.next() {
                if case .sequenceEnd = item { break }
                defer { first = false }
                if first {
                    if let text = string(item, what: "an `exec` element", key: nil, &stream) { program = text } else { ok = false }
                } else if case .mappingStart(let start) = item {
                    if let condition = decodeCondition(start, &stream) { arguments.append(condition) } else { ok = false }
                } else if let text = string(item, what: "an `exec` element", key: nil, &stream) {
                    if let element = plainElement(text) { arguments.append(element) } else { ok = false }
                } else {
                    ok = false
                }
            }
            guard !first else {
                report(.emptyProgram, "`exec` is empty", span, help: "give the program and its arguments: `exec: [PROGRAM, ARG...]`")
                return nil
            }
        case .mappingStart(let span):
            report(.wrongKind, "`exec` must be a program or a list `[PROGRAM, ARG...]`, found a mapping", span)
            stream.skipValue(startingWith: value)
            return nil
        case .mappingEnd, .sequenceEnd:
            return nil
        }
        guard let program else { return nil }
        guard !program.value.isEmpty else {
            report(.emptyProgram, "`exec` program is empty", program.span, help: "the first element names the program to run")
            return nil
        }
        guard let programText = literalProgram(program, code: .placeholderInProgram, of: "`exec`"), ok else { return nil }
        return ExecTemplate(program: programText, programLocation: location(program.span), arguments: arguments)
    }

    /// The program of `exec` or `complete`, as written: literal text (with
    /// `{{` and `}}` as braces), never a placeholder. Nil after reporting.
    mutating func literalProgram(_ program: YAMLScalar, code: DiagnosticCode, of what: String) -> String? {
        switch ExecTemplate.parseElement(program.value) {
        case .success(let parts):
            if parts.contains(where: { if case .placeholder = $0 { true } else { false } }) {
                report(code, "the program of \(what) cannot contain a placeholder", program.span,
                       help: "name the program literally; pass values as the following elements")
                return nil
            }
            return parts.map { if case .literal(let text) = $0 { text } else { "" } }.joined()
        case .failure(let error):
            reportPlaceholderSyntax(error, in: program)
            return nil
        }
    }

    /// One element of text with placeholders, or nil after reporting its syntax.
    mutating func plainElement(_ text: YAMLScalar) -> ExecTemplate.Element? {
        switch ExecTemplate.parseElement(text.value) {
        case .success(let parts):
            return ExecTemplate.Element(parts: parts, location: location(text.span))
        case .failure(let error):
            reportPlaceholderSyntax(error, in: text)
            return nil
        }
    }

    /// `{if: NAME, then: ELEMENT or [ELEMENT...], else: ...}`, read after its
    /// `{`. The element is located at NAME, which is checked against the
    /// command's args once they are known.
    private mutating func decodeCondition(_ span: YAMLSpan, _ stream: inout YAMLEventStream) -> ExecTemplate.Element? {
        var name: YAMLScalar?
        var then: [ExecTemplate.Element]?
        var otherwise: [ExecTemplate.Element] = []
        var ok = true
        while let key = nextKey(&stream) {
            guard let value = stream.next() else { return nil }
            if stream.text(of: key, is: "if") {
                if let text = string(value, what: "`if`", key: key, &stream) { name = text } else { ok = false }
            } else if stream.text(of: key, is: "then") {
                then = branch(value, key: key, &stream)
                if then == nil { ok = false }
            } else if stream.text(of: key, is: "else") {
                if let elements = branch(value, key: key, &stream) { otherwise = elements } else { ok = false }
            } else {
                unknownKey(key, value, known: ["if", "then", "else"], context: "in an `exec` condition", &stream)
                stream.skipValue(startingWith: value)
                ok = false
            }
        }
        guard ok else { return nil }
        guard let name else {
            report(DefinitionRules.missingBranch(if: false), span)
            return nil
        }
        guard let then, !then.isEmpty else {
            report(DefinitionRules.missingBranch(), span)
            return nil
        }
        return ExecTemplate.Element(condition: ExecTemplate.Condition(arg: name.value, then: then, otherwise: otherwise),
                                    location: location(name.span))
    }

    /// The elements of a `then` or `else`: one, or a list; plain, since
    /// conditions do not nest.
    private mutating func branch(_ value: YAMLEvent, key: YAMLScalarRef, _ stream: inout YAMLEventStream) -> [ExecTemplate.Element]? {
        switch value {
        case .mappingStart(let span):
            report(DefinitionRules.nestedCondition(), span)
            stream.skipValue(startingWith: value)
            return nil
        case .sequenceStart:
            var elements: [ExecTemplate.Element] = []
            var ok = true
            while let item = stream.next() {
                if case .sequenceEnd = item { break }
                if case .mappingStart(let span) = item {
                    report(DefinitionRules.nestedCondition(), span)
                    stream.skipValue(startingWith: item)
                    ok = false
                } else if let text = string(item, what: "an `exec` element", key: nil, &stream), let element = plainElement(text) {
                    elements.append(element)
                } else {
                    ok = false
                }
            }
            return ok ? elements : nil
        default:
            guard let text = string(value, what: "`\(stream.string(key))`", key: key, &stream) else { return nil }
            return plainElement(text).map { [$0] }
        }
    }

    mutating func reportPlaceholderSyntax(_ error: ExecTemplate.SyntaxError, in scalar: YAMLScalar) {
        report(.invalidPlaceholder, error.message, innerSpan(scalar, offset: error.offset),
               help: "a placeholder is `{argname}`; write `{{` and `}}` for literal braces")
    }

    /// The span of the character at `offset` inside a scalar's text (exact for
    /// plain scalars and for quoted ones without escapes before it).
    private func innerSpan(_ scalar: YAMLScalar, offset: Int, length: Int = 1) -> YAMLSpan {
        let quote = scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? 1 : 0
        return YAMLSpan(line: scalar.span.start.line, column: scalar.span.start.column + quote + offset, length: length)
    }

    /// Placeholders and conditions against the declared arg names
    /// (including args whose spec has its own error, so one mistake is
    /// reported once), and list args' placeholders against the elements
    /// that hold them (for the args that decoded).
    private mutating func checkReferences(_ template: ExecTemplate, argNames: [String], args: [ArgDefinition]) {
        var found: [(DefinitionRules.Violation, SourceLocation?)] = []
        func plain(_ element: ExecTemplate.Element) {
            for name in element.placeholders {
                if let violation = DefinitionRules.undeclaredPlaceholder(name, argNames: argNames) { found.append((violation, element.location)) }
            }
            if let violation = DefinitionRules.listPlaceholder(element, args: args) { found.append((violation, element.location)) }
        }
        for element in template.arguments {
            guard let condition = element.condition else { plain(element); continue }
            if let violation = DefinitionRules.undeclaredCondition(condition.arg, argNames: argNames) { found.append((violation, element.location)) }
            (condition.then + condition.otherwise).forEach(plain)
        }
        for (violation, location) in found {
            add(Diagnostic(violation.code, violation.message, at: location, help: violation.help))
        }
    }

    /// Warns about `$HYPER_ARG_X` in a script when the command declares no arg
    /// `x`, at the reference where the script's source spells its text out
    /// in place (see `YAMLEventStream.sourceSpan(ofText:in:)`), else at the
    /// whole script.
    private mutating func checkEnvironmentReferences(_ script: YAMLScalar, source: YAMLScalarRef, argNames: [String],
                                                     _ stream: inout YAMLEventStream) {
        // As `ArgDefinition.environmentName` spells them.
        let variables = argNames.map { "HYPER_ARG_" + $0.uppercased() }
        let declared = Set(variables)
        let bytes = Array(script.value.utf8)
        let prefix = Array("HYPER_ARG_".utf8)
        var index = 0
        var reported: Set<String> = []
        while index + prefix.count <= bytes.count {
            guard bytes[index..<(index + prefix.count)].elementsEqual(prefix),
                  index == 0 || !isNameByte(bytes[index - 1]) else { index += 1; continue }
            var end = index + prefix.count
            while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
            let variable = String(decoding: bytes[index..<end], as: UTF8.self)
            if end > index + prefix.count, !declared.contains(variable), reported.insert(variable).inserted {
                let argName = String(variable.dropFirst(prefix.count)).lowercased()
                let suggestion = Suggestion.closest(to: variable, in: variables)
                // With its `$`, or its `${` and `}`, when the script has them.
                var (start, stop) = (index, end)
                if start > 0, bytes[start - 1] == UInt8(ascii: "$") {
                    start -= 1
                } else if start > 1, bytes[start - 1] == UInt8(ascii: "{"), bytes[start - 2] == UInt8(ascii: "$") {
                    start -= 2
                    if stop < bytes.count, bytes[stop] == UInt8(ascii: "}") { stop += 1 }
                }
                report(.undeclaredEnvironmentArg, "`sh` script reads `$\(variable)`, but the command declares no arg `\(argName)`",
                       stream.sourceSpan(ofText: start..<stop, in: source) ?? script.span,
                       help: suggestion.map { "did you mean `$\($0)`?" } ?? "declare `\(argName)` under `args`")
            }
            index = end
        }
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }

    // MARK: shared pieces

    /// E218: a text hyper shows on the terminal (help, a str default) may hold
    /// no control or text-direction character, however it was written, so
    /// that a manifest that validates prints as it reads. Located at the
    /// character, or at the escape (`\e`) that wrote it. A NUL is E103's,
    /// reported for every value.
    mutating func checkShown(_ text: YAMLScalar, _ event: YAMLEvent, what: String, _ stream: inout YAMLEventStream) {
        guard case .scalar(let ref) = event,
              let violation = DefinitionRules.shownText(text.value, what: what, subject: .commandHelp) else { return }
        let span = stream.sourceSpan(ofFirstIn: ref, where: DefinitionRules.isRefusedInShownText) ?? text.span
        report(violation, span)
    }

    /// True when `event` starts a mapping; otherwise reports what stands
    /// there instead and skips it.
    mutating func mapping(_ event: YAMLEvent, what: String, key: YAMLScalarRef, _ stream: inout YAMLEventStream) -> Bool {
        switch event {
        case .mappingStart:
            return true
        case .scalar(let scalar) where scalar.isPlainNull:
            report(.nullValue, "\(what) has no value; expected a mapping", key.span)
            return false
        default:
            report(.wrongKind, "\(what) must be a mapping, found \(event.kindDescription)", event.span ?? key.span)
            stream.skipValue(startingWith: event)
            return false
        }
    }

    /// A text scalar, not null. Any scalar's text is a string (`help: 42` is "42").
    mutating func string(_ event: YAMLEvent, what: String, key: YAMLScalarRef?, _ stream: inout YAMLEventStream) -> YAMLScalar? {
        guard case .scalar(let scalar) = event else {
            report(.wrongKind, "\(what) must be a string, found \(event.kindDescription)", event.span ?? key?.span ?? YAMLSpan(line: 1, column: 1))
            stream.skipValue(startingWith: event)
            return nil
        }
        if scalar.isPlainNull {
            report(.nullValue, "\(what) has no value", key?.span ?? scalar.span,
                   help: "write `\"\"` for an empty string, or remove it")
            return nil
        }
        return stream.scalar(scalar)
    }

    mutating func plainBool(_ event: YAMLEvent, what: String, key: YAMLScalarRef, _ stream: inout YAMLEventStream) -> Bool? {
        if case .scalar(let scalar) = event, scalar.style == .plain {
            if stream.text(of: scalar, is: "true") { return true }
            if stream.text(of: scalar, is: "false") { return false }
        }
        let found = if case .scalar(let scalar) = event { scalar.isPlainNull ? "nothing" : "`\(stream.string(scalar))`" } else { event.kindDescription }
        let span = if case .scalar(let scalar) = event, scalar.isPlainNull { key.span } else { event.span ?? key.span }
        report(.invalidBool, "\(what) must be `true` or `false`, found \(found)", span)
        stream.skipValue(startingWith: event)
        return nil
    }

    mutating func unknownKey(_ key: YAMLScalarRef, _ value: YAMLEvent, known: [String], context: String,
                                     _ stream: inout YAMLEventStream) {
        let name = stream.string(key)
        // `{help: Only this app (e.g. accounts, billing)}`: a comma cut the
        // text, and each piece after it became a key without a value. The
        // first piece says so; the others are the same mistake.
        if case .scalar(let scalar) = value, scalar.isPlainNull, key.style == .plain,
           let line = stream.sourceLine(key.span.start.line),
           let split = CommonMistakes.commaSplit(line: line, keyColumn: key.span.start.column) {
            if split.isFirstPiece {
                report(.unknownKey, "unknown key `\(name)` \(context)", key.span,
                       help: CommonMistakes.commaSplitHelp(key: split.key, text: split.text))
            }
            return
        }
        let suggestion = Suggestion.closest(to: name, in: known)
        report(.unknownKey, "unknown key `\(name)` \(context)", key.span,
               help: suggestion.map { "did you mean `\($0)`?" }
                   ?? "the keys here are " + known.map { "`\($0)`" }.joined(separator: ", "))
    }

    func location(_ span: YAMLSpan) -> SourceLocation {
        SourceLocation(file: file, line: span.start.line, column: span.start.column, length: span.length)
    }

    /// A violation of a `DefinitionRules` rule, at the span of what it names.
    mutating func report(_ violation: DefinitionRules.Violation, _ span: YAMLSpan) {
        report(violation.code, violation.message, span, help: violation.help)
    }

    mutating func report(_ code: DiagnosticCode, _ message: String, _ span: YAMLSpan, help: String? = nil) {
        add(Diagnostic(code, message, at: location(span), help: help))
    }

    mutating func add(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
        if diagnostic.severity == .error { errorCount += 1 }
    }
}

/// A key with a fixed spelling, matched against a scalar's bytes without
/// making a `String` of it.
protocol ManifestKey: CaseIterable {
    var spelling: StaticString { get }
}

extension ManifestKey {
    var name: String { spelling.description }
}

/// The keys of a command's spec.
enum CommandKey: ManifestKey {
    case help, args, handler, exec, sh, aliases, hidden, group, confirm, dir, env

    var spelling: StaticString {
        switch self {
        case .help: "help"
        case .args: "args"
        case .handler: "handler"
        case .exec: "exec"
        case .sh: "sh"
        case .aliases: "aliases"
        case .hidden: "hidden"
        case .group: "group"
        case .confirm: "confirm"
        case .dir: "dir"
        case .env: "env"
        }
    }
}

/// The keys of an arg's spec.
enum ArgKey: ManifestKey {
    case type, `default`, required, help, short, choices, env, multiple, rest, min, max, hidden, deprecated, complete

    var spelling: StaticString {
        switch self {
        case .type: "type"
        case .default: "default"
        case .required: "required"
        case .help: "help"
        case .short: "short"
        case .choices: "choices"
        case .env: "env"
        case .multiple: "multiple"
        case .rest: "rest"
        case .min: "min"
        case .max: "max"
        case .hidden: "hidden"
        case .deprecated: "deprecated"
        case .complete: "complete"
        }
    }
}

extension YAMLEventStream {
    /// The key of `Key` that `scalar` spells, if any.
    func match<Key: ManifestKey>(_ scalar: YAMLScalarRef, as _: Key.Type) -> Key? {
        for key in Key.allCases where text(of: scalar, is: key.spelling) { return key }
        return nil
    }
}
