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
    /// `-c` for `short: c`: one ASCII letter, not `h`.
    public var short: Character?
    /// The only values accepted, each with its help; empty for any value.
    public var choices: [Choice]
    /// The environment variable read when the option is not on the command
    /// line (then the default applies).
    public var env: String?
    /// Given many times, the values kept in order; the value is a `.list`.
    public var multiple: Bool
    /// The pass-through: every word after `--`, or from the first word that
    /// is not the command's own, unparsed. A `str` list, empty by default.
    public var rest: Bool
    /// Inclusive bounds of an `int` or `float` (each value of a list).
    public var minimum: ArgValue?
    public var maximum: ArgValue?
    /// Accepted, but left out of help, the list and completions.
    public var hidden: Bool
    /// Accepted with a warning that says this.
    public var deprecated: String?
    /// The program that lists this arg's values on Tab (`complete:` in a
    /// manifest): run directly, no shell, in the command's folder, with the
    /// word being completed in `HYPER_COMPLETE_WORD`; its elements may hold
    /// placeholders of the values already typed. Runs only in a project the
    /// user trusted (`hyper completions --trust`).
    public var complete: ExecTemplate?

    /// One accepted value and what it means.
    public struct Choice: Sendable, Hashable {
        public var value: ArgValue
        public var help: String

        public init(_ value: ArgValue, help: String = "") {
            self.value = value
            self.help = help
        }
    }

    /// A bool arg is a flag: it takes no value on the command line.
    public var isFlag: Bool { type == .bool && !multiple }

    /// Takes many values: `multiple` or `rest`.
    public var isList: Bool { multiple || rest }

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
        location: SourceLocation? = nil,
        short: Character? = nil,
        choices: [Choice] = [],
        env: String? = nil,
        multiple: Bool = false,
        rest: Bool = false,
        minimum: ArgValue? = nil,
        maximum: ArgValue? = nil,
        hidden: Bool = false,
        deprecated: String? = nil,
        complete: ExecTemplate? = nil
    ) {
        self.name = name
        self.type = type
        let list = multiple || rest
        self.default = `default` ?? (rest ? .list([]) : type == .bool && !list ? .bool(false) : nil)
        self.help = help
        self.required = required ?? (`default` == nil && !rest && (type != .bool || list))
        self.location = location
        self.short = short
        self.choices = choices
        self.env = env
        self.multiple = list
        self.rest = rest
        self.minimum = minimum
        self.maximum = maximum
        self.hidden = hidden
        self.deprecated = deprecated
        self.complete = complete
    }
}
