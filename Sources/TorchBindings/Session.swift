import Glibc
import Language

/// One nnrepl session: an interpreter with `torch`, `torch.nn` and the short names installed, writing to
/// standard output unless a caller captures it. The prompt, program files and transcripts all run code
/// through `run`, so they behave alike.
public final class Session {
    public static let version = "0.1.0"

    public enum Outcome {
        case completed
        /// `exceptionMessage` is what doctest compares (`Type: message`, no traceback, no carets);
        /// `traceback` is what a person sees.
        case raised(exceptionMessage: String, traceback: String)
        /// `SystemExit` (`exit()`, `raise SystemExit(2)`): the status the process should end with, and for a
        /// non-integer code the text CPython prints on standard error.
        case exited(status: Int32, message: String?)
    }

    public let interpreter: Interpreter
    private var sink: (String) -> Void = Session.writeToStandardOutput

    public init(allowedPaths: [String] = []) {
        interpreter = Interpreter(stdout: { _ in }, stderr: Session.writeToStandardError)
        interpreter.stdout = { [unowned self] text in sink(text) }
        TorchLibrary.install(into: interpreter, allowedPaths: allowedPaths)
        if let torch = interpreter.module(named: "torch") {
            installSerialization(torch: torch, interpreter: interpreter, allowedPaths: allowedPaths)
        }
        installOpen(into: interpreter, sandbox: FileSandbox(allowedPaths: allowedPaths))
        installDevices(into: interpreter)
        Session.installExit(into: interpreter)
    }

    /// Runs `source` as one prompt entry (`interactive`: expression values are echoed) or as a program.
    /// An uncaught error is written to standard error unless `reportErrors` is false; either way the
    /// session keeps its state and can run more code.
    @discardableResult
    public func run(_ source: String, filename: String, interactive: Bool, reportErrors: Bool = true) -> Outcome {
        let outcome = evaluate(source, filename: filename, interactive: interactive)
        if reportErrors, case .raised(_, let traceback) = outcome {
            flushStandardOutput()
            Session.writeToStandardError(traceback.hasSuffix("\n") ? traceback : traceback + "\n")
        }
        if reportErrors, case .exited(_, let message?) = outcome { Session.writeToStandardError(message + "\n") }
        return outcome
    }

    private func evaluate(_ source: String, filename: String, interactive: Bool) -> Outcome {
        let program: Program
        do {
            program = try Parser.parse(source, filename: filename, mode: interactive ? .interactive : .file)
        } catch let error as SyntaxError {
            return .raised(exceptionMessage: "\(error.type): \(error.message)\n", traceback: error.rendered())
        } catch {
            return .raised(exceptionMessage: "SyntaxError: \(error)\n", traceback: "SyntaxError: \(error)\n")
        }
        do {
            try interpreter.execute(program, filename: filename, echo: interactive)
            return .completed
        } catch let error as PyError where isSystemExit(error.exception) {
            let (status, message) = Session.exitStatus(error.exception, interpreter)
            return .exited(status: status, message: message)
        } catch let error as PyError {
            return .raised(
                exceptionMessage: interpreter.exceptionLine(error.exception, includingSuggestion: false) + "\n",
                traceback: interpreter.renderTraceback(error.exception))
        } catch let error as SyntaxError {
            return .raised(exceptionMessage: "\(error.type): \(error.message)\n", traceback: error.rendered())
        } catch {
            return .raised(exceptionMessage: "SystemError: \(error)\n", traceback: "SystemError: \(error)\n")
        }
    }

    private func isSystemExit(_ exception: PyException) -> Bool {
        guard let systemExit = Types.exceptions["SystemExit"] else { return false }
        return exception.type.isSubtype(of: systemExit)
    }

    /// Runs `body` with everything the program prints sent to `capture` instead of standard output.
    public func withOutput<T>(_ capture: @escaping (String) -> Void, _ body: () -> T) -> T {
        let saved = sink
        sink = capture
        defer { sink = saved }
        return body()
    }

    public func write(_ text: String) { sink(text) }
    public func writeError(_ text: String) { Session.writeToStandardError(text) }

    /// The REPL asks this after each line: true means show `... ` and read more.
    public static func isIncomplete(_ source: String) -> Bool { Parser.isIncomplete(source) }

    /// Called from the SIGINT handler: only sets a flag that running code checks.
    public static func requestInterruptFromSignal() { Interpreter.requestInterrupt() }

    private func flushStandardOutput() { fflush(stdout) }

    private static func writeToStandardOutput(_ text: String) {
        var text = text
        text.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, stdout) }
    }

    private static func writeToStandardError(_ text: String) {
        fflush(stdout)
        var text = text
        text.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, stderr) }
    }
}
