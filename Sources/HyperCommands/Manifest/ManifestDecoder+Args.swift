import HyperYAML

/// The `args` of a command: each arg's spec, read key by key, then its
/// values read by its type once the whole mapping is known (`type` may come
/// after `default`).
extension ManifestDecoder {
    /// The args that decoded, and every declared arg name (for the checks of
    /// placeholders and `$HYPER_ARG_X`): nil when `args` is not a mapping.
    mutating func decodeArgs(_ value: YAMLEvent, key: YAMLScalarRef, _ stream: inout YAMLEventStream) -> ([ArgDefinition], [String]?) {
        if case .sequenceStart(let span) = value {
            report(.wrongKind, "`args` must be a mapping, found a sequence", span, help: argsListHelp(&stream))
            return ([], nil)
        }
        guard mapping(value, what: "`args`", key: key, &stream) else { return ([], nil) }
        var args: [ArgDefinition] = []
        /// Where each decoded arg writes its `short` value and its `rest` key.
        var keySpans: [[DefinitionRules.Key: YAMLSpan]] = []
        var names: [String] = []
        var spans: [YAMLSpan] = []
        while let argKey = nextKey(&stream) {
            guard let spec = stream.next() else { break }
            let name = stream.string(argKey)
            names.append(name)
            spans.append(argKey.span)
            var nameOK = true
            if let violation = DefinitionRules.argName(name, at: names.count - 1) {
                report(violation, argKey.span)
                nameOK = false
            }
            if let (arg, written) = decodeArg(name: name, spec, key: argKey, &stream), nameOK {
                args.append(arg)
                keySpans.append(written)
            }
        }
        // A completer's placeholders name declared args, known only now.
        for arg in args {
            guard let completer = arg.complete else { continue }
            for element in completer.arguments {
                for name in element.placeholders {
                    if let violation = DefinitionRules.undeclaredPlaceholder(name, argNames: names) {
                        add(Diagnostic(violation.code, violation.message, at: element.location, help: violation.help))
                    }
                }
                if let violation = DefinitionRules.listPlaceholder(element, args: args) {
                    add(Diagnostic(violation.code, violation.message, at: element.location, help: violation.help))
                }
            }
        }
        let flags = names.map { name in args.contains { $0.isFlag && $0.name == name } }
        for violation in DefinitionRules.optionCollisions(names, flags: flags) {
            if case .argName(let other) = violation.subject { report(violation, spans[other]) }
        }
        for violation in DefinitionRules.shortClashes(args) + DefinitionRules.secondRest(args) {
            if case .argKey(let index, let key) = violation.subject, let field = DefinitionRules.Key(rawValue: key),
               let span = keySpans[index][field] {
                report(violation, span)
            }
        }
        return (args, names)
    }

    /// The help for `args` written as a list, from its first item: a name
    /// (`[app, count]`) or a spec with a `name` and a `type` (`- name: app`).
    /// Reads the list to its end.
    private func argsListHelp(_ stream: inout YAMLEventStream) -> String {
        var name: String?
        var type: String?
        var first = true
        while let item = stream.next() {
            if case .sequenceEnd = item { break }
            defer { first = false }
            if first, case .scalar(let scalar) = item {
                name = stream.string(scalar)
                continue
            }
            guard case .mappingStart = item, first else {
                stream.skipValue(startingWith: item)
                continue
            }
            while let field = nextKey(&stream) {
                guard let value = stream.next() else { break }
                if case .scalar(let scalar) = value {
                    if stream.text(of: field, is: "name") { name = stream.string(scalar) }
                    if stream.text(of: field, is: "type") { type = stream.string(scalar) }
                } else {
                    stream.skipValue(startingWith: value)
                }
            }
        }
        return CommonMistakes.argsListHelp(name: name, type: type)
    }

    /// A value written for `default`: one scalar, or a list of them.
    private enum Written {
        case one(YAMLScalarRef)
        case list(YAMLSpan, [YAMLScalarRef])
    }

