#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps items on several threads at once, keeping their order. Cold loads
/// decode manifest files this way: each file is independent.
enum ParallelMap {
    /// Threads to use: one per online core, at most 8.
    static var coreCount: Int {
        max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item],
        threads: Int = coreCount,
        _ transform: @escaping @Sendable (Item) -> Result
    ) -> [Result] {
        let threadCount = min(threads, items.count)
        guard threadCount > 1 else { return items.map(transform) }
        let work = Work(items: items, transform: transform)
        var workers: [pthread_t] = []
        for _ in 1..<threadCount {
            var thread = pthread_t()
            let context = Unmanaged.passRetained(ThreadBody { work.drain() }).toOpaque()
            if pthread_create(&thread, nil, { raw in
                Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue().run()
                return nil
            }, context) == 0 {
                workers.append(thread)
            } else {
                Unmanaged<ThreadBody>.fromOpaque(context).release()
            }
        }
        work.drain()
        for thread in workers { pthread_join(thread, nil) }
        return work.results()
    }

    /// A thread's work, boxed so a C thread entry can receive it.
    private final class ThreadBody: Sendable {
        let run: @Sendable () -> Void

        init(_ run: @escaping @Sendable () -> Void) {
            self.run = run
        }
    }

    /// The shared state of one map: items are claimed one at a time under a
    /// lock, and each result goes to its own slot.
    private final class Work<Item: Sendable, Result: Sendable>: @unchecked Sendable {
        // `slots` entries are each written by exactly one thread (the one that
        // claimed the index) and read only after every thread was joined.
        let items: [Item]
        let transform: @Sendable (Item) -> Result
        let next = Lock(0)
        let slots: UnsafeMutablePointer<Result?>

        init(items: [Item], transform: @escaping @Sendable (Item) -> Result) {
            self.items = items
            self.transform = transform
            slots = .allocate(capacity: items.count)
            slots.initialize(repeating: nil, count: items.count)
        }

        deinit {
            slots.deinitialize(count: items.count)
            slots.deallocate()
        }

        func drain() {
            while true {
                let index = next.withLock { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard index < items.count else { return }
                slots[index] = transform(items[index])
            }
        }

        func results() -> [Result] {
            (0..<items.count).map { slots[$0]! }
        }
    }
}
