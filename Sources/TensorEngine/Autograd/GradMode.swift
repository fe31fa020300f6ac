/// Whether operations record a graph for autograd (`torch.is_grad_enabled()`); default true.
///
/// Process-wide: PyTorch keeps it per thread, but a session is one logical thread whose statements the
/// interpreter may run on different OS threads (each on a large stack), and `torch.set_grad_enabled(False)`
/// must last until the next statement. Unit tests that touch it therefore run serialised
/// (`swift test --no-parallel`).
public enum GradMode {
    nonisolated(unsafe) private static var enabled = true

    public static var isEnabled: Bool {
        get { enabled }
        set { enabled = newValue }
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
