import Foundation

/// Constructors and methods of the builtin types other than str (see BuiltinStr.swift).

/// The receiver of a native method, with CPython's error when called unbound without one.
func receiver<T: PyObject>(_ args: [Value], _ t: T.Type, _ method: String, _ typeName: String) throws -> T {
    guard let o = args.first?.as(T.self) else {
        throw PyError.typeError("descriptor '\(method)' of '\(typeName)' object needs an argument")
    }
    return o
}

/// Positional arguments after `self`, checked against `range`.
func methodArgs(_ args: [Value], _ kwargs: Kwargs, _ name: String, _ range: ClosedRange<Int>) throws -> [Value] {
    if !kwargs.isEmpty { throw PyError.typeError("\(name)() takes no keyword arguments") }
    let rest = Array(args.dropFirst())
    if !range.contains(rest.count) {
        if range.lowerBound == range.upperBound {
            if range.lowerBound == 0 { throw PyError.typeError("\(name)() takes no arguments (\(rest.count) given)") }
            if range.lowerBound == 1 { throw PyError.typeError("\(name)() takes exactly one argument (\(rest.count) given)") }
        }
        if rest.count < range.lowerBound {
            throw PyError.typeError("\(name) expected at least \(range.lowerBound) argument\(range.lowerBound == 1 ? "" : "s"), got \(rest.count)")
        }
        throw PyError.typeError("\(name) expected at most \(range.upperBound) argument\(range.upperBound == 1 ? "" : "s"), got \(rest.count)")
    }
    return rest
}

func installTypeMethods(_ t: PyType) {
    t.newInstance = { interp, args, kwargs in
        if args.count == 2 { return .object(args[1].type) }
        guard args.count == 4, case .str(let name) = args[1], let bases = args[2].as(PyTuple.self),
              let ns = args[3].as(PyDict.self) else {
            throw PyError.typeError("type() takes 1 or 3 arguments")
        }
        let baseTypes = bases.items.compactMap { $0.as(PyType.self) }
        let cls = try PyType.makeUserClass(name: name, qualname: name, module: "__main__",
                                           bases: baseTypes.isEmpty ? [Types.object] : baseTypes)
        for (k, v) in ns.items { if case .str(let key) = k { cls.dict[key] = v } }
        return .object(cls)
    }
    t.addMethod("mro") { _, args, _ in
        let c = try receiver(args, PyType.self, "mro", "type")
        return .object(PyList(c.mro.map { .object($0) }))
    }
    t.addMethod("__subclasses__") { _, _, _ in .object(PyList()) }
}

func installObjectMethods(_ t: PyType) {
    t.addMethod("__init__") { _, _, _ in .none }
    t.addMethod("__setattr__") { interp, args, kwargs in
        let a = try methodArgs(args, kwargs, "__setattr__", 2...2)
        try interp.genericSetAttr(args[0], try interp.toStr(a[0], "attribute name"), a[1])
        return .none
    }
    t.addMethod("__delattr__") { interp, args, kwargs in
        let a = try methodArgs(args, kwargs, "__delattr__", 1...1)
        try interp.genericDelAttr(args[0], try interp.toStr(a[0], "attribute name"))
        return .none
    }
    t.addMethod("__getattribute__") { interp, args, kwargs in
        let a = try methodArgs(args, kwargs, "__getattribute__", 1...1)
        return try interp.getAttr(args[0], try interp.toStr(a[0], "attribute name"))
    }
    t.addMethod("__repr__") { interp, args, _ in
        guard let o = args.first?.object else { return .str(try interp.repr(args.first ?? .none)) }
        return .str(try interp.builtinRepr(o))
    }
    t.addMethod("__str__") { interp, args, _ in .str(try interp.repr(args.first ?? .none)) }
    t.addMethod("__eq__") { interp, args, kwargs in
        let a = try methodArgs(args, kwargs, "__eq__", 1...1)
        return interp.isIdentical(args[0], a[0]) ? .bool(true) : .notImplemented
    }
    t.addMethod("__ne__") { interp, args, kwargs in
        let a = try methodArgs(args, kwargs, "__ne__", 1...1)
        return .bool(try !interp.equals(args[0], a[0]))
    }
    t.addMethod("__hash__") { interp, args, _ in
        guard let o = args.first?.object else { return .int(try interp.hash(args.first ?? .none)) }
        return .int(addressOf(o) >> 4)
    }
    t.addMethod("__format__") { interp, args, kwargs in
        let a = try methodArgs(args, kwargs, "__format__", 1...1)
        if case .str(let s) = a[0], !s.isEmpty {
            throw PyError.typeError("unsupported format string passed to \(args[0].typeName).__format__")
        }
        return .str(try interp.str(args[0]))
    }
    t.addMethod("__dir__") { interp, args, _ in .object(PyList(interp.dirNames(args.first ?? .none).map { .str($0) })) }
    t.addClassMethod("__init_subclass__") { _, _, _ in .none }
}

