import Foundation

/// Arithmetic and comparison: native fast paths for numbers, strings and builtin containers, then CPython's
/// dunder dispatch (`__add__`, reflected `__radd__`, `NotImplemented`).

extension BinaryOp {
    var dunders: (String, String, String) {
        switch self {
        case .add: return ("__add__", "__radd__", "__iadd__")
        case .sub: return ("__sub__", "__rsub__", "__isub__")
        case .mul: return ("__mul__", "__rmul__", "__imul__")
        case .div: return ("__truediv__", "__rtruediv__", "__itruediv__")
        case .floorDiv: return ("__floordiv__", "__rfloordiv__", "__ifloordiv__")
        case .mod: return ("__mod__", "__rmod__", "__imod__")
        case .pow: return ("__pow__", "__rpow__", "__ipow__")
        case .matMul: return ("__matmul__", "__rmatmul__", "__imatmul__")
        case .bitAnd: return ("__and__", "__rand__", "__iand__")
        case .bitOr: return ("__or__", "__ror__", "__ior__")
        case .bitXor: return ("__xor__", "__rxor__", "__ixor__")
        case .lShift: return ("__lshift__", "__rlshift__", "__ilshift__")
        case .rShift: return ("__rshift__", "__rrshift__", "__irshift__")
        }
    }
}

extension CompareOp {
    var dunders: (String, String)? {
        switch self {
        case .eq: return ("__eq__", "__eq__")
        case .notEq: return ("__ne__", "__ne__")
        case .lt: return ("__lt__", "__gt__")
        case .ltE: return ("__le__", "__ge__")
        case .gt: return ("__gt__", "__lt__")
        case .gtE: return ("__ge__", "__le__")
        default: return nil
        }
    }
}

private func overflow() -> PyError { PyError.overflow("integer overflow (nnrepl ints are 64-bit)") }

func intFloorDiv(_ x: Int, _ y: Int) throws -> Int {
    if y == 0 { throw PyError.zeroDivision("integer division or modulo by zero") }
    if x == Int.min && y == -1 { throw overflow() }
    let q = x / y
    return (x % y != 0 && (x < 0) != (y < 0)) ? q - 1 : q
}

func intMod(_ x: Int, _ y: Int) throws -> Int {
    if y == 0 { throw PyError.zeroDivision("integer modulo by zero") }
    if y == -1 { return 0 }
    let r = x % y
    return (r != 0 && (r < 0) != (y < 0)) ? r + y : r
}

func intPow(_ base: Int, _ exp: Int) throws -> Int {
    var result = 1, b = base, e = exp
    while e > 0 {
        if e & 1 == 1 {
            let (r, o) = result.multipliedReportingOverflow(by: b)
            if o { throw overflow() }
            result = r
        }
        e >>= 1
        if e > 0 {
            let (r, o) = b.multipliedReportingOverflow(by: b)
            if o { throw overflow() }
            b = r
        }
    }
    return result
}

/// CPython's float_divmod.
func floatDivMod(_ vx: Double, _ wx: Double) -> (Double, Double) {
    var mod = fmod(vx, wx)
    var div = (vx - mod) / wx
    if mod != 0 {
        if (wx < 0) != (mod < 0) {
            mod += wx
            div -= 1
        }
    } else {
        mod = copysign(0, wx)
    }
    var floordiv: Double
    if div != 0 {
        floordiv = floor(div)
        if div - floordiv > 0.5 { floordiv += 1 }
    } else {
        floordiv = copysign(0, vx / wx)
    }
    return (floordiv, mod)
}

extension Interpreter {
    public func binaryOp(_ op: BinaryOp, _ a: Value, _ b: Value) throws -> Value {
        // Two objects of one native type (tensor + tensor): its method's fast entry, as dispatchBinary would
        // call it (same type, so no reflected method is tried).
        if case .object(let oa) = a, case .object(let ob) = b {
            let t = oa.type
            if t === ob.type, let fast = t.fastBinaryMethod(op) {
                let r = try fast(self, a, b)
                if !r.isNotImplemented { return r }
                throw binaryTypeError(op, a, b)
            }
        }
        if let r = try fastBinary(op, a, b) { return r }
        return try dispatchBinary(op, a, b)
    }

