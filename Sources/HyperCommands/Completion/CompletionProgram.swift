#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs an arg's `complete:` program for one Tab, bounded in time and
/// output: never a hung prompt.
///
/// The program runs directly (no shell), found as `exec` finds its program,
/// in the command's folder, in a process group of its own, with standard
/// input and error on `/dev/null` and `HYPER_COMPLETE_WORD` set. Its output
/// is read with `poll` until a deadline; at the deadline, or once it is
/// done, the whole group is killed, so a grandchild that keeps the pipe open
/// holds nothing up.
struct CompletionProgram {
    /// Nanoseconds on a monotonic clock.
    var clock: () -> UInt64 = CompletionProgram.monotonicNow
    /// How long the program may take, from its start to its exit.
    var timeout: UInt64 = 1_000_000_000
    var maxLines = 1_000
    var maxBytes = 64 * 1024

    enum Outcome: Sendable, Hashable {
        /// It exited with status 0: its lines, as candidates.
        case candidates([CompletionResult.Candidate])
        /// It could not start, or exited with another status.
        case failed
        /// It was still running at the deadline: its group was killed.
        case timedOut
    }

    static func monotonicNow() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    func run(_ call: CompleterCall) -> Outcome {
        var program = call.program
        if program.contains("/") && !program.hasPrefix("/") { program = Path.absolute(program, from: call.folder) }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return .failed }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        let pid = spawn(program, call, output: writeEnd)
        close(writeEnd)
        guard let pid else {
            close(readEnd)
            return .failed
        }
        let deadline = clock() &+ timeout
        let read = readOutput(readEnd, until: deadline)
        close(readEnd)
        var exited: Int32?
        if read.complete {
            // The output ended: wait for the exit, until the deadline.
            while exited == nil && clock() < deadline {
                var status: Int32 = 0
                let waited = waitpid(pid, &status, WNOHANG)
                if waited == pid { exited = status } else if waited < 0 && errno != EINTR { break } else { _ = poll(nil, 0, 2) }
            }
        }
        // Whatever is left of the group goes: the program, if still running,
        // and anything it started.
        kill(-pid, SIGKILL)
        if let status = exited {
            if status != 0 { return .failed }
        } else {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            // Stopped at a bound, it still gave its first lines; at the
            // deadline, nothing it gave counts.
            if !read.truncated { return .timedOut }
        }
        var bytes = read.bytes
        if read.truncated {
            // Past a bound only whole lines count.
            bytes.removeSubrange((bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0)...)
        }
        return .candidates(Self.candidates(bytes, maxLines: maxLines))
    }

    /// What was read: everything up to the end (`complete`), or up to a
    /// bound (`truncated`), or up to the deadline (neither).
    private struct Read {
        var bytes: [UInt8] = []
        var complete = false
        var truncated = false
    }

    private func readOutput(_ fd: Int32, until deadline: UInt64) -> Read {
        var read = Read()
        var buffer = [UInt8](repeating: 0, count: 4096)
        var lines = 0
        while true {
            let now = clock()
            guard now < deadline else { return read }
            let milliseconds = Int32(min((deadline - now + 999_999) / 1_000_000, 1_000))
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                return read
            }
            if ready == 0 { continue }
            let count = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return read
            }
            if count == 0 {
                read.complete = true
                return read
            }
            for byte in buffer[..<count] {
                if read.bytes.count == maxBytes || lines == maxLines {
                    read.truncated = true
                    return read
                }
                read.bytes.append(byte)
                if byte == UInt8(ascii: "\n") { lines += 1 }
            }
        }
    }

    private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(fd, buffer, count)
        #else
        Darwin.read(fd, buffer, count)
        #endif
    }

    /// Each line a candidate, `value` or `value<TAB>help`, control
    /// characters removed; empty values left out. Past a bound, only whole
    /// lines count.
    static func candidates(_ bytes: [UInt8], maxLines: Int) -> [CompletionResult.Candidate] {
        var out: [CompletionResult.Candidate] = []
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).prefix(maxLines) {
            let text = String(decoding: line, as: UTF8.self)
            let value: String
            var help = ""
            if let tab = text.utf8.firstIndex(of: UInt8(ascii: "\t")) {
                value = String(text[..<tab])
                help = String(text[text.utf8.index(after: tab)...])
            } else {
                value = text
            }
            let clean = CompletionResult.clean(value)
            if !clean.isEmpty { out.append(CompletionResult.Candidate(clean, help: CompletionResult.clean(help))) }
        }
        return out
    }

    /// Starts the program in a group of its own; its pid, or nil.
    private func spawn(_ program: String, _ call: CompleterCall, output: Int32) -> pid_t? {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        ProcessLauncher.setDefaultSignals(&attributes, extraFlags: Int32(POSIX_SPAWN_SETPGROUP))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        _ = call.folder.withCString { addChangeDirectory(&actions, $0) }

        var environment: [UnsafeMutablePointer<CChar>?] = ProcessLauncher.inheritedEnvironment()
            .filter { strncmp($0!, "HYPER_COMPLETE_WORD=", 20) != 0 }
        let inherited = environment.count
        environment.append(strdup("HYPER_COMPLETE_WORD=" + call.word))
        environment.append(nil)
        var arguments: [UnsafeMutablePointer<CChar>?] = call.arguments.map { strdup($0) }
        arguments.append(nil)
        defer {
            for pointer in environment[inherited...] { free(pointer) }
            for pointer in arguments { free(pointer) }
        }
        for candidate in ProcessLauncher.candidates(for: program) {
            var pid = pid_t()
            if posix_spawn(&pid, candidate, &actions, &attributes, arguments, environment) == 0 { return pid }
        }
        return nil
    }
}
