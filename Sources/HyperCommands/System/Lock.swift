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
    private let mutex = PthreadMutex()
    // `value` is only touched while `mutex` is held.
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        try mutex.withLock { try body(&value) }
    }
}

/// A `pthread_mutex_t` alone, for a class that keeps what it guards in its
/// own stored properties. `Lock` is a generic class: the runtime builds its
/// metadata for each `Value` on first use, which a lock made on every start
/// of hyper should not pay (release/README.md).
final class PthreadMutex: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
