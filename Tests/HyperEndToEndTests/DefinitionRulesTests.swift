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
        Case(description: "control character in a choice's help",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      s: {choices: {x: \"bad\\e[2J\"}}\n",
             command: { command(ArgDefinition(name: "s", choices: [.init(.str("x"), help: "bad\u{1B}[2J")])) }, code: .controlCharacter),
        Case(description: "control character in a str choice",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      s: {choices: [\"a\\u202Eb\"]}\n",
             command: { command(ArgDefinition(name: "s", choices: [.init(.str("a\u{202E}b"))])) }, code: .controlCharacter),
        Case(description: "text-direction control in deprecated",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      s: {required: false, deprecated: \"x\\u2066\"}\n",
             command: { command(ArgDefinition(name: "s", required: false, deprecated: "x\u{2066}")) }, code: .controlCharacter),
        Case(description: "control character in a path default",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      p: {type: path, default: \"a\\x9bb\"}\n",
             command: { command(ArgDefinition(name: "p", type: .path, default: .path("a\u{9B}b"))) }, code: .controlCharacter),
        Case(description: "empty path default",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      p: {type: path, multiple: true, default: [., \"\"]}\n",
             command: { command(ArgDefinition(name: "p", type: .path, default: .list([.path("."), .path("")]), multiple: true)) }, code: .invalidDefault),
        Case(description: "short that is not a letter",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      v: {type: bool, short: \"1\"}\n",
             command: { command(ArgDefinition(name: "v", type: .bool, short: "1")) }, code: .invalidShort),
        Case(description: "short h",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      v: {type: bool, short: h}\n",
             command: { command(ArgDefinition(name: "v", type: .bool, short: "h")) }, code: .invalidShort),
        Case(description: "short twice",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      v: {type: bool, short: v}\n      w: {type: bool, short: v}\n",
             command: { command(ArgDefinition(name: "v", type: .bool, short: "v"), ArgDefinition(name: "w", type: .bool, short: "v")) },
             code: .duplicateShort),
        Case(description: "env name",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      s: {env: 1X}\n",
             command: { command(ArgDefinition(name: "s", env: "1X")) }, code: .invalidEnvName),
        Case(description: "env of hyper's own",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      s: {env: HYPER_ARG_S}\n",
             command: { command(ArgDefinition(name: "s", env: "HYPER_ARG_S")) }, code: .invalidEnvName),
        Case(description: "choices on a bool",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      v: {type: bool, choices: [true]}\n",
             command: { command(ArgDefinition(name: "v", type: .bool, choices: [.init(.bool(true))])) }, code: .keyDoesNotApply),
        Case(description: "choices on a path",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      p: {type: path, choices: [a]}\n",
             command: { command(ArgDefinition(name: "p", type: .path, choices: [.init(.path("a"))])) }, code: .keyDoesNotApply),
        Case(description: "max on a str",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      s: {max: b}\n",
             command: { command(ArgDefinition(name: "s", maximum: .str("b"))) }, code: .keyDoesNotApply),
        Case(description: "env on a multiple arg",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      s: {multiple: true, env: S}\n",
             command: { command(ArgDefinition(name: "s", env: "S", multiple: true)) }, code: .keyDoesNotApply),
        Case(description: "short on a rest arg",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      r: {rest: true, short: r}\n",
             command: { command(ArgDefinition(name: "r", short: "r", rest: true)) }, code: .keyDoesNotApply),
        Case(description: "default on a rest arg",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      r: {rest: true, default: [x]}\n",
             command: { command(ArgDefinition(name: "r", default: .list([.str("x")]), rest: true)) }, code: .keyDoesNotApply),
        Case(description: "required rest arg",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      r: {rest: true, required: true}\n",
             command: { command(ArgDefinition(name: "r", required: true, rest: true)) }, code: .keyDoesNotApply),
        Case(description: "rest arg that is not a str",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      r: {type: int, rest: true}\n",
             command: { command(ArgDefinition(name: "r", type: .int, rest: true)) }, code: .keyDoesNotApply),
        Case(description: "choice of another type",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      n: {type: int, choices: [1, x]}\n",
             command: { command(ArgDefinition(name: "n", type: .int, choices: [.init(.int(1)), .init(.str("x"))])) }, code: .invalidChoiceOrBound),
        Case(description: "bound of another type",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      n: {type: int, min: 0.5}\n",
             command: { command(ArgDefinition(name: "n", type: .int, minimum: .float(0.5))) }, code: .invalidChoiceOrBound),
        Case(description: "choice listed twice",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      x: {type: float, choices: [1, 1.0]}\n",
             command: { command(ArgDefinition(name: "x", type: .float, choices: [.init(.float(1)), .init(.float(1.0))])) }, code: .invalidChoices),
        Case(description: "default not a choice",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      s: {multiple: true, default: [a, c], choices: [a, b]}\n",
             command: { command(ArgDefinition(name: "s", default: .list([.str("a"), .str("c")]), choices: [.init(.str("a")), .init(.str("b"))], multiple: true)) },
             code: .defaultNotAChoice),
        Case(description: "min above max",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      n: {type: int, min: 2, max: 1}\n",
             command: { command(ArgDefinition(name: "n", type: .int, minimum: .int(2), maximum: .int(1))) }, code: .minAboveMax),
        Case(description: "default out of bounds",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      x: {type: float, default: -0.5, min: 0}\n",
             command: { command(ArgDefinition(name: "x", type: .float, default: .float(-0.5), minimum: .float(0))) }, code: .outOfBounds),
        Case(description: "choice out of bounds",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      n: {type: int, max: 3, choices: [1, 4]}\n",
             command: { command(ArgDefinition(name: "n", type: .int, choices: [.init(.int(1)), .init(.int(4))], maximum: .int(3))) }, code: .outOfBounds),
        Case(description: "two rest args",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo]\n    args:\n      r: {rest: true}\n      s: {rest: true}\n",
             command: { command(ArgDefinition(name: "r", rest: true), ArgDefinition(name: "s", rest: true)) }, code: .secondRest),
        Case(description: "placeholder naming no arg",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo, \"{nope}\"]\n",
             command: { exec([.init(parts: [.placeholder("nope")])]) }, code: .undeclaredPlaceholder),
        Case(description: "list placeholder inside a text",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo, \"-t{tags}\"]\n    args:\n      tags: {multiple: true}\n",
             command: { exec([.init(parts: [.literal("-t"), .placeholder("tags")])], ArgDefinition(name: "tags", multiple: true)) },
             code: .listPlaceholderInText),
        Case(description: "list placeholder inside a text in a branch",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo, {if: tags, then: \"-t{tags}\"}]\n    args:\n      tags: {multiple: true}\n",
             command: { exec([.init(condition: .init(arg: "tags", then: [.init(parts: [.literal("-t"), .placeholder("tags")])]))],
                             ArgDefinition(name: "tags", multiple: true)) },
             code: .listPlaceholderInText),
        Case(description: "condition without then",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo, {if: v, then: []}]\n    args:\n      v: bool\n",
             command: { exec([.init(condition: .init(arg: "v", then: [], otherwise: [.init(parts: [.literal("x")])]))], ArgDefinition(name: "v", type: .bool)) },
             code: .malformedCondition),
        Case(description: "nested condition",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo, {if: v, then: [{if: v, then: x}]}]\n    args:\n      v: bool\n",
             command: { exec([.init(condition: .init(arg: "v", then: [.init(condition: .init(arg: "v", then: [.init(parts: [.literal("x")])]))]))],
                             ArgDefinition(name: "v", type: .bool)) },
             code: .malformedCondition),
        Case(description: "condition naming no arg",
             manifest: "commands:\n  a:\n    help: H\n    exec: [echo, {if: w, then: x}]\n    args:\n      v: bool\n",
             command: { exec([.init(condition: .init(arg: "w", then: [.init(parts: [.literal("x")])]))], ArgDefinition(name: "v", type: .bool)) },
             code: .undeclaredCondition),
    ]

    /// A command `a` defined in code with these args.
    static func command(_ args: ArgDefinition...) -> CommandDefinition {
        CommandDefinition(name: "a", help: "H", args: args, run: { _ in })
    }

    /// A command `a` that runs `echo` with these elements and args.
    static func exec(_ elements: [ExecTemplate.Element], _ args: ArgDefinition...) -> CommandDefinition {
        CommandDefinition(name: "a", help: "H", args: args, action: .exec(ExecTemplate(program: "echo", arguments: elements)))
    }

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
