#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether operations record a graph for autograd (`torch.is_grad_enabled()`); default true.
///
/// Per thread, as in PyTorch: the REPL has one thread, and parallel tests do not see each other's `no_grad`.
public enum GradMode {
    /// A thread-specific slot that is null (the default) while recording is on.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    public static var isEnabled: Bool {
        get { pthread_getspecific(key) == nil }
        set { pthread_setspecific(key, newValue ? nil : UnsafeRawPointer(bitPattern: 1)) }
    }

    /// Runs `body` with recording off (`with torch.no_grad():`), restoring the previous mode afterwards.
    public static func withNoGrad<T>(_ body: () throws -> T) rethrows -> T {
        try withMode(false, body)
    }

    /// Runs `body` with recording set to `enabled` (`torch.set_grad_enabled`), restoring the previous mode.
    public static func withMode<T>(_ enabled: Bool, _ body: () throws -> T) rethrows -> T {
        let previous = isEnabled
        isEnabled = enabled
        defer { isEnabled = previous }
        return try body()
    }
}