func installIntMethods(_ t: PyType) {
    t.newInstance = { interp, args, kwargs in
        let a = try interp.bind(Array(args.dropFirst()), kwargs, ["x", "base"], function: "int")
        guard let x = a[0] else { return .int(0) }
        if let b = a[1] {
            guard case .str(let s) = x else { throw PyError.typeError("int() can't convert non-string with explicit base") }
            return .int(try parseInt(s, base: try interp.indexValue(b)))
        }
        return .int(try interp.toIntValue(x))
    }
    t.addMethod("bit_length") { _, args, _ in
        guard case .int(let i)? = args.first else { throw PyError.typeError("descriptor 'bit_length' of 'int' object needs an argument") }
        return .int(Int.bitWidth - i.magnitude.leadingZeroBitCount)
    }
    t.addMethod("__index__") { interp, args, _ in .int(try interp.indexValue(args.first ?? .none)) }
    t.addMethod("is_integer") { _, _, _ in .bool(true) }
    for name in ["real", "numerator"] { t.addProperty(name) { _, v in v } }
    t.addProperty("denominator") { _, _ in .int(1) }
    t.addProperty("imag") { _, _ in .int(0) }
}

/// `int("  -12 ")`, `int("ff", 16)`, `int("0x1f", 0)`.
func parseInt(_ text: String, base: Int) throws -> Int {
    let err = PyError.valueError("invalid literal for int() with base \(base): \(formatStringRepr(text))")
    guard base == 0 || (2...36).contains(base) else { throw PyError.valueError("int() base must be >= 2 and <= 36, or 0") }
    var s = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
    var negative = false
    if s.first == "-" || s.first == "+" {
        negative = s.first == "-"
        s = s.dropFirst()
    }
    var b = base
    let lower = s.lowercased()
    for (prefix, pb) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) && (base == 0 || base == pb) {
        s = s.dropFirst(2)
        if s.first == "_" { s = s.dropFirst() }
        b = pb
    }
    if b == 0 {
        b = 10
        if s.count > 1 && s.first == "0" && s.contains(where: { $0 != "0" && $0 != "_" }) { throw err }
    }
    guard !s.isEmpty, !s.hasPrefix("_"), !s.hasSuffix("_"), !s.contains("__") else { throw err }
    let digits = s.filter { $0 != "_" }
    guard let mag = UInt(digits, radix: b) else {
        if digits.allSatisfy({ $0.isHexDigit || $0.isLetter }) && digits.allSatisfy({ Int(String($0), radix: b) != nil }) {
            throw PyError.overflow("int too large (nnrepl ints are 64-bit)")
        }
        throw err
    }
    if negative {
        if mag == UInt(Int.max) + 1 { return Int.min }
        guard mag <= UInt(Int.max) else { throw PyError.overflow("int too large (nnrepl ints are 64-bit)") }
        return -Int(mag)
    }
    guard mag <= UInt(Int.max) else { throw PyError.overflow("int too large (nnrepl ints are 64-bit)") }
    return Int(mag)
}

extension Interpreter {
    func toIntValue(_ x: Value) throws -> Int {
        switch x {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .float(let d):
            if d.isNaN { throw PyError.valueError("cannot convert float NaN to integer") }
            if d.isInfinite { throw PyError.overflow("cannot convert float infinity to integer") }
            guard let i = Int(exactly: d.rounded(.towardZero)) else { throw PyError.overflow("int too large (nnrepl ints are 64-bit)") }
            return i
        case .str(let s): return try parseInt(s, base: 10)
        case .none: break
        case .object(let o):
            if let b = o as? PyBytes, let s = String(bytes: b.bytes, encoding: .utf8) { return try parseInt(s, base: 10) }
            for name in ["__int__", "__index__", "__trunc__"] {
                if let r = try callSpecial(x, name) {
                    guard case .int(let i) = r else { throw PyError.typeError("\(name) returned non-int (type \(r.typeName))") }
                    return i
                }
            }
        }
        throw PyError.typeError("int() argument must be a string, a bytes-like object or a real number, not '\(x.typeName)'")
    }

