#if canImport(Glibc)
import Glibc
#endif

/// Freed large tensor buffers, kept for the next result of the same size.
///
/// A loop like `z = x + y` on 1M elements frees one 4 MB result as it makes the next. Through malloc, glibc
/// may hand such blocks back to the kernel and map fresh ones (a new 64 MB arena heap every few ops on the
/// interpreter's thread), and writing a freshly mapped 4 MB costs ~1,000 page faults, more than the add
/// itself. Reusing the block skips all of that. The pool is small and bounded, so memory stays flat.
enum LargeBufferPool {
    /// Smaller buffers are cheap to get from malloc; larger than the capacity are never kept.
    static let minimumBytes = 1 << 20
    static let capacityBytes = 64 << 20

    nonisolated(unsafe) private static var buffers: [(bytes: Int, pointer: UnsafeMutableRawPointer)] = []
    nonisolated(unsafe) private static var heldBytes = 0
    /// Storages die on whichever thread drops the last reference.
    nonisolated(unsafe) private static var mutex: UnsafeMutablePointer<pthread_mutex_t> = {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(m, nil)
        return m
    }()

    static func allocate(_ bytes: Int) -> UnsafeMutableRawPointer {
        if bytes >= minimumBytes {
            pthread_mutex_lock(mutex)
            if let i = buffers.lastIndex(where: { $0.bytes == bytes }) {
                let reused = buffers.remove(at: i).pointer
                heldBytes -= bytes
                pthread_mutex_unlock(mutex)
                return reused
            }
            pthread_mutex_unlock(mutex)
        }
        return UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
    }

    static func release(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
        guard bytes >= minimumBytes && bytes <= capacityBytes else { return pointer.deallocate() }
        pthread_mutex_lock(mutex)
        var evicted: [UnsafeMutableRawPointer] = []
        while heldBytes + bytes > capacityBytes, !buffers.isEmpty {
            let oldest = buffers.removeFirst()
            heldBytes -= oldest.bytes
            evicted.append(oldest.pointer)
        }
        buffers.append((bytes, pointer))
        heldBytes += bytes
        pthread_mutex_unlock(mutex)
        evicted.forEach { $0.deallocate() }
    }
}