    private func intOp(_ op: BinaryOp, _ x: Int, _ y: Int) throws -> Value? {
        switch op {
        case .add:
            let (r, o) = x.addingReportingOverflow(y)
            if o { throw overflow() }
            return .int(r)
        case .sub:
            let (r, o) = x.subtractingReportingOverflow(y)
            if o { throw overflow() }
            return .int(r)
        case .mul:
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if o { throw overflow() }
            return .int(r)
        case .div:
            if y == 0 { throw PyError.zeroDivision("division by zero") }
            return .float(Double(x) / Double(y))
        case .floorDiv: return .int(try intFloorDiv(x, y))
        case .mod: return .int(try intMod(x, y))
        case .pow:
            if y < 0 { return try floatOp(.pow, Double(x), Double(y)) }
            return .int(try intPow(x, y))
        case .bitAnd: return .int(x & y)
        case .bitOr: return .int(x | y)
        case .bitXor: return .int(x ^ y)
        case .lShift:
            if y < 0 { throw PyError.valueError("negative shift count") }
            if x == 0 { return .int(0) }
            if y >= 63 { throw overflow() }
            let r = x << y
            if r >> y != x { throw overflow() }
            return .int(r)
        case .rShift:
            if y < 0 { throw PyError.valueError("negative shift count") }
            return .int(y >= 64 ? (x < 0 ? -1 : 0) : x >> y)
        case .matMul: return nil
        }
    }

    private func floatOp(_ op: BinaryOp, _ x: Double, _ y: Double) throws -> Value? {
        switch op {
        case .add: return .float(x + y)
        case .sub: return .float(x - y)
        case .mul: return .float(x * y)
        case .div:
            if y == 0 { throw PyError.zeroDivision("float division by zero") }
            return .float(x / y)
        case .floorDiv:
            if y == 0 { throw PyError.zeroDivision("float floor division by zero") }
            return .float(floatDivMod(x, y).0)
        case .mod:
            if y == 0 { throw PyError.zeroDivision("float modulo") }
            return .float(floatDivMod(x, y).1)
        case .pow:
            if x == 0 && y < 0 { throw PyError.zeroDivision("0.0 cannot be raised to a negative power") }
            if x < 0 && y.rounded() != y && y.isFinite {
                throw PyError.valueError("math domain error (complex results are not supported)")
            }
            let r = Foundation.pow(x, y)
            if r.isInfinite && x.isFinite && y.isFinite { throw PyError.overflow("(34, 'Numerical result out of range')") }
            return .float(r)
        default: return nil
        }
    }

