/// Expression evaluation and name resolution.

extension Interpreter {
    func eval(_ e: Expr, _ f: Frame) throws -> Value {
        if case .name(let n) = e.kind { return try loadName(n, f, cache: e.nameCache) }  // a leaf: no depth bookkeeping
        evalDepth += 1
        defer { evalDepth -= 1 }
        if evalDepth > 20_000 { throw PyError(type: Types.recursionError, "maximum recursion depth exceeded") }
        switch e.kind {
        case .name(let n): return try loadName(n, f)
        case .none: return .none
        case .bool(let b): return .bool(b)
        case .int(let digits):
            if let i = Int(digits) { return .int(i) }
            throw PyError.overflow("integer literal too large (nnrepl ints are 64-bit): \(digits.prefix(40))")
        case .float(let d): return .float(d)
        case .imaginary: throw PyError.notImplemented("complex numbers are not supported")
        case .string(let s): return .str(s)
        case .bytes(let b): return .object(PyBytes(b))
        case .fString(let parts): return .str(try formatFString(parts, f))
        case .ellipsis: return .ellipsis
        case .list(let es): return .object(PyList(try evalElements(es, f)))
        case .tuple(let es): return .object(PyTuple(try evalElements(es, f)))
        case .set(let es):
            let s = PySet()
            for v in try evalElements(es, f) { try s.add(v) }
            return .object(s)
        case .dict(let pairs):
            let d = PyDict()
            for p in pairs {
                if let k = p.key {
                    let key = try eval(k, f)
                    try d.set(key, try eval(p.value, f))
                } else {
                    try mergeMapping(into: d, try eval(p.value, f))
                }
            }
            return .object(d)
        case .starred:
            throw PyError(type: Types.syntaxError, "can't use starred expression here")
        case .attribute(let obj, let name): return try getAttr(eval(obj, f), name)
        case .subscript(let obj, let index): return try getItem(eval(obj, f), eval(index, f))
        case .slice(let l, let u, let s):
            return .object(PySlice(try l.map { try eval($0, f) } ?? .none, try u.map { try eval($0, f) } ?? .none,
                                   try s.map { try eval($0, f) } ?? .none))
        case .call(let callee, let args): return try evalCall(callee, args, f)
        case .unary(let op, let x): return try unaryOp(op, eval(x, f))
        case .binary(let l, let op, let r):
            let a = try eval(l, f)
            return try binaryOp(op, a, try eval(r, f))
        case .boolean(let op, let es):
            var v = Value.none
            for (i, x) in es.enumerated() {
                v = try eval(x, f)
                if i == es.count - 1 { break }
                let t = try isTruthy(v)
                if op == .and && !t || op == .or && t { return v }
            }
            return v
        case .compare(let l, let rest):
            var left = try eval(l, f)
            var result = Value.bool(true)
            for (op, rExpr) in rest {
                let right = try eval(rExpr, f)
                result = try compareOp(op, left, right)
                if rest.count > 1, try !isTruthy(result) { return result }
                left = right
            }
            return result
        case .conditional(let test, let body, let orElse):
            return try eval(try isTruthy(eval(test, f)) ? body : orElse, f)
        case .lambda(let params, let body):
            let ret = Stmt(.return(body), body.range)
            return .object(try makeFunction(name: "<lambda>", params: params, body: [ret], f))
        case .listComp(let elt, let clauses):
            let list = PyList()
            try comprehension(clauses, f, name: "<listcomp>") { frame in list.items.append(try self.eval(elt, frame)) }
            return .object(list)
        case .setComp(let elt, let clauses):
            let set = PySet()
            try comprehension(clauses, f, name: "<setcomp>") { frame in try set.add(try self.eval(elt, frame)) }
            return .object(set)
        case .dictComp(let key, let value, let clauses):
            let d = PyDict()
            try comprehension(clauses, f, name: "<dictcomp>") { frame in
                let k = try self.eval(key, frame)
                try d.set(k, try self.eval(value, frame))
            }
            return .object(d)
        case .generator(let elt, let clauses):
            return .object(try generatorExpression(elt, clauses, f))
        case .namedExpr(let target, let value):
            let v = try eval(value, f)
            try store(target, v, f)
            return v
        case .yield(let x):
            let v = try x.map { try eval($0, f) } ?? .none
            try yieldValue(v, f)
            return .none
        case .yieldFrom(let x):
            var it = try makeIter(eval(x, f))
            while let v = try it.next(self) { try yieldValue(v, f) }
            return .none
        case .await:
            throw PyError(type: Types.syntaxError, "'await' outside async function")
        }
    }

    private func yieldValue(_ v: Value, _ f: Frame) throws {
        guard let gen = f.generatorBuffer else {
            throw PyError(type: Types.syntaxError, "'yield' outside function")
        }
        if gen.values.count >= 1_000_000 {
            throw PyError(type: Types.memoryError,
                          "generator yielded more than 1000000 values (nnrepl runs generator functions to completion on first next())")
        }
        gen.values.append(v)
    }

