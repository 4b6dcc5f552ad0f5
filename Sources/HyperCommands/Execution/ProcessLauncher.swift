#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which the Glibc
/// module does not export.
@_silgen_name("posix_spawn_file_actions_addchdir_np")
func addChangeDirectory(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: UnsafePointer<CChar>) -> Int32

/// glibc's `posix_spawn_file_actions_addfchdir_np` (2.29+).
@_silgen_name("posix_spawn_file_actions_addfchdir_np")
private func addChangeDirectory(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, descriptor: Int32) -> Int32

/// Starts the process a `ProcessPlan` describes, straight over libc.
///
/// Inherited environment strings are passed on as the very bytes hyper got
/// (never decoded and re-encoded), minus the variables hyper owns.
enum ProcessLauncher {
    /// Why a program could not be started, with the shell's exit codes.
    struct LaunchFailure: Error, Equatable {
        var message: String
        /// 127: not found; 126: found but not executable.
        var status: Int32
        /// What to do about it, if hyper knows.
        var help: String?

        /// `Error: ...` and the help, as printed.
        var text: String { ErrorText.lines(message, help: help.map { [$0] } ?? []) }
    }

    /// Replaces the hyper process with the planned one (`execve`), so exit
    /// status, signals, the terminal and the process group are the child's
    /// own. Returns only if the program could not be started.
    static func replaceProcess(with plan: ProcessPlan) -> LaunchFailure {
        if plan.confinement != nil {
            let folder: Int32
            switch confinedFolder(plan) {
            case .success(let descriptor): folder = descriptor
            case .failure(let failure): return failure
            }
            defer { close(folder) }
            guard fchdir(folder) == 0 else {
                return LaunchFailure(message: "cannot enter `\(TerminalText.line(plan.workingDirectory))`: \(FileSystem.errorText())", status: 126)
            }
        } else if chdir(plan.workingDirectory) != 0 {
            return LaunchFailure(message: "cannot enter `\(TerminalText.line(plan.workingDirectory))`: \(FileSystem.errorText())", status: 126)
        }
        return withCStrings(plan.arguments) { argv in
            withEnvironment(plan) { envp in
                var lastError: Int32 = ENOENT
                forEachCandidate(for: plan.program, searchPath: plan.searchPath) { candidate in
                    // A failed execve costs far more than a stat: skip the
                    // PATH entries that do not hold the name at all.
                    if isMissing(candidate) { return false }
                    execve(candidate, argv, envp)
                    // Keep the most telling error: "permission denied" beats "not found".
                    if errno != ENOENT && errno != ENOTDIR || lastError == ENOENT { lastError = errno == ENOTDIR ? ENOENT : errno }
                    return false
                }
                return failure(plan.arguments[0], errno: lastError)
            }
        }
    }

    /// Starts the planned process with `posix_spawn` in hyper's own process
    /// group, with default signal dispositions and an empty signal mask, and
    /// returns its pid.
    static func spawn(_ plan: ProcessPlan) -> Result<pid_t, LaunchFailure> {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        setDefaultSignals(&attributes, extraFlags: 0)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var folder: Int32 = -1
        if plan.confinement != nil {
            switch confinedFolder(plan) {
            case .success(let descriptor): folder = descriptor
            case .failure(let failure): return .failure(failure)
            }
            _ = addChangeDirectory(&actions, descriptor: folder)
        } else {
            _ = plan.workingDirectory.withCString { addChangeDirectory(&actions, $0) }
        }
        defer { if folder >= 0 { close(folder) } }

        return withCStrings(plan.arguments) { argv in
            withEnvironment(plan) { envp in
                var lastError: Int32 = ENOENT
                for candidate in candidates(for: plan.program, searchPath: plan.searchPath) {
                    var pid = pid_t()
                    let result = posix_spawn(&pid, candidate, &actions, &attributes, argv, envp)
                    if result == 0 { return .success(pid) }
                    if result != ENOENT && result != ENOTDIR || lastError == ENOENT { lastError = result == ENOTDIR ? ENOENT : result }
                }
                return .failure(failure(plan.arguments[0], errno: lastError))
            }
        }
    }

