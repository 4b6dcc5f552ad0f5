/// Command definitions to bytes and back, for the index. A definition read
/// back equals the one written, source locations included: a location's file
/// is kept as its number among the index's manifest files and shown again
/// from the folder of the call that reads it.
enum CommandCodec {
    /// Writes `command`; nil if a location names a file not in `files`
    /// (displayed path → number).
    static func encode(_ command: CommandDefinition, files: [String: UInt32], into writer: inout ByteWriter) -> Bool {
        var sound = true
        func location(_ value: SourceLocation?) {
            guard let value else { return writer.u8(0) }
            guard let file = files[value.file], let line = UInt32(exactly: value.line), let column = UInt32(exactly: value.column),
                  let length = UInt32(exactly: value.length) else {
                sound = false
                return writer.u8(0)
            }
            writer.u8(1)
            writer.u32(file)
            writer.u32(line)
            writer.u32(column)
            writer.u32(length)
        }
        // One plain element (of `exec`, a branch, or `complete`): its place and parts.
        func plainElement(_ element: ExecTemplate.Element) {
            if element.condition != nil { sound = false }
            location(element.location)
            writer.u32(UInt32(element.parts.count))
            for part in element.parts {
                switch part {
                case .literal(let text):
                    writer.u8(0)
                    writer.string(text)
                case .placeholder(let name):
                    writer.u8(1)
                    writer.string(name)
                }
            }
        }
        writer.string(command.name)
        writer.string(command.help)
        // What the list needs comes first, so a listing reads no further.
        writer.u32(UInt32(command.aliases.count))
        for alias in command.aliases { writer.string(alias) }
        writer.u8(command.hidden ? 1 : 0)
        encodeOptional(command.group, into: &writer)
        if let root = command.root {
            writer.u8(1)
            writer.string(root)
        } else {
            writer.u8(0)
        }
        location(command.location)
        location(command.actionLocation)
        writer.u32(UInt32(command.args.count))
        for arg in command.args {
            writer.string(arg.name)
            writer.u8(typeCode(arg.type))
            writer.string(arg.help)
            writer.u8(arg.required ? 1 : 0)
            if let value = arg.default {
                writer.u8(1)
                encode(value, into: &writer)
            } else {
                writer.u8(0)
            }
            location(arg.location)
            encodeOptional(arg.short.map(String.init), into: &writer)
            writer.u32(UInt32(arg.choices.count))
            for choice in arg.choices {
                encode(choice.value, into: &writer)
                writer.string(choice.help)
            }
            encodeOptional(arg.env, into: &writer)
            writer.u8((arg.multiple ? 1 : 0) | (arg.rest ? 2 : 0) | (arg.hidden ? 4 : 0))
            encodeOptional(arg.minimum, into: &writer)
            encodeOptional(arg.maximum, into: &writer)
            encodeOptional(arg.deprecated, into: &writer)
            if let completer = arg.complete {
                writer.u8(1)
                writer.string(completer.program)
                location(completer.programLocation)
                writer.u32(UInt32(completer.arguments.count))
                for element in completer.arguments { plainElement(element) }
            } else {
                writer.u8(0)
            }
        }
        switch command.action {
        case .handler(let name):
            writer.u8(0)
            writer.string(name)
        case .shell(let script):
            writer.u8(1)
            writer.string(script)
        case .exec(let template):
            writer.u8(2)
            writer.string(template.program)
            location(template.programLocation)
            writer.u32(UInt32(template.arguments.count))
            func element(_ element: ExecTemplate.Element) {
                location(element.location)
                if let condition = element.condition {
                    writer.u8(1)
                    writer.string(condition.arg)
                    for branch in [condition.then, condition.otherwise] {
                        writer.u32(UInt32(branch.count))
                        for inner in branch { plainElement(inner) }
                    }
                } else {
                    writer.u8(0)
                    plainElement(element)
                }
            }
            for argument in template.arguments { element(argument) }
        case .closure:
            // Closures live in code; only manifest commands are indexed.
            return false
        }
        encodeOptional(command.confirm, into: &writer)
        encodeOptional(command.directory, into: &writer)
        location(command.keyLocations.directory)
        writer.u32(UInt32(command.environment.count))
        for variable in command.environment {
            writer.string(variable.name)
            writer.string(variable.value)
            location(variable.location)
        }
        if command.aliasLocations.count == command.aliases.count {
            for alias in command.aliasLocations { location(alias) }
        } else {
            for _ in command.aliases { location(nil) }
        }
        return sound
    }

    /// What the list shows of a command, hidden or not.
    static func decodeSummary(from reader: inout ByteReader) -> ListedCommand? {
        guard let name = reader.string(), let help = reader.string(), let aliasCount = reader.u32(), aliasCount <= 10_000 else { return nil }
        var aliases: [String] = []
        for _ in 0..<aliasCount {
            guard let alias = reader.string() else { return nil }
            aliases.append(alias)
        }
        guard let hidden = reader.u8(), hidden <= 1, let group = decodeOptional(from: &reader) else { return nil }
        return ListedCommand(name: name, aliases: aliases, help: help, group: group, hidden: hidden == 1)
    }

