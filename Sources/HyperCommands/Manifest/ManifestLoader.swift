import HyperYAML

/// Everything one load of a project's manifests produced.
struct ManifestLoad: Sendable {
    /// The manifests read, as displayed, in reading order.
    var files: [String]
    /// Their text, by displayed path, for showing source lines.
    var sources: [String: SourceText]
    /// The commands that loaded without error.
    var commands: [CommandDefinition]
    /// Every problem, sorted by file and position.
    var diagnostics: [Diagnostic]
    /// Every command entry seen, valid or not.
    var commandCount: Int
    /// What was read, for telling later whether this load still holds.
    var inputs = ManifestInputs()
    /// Every name and alias declared, valid or not, in reading order.
    var declared: [DeclaredCommand] = []
    /// Manifests whose names are not all known: YAML that could not be read
    /// to its end or had a problem, a structure the decoder skipped, a file
    /// left unread. A call never gives up a longer namespaced name for a
    /// shorter one while there is any.
    var unreadToEnd: [String] = []

    var hasErrors: Bool { diagnostics.errorCount > 0 }

    /// Manifests with errors of their own (their YAML or the format), as
    /// shown, in reading order. Their commands are not sound: a call does not
    /// run them, though the other manifests' commands still run. A file left
    /// out for its name (E118) is not among them.
    var brokenFiles: [String] {
        var broken: Set<String> = []
        for diagnostic in diagnostics where diagnostic.severity == .error && diagnostic.code != .manifestNameNotUTF8 {
            if let file = diagnostic.location?.file, diagnostic.code.isManifestsOwn { broken.insert(file) }
        }
        return files.filter { broken.contains($0) }
    }

    /// Manifests with any error (their own, or one a check across files
    /// placed in them), as shown, in reading order: what the one-line
    /// warning of a call counts. A file left out for its name is warned
    /// about on its own.
    var filesWithErrors: [String] {
        var files: Set<String> = []
        for diagnostic in diagnostics where diagnostic.severity == .error && diagnostic.code != .manifestNameNotUTF8 {
            if let file = diagnostic.location?.file { files.insert(file) }
        }
        return self.files.filter { files.contains($0) }
    }

    /// True when an error stops every call: one that belongs to no manifest
    /// (a path given that is missing or unreadable).
    var stopsEveryCall: Bool {
        diagnostics.contains { $0.severity == .error && $0.location == nil }
    }

    /// The commands a call may run: those of manifests without errors of
    /// their own that no project check refused.
    var soundCommands: [CommandDefinition] {
        let broken = Set(brokenFiles)
        guard !broken.isEmpty else { return commands }
        return commands.filter { command in command.location.map { !broken.contains($0.file) } ?? true }
    }

    /// The groups of the sound commands, in the order they first appear
    /// (files in reading order, commands in file order).
    var groupOrder: [String] {
        var order: [String] = []
        for command in soundCommands {
            if let group = command.group, !order.contains(where: { Names.same($0, group) }) { order.append(group) }
        }
        return order
    }

    /// Every name and alias declared that is not a name of a sound command,
    /// sorted: a call refuses them with their diagnostics.
    var refusedNames: [String] {
        var sound: Set<ExactName> = []
        for command in soundCommands { for name in command.names { sound.insert(ExactName(name)) } }
        var refused: Set<ExactName> = []
        for entry in declared where !sound.contains(ExactName(entry.name)) { refused.insert(ExactName(entry.name)) }
        return refused.map(\.text).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The error diagnostics that concern the command declared under this
    /// name or alias: those inside its entry (from its key to the next
    /// command's), those that name it, and the YAML problems of a manifest
    /// that could not be read to its end.
    func diagnostics(concerning name: String) -> [Diagnostic] {
        let owners = declared.filter { Names.same($0.name, name) }.map(\.command)
        let entries = declared.filter { entry in entry.owner == nil && owners.contains { Names.same($0, entry.name) } }
        var ranges: [(file: String, from: Int, to: Int)] = []
        for entry in entries {
            let next = declared.filter { $0.owner == nil && $0.location.file == entry.location.file && $0.location.line > entry.location.line }
                .map(\.location.line).min() ?? Int.max
            ranges.append((entry.location.file, entry.location.line, next))
        }
        let own = diagnostics.filter { diagnostic in
            guard diagnostic.severity == .error else { return false }
            // A clash across files names the command; its place may be another file.
            if diagnostic.code == .duplicateCommand || diagnostic.code == .reservedCommandName,
               owners.contains(where: { diagnostic.message.contains("`\($0)`") }) { return true }
            guard let location = diagnostic.location else { return false }
            if unreadToEnd.contains(location.file) { return true }
            return ranges.contains { $0.file == location.file && location.line >= $0.from && location.line < $0.to }
        }
        guard own.isEmpty else { return own }
        // A sound entry in a broken manifest: the manifest's errors say why.
        let files = Set(entries.map(\.location.file))
        return diagnostics.filter { $0.severity == .error && $0.location.map { files.contains($0.file) } == true }
    }

    /// Manifests left out because their file names are not UTF-8, as shown.
    var skippedFiles: [String] {
        diagnostics.compactMap { $0.code == .manifestNameNotUTF8 ? $0.location?.file : nil }
    }
}

/// The files and folders a load read, as the index records them.
struct ManifestInputs: Sendable {
    struct File: Sendable {
        var path: String
        var signature: FileSystem.Signature
        /// A fast hash, for telling whether a file read again for its source
        /// lines is still the one decoded.
        var contentHash: UInt64
        /// SHA-256 of the bytes, for the index (nil when no index is wanted).
        var digest: SHA256.Digest?
    }

