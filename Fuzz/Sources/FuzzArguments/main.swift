// A definition plus argv -> typed values or a parse error. The first bytes
// shape the definition (every argument key: short names, choices, env,
// multiple, rest, bounds, path, hidden, deprecated) and the environment; the
// rest, split at NUL, is the argv. Checked: no crash; every value has its
// declared type, within its choices and bounds, a path absolute and
// normalised; every required arg has a value; a list given on the command
// line keeps the order of its words; the rest is exactly the last words of
// argv, each once, in order.
//
// Input: byte 0 = arg count (% 6) and whether the command has a root;
// then 3 bytes per arg (see `shapeArg`); then the argv.
import FuzzSupport
@_spi(Fuzz) import HyperCommands

private let names = ["count", "name", "rate", "verbose", "dry_run", "tag"]
private let shorts: [Character] = ["c", "n", "r", "v", "d", "t"]
private let types: [ArgType] = [.int, .str, .float, .bool, .path]
private let defaults: [ArgType: ArgValue] = [.int: .int(-3), .str: .str(""), .float: .float(0.5), .bool: .bool(true), .path: .path("p/../q")]
private let choices: [ArgType: [ArgValue]] = [
    .int: [.int(1), .int(-3)], .str: [.str("fast"), .str("full")], .float: [.float(0.5), .float(2)],
    .bool: [.bool(true)], .path: [.path("a")],
]
private let minimums: [ArgType: ArgValue] = [.int: .int(-3), .float: .float(-1)]
private let maximums: [ArgType: ArgValue] = [.int: .int(10), .float: .float(1.5)]
/// What an arg's variable holds, picked by its shape.
private let environmentValues = ["", "5", "-3", "x", "0.5", "true", "fast", "a b", "../p"]
private let invocationDirectory = "/inv/sub"