    func toFloatValue(_ x: Value) throws -> Double {
        switch x {
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let d): return d
        case .str(let s):
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().replacingOccurrences(of: "_", with: "")
            switch t {
            case "inf", "+inf", "infinity", "+infinity": return .infinity
            case "-inf", "-infinity": return -.infinity
            case "nan", "+nan", "-nan": return .nan
            default:
                if !t.isEmpty, !t.contains("x"), !t.contains("p"), !s.hasPrefix("_"), !s.hasSuffix("_"), let d = Double(t) { return d }
            }
            throw PyError.valueError("could not convert string to float: \(formatStringRepr(s))")
        case .none: break
        case .object:
            if let r = try callSpecial(x, "__float__") {
                guard case .float(let d) = r else { throw PyError.typeError("\(x.typeName).__float__ returned non-float (type \(r.typeName))") }
                return d
            }
            if let r = try callSpecial(x, "__index__"), case .int(let i) = r { return Double(i) }
        }
        throw PyError.typeError("float() argument must be a string or a real number, not '\(x.typeName)'")
    }
}

func installBoolMethods(_ t: PyType) {
    t.newInstance = { interp, args, kwargs in
        try interp.expectArgs(Array(args.dropFirst()), kwargs, "bool", 0...1)
        return .bool(args.count > 1 ? try interp.isTruthy(args[1]) : false)
    }
}

func installFloatMethods(_ t: PyType) {
    t.newInstance = { interp, args, kwargs in
        try interp.expectArgs(Array(args.dropFirst()), kwargs, "float", 0...1)
        return .float(args.count > 1 ? try interp.toFloatValue(args[1]) : 0)
    }
    t.addMethod("is_integer") { _, args, _ in
        guard case .float(let d)? = args.first else { throw PyError.typeError("descriptor 'is_integer' of 'float' object needs an argument") }
        return .bool(d.isFinite && d.rounded() == d)
    }
    t.addMethod("__float__") { interp, args, _ in .float(try interp.toDouble(args.first ?? .none)) }
    t.addProperty("real") { _, v in v }
    t.addProperty("imag") { _, _ in .float(0) }
}

func installListMethods(_ t: PyType) {
    t.newInstance = { interp, args, kwargs in
        try interp.expectArgs(Array(args.dropFirst()), kwargs, "list", 0...1)
        return .object(PyList(args.count > 1 ? try interp.toArray(args[1]) : []))
    }
    func list(_ args: [Value], _ m: String) throws -> PyList { try receiver(args, PyList.self, m, "list") }
    t.addMethod("append") { _, args, kwargs in
        let l = try list(args, "append")
        let a = try methodArgs(args, kwargs, "list.append", 1...1)
        l.items.append(a[0])
        return .none
    }
    t.addMethod("extend") { interp, args, kwargs in
        let l = try list(args, "extend")
        let a = try methodArgs(args, kwargs, "list.extend", 1...1)
        l.items += try interp.toArray(a[0])
        return .none
    }
    t.addMethod("insert") { interp, args, kwargs in
        let l = try list(args, "insert")
        let a = try methodArgs(args, kwargs, "insert", 2...2)
        var i = try interp.indexValue(a[0])
        if i < 0 { i = max(0, i + l.items.count) }
        l.items.insert(a[1], at: min(i, l.items.count))
        return .none
    }
    t.addMethod("pop") { interp, args, kwargs in
        let l = try list(args, "pop")
        let a = try methodArgs(args, kwargs, "pop", 0...1)
        if l.items.isEmpty { throw PyError.indexError("pop from empty list") }
        var i = a.isEmpty ? l.items.count - 1 : try interp.indexValue(a[0])
        if i < 0 { i += l.items.count }
        guard i >= 0 && i < l.items.count else { throw PyError.indexError("pop index out of range") }
        return l.items.remove(at: i)
    }
    t.addMethod("remove") { interp, args, kwargs in
        let l = try list(args, "remove")
        let a = try methodArgs(args, kwargs, "list.remove", 1...1)
        for (i, x) in l.items.enumerated() where try interp.isIdentical(x, a[0]) || interp.equals(x, a[0]) {
            l.items.remove(at: i)
            return .none
        }
        throw PyError.valueError("list.remove(x): x not in list")
    }
    t.addMethod("index") { interp, args, kwargs in
        let l = try list(args, "index")
        let a = try methodArgs(args, kwargs, "index", 1...3)
        let start = a.count > 1 ? try interp.indexValue(a[1]) : 0
        for (i, x) in l.items.enumerated() where i >= start {
            if try interp.isIdentical(x, a[0]) || interp.equals(x, a[0]) { return .int(i) }
        }
        throw PyError.valueError("\(try interp.repr(a[0])) is not in list")
    }
    t.addMethod("count") { interp, args, kwargs in
        let l = try list(args, "count")
        let a = try methodArgs(args, kwargs, "count", 1...1)
        return .int(try l.items.filter { try interp.isIdentical($0, a[0]) || interp.equals($0, a[0]) }.count)
    }
    t.addMethod("sort") { interp, args, kwargs in
        let l = try list(args, "sort")
        _ = try methodArgs(args, [], "sort", 0...0)
        try interp.sortList(l, kwargs)
        return .none
    }
    t.addMethod("reverse") { _, args, _ in
        try list(args, "reverse").items.reverse()
        return .none
    }
    t.addMethod("clear") { _, args, _ in
        try list(args, "clear").items.removeAll()
        return .none
    }
    t.addMethod("copy") { _, args, _ in .object(PyList(try list(args, "copy").items)) }
}