    func evalElements(_ es: [Expr], _ f: Frame) throws -> [Value] {
        var out: [Value] = []
        out.reserveCapacity(es.count)
        for e in es {
            if case .starred(let inner) = e.kind {
                try iterate(eval(inner, f)) { out.append($0) }
            } else {
                out.append(try eval(e, f))
            }
        }
        return out
    }

    func mergeMapping(into d: PyDict, _ m: Value) throws {
        if let src = m.as(PyDict.self) {
            for (k, v) in src.items { try d.set(k, v) }
            return
        }
        guard m.type.lookup("keys") != nil else {
            throw PyError.typeError("'\(m.typeName)' object is not a mapping")
        }
        try iterate(try callMethod(m, "keys")) { k in try d.set(k, try self.getItem(m, k)) }
    }

    // MARK: Calls

    private func evalCall(_ calleeExpr: Expr, _ argExprs: [Argument], _ f: Frame) throws -> Value {
        let callee = try eval(calleeExpr, f)
        var args: [Value] = []
        var kwargs: Kwargs = []
        args.reserveCapacity(argExprs.count)
        for a in argExprs {
            switch a {
            case .positional(let e): args.append(try eval(e, f))
            case .starred(let e):
                let v = try eval(e, f)
                guard isIterable(v) else {
                    throw PyError.typeError("\(callableName(callee)) argument after * must be an iterable, not \(v.typeName)")
                }
                try iterate(v) { args.append($0) }
            case .keyword(let name, let e):
                if kwargs.contains(where: { $0.0 == name }) {
                    throw PyError.typeError("\(qualifiedCallableName(callee)) got multiple values for keyword argument '\(name)'")
                }
                kwargs.append((name, try eval(e, f)))
            case .doubleStarred(let e):
                let m = try eval(e, f)
                let d = PyDict()
                guard m.as(PyDict.self) != nil || m.type.lookup("keys") != nil else {
                    throw PyError.typeError("\(callableName(callee)) argument after ** must be a mapping, not \(m.typeName)")
                }
                try mergeMapping(into: d, m)
                for (k, v) in d.items {
                    guard case .str(let key) = k else { throw PyError.typeError("keywords must be strings") }
                    if kwargs.contains(where: { $0.0 == key }) {
                        throw PyError.typeError("\(qualifiedCallableName(callee)) got multiple values for keyword argument '\(key)'")
                    }
                    kwargs.append((key, v))
                }
            }
        }
        if args.isEmpty, kwargs.isEmpty, let t = callee.as(PyType.self), t === Types.superType {
            return try zeroArgSuper(f)
        }
        return try call(callee, args, kwargs)
    }

    private func zeroArgSuper(_ f: Frame) throws -> Value {
        guard f.kind == .function, let code = f.code, let cls = f.classCell?.type else {
            throw PyError.runtimeError("super(): no arguments")
        }
        guard let firstName = code.parameters.positional.first?.name ?? code.parameters.varArgs,
              let first = f.locals[firstName] else {
            throw PyError.runtimeError("super(): no arguments")
        }
        var target = first
        if code.parameters.positional.isEmpty, let t = first.as(PyTuple.self), let x = t.items.first { target = x }
        return .object(PySuper(thisType: cls, target: target))
    }

    // MARK: Names

    /// `cache` is the name node's inline cache (global and builtin lookups only).
    func loadName(_ name: String, _ f: Frame, cache: NameCache? = nil) throws -> Value {
        switch f.kind {
        case .module:
            if let cache { return try loadGlobal(name, f, cache: cache) }
            return try loadGlobal(name, f)
        case .classBody:
            if let v = f.classNamespace[name] { return v }
            return try loadFree(name, f.parent, f, cache)
        case .function:
            guard let code = f.code else { return try loadGlobal(name, f) }
            if let cache, cache.localLayout === f.locals.layout {
                if let v = f.locals.values[cache.localSlot] { return v }
                throw unboundLocal(name)
            }
            if let i = f.locals.layout.slots[name] {  // the layout's names are code.locals
                cache?.localLayout = f.locals.layout
                cache?.localSlot = i
                if let v = f.locals.values[i] { return v }
                throw unboundLocal(name)
            }
            if code.globals.contains(name) {
                if let cache { return try loadGlobal(name, f, cache: cache) }
                return try loadGlobal(name, f)
            }
            return try loadFree(name, f.parent, f, cache)
        }
    }

    private func unboundLocal(_ name: String) -> PyError {
        PyError(type: Types.unboundLocalError,
                "cannot access local variable '\(name)' where it is not associated with a value")
    }

    private func loadFree(_ name: String, _ start: Frame?, _ f: Frame, _ cache: NameCache?) throws -> Value {
        var p = start
        while let fr = p {
            if let code = fr.code, code.locals.contains(name) {
                if let v = fr.locals[name] { return v }
                throw PyError.nameError(
                    "cannot access free variable '\(name)' where it is not associated with a value in enclosing scope")
            }
            p = fr.parent
        }
        if let cache { return try loadGlobal(name, f, cache: cache) }
        return try loadGlobal(name, f)
    }

