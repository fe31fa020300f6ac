#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private final class StackTask: @unchecked Sendable {
    var run: (() -> Void)?
}

/// Runs `body` on a thread with a large stack and waits for it. Recursive descent over 200 nested
/// brackets needs more stack than a debug build gets on the main thread or a test's worker thread;
/// the depth caps keep it bounded, this gives it room.
func withLargeStack<T>(_ body: () throws -> T) throws -> T {
    var result: Result<T, Error>?
    return try withoutActuallyEscaping(body) { escapable in
        let box = StackTask()
        box.run = { result = Result { try escapable() } }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, 256 << 20)
        let context = Unmanaged.passRetained(box).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let status = pthread_create(&thread, &attributes, { raw in
            let box = Unmanaged<StackTask>.fromOpaque(raw!).takeRetainedValue()
            box.run?()
            box.run = nil
            return nil
        }, context)
        if status != 0 {
            // No thread available: parse on this one and rely on the depth caps.
            Unmanaged<StackTask>.fromOpaque(context).release()
            return try escapable()
        }
        #if canImport(Glibc)
        pthread_join(thread, nil)
        #else
        if let thread { pthread_join(thread, nil) }
        #endif
        switch result {
        case .success(let value): return value
        case .failure(let error): throw error
        case nil: return try escapable()
        }
    }
}