func installTupleMethods(_ t: PyType) {
    t.newInstance = { interp, args, kwargs in
        try interp.expectArgs(Array(args.dropFirst()), kwargs, "tuple", 0...1)
        // Only an exact tuple is returned as is: `tuple(torch.Size([2]))` is a plain `(2,)`.
        if args.count > 1, let tuple = args[1].as(PyTuple.self), tuple.type === Types.tuple { return .object(tuple) }
        return .object(PyTuple(args.count > 1 ? try interp.toArray(args[1]) : []))
    }
    t.addMethod("index") { interp, args, kwargs in
        let tu = try receiver(args, PyTuple.self, "index", "tuple")
        let a = try methodArgs(args, kwargs, "index", 1...1)
        for (i, x) in tu.items.enumerated() where try interp.isIdentical(x, a[0]) || interp.equals(x, a[0]) { return .int(i) }
        throw PyError.valueError("tuple.index(x): x not in tuple")
    }
    t.addMethod("count") { interp, args, kwargs in
        let tu = try receiver(args, PyTuple.self, "count", "tuple")
        let a = try methodArgs(args, kwargs, "count", 1...1)
        return .int(try tu.items.filter { try interp.isIdentical($0, a[0]) || interp.equals($0, a[0]) }.count)
    }
}

func installDictMethods(_ t: PyType) {
    t.newInstance = { interp, args, kwargs in
        let d = PyDict()
        if args.count > 2 { throw PyError.typeError("dict expected at most 1 argument, got \(args.count - 1)") }
        if args.count == 2 { try interp.dictUpdate(d, args[1]) }
        for (k, v) in kwargs { try d.set(.str(k), v) }
        return .object(d)
    }
    func dict(_ args: [Value], _ m: String) throws -> PyDict { try receiver(args, PyDict.self, m, "dict") }
    t.addMethod("keys") { _, args, _ in .object(PyDictView(try dict(args, "keys"), kind: 0)) }
    t.addMethod("values") { _, args, _ in .object(PyDictView(try dict(args, "values"), kind: 1)) }
    t.addMethod("items") { _, args, _ in .object(PyDictView(try dict(args, "items"), kind: 2)) }
    t.addMethod("get") { _, args, kwargs in
        let d = try dict(args, "get")
        let a = try methodArgs(args, kwargs, "get", 1...2)
        return try d.get(a[0]) ?? (a.count > 1 ? a[1] : .none)
    }
    t.addMethod("pop") { _, args, kwargs in
        let d = try dict(args, "pop")
        let a = try methodArgs(args, kwargs, "pop", 1...2)
        if let v = try d.remove(a[0]) { return v }
        if a.count > 1 { return a[1] }
        throw PyError.keyError(a[0])
    }
    t.addMethod("popitem") { _, args, _ in
        let d = try dict(args, "popitem")
        guard let last = d.items.last else { throw PyError(type: Types.keyError, "popitem(): dictionary is empty") }
        try d.remove(last.key)
        return .object(PyTuple([last.key, last.value]))
    }
    t.addMethod("setdefault") { _, args, kwargs in
        let d = try dict(args, "setdefault")
        let a = try methodArgs(args, kwargs, "setdefault", 1...2)
        if let v = try d.get(a[0]) { return v }
        let v = a.count > 1 ? a[1] : .none
        try d.set(a[0], v)
        return v
    }
    t.addMethod("update") { interp, args, kwargs in
        let d = try dict(args, "update")
        let a = try methodArgs(args, [], "update", 0...1)
        if let src = a.first { try interp.dictUpdate(d, src) }
        for (k, v) in kwargs { try d.set(.str(k), v) }
        return .none
    }
    t.addMethod("clear") { _, args, _ in
        try dict(args, "clear").removeAll()
        return .none
    }
    t.addMethod("copy") { _, args, _ in
        let d = try dict(args, "copy"), out = PyDict()
        for (k, v) in d.items { try out.set(k, v) }
        return .object(out)
    }
    t.addClassMethod("fromkeys") { interp, args, kwargs in
        let a = try methodArgs(args, kwargs, "fromkeys", 1...2)
        let d = PyDict()
        try interp.iterate(a[0]) { try d.set($0, a.count > 1 ? a[1] : .none) }
        return .object(d)
    }
}

