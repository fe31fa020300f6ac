/// Calling: Python functions (argument binding, frames, tracebacks), native functions, classes, bound methods.

/// A function defined by `def` or `lambda`.
public final class PyFunction: PyObject {
    let code: CodeInfo
    var defaults: [Value?]
    var kwDefaults: [String: Value]
    let closure: Frame?
    let globals: PyDict
    let classCell: ClassCell?

    init(code: CodeInfo, defaults: [Value?], kwDefaults: [String: Value], closure: Frame?, globals: PyDict,
         classCell: ClassCell?) {
        self.code = code
        self.defaults = defaults
        self.kwDefaults = kwDefaults
        self.closure = closure
        self.globals = globals
        self.classCell = classCell
        super.init(type: Types.function)
    }

    public var name: String { code.name }
    public var qualname: String { code.qualname }
}

/// Values yielded by a running generator function (collected eagerly; see `yieldValue`).
final class GeneratorBuffer {
    var values: [Value] = []
}

extension Interpreter {
    /// Calls any Python callable: functions, classes, bound methods, objects with `__call__`.
    public func call(_ callee: Value, _ args: [Value] = [], _ kwargs: Kwargs = []) throws -> Value {
        guard case .object(let o) = callee else {
            throw PyError.typeError("'\(callee.typeName)' object is not callable")
        }
        switch o {
        case let fn as PyFunction: return try callFunction(fn, args, kwargs)
        case let b as PyBuiltinFunction: return try b.body(self, args, kwargs)
        case let m as PyBoundMethod: return try call(m.function, [m.selfValue] + args, kwargs)
        case let t as PyType: return try construct(t, args, kwargs)
        default:
            if let c = o.type.lookup("__call__") { return try callDescriptor(c, callee, args, kwargs) }
            throw PyError.typeError("'\(o.type.name)' object is not callable")
        }
    }

    /// `obj.name(*args, **kwargs)`.
    public func callMethod(_ obj: Value, _ name: String, _ args: [Value] = [], _ kwargs: Kwargs = []) throws -> Value {
        if case .object(let o) = obj, o.attributes?[name] == nil, !(o is PyType), !(o is PyModule),
           let d = obj.type.lookup(name), d.as(PyFunction.self) != nil || d.as(PyBuiltinFunction.self)?.isMethod == true {
            return try call(d, [obj] + args, kwargs)
        }
        return try call(try getAttr(obj, name), args, kwargs)
    }

    /// Calls a special method if the type defines it; nil when it does not.
    public func callSpecial(_ obj: Value, _ name: String, _ args: [Value] = []) throws -> Value? {
        guard let d = obj.type.lookup(name) else { return nil }
        return try callDescriptor(d, obj, args, [])
    }

    /// Calls an attribute found on the type as if looked up through `obj`.
    func callDescriptor(_ d: Value, _ obj: Value, _ args: [Value], _ kwargs: Kwargs) throws -> Value {
        if case .object(let o) = d {
            switch o {
            case is PyFunction: return try call(d, [obj] + args, kwargs)
            case let b as PyBuiltinFunction where b.isMethod: return try b.body(self, [obj] + args, kwargs)
            default: break
            }
        }
        return try call(try bindDescriptor(d, to: obj, owner: obj.type, classAccess: false), args, kwargs)
    }

    func qualifiedCallableName(_ v: Value) -> String {
        if let f = v.as(PyFunction.self), case .str(let m)? = f.globals["__name__"] { return "\(m).\(f.qualname)()" }
        if let m = v.as(PyBoundMethod.self) { return qualifiedCallableName(m.function) }
        return callableName(v)
    }

    func callableName(_ v: Value) -> String {
        switch v.object {
        case let f as PyFunction: return f.qualname + "()"
        case let b as PyBuiltinFunction: return b.name + "()"
        case let m as PyBoundMethod: return callableName(m.function)
        case let t as PyType: return t.name + "()"
        default: return v.typeName + " object"
        }
    }

    // MARK: Python functions

    func callFunction(_ fn: PyFunction, _ args: [Value], _ kwargs: Kwargs) throws -> Value {
        let code = fn.code
        let frame = Frame(kind: .function, code: code, parent: fn.closure, globals: fn.globals, filename: code.filename,
                          classCell: fn.classCell, qualPrefix: code.qualname + ".<locals>.", function: fn)
        try bindArguments(fn, args, kwargs, frame)
        if code.isGenerator { return .object(makeGenerator(fn, frame)) }
        return try runFrame(frame, code)
    }

    private func runFrame(_ frame: Frame, _ code: CodeInfo) throws -> Value {
        try checkInterrupt()
        if depth >= recursionLimit {
            throw PyError(type: Types.recursionError, "maximum recursion depth exceeded")
        }
        depth += 1
        let saved = currentFrame
        currentFrame = frame
        defer {
            depth -= 1
            currentFrame = saved
        }
        do {
            if case .returned(let v) = try execBlock(code.body, frame) { return v }
            return .none
        } catch let e as PyError {
            e.exception.traceback.insert(TracebackEntry(filename: code.filename, line: frame.line, function: code.name), at: 0)
            throw e
        }
    }