    /// Reads a command; `file` shows the manifest with a given number, nil
    /// for a number the index does not have.
    static func decode(from reader: inout ByteReader, file: (UInt32) -> String?) -> CommandDefinition? {
        var sound = true
        func location() -> SourceLocation? {
            guard let flag = reader.u8() else {
                sound = false
                return nil
            }
            guard flag == 1 else {
                if flag != 0 { sound = false }
                return nil
            }
            guard let number = reader.u32(), let line = reader.u32(), let column = reader.u32(), let length = reader.u32(),
                  let shown = file(number) else {
                sound = false
                return nil
            }
            return SourceLocation(file: shown, line: Int(line), column: Int(column), length: Int(length))
        }
        guard let summary = decodeSummary(from: &reader), let hasRoot = reader.u8(), hasRoot <= 1 else { return nil }
        let (name, help) = (summary.name, summary.help)
        var root: String?
        if hasRoot == 1 {
            guard let text = reader.string() else { return nil }
            root = text
        }
        let commandLocation = location()
        let actionLocation = location()
        guard let argCount = reader.u32(), argCount <= 10_000 else { return nil }
        var args: [ArgDefinition] = []
        for _ in 0..<argCount {
            guard let argName = reader.string(), let type = reader.u8().flatMap(type(_:)), let argHelp = reader.string(),
                  let required = reader.u8(), let hasDefault = reader.u8() else { return nil }
            var value: ArgValue?
            if hasDefault == 1 {
                guard let decoded = decodeValue(from: &reader) else { return nil }
                value = decoded
            }
            var arg = ArgDefinition(name: argName, type: type, default: value, help: argHelp, required: required == 1,
                                    location: location())
            arg.default = value
            guard let short = decodeOptional(from: &reader), short.map({ $0.count == 1 }) ?? true,
                  let choiceCount = reader.u32(), choiceCount <= 100_000 else { return nil }
            arg.short = short.flatMap { $0.first }
            for _ in 0..<choiceCount {
                guard let value = decodeValue(from: &reader), let help = reader.string() else { return nil }
                arg.choices.append(ArgDefinition.Choice(value, help: help))
            }
            guard let env = decodeOptional(from: &reader), let flags = reader.u8(), flags <= 7,
                  let minimum = decodeOptionalValue(from: &reader), let maximum = decodeOptionalValue(from: &reader),
                  let deprecated = decodeOptional(from: &reader) else { return nil }
            (arg.env, arg.multiple, arg.rest, arg.hidden) = (env, flags & 1 != 0, flags & 2 != 0, flags & 4 != 0)
            (arg.minimum, arg.maximum, arg.deprecated) = (minimum, maximum, deprecated)
            switch reader.u8() {
            case 0:
                break
            case 1:
                guard let program = reader.string() else { return nil }
                let programLocation = location()
                guard let count = reader.u32(), count <= 100_000 else { return nil }
                var elements: [ExecTemplate.Element] = []
                for _ in 0..<count {
                    let elementLocation = location()
                    guard let partCount = reader.u32(), partCount <= 100_000 else { return nil }
                    var parts: [ExecTemplate.Part] = []
                    for _ in 0..<partCount {
                        guard let partKind = reader.u8(), partKind <= 1, let text = reader.string() else { return nil }
                        parts.append(partKind == 1 ? .placeholder(text) : .literal(text))
                    }
                    elements.append(ExecTemplate.Element(parts: parts, location: elementLocation))
                }
                arg.complete = ExecTemplate(program: program, programLocation: programLocation, arguments: elements)
            default:
                return nil
            }
            args.append(arg)
        }
        guard let kind = reader.u8() else { return nil }
        let action: CommandAction
        switch kind {
        case 0:
            guard let handler = reader.string() else { return nil }
            action = .handler(handler)
        case 1:
            guard let script = reader.string() else { return nil }
            action = .shell(script)
        case 2:
            guard let program = reader.string() else { return nil }
            let programLocation = location()
            guard let count = reader.u32(), count <= 100_000 else { return nil }
            func plain() -> ExecTemplate.Element? {
                let elementLocation = location()
                guard let partCount = reader.u32(), partCount <= 100_000 else { return nil }
                var parts: [ExecTemplate.Part] = []
                for _ in 0..<partCount {
                    guard let partKind = reader.u8(), partKind <= 1, let text = reader.string() else { return nil }
                    parts.append(partKind == 1 ? .placeholder(text) : .literal(text))
                }
                return ExecTemplate.Element(parts: parts, location: elementLocation)
            }
            var elements: [ExecTemplate.Element] = []
            for _ in 0..<count {
                let elementLocation = location()
                switch reader.u8() {
                case 0:
                    guard let element = plain() else { return nil }
                    elements.append(ExecTemplate.Element(parts: element.parts, location: elementLocation))
                case 1:
                    guard let arg = reader.string() else { return nil }
                    var branches: [[ExecTemplate.Element]] = []
                    for _ in 0..<2 {
                        guard let branchCount = reader.u32(), branchCount <= 100_000 else { return nil }
                        var branch: [ExecTemplate.Element] = []
                        for _ in 0..<branchCount {
                            guard let element = plain() else { return nil }
                            branch.append(element)
                        }
                        branches.append(branch)
                    }
                    elements.append(ExecTemplate.Element(condition: ExecTemplate.Condition(arg: arg, then: branches[0], otherwise: branches[1]),
                                                         location: elementLocation))
                default:
                    return nil
                }
            }
            action = .exec(ExecTemplate(program: program, programLocation: programLocation, arguments: elements))
        default:
            return nil
        }
        guard let confirm = decodeOptional(from: &reader), let directory = decodeOptional(from: &reader) else { return nil }
        let directoryLocation = location()
        guard let variableCount = reader.u32(), variableCount <= 10_000 else { return nil }
        var environment: [CommandVariable] = []
        for _ in 0..<variableCount {
            guard let variableName = reader.string(), let value = reader.string() else { return nil }
            environment.append(CommandVariable(name: variableName, value: value, location: location()))
        }
        let aliasLocations = summary.aliases.map { _ in location() }
        guard sound else { return nil }
        var command = CommandDefinition(name: name, help: help, args: args, action: action, location: commandLocation,
                                        actionLocation: actionLocation, root: root, aliases: summary.aliases,
                                        hidden: summary.hidden, group: summary.group, confirm: confirm)
        command.directory = directory
        command.keyLocations.directory = directoryLocation
        command.environment = environment
        command.aliasLocations = aliasLocations
        return command
    }

