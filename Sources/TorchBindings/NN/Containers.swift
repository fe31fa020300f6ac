import Language
import NN
import TensorEngine

/// `nn.Sequential`, `nn.ModuleList`, `nn.ModuleDict`, `nn.ParameterList`, `nn.ParameterDict`.
extension TorchLibrary {
    func installContainers(_ nn: PyModule) {
        layer(nn, "Sequential", "container", [], varargs: true) { [unowned self] a in
            if a.rest.count == 1, let d = a.rest[0].as(PyDict.self) {
                return try Sequential(named: try d.items.map { k, v in
                    guard case .str(let key) = k else { throw PyError.typeError("module name should be a string") }
                    return (key, try childModule(v))
                })
            }
            return Sequential(try a.rest.map { try childModule($0) })
        }
        layer(nn, "ModuleList", "container", ["modules"]) { [unowned self] a in
            ModuleList(try a["modules"].map { try iterateValues($0).map { try childModule($0) } } ?? [])
        }
        layer(nn, "ModuleDict", "container", ["modules"]) { [unowned self] a in
            try ModuleDict(try a["modules"].map { try pairs($0).map { ($0.0, try childModule($0.1)) } } ?? [])
        }
        layer(nn, "ParameterList", "container", ["values"]) { [unowned self] a in
            try ParameterList(try a["values"].map { try iterateValues($0).map { try requireTensor($0, "ParameterList value") } } ?? [])
        }
        layer(nn, "ParameterDict", "container", ["parameters"]) { [unowned self] a in
            try ParameterDict(try a["parameters"].map { try pairs($0).map { ($0.0, try requireTensor($0.1, "ParameterDict value")) } } ?? [])
        }

        let seq = nn.dict["Sequential"]!.as(PyType.self)!
        let list = nn.dict["ModuleList"]!.as(PyType.self)!
        let dict = nn.dict["ModuleDict"]!.as(PyType.self)!
        for t in [seq, list] {
            t.method("__len__") { [unowned self] _, args, _ in .int(try requireModule(args[0]).moduleStore.count) }
            t.method("__iter__") { [unowned self] _, args, _ in
                let items = try requireModule(args[0]).moduleStore.values.compactMap { $0 }.map { wrap($0) }
                return .object(iteratorOver(items))
            }
            t.method("__getitem__") { [unowned self] _, args, _ in
                let m = try requireModule(args[0])
                if let s = args[1].as(PySlice.self) {
                    let (start, stop, step) = try sliceParts(s)
                    if let q = m as? Sequential { return wrap(try q.slice(start: start, stop: stop, step: step)) }
                    if let l = m as? ModuleList { return wrap(try l.slice(start: start, stop: stop, step: step)) }
                }
                let i = try Convert.int(args[1], "__getitem__", "idx")
                if let q = m as? Sequential { return wrap(try q.module(at: i)) }
                if let l = m as? ModuleList { return wrap(try l.module(at: i)) }
                return .none
            }
            t.method("__setitem__") { [unowned self] _, args, _ in
                let m = try requireModule(args[0])
                let i = try Convert.int(args[1], "__setitem__", "idx")
                let child = try childModule(args[2])
                if let q = m as? Sequential { try q.setModule(at: i, child) }
                if let l = m as? ModuleList { try l.setModule(at: i, child) }
                return .none
            }
            t.method("__delitem__") { [unowned self] _, args, _ in
                let m = try requireModule(args[0])
                if let s = args[1].as(PySlice.self) {
                    let (start, stop, step) = try sliceParts(s)
                    if let q = m as? Sequential { try q.removeSlice(start: start, stop: stop, step: step) }
                    return .none
                }
                let i = try Convert.int(args[1], "__delitem__", "idx")
                if let q = m as? Sequential { try q.remove(at: i) }
                if let l = m as? ModuleList { try l.remove(at: i) }
                return .none
            }
            t.method("append") { [unowned self] _, args, _ in
                let m = try requireModule(args[0])
                let child = try childModule(args[1])
                if let q = m as? Sequential { _ = try q.append(child) }
                if let l = m as? ModuleList { _ = try l.append(child) }
                return args[0]
            }
            t.method("extend") { [unowned self] _, args, _ in
                let m = try requireModule(args[0])
                let children = try iterateValues(args[1]).map { try childModule($0) }
                if let q = m as? Sequential { _ = try q.extend(children) }
                if let l = m as? ModuleList { _ = try l.extend(children) }
                return args[0]
            }
            t.method("insert") { [unowned self] _, args, _ in
                let m = try requireModule(args[0])
                let i = try Convert.int(args[1], "insert", "index")
                let child = try childModule(args[2])
                if let q = m as? Sequential { _ = try q.insert(i, child) }
                if let l = m as? ModuleList { l.insert(i, child) }
                return m is Sequential ? args[0] : .none
            }
            t.method("pop") { [unowned self] _, args, _ in
                let m = try requireModule(args[0])
                let i = args.count > 1 ? try Convert.int(args[1], "pop", "key") : -1
                if let q = m as? Sequential { return wrap(try q.pop(i)) }
                if let l = m as? ModuleList { return wrap(try l.pop(i)) }
                return .none
            }
        }
        dict.method("__len__") { [unowned self] _, args, _ in .int(try requireModule(args[0]).moduleStore.count) }
        dict.method("__getitem__") { [unowned self] _, args, _ in
            guard let d = try requireModule(args[0]) as? ModuleDict, case .str(let key) = args[1] else { return .none }
            return wrap(try d.module(forKey: key))
        }
        dict.method("__setitem__") { [unowned self] _, args, _ in
            guard let d = try requireModule(args[0]) as? ModuleDict, case .str(let key) = args[1] else { return .none }
            try d.setModule(key, try childModule(args[2]))
            return .none
        }
        dict.method("__contains__") { [unowned self] _, args, _ in
            guard let d = try requireModule(args[0]) as? ModuleDict, case .str(let key) = args[1] else { return .bool(false) }
            return .bool(d.contains(key))
        }
        dict.method("__iter__") { [unowned self] _, args, _ in
            let keys = (try requireModule(args[0]) as? ModuleDict)?.keys ?? []
            return .object(iteratorOver(keys.map { .str($0) }))
        }
        dict.method("keys") { [unowned self] _, args, _ in
            .object(PyList(((try requireModule(args[0]) as? ModuleDict)?.keys ?? []).map { .str($0) }))
        }
        dict.method("values") { [unowned self] _, args, _ in
            .object(PyList(try requireModule(args[0]).moduleStore.values.map { wrap($0) }))
        }
        dict.method("items") { [unowned self] _, args, _ in
            .object(PyList(try requireModule(args[0]).moduleStore.items.map { .object(PyTuple([.str($0.key), wrap($0.value)])) }))
        }

        for name in ["ParameterList", "ParameterDict"] {
            let t = nn.dict[name]!.as(PyType.self)!
            t.method("__len__") { [unowned self] _, args, _ in .int(try requireModule(args[0]).parameterStore.count) }
            t.method("__getitem__") { [unowned self] _, args, _ in
                let m = try requireModule(args[0])
                if let l = m as? ParameterList { return wrap(try l.parameter(at: try Convert.int(args[1], "__getitem__", "idx"))) }
                if let d = m as? ParameterDict, case .str(let key) = args[1] { return wrap(try d.parameter(forKey: key)) }
                return .none
            }
            t.method("__iter__") { [unowned self] _, args, _ in
                let m = try requireModule(args[0])
                let items: [Value] = m is ParameterList ? m.parameterStore.values.map { wrap($0) }
                                                         : m.parameterStore.keys.map { .str($0) }
                return .object(iteratorOver(items))
            }
            t.method("append") { [unowned self] _, args, _ in
                if let l = try requireModule(args[0]) as? ParameterList { _ = try l.append(try requireTensor(args[1], "value")) }
                return args[0]
            }
        }
    }

