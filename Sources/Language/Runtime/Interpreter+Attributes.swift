/// Attribute access: `obj.name`, `obj.name = v`, `del obj.name`, descriptors, `super()`.

extension Interpreter {
    public func getAttr(_ obj: Value, _ name: String) throws -> Value {
        if let v = try lookupAttr(obj, name) { return v }
        throw attributeError(obj, name)
    }

    /// `getattr(obj, name, None)`-style lookup: nil when missing (AttributeError from `__getattr__` too).
    public func lookupAttrOrNil(_ obj: Value, _ name: String) throws -> Value? {
        do {
            return try lookupAttr(obj, name)
        } catch let e as PyError where e.exception.type.isSubtype(of: Types.attributeError) {
            return nil
        }
    }

    func lookupAttr(_ obj: Value, _ name: String) throws -> Value? {
        if case .object(let o) = obj {
            if let t = o as? PyType { return try typeAttr(t, name) }
            if let m = o as? PyModule {
                if let v = m.dict[name] { return v }
                if let sub = modules[m.name + "." + name] { return .object(sub) }
                if name == "__dict__" { return .object(m.dict) }
                return nil
            }
            if let s = o as? PySuper { return try superAttr(s, name) }
        }
        let t = obj.type
        let descr = t.lookup(name)
        if let d = descr, let p = d.as(PyProperty.self) {
            if p.fget.isNone { throw PyError.attributeError("property '\(name)' of '\(t.name)' object has no getter") }
            return try call(p.fget, [obj])
        }
        if case .object(let o) = obj, let v = o.attributes?[name] { return v }
        if let d = descr { return try bindDescriptor(d, to: obj, owner: t, classAccess: false) }
        if let v = try specialAttr(obj, name) { return v }
        if let ga = t.lookup("__getattr__") { return try callDescriptor(ga, obj, [.str(name)], []) }
        return nil
    }

    private func specialAttr(_ obj: Value, _ name: String) throws -> Value? {
        switch name {
        case "__class__": return .object(obj.type)
        case "__dict__":
            guard case .object(let o) = obj, let attrs = o.attributes else { return nil }
            let d = PyDict()
            for (k, v) in attrs.items { try d.set(.str(k), v) }
            return .object(d)
        case "__doc__": return Value.none
        default: break
        }
        switch obj.object {
        case let f as PyFunction:
            switch name {
            case "__name__": return .str(f.name)
            case "__qualname__": return .str(f.qualname)
            case "__module__": return f.globals["__name__"] ?? Value.none
            case "__defaults__":
                let ds = f.defaults.compactMap { $0 }
                return ds.isEmpty ? Value.none : .object(PyTuple(ds))
            default: return nil
            }
        case let b as PyBuiltinFunction:
            if name == "__name__" || name == "__qualname__" { return .str(b.name) }
        case let p as PyProperty:
            switch name {
            case "fget": return p.fget
            case "fset": return p.fset
            case "fdel": return p.fdel
            case "__doc__": return p.doc.isNone && !p.fget.isNone ? (try lookupAttrOrNil(p.fget, "__doc__") ?? .none) : p.doc
            default: return nil
            }
        case let s as PyStaticMethod:
            if name == "__func__" { return s.function }
        case let c as PyClassMethod:
            if name == "__func__" { return c.function }
        case let m as PyBoundMethod:
            if name == "__self__" { return m.selfValue }
            if name == "__func__" { return m.function }
            return try lookupAttr(m.function, name)
        default: break
        }
        return nil
    }

    private func typeAttr(_ t: PyType, _ name: String) throws -> Value? {
        switch name {
        case "__name__": return .str(t.name)
        case "__qualname__": return .str(t.qualname)
        case "__module__" where t.dict["__module__"] == nil: return .str(t.module)
        case "__bases__": return .object(PyTuple(t.bases.map { .object($0) }))
        case "__mro__": return .object(PyTuple(t.mro.map { .object($0) }))
        case "__base__": return t.bases.first.map { .object($0) } ?? Value.none
        case "__class__": return .object(Types.type)
        case "__dict__":
            let d = PyDict()
            for (k, v) in t.dict.items { try d.set(.str(k), v) }
            return .object(d)
        case "__doc__" where t.dict["__doc__"] == nil: return Value.none
        default: break
        }
        if let d = t.lookup(name) { return try bindDescriptor(d, to: .object(t), owner: t, classAccess: true) }
        if let d = Types.type.lookup(name) { return try bindDescriptor(d, to: .object(t), owner: Types.type, classAccess: false) }
        return nil
    }

    private func superAttr(_ s: PySuper, _ name: String) throws -> Value? {
        let targetType = s.target.as(PyType.self)
        let start: PyType = targetType.flatMap { $0.isSubtype(of: s.thisType) ? $0 : nil } ?? s.target.type
        let mro = start.mro
        if let i = mro.firstIndex(where: { $0 === s.thisType }) {
            for t in mro[(i + 1)...] {
                if let d = t.dict[name] {
                    let classAccess = targetType != nil && start === targetType
                    return try bindDescriptor(d, to: s.target, owner: start, classAccess: classAccess)
                }
            }
        }
        if name == "__class__" { return .object(Types.superType) }
        return nil
    }

