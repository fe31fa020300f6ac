import TorchBindings

/// Runs transcript examples in one nnrepl session, each as one interactive entry (doctest compiles each
/// example in 'single' mode, so expression values are echoed), capturing what it prints.
public final class SessionExampleRunner: ExampleRunner {
    private let session: Session

    public init(session: Session) {
        self.session = session
    }

    public func run(_ example: DoctestExample, name: String) -> ExampleOutcome {
        var captured = ""
        let outcome = session.withOutput({ captured += $0 }) {
            session.run(example.source, filename: "<doctest \(name)[\(example.lineNumber)]>", interactive: true, reportErrors: false)
        }
        switch outcome {
        case .completed:
            return ExampleOutcome(output: captured)
        case .raised(let exceptionMessage, let traceback):
            return ExampleOutcome(output: captured, exceptionMessage: exceptionMessage, traceback: traceback)
        case .exited(let status, let message):
            // doctest lets SystemExit end the run; here it is one failing example, and the session goes on.
            let text = "SystemExit: \(message ?? String(status))\n"
            return ExampleOutcome(output: captured, exceptionMessage: text, traceback: text)
        }
    }
}

/// `nnrepl replay FILE` without `--check`: shows each example as if typed at the prompt, then what nnrepl
/// prints for it, for following a tutorial step by step.
public enum TranscriptReplayer {
    public static func show(text: String, path: String, session: Session) {
        let examples: [DoctestExample]
        do {
            examples = try DoctestParser.examples(in: text, name: path)
        } catch {
            session.writeError("ValueError: \(error.message)\n")
            return
        }
        for example in examples {
            var lines = example.source.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.last == "" { lines.removeLast() }
            let typed = lines.enumerated().map { ($0.offset == 0 ? ">>> " : "... ") + $0.element }.joined(separator: "\n")
            session.write(typed + "\n")
            session.run(example.source, filename: "<stdin>", interactive: true)
        }
    }
}
