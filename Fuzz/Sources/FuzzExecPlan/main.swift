// argv -> exec argv and environment: every value must come out byte for byte,
// lists in order, conditional elements by their rule. The input, split at
// NUL, gives the command line of a fixed exec command.
import FuzzSupport
@_spi(Fuzz) import HyperCommands

private func element(_ text: String) -> ExecTemplate.Element {
    guard let element = ExecTemplate.element(text) else { fatalError("bad template") }
    return element
}

private let template = ExecTemplate(program: "/usr/bin/printf", arguments: [
    element("{a}"), element("x{b}y"), element("{{lit}}"), element("{c}"), element("{n}"),
    ExecTemplate.Element(condition: ExecTemplate.Condition(arg: "dry", then: [element("--dry")])),
    ExecTemplate.Element(condition: ExecTemplate.Condition(arg: "c", then: [element("--c"), element("{c}")], otherwise: [element("--no-c")])),
    element("{tags}"), element("{rest}"),
])

private let command: CommandDefinition = {
    var command = CommandDefinition(name: "fuzz", args: [
    ArgDefinition(name: "a"),
    ArgDefinition(name: "b", default: .str("B"), short: "b"),
    ArgDefinition(name: "c", required: false, short: "c"),
    ArgDefinition(name: "n", type: .int, default: .int(0)),
    ArgDefinition(name: "dry", type: .bool, short: "d"),
    ArgDefinition(name: "tags", default: .list([]), multiple: true),
    ArgDefinition(name: "rest", rest: true),
    ], action: .exec(template))
    command.environment = [CommandVariable(name: "LABEL", value: "v={a}$${{}}"), CommandVariable(name: "OPT", value: "{c}")]
    return command
}()

private func bytes(_ texts: [String]) -> [[UInt8]] { texts.map { Array($0.utf8) } }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExecPlan(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = FuzzSupport.bytes(data, size)
    plantedCrash(input)
    let argv = words(input[...])
    let context = CommandLineParser.Context(invocationDirectory: "/p/sub")
    guard case .values(let values, _)? = try? CommandLineParser.parse(argv, for: command, context: context) else { return 0 }
    guard let plan = ProcessPlan.make(for: command, values: values, projectRoot: "/p", invocationDirectory: "/p/sub") else {
        require(false, "no plan for an exec command")
        return 0
    }
    let a = values.string("a")!
    let b = values.string("b")!
    let c = values.string("c")
    guard case .list(let tags)? = values["tags"], case .list(let rest)? = values["rest"] else {
        require(false, "lists must always have a value")
        return 0
    }
    var expected = ["/usr/bin/printf", a, "x" + b + "y", "{lit}"]
    if let c { expected.append(c) }
    expected.append(String(values.int("n")!))
    if values.bool("dry") { expected.append("--dry") }
    expected += c.map { ["--c", $0] } ?? ["--no-c"]
    expected += tags.map(\.text) + rest.map(\.text)
    require(bytes(plan.arguments) == bytes(expected), "argv \(plan.arguments) != \(expected)")
    // Every rest word the parser kept came from the command line, in order.
    var position = argv.startIndex
    for word in rest.map(\.text) {
        guard let found = argv[position...].firstIndex(where: { Array($0.utf8) == Array(word.utf8) }) else {
            require(false, "rest word \(word) is not on the command line in order")
            return 0
        }
        position = found + 1
    }
    let environment = Dictionary(plan.environment.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    require(environment["HYPER_ARG_A"].map { Array($0.utf8) } == Array(a.utf8), "HYPER_ARG_A differs")
    require(environment["HYPER_ARG_B"].map { Array($0.utf8) } == Array(b.utf8), "HYPER_ARG_B differs")
    require(environment["HYPER_ARG_C"].map { Array($0.utf8) } == c.map { Array($0.utf8) }, "HYPER_ARG_C differs")
    require(environment["HYPER_ARG_TAGS"] == ArgValue.list(tags).text, "HYPER_ARG_TAGS differs")
    require(plan.environment.allSatisfy { !$0.name.contains("=") && !$0.value.utf8.contains(0) }, "environment entry would be cut")
    // The command's own variables: filled byte for byte, unset without a value.
    require(environment["LABEL"].map { Array($0.utf8) } == Array(("v=" + a + "${}").utf8), "LABEL differs")
    require(environment["OPT"].map { Array($0.utf8) } == c.map { Array($0.utf8) }, "OPT differs")
    // What `--dry-run` prints of a value drives no terminal: no control
    // character but a line feed, no DEL, C1 or text-direction control.
    for word in [a, b] + (c.map { [$0] } ?? []) {
        let shown = ShellQuote.pasteable(word)
        require(!shown.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
                                                 || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) },
                "pasteable \(shown) holds a control character")
    }
    return 0
}

runFuzzer(fuzzExecPlan)