    /// What an arg's mapping wrote, before its values are read by its type.
    private struct Spec {
        var type = ArgType.str
        /// False once a key's own problem was reported: the command does not
        /// load, and the arg's values are not checked against each other.
        var ok = true
        /// False when `type` is wrong: no value can be read.
        var typeKnown = true
        /// Every key given that `DefinitionRules.keyApplies` judges, with its span.
        var given: [(key: DefinitionRules.Key, span: YAMLSpan)] = []
        var written: Written?
        var required: (value: Bool, key: YAMLScalarRef)?
        var help = ""
        var short: YAMLScalar?
        var choices: (span: YAMLSpan, items: [(value: YAMLScalarRef, help: String)])?
        var env: String?
        var multiple: (value: Bool, key: YAMLScalarRef)?
        var rest = false
        var minimum: YAMLScalarRef?
        var maximum: YAMLScalarRef?
        var hidden = false
        var deprecated: String?
        var complete: ExecTemplate?

        mutating func give(_ key: DefinitionRules.Key, _ field: YAMLScalarRef) {
            given.append((key, field.span))
        }
    }

    /// An arg, and where it writes the keys that rules across args place
    /// their problems at (`short`'s value, the `rest` key).
    private mutating func decodeArg(name: String, _ value: YAMLEvent, key: YAMLScalarRef,
                                    _ stream: inout YAMLEventStream) -> (ArgDefinition, [DefinitionRules.Key: YAMLSpan])? {
        let argLocation = location(key.span)
        switch value {
        case .scalar(let scalar):
            if scalar.isPlainNull {
                report(.nullValue, "arg `\(name)` has no type", key.span,
                       help: "write a type (`\(name): str`) or a mapping (`\(name): {type: int, default: 1}`)")
                return nil
            }
            guard let type = argType(stream.scalar(scalar), arg: name) else { return nil }
            return (ArgDefinition(name: name, type: type, location: argLocation), [:])
        case .sequenceStart(let span):
            report(.wrongKind, "arg `\(name)` must be a type name or a mapping, found a sequence", span)
            stream.skipValue(startingWith: value)
            return nil
        case .mappingEnd, .sequenceEnd:
            return nil
        case .mappingStart:
            var spec = Spec()
            while let field = nextKey(&stream) {
                guard let fieldValue = stream.next() else { return nil }
                readKey(field, fieldValue, into: &spec, arg: name, &stream)
            }
            return finish(spec, name: name, key: key, &stream)
        }
    }

    /// Reads one key of an arg's mapping into `spec`, checking what needs
    /// no other key: kinds, texts, `short` and `env`.
    private mutating func readKey(_ field: YAMLScalarRef, _ value: YAMLEvent, into spec: inout Spec, arg name: String,
                                  _ stream: inout YAMLEventStream) {
        switch stream.match(field, as: ArgKey.self) {
        case .type?:
            if let text = string(value, what: "`type`", key: field, &stream), let parsed = argType(text, arg: name) {
                spec.type = parsed
            } else {
                spec.ok = false
                spec.typeKnown = false
            }
        case .default?:
            spec.give(.default, field)
            switch value {
            case .scalar(let scalar):
                spec.written = .one(scalar)
            case .sequenceStart(let span):
                var items: [YAMLScalarRef] = []
                while let item = stream.next() {
                    if case .sequenceEnd = item { break }
                    if case .scalar(let scalar) = item {
                        items.append(scalar)
                    } else {
                        report(.wrongKind, "a value in the default of `\(name)` must be a single value, found \(item.kindDescription)",
                               item.span ?? span)
                        stream.skipValue(startingWith: item)
                        spec.ok = false
                    }
                }
                spec.written = .list(span, items)
            default:
                report(.wrongKind, "default of `\(name)` must be a single value, found \(value.kindDescription)", value.span ?? field.span)
                stream.skipValue(startingWith: value)
                spec.ok = false
            }
        case .required?:
            spec.give(.required, field)
            if let flag = plainBool(value, what: "`required`", key: field, &stream) {
                spec.required = (flag, field)
            } else {
                spec.ok = false
            }
        case .help?:
            if let text = string(value, what: "`help`", key: field, &stream) {
                spec.help = text.value
                checkShown(text, value, what: "`help` of arg `\(name)`", &stream)
            } else {
                spec.ok = false
            }
        case .short?:
            spec.give(.short, field)
            if let text = string(value, what: "`short`", key: field, &stream) {
                if let violation = DefinitionRules.shortLetter(text.value, arg: name, at: 0) {
                    report(violation, text.span)
                    spec.ok = false
                } else {
                    spec.short = text
                }
            } else {
                spec.ok = false
            }
        case .choices?:
            spec.give(.choices, field)
            readChoices(value, key: field, into: &spec, arg: name, &stream)
        case .env?:
            spec.give(.env, field)
            if let text = string(value, what: "`env`", key: field, &stream) {
                spec.env = text.value
                if let violation = DefinitionRules.environmentName(text.value, arg: name, at: 0) {
                    report(violation, text.span)
                    spec.ok = false
                }
            } else {
                spec.ok = false
            }
        case .multiple?:
            if let flag = plainBool(value, what: "`multiple`", key: field, &stream) {
                spec.multiple = (flag, field)
            } else {
                spec.ok = false
            }
        case .rest?:
            if let flag = plainBool(value, what: "`rest`", key: field, &stream) {
                spec.rest = flag
                if flag { spec.give(.rest, field) }
            } else {
                spec.ok = false
            }
        case .min?:
            spec.give(.min, field)
            spec.minimum = bound(value, key: field, what: "`min` of `\(name)`", ok: &spec.ok, &stream)
        case .max?:
            spec.give(.max, field)
            spec.maximum = bound(value, key: field, what: "`max` of `\(name)`", ok: &spec.ok, &stream)
        case .hidden?:
            if let flag = plainBool(value, what: "`hidden`", key: field, &stream) {
                spec.hidden = flag
            } else {
                spec.ok = false
            }
        case .deprecated?:
            if let text = string(value, what: "`deprecated`", key: field, &stream) {
                spec.deprecated = text.value
                checkShown(text, value, what: "`deprecated` of `\(name)`", &stream)
            } else {
                spec.ok = false
            }
        case .complete?:
            spec.give(.complete, field)
            if let completer = decodeCompleter(value, key: field, arg: name, &stream) {
                spec.complete = completer
            } else {
                spec.ok = false
            }
        case nil:
            unknownKey(field, value, known: Self.argKeys, context: "in arg `\(name)`", &stream)
            stream.skipValue(startingWith: value)
            spec.ok = false
        }
    }