    /// Spawn attributes for a child that starts as a fresh program would:
    /// every signal's default disposition (but the two that cannot be
    /// changed) and an empty mask, plus `extraFlags` (a process group).
    static func setDefaultSignals(_ attributes: inout posix_spawnattr_t, extraFlags: Int32) {
        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK) | extraFlags))
    }

    /// The exit status of a finished child, the way a shell reports it:
    /// its exit code, or 128+N when signal N killed it.
    static func status(fromWait status: Int32) -> Int32 {
        let signal = status & 0x7F
        if signal == 0 { return (status >> 8) & 0xFF }
        return 128 + signal
    }

    private static func failure(_ program: String, errno code: Int32) -> LaunchFailure {
        let program = TerminalText.line(program)
        return switch code {
        case ENOENT:
            LaunchFailure(message: "program not found: `\(program)`", status: 127)
        case EACCES, EPERM:
            LaunchFailure(message: "program is not executable: `\(program)`", status: 126)
        case ENOEXEC:
            // Shells would run such a file with /bin/sh; hyper never adds a shell unasked.
            LaunchFailure(message: "cannot run `\(program)`: exec format error", status: 126, help: "a script needs a `#!` line")
        default:
            LaunchFailure(message: "cannot run `\(program)`: \(String(cString: strerror(code)).lowercased())", status: 126)
        }
    }

    /// The folder of a command with a `dir`, opened, once its own path
    /// (what the descriptor is, links resolved) is known to be inside the
    /// project root: entered by the descriptor, it cannot be swapped for a
    /// link that leads elsewhere between the check and the start.
    private static func confinedFolder(_ plan: ProcessPlan) -> Result<Int32, LaunchFailure> {
        let shown = TerminalText.line(plan.workingDirectory)
        let folder = open(plan.workingDirectory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else {
            return .failure(LaunchFailure(message: "cannot enter `\(shown)`: \(FileSystem.errorText())", status: 126))
        }
        let real = FileSystem.path(ofOpen: folder)
        guard let real, let root = plan.confinement.flatMap(FileSystem.resolvedPath),
              Path.isInside(real, root) else {
            close(folder)
            return .failure(LaunchFailure(message: "`\(shown)` leads outside the project\(real.map { ", to `\(TerminalText.line($0))`" } ?? ""); nothing was run",
                                          status: 126))
        }
        return .success(folder)
    }

    /// True when nothing is at `path` (or a part of it is not a folder).
    private static func isMissing(_ path: UnsafePointer<CChar>) -> Bool {
        var info = stat()
        return stat(path, &info) != 0 && (errno == ENOENT || errno == ENOTDIR)
    }

    /// Where programs are looked for when `PATH` is unset.
    static let defaultSearchPath = "/usr/local/bin:/usr/bin:/bin"

    /// Paths to try: the program itself when it has a `/`, else each entry of
    /// `searchPath` (the process's `PATH`, unless given; an empty entry is the
    /// working directory, as in `execvp`).
    static func candidates(for program: String, searchPath: String? = getenv("PATH").map { String(cString: $0) }) -> [String] {
        var candidates: [String] = []
        forEachCandidate(for: program, searchPath: searchPath) { candidate in
            candidates.append(String(cString: candidate))
            return false
        }
        return candidates
    }

    /// Each of `candidates(for:searchPath:)` in turn, as a C string built in
    /// one reused buffer, until `body` returns true: the lookup before
    /// `execve` stops at the first that exists and builds no `String`s.
    static func forEachCandidate(for program: String, searchPath: String?, _ body: (UnsafePointer<CChar>) -> Bool) {
        var program = program
        program.withUTF8 { name in
            var buffer: [CChar] = []
            func offer(_ folder: UnsafeBufferPointer<UInt8>) -> Bool {
                buffer.removeAll(keepingCapacity: true)
                if !folder.isEmpty {
                    for byte in folder { buffer.append(CChar(bitPattern: byte)) }
                    buffer.append(CChar(bitPattern: UInt8(ascii: "/")))
                }
                for byte in name { buffer.append(CChar(bitPattern: byte)) }
                buffer.append(0)
                return buffer.withUnsafeBufferPointer { body($0.baseAddress!) }
            }
            if name.contains(UInt8(ascii: "/")) {
                _ = offer(UnsafeBufferPointer(start: nil, count: 0))
                return
            }
            // Split as bytes: the generic `split` costs a runtime type lookup on every call.
            var path = searchPath ?? defaultSearchPath
            path.withUTF8 { entries in
                var start = 0
                for index in 0...entries.count where index == entries.count || entries[index] == UInt8(ascii: ":") {
                    if offer(UnsafeBufferPointer(rebasing: entries[start..<index])) { return }
                    start = index + 1
                }
            }
        }
    }

    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// `ARG_MAX` as the kernel applies it: `sysconf(_SC_ARG_MAX)` (a quarter
    /// of the stack limit, at least 128 KiB), which the kernel caps at 6 MiB
    /// (three quarters of `_STK_LIM`) however large the stack limit.
    static func argumentBudget() -> Int {
        let configured = sysconf(Int32(_SC_ARG_MAX))
        return configured > 0 ? min(configured, 6 << 20) : 131_072
    }

    /// The inherited entries a child gets: those of variables hyper does not
    /// own (every variable a plan sets is one hyper owns), as the original C strings.
    static func inheritedEnvironment() -> [UnsafeMutablePointer<CChar>?] {
        // Optional elements, as `execve` takes them: converting a whole array
        // of non-optional pointers costs a generic cast on every call.
        var entries: [UnsafeMutablePointer<CChar>?] = []
        forEachInherited { entries.append($0) }
        return entries
    }

    /// How many inherited entries a child gets, and their bytes with NULs.
    static func inheritedEnvironmentSize() -> (count: Int, bytes: Int) {
        var (count, bytes) = (0, 0)
        forEachInherited { entry in
            count += 1
            bytes += strlen(entry) + 1
        }
        return (count, bytes)
    }

    /// Each entry of the process's environment whose variable hyper does not own.
    private static func forEachInherited(_ body: (UnsafeMutablePointer<CChar>) -> Void) {
        var index = 0
        while let entry = environ[index] {
            index += 1
            if !ProcessPlan.isOwnedVariable(UnsafeRawBufferPointer(start: entry, count: nameLength(entry))) { body(entry) }
        }
    }

    /// The child's environment: inherited entries hyper does not own, as the
    /// original C strings, then the plan's.
    private static func withEnvironment<R>(_ plan: ProcessPlan, _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var entries = inheritedEnvironment()
        // A plan from `make` sets only variables hyper owns; one changed by its caller may replace others.
        if !plan.unset.isEmpty || plan.environment.contains(where: { !ProcessPlan.isOwnedVariable($0.name) }) {
            let replaced = Set((plan.environment.filter { !ProcessPlan.isOwnedVariable($0.name) }.map { $0.name } + plan.unset).map(ExactName.init))
            entries.removeAll { replaced.contains(ExactName(variableName($0!))) }
        }
        let inherited = entries.count
        for (name, value) in plan.environment {
            entries.append(environmentEntry(name, value))
        }
        entries.append(nil)
        defer { for pointer in entries[inherited...] { free(pointer) } }
        return entries.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// `NAME=value` in memory from `malloc`, copied straight from both strings.
    /// With no memory for a few bytes there is none to exec a program either:
    /// stopping here beats running it with a variable left out.
    private static func environmentEntry(_ name: String, _ value: String) -> UnsafeMutablePointer<CChar> {
        var name = name, value = value
        let (nameCount, valueCount) = (name.utf8.count, value.utf8.count)
        let entry = malloc(nameCount + valueCount + 2)!.assumingMemoryBound(to: CChar.self)
        name.withUTF8 { if let bytes = $0.baseAddress { memcpy(entry, bytes, nameCount) } }
        entry[nameCount] = CChar(bitPattern: UInt8(ascii: "="))
        value.withUTF8 { if let bytes = $0.baseAddress { memcpy(entry + nameCount + 1, bytes, valueCount) } }
        entry[nameCount + 1 + valueCount] = 0
        return entry
    }

    /// The name of a `NAME=value` entry. A name that is not UTF-8 decodes
    /// with replacement characters, so it never equals a name hyper sets.
    private static func variableName(_ entry: UnsafeMutablePointer<CChar>) -> String {
        String(decoding: UnsafeRawBufferPointer(start: entry, count: nameLength(entry)), as: UTF8.self)
    }

    /// The length of the name of a `NAME=value` entry.
    private static func nameLength(_ entry: UnsafeMutablePointer<CChar>) -> Int {
        var length = 0
        while entry[length] != 0 && entry[length] != 0x3D { length += 1 }
        return length
    }
}