    /// Generator functions run to completion on the first `next()`, buffering what they yield.
    private func makeGenerator(_ fn: PyFunction, _ frame: Frame) -> PyIterator {
        var buffer: GeneratorBuffer?
        var index = 0
        return PyIterator(type: Types.generator, qualname: fn.qualname) { interp in
            if buffer == nil {
                let b = GeneratorBuffer()
                buffer = b
                frame.generatorBuffer = b
                _ = try interp.runFrame(frame, fn.code)
            }
            guard let b = buffer, index < b.values.count else { return nil }
            index += 1
            return b.values[index - 1]
        }
    }

    private func bindArguments(_ fn: PyFunction, _ args: [Value], _ kwargs: Kwargs, _ frame: Frame) throws {
        let p = fn.code.parameters
        let name = fn.qualname
        let npos = p.positional.count
        if args.count > npos {
            if let va = p.varArgs {
                frame.locals[va] = .object(PyTuple(Array(args[npos...])))
            } else {
                let required = fn.defaults.filter { $0 == nil }.count
                let takes = required == npos ? "\(npos)" : "from \(required) to \(npos)"
                let plural = npos == 1 && required == npos ? "argument" : "arguments"
                let were = args.count == 1 ? "was" : "were"
                throw PyError.typeError("\(name)() takes \(takes) positional \(plural) but \(args.count) \(were) given")
            }
        } else if let va = p.varArgs {
            frame.locals[va] = .object(PyTuple.empty)
        }
        for i in 0..<min(args.count, npos) { frame.locals[p.positional[i].name] = args[i] }
        var extra: PyDict?
        if let vk = p.varKeywords {
            let d = PyDict()
            extra = d
            frame.locals[vk] = .object(d)
        }
        for (k, v) in kwargs {
            if let i = p.positional.firstIndex(where: { $0.name == k }) {
                if i < args.count || frame.locals[k] != nil {
                    throw PyError.typeError("\(name)() got multiple values for argument '\(k)'")
                }
                frame.locals[k] = v
            } else if p.keywordOnly.contains(where: { $0.name == k }) {
                frame.locals[k] = v
            } else if let extra {
                try extra.set(.str(k), v)
            } else {
                throw PyError.typeError("\(name)() got an unexpected keyword argument '\(k)'")
            }
        }
        var missing: [String] = []
        for (i, param) in p.positional.enumerated() where frame.locals[param.name] == nil {
            if i < fn.defaults.count, let d = fn.defaults[i] { frame.locals[param.name] = d } else { missing.append(param.name) }
        }
        if !missing.isEmpty { throw missingArguments(name, missing, "positional") }
        for param in p.keywordOnly where frame.locals[param.name] == nil {
            if let d = fn.kwDefaults[param.name] { frame.locals[param.name] = d } else { missing.append(param.name) }
        }
        if !missing.isEmpty { throw missingArguments(name, missing, "keyword-only") }
    }

    private func missingArguments(_ name: String, _ missing: [String], _ kind: String) -> PyError {
        let quoted = missing.map { "'\($0)'" }
        let list: String
        switch quoted.count {
        case 1: list = quoted[0]
        case 2: list = "\(quoted[0]) and \(quoted[1])"
        default: list = quoted.dropLast().joined(separator: ", ") + ", and " + (quoted.last ?? "")
        }
        let noun = missing.count == 1 ? "argument" : "arguments"
        return PyError.typeError("\(name)() missing \(missing.count) required \(kind) \(noun): \(list)")
    }

    // MARK: Classes

    func construct(_ t: PyType, _ args: [Value], _ kwargs: Kwargs) throws -> Value {
        let instance: Value
        if let userNew = t.lookup("__new__"), userNew.as(PyFunction.self) != nil || userNew.as(PyStaticMethod.self) != nil {
            let fnValue = userNew.as(PyStaticMethod.self)?.function ?? userNew
            instance = try call(fnValue, [.object(t)] + args, kwargs)
        } else if let new = t.inheritedNew {
            instance = try new(self, [.object(t)] + args, kwargs)
        } else {
            if t.definingType("__init__") === Types.object && (!args.isEmpty || !kwargs.isEmpty) {
                throw PyError.typeError("\(t.name)() takes no arguments")
            }
            instance = .object(PyObject(type: t))
        }
        if instance.type.isSubtype(of: t), let initFn = t.lookup("__init__"), t.definingType("__init__") !== Types.object {
            let r = try callDescriptor(initFn, instance, args, kwargs)
            if !r.isNone { throw PyError.typeError("__init__() should return None, not '\(r.typeName)'") }
        }
        return instance
    }
}
