import Glibc

/// Ctrl-C. The handler only sets a flag (async-signal-safe); the line editor and the interpreter poll it.
enum Interrupts {
    nonisolated(unsafe) private static var pending: sig_atomic_t = 0
    nonisolated(unsafe) private static var onInterrupt: (@convention(c) () -> Void)?

    /// Installs the handler without SA_RESTART, so a blocked `poll` returns at once with EINTR.
    /// `forward` runs inside the signal handler and must itself be async-signal-safe.
    static func install(forward: (@convention(c) () -> Void)?) {
        onInterrupt = forward
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            Interrupts.pending = 1
            Interrupts.onInterrupt?()
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// True once per Ctrl-C.
    static func consume() -> Bool {
        guard pending != 0 else { return false }
        pending = 0
        return true
    }
}
