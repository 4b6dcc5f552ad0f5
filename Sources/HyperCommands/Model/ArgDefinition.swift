/// One argument of a command: the seed's `ArgDefinition`.
///
/// `bool` args are flags: `--verbose` sets true, `--no-verbose` or
/// `--verbose=false` sets false, and with no default they are false. Any other
/// arg without a default is required unless `required` is false.
public struct ArgDefinition: Sendable, Hashable {
    /// The name as declared: a lowercase letter, then lowercase letters, digits and `_`.
    public var name: String
    public var type: ArgType
    public var `default`: ArgValue?
    public var help: String
    public var required: Bool
    /// Where the manifest declares it; nil for args defined in code.
    public var location: SourceLocation?

    /// A bool arg is a flag: it takes no value on the command line.
    public var isFlag: Bool { type == .bool }

    /// `--dry-run` for `dry_run`.
    public var optionName: String {
        var bytes: [UInt8] = [UInt8(ascii: "-"), UInt8(ascii: "-")]
        for byte in name.utf8 { bytes.append(byte == UInt8(ascii: "_") ? UInt8(ascii: "-") : byte) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `HYPER_ARG_DRY_RUN` for `dry_run`.
    public var environmentName: String { "HYPER_ARG_" + name.uppercased() }

    /// Creates an arg with the seed's defaults: a str, required unless it has a
    /// default or is a bool (a bool without a default defaults to false).
    public init(
        name: String,
        type: ArgType = .str,
        default: ArgValue? = nil,
        help: String = "",
        required: Bool? = nil,
        location: SourceLocation? = nil
    ) {
        self.name = name
        self.type = type
        self.default = `default` ?? (type == .bool ? .bool(false) : nil)
        self.help = help
        self.required = required ?? (`default` == nil && type != .bool)
        self.location = location
    }
}
