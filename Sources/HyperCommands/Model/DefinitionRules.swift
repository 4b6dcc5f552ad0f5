/// The rules every command definition obeys, in one place, whether a
/// manifest declares it or code registers it.
///
/// Each rule is a function of the definition's values that returns a
/// `Violation`: its diagnostic code, message, `help:` line, and what it is
/// about (`Subject`). The manifest decoder calls each rule where it reads
/// the value and reports the violation at that value's span;
/// `CommandRegistry.register` runs them all through `check` and throws the
/// first as a `RegistrationError` with the same code. A new rule is written
/// here once.
///
/// Rules that only YAML can break (wrong kinds, unknown keys, unparsable
/// defaults) stay in the decoder; rules about the whole project (duplicate
/// names) stay in `ProjectChecks`.
enum DefinitionRules {
    struct Violation: Sendable, Hashable {
        var code: DiagnosticCode
        var message: String
        var help: String?
        var subject: Subject
    }

    /// What a violation is about, for placing it.
    enum Subject: Sendable, Hashable {
        case commandName
        case commandHelp
        /// The arg at this index of `args`: its name, `required`, default or help.
        case argName(Int)
        case argRequired(Int)
        case argDefault(Int)
        case argHelp(Int)
        /// Another key of the arg at this index (`short`, `choices`, `env`,
        /// `min`, `max`, `rest`, `deprecated`, ...), as the manifest spells it.
        case argKey(Int, String)
        /// The choice at this index of the arg's `choices`.
        case argChoice(Int, choice: Int)
        /// An element of `exec` (or of a branch of a condition).
        case execElement
        /// The alias at this index of `aliases`.
        case alias(Int)
        /// The value of a command's key: `group`, `confirm` or `dir`.
        case commandKey(String)
        /// The variable at this index of the command's `env`: its name, or its value.
        case variableName(Int)
        case variableValue(Int)
    }

    /// The keys of an arg whose use depends on its type and on whether it
    /// is `multiple` or `rest` (the table in docs/manifest-format.md).
    enum Key: String, Sendable, Hashable, CaseIterable {
        case short, choices, env, min, max, `default`, required, rest, complete
    }

    /// Every violation of a whole definition, in the order a manifest reports them.
    static func check(_ command: CommandDefinition) -> [Violation] {
        var found: [Violation] = []
        if let violation = commandName(command.name) ?? reservedName(command.name) { found.append(violation) }
        if let violation = shownText(command.help, what: "`help` of command `\(command.name)`", subject: .commandHelp) {
            found.append(violation)
        }
        var seen: [String] = []
        for (index, arg) in command.args.enumerated() {
            if let violation = argName(arg.name, at: index) { found.append(violation) }
            if seen.contains(where: { Names.same($0, arg.name) }) {
                found.append(Violation(code: .duplicateKey, message: "arg `\(arg.name)` is declared twice", help: "remove or rename one of the two",
                                       subject: .argName(index)))
            }
            seen.append(arg.name)
            if let value = arg.default, !value.fits(arg) {
                let got = value.type?.rawValue ?? "a list"
                found.append(Violation(code: .invalidDefault,
                                       message: "invalid default for `\(arg.name)`: expected \(arg.isList ? "a list of \(arg.type.rawValue)" : arg.type.rawValue), got \(got)",
                                       help: nil, subject: .argDefault(index)))
            }
            if let violation = requiredWithDefault(arg, at: index) { found.append(violation) }
            if let violation = shownText(arg.help, what: "`help` of arg `\(arg.name)`", subject: .argHelp(index)) { found.append(violation) }
            found += argumentRules(arg, at: index)
        }
        found += optionCollisions(command.args.map(\.name), flags: command.args.map(\.isFlag))
        found += shortClashes(command.args)
        found += secondRest(command.args)
        if case .exec(let template) = command.action {
            found += execRules(template, args: command.args)
        }
        for (index, arg) in command.args.enumerated() {
            guard let completer = arg.complete else { continue }
            found += completerRules(completer, args: command.args, at: index)
        }
        found += commandKeyRules(command)
        return found
    }