    /// A folder given, as one listing saw it.
    struct Folder: Sendable {
        var path: String
        /// The manifests' names in reading order; those that are not UTF-8
        /// count too, as in `FileSystem.listManifests`.
        var names: [ManifestName]
        /// The folder's signature, taken before it was listed.
        var signature: FileSystem.Signature
        /// True when which manifests the folder holds can change only with
        /// the folder's own signature, so a call may trust the index's names
        /// while that signature holds: its file system keeps folder times
        /// (`FileSystem.keepsFolderTimes`) and the listing itself typed every
        /// entry named like a manifest. A symbolic link named like a manifest
        /// counts only while its target is a file, which can change with no
        /// change to the folder: such a folder is listed on every call.
        var settled: Bool
    }

    var folders: [Folder] = []
    var files: [File] = []
}

/// Reads manifests from files and folders, decodes each, then checks them as
/// one project.
struct ManifestLoader: Sendable {
    /// Where relative paths start, and what displayed paths are relative to.
    var workingDirectory: String
    /// The handlers the running binary registers.
    var handlers: HandlerCatalog
    /// Commands defined in code, which manifests may not define again.
    var codeCommands: [String]
    /// When set, paths are displayed relative to this folder instead of the
    /// working directory, and absolute outside it (`--format github`).
    var displayRoot: String?

    /// Why the current folder is unknown, when none was given: relative paths
    /// are then refused, never resolved against a guess.
    var unknownWorkingDirectory: FileSystem.UnknownDirectory?

    init(workingDirectory: String? = nil, handlers: HandlerCatalog = HandlerCatalog(), codeCommands: [String] = []) {
        // Absolute paths still load when the folder is unknown, shown absolute.
        (self.workingDirectory, unknownWorkingDirectory) = FileSystem.workingDirectory(given: workingDirectory)
        self.handlers = handlers
        self.codeCommands = codeCommands
    }

    /// The nearest `commands.d` folder from `directory` upward, if any.
    static func findManifestFolder(from directory: String) -> String? {
        var current = Path.absolute(directory, from: "/")
        while true {
            let candidate = Path.join(current, "commands.d")
            if FileSystem.kind(candidate) == .directory { return candidate }
            if current == "/" { return nil }
            current = Path.parent(current)
        }
    }

    /// The names of the manifests in a folder: `*.yaml` and `*.yml` files
    /// directly inside, in byte order of their names, names that are not
    /// UTF-8 included (which `load` reports). Names starting with `.` (editor
    /// leftovers) are skipped.
    static func manifestNames(in folder: String) -> [ManifestName]? {
        manifestFolder(folder)?.names
    }

    /// `manifestNames(in:)` with what the index needs to trust the listing later.
    static func manifestFolder(_ folder: String) -> ManifestInputs.Folder? {
        guard let listing = FileSystem.listManifests(folder) else { return nil }
        let names = listing.names.sorted { $0.lexicographicallyPrecedes($1) }
        return ManifestInputs.Folder(path: folder, names: names.map(ManifestName.init), signature: listing.signature,
                                     settled: listing.settled)
    }

