import Foundation

/// Python exceptions: objects of a type under `BaseException`, thrown through Swift as `PyError`.

public struct TracebackEntry: Sendable {
    public var filename: String
    public var line: Int
    public var function: String
}

public final class PyException: PyObject {
    public var args: [Value]
    public var traceback: [TracebackEntry] = []  // outermost first
    public var cause: PyException?
    public var context: PyException?
    public var suppressContext = false
    /// CPython 3.11's `Did you mean: 'x'?`, shown in tracebacks only.
    public var suggestion: String?

    public init(type: PyType, args: [Value]) {
        self.args = args
        super.init(type: type)
    }

    /// The message as native code set it (first argument if it is a string).
    public var message: String {
        if args.count == 1, case .str(let s) = args[0] { return s }
        return ""
    }
}

/// The Swift error carrying a Python exception. Throw it from native code.
public struct PyError: Error, CustomStringConvertible {
    public let exception: PyException

    public init(_ exception: PyException) {
        self.exception = exception
    }

    public init(type: PyType, _ message: String) {
        exception = PyException(type: type, args: [.str(message)])
    }

    /// `PyError(typeName: "IndexError", "index out of range")`; unknown names become RuntimeError.
    public init(typeName: String, _ message: String) {
        self.init(type: Types.exceptions[typeName] ?? Types.runtimeError, message)
    }

    public var typeName: String { exception.type.name }
    public var description: String { "\(exception.type.name): \(exception.message)" }

    public static func typeError(_ m: String) -> PyError { PyError(type: Types.typeError, m) }
    public static func valueError(_ m: String) -> PyError { PyError(type: Types.valueError, m) }
    public static func runtimeError(_ m: String) -> PyError { PyError(type: Types.runtimeError, m) }
    public static func indexError(_ m: String) -> PyError { PyError(type: Types.indexError, m) }
    public static func attributeError(_ m: String) -> PyError { PyError(type: Types.attributeError, m) }
    public static func nameError(_ m: String) -> PyError { PyError(type: Types.nameError, m) }
    public static func zeroDivision(_ m: String) -> PyError { PyError(type: Types.zeroDivisionError, m) }
    public static func overflow(_ m: String) -> PyError { PyError(type: Types.overflowError, m) }
    public static func notImplemented(_ m: String) -> PyError { PyError(type: Types.notImplementedError, m) }
    public static func stopIteration() -> PyError { PyError(PyException(type: Types.stopIteration, args: [])) }
    public static func keyError(_ key: Value) -> PyError { PyError(PyException(type: Types.keyError, args: [key])) }
}

extension Types {
    /// Every builtin exception type by name, with CPython's hierarchy.
    public static let exceptions: [String: PyType] = {
        var table: [String: PyType] = [:]
        let base = PyType(name: "BaseException", bases: [object], isImmutable: true)
        installExceptionMethods(base)
        table["BaseException"] = base
        let tree: [(String, String)] = [
            ("Exception", "BaseException"), ("GeneratorExit", "BaseException"),
            ("KeyboardInterrupt", "BaseException"), ("SystemExit", "BaseException"),
            ("ArithmeticError", "Exception"), ("FloatingPointError", "ArithmeticError"),
            ("OverflowError", "ArithmeticError"), ("ZeroDivisionError", "ArithmeticError"),
            ("AssertionError", "Exception"), ("AttributeError", "Exception"), ("BufferError", "Exception"),
            ("EOFError", "Exception"), ("ImportError", "Exception"), ("ModuleNotFoundError", "ImportError"),
            ("LookupError", "Exception"), ("IndexError", "LookupError"), ("KeyError", "LookupError"),
            ("MemoryError", "Exception"), ("NameError", "Exception"), ("UnboundLocalError", "NameError"),
            ("OSError", "Exception"), ("FileNotFoundError", "OSError"), ("PermissionError", "OSError"),
            ("FileExistsError", "OSError"), ("IsADirectoryError", "OSError"), ("NotADirectoryError", "OSError"),
            ("ReferenceError", "Exception"), ("RuntimeError", "Exception"),
            ("NotImplementedError", "RuntimeError"), ("RecursionError", "RuntimeError"),
            ("StopIteration", "Exception"), ("StopAsyncIteration", "Exception"),
            ("SyntaxError", "Exception"), ("IndentationError", "SyntaxError"), ("TabError", "IndentationError"),
            ("SystemError", "Exception"), ("TypeError", "Exception"), ("ValueError", "Exception"),
            ("UnicodeError", "ValueError"), ("Warning", "Exception"), ("UserWarning", "Warning"),
            ("DeprecationWarning", "Warning"), ("RuntimeWarning", "Warning"), ("FutureWarning", "Warning"),
        ]
        for (name, parent) in tree {
            if let p = table[parent] { table[name] = PyType(name: name, bases: [p], isImmutable: true) }
        }
        return table
    }()
    static func exc(_ name: String) -> PyType { exceptions[name] ?? object }
    public static let baseException = exc("BaseException")
    public static let exception = exc("Exception")
    public static let typeError = exc("TypeError")
    public static let valueError = exc("ValueError")
    public static let runtimeError = exc("RuntimeError")
    public static let indexError = exc("IndexError")
    public static let keyError = exc("KeyError")
    public static let attributeError = exc("AttributeError")
    public static let nameError = exc("NameError")
    public static let unboundLocalError = exc("UnboundLocalError")
    public static let zeroDivisionError = exc("ZeroDivisionError")
    public static let overflowError = exc("OverflowError")
    public static let notImplementedError = exc("NotImplementedError")
    public static let recursionError = exc("RecursionError")
    public static let stopIteration = exc("StopIteration")
    public static let assertionError = exc("AssertionError")
    public static let keyboardInterrupt = exc("KeyboardInterrupt")
    public static let moduleNotFoundError = exc("ModuleNotFoundError")
    public static let importError = exc("ImportError")
    public static let memoryError = exc("MemoryError")
    public static let syntaxError = exc("SyntaxError")
}

