#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value guarded by a `pthread_mutex_t`.
///
/// Not `Synchronization.Mutex`: on Linux that locks with raw futex calls in a
/// module built without ThreadSanitizer instrumentation, so TSan reports
/// races on every contended access it guards (the minimal case is
/// `Tests/TSanRepro/MutexRepro.swift`). TSan intercepts pthread mutexes, so
/// `swift test --sanitize=thread` can check hyper's real locking.
final class Lock<Value>: @unchecked Sendable {
    // `value` is only touched between lock and unlock of `mutex`.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