/// Byte a: type (% 5), bit 3 `required` given, bit 4 its value, bit 5 a
/// default, bit 6 `multiple`, bit 7 `rest` (the first such arg only, a str).
/// Byte b: bit 0 a short, bit 1 choices, bit 2 min, bit 3 max, bit 4 hidden,
/// bit 5 deprecated, bit 6 env. Byte c: the env value (% count; bit 7 unset).
private func shapeArg(_ index: Int, _ a: UInt8, _ b: UInt8, hasRest: inout Bool) -> ArgDefinition {
    var type = types[Int(a & 0x07) % types.count]
    let rest = a & 0x80 != 0 && !hasRest
    if rest {
        hasRest = true
        type = .str
    }
    let multiple = a & 0x40 != 0 && !rest
    let required: Bool? = a & 0x08 != 0 ? (a & 0x10 != 0) : nil
    var value: ArgValue?
    if a & 0x20 != 0 && required != true && !rest, let single = defaults[type] {
        value = multiple ? .list([single]) : single
    }
    return ArgDefinition(
        name: names[index], type: type, default: value, required: rest ? nil : required,
        short: b & 0x01 != 0 ? shorts[index] : nil,
        choices: b & 0x02 != 0 && !rest ? (choices[type] ?? []).map { ArgDefinition.Choice($0) } : [],
        env: b & 0x40 != 0 ? "E\(index)" : nil,
        multiple: multiple, rest: rest,
        minimum: b & 0x04 != 0 && !rest ? minimums[type] : nil,
        maximum: b & 0x08 != 0 && !rest ? maximums[type] : nil,
        hidden: b & 0x10 != 0, deprecated: b & 0x20 != 0 ? "use --x" : nil)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArguments(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = bytes(data, size)
    plantedCrash(input)
    guard let first = input.first else { return 0 }
    let argCount = Int(first % 7)
    guard input.count > 1 + argCount * 3 else { return 0 }
    var args: [ArgDefinition] = []
    var environment: [String: String] = [:]
    var hasRest = false
    for index in 0..<argCount {
        let (a, b, c) = (input[1 + index * 3], input[2 + index * 3], input[3 + index * 3])
        let arg = shapeArg(index, a, b, hasRest: &hasRest)
        if let name = arg.env, c & 0x80 == 0 { environment[name] = environmentValues[Int(c) % environmentValues.count] }
        args.append(arg)
    }
    let command = CommandDefinition(name: "fuzz", args: args, action: .shell("true"), root: first & 0x80 != 0 ? "/proj" : nil)
    let argv = words(input[(1 + argCount * 3)...])
    let lookup = environment
    let context = CommandLineParser.Context(environment: { lookup[$0] }, invocationDirectory: invocationDirectory)
    do {
        switch try CommandLineParser.parse(argv, for: command, context: context) {
        case .help:
            let dash = UInt8(ascii: "-")
            require(argv.contains { bytesEqual($0, "--help") || ($0.utf8.first == dash && $0.utf8.dropFirst().first != dash && $0.utf8.contains(UInt8(ascii: "h"))) },
                    "help without asking")
        case .values(let parsed, let warnings):
            for (name, value) in parsed.values {
                guard let arg = command.arg(named: name) else { require(false, "value for undeclared `\(name)`"); continue }
                check(value, of: arg, argv: argv, environment: environment)
            }
            for arg in args where arg.required {
                require(parsed.values[arg.name] != nil, "required `\(arg.name)` missing from values")
            }
            require(warnings.allSatisfy { $0.hasPrefix("warning: --") }, "warning text \(warnings)")
        }
    } catch {
        require(error.description.hasPrefix("Error: "), "error text `\(error.description)`")
    }
    return 0
}

private func check(_ value: ArgValue, of arg: ArgDefinition, argv: [String], environment: [String: String]) {
    let items: [ArgValue]
    if arg.isList {
        guard case .list(let values) = value else { require(false, "`\(arg.name)` is a list arg, parsed as \(value)"); return }
        items = values
    } else {
        items = [value]
    }
    for item in items {
        require(item.type == arg.type, "`\(arg.name)` parsed as \(String(describing: item.type)), declared \(arg.type)")
        if case .float(let number) = item { require(number.isFinite, "non-finite float") }
        if case .path(let path) = item { require(isNormalisedAbsolute(path), "path `\(path)` is not absolute and normalised") }
    }
    // Defaults are the definition's; the rest are values the user gave.
    guard value != arg.default || arg.rest else { return }
    // A variable gives a list one value: the whole variable.
    let fromVariable = arg.env.flatMap { environment[$0] }.map { text in
        arg.isList ? items.count == 1 && (items[0] == .str(text) || arg.type != .str) : false
    } ?? false
    if arg.rest && !fromVariable {
        let words = items.map { item -> String in
            guard case .str(let word) = item else { return "" }
            return word
        }
        // The pass-through is the tail of argv: each word once, in order.
        require(words.count <= argv.count && argv.suffix(words.count).elementsEqual(words, by: bytesEqual),
                "rest \(words) is not the tail of \(argv)")
        // `--` itself never begins it: the words after it do.
        if let firstWord = words.first, bytesEqual(firstWord, "--") {
            require(words.count < argv.count && bytesEqual(argv[argv.count - words.count - 1], "--"), "rest \(words) begins at `--`")
        }
        return
    }
    for item in items where item.type != .path {
        if let minimum = arg.minimum { require(!greater(minimum, item), "\(item) under \(minimum)") }
        if let maximum = arg.maximum { require(!greater(item, maximum), "\(item) over \(maximum)") }
        if !arg.choices.isEmpty { require(arg.choices.contains { same($0.value, item) }, "\(item) is not a choice") }
    }
    // A str list from the command line keeps the order of the words it came from.
    if arg.multiple, arg.type == .str, !arg.rest, !fromVariable {
        var cursor = 0
        for item in items {
            guard case .str(let text) = item else { continue }
            let found = argv[cursor...].firstIndex { $0.utf8.count >= text.utf8.count && $0.utf8.suffix(text.utf8.count).elementsEqual(text.utf8) }
            require(found != nil, "list value `\(text)` of `\(arg.name)` is not in argv after word \(cursor), in order")
            cursor = (found ?? cursor) + 1
        }
    }
}

/// Words are compared as bytes, as hyper does: `String ==` is canonical equivalence.
private func bytesEqual(_ a: String, _ b: String) -> Bool {
    a.utf8.elementsEqual(b.utf8)
}

private func isNormalisedAbsolute(_ path: String) -> Bool {
    // As bytes: `/` and a combining mark after it make one `Character`.
    guard path.utf8.first == UInt8(ascii: "/") else { return false }
    if path.utf8.count == 1 { return true }
    let parts = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst()
    return parts.allSatisfy { !$0.isEmpty && !$0.elementsEqual(".".utf8) && !$0.elementsEqual("..".utf8) }
}

private func number(_ value: ArgValue) -> Double? {
    switch value {
    case .int(let number): Double(number)
    case .float(let number): number
    default: nil
    }
}

private func greater(_ a: ArgValue, _ b: ArgValue) -> Bool {
    if case .int(let x) = a, case .int(let y) = b { return x > y }
    guard let x = number(a), let y = number(b) else { return false }
    return x > y
}

private func same(_ a: ArgValue, _ b: ArgValue) -> Bool {
    if case .int(let x) = a, case .int(let y) = b { return x == y }
    if let x = number(a), let y = number(b) { return x == y }
    return a == b
}

runFuzzer(fuzzArguments)