    /// `complete: [PROGRAM, ARG...]`: texts, the first a program named
    /// literally, the others with `{placeholders}` (checked against the
    /// declared args once all are known).
    private mutating func decodeCompleter(_ value: YAMLEvent, key: YAMLScalarRef, arg name: String,
                                          _ stream: inout YAMLEventStream) -> ExecTemplate? {
        guard case .sequenceStart(let span) = value else {
            report(.invalidCompleter, "`complete` of `\(name)` must be a list, found \(value.kindDescription)", value.span ?? key.span,
                   help: "write `complete: [PROGRAM, ARG...]`: a program and its arguments, which may hold `{placeholders}`")
            stream.skipValue(startingWith: value)
            return nil
        }
        var program: YAMLScalar?
        var arguments: [ExecTemplate.Element] = []
        var ok = true
        var first = true
        while let item = stream.next() {
            if case .sequenceEnd = item { break }
            defer { first = false }
            guard case .scalar = item else {
                report(.invalidCompleter, "an element of `complete` of `\(name)` must be a text, found \(item.kindDescription)", item.span ?? span,
                       help: "conditions apply to `exec` only; a completer gets every value typed through its `{placeholders}`")
                stream.skipValue(startingWith: item)
                ok = false
                continue
            }
            guard let text = string(item, what: "an element of `complete`", key: nil, &stream) else {
                ok = false
                continue
            }
            if first {
                program = text
            } else if let element = plainElement(text) {
                arguments.append(element)
            } else {
                ok = false
            }
        }
        guard let program else {
            report(.invalidCompleter, "`complete` of `\(name)` is empty", span,
                   help: "write `complete: [PROGRAM, ARG...]`: a program and its arguments, which may hold `{placeholders}`")
            return nil
        }
        guard !program.value.isEmpty else {
            report(.invalidCompleter, "the program of `complete` of `\(name)` is empty", program.span,
                   help: "the first element names the program that prints the candidates")
            return nil
        }
        guard let programText = literalProgram(program, code: .invalidCompleter, of: "`complete` of `\(name)`"), ok else { return nil }
        return ExecTemplate(program: programText, programLocation: location(program.span), arguments: arguments)
    }

