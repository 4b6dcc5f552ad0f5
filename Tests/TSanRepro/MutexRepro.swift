// A minimal case for ThreadSanitizer and `Synchronization.Mutex` on Linux.
//
//     swiftc -sanitize=thread -O MutexRepro.swift -o /tmp/mutex-repro && /tmp/mutex-repro
//
// Every access to `counter` happens inside `withLock`, so there is no race, and
// the final count is exact. TSan still reports a "Swift access race": the
// Synchronization module is not built with TSan instrumentation and locks with
// raw futex calls, so TSan never sees the happens-before edge. The same program
// with `PthreadLock` (pthread_mutex_t, which TSan intercepts) is reported clean.
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

final class PthreadLock<Value>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var value: Value
    init(_ value: Value) { self.value = value; pthread_mutex_init(mutex, nil) }
    deinit { pthread_mutex_destroy(mutex); mutex.deallocate() }
    func withLock<R>(_ body: (inout Value) -> R) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body(&value)
    }
}

final class Box: Sendable {
    let mutex = Mutex<[Int: Int]>([:])
    let pthread = PthreadLock<[Int: Int]>([:])
}

let box = Box()
let usePthread = CommandLine.arguments.dropFirst().first == "pthread"
var threads: [pthread_t] = []
for _ in 0..<8 {
    var thread = pthread_t()
    pthread_create(&thread, nil, { _ in
        for index in 0..<10_000 {
            if CommandLine.arguments.dropFirst().first == "pthread" {
                box.pthread.withLock { $0[index % 64, default: 0] += 1 }
            } else {
                box.mutex.withLock { $0[index % 64, default: 0] += 1 }
            }
        }
        return nil
    }, nil)
    threads.append(thread)
}
for thread in threads { pthread_join(thread, nil) }
let total = usePthread ? box.pthread.withLock { $0.values.reduce(0, +) } : box.mutex.withLock { $0.values.reduce(0, +) }
print(usePthread ? "pthread_mutex_t:" : "Synchronization.Mutex:", total, "increments of 80000")
