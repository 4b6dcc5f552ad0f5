/// The commands as data: `hyper list --json`, version 1, specified by
/// `schemas/commands-description.schema.json`. Completions, documentation and
/// other tools read this instead of parsing help text; a field is only ever
/// added within a version, never changed or removed.
///
/// Locations name files as diagnostics do: relative to the folder hyper was
/// started from when that is shorter, else absolute.
enum CommandDescription {
    static let version = 1

    /// `program` is the name the program is called by, which begins each
    /// built-in's usage.
    static func json(_ commands: [CommandDefinition], builtIns: [BuiltIn], program: String) -> String {
        var out = "{\n  \"version\": \(version),\n  \"commands\": ["
        for (index, command) in commands.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    " + describe(command)
        }
        out += commands.isEmpty ? "],\n" : "\n  ],\n"
        out += "  \"builtins\": ["
        for (index, builtIn) in builtIns.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\"name\": \(JSON.quote(builtIn.name)), \"usage\": \(JSON.quote(program + " " + builtIn.synopsis)), "
                + "\"summary\": \(JSON.quote(builtIn.summary))}"
        }
        return out + "\n  ]\n}\n"
    }

    static func describe(_ command: CommandDefinition) -> String {
        var fields = [
            "\"name\": \(JSON.quote(command.name))",
            "\"help\": \(JSON.quote(command.help))",
            "\"location\": \(location(command.location))",
            "\"root\": \(command.root.map(JSON.quote) ?? "null")",
            "\"binding\": \(binding(command.action))",
            "\"aliases\": [" + command.aliases.map(JSON.quote).joined(separator: ", ") + "]",
            "\"hidden\": \(command.hidden)",
            "\"group\": \(command.group.map(JSON.quote) ?? "null")",
            "\"confirm\": \(command.confirm.map(JSON.quote) ?? "null")",
            "\"dir\": \(command.directory.map(JSON.quote) ?? "null")",
            "\"env\": [" + command.environment.map { "{\"name\": \(JSON.quote($0.name)), \"value\": \(JSON.quote($0.value))}" }
                .joined(separator: ", ") + "]",
        ]
        let args = command.args.map { arg in
            "{" + [
                "\"name\": \(JSON.quote(arg.name))",
                "\"option\": \(JSON.quote(arg.optionName))",
                "\"type\": \(JSON.quote(arg.type.rawValue))",
                "\"required\": \(arg.required)",
                "\"default\": \(arg.default?.json ?? "null")",
                "\"help\": \(JSON.quote(arg.help))",
                "\"location\": \(location(arg.location))",
                "\"short\": \(arg.short.map { JSON.quote("-" + String($0)) } ?? "null")",
                "\"choices\": [" + arg.choices.map { "{\"value\": \($0.value.json), \"help\": \(JSON.quote($0.help))}" }.joined(separator: ", ") + "]",
                "\"env\": \(arg.env.map(JSON.quote) ?? "null")",
                "\"multiple\": \(arg.multiple)",
                "\"rest\": \(arg.rest)",
                "\"min\": \(arg.minimum?.json ?? "null")",
                "\"max\": \(arg.maximum?.json ?? "null")",
                "\"hidden\": \(arg.hidden)",
                "\"deprecated\": \(arg.deprecated.map(JSON.quote) ?? "null")",
                "\"complete\": \(arg.complete.map(completer) ?? "null")",
            ].joined(separator: ", ") + "}"
        }
        fields.append("\"args\": [" + args.joined(separator: ", ") + "]")
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// A `complete:` program as the manifest writes it: the program, then
    /// its elements with their `{placeholders}`.
    private static func completer(_ template: ExecTemplate) -> String {
        "[" + ([JSON.quote(template.program)] + template.arguments.map(element)).joined(separator: ", ") + "]"
    }

    private static func element(_ element: ExecTemplate.Element) -> String {
        JSON.quote(element.parts.map { part in
            switch part {
            case .placeholder(let name): "{" + name + "}"
            case .literal(let text): text.replacingBraces()
            }
        }.joined())
    }

    private static func location(_ location: SourceLocation?) -> String {
        guard let location else { return "null" }
        return "{\"file\": \(JSON.quote(location.file)), \"line\": \(location.line), \"column\": \(location.column)}"
    }

    /// The binding as the manifest would write it: an `exec` element keeps
    /// its `{placeholders}`, with literal braces doubled.
    private static func binding(_ action: CommandAction) -> String {
        switch action {
        case .handler(let name):
            return "{\"kind\": \"handler\", \"handler\": \(JSON.quote(name))}"
        case .shell(let script):
            return "{\"kind\": \"sh\", \"script\": \(JSON.quote(script))}"
        case .closure:
            return "{\"kind\": \"code\"}"
        case .exec(let template):
            func plain(_ element: ExecTemplate.Element) -> String {
                JSON.quote(element.parts.map { part in
                    switch part {
                    case .placeholder(let name): "{" + name + "}"
                    case .literal(let text): text.replacingBraces()
                    }
                }.joined())
            }
            let elements = template.arguments.map { element in
                guard let condition = element.condition else { return plain(element) }
                return "{\"if\": \(JSON.quote(condition.arg)), \"then\": [" + condition.then.map(plain).joined(separator: ", ")
                    + "], \"else\": [" + condition.otherwise.map(plain).joined(separator: ", ") + "]}"
            }
            return "{\"kind\": \"exec\", \"program\": \(JSON.quote(template.program)), \"args\": [" + elements.joined(separator: ", ") + "]}"
        }
    }
}

private extension String {
    /// `{` and `}` doubled, as an `exec` element writes literal braces.
    func replacingBraces() -> String {
        var out = ""
        for character in self {
            if character == "{" || character == "}" { out.append(character) }
            out.append(character)
        }
        return out
    }
}
