/// The `functools` module: `reduce`, `partial`, `wraps`, and `lru_cache`/`cache` (unbounded: `maxsize` is
/// accepted but not enforced).
final class PartialCall {
    let function: Value
    let args: [Value]
    let keywords: Kwargs
    init(function: Value, args: [Value], keywords: Kwargs) {
        self.function = function
        self.args = args
        self.keywords = keywords
    }
}

extension Interpreter {
    func makeFunctoolsModule() -> PyModule {
        let m = PyModule(name: "functools")
        func fn(_ name: String, _ body: @escaping NativeFunction) {
            m.dict[name] = .object(PyBuiltinFunction(name: name, owner: nil, body))
        }
        fn("reduce") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "reduce", 2...3)
            var acc: Value? = args.count == 3 ? args[2] : nil
            try interp.iterate(args[1]) { x in acc = try acc.map { try interp.call(args[0], [$0, x]) } ?? x }
            guard let result = acc else { throw PyError.typeError("reduce() of empty iterable with no initial value") }
            return result
        }

        let partialType = PyType(name: "partial", module: "functools", base: Types.object)
        partialType.newInstance = { interp, args, kwargs in
            guard args.count >= 2 else { throw PyError.typeError("type 'partial' takes at least one argument") }
            guard interp.isCallableValue(args[1]) else { throw PyError.typeError("the first argument must be callable") }
            var function = args[1], pargs = Array(args.dropFirst(2)), pkw = kwargs
            if let inner = args[1].native(as: PartialCall.self) {   // partial(partial(f, 1), 2) flattens
                function = inner.function
                pargs = inner.args + pargs
                pkw = inner.keywords.filter { k, _ in !kwargs.contains { $0.0 == k } } + kwargs
            }
            let o = PyObject(type: args[0].as(PyType.self) ?? partialType)
            o.native = PartialCall(function: function, args: pargs, keywords: pkw)
            return .object(o)
        }
        partialType.addMethod("__init__") { _, _, _ in .none }
        partialType.addMethod("__call__") { interp, args, kwargs in
            guard let p = args.first?.native(as: PartialCall.self) else { throw PyError.typeError("bad partial") }
            let merged = p.keywords.filter { k, _ in !kwargs.contains { $0.0 == k } } + kwargs
            return try interp.call(p.function, p.args + args.dropFirst(), merged)
        }
        partialType.addProperty("func") { _, v in v.native(as: PartialCall.self)?.function ?? .none }
        partialType.addProperty("args") { _, v in .object(PyTuple(v.native(as: PartialCall.self)?.args ?? [])) }
        partialType.addProperty("keywords") { _, v in
            let d = PyDict()
            for (k, x) in v.native(as: PartialCall.self)?.keywords ?? [] { try d.set(.str(k), x) }
            return .object(d)
        }
        partialType.addMethod("__repr__") { interp, args, _ in
            guard let p = args.first?.native(as: PartialCall.self) else { return .str("functools.partial()") }
            let parts = try [interp.repr(p.function)] + p.args.map { try interp.repr($0) }
                + p.keywords.map { "\($0.0)=\(try interp.repr($0.1))" }
            return .str("functools.partial(\(parts.joined(separator: ", ")))")
        }
        m.dict["partial"] = .object(partialType)

        fn("wraps") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "wraps", 1...1)
            let wrapped = args[0]
            return .object(PyBuiltinFunction(name: "update_wrapper", owner: nil) { interp, args, kwargs in
                try interp.expectArgs(args, kwargs, "update_wrapper", 1...1)
                for name in ["__module__", "__name__", "__qualname__", "__doc__"] {
                    if let v = try? interp.getAttr(wrapped, name) { try? interp.setAttr(args[0], name, v) }
                }
                try? interp.setAttr(args[0], "__wrapped__", wrapped)
                return args[0]
            })
        }
        func memoize(_ interp: Interpreter, _ f: Value) throws -> Value {
            let cache = PyDict()
            let name = (try? interp.getAttr(f, "__name__")).flatMap { v -> String? in
                if case .str(let s) = v { return s } else { return nil }
            } ?? "wrapper"
            return .object(PyBuiltinFunction(name: name, owner: nil) { interp, args, kwargs in
                var key = args
                if !kwargs.isEmpty {
                    key.append(.ellipsis)
                    for (k, v) in kwargs { key += [.str(k), v] }
                }
                let k = Value.object(PyTuple(key))
                if let hit = try cache.get(k) { return hit }
                let r = try interp.call(f, args, kwargs)
                try cache.set(k, r)
                return r
            })
        }
        fn("cache") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "cache", 1...1)
            return try memoize(interp, args[0])
        }
        fn("lru_cache") { interp, args, kwargs in
            if args.count == 1, kwargs.isEmpty, interp.isCallableValue(args[0]) { return try memoize(interp, args[0]) }
            _ = try interp.bind(args, kwargs, ["maxsize", "typed"], function: "lru_cache")
            return .object(PyBuiltinFunction(name: "decorating_function", owner: nil) { interp, args, kwargs in
                try interp.expectArgs(args, kwargs, "decorating_function", 1...1)
                return try memoize(interp, args[0])
            })
        }
        return m
    }

    func isCallableValue(_ v: Value) -> Bool {
        switch v.object {
        case is PyFunction, is PyBuiltinFunction, is PyBoundMethod, is PyType: return true
        case let o?: return o.type.lookup("__call__") != nil
        default: return false
        }
    }
}