    private static func encode(_ value: ArgValue, into writer: inout ByteWriter) {
        switch value {
        case .path(let text):
            writer.u8(4)
            writer.string(text)
        case .list(let values):
            writer.u8(5)
            writer.u32(UInt32(values.count))
            for value in values { encode(value, into: &writer) }
        case .int(let number):
            writer.u8(0)
            writer.i64(Int64(number))
        case .str(let text):
            writer.u8(1)
            writer.string(text)
        case .float(let number):
            writer.u8(2)
            writer.u64(number.bitPattern)
        case .bool(let flag):
            writer.u8(3)
            writer.u8(flag ? 1 : 0)
        }
    }

    private static func decodeValue(from reader: inout ByteReader, depth: Int = 0) -> ArgValue? {
        switch reader.u8() {
        case 0: return reader.i64().flatMap { Int(exactly: $0) }.map { .int($0) }
        case 1: return reader.string().map(ArgValue.str)
        case 2: return reader.u64().map { .float(Double(bitPattern: $0)) }
        case 3: return reader.u8().map { .bool($0 == 1) }
        case 4: return reader.string().map(ArgValue.path)
        case 5:
            // Lists hold single values only: one level.
            guard depth == 0, let count = reader.u32(), count <= 100_000 else { return nil }
            var values: [ArgValue] = []
            for _ in 0..<count {
                guard let value = decodeValue(from: &reader, depth: 1) else { return nil }
                values.append(value)
            }
            return .list(values)
        default: return nil
        }
    }

    private static func encodeOptional(_ text: String?, into writer: inout ByteWriter) {
        guard let text else { return writer.u8(0) }
        writer.u8(1)
        writer.string(text)
    }

    private static func decodeOptional(from reader: inout ByteReader) -> String?? {
        switch reader.u8() {
        case 0: return .some(nil)
        case 1: return reader.string().map { .some($0) }
        default: return nil
        }
    }

    private static func encodeOptional(_ value: ArgValue?, into writer: inout ByteWriter) {
        guard let value else { return writer.u8(0) }
        writer.u8(1)
        encode(value, into: &writer)
    }

    private static func decodeOptionalValue(from reader: inout ByteReader) -> ArgValue?? {
        switch reader.u8() {
        case 0: return .some(nil)
        case 1: return decodeValue(from: &reader).map { .some($0) }
        default: return nil
        }
    }

    private static func typeCode(_ type: ArgType) -> UInt8 {
        switch type {
        case .int: 0
        case .str: 1
        case .float: 2
        case .bool: 3
        case .path: 4
        }
    }

    private static func type(_ code: UInt8) -> ArgType? {
        switch code {
        case 0: .int
        case 1: .str
        case 2: .float
        case 3: .bool
        case 4: .path
        default: nil
        }
    }
}
