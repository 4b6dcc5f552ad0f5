// argv -> exec argv and environment: every value must come out byte for byte.
// The input, split at NUL, gives the command line of a fixed exec command.
import FuzzSupport
@_spi(Fuzz) import HyperCommands

private let template: ExecTemplate = {
    func element(_ text: String) -> ExecTemplate.Element {
        guard let element = ExecTemplate.element(text) else { fatalError("bad template") }
        return element
    }
    return ExecTemplate(program: "/usr/bin/printf", arguments: [element("{a}"), element("x{b}y"), element("{{lit}}"), element("{c}"), element("{n}")])
}()

private let command = CommandDefinition(name: "fuzz", args: [
    ArgDefinition(name: "a"),
    ArgDefinition(name: "b", default: .str("B")),
    ArgDefinition(name: "c", required: false),
    ArgDefinition(name: "n", type: .int, default: .int(0)),
], action: .exec(template))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExecPlan(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = bytes(data, size)
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
    var expected = ["/usr/bin/printf", a, "x" + b + "y", "{lit}"]
    if let c = values.string("c") { expected.append(c) }
    expected.append(String(values.int("n")!))
    require(plan.arguments.map { Array($0.utf8) } == expected.map { Array($0.utf8) }, "argv \(plan.arguments) != \(expected)")
    let environment = Dictionary(plan.environment.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    require(environment["HYPER_ARG_A"].map { Array($0.utf8) } == Array(a.utf8), "HYPER_ARG_A differs")
    require(environment["HYPER_ARG_B"].map { Array($0.utf8) } == Array(b.utf8), "HYPER_ARG_B differs")
    require(environment["HYPER_ARG_C"].map { Array($0.utf8) } == values.string("c").map { Array($0.utf8) }, "HYPER_ARG_C differs")
    require(plan.environment.allSatisfy { !$0.name.contains("=") && !$0.value.utf8.contains(0) }, "environment entry would be cut")
    return 0
}

runFuzzer(fuzzExecPlan)