    /// The rules of a command's own keys (`aliases`, `group`, `confirm`,
    /// `dir`, `env`), for a definition made in code.
    private static func commandKeyRules(_ command: CommandDefinition) -> [Violation] {
        var found: [Violation] = []
        let argNames = command.args.map(\.name)
        var seen: Set<ExactName> = [ExactName(command.name)]
        for (index, alias) in command.aliases.enumerated() {
            if let violation = aliasName(alias, of: command.name, at: index) { found.append(violation) }
            if !seen.insert(ExactName(alias)).inserted {
                found.append(Violation(code: .repeatedAlias, message: "`\(alias)` is already a name of command `\(command.name)`",
                                       help: "remove it from `aliases`", subject: .alias(index)))
            }
        }
        if let group = command.group, let violation = groupName(group) { found.append(violation) }
        if let confirm = command.confirm {
            found += confirmRules(confirm, args: command.args)
        }
        if let directory = command.directory {
            if let violation = bindingOnly("dir", action: command.action) ?? directoryRule(directory) { found.append(violation) }
        }
        for (index, variable) in command.environment.enumerated() {
            if let violation = bindingOnly("env", action: command.action) { found.append(violation); break }
            if let violation = commandVariableName(variable.name, at: index) { found.append(violation) }
            found += commandVariableRules(variable.value, args: command.args, argNames: argNames, at: index)
        }
        return found
    }

    /// An alias follows the name rules and is not a built-in's name (E204,
    /// E302, E234 when empty).
    static func aliasName(_ alias: String, of command: String, at index: Int) -> Violation? {
        if alias.isEmpty {
            return Violation(code: .emptyText, message: "an alias of `\(command)` is empty", help: "remove it, or give the other name", subject: .alias(index))
        }
        if var violation = commandName(alias) {
            violation.message = "invalid alias `\(alias)` of `\(command)`"
            violation.subject = .alias(index)
            return violation
        }
        if var violation = reservedName(alias) {
            violation.message = "`\(alias)` is a built-in command of hyper, so it cannot be an alias"
            violation.subject = .alias(index)
            return violation
        }
        return nil
    }