extension Interpreter {
    /// `str(exc)`: the message line's text after `Type: `.
    public func exceptionMessage(_ e: PyException) -> String {
        if e.type.isSubtype(of: Types.keyError), e.args.count == 1 { return (try? repr(e.args[0])) ?? "" }
        if let custom = e.type.lookup("__str__"), e.type.definingType("__str__") !== Types.baseException {
            _ = custom
            if let s = try? str(.object(e)) { return s }
        }
        switch e.args.count {
        case 0: return ""
        case 1: return (try? str(e.args[0])) ?? ""
        default: return (try? repr(.object(PyTuple(e.args)))) ?? ""
        }
    }

    /// The last traceback line: `ZeroDivisionError: division by zero`, `__main__.MyError: x`.
    /// CPython adds "Did you mean" only when it prints a traceback, not in `format_exception_only`,
    /// which is what doctest compares; transcripts ask for the line without it.
    public func exceptionLine(_ e: PyException, includingSuggestion: Bool = true) -> String {
        let t = e.type
        let name = (t.module == "builtins" || t.module == "__main__" || t.module.isEmpty) ? t.qualname : "\(t.module).\(t.qualname)"
        let msg = exceptionMessage(e)
        var line = msg.isEmpty ? name : "\(name): \(msg)"
        if includingSuggestion, let s = e.suggestion { line += ". Did you mean: '\(s)'?" }
        return line
    }

    /// The full CPython-style report, chained exceptions first.
    public func renderTraceback(_ e: PyException) -> String {
        var out = ""
        var seen: [ObjectIdentifier] = []
        renderChain(e, into: &out, seen: &seen)
        return out
    }

    private func renderChain(_ e: PyException, into out: inout String, seen: inout [ObjectIdentifier]) {
        seen.append(ObjectIdentifier(e))
        if let cause = e.cause, !seen.contains(ObjectIdentifier(cause)) {
            renderChain(cause, into: &out, seen: &seen)
            out += "\nThe above exception was the direct cause of the following exception:\n\n"
        } else if !e.suppressContext, let ctx = e.context, !seen.contains(ObjectIdentifier(ctx)) {
            renderChain(ctx, into: &out, seen: &seen)
            out += "\nDuring handling of the above exception, another exception occurred:\n\n"
        }
        if !e.traceback.isEmpty {
            out += "Traceback (most recent call last):\n"
            for entry in e.traceback {
                out += "  File \"\(entry.filename)\", line \(entry.line), in \(entry.function)\n"
                if let text = sourceLine(entry.filename, entry.line) {
                    out += "    \(text)\n"
                }
            }
        }
        out += exceptionLine(e) + "\n"
    }

    func sourceLine(_ filename: String, _ line: Int) -> String? {
        guard filename != "<stdin>", let lines = sources[filename], line >= 1, line <= lines.count else { return nil }
        let text = lines[line - 1].trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }
}
