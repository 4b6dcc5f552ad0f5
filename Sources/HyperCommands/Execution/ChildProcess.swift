#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for a spawned child without blocking Swift's cooperative threads:
/// `waitpid` runs on a thread of its own, which resumes the awaiting task.
enum ChildProcess {
    static func wait(for pid: pid_t) async -> Int32 {
        await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            let context = Unmanaged.passRetained(Waiter(pid: pid, continuation: continuation)).toOpaque()
            var thread = pthread_t()
            let started = pthread_create(&thread, nil, { raw in
                let waiter = Unmanaged<Waiter>.fromOpaque(raw!).takeRetainedValue()
                waiter.run()
                return nil
            }, context)
            if started == 0 {
                pthread_detach(thread)
            } else {
                Unmanaged<Waiter>.fromOpaque(context).takeRetainedValue().run()
            }
        }
    }

    private final class Waiter: @unchecked Sendable {
        // Used by exactly one thread: the one that calls `run`.
        let pid: pid_t
        let continuation: CheckedContinuation<Int32, Never>

        init(pid: pid_t, continuation: CheckedContinuation<Int32, Never>) {
            self.pid = pid
            self.continuation = continuation
        }

        func run() {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 {
                if errno != EINTR {
                    continuation.resume(returning: 1)
                    return
                }
            }
            continuation.resume(returning: ProcessLauncher.status(fromWait: status))
        }
    }
}
