import Language

/// `exit()` and `quit()` as CPython's `site` module defines them: callables that raise `SystemExit`, whose
/// repr tells a learner who typed the bare name how to leave.
extension Session {
    static func installExit(into interpreter: Interpreter) {
        let quitter = PyType(name: "Quitter", module: "_sitebuiltins", base: Types.object)
        let systemExit = Types.exceptions["SystemExit"] ?? Types.object
        quitter.addMethod("__repr__") { _, args, _ in
            guard case .str(let name)? = args.first?.object?.attributes?["name"] else { return .str("Use exit() or Ctrl-D (i.e. EOF) to exit") }
            return .str("Use \(name)() or Ctrl-D (i.e. EOF) to exit")
        }
        quitter.addMethod("__call__") { _, args, kwargs in
            if args.count > 2 || kwargs.contains(where: { $0.0 != "code" }) {
                throw PyError.typeError("Quitter.__call__() takes from 1 to 2 positional arguments but \(args.count) were given")
            }
            let code = args.count > 1 ? args[1] : kwargs.first?.1 ?? .none
            throw PyError(PyException(type: systemExit, args: code.isNone ? [] : [code]))
        }
        // `e.code`: None, the one argument, or all of them as a tuple.
        systemExit.addProperty("code", get: { _, o in
            guard let args = (o.object as? PyException)?.args else { return .none }
            return args.isEmpty ? .none : args.count == 1 ? args[0] : .object(PyTuple(args))
        }, set: nil)
        for name in ["exit", "quit"] {
            let object = PyObject(type: quitter)
            var attributes = StrDict()
            attributes["name"] = .str(name)
            object.attributes = attributes
            try? interpreter.builtins.set(.str(name), .object(object))
        }
    }

    /// The process status a `SystemExit` asks for, and the text CPython prints for a non-integer code.
    static func exitStatus(_ exception: PyException, _ interpreter: Interpreter) -> (status: Int32, message: String?) {
        guard let code = exception.args.first, exception.args.count == 1 else {
            return exception.args.isEmpty ? (0, nil) : (1, interpreter.exceptionMessage(exception))
        }
        switch code {
        case .none: return (0, nil)
        case .bool(let b): return (b ? 1 : 0, nil)
        case .int(let n): return (Int32(truncatingIfNeeded: n), nil)
        default: return (1, (try? interpreter.str(code)) ?? interpreter.exceptionMessage(exception))
        }
    }
}