extension Interpreter {
    func dictUpdate(_ d: PyDict, _ src: Value) throws {
        if src.as(PyDict.self) != nil || (src.object != nil && src.type.lookup("keys") != nil) {
            return try mergeMapping(into: d, src)
        }
        var i = 0
        try iterate(src) { pair in
            let kv = try toArray(pair)
            guard kv.count == 2 else {
                throw PyError.valueError("dictionary update sequence element #\(i) has length \(kv.count); 2 is required")
            }
            try d.set(kv[0], kv[1])
            i += 1
        }
    }
}

func installSetMethods(_ t: PyType, frozen: Bool) {
    let name = frozen ? "frozenset" : "set"
    t.newInstance = { interp, args, kwargs in
        try interp.expectArgs(Array(args.dropFirst()), kwargs, name, 0...1)
        let s = PySet(frozen: frozen)
        if args.count > 1 { try interp.iterate(args[1]) { try s.add($0) } }
        return .object(s)
    }
    func set(_ args: [Value], _ m: String) throws -> PySet { try receiver(args, PySet.self, m, name) }
    func other(_ interp: Interpreter, _ v: Value) throws -> PySet {
        if let s = v.as(PySet.self) { return s }
        let s = PySet()
        try interp.iterate(v) { try s.add($0) }
        return s
    }
    let ops: [(String, BinaryOp)] = [("union", .bitOr), ("intersection", .bitAnd), ("difference", .sub),
                                     ("symmetric_difference", .bitXor)]
    for (m, op) in ops {
        t.addMethod(m) { interp, args, kwargs in
            var result = try set(args, m)
            for o in try methodArgs(args, kwargs, m, 0...16) { result = try interp.setOperation(op, result, try other(interp, o)) }
            if result === args.first?.object { result = try interp.setOperation(.bitOr, result, PySet()) }
            return .object(result)
        }
    }
    t.addMethod("issubset") { interp, args, kwargs in
        let s = try set(args, "issubset"), o = try other(interp, try methodArgs(args, kwargs, "issubset", 1...1)[0])
        return .bool(try s.items.allSatisfy { try o.contains($0) })
    }
    t.addMethod("issuperset") { interp, args, kwargs in
        let s = try set(args, "issuperset"), o = try other(interp, try methodArgs(args, kwargs, "issuperset", 1...1)[0])
        return .bool(try o.items.allSatisfy { try s.contains($0) })
    }
    t.addMethod("isdisjoint") { interp, args, kwargs in
        let s = try set(args, "isdisjoint"), o = try other(interp, try methodArgs(args, kwargs, "isdisjoint", 1...1)[0])
        return .bool(try !s.items.contains { try o.contains($0) })
    }
    t.addMethod("copy") { interp, args, _ in .object(try interp.setOperation(.bitOr, try set(args, "copy"), PySet())) }
    if frozen { return }
    t.addMethod("add") { _, args, kwargs in
        try set(args, "add").add(try methodArgs(args, kwargs, "set.add", 1...1)[0])
        return .none
    }
    t.addMethod("remove") { _, args, kwargs in
        let a = try methodArgs(args, kwargs, "set.remove", 1...1)
        if try !set(args, "remove").remove(a[0]) { throw PyError.keyError(a[0]) }
        return .none
    }
    t.addMethod("discard") { _, args, kwargs in
        try set(args, "discard").remove(try methodArgs(args, kwargs, "set.discard", 1...1)[0])
        return .none
    }
    t.addMethod("pop") { _, args, _ in
        let s = try set(args, "pop")
        guard let x = s.items.first else { throw PyError(type: Types.keyError, "pop from an empty set") }
        try s.remove(x)
        return x
    }
    t.addMethod("clear") { _, args, _ in
        try set(args, "clear").removeAll()
        return .none
    }
    t.addMethod("update") { interp, args, kwargs in
        let s = try set(args, "update")
        for o in try methodArgs(args, kwargs, "update", 0...16) { try interp.iterate(o) { try s.add($0) } }
        return .none
    }
}

