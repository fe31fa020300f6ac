import Foundation
import Synchronization

private let globalInterrupt = Atomic<Bool>(false)

/// Runs programs against one `__main__` namespace. Not thread-safe: use one interpreter per thread.
///
/// ```swift
/// let interp = Interpreter(stdout: { print($0, terminator: "") })
/// interp.run("x = 2\nx * 21", mode: .interactive)   // echoes "42\n" like the CPython prompt
/// ```
public final class Interpreter {
    /// Receives everything `print` writes (already terminated by `end`).
    public var stdout: (String) -> Void
    /// Receives tracebacks and syntax errors from `run`.
    public var stderr: (String) -> Void
    public let builtins: PyDict
    public let mainModule: PyModule
    public var recursionLimit = 1000
    var modules: [String: PyModule] = [:]
    var sources: [String: [String]] = [:]
    @exclusivity(unchecked) var depth = 0
    @exclusivity(unchecked) var evalDepth = 0
    @exclusivity(unchecked) var currentFrame: Frame?
    @exclusivity(unchecked) var echoFrame: Frame?
    var handling: [PyException] = []
    var reprGuard: Set<ObjectIdentifier> = []
    var reprGuardDepth = 0
    private let interruptFlag = Atomic<Bool>(false)
    private var running = false

    public init(stdout: @escaping (String) -> Void = { Swift.print($0, terminator: "") },
                stderr: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.stdout = stdout
        self.stderr = stderr
        _ = Types.bootstrapped
        builtins = PyDict()
        mainModule = PyModule(name: "__main__")
        mainModule.dict["__builtins__"] = .object(PyModule(name: "builtins", dict: builtins))
        installBuiltinFunctions(into: builtins)
        installStandardModules()
    }

    // MARK: Modules

    /// Makes `import name` find `module`. Register packages before their submodules' attributes are used.
    public func registerModule(_ module: PyModule, as name: String? = nil) {
        modules[name ?? module.name] = module
    }

    public func module(named name: String) -> PyModule? { modules[name] }

    // MARK: Interrupts

    /// Async-signal-safe: only sets a flag, checked at loop iterations and calls (raises KeyboardInterrupt).
    public static func requestInterrupt() { globalInterrupt.store(true, ordering: .relaxed) }
    /// Like the static version but for this interpreter only.
    public func requestInterrupt() { interruptFlag.store(true, ordering: .relaxed) }

    @inline(__always)
    func checkInterrupt() throws {
        if interruptFlag.load(ordering: .relaxed) || globalInterrupt.load(ordering: .relaxed) {
            interruptFlag.store(false, ordering: .relaxed)
            globalInterrupt.store(false, ordering: .relaxed)
            throw PyError(PyException(type: Types.keyboardInterrupt, args: []))
        }
    }

    // MARK: Running

    public enum Outcome {
        case success
        case syntaxError(SyntaxError)
        case exception(PyException)
    }

    /// Parses and runs `source` in `__main__`. Errors are rendered to `stderr` as CPython does and returned.
    /// In `.interactive` mode every expression statement's non-None value is echoed (and bound to `_`).
    @discardableResult
    public func run(_ source: String, filename: String = "<stdin>", mode: ParseMode = .file, echo: Bool? = nil) -> Outcome {
        let program: Program
        do {
            program = try Parser.parse(source, filename: filename, mode: mode)
        } catch let e as SyntaxError {
            stderr(e.rendered().hasSuffix("\n") ? e.rendered() : e.rendered() + "\n")
            return .syntaxError(e)
        } catch {
            stderr("SyntaxError: \(error)\n")
            return .exception(PyException(type: Types.syntaxError, args: [.str("\(error)")]))
        }
        if filename != "<stdin>" { sources[filename] = source.components(separatedBy: "\n") }
        do {
            try execute(program, filename: filename, echo: echo ?? (mode == .interactive))
            return .success
        } catch let e as PyError {
            stderr(renderTraceback(e.exception))
            return .exception(e.exception)
        } catch {
            stderr("SystemError: \(error)\n")
            return .exception(PyException(type: Types.exc("SystemError"), args: [.str("\(error)")]))
        }
    }

    /// Runs a parsed program in `__main__`, throwing the uncaught Python exception.
    public func execute(_ program: Program, filename: String = "<stdin>", echo: Bool = false) throws {
        if running { return try executeHere(program, filename: filename, echo: echo) }
        running = true
        defer { running = false }
        var result: Result<Void, Error> = .success(())
        runOnLargeStack { [self] in
            result = Result { try executeHere(program, filename: filename, echo: echo) }
        }
        try result.get()
    }

    private func executeHere(_ program: Program, filename: String, echo: Bool) throws {
        let frame = Frame(kind: .module, code: nil, parent: nil, globals: mainModule.dict, filename: filename,
                          classCell: nil, qualPrefix: "")
        let savedFrame = currentFrame, savedEcho = echoFrame
        currentFrame = frame
        if echo { echoFrame = frame }
        defer {
            currentFrame = savedFrame
            echoFrame = savedEcho
        }
        do {
            _ = try execBlock(program.statements, frame)
        } catch let e as PyError {
            e.exception.traceback.insert(TracebackEntry(filename: filename, line: frame.line, function: "<module>"), at: 0)
            throw e
        }
    }

    /// CPython's displayhook.
    func displayHook(_ v: Value) throws {
        if v.isNone { return }
        builtins["_"] = v
        stdout(try repr(v) + "\n")
    }

    public func write(_ text: String) { stdout(text) }
}

/// Runs `work` on a thread with a 512 MB stack so deep (but limited) Python recursion cannot overflow.
private final class WorkBox {
    let work: () -> Void
    init(_ work: @escaping () -> Void) { self.work = work }
}

func runOnLargeStack(_ work: @escaping () -> Void) {
    if currentThreadHasStack(512 << 20) { return work() }  // already on such a thread (the fuzzer's)
    var attr = pthread_attr_t()
    pthread_attr_init(&attr)
    defer { pthread_attr_destroy(&attr) }
    pthread_attr_setstacksize(&attr, 512 << 20)
    let box = Unmanaged.passRetained(WorkBox(work))
    var thread = pthread_t()
    let rc = pthread_create(&thread, &attr, { ctx in
        guard let ctx else { return nil }
        Unmanaged<WorkBox>.fromOpaque(ctx).takeRetainedValue().work()
        return nil
    }, box.toOpaque())
    if rc != 0 {
        box.release()
        work()
        return
    }
    pthread_join(thread, nil)
}