    /// A group is a heading: one line, not empty, and not one of hyper's
    /// own headings, which it would pass for (E234, E218).
    static func groupName(_ group: String) -> Violation? {
        if group.allSatisfy(\.isWhitespace) {
            return Violation(code: .emptyText, message: "`group` is empty", help: "name the heading the list shows this command under, or remove `group`",
                             subject: .commandKey("group"))
        }
        // As the list would show it: case and the spaces around aside.
        let words = String(decoding: group.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
            .split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        if ["commands", "built-in", "options", "usage"].contains(words) || words.hasPrefix("commands in ") {
            return Violation(code: .emptyText, message: "`group: \(group)` would read as a heading of hyper's own",
                             help: "choose another name for the heading", subject: .commandKey("group"))
        }
        return shownText(group, what: "`group`", subject: .commandKey("group"))
    }

    /// A confirmation question: not empty, shown safely, its placeholders
    /// naming declared args (E234, E218, E213, E215).
    static func confirmRules(_ text: String, args: [ArgDefinition]) -> [Violation] {
        if text.allSatisfy(\.isWhitespace) {
            return [Violation(code: .emptyText, message: "`confirm` is empty", help: "write the question to ask, e.g. `confirm: \"Drop every table?\"`",
                              subject: .commandKey("confirm"))]
        }
        if let violation = shownText(text, what: "`confirm`", subject: .commandKey("confirm")) { return [violation] }
        switch ExecTemplate.parseElement(text) {
        case .failure(let error):
            return [Violation(code: .invalidPlaceholder, message: error.message, help: "a placeholder is `{argname}`; write `{{` and `}}` for literal braces",
                              subject: .commandKey("confirm"))]
        case .success(let parts):
            let names = args.map(\.name)
            return parts.compactMap { part in
                guard case .placeholder(let name) = part, var violation = undeclaredPlaceholder(name, argNames: names) else { return nil }
                violation.subject = .commandKey("confirm")
                return violation
            }
        }
    }

    /// `dir` and `env` change the process hyper starts; a Swift handler
    /// runs inside hyper, whose folder and environment must not change (E222).
    static func bindingOnly(_ key: String, action: CommandAction) -> Violation? {
        switch action {
        case .exec, .shell: return nil
        case .handler, .closure:
            return Violation(code: .keyDoesNotApply, message: "`\(key)` applies only to `exec` and `sh` commands",
                             help: "a Swift handler runs inside hyper, whose \(key == "dir" ? "working folder" : "environment") it must not change; remove `\(key)`",
                             subject: .commandKey(key))
        }
    }

    /// `dir` is a relative path that stays inside the root (E233). That it
    /// names a folder is a project check (E308).
    static func directoryRule(_ text: String) -> Violation? {
        let help = "`dir` is a folder relative to the project root, such as `web` or `services/api`"
        if text.isEmpty {
            return Violation(code: .invalidDirectory, message: "`dir` is empty", help: "remove `dir` to run in the project root", subject: .commandKey("dir"))
        }
        if text.hasPrefix("/") || text.hasPrefix("~") {
            return Violation(code: .invalidDirectory, message: "`dir` must be relative to the project root, found `\(text)`", help: help,
                             subject: .commandKey("dir"))
        }
        if text.split(separator: "/").contains("..") {
            return Violation(code: .invalidDirectory, message: "`dir` may not use `..`: the command runs inside its project", help: help,
                             subject: .commandKey("dir"))
        }
        return shownText(text, what: "`dir`", subject: .commandKey("dir"))
    }

    /// A variable of a command's `env`: a name, not one hyper sets (E221).
    static func commandVariableName(_ name: String, at index: Int) -> Violation? {
        guard CommandVariable.isVariableName(name) else {
            return Violation(code: .invalidEnvName, message: "invalid variable name `\(name)` in `env`",
                             help: "a variable name is ASCII letters, digits and `_`, not starting with a digit", subject: .variableName(index))
        }
        guard Names.hasPrefix(name, "HYPER_") || Names.same(name, "PWD") else { return nil }
        return Violation(code: .invalidEnvName, message: "`env` sets `\(name)`, a variable hyper sets itself",
                         help: "hyper sets `PWD` and the variables that start with `HYPER_`; choose another name", subject: .variableName(index))
    }

    /// A variable's value: its syntax (E232), its placeholders naming
    /// declared args (E215) that are not lists (E229).
    static func commandVariableRules(_ value: String, args: [ArgDefinition], argNames: [String], at index: Int) -> [Violation] {
        let parts: [CommandVariable.Part]
        do {
            parts = try CommandVariable.parse(value)
        } catch {
            return [Violation(code: .invalidEnvValue, message: error.message, help: error.help, subject: .variableValue(index))]
        }
        var found: [Violation] = []
        for case .placeholder(let name) in parts {
            if var violation = undeclaredPlaceholder(name, argNames: argNames) {
                violation.subject = .variableValue(index)
                found.append(violation)
            } else if args.contains(where: { $0.isList && Names.same($0.name, name) }) {
                found.append(Violation(code: .listPlaceholderInText, message: "`{\(name)}` is a list, which has no single value for a variable",
                                       help: "pass a list to the program in `exec`, or read `HYPER_ARGS_JSON`", subject: .variableValue(index)))
            }
        }
        return found
    }

    /// The rules of one arg's new keys, for a definition made in code: what
    /// a manifest's decoder checks key by key where it reads them.
    private static func argumentRules(_ arg: ArgDefinition, at index: Int) -> [Violation] {
        var found: [Violation] = []
        for text in arg.defaultValues.compactMap(\.shownText) {
            if let violation = shownText(text, what: "default of `\(arg.name)`", subject: .argDefault(index)) { found.append(violation) }
        }
        for case .path(let text) in arg.defaultValues {
            if let violation = emptyPath(text, arg: arg.name, at: index) { found.append(violation) }
        }
        for key in Key.allCases where arg.gives(key) {
            if let violation = keyApplies(key, type: arg.type, multiple: arg.multiple, rest: arg.rest, arg: arg.name, at: index) {
                found.append(violation)
            }
        }
        if arg.rest && !arg.multiple { found.append(restNotMultiple(arg: arg.name, at: index)) }
        if let short = arg.short, let violation = shortLetter(String(short), arg: arg.name, at: index) { found.append(violation) }
        if let env = arg.env, let violation = environmentName(env, arg: arg.name, at: index) { found.append(violation) }
        if let deprecated = arg.deprecated,
           let violation = shownText(deprecated, what: "`deprecated` of `\(arg.name)`", subject: .argKey(index, "deprecated")) {
            found.append(violation)
        }
        for (number, choice) in arg.choices.enumerated() {
            if choice.value.type != arg.type {
                found.append(Violation(code: .invalidChoiceOrBound,
                                       message: "invalid choice for `\(arg.name)`: expected \(arg.type.rawValue), got \(choice.value.type?.rawValue ?? "a list")",
                                       help: nil, subject: .argChoice(index, choice: number)))
                continue
            }
            if let text = choice.value.shownText,
               let violation = shownText(text, what: "choice of `\(arg.name)`", subject: .argChoice(index, choice: number)) {
                found.append(violation)
            }
            if let violation = shownText(choice.help, what: "`help` of choice `\(choice.value.text)` of `\(arg.name)`",
                                         subject: .argChoice(index, choice: number)) {
                found.append(violation)
            }
            if let violation = repeatedChoice(arg.choices.map(\.value), at: number, arg: arg.name, index: index) { found.append(violation) }
        }
        for (key, bound) in [(Key.min, arg.minimum), (Key.max, arg.maximum)] {
            if let bound, bound.type != arg.type {
                found.append(Violation(code: .invalidChoiceOrBound,
                                       message: "invalid `\(key.rawValue)` for `\(arg.name)`: expected \(arg.type.rawValue), got \(bound.type?.rawValue ?? "a list")",
                                       help: nil, subject: .argKey(index, key.rawValue)))
            }
        }
        guard found.isEmpty else { return found }
        if let violation = minimumAboveMaximum(arg, at: index) { found.append(violation) }
        for value in arg.default?.fits(arg) == true ? arg.defaultValues : [] {
            if let violation = notAChoice(value, of: arg, at: index) ?? outOfBounds(value, of: arg, what: "default", subject: .argDefault(index)) {
                found.append(violation)
            }
        }
        for (number, choice) in arg.choices.enumerated() {
            if let violation = outOfBounds(choice.value, of: arg, what: "choice", subject: .argChoice(index, choice: number)) {
                found.append(violation)
            }
        }
        return found
    }

    /// Segments separated by `:`, each a letter, then letters, digits, `-`
    /// or `_`; at most 64 characters in all (E204).
    static func commandName(_ name: String) -> Violation? {
        guard !Names.isCommandName(name) else { return nil }
        let tooLong = name.utf8.count > Names.maxCommandNameLength
        var help = "a command name is a letter, then letters, digits, `-` or `_`, at most \(Names.maxCommandNameLength) characters; `:` separates namespaces (`db:migrate`)"
        if let foreign = name.unicodeScalars.first(where: { !$0.isASCII }) {
            help = "`\(foreign)` (\(foreign.codePointName)) is not an ASCII letter; " + help
        }
        return Violation(code: .invalidCommandName,
                         message: tooLong ? "command name `\(name)` is longer than \(Names.maxCommandNameLength) characters"
                                          : "invalid command name `\(name)`",
                         help: help, subject: .commandName)
    }

    /// hyper's own command names are taken (E302).
    static func reservedName(_ name: String) -> Violation? {
        let first = Names.firstSegment(name)
        guard Names.reservedCommands.contains(where: { $0.utf8.elementsEqual(first.utf8) }) else { return nil }
        // `hyper help x` is the built-in `help`, so `help:x` could never run.
        return Violation(code: .reservedCommandName,
                         message: first.utf8.count == name.utf8.count ? "`\(name)` is a built-in command of hyper"
                                                                     : "`\(name)` is in the namespace of `\(first)`, a built-in command of hyper",
                         help: "choose another name; reserved: " + Names.reservedCommands.map { "`\($0)`" }.joined(separator: ", "),
                         subject: .commandName)
    }

    /// A path default names something: the command line refuses an empty
    /// path, so a default may not be one either (E209). Paths have no
    /// choices or bounds, so only a default can be one.
    static func emptyPath(_ text: String, arg: String, at index: Int) -> Violation? {
        guard text.isEmpty else { return nil }
        return Violation(code: .invalidDefault, message: "invalid default for `\(arg)`: expected path, got an empty text",
                         help: "write `.` for the project root", subject: .argDefault(index))
    }

    /// `lower_snake`, and not `help` (E207, E216).
    static func argName(_ name: String, at index: Int) -> Violation? {
        if !Names.isArgName(name) {
            return Violation(code: .invalidArgName, message: "invalid arg name `\(name)`",
                             help: "an arg name is a lowercase letter, then lowercase letters, digits and `_` (`dry_run` is `--dry-run`)",
                             subject: .argName(index))
        }
        if name == "help" {
            return Violation(code: .reservedArgName, message: "an arg cannot be named `help`",
                             help: "`--help` shows the command's help; choose another name", subject: .argName(index))
        }
        return nil
    }

    /// An arg with a default is not required (E210). A flag always has one.
    static func requiredWithDefault(_ arg: ArgDefinition, at index: Int) -> Violation? {
        guard arg.required, arg.default != nil, !arg.isFlag, !arg.rest else { return nil }
        return Violation(code: .requiredWithDefault, message: "arg `\(arg.name)` is required and has a default",
                         help: "remove `required: true`, or remove the default", subject: .argRequired(index))
    }

    /// `--no-x` clears flag `x`, so no arg may be named `no_x` beside it, in
    /// either order (E217). Placed at the `no_x` arg.
    static func optionCollisions(_ names: [String], flags: [Bool]) -> [Violation] {
        var found: [Violation] = []
        for (index, name) in names.enumerated() where flags[index] {
            if let other = names.firstIndex(where: { Names.hasPrefix($0, "no_") && $0.utf8.dropFirst(3).elementsEqual(name.utf8) }) {
                let option = ArgDefinition(name: name).optionName.dropFirst(2)
                found.append(Violation(code: .optionCollision,
                                       message: "`--no-\(option)` would both clear flag `\(name)` and set arg `\(names[other])`",
                                       help: "rename one of the two", subject: .argName(other)))
            }
        }
        return found
    }

    // MARK: the keys of an arg

    /// `short`, `choices`, `env`, `min`, `max`, `default` and `required`
    /// apply to some args only (E222): a bool takes no choices or bounds, a
    /// str or path no bounds, a path no choices, a `multiple` arg no `env`
    /// (a variable holds one value), and a `rest` arg, a str that takes the
    /// words after the command's own, none of them. Placed at the key.
    static func keyApplies(_ key: Key, type: ArgType, multiple: Bool, rest: Bool, arg: String, at index: Int) -> Violation? {
        func refuse(_ kind: String, _ help: String) -> Violation {
            Violation(code: .keyDoesNotApply, message: "`\(key.rawValue)` does not apply to `\(arg)`, \(kind)", help: help,
                      subject: .argKey(index, key.rawValue))
        }
        if rest {
            switch key {
            case .rest:
                guard type != .str else { return nil }
                return Violation(code: .keyDoesNotApply, message: "`rest` does not apply to `\(arg)`, \(article(type)) \(type.rawValue) arg",
                                 help: "the rest of a command line is words of text: remove `type`, or `rest`", subject: .argKey(index, "rest"))
            case .default:
                return refuse("a `rest` arg", "a rest arg always starts empty; remove `default`")
            case .required:
                return refuse("a `rest` arg", "a rest arg is optional and empty unless words are left over; remove `required`")
            case .short:
                return refuse("a `rest` arg", "a rest arg has no option of its own: it takes the words after the command's own")
            case .choices, .env, .min, .max:
                return refuse("a `rest` arg", "a rest arg takes the words after the command's own as they are written")
            case .complete:
                return refuse("a `rest` arg", "the words after the command's own complete as files, by the shell; remove `complete`")
            }
        }
        switch key {
        case .env where multiple:
            return refuse("a `multiple` arg", "a variable holds one value; remove `env`, or `multiple`")
        case .choices where type == .bool:
            return refuse("a bool arg", "a bool is `true` or `false`; for named values use a str with `choices`")
        case .choices where type == .path:
            return refuse("a path arg", "a path names any file or folder; for a fixed set of values use a str with `choices`")
        case .complete where type == .bool:
            return refuse("a bool arg", "a bool completes as `true` or `false`; remove `complete`")
        case .min, .max:
            guard type != .int && type != .float else { return nil }
            return refuse("\(article(type)) \(type.rawValue) arg", "`min` and `max` bound int and float args"
                          + (type == .str ? "; `choices` lists the only texts accepted" : ""))
        default:
            return nil
        }
    }

    /// `rest` implies `multiple`, so `multiple: false` beside it says the
    /// opposite (E222). Placed at `multiple`.
    static func restNotMultiple(arg: String, at index: Int) -> Violation {
        Violation(code: .keyDoesNotApply, message: "`multiple: false` does not apply to `\(arg)`, a `rest` arg",
                  help: "a rest arg takes every word left over; remove `multiple`", subject: .argKey(index, "multiple"))
    }

    private static func article(_ type: ArgType) -> String {
        type == .int ? "an" : "a"
    }

    /// One ASCII letter other than `h`, which asks for help (E219).
    static func shortLetter(_ text: String, arg: String, at index: Int) -> Violation? {
        let bytes = Array(text.utf8)
        if bytes.count == 1, let byte = bytes.first, (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) {
            guard byte == UInt8(ascii: "h") else { return nil }
            return Violation(code: .invalidShort, message: "`short: h` of `\(arg)` would take `-h`, which asks for help",
                             help: "choose another letter", subject: .argKey(index, "short"))
        }
        return Violation(code: .invalidShort, message: "`short` of `\(arg)` must be one ASCII letter, found `\(text)`",
                         help: "write one letter, `a`-`z` or `A`-`Z`, other than `h`", subject: .argKey(index, "short"))
    }

    /// No two args of a command share a `short` (E220). Placed at the later.
    static func shortClashes(_ args: [ArgDefinition]) -> [Violation] {
        var found: [Violation] = []
        var seen: [(letter: Character, arg: String)] = []
        for (index, arg) in args.enumerated() {
            guard let letter = arg.short else { continue }
            if let earlier = seen.first(where: { Names.same(String($0.letter), String(letter)) }) {
                found.append(Violation(code: .duplicateShort, message: "`-\(letter)` is the short of both `\(earlier.arg)` and `\(arg.name)`",
                                       help: "choose another letter for one of them", subject: .argKey(index, "short")))
            } else {
                seen.append((letter, arg.name))
            }
        }
        return found
    }

    /// Letters, digits and `_`, not starting with a digit, and not
    /// `HYPER_...`, which hyper sets for the programs it runs (E221).
    static func environmentName(_ name: String, arg: String, at index: Int) -> Violation? {
        let bytes = Array(name.utf8)
        func isLetter(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_") }
        let valid = bytes.first.map(isLetter) == true && bytes.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) }
        guard valid else {
            return Violation(code: .invalidEnvName, message: "invalid variable name `\(name)` for `env` of `\(arg)`",
                             help: "a variable name is ASCII letters, digits and `_`, not starting with a digit", subject: .argKey(index, "env"))
        }
        guard Names.hasPrefix(name, "HYPER_") else { return nil }
        return Violation(code: .invalidEnvName, message: "`env` of `\(arg)` names `\(name)`, a variable of hyper's own",
                         help: "hyper sets and reads the variables that start with `HYPER_`; choose another name", subject: .argKey(index, "env"))
    }

