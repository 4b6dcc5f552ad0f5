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
            if case .str(let text)? = arg.default, let violation = shownText(text, what: "default of `\(arg.name)`", subject: .argDefault(index)) {
                found.append(violation)
            }
        }
        found += optionCollisions(command.args.map(\.name), flags: command.args.map(\.isFlag))
        return found
    }

    /// A letter, then letters, digits, `-` or `_`; at most 64 characters (E204).
    static func commandName(_ name: String) -> Violation? {
        guard !Names.isCommandName(name) else { return nil }
        let tooLong = name.utf8.count > Names.maxCommandNameLength
        var help = "a command name is a letter, then letters, digits, `-` or `_`, at most \(Names.maxCommandNameLength) characters"
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
        guard Names.reservedCommands.contains(where: { $0.utf8.elementsEqual(name.utf8) }) else { return nil }
        return Violation(code: .reservedCommandName, message: "`\(name)` is a built-in command of hyper",
                         help: "choose another name; reserved: " + Names.reservedCommands.map { "`\($0)`" }.joined(separator: ", "),
                         subject: .commandName)
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
        guard arg.required, arg.default != nil, !arg.isFlag else { return nil }
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
