// A definition plus argv -> typed values or a parse error. The first bytes
// shape the definition; the rest, split at NUL, is the argv. Values that come
// back must match their declared types and cover every required arg.
import FuzzSupport
@_spi(Fuzz) import HyperCommands

private let names = ["count", "name", "rate", "verbose", "dry_run", "tag", "x"]
private let types: [ArgType] = [.int, .str, .float, .bool]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArguments(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = bytes(data, size)
    plantedCrash(input)
    guard let first = input.first else { return 0 }
    let argCount = Int(first % 6)
    guard input.count > 1 + argCount * 2 else { return 0 }
    var args: [ArgDefinition] = []
    for index in 0..<argCount {
        let shape = input[1 + index * 2]
        let type = types[Int(shape % 4)]
        let required: Bool? = shape & 0x10 != 0 ? (shape & 0x20 != 0) : nil
        let defaults: [ArgType: ArgValue] = [.int: .int(-3), .str: .str(""), .float: .float(0.5), .bool: .bool(true)]
        let value = shape & 0x40 != 0 && required != true ? defaults[type] : nil
        args.append(ArgDefinition(name: names[index], type: type, default: value, required: required))
    }
    let command = CommandDefinition(name: "fuzz", args: args, action: .shell("true"))
    let argv = words(input[(1 + argCount * 2)...])
    do {
        switch try CommandLineParser.parse(argv, for: command) {
        case .help:
            require(argv.contains("--help") || argv.contains("-h"), "help without asking")
        case .values(let parsed):
            for (name, value) in parsed.values {
                guard let arg = command.arg(named: name) else { require(false, "value for undeclared `\(name)`"); continue }
                require(value.type == arg.type, "`\(name)` parsed as \(value.type), declared \(arg.type)")
                if case .float(let number) = value { require(number.isFinite, "non-finite float") }
            }
            for arg in args where arg.required {
                require(parsed.values[arg.name] != nil, "required `\(arg.name)` missing from values")
            }
        }
    } catch {
        require(error.description.hasPrefix("Error: "), "error text `\(error.description)`")
    }
    return 0
}

runFuzzer(fuzzArguments)