    private func fastBinary(_ op: BinaryOp, _ a: Value, _ b: Value) throws -> Value? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return try intOp(op, x, y)
        case (.float(let x), .float(let y)): return try floatOp(op, x, y)
        case (.int(let x), .float(let y)): return try floatOp(op, Double(x), y)
        case (.float(let x), .int(let y)): return try floatOp(op, x, Double(y))
        case (.bool(let x), .bool(let y)):
            switch op {
            case .bitAnd: return .bool(x && y)
            case .bitOr: return .bool(x || y)
            case .bitXor: return .bool(x != y)
            default: return try fastBinary(op, .int(x ? 1 : 0), .int(y ? 1 : 0))
            }
        case (.bool(let x), .int), (.bool(let x), .float): return try fastBinary(op, .int(x ? 1 : 0), b)
        case (.int, .bool(let y)), (.float, .bool(let y)): return try fastBinary(op, a, .int(y ? 1 : 0))
        case (.str(let x), .str(let y)) where op == .add: return .str(x + y)
        case (.str(let s), _) where op == .mod:
            if case .object(let o) = b, !(o is PyTuple), !(o is PyDict), o.type.lookup("__rmod__") != nil { return nil }
            return .str(try percentFormat(s, b))
        case (.str(let s), .int(let n)) where op == .mul, (.int(let n), .str(let s)) where op == .mul:
            return .str(try repeatString(s, n))
        case (.str(let s), .bool(let n)) where op == .mul: return .str(n ? s : "")
        case (.object(let o), _):
            return try objectBinary(op, o, a, b)
        case (.int(let n), .object(let o)) where op == .mul:
            if let l = o as? PyList { return .object(PyList(try repeatItems(l.items, n))) }
            if let t = o as? PyTuple { return .object(PyTuple(try repeatItems(t.items, n))) }
            return nil
        default: return nil
        }
    }

    private func repeatString(_ s: String, _ n: Int) throws -> String {
        if n <= 0 || s.isEmpty { return "" }
        let (total, o) = s.utf8.count.multipliedReportingOverflow(by: n)
        if o || total > 1 << 30 { throw PyError(type: Types.memoryError, "") }
        return String(repeating: s, count: n)
    }

    private func repeatItems(_ items: [Value], _ n: Int) throws -> [Value] {
        if n <= 0 || items.isEmpty { return [] }
        let (total, o) = items.count.multipliedReportingOverflow(by: n)
        if o || total > 1 << 28 { throw PyError(type: Types.memoryError, "") }
        var out: [Value] = []
        out.reserveCapacity(total)
        for _ in 0..<n { out += items }
        return out
    }

    private func objectBinary(_ op: BinaryOp, _ o: PyObject, _ a: Value, _ b: Value) throws -> Value? {
        switch (o, op) {
        case (let l as PyList, .add):
            guard let r = b.as(PyList.self) else { return nil }
            return .object(PyList(l.items + r.items))
        case (let l as PyList, .mul):
            guard case .int(let n) = b else { return nil }
            return .object(PyList(try repeatItems(l.items, n)))
        case (let t as PyTuple, .add):
            guard let r = b.as(PyTuple.self) else { return nil }
            return .object(PyTuple(t.items + r.items))
        case (let t as PyTuple, .mul):
            guard case .int(let n) = b else { return nil }
            return .object(PyTuple(try repeatItems(t.items, n)))
        case (let s as PySet, .bitOr), (let s as PySet, .bitAnd), (let s as PySet, .sub), (let s as PySet, .bitXor):
            guard let r = b.as(PySet.self) else { return nil }
            return .object(try setOperation(op, s, r))
        case (let d as PyDict, .bitOr):
            guard let r = b.as(PyDict.self) else { return nil }
            let out = PyDict()
            for (k, v) in d.items { try out.set(k, v) }
            for (k, v) in r.items { try out.set(k, v) }
            return .object(out)
        default:
            return nil
        }
    }

    func setOperation(_ op: BinaryOp, _ a: PySet, _ b: PySet) throws -> PySet {
        let out = PySet(frozen: a.type === Types.frozenset)
        switch op {
        case .bitOr:
            for x in a.items { try out.add(x) }
            for x in b.items { try out.add(x) }
        case .bitAnd: for x in a.items where try b.contains(x) { try out.add(x) }
        case .sub: for x in a.items where try !b.contains(x) { try out.add(x) }
        default:
            for x in a.items where try !b.contains(x) { try out.add(x) }
            for x in b.items where try !a.contains(x) { try out.add(x) }
        }
        return out
    }

    private func dispatchBinary(_ op: BinaryOp, _ a: Value, _ b: Value) throws -> Value {
        let (name, rname, _) = op.dunders
        let ta = a.type, tb = b.type
        var triedReflected = false
        if ta !== tb, tb.isSubtype(of: ta), let rf = tb.lookup(rname) {
            let r = try callDescriptor(rf, b, [a], [])
            if !r.isNotImplemented { return r }
            triedReflected = true
        }
        if let f = ta.lookup(name) {
            let r: Value
            if case .object(let o) = f, let m = o as? PyBuiltinFunction, m.isMethod {
                r = try m.body(self, [a, b], [])  // what callDescriptor does, without concatenating arguments
            } else {
                r = try callDescriptor(f, a, [b], [])
            }
            if !r.isNotImplemented { return r }
        }
        if !triedReflected, ta !== tb, let rf = tb.lookup(rname) {
            let r = try callDescriptor(rf, b, [a], [])
            if !r.isNotImplemented { return r }
        }
        throw binaryTypeError(op, a, b)
    }

    private func binaryTypeError(_ op: BinaryOp, _ a: Value, _ b: Value) -> PyError {
        switch (a, op) {
        case (.str, .add):
            return PyError.typeError("can only concatenate str (not \"\(b.typeName)\") to str")
        case (.object(let o), .add) where o is PyList || o is PyTuple:
            return PyError.typeError("can only concatenate \(o.type.name) (not \"\(b.typeName)\") to \(o.type.name)")
        case (.str, .mul), (.object(is PyList), .mul), (.object(is PyTuple), .mul):
            if case .int = b {} else { return PyError.typeError("can't multiply sequence by non-int of type '\(b.typeName)'") }
        default: break
        }
        if op == .mul, case .str = b { return PyError.typeError("can't multiply sequence by non-int of type '\(a.typeName)'") }
        let sym = op == .pow ? "** or pow()" : op.rawValue
        return PyError.typeError("unsupported operand type(s) for \(sym): '\(a.typeName)' and '\(b.typeName)'")
    }

    public func inplaceOp(_ op: BinaryOp, _ a: Value, _ b: Value) throws -> Value {
        if case .object(let o) = a {
            if let l = o as? PyList {
                if op == .add {
                    l.items += try toArray(b)
                    return a
                }
                if op == .mul, case .int(let n) = b {
                    l.items = try repeatItems(l.items, n)
                    return a
                }
            }
            if let s = o as? PySet, s.type === Types.set, let r = b.as(PySet.self),
               [.bitOr, .bitAnd, .sub, .bitXor].contains(op) {
                let result = try setOperation(op, s, r)
                s.removeAll()
                for x in result.items { try s.add(x) }
                return a
            }
            if let d = o as? PyDict, op == .bitOr {
                try mergeMapping(into: d, b)
                return a
            }
            if let f = o.type.lookup(op.dunders.2) {
                let r = try callDescriptor(f, a, [b], [])
                if !r.isNotImplemented { return r }
            }
        }
        return try binaryOp(op, a, b)
    }

    public func unaryOp(_ op: UnaryOp, _ v: Value) throws -> Value {
        switch (op, v) {
        case (.not, _): return .bool(try !isTruthy(v))
        case (.neg, .int(let i)):
            if i == Int.min { throw overflow() }
            return .int(-i)
        case (.neg, .float(let d)): return .float(-d)
        case (.neg, .bool(let b)): return .int(b ? -1 : 0)
        case (.pos, .int), (.pos, .float): return v
        case (.pos, .bool(let b)): return .int(b ? 1 : 0)
        case (.invert, .int(let i)): return .int(~i)
        case (.invert, .bool(let b)): return .int(~(b ? 1 : 0))
        default: break
        }
        let name = op == .neg ? "__neg__" : op == .pos ? "__pos__" : "__invert__"
        if case .object = v, let r = try callSpecial(v, name) { return r }
        throw PyError.typeError("bad operand type for unary \(op.rawValue): '\(v.typeName)'")
    }

    // MARK: Comparison

    public func compareOp(_ op: CompareOp, _ a: Value, _ b: Value) throws -> Value {
        switch op {
        case .is: return .bool(isIdentical(a, b))
        case .isNot: return .bool(!isIdentical(a, b))
        case .in: return .bool(try contains(b, a))
        case .notIn: return .bool(try !contains(b, a))
        default: return try richCompare(op, a, b)
        }
    }

    public func isIdentical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.none, .none): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern
        case (.str(let x), .str(let y)): return x == y
        case (.object(let x), .object(let y)): return x === y || x.identity == y.identity
        default: return false
        }
    }

    private func numeric(_ v: Value) -> Double? {
        switch v {
        case .int(let i): return Double(i)
        case .float(let d): return d
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    private func intLike(_ v: Value) -> Int? {
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    private func ordered<T: Comparable>(_ op: CompareOp, _ x: T, _ y: T) -> Bool {
        switch op {
        case .eq: return x == y
        case .notEq: return x != y
        case .lt: return x < y
        case .ltE: return x <= y
        case .gt: return x > y
        default: return x >= y
        }
    }

    func richCompare(_ op: CompareOp, _ a: Value, _ b: Value) throws -> Value {
        if let x = intLike(a), let y = intLike(b) { return .bool(ordered(op, x, y)) }
        if let x = numeric(a), let y = numeric(b) { return .bool(ordered(op, x, y)) }
        if case .str(let x) = a, case .str(let y) = b {
            if x == y { return .bool(ordered(op, 0, 0)) }
            let less = x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) { $0.value < $1.value }
            return .bool(ordered(op, less ? 0 : 1, less ? 1 : 0))
        }
        if let r = try containerCompare(op, a, b) { return .bool(r) }
        if case .object = a {} else if case .object = b {} else {
            if op == .eq { return .bool(isIdentical(a, b)) }
            if op == .notEq { return .bool(!isIdentical(a, b)) }
            throw orderingError(op, a, b)
        }
        guard let (name, rname) = op.dunders else { return .bool(false) }
        let ta = a.type, tb = b.type
        var triedReflected = false
        if ta !== tb, tb.isSubtype(of: ta), let rf = tb.lookup(rname), tb.definingType(rname) !== Types.object {
            let r = try callDescriptor(rf, b, [a], [])
            if !r.isNotImplemented { return r }
            triedReflected = true
        }
        if let f = ta.lookup(name), ta.definingType(name) !== Types.object {
            let r = try callDescriptor(f, a, [b], [])
            if !r.isNotImplemented { return r }
        }
        if !triedReflected, let rf = tb.lookup(rname), tb.definingType(rname) !== Types.object {
            let r = try callDescriptor(rf, b, [a], [])
            if !r.isNotImplemented { return r }
        }
        switch op {
        case .eq: return .bool(isIdentical(a, b))
        case .notEq:
            if ta.definingType("__eq__") !== Types.object, ta.lookup("__eq__") != nil {
                let r = try richCompare(.eq, a, b)
                if case .bool(let x) = r { return .bool(!x) }
                return r
            }
            return .bool(!isIdentical(a, b))
        default: throw orderingError(op, a, b)
        }
    }

    private func orderingError(_ op: CompareOp, _ a: Value, _ b: Value) -> PyError {
        PyError.typeError("'\(op.rawValue)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
    }

    private func containerCompare(_ op: CompareOp, _ a: Value, _ b: Value) throws -> Bool? {
        guard case .object(let x) = a, case .object(let y) = b else { return nil }
        let xs: [Value], ys: [Value]
        switch (x, y) {
        case (let l as PyList, let r as PyList): (xs, ys) = (l.items, r.items)
        case (let l as PyTuple, let r as PyTuple): (xs, ys) = (l.items, r.items)
        case (let l as PyDict, let r as PyDict):
            guard op == .eq || op == .notEq else { return nil }
            var same = l.count == r.count
            if same {
                for (k, v) in l.items {
                    guard let rv = try r.get(k), try isIdentical(v, rv) || equals(v, rv) else { same = false; break }
                }
            }
            return op == .eq ? same : !same
        case (let l as PySet, let r as PySet):
            let lInR = try l.items.allSatisfy { try r.contains($0) }
            let rInL = try r.items.allSatisfy { try l.contains($0) }
            switch op {
            case .eq: return lInR && rInL
            case .notEq: return !(lInR && rInL)
            case .ltE: return lInR
            case .lt: return lInR && !rInL
            case .gtE: return rInL
            default: return rInL && !lInR
            }
        case (let l as PyRange, let r as PyRange):
            guard op == .eq || op == .notEq else { return nil }
            let same = l.count == r.count && (l.count == 0 || l.start == r.start && (l.count == 1 || l.step == r.step))
            return op == .eq ? same : !same
        default:
            return nil
        }
        reprGuardDepth += 1
        defer { reprGuardDepth -= 1 }
        if reprGuardDepth > 2000 { throw PyError(type: Types.recursionError, "maximum recursion depth exceeded in comparison") }
        for (p, q) in zip(xs, ys) where try !(isIdentical(p, q) || equals(p, q)) {
            if op == .eq { return false }
            if op == .notEq { return true }
            return try isTruthy(richCompare(op, p, q))
        }
        return ordered(op, xs.count, ys.count)
    }

    /// `a == b` as a Swift Bool.
    public func equals(_ a: Value, _ b: Value) throws -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.str(let x), .str(let y)): return x == y
        default: return try isTruthy(richCompare(.eq, a, b))
        }
    }

    /// `a < b` as a Swift Bool (for sorting, min, max).
    public func lessThan(_ a: Value, _ b: Value) throws -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y
        case (.float(let x), .float(let y)): return x < y
        default: return try isTruthy(richCompare(.lt, a, b))
        }
    }

    public func hash(_ v: Value) throws -> Int {
        switch v {
        case .none: return 0x0FCA_86B2
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return i == -1 ? -2 : i
        case .float(let d):
            if d.rounded() == d, let i = Int(exactly: d) { return i == -1 ? -2 : i }
            return d.hashValue
        case .str(let s): return s.hashValue
        case .object(let o):
            if let t = o as? PyTuple {
                var h = 0x345678
                for x in t.items { h = (h ^ (try hash(x))) &* 1_000_003 }
                return h
            }
            if let f = o.type.lookup("__hash__"), o.type.definingType("__hash__") !== Types.object {
                if f.isNone { throw PyError.typeError("unhashable type: '\(o.type.name)'") }
                let r = try callDescriptor(f, v, [], [])
                guard case .int(let i) = r else { throw PyError.typeError("__hash__ method should return an integer") }
                return i
            }
            _ = try HashKey(v)
            return addressOf(o) >> 4
        }
    }
}
