import Glibc
import TorchBindings

/// The prompt: `>>> ` and `... `, echoing expression values, until Ctrl-D. Errors are printed and the
/// session goes on with its variables intact.
public enum InteractiveLoop {
    public static func run(session: Session, banner: Bool = true) {
        Interrupts.install(forward: { Session.requestInterruptFromSignal() })
        if banner {
            fputs("nnrepl \(Session.version): PyTorch at a prompt. Ctrl-D exits; Ctrl-C abandons a line.\n", stderr)
        }
        let editor = LineEditor(historyPath: LineEditor.defaultHistoryPath())
        TabCompletion.install { [unowned session] word in session.completions(for: word) }
        var pending: [String] = []
        while true {
            fflush(stdout)
            switch editor.readLine(prompt: pending.isEmpty ? ">>> " : "... ") {
            case .endOfFile:
                fputs("\n", stdout)
                return
            case .interrupted:
                pending.removeAll()
                fputs("KeyboardInterrupt\n", stderr)
            case .line(let line):
                editor.remember(line)
                pending.append(line)
                let source = pending.joined(separator: "\n")
                // codeop's rule: a block stays open until a blank line closes it.
                if Session.isIncomplete(source) { continue }
                pending.removeAll()
                guard !source.allSatisfy(\.isWhitespace) else { continue }
                _ = Interrupts.consume()
                if case .exited(let status, _) = session.run(source + "\n", filename: "<stdin>", interactive: true) {
                    fflush(stdout)
                    exit(status)
                }
            }
        }
    }
}