func installBytesMethods(_ t: PyType) {
    t.newInstance = { interp, args, kwargs in
        if args.count > 1, case .str(let s) = args[1] { return .object(PyBytes(Array(s.utf8))) }
        if args.count > 1, case .int(let n) = args[1] {
            guard n >= 0 && n < 1 << 30 else { throw PyError.valueError("negative count") }
            return .object(PyBytes([UInt8](repeating: 0, count: n)))
        }
        let items = args.count > 1 ? try interp.toArray(args[1]) : []
        return .object(PyBytes(try items.map {
            let i = try interp.indexValue($0)
            guard (0...255).contains(i) else { throw PyError.valueError("bytes must be in range(0, 256)") }
            return UInt8(i)
        }))
    }
    t.addMethod("decode") { _, args, _ in
        let b = try receiver(args, PyBytes.self, "decode", "bytes")
        return .str(String(decoding: b.bytes, as: UTF8.self))
    }
}

func installRangeMethods(_ t: PyType) {
    t.newInstance = { interp, args, kwargs in
        if !kwargs.isEmpty { throw PyError.typeError("range() takes no keyword arguments") }
        let a = try args.dropFirst().map { try interp.indexValue($0) }
        switch a.count {
        case 1: return .object(PyRange(0, a[0], 1))
        case 2: return .object(PyRange(a[0], a[1], 1))
        case 3:
            if a[2] == 0 { throw PyError.valueError("range() arg 3 must not be zero") }
            return .object(PyRange(a[0], a[1], a[2]))
        case 0: throw PyError.typeError("range expected at least 1 argument, got 0")
        default: throw PyError.typeError("range expected at most 3 arguments, got \(a.count)")
        }
    }
    t.addProperty("start") { _, v in .int(v.as(PyRange.self)?.start ?? 0) }
    t.addProperty("stop") { _, v in .int(v.as(PyRange.self)?.stop ?? 0) }
    t.addProperty("step") { _, v in .int(v.as(PyRange.self)?.step ?? 1) }
    t.addMethod("index") { interp, args, kwargs in
        let r = try receiver(args, PyRange.self, "index", "range")
        let a = try methodArgs(args, kwargs, "index", 1...1)
        if try interp.contains(args[0], a[0]), case .int(let i) = a[0] { return .int((i - r.start) / r.step) }
        throw PyError.valueError("\(try interp.repr(a[0])) is not in range")
    }
    t.addMethod("count") { interp, args, kwargs in
        let a = try methodArgs(args, kwargs, "count", 1...1)
        return .int(try interp.contains(args[0], a[0]) ? 1 : 0)
    }
}

func installSliceMethods(_ t: PyType) {
    t.newInstance = { _, args, kwargs in
        if !kwargs.isEmpty { throw PyError.typeError("slice() takes no keyword arguments") }
        let a = Array(args.dropFirst())
        switch a.count {
        case 1: return .object(PySlice(.none, a[0], .none))
        case 2: return .object(PySlice(a[0], a[1], .none))
        case 3: return .object(PySlice(a[0], a[1], a[2]))
        default: throw PyError.typeError("slice expected at least 1 argument, got \(a.count)")
        }
    }
    t.addProperty("start") { _, v in v.as(PySlice.self)?.start ?? .none }
    t.addProperty("stop") { _, v in v.as(PySlice.self)?.stop ?? .none }
    t.addProperty("step") { _, v in v.as(PySlice.self)?.step ?? .none }
    t.addMethod("indices") { interp, args, kwargs in
        let s = try receiver(args, PySlice.self, "indices", "slice")
        let n = try interp.indexValue(try methodArgs(args, kwargs, "indices", 1...1)[0])
        let (a, b, c) = try s.resolve(n, interp)
        return .object(PyTuple([.int(a), .int(b), .int(c)]))
    }
}

