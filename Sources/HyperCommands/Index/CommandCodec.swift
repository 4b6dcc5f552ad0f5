/// Command definitions to bytes and back, for the index. Source locations are
/// not kept: running and help never show them, and diagnostics always come
/// from a full load.
enum CommandCodec {
    static func encode(_ command: CommandDefinition, into writer: inout ByteWriter) {
        writer.string(command.name)
        writer.string(command.help)
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
            writer.u32(UInt32(template.arguments.count))
            for element in template.arguments {
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
        case .closure:
            // Closures live in code; only manifest commands are indexed.
            preconditionFailure("closures are not indexed")
        }
    }

    /// Just the name and help, for listings.
    static func decodeSummary(from reader: inout ByteReader) -> (name: String, help: String)? {
        guard let name = reader.string(), let help = reader.string() else { return nil }
        return (name, help)
    }

    static func decode(from reader: inout ByteReader) -> CommandDefinition? {
        guard let name = reader.string(), let help = reader.string(), let argCount = reader.u32(),
              argCount <= 10_000 else { return nil }
        var args: [ArgDefinition] = []
        for _ in 0..<argCount {
            guard let argName = reader.string(), let type = reader.u8().flatMap(type(_:)), let argHelp = reader.string(),
                  let required = reader.u8(), let hasDefault = reader.u8() else { return nil }
            var value: ArgValue?
            if hasDefault == 1 {
                guard let decoded = decodeValue(from: &reader) else { return nil }
                value = decoded
            }
            var arg = ArgDefinition(name: argName, type: type, default: value, help: argHelp, required: required == 1)
            arg.default = value
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
            guard let program = reader.string(), let count = reader.u32(), count <= 100_000 else { return nil }
            var elements: [ExecTemplate.Element] = []
            for _ in 0..<count {
                guard let partCount = reader.u32(), partCount <= 100_000 else { return nil }
                var parts: [ExecTemplate.Part] = []
                for _ in 0..<partCount {
                    guard let partKind = reader.u8(), let text = reader.string() else { return nil }
                    parts.append(partKind == 1 ? .placeholder(text) : .literal(text))
                }
                elements.append(ExecTemplate.Element(parts: parts))
            }
            action = .exec(ExecTemplate(program: program, arguments: elements))
        default:
            return nil
        }
        return CommandDefinition(name: name, help: help, args: args, action: action)
    }

    private static func encode(_ value: ArgValue, into writer: inout ByteWriter) {
        switch value {
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

    private static func decodeValue(from reader: inout ByteReader) -> ArgValue? {
        switch reader.u8() {
        case 0: reader.i64().map { .int(Int($0)) }
        case 1: reader.string().map(ArgValue.str)
        case 2: reader.u64().map { .float(Double(bitPattern: $0)) }
        case 3: reader.u8().map { .bool($0 == 1) }
        default: nil
        }
    }

    private static func typeCode(_ type: ArgType) -> UInt8 {
        switch type {
        case .int: 0
        case .str: 1
        case .float: 2
        case .bool: 3
        }
    }

    private static func type(_ code: UInt8) -> ArgType? {
        switch code {
        case 0: .int
        case 1: .str
        case 2: .float
        case 3: .bool
        default: nil
        }
    }
}
