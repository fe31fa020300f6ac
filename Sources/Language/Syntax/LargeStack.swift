#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private final class StackTask: @unchecked Sendable {
    var run: (() -> Void)?
}

/// Per-thread lowest usable stack address, set only on threads this file starts with a known stack size,
/// so work that needs a big stack can run inline there instead of paying for a new thread each time.
private let stackFloorKey: pthread_key_t? = {
    var key = pthread_key_t()
    return pthread_key_create(&key, nil) == 0 ? key : nil
}()

/// An address in the caller's frame, close enough to the stack pointer for a room check.
@inline(never)
private func approximateStackPointer() -> UInt {
    var marker: UInt8 = 0
    return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
}

/// True when this thread was started by `withLargeStack`/`runOnDedicatedStack` and still has `bytes` of
/// stack left (so a nested call deep in a recursion does not count as having room).
func currentThreadHasStack(_ bytes: Int) -> Bool {
    guard let key = stackFloorKey, let floor = pthread_getspecific(key) else { return false }
    let here = approximateStackPointer(), low = UInt(bitPattern: floor)
    return here > low && here - low >= UInt(bytes)
}

/// Runs `body` on a new thread with a `size`-byte stack (marked so that `withLargeStack` and the
/// interpreter run inline on it) and waits for it. Returns false, without running `body`, when no
/// thread could be started.
func runOnDedicatedStack(size: Int, _ body: @escaping () -> Void) -> Bool {
    let box = StackTask()
    box.run = { [size] in
        // Keep a margin for the frames above this closure and the thread's own bookkeeping.
        let floor = approximateStackPointer() &- UInt(size) &+ UInt(1 << 20)
        if let key = stackFloorKey { pthread_setspecific(key, UnsafeRawPointer(bitPattern: floor)) }
        body()
    }
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, size)
    let context = Unmanaged.passRetained(box).toOpaque()
    #if canImport(Glibc)
    var thread = pthread_t()
    #else
    var thread: pthread_t?
    #endif
    let status = pthread_create(&thread, &attributes, { raw in
        guard let raw else { return nil }
        let box = Unmanaged<StackTask>.fromOpaque(raw).takeRetainedValue()
        box.run?()
        box.run = nil
        return nil
    }, context)
    if status != 0 {
        Unmanaged<StackTask>.fromOpaque(context).release()
        return false
    }
    #if canImport(Glibc)
    pthread_join(thread, nil)
    #else
    if let thread { pthread_join(thread, nil) }
    #endif
    return true
}

/// Runs `body` on a thread with a large stack and waits for it. Recursive descent over 200 nested
/// brackets needs more stack than a debug build gets on the main thread or a test's worker thread;
/// the depth caps keep it bounded, this gives it room. Runs inline on a thread that already has it.
func withLargeStack<T>(_ body: () throws -> T) throws -> T {
    let size = 256 << 20
    if currentThreadHasStack(size) { return try body() }
    var result: Result<T, Error>?
    return try withoutActuallyEscaping(body) { escapable in
        // No thread available: parse on this one and rely on the depth caps.
        guard runOnDedicatedStack(size: size, { result = Result { try escapable() } }) else {
            return try escapable()
        }
        switch result {
        case .success(let value): return value
        case .failure(let error): throw error
        case nil: return try escapable()
        }
    }
}