func installFunctionMethods(_ t: PyType) {}

func installPropertyMethods(_ t: PyType) {
    t.newInstance = { interp, args, kwargs in
        let a = try interp.bind(Array(args.dropFirst()), kwargs, ["fget", "fset", "fdel", "doc"], function: "property")
        return .object(PyProperty(fget: a[0] ?? .none, fset: a[1] ?? .none, fdel: a[2] ?? .none, doc: a[3] ?? .none))
    }
    for (name, slot) in [("getter", 0), ("setter", 1), ("deleter", 2)] {
        t.addMethod(name) { _, args, kwargs in
            let p = try receiver(args, PyProperty.self, name, "property")
            let f = try methodArgs(args, kwargs, name, 1...1)[0]
            return .object(PyProperty(fget: slot == 0 ? f : p.fget, fset: slot == 1 ? f : p.fset,
                                      fdel: slot == 2 ? f : p.fdel, doc: p.doc))
        }
    }
}

func installStaticMethodType(_ t: PyType) {
    t.newInstance = { interp, args, kwargs in
        try interp.expectArgs(Array(args.dropFirst()), kwargs, "staticmethod", 1...1)
        return .object(PyStaticMethod(args[1]))
    }
}

func installClassMethodType(_ t: PyType) {
    t.newInstance = { interp, args, kwargs in
        try interp.expectArgs(Array(args.dropFirst()), kwargs, "classmethod", 1...1)
        return .object(PyClassMethod(args[1]))
    }
}

func installSuperType(_ t: PyType) {
    t.newInstance = { interp, args, kwargs in
        let a = Array(args.dropFirst())
        guard a.count == 2, let cls = a[0].as(PyType.self) else {
            if a.isEmpty { throw PyError.runtimeError("super(): no arguments") }
            throw PyError.typeError("super() argument 1 must be a type, not \(a[0].typeName)")
        }
        let target = a[1]
        let ok = target.as(PyType.self).map { $0.isSubtype(of: cls) } ?? false || target.type.isSubtype(of: cls)
        if !ok { throw PyError.typeError("super(type, obj): obj must be an instance or subtype of type") }
        return .object(PySuper(thisType: cls, target: target))
    }
}