    /// The scalar written for `min` or `max`, read later by the arg's type.
    private mutating func bound(_ value: YAMLEvent, key: YAMLScalarRef, what: String, ok: inout Bool,
                                _ stream: inout YAMLEventStream) -> YAMLScalarRef? {
        if case .scalar(let scalar) = value { return scalar }
        report(.wrongKind, "\(what) must be a single value, found \(value.kindDescription)", value.span ?? key.span)
        stream.skipValue(startingWith: value)
        ok = false
        return nil
    }

    /// `choices: [a, b]` or `choices: {a: what a means, b: ...}`: the values
    /// are kept as written, to be read by the arg's type; the helps are texts.
    private mutating func readChoices(_ value: YAMLEvent, key: YAMLScalarRef, into spec: inout Spec, arg name: String,
                                      _ stream: inout YAMLEventStream) {
        var items: [(value: YAMLScalarRef, help: String)] = []
        switch value {
        case .sequenceStart(let span):
            while let item = stream.next() {
                if case .sequenceEnd = item { break }
                if case .scalar(let scalar) = item {
                    items.append((scalar, ""))
                } else {
                    report(.wrongKind, "a choice of `\(name)` must be a single value, found \(item.kindDescription)", item.span ?? span,
                           help: "to give each choice a help, write `choices` as a mapping: `{fast: Skip the slow checks, full: Everything}`")
                    stream.skipValue(startingWith: item)
                    spec.ok = false
                }
            }
            spec.choices = (span, items)
        case .mappingStart(let span):
            while let choice = nextKey(&stream) {
                guard let help = stream.next() else { break }
                if let text = string(help, what: "the help of choice `\(stream.string(choice))` of `\(name)`", key: choice, &stream) {
                    checkShown(text, help, what: "`help` of choice `\(stream.string(choice))` of `\(name)`", &stream)
                    items.append((choice, text.value))
                } else {
                    spec.ok = false
                }
            }
            spec.choices = (span, items)
        case .scalar(let scalar) where scalar.isPlainNull:
            report(.nullValue, "`choices` of `\(name)` has no value", key.span, help: "list the values it accepts: `choices: [a, b]`")
            spec.ok = false
        default:
            report(.wrongKind, "`choices` of `\(name)` must be a list or a mapping, found \(value.kindDescription)", value.span ?? key.span,
                   help: "write `choices: [a, b]`, or `choices: {a: what a means, b: what b means}`")
            stream.skipValue(startingWith: value)
            spec.ok = false
        }
    }