    /// Loads manifest files and folders (each folder's manifests, as above).
    ///
    /// With `keepingCommands` false the definitions are checked and then
    /// dropped, file by file: `hyper validate` needs only the diagnostics and
    /// the count, and keeping 10,000 definitions would cost more memory and
    /// time than checking them.
    func load(paths: [String], keepingCommands: Bool = true) -> ManifestLoad {
        var diagnostics: [Diagnostic] = []
        // A file whose name is not UTF-8 is listed (shown escaped) but never
        // read: `absolute` cannot name it.
        var files: [(shown: String, absolute: String, nameIsUTF8: Bool)] = []
        var inputs = ManifestInputs()
        for path in paths {
            guard !path.isEmpty else {
                diagnostics.append(Diagnostic(.unreadable, "an empty path names no file or folder", at: nil))
                continue
            }
            if let unknownWorkingDirectory, !path.hasPrefix("/") {
                diagnostics.append(Diagnostic(.unreadable, "cannot find `\(path)`: \(unknownWorkingDirectory.reason)", at: nil))
                continue
            }
            let absolute = Path.absolute(path, from: workingDirectory)
            switch FileSystem.kind(absolute) {
            case .directory:
                guard let folder = Self.manifestFolder(absolute) else {
                    diagnostics.append(Diagnostic(.unreadable, "cannot read folder `\(display(absolute))`: \(FileSystem.errorText())", at: nil))
                    continue
                }
                inputs.folders.append(folder)
                let names = folder.names
                // A name has no `/`: the folder is shown once and each name joined to it.
                let shownFolder = display(absolute)
                files += names.map { name in
                    let text = name.text ?? Path.escapedName(name.bytes)
                    return (Path.join(shownFolder, text), Path.join(absolute, text), name.text != nil)
                }
            case .file:
                files.append((display(absolute), absolute, true))
            case .missing:
                diagnostics.append(Diagnostic(.unreadable, "no such file or folder: `\(path)`", at: nil))
            case .other:
                diagnostics.append(Diagnostic(.unreadable, "`\(path)` is not a file or folder", at: nil))
            }
        }
        var seen: Set<String> = []
        // An escaped name may read like a real one (`caf\xe9.yaml`); NUL, which no path holds, keeps them apart.
        files = files.filter { seen.insert($0.nameIsUTF8 ? $0.absolute : $0.absolute + "\0").inserted }

        var contents: [String: [UInt8]] = [:]
        var commands: [CommandDefinition] = []
        var declared: [DeclaredCommand] = []
        var commandCount = 0
        let checks = ProjectChecks(workingDirectory: workingDirectory, handlers: handlers, codeCommands: codeCommands,
                                   displayRoot: displayRoot)
        // Files decode and their bindings are checked independently: on
        // several cores when there are enough files.
        let decodeAndCheck = { @Sendable (file: (shown: String, absolute: String, nameIsUTF8: Bool)) -> DecodedFile in
            guard file.nameIsUTF8 else { return Self.nameNotUTF8(shown: file.shown) }
            var decoded = Self.decodeFile(shown: file.shown, absolute: file.absolute, digesting: keepingCommands)
            var bindingChecks = checks
            bindingChecks.checkBindings(decoded.commands)
            decoded.checkDiagnostics = bindingChecks.diagnostics
            let failed = bindingChecks.failedCommands
            if !keepingCommands {
                decoded.commands = []
            } else if !failed.isEmpty {
                decoded.commands.removeAll { failed.contains($0.name) }
            }
            // Only a file with problems of its own is likely to show a source
            // line; the others are read again if a project check needs them.
            if decoded.diagnostics.isEmpty && decoded.checkDiagnostics.isEmpty { decoded.bytes = nil }
            return decoded
        }
        let decoded = files.count >= 4 ? ParallelMap.map(files, decodeAndCheck) : files.map(decodeAndCheck)
        if keepingCommands {
            commands.reserveCapacity(decoded.reduce(0) { $0 + $1.commands.count })
        }
        declared.reserveCapacity(decoded.reduce(0) { $0 + $1.declared.count })
        var readAgain: [String: ManifestInputs.File] = [:]
        var unreadToEnd: [String] = []
        for file in decoded {
            if file.stoppedEarly { unreadToEnd.append(file.shown) }
            diagnostics += file.diagnostics
            if let bytes = file.bytes { contents[file.shown] = bytes } else if let input = file.input { readAgain[file.shown] = input }
            if let input = file.input { inputs.files.append(input) }
            commands += file.commands
            declared += file.declared
            commandCount += file.declared.reduce(0) { $0 + ($1.owner == nil ? 1 : 0) }
        }
        // Name checks report before binding checks, in the order of files.
        var nameChecks = checks
        nameChecks.checkNames(declared)
        diagnostics += nameChecks.diagnostics
        for file in decoded { diagnostics += file.checkDiagnostics }
        let failed = nameChecks.failedCommands
        if !failed.isEmpty {
            commands.removeAll { failed.contains($0.name) }
        }
        return ManifestLoad(
            files: files.map(\.shown),
            sources: Self.sources(of: diagnostics, in: contents, readingAgain: readAgain),
            commands: commands,
            diagnostics: diagnostics.sortedByLocation(fileOrder: files.map(\.shown)),
            commandCount: commandCount,
            inputs: inputs,
            declared: declared,
            unreadToEnd: unreadToEnd
        )
    }

