// Manifest bytes -> definitions or diagnostics. Nothing may crash, hang or
// grow without bound, and every diagnostic must be located and printable in
// every format.
import FuzzSupport
@_spi(Fuzz) import HyperCommands

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = bytes(data, size)
    plantedCrash(input)
    let (commands, diagnostics, renderings) = ManifestFuzzing.decode(input)
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
            if let value = arg.default { require(value.type == arg.type, "default of `\(arg.name)` has the wrong type") }
        }
    }
    require(renderings.count == 4, "rendered in every format")
    if diagnostics.allSatisfy({ $0.severity != .error }) {
        require(diagnostics.allSatisfy { $0.severity == .warning }, "unexpected severity")
    }
    return 0
}

runFuzzer(fuzzManifest)