    /// The arg from its spec: which keys apply to its type and kind, then
    /// its values read by its type and checked against each other.
    private mutating func finish(_ given: Spec, name: String, key: YAMLScalarRef,
                                 _ stream: inout YAMLEventStream) -> (ArgDefinition, [DefinitionRules.Key: YAMLSpan])? {
        var spec = given
        guard spec.typeKnown else { return nil }
        let type = spec.type
        let rest = spec.rest
        let list = rest || spec.multiple?.value == true
        var spans: [DefinitionRules.Key: YAMLSpan] = [:]
        /// Keys that do not apply: their values are not read.
        var refused: Set<DefinitionRules.Key> = []
        for (field, span) in spec.given {
            spans[field] = span
            if let violation = DefinitionRules.keyApplies(field, type: type, multiple: list, rest: rest, arg: name, at: 0) {
                report(violation, span)
                refused.insert(field)
                spec.ok = false
            }
        }
        if rest, let (multiple, field) = spec.multiple, !multiple {
            report(DefinitionRules.restNotMultiple(arg: name, at: 0), field.span)
            spec.ok = false
        }
        if let short = spec.short { spans[.short] = short.span }
        // Each value is read when its key applies, whatever else is wrong:
        // independent mistakes are all reported.
        if refused.contains(.short) { spec.short = nil }
        if refused.contains(.default) { spec.written = nil }
        if refused.contains(.choices) { spec.choices = nil }
        if refused.contains(.min) { spec.minimum = nil }
        if refused.contains(.max) { spec.maximum = nil }
        if refused.contains(.complete) { spec.complete = nil }
        if spec.complete != nil, spec.choices != nil, let span = spans[.complete] {
            report(DefinitionRules.completerBesideChoices(arg: name, at: 0), span)
            spec.ok = false
        }

        var value: ArgValue?
        var defaultSpans: [YAMLSpan] = []
        switch spec.written {
        case .one(let scalar)?:
            if list && scalar.isPlainNull {
                report(.nullValue, "default of `\(name)` has no value", scalar.byteCount == 0 ? key.span : scalar.span,
                       help: "write `default: []` for no values, or remove `default`")
                spec.ok = false
            } else if list {
                report(.wrongKind, "default of `\(name)` must be a list, found a single value", scalar.span,
                       help: "write it as a list: `default: [\(stream.string(scalar))]`")
                spec.ok = false
            } else if let parsed = typedValue(stream.scalar(scalar), .default, type: type, arg: name, key: key, &stream, source: scalar) {
                value = parsed
                defaultSpans = [scalar.span]
            } else {
                spec.ok = false
            }
        case .list(let span, _)? where !list:
            report(.wrongKind, "default of `\(name)` must be a single value, found a sequence", span,
                   help: "add `multiple: true` to take a list of values")
            spec.ok = false
        case .list(_, let items)?:
            var values: [ArgValue] = []
            for item in items {
                if let parsed = typedValue(stream.scalar(item), .listedDefault, type: type, arg: name, key: key, &stream, source: item) {
                    values.append(parsed)
                    defaultSpans.append(item.span)
                } else {
                    spec.ok = false
                }
            }
            value = .list(values)
        case nil:
            break
        }

        var choices: [ArgDefinition.Choice] = []
        if let (span, items) = spec.choices {
            if items.isEmpty {
                report(DefinitionRules.emptyChoices(arg: name, at: 0), span)
                spec.ok = false
            }
            for item in items {
                guard let parsed = typedValue(stream.scalar(item.value), .choice, type: type, arg: name, key: key, &stream, source: item.value) else {
                    spec.ok = false
                    continue
                }
                choices.append(ArgDefinition.Choice(parsed, help: item.help))
                if let violation = DefinitionRules.repeatedChoice(choices.map(\.value), at: choices.count - 1, arg: name, index: 0) {
                    report(violation, item.value.span)
                    spec.ok = false
                }
            }
        }
        var minimum: ArgValue?
        var maximum: ArgValue?
        if let scalar = spec.minimum {
            minimum = typedValue(stream.scalar(scalar), .min, type: type, arg: name, key: key, &stream, source: scalar)
            if minimum == nil { spec.ok = false }
        }
        if let scalar = spec.maximum {
            maximum = typedValue(stream.scalar(scalar), .max, type: type, arg: name, key: key, &stream, source: scalar)
            if maximum == nil { spec.ok = false }
        }
        let arg = ArgDefinition(name: name, type: type, default: value, help: spec.help, required: spec.required?.value, location: location(key.span),
                                short: spec.short.flatMap { $0.value.first }, choices: choices, env: spec.env, multiple: list,
                                rest: rest && !refused.contains(.rest),
                                minimum: minimum, maximum: maximum, hidden: spec.hidden, deprecated: spec.deprecated,
                                complete: spec.complete)
        // An arg with an error is still declared as far as it is known, so
        // that the rules across args (shorts, rest, list placeholders) see it.
        guard spec.ok else { return (arg, spans) }
        // Values against each other, each at its own span.
        if let violation = DefinitionRules.minimumAboveMaximum(arg, at: 0), let span = spec.minimum?.span {
            report(violation, span)
            return (arg, spans)
        }
        for (item, span) in zip(arg.defaultValues, defaultSpans) {
            if let violation = DefinitionRules.notAChoice(item, of: arg, at: 0)
                ?? DefinitionRules.outOfBounds(item, of: arg, what: "default", subject: .argDefault(0)) {
                report(violation, span)
            }
        }
        for (choice, item) in zip(arg.choices, spec.choices?.items ?? []) {
            if let violation = DefinitionRules.outOfBounds(choice.value, of: arg, what: "choice", subject: .argChoice(0, choice: 0)) {
                report(violation, item.value.span)
            }
        }
        if let (isRequired, requiredKey) = spec.required, isRequired, value != nil,
           let violation = DefinitionRules.requiredWithDefault(arg, at: 0) {
            report(violation, requiredKey.span)
        }
        return (arg, spans)
    }

    private static let typeAliases = [
        "string": "str", "text": "str", "integer": "int", "number": "float", "double": "float",
        "boolean": "bool", "flag": "bool", "file": "path", "dir": "path", "folder": "path",
    ]