    /// Decodes one manifest's bytes as if read from `file`: its commands and
    /// its own diagnostics, without the checks that need the whole project or
    /// the disk. For editors, tools and fuzzing.
    static func decode(bytes: [UInt8], file: String) -> ManifestLoad {
        let decoded = decodeBytes(bytes, shown: file)
        return ManifestLoad(
            files: [file],
            sources: sources(of: decoded.diagnostics, in: [file: bytes]),
            commands: decoded.commands,
            diagnostics: decoded.diagnostics.sortedByLocation(fileOrder: [file]),
            commandCount: decoded.declared.reduce(0) { $0 + ($1.owner == nil ? 1 : 0) }
        )
    }

    /// The text, split into lines, of each file a diagnostic points into:
    /// only those files ever show a source line, so only they pay for
    /// finding line breaks.
    ///
    /// A file whose bytes were not kept is read again, and used only if its
    /// content hash is still the one decoded: a file edited since shows no
    /// source line rather than a wrong one.
    static func sources(of diagnostics: [Diagnostic], in contents: [String: [UInt8]],
                        readingAgain readAgain: [String: ManifestInputs.File] = [:]) -> [String: SourceText] {
        var sources: [String: SourceText] = [:]
        for diagnostic in diagnostics {
            guard let file = diagnostic.location?.file, sources[file] == nil else { continue }
            if let bytes = contents[file] {
                sources[file] = SourceText(bytes)
            } else if let input = readAgain[file],
                      case .success(let bytes) = FileSystem.readFile(input.path, limit: YAMLLimits.manifest.maxFileBytes),
                      ContentHash.of(bytes) == input.contentHash {
                sources[file] = SourceText(bytes)
            }
        }
        return sources
    }

    /// What one manifest file yields on its own.
    struct DecodedFile: Sendable {
        var shown: String
        var bytes: [UInt8]?
        var input: ManifestInputs.File?
        var diagnostics: [Diagnostic] = []
        var commands: [CommandDefinition] = []
        var declared: [DeclaredCommand] = []
        /// What the binding checks found (project-wide checks come later).
        var checkDiagnostics: [Diagnostic] = []
        /// True when the names it declares may be incomplete (see
        /// `ManifestLoad.unreadToEnd`).
        var stoppedEarly = false
    }

    /// A manifest whose file name is not UTF-8: reported, never read. hyper
    /// could open it by its bytes, but could not name it in any message, the
    /// index or `HYPER_*` variables without changing it.
    static func nameNotUTF8(shown: String) -> DecodedFile {
        var result = DecodedFile(shown: shown)
        // Never read, it may declare any name.
        result.stoppedEarly = true
        result.diagnostics.append(Diagnostic(.manifestNameNotUTF8, "manifest file name is not valid UTF-8",
                                             at: SourceLocation(file: shown, line: 1, column: 1),
                                             help: "rename the file; its commands are not loaded until then"))
        return result
    }

    /// Reads and decodes one manifest file.
    /// With `digesting`, also the SHA-256 of its bytes, which the index keeps.
    static func decodeFile(shown: String, absolute: String, digesting: Bool = false) -> DecodedFile {
        var result = DecodedFile(shown: shown)
        let start = SourceLocation(file: shown, line: 1, column: 1)
        switch FileSystem.readFileWithSignature(absolute, limit: YAMLLimits.manifest.maxFileBytes) {
        case .failure(.tooLarge(let size)):
            result.diagnostics.append(Diagnostic(.fileTooLarge, "manifest is \(size) bytes, over the limit of \(YAMLLimits.manifest.maxFileBytes)",
                                                 at: start, help: "split the commands across several files in `commands.d`"))
        case .failure(.notARegularFile):
            result.diagnostics.append(Diagnostic(.unreadable, "manifest is not a regular file", at: start))
        case .failure(.system(let reason)):
            result.diagnostics.append(Diagnostic(.unreadable, "cannot read manifest: \(reason)", at: start))
        case .success(let (bytes, signature)):
            var decoded = decodeBytes(bytes, shown: shown)
            let root = CommandDefinition.root(ofManifest: absolute)
            for index in decoded.commands.indices { decoded.commands[index].root = root }
            decoded.input = ManifestInputs.File(path: absolute, signature: signature, contentHash: ContentHash.of(bytes),
                                                digest: digesting ? SHA256.hash(bytes) : nil)
            return decoded
        }
        // Unread, it may declare any name.
        result.stoppedEarly = true
        return result
    }