    /// A value that belongs in a container: a module (or, for the short names, a bare `relu`).
    func childModule(_ v: Value) throws -> Module {
        if let m = module(v) { return m }
        if let make = bareActivations[ObjectIdentifier(v.object ?? PyObject(type: Types.object))] { return make() }
        throw PyError.typeError("\(v.type.fullName) is not a Module subclass")
    }

    func iterateValues(_ v: Value) throws -> [Value] {
        if let items = Convert.sequenceItems(v) { return items }
        if let m = module(v) { return m.moduleStore.values.compactMap { $0 }.map { wrap($0) } }
        throw PyError.typeError("expected an iterable of modules, got \(v.typeName)")
    }

    func pairs(_ v: Value) throws -> [(String, Value)] {
        if let d = v.as(PyDict.self) {
            return try d.items.map { k, v in
                guard case .str(let key) = k else { throw PyError.typeError("keys must be strings") }
                return (key, v)
            }
        }
        return try (Convert.sequenceItems(v) ?? []).map { item in
            guard let pair = Convert.sequenceItems(item), pair.count == 2, case .str(let key) = pair[0] else {
                throw PyError.typeError("expected (name, value) pairs")
            }
            return (key, pair[1])
        }
    }

    func sliceParts(_ s: PySlice) throws -> (Int?, Int?, Int?) {
        func part(_ v: Value) throws -> Int? { v.isNone ? nil : try Convert.int(v, "slice", "index") }
        return (try part(s.start), try part(s.stop), try part(s.step))
    }
}

/// An iterator over a fixed array of values.
func iteratorOver(_ items: [Value]) -> PyIterator {
    var i = 0
    return PyIterator(type: Types.iterator) { _ in
        guard i < items.count else { return nil }
        defer { i += 1 }
        return items[i]
    }
}