    /// Each value is listed once in `choices` (E224): the one at `number`
    /// against those before it. Values compare as the command line does.
    static func repeatedChoice(_ values: [ArgValue], at number: Int, arg: String, index: Int) -> Violation? {
        guard values[..<number].contains(where: { same($0, values[number]) }) else { return nil }
        return Violation(code: .invalidChoices, message: "choice `\(values[number].text)` of `\(arg)` is listed twice", help: "remove one of the two",
                         subject: .argChoice(index, choice: number))
    }

    /// `choices: []` accepts nothing (E224).
    static func emptyChoices(arg: String, at index: Int) -> Violation {
        Violation(code: .invalidChoices, message: "`choices` of `\(arg)` is empty", help: "list the values it accepts, or remove `choices`",
                  subject: .argKey(index, "choices"))
    }

    /// A default is one of the choices, when there are any (E225).
    static func notAChoice(_ value: ArgValue, of arg: ArgDefinition, at index: Int) -> Violation? {
        guard !arg.choices.isEmpty, !arg.choices.contains(where: { same($0.value, value) }) else { return nil }
        return Violation(code: .defaultNotAChoice, message: "default `\(value.text)` of `\(arg.name)` is not one of its choices",
                         help: "the choices are " + arg.choices.map { "`\($0.value.text)`" }.joined(separator: ", "), subject: .argDefault(index))
    }

