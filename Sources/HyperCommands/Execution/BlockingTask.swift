#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs async work to completion from synchronous code, blocking the calling
/// thread on a semaphore. The CLI uses it so that calls which only `execve`
/// never start the concurrency runtime's threads.
enum BlockingTask {
    static func run(_ body: @escaping @Sendable () async -> Int32) -> Int32 {
        let done = Completion()
        Task.detached {
            done.finish(await body())
        }
        return done.wait()
    }

    /// A result slot and a POSIX semaphore. The semaphore lives in memory
    /// allocated once and freed in `deinit`, so its address never moves.
    private final class Completion: Sendable {
        private let result = Lock<Int32>(0)
        private nonisolated(unsafe) let semaphore: UnsafeMutablePointer<sem_t>

        init() {
            semaphore = .allocate(capacity: 1)
            sem_init(semaphore, 0, 0)
        }

        deinit {
            sem_destroy(semaphore)
            semaphore.deallocate()
        }

        func finish(_ value: Int32) {
            result.withLock { $0 = value }
            sem_post(semaphore)
        }

        func wait() -> Int32 {
            while sem_wait(semaphore) != 0 && errno == EINTR {}
            return result.withLock { $0 }
        }
    }
}

/// Runs a Swift handler the way the CLI and `runCommand` both do: 0 when it
/// returns, 1 with ``Error: command `x` failed: <reason>`` on standard error
/// when it throws.
enum HandlerRun {
    static func status(_ run: CommandHandler, name: String, values: ParsedArguments, console: Console) async -> Int32 {
        do {
            try await run(values)
            return 0
        } catch {
            console.err(ErrorText.lines("command `\(TerminalText.line(name))` failed: \(TerminalText.lines(reason(error)))"))
            return 1
        }
    }

    static func reason(_ error: any Error) -> String {
        if let described = error as? any CustomStringConvertible { return described.description }
        return String(describing: error)
    }
}
