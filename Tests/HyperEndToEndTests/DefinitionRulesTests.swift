import Foundation
import HyperCommands
import Testing

/// One set of definition rules: the same bad definition, declared in a
/// manifest and registered in code, is refused with the same code.
@Suite struct DefinitionRulesTests {
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var manifest: String
        var command: @Sendable () -> CommandDefinition
        var code: DiagnosticCode
    }

    static let cases: [Case] = [
        Case(description: "command name", manifest: "commands:\n  9x:\n    help: H\n    exec: [echo]\n",
             command: { CommandDefinition(name: "9x", help: "H", run: { _ in }) }, code: .invalidCommandName),
        Case(description: "reserved name", manifest: "commands:\n  list:\n    help: H\n    exec: [echo]\n",
             command: { CommandDefinition(name: "list", help: "H", run: { _ in }) }, code: .reservedCommandName),
        Case(description: "arg name", manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      Name: str\n",
             command: { CommandDefinition(name: "a", help: "H", args: [ArgDefinition(name: "Name")], run: { _ in }) }, code: .invalidArgName),
        Case(description: "arg named help", manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      help: str\n",
             command: { CommandDefinition(name: "a", help: "H", args: [ArgDefinition(name: "help")], run: { _ in }) }, code: .reservedArgName),
        Case(description: "required with default",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      n: {type: int, default: 1, required: true}\n",
             command: { CommandDefinition(name: "a", help: "H", args: [ArgDefinition(name: "n", type: .int, default: .int(1), required: true)], run: { _ in }) },
             code: .requiredWithDefault),
        Case(description: "no_x beside flag x",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      x: bool\n      no_x: {type: str, default: y}\n",
             command: { CommandDefinition(name: "a", help: "H", args: [ArgDefinition(name: "x", type: .bool), ArgDefinition(name: "no_x", default: .str("y"))],
                                          run: { _ in }) },
             code: .optionCollision),
        Case(description: "control character in help", manifest: "commands:\n  a:\n    help: \"bad\\e[2J\"\n    exec: [echo]\n",
             command: { CommandDefinition(name: "a", help: "bad\u{1B}[2J", run: { _ in }) }, code: .controlCharacter),
        Case(description: "control character in a str default",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      s: {type: str, default: \"\\u202E\"}\n",
             command: { CommandDefinition(name: "a", help: "H", args: [ArgDefinition(name: "s", default: .str("\u{202E}"))], run: { _ in }) },
             code: .controlCharacter),
    ]

    @Test(arguments: cases)
    func sameRuleSameCode(_ rule: Case) throws {
        let project = try TemporaryProject()
        try project.write("commands.d/a.yaml", rule.manifest)
        let validate = try project.run(["validate", "--format", "concise"])
        #expect(validate.status == 1)
        let codes = validate.stdout.split(separator: "\n").compactMap { line -> String? in
            guard line.hasSuffix("]"), let code = line.split(separator: "[").last else { return nil }
            return String(code.dropLast())
        }
        #expect(codes == [rule.code.rawValue], "\(validate.stdout)")
        var thrown: RegistrationError?
        do {
            try CommandRegistry().register(rule.command())
        } catch {
            thrown = error
        }
        #expect(thrown?.code == rule.code)
    }
}