    /// `min` is at most `max` (E226). Placed at `min`.
    static func minimumAboveMaximum(_ arg: ArgDefinition, at index: Int) -> Violation? {
        guard let minimum = arg.minimum, let maximum = arg.maximum, compare(minimum, maximum) == 1 else { return nil }
        return Violation(code: .minAboveMax, message: "`min: \(minimum.text)` of `\(arg.name)` is greater than its `max: \(maximum.text)`",
                         help: "swap them: `min: \(maximum.text)`, `max: \(minimum.text)`", subject: .argKey(index, "min"))
    }

    /// A default or a choice lies within `min` and `max` (E227).
    static func outOfBounds(_ value: ArgValue, of arg: ArgDefinition, what: String, subject: Subject) -> Violation? {
        if let minimum = arg.minimum, compare(value, minimum) == -1 {
            return Violation(code: .outOfBounds, message: "\(what) `\(value.text)` of `\(arg.name)` is below its `min: \(minimum.text)`",
                             help: nil, subject: subject)
        }
        if let maximum = arg.maximum, compare(value, maximum) == 1 {
            return Violation(code: .outOfBounds, message: "\(what) `\(value.text)` of `\(arg.name)` is above its `max: \(maximum.text)`",
                             help: nil, subject: subject)
        }
        return nil
    }

