#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for a spawned child without blocking Swift's cooperative threads:
/// `waitpid` runs on a thread of its own, which resumes the awaiting task.
/// The awaiting part is compiled into the caller of `runCommand` (see
/// `HandlerRunner`); the thread is HyperCommands' own.
@usableFromInline
enum ChildProcess {
    @_alwaysEmitIntoClient
    static func wait(for pid: Int32) async -> Int32 {
        await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            ChildProcess.onExit(of: pid) { continuation.resume(returning: $0) }
        }
    }

    /// Calls `done` with the child's status the way a shell reports it (1 when
    /// it cannot be waited for), from a thread that waits for it.
    @usableFromInline
    static func onExit(of pid: Int32, _ done: @escaping @Sendable (Int32) -> Void) {
        let context = Unmanaged.passRetained(Waiter(pid: pid, done: done)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { raw in
            Unmanaged<Waiter>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, context)
        if started == 0 {
            pthread_detach(thread)
        } else {
            Unmanaged<Waiter>.fromOpaque(context).takeRetainedValue().run()
        }
    }

    private final class Waiter: Sendable {
        let pid: Int32
        let done: @Sendable (Int32) -> Void

        init(pid: Int32, done: @escaping @Sendable (Int32) -> Void) {
            self.pid = pid
            self.done = done
        }

        func run() {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 {
                if errno != EINTR {
                    done(1)
                    return
                }
            }
            done(ProcessLauncher.status(fromWait: status))
        }
    }
}