    private mutating func argType(_ scalar: YAMLScalar, arg: String) -> ArgType? {
        if let type = ArgType(rawValue: scalar.value) { return type }
        let suggestion = Self.typeAliases[scalar.value.lowercased()]
            ?? Suggestion.closest(to: scalar.value, in: ArgType.allCases.map(\.rawValue))
        report(.unknownType, "unknown type `\(scalar.value)` for arg `\(arg)`", scalar.span,
               help: suggestion.map { "did you mean `\($0)`?" } ?? "the types are `int`, `str`, `float`, `bool` and `path`")
        return nil
    }

    /// What a value written in an arg's spec is for, which words its errors.
    private enum Role {
        case `default`, listedDefault, choice, min, max

        var code: DiagnosticCode { self == .default || self == .listedDefault ? .invalidDefault : .invalidChoiceOrBound }

        func invalid(_ arg: String) -> String {
            switch self {
            case .default, .listedDefault: "invalid default for `\(arg)`"
            case .choice: "invalid choice for `\(arg)`"
            case .min: "invalid `min` for `\(arg)`"
            case .max: "invalid `max` for `\(arg)`"
            }
        }

        func empty(_ arg: String) -> String {
            switch self {
            case .default: "default of `\(arg)` has no value"
            case .listedDefault: "a value in the default of `\(arg)` is null"
            case .choice: "a choice of `\(arg)` has no value"
            case .min: "`min` of `\(arg)` has no value"
            case .max: "`max` of `\(arg)` has no value"
            }
        }

        /// `default: 5`, for a help line; nil for a choice.
        func written(_ text: String) -> String? {
            switch self {
            case .default: "default: \(text)"
            case .listedDefault, .choice: nil
            case .min: "min: \(text)"
            case .max: "max: \(text)"
            }
        }
    }

    /// A value written in an arg's spec, read by its type's rules (those of
    /// the command line, plus: no leading zero, numbers and bools unquoted).
    /// A str or path value is a text hyper shows, so E218 applies.
    private mutating func typedValue(_ scalar: YAMLScalar, _ role: Role, type: ArgType, arg: String, key: YAMLScalarRef,
                                     _ stream: inout YAMLEventStream, source: YAMLScalarRef) -> ArgValue? {
        if scalar.isPlainNull {
            let text = type == .str || type == .path
            let help = switch role {
            case .default: text ? "write `default: \"\"` for an empty string, or remove `default`" : "give a value, or remove `default`"
            case .listedDefault: text ? "write `\"\"` for an empty string, or remove it from the list" : "give a value, or remove it from the list"
            default: text ? "write `\"\"` for an empty string" : "give a value"
            }
            report(.nullValue, role.empty(arg), scalar.value.isEmpty ? key.span : scalar.span, help: help)
            return nil
        }
        let text = scalar.value
        if type == .path, let violation = DefinitionRules.emptyPath(text, arg: arg, at: 0) {
            report(violation, scalar.span)
            return nil
        }
        if type == .str || type == .path {
            let what = role == .choice ? "choice of `\(arg)`" : "default of `\(arg)`"
            checkShown(scalar, .scalar(source), what: what, &stream)
            return type == .str ? .str(text) : .path(text)
        }
        let parsed = ValueSyntax.parse(text, as: type)
        if let parsed, scalar.style == .plain, type == .bool || !ValueSyntax.hasAmbiguousLeadingZero(text) {
            return parsed
        }
        // The rest only words the error.
        let expected = "\(role.invalid(arg)): expected \(type.rawValue)"
        if scalar.style != .plain {
            report(role.code, "\(expected), got quoted text", scalar.span,
                   help: parsed != nil ? "remove the quotes" + (role.written(text).map { ": `\($0)`" } ?? "") : nil)
        } else if parsed != nil {
            report(role.code, "\(expected), got `\(text)` with a leading zero", scalar.span,
                   help: "YAML 1.1 reads it as octal and YAML 1.2 as decimal; write it without the leading zero")
        } else {
            report(role.code, "\(expected), got `\(text)`", scalar.span, help: Self.typeHint(type))
        }
        return nil
    }

    private static func typeHint(_ type: ArgType) -> String? {
        switch type {
        case .int: "an int is decimal digits with an optional sign, within 64 bits"
        case .float: "a float is a finite decimal number such as `0.5` or `1e3`"
        case .bool: "a bool is `true` or `false`"
        case .str, .path: nil
        }
    }
}
