// Manifest bytes -> definitions or diagnostics. Nothing may crash, hang or
// grow without bound; every diagnostic must be located and printable in
// every format, and print its code; a load without errors must have loaded
// every command it declares.
import FuzzSupport
import HyperCommands

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = bytes(data, size)
    plantedCrash(input)
    let load = ManifestLoader.decode(bytes: input, file: "fuzz.yaml")
    let (commands, diagnostics) = (load.commands, load.diagnostics)
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
    let renderer = DiagnosticRenderer(sources: load.sources)
    for format in DiagnosticFormat.allCases {
        _ = renderer.render(diagnostics, format: format)
    }
    for diagnostic in diagnostics {
        let heading = "\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]: "
        require(renderer.human(diagnostic).hasPrefix(heading), "human output of \(diagnostic.code.rawValue) does not start with `\(heading)`")
        require(renderer.concise(diagnostic).hasSuffix(" [\(diagnostic.code.rawValue)]\n"), "concise output of \(diagnostic.code.rawValue) does not end with its code")
    }
    // Warnings never keep a command out; only an error may.
    if !load.hasErrors {
        require(commands.count == load.commandCount, "no errors, but \(commands.count) of \(load.commandCount) commands loaded")
    }
    return 0
}

runFuzzer(fuzzManifest)