    /// Decodes manifest bytes.
    static func decodeBytes(_ bytes: [UInt8], shown: String) -> DecodedFile {
        var result = DecodedFile(shown: shown)
        result.bytes = bytes
        var decoder = ManifestDecoder(file: shown)
        let (_, problems, stoppedEarly) = YAMLEventStream.read(bytes) { stream in decoder.decode(&stream) }
        for problem in problems {
            var help = problem.help
            if problem.kind == .syntax {
                help = CommonMistakes.syntaxHelp(message: problem.message, at: problem.span.start, in: SourceText(bytes))
            }
            result.diagnostics.append(Diagnostic(
                code(for: problem.kind), problem.message,
                at: SourceLocation(file: shown, line: problem.span.start.line,
                                   column: problem.span.start.column, length: problem.span.length),
                help: help
            ))
        }
        // A file that could not be read to its end is reported by its YAML
        // problem alone: what the decoder made of the fragment would cascade.
        guard !stoppedEarly else {
            result.stoppedEarly = true
            return result
        }
        // A YAML problem (a duplicate key, a second document, an anchor) may
        // have kept names from the decoder, as may a structure it skipped.
        if decoder.namesIncomplete || !problems.isEmpty { result.stoppedEarly = true }
        result.diagnostics += decoder.diagnostics
        result.commands = decoder.commands
        result.declared = decoder.declaredCommands
        return result
    }

    private func display(_ absolute: String) -> String {
        Path.display(absolute, from: workingDirectory, root: displayRoot)
    }

    static func code(for kind: YAMLProblem.Kind) -> DiagnosticCode {
        switch kind {
        case .fileTooLarge: .fileTooLarge
        case .invalidUTF8: .invalidUTF8
        case .nulCharacter: .nulCharacter
        case .misplacedByteOrderMark: .misplacedByteOrderMark
        case .bidiControl: .bidiControl
        case .syntax: .yamlSyntax
        case .empty: .emptyManifest
        case .multipleDocuments: .multipleDocuments
        case .anchorOrAlias: .anchorOrAlias
        case .tag: .tag
        case .directive: .directive
        case .mergeKey: .mergeKey
        case .complexKey: .complexKey
        case .tooDeep: .tooDeep
        case .duplicateKey: .duplicateKey
        case .keyTooLong: .keyTooLong
        case .scalarTooLong: .valueTooLong
        }
    }
}

/// Which file names in a manifest folder are manifests.
enum ManifestNames {
    /// `*.yaml` or `*.yml`, not starting with `.` (editor leftovers).
    static func isManifestName(_ name: UnsafeRawBufferPointer) -> Bool {
        guard let first = name.first, first != UInt8(ascii: ".") else { return false }
        func ends(with suffix: StaticString) -> Bool {
            let count = suffix.utf8CodeUnitCount
            guard name.count > count else { return false }
            return UnsafeRawBufferPointer(start: suffix.utf8Start, count: count).elementsEqual(name[(name.count - count)...])
        }
        return ends(with: ".yaml") || ends(with: ".yml")
    }

    /// An order-independent digest of manifest names (`FileSystem.ManifestListing.digest`).
    static func digest(_ names: [[UInt8]]) -> UInt64 {
        var digest: UInt64 = 0
        for name in names {
            digest &+= name.withUnsafeBytes { ContentHash.of($0) }
        }
        return digest
    }
}

/// A manifest's file name as its folder lists it.
struct ManifestName: Sendable {
    /// The exact bytes.
    var bytes: [UInt8]
    /// The name, when the bytes are UTF-8.
    var text: String?

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        text = String(validating: bytes, as: UTF8.self)
    }
}

/// A command name or alias as declared in a manifest, valid or not.
struct DeclaredCommand: Sendable {
    var name: String
    var location: SourceLocation
    /// The command an alias belongs to; nil for a command's own name.
    var owner: String?
    /// True when the command loaded and takes positional words (W405).
    var takesWords = false

    init(name: String, location: SourceLocation, owner: String? = nil) {
        self.name = name
        self.location = location
        self.owner = owner
    }

    /// The command that fails when this name is refused.
    var command: String { owner ?? name }
}
