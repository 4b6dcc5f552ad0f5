/// One command as the list shows it (`hyper`, `hyper --help`, `hyper list`,
/// `hyper db` for a namespace): what the list needs and nothing more, so the
/// index can answer it without decoding whole definitions.
struct ListedCommand: Sendable, Equatable {
    /// The full name, namespace segments included (`db:migrate`).
    var name: String
    /// Other names that run it, as declared.
    var aliases: [String]
    /// The whole help; the list shows its first line.
    var help: String
    /// The heading it is listed under; nil lists it before every heading.
    var group: String?
    /// Left out of the list but for `hyper list --all`.
    var hidden: Bool

    init(name: String, aliases: [String] = [], help: String = "", group: String? = nil, hidden: Bool = false) {
        self.name = name
        self.aliases = aliases
        self.help = help
        self.group = group
        self.hidden = hidden
    }
}
