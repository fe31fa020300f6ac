import Foundation

/// Frees deeply nested containers iteratively (CPython's "trashcan"): a list nested 100000 levels deep
/// would otherwise overflow the Swift stack in recursive `deinit`s.
enum Trash {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var pending: [Value] = []
    nonisolated(unsafe) private static var draining = false

    /// Takes ownership of `items` (leaving it empty) and releases them without recursion.
    static func dispose(_ items: inout [Value]) {
        lock.lock()
        pending.append(contentsOf: items)
        lock.unlock()
        items = []
        lock.lock()
        if draining {
            lock.unlock()
            return
        }
        draining = true
        lock.unlock()
        while true {
            lock.lock()
            guard let v = pending.popLast() else {
                draining = false
                lock.unlock()
                return
            }
            lock.unlock()
            _ = v
        }
    }
}