func installIteratorMethods(_ t: PyType) {
    t.addMethod("__iter__") { _, args, _ in args.first ?? .none }
    t.addMethod("__next__") { interp, args, _ in
        let it = try receiver(args, PyIterator.self, "__next__", t.name)
        if let v = try it.advance(interp) { return v }
        throw PyError.stopIteration()
    }
    switch t.name {
    case "enumerate":
        t.newInstance = { interp, args, kwargs in
            let a = try interp.bind(Array(args.dropFirst()), kwargs, ["iterable", "start"], function: "enumerate", required: 1)
            var state = try interp.makeIter(a[0] ?? .none)
            var i = try a[1].map { try interp.indexValue($0) } ?? 0
            return .object(PyIterator(type: Types.enumerate) { interp in
                guard let v = try state.next(interp) else { return nil }
                i += 1
                return .object(PyTuple([.int(i - 1), v]))
            })
        }
    case "zip":
        t.newInstance = { interp, args, kwargs in
            var strict = false
            for (k, v) in kwargs {
                guard k == "strict" else { throw PyError.typeError("zip() got an unexpected keyword argument '\(k)'") }
                strict = try interp.isTruthy(v)
            }
            var states = try args.dropFirst().enumerated().map { i, v in
                do { return try interp.makeIter(v) } catch let e as PyError where e.exception.type === Types.typeError {
                    throw PyError.typeError("zip argument #\(i + 1) must support iteration")
                }
            }
            return .object(PyIterator(type: Types.zip) { interp in
                if states.isEmpty { return nil }
                var out: [Value] = []
                for i in states.indices {
                    guard let v = try states[i].next(interp) else {
                        if strict && i > 0 {
                            throw PyError.valueError("zip() argument \(i + 1) is shorter than argument\(i == 1 ? "" : "s 1-\(i)")")
                        }
                        if strict && i == 0 {
                            for j in states.indices.dropFirst() where try states[j].next(interp) != nil {
                                throw PyError.valueError("zip() argument \(j + 1) is longer than argument\(j == 1 ? "" : "s 1-\(j)")")
                            }
                        }
                        states = []
                        return nil
                    }
                    out.append(v)
                }
                return .object(PyTuple(out))
            })
        }
    case "map":
        t.newInstance = { interp, args, kwargs in
            guard args.count >= 3 else { throw PyError.typeError("map() must have at least two arguments.") }
            let f = args[1]
            var states = try args.dropFirst(2).map { try interp.makeIter($0) }
            return .object(PyIterator(type: Types.map) { interp in
                var xs: [Value] = []
                for i in states.indices {
                    guard let v = try states[i].next(interp) else { return nil }
                    xs.append(v)
                }
                return try interp.call(f, xs)
            })
        }
    case "filter":
        t.newInstance = { interp, args, kwargs in
            guard args.count == 3 else { throw PyError.typeError("filter expected 2 arguments, got \(args.count - 1)") }
            let f = args[1]
            var state = try interp.makeIter(args[2])
            return .object(PyIterator(type: Types.filter) { interp in
                while let v = try state.next(interp) {
                    if try interp.isTruthy(f.isNone ? v : interp.call(f, [v])) { return v }
                }
                return nil
            })
        }
    case "reversed":
        t.newInstance = { interp, args, kwargs in
            try interp.expectArgs(Array(args.dropFirst()), kwargs, "reversed", 1...1)
            let seq = args[1]
            if let r = try interp.callSpecial(seq, "__reversed__") { return r }
            let items: [Value]
            switch seq {
            case .str, .object(is PyList), .object(is PyTuple), .object(is PyRange), .object(is PyDict), .object(is PyDictView):
                items = try interp.toArray(seq)
            default:
                guard seq.type.lookup("__getitem__") != nil, seq.type.lookup("__len__") != nil else {
                    throw PyError.typeError("'\(seq.typeName)' object is not reversible")
                }
                items = try interp.toArray(seq)
            }
            let type = seq.as(PyList.self) != nil ? Types.reversed : Types.reversed
            return .object(PyIterator(type: type, state: .values(items.reversed(), 0)))
        }
    default: break
    }
}

func installDictViewMethods(_ t: PyType) {}

func installExceptionMethods(_ t: PyType) {
    t.newInstance = { _, args, _ in
        guard let cls = args.first?.as(PyType.self) else { throw PyError.typeError("BaseException.__new__(X): X is not a type object") }
        return .object(PyException(type: cls, args: Array(args.dropFirst())))
    }
    t.addMethod("__init__") { _, args, _ in
        let e = try receiver(args, PyException.self, "__init__", "BaseException")
        e.args = Array(args.dropFirst())
        return .none
    }
    t.addProperty("args", get: { _, v in .object(PyTuple(v.as(PyException.self)?.args ?? [])) },
                  set: { interp, v, new in v.as(PyException.self)?.args = try interp.toArray(new) })
    t.addProperty("__cause__", get: { _, v in v.as(PyException.self)?.cause.map { .object($0) } ?? .none },
                  set: { _, v, new in v.as(PyException.self)?.cause = new.as(PyException.self) })
    t.addProperty("__context__", get: { _, v in v.as(PyException.self)?.context.map { .object($0) } ?? .none },
                  set: { _, v, new in v.as(PyException.self)?.context = new.as(PyException.self) })
    t.addProperty("__traceback__") { _, _ in .none }
    t.addMethod("with_traceback") { _, args, _ in args.first ?? .none }
    t.addMethod("__str__") { interp, args, _ in
        let e = try receiver(args, PyException.self, "__str__", "BaseException")
        if e.type.isSubtype(of: Types.keyError), e.args.count == 1 { return .str(try interp.repr(e.args[0])) }
        switch e.args.count {
        case 0: return .str("")
        case 1: return .str(try interp.str(e.args[0]))
        default: return .str(try interp.repr(.object(PyTuple(e.args))))
        }
    }
}
