/// Statement execution. `Flow` carries break/continue/return out of blocks; exceptions are Swift throws.

enum Flow {
    case normal, breakLoop, continueLoop
    case returned(Value)
}

extension Interpreter {
    func execBlock(_ stmts: [Stmt], _ f: Frame) throws -> Flow {
        for s in stmts {
            let flow = try exec(s, f)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    func exec(_ s: Stmt, _ f: Frame) throws -> Flow {
        f.line = s.range.start.line
        switch s.kind {
        case .expression(let e):
            let v = try eval(e, f)
            if echoFrame === f { try displayHook(v) }
        case .assign(let targets, let value):
            let v = try eval(value, f)
            for t in targets { try assign(t, v, f) }
        case .augAssign(let target, let op, let value):
            try augAssign(target, op, value, f)
        case .annAssign(let target, _, let value):
            if let value { try assign(target, try eval(value, f), f) }
        case .pass, .global, .nonlocal:
            break
        case .break: return .breakLoop
        case .continue: return .continueLoop
        case .return(let e): return .returned(try e.map { try eval($0, f) } ?? .none)
        case .delete(let targets):
            for t in targets { try delete(t, f) }
        case .assert(let test, let message):
            if try !isTruthy(eval(test, f)) {
                let args = try message.map { [try eval($0, f)] } ?? []
                throw PyError(PyException(type: Types.assertionError, args: args))
            }
        case .raise(let exc, let cause):
            try raise(exc, cause, f)
        case .if(let test, let body, let orElse):
            return try execBlock(try isTruthy(eval(test, f)) ? body : orElse, f)
        case .while(let test, let body, let orElse):
            while try isTruthy(eval(test, f)) {
                try checkInterrupt()
                switch try execBlock(body, f) {
                case .breakLoop: return .normal
                case .returned(let v): return .returned(v)
                case .normal, .continueLoop: continue
                }
            }
            return try execBlock(orElse, f)
        case .for(let target, let iterable, let body, let orElse):
            var it = try makeIter(eval(iterable, f))
            while let v = try it.next(self) {
                try checkInterrupt()
                try assign(target, v, f)
                switch try execBlock(body, f) {
                case .breakLoop: return .normal
                case .returned(let v): return .returned(v)
                case .normal, .continueLoop: continue
                }
            }
            return try execBlock(orElse, f)
        case .with(let items, let body):
            return try execWith(items[...], body, f)
        case .try(let body, let handlers, let orElse, let finally):
            return try execTry(body, handlers, orElse, finally, f)
        case .functionDef(let name, let params, let body, let decorators):
            let decos = try decorators.map { try eval($0, f) }
            var fn = Value.object(try makeFunction(name: name, params: params, body: body, f))
            for d in decos.reversed() { fn = try call(d, [fn]) }
            try store(name, fn, f)
        case .classDef(let name, let bases, let keywords, let body, let decorators):
            let decos = try decorators.map { try eval($0, f) }
            var cls = try makeClass(name, bases, keywords, body, f)
            for d in decos.reversed() { cls = try call(d, [cls]) }
            try store(name, cls, f)
        case .import(let names):
            for n in names {
                let dotted = n.path.joined(separator: ".")
                let m = try importModule(dotted)
                if let alias = n.alias {
                    try store(alias, .object(m), f)
                } else if let first = n.path.first {
                    try store(first, .object(try importModule(first)), f)
                }
            }
        case .importFrom(let path, let level, let names):
            if level > 0 {
                throw PyError(type: Types.importError, "attempted relative import with no known parent package")
            }
            let dotted = path.joined(separator: ".")
            let m = try importModule(dotted)
            for (name, alias) in names {
                if name == "*" {
                    for (k, v) in m.dict.items {
                        if case .str(let key) = k, !key.hasPrefix("_") { try store(key, v, f) }
                    }
                    continue
                }
                if let v = m.dict[name] {
                    try store(alias ?? name, v, f)
                } else if let sub = modules[dotted + "." + name] {
                    try store(alias ?? name, .object(sub), f)
                } else {
                    throw PyError(type: Types.importError,
                                  "cannot import name '\(name)' from '\(dotted)' (unknown location)")
                }
            }
        }
        return .normal
    }

    func importModule(_ dotted: String) throws -> PyModule {
        if let m = modules[dotted] { return m }
        let parts = dotted.split(separator: ".")
        var prefix = ""
        for p in parts.dropLast() {
            prefix += prefix.isEmpty ? String(p) : "." + p
            if modules[prefix] == nil { return try importModule(prefix) }
        }
        let e = PyException(type: Types.moduleNotFoundError, args: [.str("No module named '\(dotted)'")])
        e.attributes?["name"] = .str(dotted)
        throw PyError(e)
    }

    // MARK: Assignment

    func assign(_ target: Expr, _ v: Value, _ f: Frame) throws {
        switch target.kind {
        case .name(let n): try store(n, v, f, cache: target.nameCache)
        case .attribute(let obj, let name): try setAttr(eval(obj, f), name, v)
        case .subscript(let obj, let index): try setItem(eval(obj, f), eval(index, f), v)
        case .tuple(let targets), .list(let targets): try unpack(targets, v, f)
        case .starred:
            throw PyError(type: Types.syntaxError, "starred assignment target must be in a list or tuple")
        default:
            throw PyError(type: Types.syntaxError, "cannot assign to expression")
        }
    }

    private func unpack(_ targets: [Expr], _ v: Value, _ f: Frame) throws {
        let starIndex = targets.firstIndex { if case .starred = $0.kind { return true } else { return false } }
        var values: [Value] = []
        if case .object(let o) = v, let t = o as? PyTuple {
            values = t.items
        } else if case .object(let o) = v, let l = o as? PyList {
            values = l.items
        } else {
            guard isIterable(v) else {
                throw PyError.typeError("cannot unpack non-iterable \(v.typeName) object")
            }
            var it = try makeIter(v)
            while let x = try it.next(self) {
                values.append(x)
                if starIndex == nil && values.count > targets.count { break }
            }
        }
        if let star = starIndex {
            let after = targets.count - star - 1
            guard values.count >= targets.count - 1 else {
                throw PyError.valueError("not enough values to unpack (expected at least \(targets.count - 1), got \(values.count))")
            }
            for i in 0..<star { try assign(targets[i], values[i], f) }
            let middle = Array(values[star..<(values.count - after)])
            if case .starred(let inner) = targets[star].kind { try assign(inner, .object(PyList(middle)), f) }
            for i in 0..<after { try assign(targets[star + 1 + i], values[values.count - after + i], f) }
            return
        }
        if values.count > targets.count {
            throw PyError.valueError("too many values to unpack (expected \(targets.count))")
        }
        if values.count < targets.count {
            throw PyError.valueError("not enough values to unpack (expected \(targets.count), got \(values.count))")
        }
        for (t, x) in zip(targets, values) { try assign(t, x, f) }
    }

    private func augAssign(_ target: Expr, _ op: BinaryOp, _ value: Expr, _ f: Frame) throws {
        switch target.kind {
        case .name(let n):
            let cur = try loadName(n, f, cache: target.nameCache)
            try store(n, try inplaceOp(op, cur, try eval(value, f)), f, cache: target.nameCache)
        case .attribute(let objExpr, let name):
            let obj = try eval(objExpr, f)
            let cur = try getAttr(obj, name)
            try setAttr(obj, name, try inplaceOp(op, cur, try eval(value, f)))
        case .subscript(let objExpr, let indexExpr):
            let obj = try eval(objExpr, f)
            let index = try eval(indexExpr, f)
            let cur = try getItem(obj, index)
            try setItem(obj, index, try inplaceOp(op, cur, try eval(value, f)))
        default:
            throw PyError(type: Types.syntaxError, "'\(target.kind)' is an illegal expression for augmented assignment")
        }
    }

    private func delete(_ target: Expr, _ f: Frame) throws {
        switch target.kind {
        case .name(let n): try deleteName(n, f)
        case .attribute(let obj, let name): try delAttr(eval(obj, f), name)
        case .subscript(let obj, let index): try delItem(eval(obj, f), eval(index, f))
        case .tuple(let ts), .list(let ts): for t in ts { try delete(t, f) }
        default: throw PyError(type: Types.syntaxError, "cannot delete expression")
        }
    }

    // MARK: Exceptions

    private func raise(_ excExpr: Expr?, _ causeExpr: Expr?, _ f: Frame) throws {
        guard let excExpr else {
            guard let current = handling.last else { throw PyError.runtimeError("No active exception to reraise") }
            throw PyError(current)
        }
        let exc = try makeException(eval(excExpr, f))
        if let causeExpr {
            let c = try eval(causeExpr, f)
            if c.isNone {
                exc.cause = nil
            } else {
                guard let ce = try? makeException(c) else {
                    throw PyError.typeError("exception causes must derive from BaseException")
                }
                exc.cause = ce
            }
            exc.suppressContext = true
        }
        if let ctx = handling.last, ctx !== exc, exc.context == nil { exc.context = ctx }
        throw PyError(exc)
    }

    /// `raise X` accepts an exception class (instantiated with no arguments) or instance.
    func makeException(_ v: Value) throws -> PyException {
        if let e = v.as(PyException.self) { return e }
        if let t = v.as(PyType.self), t.isSubtype(of: Types.baseException) {
            if let e = try call(v).as(PyException.self) { return e }
        }
        throw PyError.typeError("exceptions must derive from BaseException")
    }

    private func execTry(_ body: [Stmt], _ handlers: [ExceptHandler], _ orElse: [Stmt], _ finally: [Stmt],
                         _ f: Frame) throws -> Flow {
        var flow: Flow = .normal
        do {
            var handled = false
            do {
                flow = try execBlock(body, f)
            } catch let e as PyError {
                guard let handler = try matchingHandler(e.exception, handlers, f) else { throw e }
                handled = true
                handling.append(e.exception)
                defer { handling.removeLast() }
                if let name = handler.name { try store(name, .object(e.exception), f) }
                do {
                    flow = try execBlock(handler.body, f)
                } catch let e2 as PyError {
                    if e2.exception !== e.exception && e2.exception.context == nil { e2.exception.context = e.exception }
                    if let name = handler.name { try? deleteName(name, f) }
                    throw e2
                }
                if let name = handler.name { try? deleteName(name, f) }
            }
            if !handled, case .normal = flow { flow = try execBlock(orElse, f) }
        } catch {
            if !finally.isEmpty {
                let ff = try execBlock(finally, f)
                if case .normal = ff {} else { return ff }
            }
            throw error
        }
        if !finally.isEmpty {
            let ff = try execBlock(finally, f)
            if case .normal = ff {} else { return ff }
        }
        return flow
    }

    private func matchingHandler(_ e: PyException, _ handlers: [ExceptHandler], _ f: Frame) throws -> ExceptHandler? {
        for h in handlers {
            guard let typeExpr = h.type else { return h }
            let t = try eval(typeExpr, f)
            if try exceptionMatches(e, t) { return h }
        }
        return nil
    }

    func exceptionMatches(_ e: PyException, _ t: Value) throws -> Bool {
        if let type = t.as(PyType.self), type.isSubtype(of: Types.baseException) {
            return e.type.isSubtype(of: type)
        }
        if let tuple = t.as(PyTuple.self) {
            for item in tuple.items where try exceptionMatches(e, item) { return true }
            return false
        }
        throw PyError.typeError("catching classes that do not inherit from BaseException is not allowed")
    }

    private func execWith(_ items: ArraySlice<WithItem>, _ body: [Stmt], _ f: Frame) throws -> Flow {
        guard let item = items.first else { return try execBlock(body, f) }
        let mgr = try eval(item.context, f)
        let t = mgr.type
        guard let enter = t.lookup("__enter__") else {
            throw PyError.typeError("'\(t.name)' object does not support the context manager protocol")
        }
        guard let exit = t.lookup("__exit__") else {
            throw PyError.typeError("'\(t.name)' object does not support the context manager protocol (missed __exit__ method)")
        }
        let entered = try callDescriptor(enter, mgr, [], [])
        let flow: Flow
        do {
            if let target = item.target { try assign(target, entered, f) }
            flow = try execWith(items.dropFirst(), body, f)
        } catch let e as PyError {
            let suppress = try callDescriptor(exit, mgr, [.object(e.exception.type), .object(e.exception), .none], [])
            if try isTruthy(suppress) { return .normal }
            throw e
        }
        _ = try callDescriptor(exit, mgr, [.none, .none, .none], [])
        return flow
    }

    // MARK: Definitions

    func makeFunction(name: String, params: Parameters, body: [Stmt], _ f: Frame) throws -> PyFunction {
        var defaults: [Value?] = []
        for p in params.positional { defaults.append(try p.defaultValue.map { try eval($0, f) }) }
        var kwDefaults: [String: Value] = [:]
        for p in params.keywordOnly {
            if let d = p.defaultValue { kwDefaults[p.name] = try eval(d, f) }
        }
        let code = CodeInfo(name: name, qualname: f.qualPrefix + name, parameters: params, body: body,
                            filename: f.filename)
        return PyFunction(code: code, defaults: defaults, kwDefaults: kwDefaults, closure: f.closureForChildren,
                          globals: f.globals, classCell: f.classCell)
    }

    private func makeClass(_ name: String, _ baseExprs: [Expr], _ keywords: [(String, Expr)], _ body: [Stmt],
                           _ f: Frame) throws -> Value {
        var bases: [PyType] = []
        for b in baseExprs {
            let v = try eval(b, f)
            guard let t = v.as(PyType.self) else {
                throw PyError.typeError("bases must be types")
            }
            if t.isImmutable && t !== Types.object && !t.isSubtype(of: Types.baseException) {
                throw PyError.typeError("type '\(t.name)' is not an acceptable base type")
            }
            bases.append(t)
        }
        if bases.isEmpty { bases = [Types.object] }
        let cell = ClassCell()
        let qualname = f.qualPrefix + name
        let frame = Frame(kind: .classBody, code: nil, parent: f.closureForChildren, globals: f.globals,
                          filename: f.filename, classCell: cell, qualPrefix: qualname + ".")
        let moduleName: String
        if case .str(let m)? = f.globals["__name__"] { moduleName = m } else { moduleName = "__main__" }
        frame.classNamespace["__module__"] = .str(moduleName)
        frame.classNamespace["__qualname__"] = .str(qualname)
        let saved = currentFrame
        currentFrame = frame
        defer { currentFrame = saved }
        _ = try execBlock(body, frame)
        let cls = try PyType.makeUserClass(name: name, qualname: qualname, module: moduleName, bases: bases)
        for (k, v) in frame.classNamespace.items { cls.dict[k] = v }
        if cls.dict["__eq__"] != nil && cls.dict["__hash__"] == nil { cls.dict["__hash__"] = Value.none }
        cell.type = cls
        if let hook = bases.first?.lookup("__init_subclass__"), hook.as(PyBuiltinFunction.self) == nil {
            var kw: Kwargs = []
            for (k, e) in keywords { kw.append((k, try eval(e, f))) }
            _ = try call(try bindDescriptor(hook, to: .object(cls), owner: cls, classAccess: true), [], kw)
        }
        return .object(cls)
    }
}
