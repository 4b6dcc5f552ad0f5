// Manifest bytes -> definitions or diagnostics. Nothing may crash, hang or
// grow without bound; every diagnostic must be located and printable in
// every format, and print its code; a load without errors must have loaded
// every command it declares; and every command loaded must pass the rules a
// command registered in code is held to, with every value of its type.
import FuzzSupport
@_spi(Fuzz) import HyperCommands

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = bytes(data, size)
    plantedCrash(input)
    let decoded = ManifestFuzzing.decode(input)
    let (commands, diagnostics) = (decoded.commands, decoded.diagnostics)
    for diagnostic in diagnostics {
        if let location = diagnostic.location {
            require(location.line >= 1 && location.column >= 1 && location.length >= 1, "located at \(location)")
        }
        require(!diagnostic.message.isEmpty, "a diagnostic without a message")
    }
    for command in commands {
        require(Names.isCommandName(command.name), "command `\(command.name)` loaded with an invalid name")
        for arg in command.args {
            require(Names.isArgName(arg.name), "arg `\(arg.name)` loaded with an invalid name")
            if let value = arg.default { require(value.fits(arg), "default of `\(arg.name)` has the wrong type") }
            for choice in arg.choices { require(choice.value.type == arg.type, "a choice of `\(arg.name)` has the wrong type") }
            for bound in [arg.minimum, arg.maximum].compactMap({ $0 }) {
                require(bound.type == arg.type, "a bound of `\(arg.name)` has the wrong type")
            }
        }
        let violations = ManifestFuzzing.ruleViolations(command)
        require(violations.isEmpty, "command `\(command.name)` loaded, but breaks \(violations)")
    }
    require(decoded.renderings.count == 4, "rendered in every format")
    for (index, diagnostic) in diagnostics.enumerated() {
        let heading = "\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]: "
        require(decoded.human[index].hasPrefix(heading), "human output of \(diagnostic.code.rawValue) does not start with `\(heading)`")
        require(decoded.concise[index].hasSuffix(" [\(diagnostic.code.rawValue)]\n"), "concise output of \(diagnostic.code.rawValue) does not end with its code")
    }
    // Warnings never keep a command out; only an error may.
    if !decoded.hasErrors {
        require(commands.count == decoded.commandCount, "no errors, but \(commands.count) of \(decoded.commandCount) commands loaded")
    }
    return 0
}

runFuzzer(fuzzManifest)