    func loadGlobal(_ name: String, _ f: Frame) throws -> Value {
        if let v = f.globals[name] { return v }
        if let v = builtins[name] { return v }
        var candidates: [String] = f.globals.keys.compactMap { if case .str(let s) = $0 { return s } else { return nil } }
        if let code = f.code { candidates += code.locals }
        candidates += builtins.keys.compactMap { if case .str(let s) = $0 { return s } else { return nil } }
        let e = PyException(type: Types.nameError, args: [.str("name '\(name)' is not defined")])
        e.suggestion = suggest(name, candidates)
        throw PyError(e)
    }

    func store(_ name: String, _ v: Value, _ f: Frame, cache: NameCache? = nil) throws {
        switch f.kind {
        case .module:
            if let cache { return storeGlobal(name, v, f.globals, cache: cache) }
            f.globals[name] = v
        case .classBody:
            f.classNamespace[name] = v
        case .function:
            guard let code = f.code else { return }
            if let cache, cache.localLayout === f.locals.layout {
                f.locals.values[cache.localSlot] = v
            } else if let i = f.locals.layout.slots[name] {  // the layout's names are code.locals
                cache?.localLayout = f.locals.layout
                cache?.localSlot = i
                f.locals.values[i] = v
            } else if code.globals.contains(name) {
                if let cache { return storeGlobal(name, v, f.globals, cache: cache) }
                f.globals[name] = v
            } else if code.nonlocals.contains(name) {
                var p = f.parent
                while let fr = p {
                    if let c = fr.code, c.locals.contains(name) {
                        fr.locals[name] = v
                        return
                    }
                    p = fr.parent
                }
                throw PyError(type: Types.syntaxError, "no binding for nonlocal '\(name)' found")
            } else {
                f.locals[name] = v
            }
        }
    }

    func deleteName(_ name: String, _ f: Frame) throws {
        switch f.kind {
        case .module:
            if try f.globals.remove(.str(name)) == nil { throw PyError.nameError("name '\(name)' is not defined") }
        case .classBody:
            if f.classNamespace[name] == nil { throw PyError.nameError("name '\(name)' is not defined") }
            f.classNamespace[name] = nil
        case .function:
            if let code = f.code, code.globals.contains(name) {
                if try f.globals.remove(.str(name)) == nil { throw PyError.nameError("name '\(name)' is not defined") }
            } else if f.locals.removeValue(forKey: name) == nil {
                throw PyError(type: Types.unboundLocalError,
                              "cannot access local variable '\(name)' where it is not associated with a value")
            }
        }
    }

    // MARK: Comprehensions

    private func comprehension(_ clauses: [Comprehension], _ f: Frame, name: String,
                               _ body: (Frame) throws -> Void) throws {
        guard let first = clauses.first else { return }
        let firstIterable = try eval(first.iterable, f)
        let code = CodeInfo(comprehensionTargets: clauses.map(\.target), filename: f.filename, name: name)
        let frame = Frame(kind: .function, code: code, parent: f.closureForChildren, globals: f.globals,
                          filename: f.filename, classCell: f.classCell, qualPrefix: f.qualPrefix)
        frame.line = f.line
        try runClauses(clauses[...], firstIterable, frame, body)
    }

    private func runClauses(_ clauses: ArraySlice<Comprehension>, _ iterable: Value?, _ frame: Frame,
                            _ body: (Frame) throws -> Void) throws {
        guard let clause = clauses.first else { return try body(frame) }
        var it = try makeIter(iterable ?? eval(clause.iterable, frame))
        outer: while let v = try it.next(self) {
            try checkInterrupt()
            try assign(clause.target, v, frame)
            for c in clause.conditions where try !isTruthy(eval(c, frame)) { continue outer }
            try runClauses(clauses.dropFirst(), nil, frame, body)
        }
    }

    /// A lazy generator expression: a stack of iterators, one per `for` clause.
    private func generatorExpression(_ elt: Expr, _ clauses: [Comprehension], _ f: Frame) throws -> PyIterator {
        guard let first = clauses.first else { return PyIterator(type: Types.generator, qualname: "<genexpr>") { _ in nil } }
        let code = CodeInfo(comprehensionTargets: clauses.map(\.target), filename: f.filename, name: "<genexpr>")
        let frame = Frame(kind: .function, code: code, parent: f.closureForChildren, globals: f.globals,
                          filename: f.filename, classCell: f.classCell, qualPrefix: f.qualPrefix)
        var stack: [IterState] = [try makeIter(eval(first.iterable, f))]
        return PyIterator(type: Types.generator, qualname: "<genexpr>") { interp in
            while !stack.isEmpty {
                let level = stack.count - 1
                guard let v = try stack[level].next(interp) else {
                    stack.removeLast()
                    continue
                }
                try interp.checkInterrupt()
                let clause = clauses[level]
                try interp.assign(clause.target, v, frame)
                var ok = true
                for c in clause.conditions where try !interp.isTruthy(interp.eval(c, frame)) {
                    ok = false
                    break
                }
                if !ok { continue }
                if level + 1 < clauses.count {
                    stack.append(try interp.makeIter(interp.eval(clauses[level + 1].iterable, frame)))
                    continue
                }
                return try interp.eval(elt, frame)
            }
            return nil
        }
    }
}