    /// At most one `rest` arg in a command (E228), at each one after the first.
    static func secondRest(_ args: [ArgDefinition]) -> [Violation] {
        guard let first = args.firstIndex(where: \.rest) else { return [] }
        return args.indices.dropFirst(first + 1).filter { args[$0].rest }.map { index in
            Violation(code: .secondRest, message: "`\(args[index].name)` is a second `rest` arg; `\(args[first].name)` already takes the words left over",
                      help: "a command has at most one rest arg; make this one `multiple`", subject: .argKey(index, "rest"))
        }
    }

    /// Values compared as the command line compares them: two ints
    /// exactly, numbers as doubles, anything else as values.
    static func same(_ a: ArgValue, _ b: ArgValue) -> Bool {
        if case .int(let x) = a, case .int(let y) = b { return x == y }
        if let order = compare(a, b) { return order == 0 }
        return a == b
    }

    /// -1, 0 or 1 for two numbers (two ints exactly, else as doubles); nil otherwise.
    static func compare(_ a: ArgValue, _ b: ArgValue) -> Int? {
        if case .int(let x) = a, case .int(let y) = b { return x < y ? -1 : x == y ? 0 : 1 }
        func number(_ value: ArgValue) -> Double? {
            switch value {
            case .int(let x): Double(x)
            case .float(let x): x
            default: nil
            }
        }
        guard let x = number(a), let y = number(b) else { return nil }
        return x < y ? -1 : x == y ? 0 : 1
    }

