import Glibc
import TorchBindings

/// `nnrepl FILE`, `nnrepl -c CODE` and a program piped on stdin: run as a whole, like `python FILE`.
public enum ProgramRunner {
    /// Returns the process exit status: 0, or 1 after an uncaught exception.
    public static func run(source: String, filename: String, session: Session) -> Int32 {
        Interrupts.install(forward: { Session.requestInterruptFromSignal() })
        switch session.run(source, filename: filename, interactive: false) {
        case .completed: return 0
        case .exited(let status, _): return status
        case .raised(let message, _):
            if message.hasPrefix("KeyboardInterrupt") { dieOfInterrupt() }
            return 1
        }
    }

    /// CPython ends a program stopped by Ctrl-C by dying of SIGINT, so a calling shell sees the interrupt.
    private static func dieOfInterrupt() {
        fflush(stdout)
        signal(SIGINT, SIG_DFL)
        raise(SIGINT)
    }

    /// Reads a whole file; nil with a message on stderr if it cannot be read.
    public static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else {
            fputs("nnrepl: can't open file '\(path)': [Errno \(errno)] \(String(cString: strerror(errno)))\n", stderr)
            return nil
        }
        defer { fclose(file) }
        return readAll(file)
    }

    public static func readAll(_ file: UnsafeMutablePointer<FILE>) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) != 0 }
}
