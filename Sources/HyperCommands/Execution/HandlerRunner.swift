#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs Swift handlers, the only async code hyper has.
///
/// Everything that awaits is `@_alwaysEmitIntoClient`: it is compiled into the
/// program that registers a handler or calls `runCommand`, never into
/// HyperCommands itself. So the `hyper` binary, which registers no handler,
/// links no concurrency runtime: no libdispatch initialiser, no executor, and
/// about 150 µs less on every start (see release/README.md). A program that
/// registers a handler installs the blocking runner the CLI uses
/// (`install()`, called by every registration entry point).
@usableFromInline
enum HandlerRunner {
    /// Runs a handler to completion from synchronous code; its error, if it
    /// threw. (The handler travels inside a class: an async closure passed
    /// through generic storage would need async reabstraction thunks, which
    /// are concurrency runtime code in HyperCommands.)
    @usableFromInline
    typealias Blocking = @Sendable (HandlerCall) -> (any Error)?

    private static let installed = Lock<Blocking?>(nil)

    @_alwaysEmitIntoClient
    static func install() {
        HandlerRunner.set(HandlerRunner.runBlocking)
    }

    @usableFromInline
    static func set(_ runner: @escaping Blocking) {
        installed.withLock { $0 = runner }
    }

    /// Blocks the calling thread on a semaphore while a detached task runs
    /// the handler, so a call that only `execve`s never starts a task.
    @_alwaysEmitIntoClient
    static func runBlocking(_ call: HandlerCall) -> (any Error)? {
        let completion = HandlerCompletion()
        Task.detached {
            do {
                try await call.handler(call.values)
                completion.finish(nil)
            } catch {
                completion.finish(error)
            }
        }
        return completion.wait()
    }

    /// The CLI's way to run a handler: 0 when it returns, 1 with
    /// ``Error: command `x` failed: <reason>`` on standard error when it throws.
    static func status(_ handler: @escaping CommandHandler, name: String, values: ParsedArguments, console: Console) -> Int32 {
        guard let runner = installed.withLock({ $0 }) else {
            // Handlers only come from the registration API, which installs the runner.
            return failed(name, reason: "no handler runner is installed; register handlers with `registerHandler` or `register`",
                          console: console)
        }
        guard let error = runner(HandlerCall(handler: handler, values: values)) else { return 0 }
        return failed(name, error, console: console)
    }

    @usableFromInline
    static func failed(_ name: String, _ error: any Error, console: Console) -> Int32 {
        failed(name, reason: reason(error), console: console)
    }

    private static func failed(_ name: String, reason: String, console: Console) -> Int32 {
        console.err(ErrorText.lines("command `\(TerminalText.line(name))` failed: \(TerminalText.lines(reason))"))
        return 1
    }

    static func reason(_ error: any Error) -> String {
        if let described = error as? any CustomStringConvertible { return described.description }
        return String(describing: error)
    }
}

/// A handler and the values to call it with.
@usableFromInline
final class HandlerCall: Sendable {
    @usableFromInline let handler: CommandHandler
    @usableFromInline let values: ParsedArguments

    init(handler: @escaping CommandHandler, values: ParsedArguments) {
        self.handler = handler
        self.values = values
    }
}

/// A result slot and a POSIX semaphore: one thread waits, another finishes.
/// The semaphore lives in memory allocated once and freed in `deinit`, so its
/// address never moves.
@usableFromInline
final class HandlerCompletion: Sendable {
    private let result = Lock<(any Error)?>(nil)
    private nonisolated(unsafe) let semaphore: UnsafeMutablePointer<sem_t>

    @usableFromInline
    init() {
        semaphore = .allocate(capacity: 1)
        sem_init(semaphore, 0, 0)
    }

    deinit {
        sem_destroy(semaphore)
        semaphore.deallocate()
    }

    @usableFromInline
    func finish(_ error: (any Error)?) {
        result.withLock { $0 = error }
        sem_post(semaphore)
    }

    @usableFromInline
    func wait() -> (any Error)? {
        while sem_wait(semaphore) != 0 && errno == EINTR {}
        return result.withLock { $0 }
    }
}