    // MARK: positions

    /// An arg that takes positional words: not a flag, not the rest, and
    /// neither hidden nor deprecated (those are given by name only).
    static func takesPositionalWords(_ arg: ArgDefinition) -> Bool {
        !arg.isFlag && !arg.rest && !arg.hidden && arg.deprecated == nil
    }

    /// A `multiple` arg that takes positional words takes all of them, so an
    /// arg after it that could take one can only be given by name (W404, a
    /// warning). At each such arg, once.
    static func positionalAfterList(_ args: [ArgDefinition]) -> [Violation] {
        guard let list = args.firstIndex(where: { $0.multiple && takesPositionalWords($0) }) else { return [] }
        return args.indices.dropFirst(list + 1).filter { takesPositionalWords(args[$0]) }.map { index in
            let name = args[index].name
            return Violation(code: .positionalAfterList,
                             message: "`\(name)` can only be given by name: `\(args[list].name)`, declared before it, takes every positional word",
                             help: "declare `\(name)` before `\(args[list].name)` to give it by position too", subject: .argName(index))
        }
    }

    // MARK: complete

    /// The rules of a `complete:` program for a definition made in code (the
    /// decoder checks each where it reads it): a program (E235), plain
    /// elements (E235), placeholders of declared args (E215), a list's
    /// placeholder as a whole element (E229), and not beside `choices`,
    /// which complete themselves (E222).
    static func completerRules(_ completer: ExecTemplate, args: [ArgDefinition], at index: Int) -> [Violation] {
        let arg = args[index]
        var found: [Violation] = []
        if !arg.choices.isEmpty { found.append(completerBesideChoices(arg: arg.name, at: index)) }
        if completer.program.isEmpty { found.append(invalidCompleter("the program of `complete` of `\(arg.name)` is empty", at: index)) }
        let names = args.map(\.name)
        for element in completer.arguments {
            if element.condition != nil {
                found.append(invalidCompleter("an element of `complete` of `\(arg.name)` is a condition", at: index))
                continue
            }
            for name in element.placeholders {
                if var violation = undeclaredPlaceholder(name, argNames: names) {
                    violation.subject = .argKey(index, "complete")
                    found.append(violation)
                }
            }
            if var violation = listPlaceholder(element, args: args) {
                violation.subject = .argKey(index, "complete")
                found.append(violation)
            }
        }
        return found
    }

    /// `complete:` is `[PROGRAM, ARG...]`: a list of texts, whose first
    /// names a program literally (E235).
    static func invalidCompleter(_ message: String, help: String? = nil, at index: Int) -> Violation {
        Violation(code: .invalidCompleter, message: message,
                  help: help ?? "write `complete: [PROGRAM, ARG...]`: a program and its arguments, which may hold `{placeholders}`",
                  subject: .argKey(index, "complete"))
    }

    /// `choices` complete themselves, so a program beside them could only
    /// offer values the command line refuses (E222). Placed at `complete`.
    static func completerBesideChoices(arg: String, at index: Int) -> Violation {
        Violation(code: .keyDoesNotApply, message: "`complete` does not apply to `\(arg)`, an arg with `choices`",
                  help: "its choices are completed with their help; remove `complete`, or `choices`", subject: .argKey(index, "complete"))
    }

    // MARK: exec

    /// The rules of an `exec` template's elements, conditions included, for
    /// a definition made in code (the decoder checks each where it reads it).
    static func execRules(_ template: ExecTemplate, args: [ArgDefinition]) -> [Violation] {
        let names = args.map(\.name)
        var found: [Violation] = []
        func plain(_ element: ExecTemplate.Element) {
            if element.condition != nil { found.append(nestedCondition()) }
            for name in element.placeholders {
                if let violation = undeclaredPlaceholder(name, argNames: names) { found.append(violation) }
            }
            if let violation = listPlaceholder(element, args: args) { found.append(violation) }
        }
        for element in template.arguments {
            guard let condition = element.condition else { plain(element); continue }
            if let violation = undeclaredCondition(condition.arg, argNames: names) { found.append(violation) }
            if condition.then.isEmpty { found.append(missingBranch()) }
            (condition.then + condition.otherwise).forEach(plain)
        }
        return found
    }

