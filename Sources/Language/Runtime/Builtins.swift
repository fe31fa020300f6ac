import Foundation

/// The `builtins` namespace: functions, and the builtin types with their constructors.

private func fn(_ d: PyDict, _ name: String, _ body: @escaping NativeFunction) {
    d[name] = .object(PyBuiltinFunction(name: name, owner: nil, body))
}

extension Interpreter {
    func installBuiltinFunctions(into d: PyDict) {

        for t in [Types.object, Types.type, Types.int, Types.bool, Types.float, Types.str, Types.list, Types.tuple,
                  Types.dict, Types.set, Types.frozenset, Types.range, Types.slice, Types.property,
                  Types.staticmethod, Types.classmethod, Types.superType, Types.enumerate, Types.zip, Types.map,
                  Types.filter, Types.reversed, Types.bytes] {
            d[t.name] = .object(t)
        }
        for (name, t) in Types.exceptions { d[name] = .object(t) }
        d["None"] = Value.none
        d["NotImplemented"] = .notImplemented
        d["Ellipsis"] = .ellipsis
        d["__name__"] = .str("builtins")

        fn(d, "print") { interp, args, kwargs in
            var sep = " ", end = "\n"
            for (k, v) in kwargs {
                switch k {
                case "sep": if !v.isNone { sep = try interp.toStr(v, "sep") }
                case "end": if !v.isNone { end = try interp.toStr(v, "end") }
                case "file", "flush": break
                default: throw PyError.typeError("'\(k)' is an invalid keyword argument for print()")
                }
            }
            let text = try args.map { try interp.str($0) }.joined(separator: sep) + end
            interp.stdout(text)
            return .none
        }
        fn(d, "len") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "len", 1...1)
            return .int(try interp.length(args[0]))
        }
        fn(d, "repr") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "repr", 1...1)
            return .str(try interp.repr(args[0]))
        }
        fn(d, "ascii") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "ascii", 1...1)
            return .str(try interp.repr(args[0]))
        }
        fn(d, "id") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "id", 1...1)
            switch args[0] {
            case .object(let o): return .int(addressOf(o))
            case .str(let s): return .int(s.hashValue & 0x7FFF_FFFF_FFFF)
            default: return .int((try? interp.hash(args[0])) ?? 0)
            }
        }
        fn(d, "hash") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "hash", 1...1)
            return .int(try interp.hash(args[0]))
        }
        fn(d, "isinstance") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "isinstance", 2...2)
            return .bool(try interp.isInstance(args[0], args[1], "isinstance() arg 2"))
        }
        fn(d, "issubclass") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "issubclass", 2...2)
            guard let t = args[0].as(PyType.self) else { throw PyError.typeError("issubclass() arg 1 must be a class") }
            return .bool(try interp.isSubclass(t, args[1]))
        }
        fn(d, "hasattr") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "hasattr", 2...2)
            return .bool(try interp.hasAttr(args[0], try interp.toStr(args[1], "attribute name")))
        }
        fn(d, "getattr") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "getattr", 2...3)
            guard case .str(let name) = args[1] else {
                throw PyError.typeError("attribute name must be string, not '\(args[1].typeName)'")
            }
            if args.count == 3 { return try interp.lookupAttrOrNil(args[0], name) ?? args[2] }
            return try interp.getAttr(args[0], name)
        }
        fn(d, "setattr") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "setattr", 3...3)
            guard case .str(let name) = args[1] else {
                throw PyError.typeError("attribute name must be string, not '\(args[1].typeName)'")
            }
            try interp.setAttr(args[0], name, args[2])
            return .none
        }
        fn(d, "delattr") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "delattr", 2...2)
            try interp.delAttr(args[0], try interp.toStr(args[1], "attribute name"))
            return .none
        }
        fn(d, "callable") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "callable", 1...1)
            switch args[0].object {
            case is PyFunction, is PyBuiltinFunction, is PyBoundMethod, is PyType: return .bool(true)
            case let o?: return .bool(o.type.lookup("__call__") != nil)
            default: return .bool(false)
            }
        }
        fn(d, "abs") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "abs", 1...1)
            switch args[0] {
            case .int(let i):
                if i == Int.min { throw PyError.overflow("integer overflow (nnrepl ints are 64-bit)") }
                return .int(abs(i))
            case .bool(let b): return .int(b ? 1 : 0)
            case .float(let x): return .float(x.magnitude)
            default:
                if let r = try interp.callSpecial(args[0], "__abs__") { return r }
                throw PyError.typeError("bad operand type for abs(): '\(args[0].typeName)'")
            }
        }
        fn(d, "min") { interp, args, kwargs in try interp.minMax(args, kwargs, "min", wantMax: false) }
        fn(d, "max") { interp, args, kwargs in try interp.minMax(args, kwargs, "max", wantMax: true) }
        fn(d, "sum") { interp, args, kwargs in
            let a = try interp.bind(args, kwargs, ["iterable", "start"], function: "sum", required: 1)
            var total = a[1] ?? .int(0)
            if case .str = total { throw PyError.typeError("sum() can't sum strings [use ''.join(seq) instead]") }
            try interp.iterate(a[0] ?? .none) { total = try interp.binaryOp(.add, total, $0) }
            return total
        }
        fn(d, "round") { interp, args, kwargs in
            let a = try interp.bind(args, kwargs, ["number", "ndigits"], function: "round", required: 1)
            let x = a[0] ?? .none
            let nd = a[1].flatMap { $0.isNone ? nil : $0 }
            switch x {
            case .int(let i):
                guard let n = nd else { return .int(i) }
                let digits = try interp.indexValue(n)
                if digits >= 0 { return .int(i) }
                if digits < -18 { return .int(0) }
                let p = try intPow(10, -digits)
                let q = try intFloorDiv(i, p), r = try intMod(i, p)
                var rounded = q
                if r * 2 > p || (r * 2 == p && q % 2 != 0) { rounded += 1 }
                return .int(rounded * p)
            case .bool(let b): return .int(b ? 1 : 0)
            case .float(let d):
                if let n = nd {
                    return .float(roundDouble(d, try interp.indexValue(n)))
                }
                if d.isNaN { throw PyError.valueError("cannot convert float NaN to integer") }
                if d.isInfinite { throw PyError.overflow("cannot convert float infinity to integer") }
                guard let i = Int(exactly: d.rounded(.toNearestOrEven)) else { throw PyError.overflow("int too large to convert") }
                return .int(i)
            default:
                if let r = try interp.callSpecial(x, "__round__", nd.map { [$0] } ?? []) { return r }
                throw PyError.typeError("type \(x.typeName) doesn't define __round__ method")
            }
        }
        fn(d, "sorted") { interp, args, kwargs in
            guard args.count == 1 else { throw PyError.typeError("sorted expected 1 argument, got \(args.count)") }
            let list = PyList(try interp.toArray(args[0]))
            try interp.sortList(list, kwargs)
            return .object(list)
        }
        fn(d, "any") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "any", 1...1)
            var it = try interp.makeIter(args[0])
            while let x = try it.next(interp) { if try interp.isTruthy(x) { return .bool(true) } }
            return .bool(false)
        }
        fn(d, "all") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "all", 1...1)
            var it = try interp.makeIter(args[0])
            while let x = try it.next(interp) { if try !interp.isTruthy(x) { return .bool(false) } }
            return .bool(true)
        }
        fn(d, "iter") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "iter", 1...2)
            if args.count == 2 {
                let f = args[0], sentinel = args[1]
                return .object(PyIterator(type: Types.iterator) { interp in
                    let v = try interp.call(f)
                    return try interp.equals(v, sentinel) ? nil : v
                })
            }
            return .object(try interp.makeIterator(args[0]))
        }
        fn(d, "next") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "next", 1...2)
            if let v = try interp.next(args[0]) { return v }
            if args.count == 2 { return args[1] }
            throw PyError.stopIteration()
        }
        fn(d, "divmod") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "divmod", 2...2)
            return .object(PyTuple([try interp.binaryOp(.floorDiv, args[0], args[1]), try interp.binaryOp(.mod, args[0], args[1])]))
        }
        fn(d, "pow") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "pow", 2...3)
            if args.count == 3, !args[2].isNone {
                var base = try intMod(try interp.indexValue(args[0]), try interp.indexValue(args[2]))
                var e = try interp.indexValue(args[1])
                let m = try interp.indexValue(args[2])
                if e < 0 { throw PyError.valueError("base is not invertible for the given modulus") }
                var result = 1 % m
                while e > 0 {
                    if e & 1 == 1 { result = Int((Int64(result).multipliedFullWidth(by: Int64(base)).low % UInt64(max(m, 1)))) }
                    base = Int((Int64(base).multipliedFullWidth(by: Int64(base)).low % UInt64(max(m, 1))))
                    e >>= 1
                }
                return .int(result)
            }
            return try interp.binaryOp(.pow, args[0], args[1])
        }
        fn(d, "chr") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "chr", 1...1)
            let i = try interp.indexValue(args[0])
            guard i >= 0, i < 0x110000, let u = UnicodeScalar(UInt32(i)) else {
                throw PyError.valueError("chr() arg not in range(0x110000)")
            }
            return .str(String(Character(u)))
        }
        fn(d, "ord") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "ord", 1...1)
            guard case .str(let s) = args[0] else {
                throw PyError.typeError("ord() expected string of length 1, but \(args[0].typeName) found")
            }
            guard s.unicodeScalars.count == 1, let u = s.unicodeScalars.first else {
                throw PyError.typeError("ord() expected a character, but string of length \(s.unicodeScalars.count) found")
            }
            return .int(Int(u.value))
        }
        fn(d, "format") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "format", 1...2)
            return .str(try interp.format(args[0], args.count == 2 ? try interp.toStr(args[1], "format() argument 2") : ""))
        }
        fn(d, "vars") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "vars", 0...1)
            guard let v = args.first else { return try interp.localsDict() }
            if let m = v.as(PyModule.self) { return .object(m.dict) }
            guard let r = try interp.lookupAttrOrNil(v, "__dict__") else {
                throw PyError.typeError("vars() argument must have __dict__ attribute")
            }
            return r
        }
        fn(d, "locals") { interp, _, _ in try interp.localsDict() }
        fn(d, "globals") { interp, _, _ in .object(interp.currentFrame?.globals ?? interp.mainModule.dict) }
        fn(d, "dir") { interp, args, kwargs in
            try interp.expectArgs(args, kwargs, "dir", 0...1)
            guard let v = args.first else {
                let names = try interp.toArray(interp.localsDict()).compactMap { if case .str(let s) = $0 { return s } else { return nil } }
                return .object(PyList(names.sorted().map { .str($0) }))
            }
            return .object(PyList(interp.dirNames(v).map { .str($0) }))
        }
        fn(d, "help") { interp, args, _ in
            guard let v = args.first else {
                interp.stdout("Type help(object) for help about object.\n")
                return .none
            }
            var text = "Help on \(try interp.repr(v)):\n"
            if let doc = try interp.lookupAttrOrNil(v, "__doc__"), case .str(let s) = doc { text += "\n" + s + "\n" }
            interp.stdout(text + "\n")
            return .none
        }
        fn(d, "input") { _, _, _ in throw PyError(type: Types.exc("EOFError"), "EOF when reading a line") }
        fn(d, "open") { _, _, _ in throw PyError(type: Types.exc("PermissionError"), "open() is not available in nnrepl") }
    }

    func localsDict() throws -> Value {
        guard let f = currentFrame else { return .object(mainModule.dict) }
        switch f.kind {
        case .module: return .object(f.globals)
        case .classBody:
            let d = PyDict()
            for (k, v) in f.classNamespace.items { try d.set(.str(k), v) }
            return .object(d)
        case .function:
            let d = PyDict()
            for (k, v) in f.locals.sorted(by: { $0.key < $1.key }) { try d.set(.str(k), v) }
            return .object(d)
        }
    }

    func dirNames(_ v: Value) -> [String] {
        var names = Set<String>()
        if let m = v.as(PyModule.self) {
            for k in m.dict.keys { if case .str(let s) = k { names.insert(s) } }
        } else if let t = v.as(PyType.self) {
            for c in t.mro { names.formUnion(c.dict.keys) }
        } else {
            if let attrs = v.object?.attributes { names.formUnion(attrs.keys) }
            for c in v.type.mro { names.formUnion(c.dict.keys) }
            names.insert("__class__")
            if v.type.definingType("__dir__") !== Types.object, let extra = try? callSpecial(v, "__dir__"), let items = try? toArray(extra) {
                for x in items { if case .str(let s) = x { names.insert(s) } }
            }
        }
        return names.sorted()
    }

    public func isInstance(_ v: Value, _ cls: Value, _ what: String = "isinstance() arg 2") throws -> Bool {
        if let t = cls.as(PyType.self) {
            if t === Types.int, case .bool = v { return true }
            return v.type.isSubtype(of: t)
        }
        if let tuple = cls.as(PyTuple.self) {
            for c in tuple.items where try isInstance(v, c, what) { return true }
            return false
        }
        throw PyError.typeError("\(what) must be a type, a tuple of types, or a union")
    }

    func isSubclass(_ t: PyType, _ cls: Value) throws -> Bool {
        if let c = cls.as(PyType.self) { return t.isSubtype(of: c) }
        if let tuple = cls.as(PyTuple.self) {
            for c in tuple.items where try isSubclass(t, c) { return true }
            return false
        }
        throw PyError.typeError("issubclass() arg 2 must be a class, a tuple of classes, or a union")
    }

    func minMax(_ args: [Value], _ kwargs: Kwargs, _ name: String, wantMax: Bool) throws -> Value {
        var key: Value?
        var dflt: Value?
        for (k, v) in kwargs {
            switch k {
            case "key": key = v.isNone ? nil : v
            case "default": dflt = v
            default: throw PyError.typeError("'\(k)' is an invalid keyword argument for \(name)()")
            }
        }
        let items: [Value]
        if args.count == 1 {
            items = try toArray(args[0])
        } else if args.isEmpty {
            throw PyError.typeError("\(name) expected at least 1 argument, got 0")
        } else {
            items = args
        }
        guard var best = items.first else {
            if let dflt { return dflt }
            throw PyError.valueError("\(name)() arg is an empty sequence")
        }
        var bestKey = try key.map { try call($0, [best]) } ?? best
        for x in items.dropFirst() {
            let k = try key.map { try call($0, [x]) } ?? x
            if wantMax ? try lessThan(bestKey, k) : try lessThan(k, bestKey) {
                best = x
                bestKey = k
            }
        }
        return best
    }

    /// Stable merge sort with Python's `key=` and `reverse=`; comparison errors propagate.
    func sortList(_ list: PyList, _ kwargs: Kwargs) throws {
        var key: Value?
        var reverse = false
        for (k, v) in kwargs {
            switch k {
            case "key": key = v.isNone ? nil : v
            case "reverse": reverse = try isTruthy(v)
            default: throw PyError.typeError("'\(k)' is an invalid keyword argument for sort()")
            }
        }
        let keys = try list.items.map { item in try key.map { k in try call(k, [item]) } ?? item }
        var idx = Array(keys.indices)
        if reverse { idx.reverse() }
        idx = try mergeSort(idx) { a, b in try lessThan(keys[a], keys[b]) }
        if reverse { idx.reverse() }
        let old = list.items
        list.items = idx.map { old[$0] }
    }

    private func mergeSort(_ xs: [Int], _ less: (Int, Int) throws -> Bool) throws -> [Int] {
        if xs.count <= 1 { return xs }
        let mid = xs.count / 2
        let l = try mergeSort(Array(xs[..<mid]), less), r = try mergeSort(Array(xs[mid...]), less)
        var out: [Int] = []
        out.reserveCapacity(xs.count)
        var i = 0, j = 0
        while i < l.count && j < r.count {
            if try less(r[j], l[i]) { out.append(r[j]); j += 1 } else { out.append(l[i]); i += 1 }
        }
        out += l[i...]
        out += r[j...]
        return out
    }
}

func roundDouble(_ x: Double, _ digits: Int) -> Double {
    guard x.isFinite else { return x }
    if digits > 300 { return x }
    if digits < -308 { return 0 * x }
    // Round via the shortest decimal text, as CPython's correctly rounded float round does.
    let s = String(format: "%.\(max(digits, 0))f", x)
    if digits >= 0, let r = Double(s) {
        return r
    }
    let p = Foundation.pow(10.0, Double(-digits))
    return (x / p).rounded(.toNearestOrEven) * p
}
