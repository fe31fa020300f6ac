import Language

/// The native `collections` module: `OrderedDict`, a dict subclass that reprs as Python 3.11 does.
extension TorchLibrary {
    func makeCollectionsModule() -> PyModule {
        let m = PyModule(name: "collections")
        let t = types.orderedDict
        t.newInstance = { interp, args, kwargs in
            guard case .object(let cls as PyType)? = args.first else { throw PyError.typeError("OrderedDict.__new__: no class") }
            let d = PyDict(type: cls)
            if args.count > 2 { throw PyError.typeError("expected at most 1 argument, got \(args.count - 1)") }
            if args.count == 2 {
                if let src = args[1].as(PyDict.self) {
                    for (k, v) in src.items { try d.set(k, v) }
                } else {
                    try interp.iterate(args[1]) { item in
                        let pair = try interp.toArray(item)
                        guard pair.count == 2 else {
                            throw PyError.valueError("dictionary update sequence element has length \(pair.count); 2 is required")
                        }
                        try d.set(pair[0], pair[1])
                    }
                }
            }
            for (k, v) in kwargs { try d.set(.str(k), v) }
            return .object(d)
        }
        t.addMethod("__init__") { _, _, _ in .none }
        let repr: NativeFunction = { interp, args, _ in
            guard let d = args[0].as(PyDict.self) else { return .str("OrderedDict()") }
            let name = d.type.name
            if d.count == 0 { return .str("\(name)()") }
            let items = try d.items.map { "(\(try interp.repr($0.key)), \(try interp.repr($0.value)))" }
            return .str("\(name)([" + items.joined(separator: ", ") + "])")
        }
        t.addMethod("__repr__", repr)
        t.addMethod("__str__", repr)
        t.addMethod("move_to_end") { _, args, kwargs in
            guard let d = args[0].as(PyDict.self), args.count > 1 else { return .none }
            let last = kwargs.first { $0.0 == "last" }.map { if case .bool(let b) = $0.1 { return b }; return true } ?? true
            guard let v = try d.get(args[1]) else { throw PyError.keyError(args[1]) }
            if last {
                try d.remove(args[1])
                try d.set(args[1], v)
            } else {
                let rest = d.items.filter { (try? HashKey($0.key)) != (try? HashKey(args[1])) }
                d.removeAll()
                try d.set(args[1], v)
                for (k, val) in rest { try d.set(k, val) }
            }
            return .none
        }
        m.dict["OrderedDict"] = .object(t)
        return m
    }
}