    /// A placeholder names a declared arg (E215).
    static func undeclaredPlaceholder(_ name: String, argNames: [String]) -> Violation? {
        guard !argNames.contains(where: { Names.same($0, name) }) else { return nil }
        let suggestion = Suggestion.closest(to: name, in: argNames)
        return Violation(code: .undeclaredPlaceholder, message: "placeholder `{\(name)}` names no declared arg",
                         help: suggestion.map { "did you mean `{\($0)}`?" } ?? "declare `\(name)` under `args`", subject: .execElement)
    }

    /// A list arg's placeholder is a whole element, which gives one argument
    /// per value; inside a longer text it has no single value (E229).
    static func listPlaceholder(_ element: ExecTemplate.Element, args: [ArgDefinition]) -> Violation? {
        guard element.parts.count > 1,
              let name = element.placeholders.first(where: { name in args.contains { $0.isList && Names.same($0.name, name) } }) else { return nil }
        return Violation(code: .listPlaceholderInText, message: "`{\(name)}` is a list, so it must be an `exec` element by itself",
                         help: "write `\"{\(name)}\"` as its own element: it gives one argument per value", subject: .execElement)
    }

    /// A condition's `if` names a declared arg (E231).
    static func undeclaredCondition(_ name: String, argNames: [String]) -> Violation? {
        guard !argNames.contains(where: { Names.same($0, name) }) else { return nil }
        let suggestion = Suggestion.closest(to: name, in: argNames)
        return Violation(code: .undeclaredCondition, message: "`if: \(name)` names no declared arg",
                         help: suggestion.map { "did you mean `\($0)`?" } ?? "name one of the command's args", subject: .execElement)
    }

    /// A condition's branches hold plain elements (E230).
    static func nestedCondition() -> Violation {
        Violation(code: .malformedCondition, message: "conditions do not nest: a branch holds plain `exec` elements",
                  help: "write the inner condition as an element of its own, beside this one", subject: .execElement)
    }

    /// A condition has `if`, and `then` with at least one element (E230).
    static func missingBranch(if hasIf: Bool = true) -> Violation {
        Violation(code: .malformedCondition,
                  message: hasIf ? "a conditional `exec` element needs `then`, with at least one element" : "a conditional `exec` element needs `if`",
                  help: "write `{if: ARG, then: ELEMENT}` or `{if: ARG, then: [ELEMENT, ...]}`, with `else:` if wanted", subject: .execElement)
    }

    /// A text hyper shows on the terminal (help, a str default) holds no
    /// control or text-direction character, however it was written, so that
    /// a definition that passes prints as it reads (E218). A NUL is E103's
    /// in a manifest.
    static func shownText(_ text: String, what: String, subject: Subject) -> Violation? {
        guard let found = text.unicodeScalars.first(where: isRefusedInShownText) else { return nil }
        if TerminalText.kind(of: found) == .bidi {
            return Violation(code: .controlCharacter, message: "\(what) contains text-direction control character \(found.codePointName)",
                             help: "it can make the text display differently from what it is; remove it", subject: subject)
        }
        return Violation(code: .controlCharacter, message: "\(what) contains control character \(found.codePointName)",
                         help: "a terminal would act on it instead of showing it; remove it", subject: subject)
    }

    /// The characters `shownText` refuses.
    static func isRefusedInShownText(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value != 0 && TerminalText.isUnsafe(scalar)
    }
}

extension ArgDefinition {
    /// Whether a definition gives this key, as a manifest would write it.
    /// A rest arg's own empty default and a flag's `false` are not given.
    fileprivate func gives(_ key: DefinitionRules.Key) -> Bool {
        switch key {
        case .short: short != nil
        case .choices: !choices.isEmpty
        case .env: env != nil
        case .min: minimum != nil
        case .max: maximum != nil
        case .default: rest && `default` != nil && `default` != .list([])
        case .required: rest && required
        case .rest: rest
        case .complete: complete != nil
        }
    }

    /// The values of the default: each of a list's, or the one.
    var defaultValues: [ArgValue] {
        switch `default` {
        case .list(let values)?: values
        case let value?: [value]
        case nil: []
        }
    }
}

extension ArgValue {
    /// The text a str or path value shows, which E218 checks; nil for others.
    fileprivate var shownText: String? {
        switch self {
        case .str(let text), .path(let text): text
        default: nil
        }
    }
}