    /// What `owner.name` or `instance.name` produces for a value found in a class dict.
    func bindDescriptor(_ d: Value, to obj: Value, owner: PyType, classAccess: Bool) throws -> Value {
        guard case .object(let o) = d else { return d }
        switch o {
        case is PyFunction:
            return classAccess ? d : .object(PyBoundMethod(self: obj, function: d))
        case let b as PyBuiltinFunction where b.isMethod:
            return classAccess ? d : .object(PyBoundMethod(self: obj, function: d))
        case let s as PyStaticMethod:
            return s.function
        case let c as PyClassMethod:
            return .object(PyBoundMethod(self: classAccess ? obj : .object(owner), function: c.function))
        case let p as PyProperty:
            if classAccess { return d }
            if p.fget.isNone { throw PyError.attributeError("unreadable attribute") }
            return try call(p.fget, [obj])
        default:
            return d
        }
    }

    func attributeError(_ obj: Value, _ name: String) -> PyError {
        let message: String
        var candidates: [String] = []
        switch obj.object {
        case let t as PyType:
            message = "type object '\(t.name)' has no attribute '\(name)'"
            for c in t.mro { candidates += c.dict.keys }
        case let m as PyModule:
            message = "module '\(m.name)' has no attribute '\(name)'"
            candidates = m.dict.keys.compactMap { if case .str(let s) = $0 { return s } else { return nil } }
        default:
            message = "'\(obj.typeName)' object has no attribute '\(name)'"
            if let attrs = obj.object?.attributes { candidates += attrs.keys }
            for c in obj.type.mro { candidates += c.dict.keys }
            if obj.type.definingType("__dir__") !== Types.object, let extra = try? callSpecial(obj, "__dir__"), isIterable(extra) {
                try? iterate(extra) { if case .str(let s) = $0 { candidates.append(s) } }
            }
        }
        let e = PyException(type: Types.attributeError, args: [.str(message)])
        e.attributes?["name"] = .str(name)
        e.suggestion = suggest(name, candidates)
        return PyError(e)
    }

    public func setAttr(_ obj: Value, _ name: String, _ v: Value) throws {
        guard case .object(let o) = obj else {
            throw PyError.attributeError("'\(obj.typeName)' object has no attribute '\(name)'")
        }
        if let t = o as? PyType {
            if t.isImmutable { throw PyError.typeError("cannot set '\(name)' attribute of immutable type '\(t.name)'") }
            t.dict[name] = v
            return
        }
        if let m = o as? PyModule {
            m.dict[name] = v
            return
        }
        let t = o.type
        if let sa = t.lookup("__setattr__"), t.definingType("__setattr__") !== Types.object {
            _ = try callDescriptor(sa, obj, [.str(name), v], [])
            return
        }
        try genericSetAttr(obj, name, v)
    }

    /// `object.__setattr__`: properties first, then the instance dict. Native `__setattr__`s fall back to it.
    public func genericSetAttr(_ obj: Value, _ name: String, _ v: Value) throws {
        let t = obj.type
        if let p = t.lookup(name)?.as(PyProperty.self) {
            if p.fset.isNone { throw PyError.attributeError("property '\(name)' of '\(t.name)' object has no setter") }
            _ = try call(p.fset, [obj, v])
            return
        }
        guard case .object(let o) = obj, o.attributes != nil else {
            if t.lookup(name) != nil {
                throw PyError.attributeError("'\(t.name)' object attribute '\(name)' is read-only")
            }
            throw PyError.attributeError("'\(t.name)' object has no attribute '\(name)'")
        }
        o.attributes?[name] = v
    }

    public func delAttr(_ obj: Value, _ name: String) throws {
        guard case .object(let o) = obj else { throw attributeError(obj, name) }
        if let t = o as? PyType {
            if t.isImmutable { throw PyError.typeError("cannot delete '\(name)' attribute of immutable type '\(t.name)'") }
            guard t.dict[name] != nil else { throw attributeError(obj, name) }
            t.dict[name] = nil
            return
        }
        if let m = o as? PyModule {
            guard try m.dict.remove(.str(name)) != nil else { throw attributeError(obj, name) }
            return
        }
        let t = o.type
        if let da = t.lookup("__delattr__"), t.definingType("__delattr__") !== Types.object {
            _ = try callDescriptor(da, obj, [.str(name)], [])
            return
        }
        try genericDelAttr(obj, name)
    }

    public func genericDelAttr(_ obj: Value, _ name: String) throws {
        if let p = obj.type.lookup(name)?.as(PyProperty.self) {
            if p.fdel.isNone { throw PyError.attributeError("property '\(name)' of '\(obj.typeName)' object has no deleter") }
            _ = try call(p.fdel, [obj])
            return
        }
        guard case .object(let o) = obj, o.attributes?[name] != nil else { throw attributeError(obj, name) }
        o.attributes?[name] = nil
    }

    public func hasAttr(_ obj: Value, _ name: String) throws -> Bool {
        try lookupAttrOrNil(obj, name) != nil
    }
}
