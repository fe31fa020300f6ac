import Foundation

/// Python's text forms: `repr`, `str`, float repr, string quoting, `format()` specs, `%` formatting, f-strings.

/// `repr(float)`: shortest round-trip digits, exponent form when the exponent is < -4 or >= 16.
public func formatFloatRepr(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    if x == 0 { return x.sign == .minus ? "-0.0" : "0.0" }
    let (digits, decpt) = shortestDigits(x.magnitude)
    let sign = x < 0 ? "-" : ""
    if decpt <= -4 || decpt > 16 {
        let exp = decpt - 1
        let mantissa = digits.count > 1 ? digits.prefix(1) + "." + digits.dropFirst() : digits
        let e = String(abs(exp)).leftPadded(to: 2, with: "0")
        return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + e
    }
    if decpt <= 0 { return sign + "0." + String(repeating: "0", count: -decpt) + digits }
    if decpt >= digits.count { return sign + digits + String(repeating: "0", count: decpt - digits.count) + ".0" }
    let i = digits.index(digits.startIndex, offsetBy: decpt)
    return sign + digits[..<i] + "." + digits[i...]
}

/// Digits `d1d2...` and `decpt` with value `0.d1d2... × 10^decpt`, from Swift's shortest round-trip text.
private func shortestDigits(_ x: Double) -> (String, Int) {
    let text = x.description
    var mantissa = Substring(text)
    var exp = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        mantissa = text[..<e]
        exp = Int(text[text.index(after: e)...]) ?? 0
    }
    let intLen = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
    var digits = Array(mantissa.filter { $0 != "." })
    var decpt = intLen + exp
    while digits.first == "0" && digits.count > 1 {
        digits.removeFirst()
        decpt -= 1
    }
    while digits.last == "0" && digits.count > 1 { digits.removeLast() }
    return (String(digits), decpt)
}

/// `format(x, '.3')`: like 'g', but exponent form once the exponent reaches precision - 1, and fixed
/// form keeps at least one digit after the point.
private func generalFormat(_ x: Double, _ p: Int) -> String {
    let e = String(format: "%.\(p - 1)e", x)
    let exp = Int(e.split(separator: "e").last ?? "0") ?? 0
    if exp < -4 || exp >= p - 1 {
        var parts = e.split(separator: "e").map(String.init)
        if parts[0].contains(".") {
            while parts[0].hasSuffix("0") { parts[0].removeLast() }
            if parts[0].hasSuffix(".") { parts[0].removeLast() }
        }
        return parts.joined(separator: "e")
    }
    var f = String(format: "%.\(max(p - 1 - exp, 0))f", x)
    if f.contains(".") {
        while f.hasSuffix("0") { f.removeLast() }
        if f.hasSuffix(".") { f += "0" }
    } else {
        f += ".0"
    }
    return f
}

/// `repr(str)`: single quotes unless the text has `'` and no `"`.
public func formatStringRepr(_ s: String) -> String {
    let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
    var out = String(quote)
    for u in s.unicodeScalars {
        switch u {
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if Character(u) == quote {
                out += "\\" + String(quote)
            } else if u.value < 0x20 || u.value == 0x7F {
                out += "\\x" + String(u.value, radix: 16).leftPadded(to: 2, with: "0")
            } else if u.value >= 0x80 && !isPrintable(u) {
                let hex = String(u.value, radix: 16)
                if u.value <= 0xFF { out += "\\x" + hex.leftPadded(to: 2, with: "0") }
                else if u.value <= 0xFFFF { out += "\\u" + hex.leftPadded(to: 4, with: "0") }
                else { out += "\\U" + hex.leftPadded(to: 8, with: "0") }
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    out.append(quote)
    return out
}

private func isPrintable(_ u: Unicode.Scalar) -> Bool {
    switch u.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
        return u == " "
    default:
        return true
    }
}

extension Interpreter {
    /// `repr(v)`, dispatching to `__repr__` for user and native types.
    public func repr(_ v: Value) throws -> String {
        switch v {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let d): return formatFloatRepr(d)
        case .str(let s): return formatStringRepr(s)
        case .object(let o):
            if !(o is PyType), let r = o.type.lookup("__repr__"), o.type.definingType("__repr__") !== Types.object {
                reprGuardDepth += 1
                defer { reprGuardDepth -= 1 }
                if reprGuardDepth > 500 { throw PyError(type: Types.recursionError, "maximum recursion depth exceeded while getting the repr of an object") }
                let s = try callDescriptor(r, v, [], [])
                guard case .str(let text) = s else {
                    throw PyError.typeError("__repr__ returned non-string (type \(s.typeName))")
                }
                return text
            }
            return try builtinRepr(o)
        }
    }

    /// `str(v)`: `__str__` if the type defines one, else `repr`.
    public func str(_ v: Value) throws -> String {
        switch v {
        case .str(let s): return s
        case .object(let o):
            if o is PyType { return try repr(v) }
            if let f = o.type.lookup("__str__"), o.type.definingType("__str__") !== Types.object {
                let s = try callDescriptor(f, v, [], [])
                guard case .str(let text) = s else {
                    throw PyError.typeError("__str__ returned non-string (type \(s.typeName))")
                }
                return text
            }
            if let e = o as? PyException { return exceptionMessage(e) }
            return try repr(v)
        default: return try repr(v)
        }
    }

    private func withReprGuard(_ o: PyObject, _ recursive: String, _ body: () throws -> String) throws -> String {
        let id = ObjectIdentifier(o)
        if reprGuard.contains(id) { return recursive }
        reprGuardDepth += 1
        defer { reprGuardDepth -= 1 }
        if reprGuardDepth > 500 { throw PyError(type: Types.recursionError, "maximum recursion depth exceeded while getting the repr of an object") }
        reprGuard.insert(id)
        defer { reprGuard.remove(id) }
        return try body()
    }

    func builtinRepr(_ o: PyObject) throws -> String {
        switch o {
        case let l as PyList:
            return try withReprGuard(o, "[...]") { "[" + (try l.items.map { try repr($0) }.joined(separator: ", ")) + "]" }
        case let t as PyTuple:
            if t.items.count == 1 { return try withReprGuard(o, "(...)") { "(" + (try repr(t.items[0])) + ",)" } }
            return try withReprGuard(o, "(...)") { "(" + (try t.items.map { try repr($0) }.joined(separator: ", ")) + ")" }
        case let d as PyDict:
            return try withReprGuard(o, "{...}") {
                "{" + (try d.items.map { "\(try repr($0.key)): \(try repr($0.value))" }.joined(separator: ", ")) + "}"
            }
        case let s as PySet:
            let frozen = s.type.isSubtype(of: Types.frozenset)
            if s.count == 0 { return frozen ? "frozenset()" : "set()" }
            let body = try withReprGuard(o, "{...}") { "{" + (try s.items.map { try repr($0) }.joined(separator: ", ")) + "}" }
            return frozen ? "frozenset(\(body))" : body
        case let v as PyDictView:
            let name = ["dict_keys", "dict_values", "dict_items"][v.kind]
            return try withReprGuard(o, "...") { "\(name)(\(try repr(.object(PyList(try toArray(.object(v)))))))" }
        case let r as PyRange:
            return r.step == 1 ? "range(\(r.start), \(r.stop))" : "range(\(r.start), \(r.stop), \(r.step))"
        case let s as PySlice:
            return "slice(\(try repr(s.start)), \(try repr(s.stop)), \(try repr(s.step)))"
        case let b as PyBytes:
            return bytesRepr(b.bytes)
        case let f as PyFunction:
            return "<function \(f.qualname) at \(hexAddress(f))>"
        case let b as PyBuiltinFunction:
            if b.isMethod, let owner = b.owner { return "<method '\(b.name)' of '\(owner.name)' objects>" }
            return "<built-in function \(b.name)>"
        case let m as PyBoundMethod:
            if let f = m.function.as(PyFunction.self) { return "<bound method \(f.qualname) of \(try repr(m.selfValue))>" }
            if let b = m.function.as(PyBuiltinFunction.self) {
                if let t = m.selfValue.as(PyType.self) { return "<built-in method \(b.name) of type object at \(hexAddress(t))>" }
                let addr = m.selfValue.object.map(hexAddress) ?? "0x0"
                return "<built-in method \(b.name) of \(m.selfValue.typeName) object at \(addr)>"
            }
            return "<bound method of \(try repr(m.selfValue))>"
        case let t as PyType:
            return "<class '\(t.fullName)'>"
        case let m as PyModule:
            return "<module '\(m.name)' (built-in)>"
        case let it as PyIterator:
            if let q = it.qualname { return "<\(it.type.name) object \(q) at \(hexAddress(it))>" }
            return "<\(it.type.name) object at \(hexAddress(it))>"
        case let e as PyException:
            let args = try e.args.map { try repr($0) }.joined(separator: ", ")
            return "\(e.type.name)(\(args))"
        case let s as PySuper:
            return "<super: <class '\(s.thisType.name)'>, <\(s.target.typeName) object>>"
        default:
            if o === PySingleton.notImplemented { return "NotImplemented" }
            if o === PySingleton.ellipsis { return "Ellipsis" }
            return "<\(o.type.fullName) object at \(hexAddress(o))>"
        }
    }

    func bytesRepr(_ bytes: [UInt8]) -> String {
        let quote: UInt8 = bytes.contains(39) && !bytes.contains(34) ? 34 : 39
        var out = "b" + String(UnicodeScalar(quote))
        for b in bytes {
            switch b {
            case 92: out += "\\\\"
            case 10: out += "\\n"
            case 13: out += "\\r"
            case 9: out += "\\t"
            case quote: out += "\\" + String(UnicodeScalar(quote))
            case 32..<127: out.unicodeScalars.append(UnicodeScalar(b))
            default: out += "\\x" + String(b, radix: 16).leftPadded(to: 2, with: "0")
            }
        }
        return out + String(UnicodeScalar(quote))
    }

    // MARK: format()

    /// `format(v, spec)`.
    public func format(_ v: Value, _ spec: String) throws -> String {
        switch v {
        case .int(let i): return try formatInt(i, FormatSpec(spec))
        case .bool(let b):
            if spec.isEmpty { return b ? "True" : "False" }
            return try formatInt(b ? 1 : 0, FormatSpec(spec))
        case .float(let d): return try formatFloat(d, FormatSpec(spec))
        case .str(let s): return try formatStr(s, FormatSpec(spec))
        case .none where spec.isEmpty: return "None"
        case .object(let o):
            if let f = o.type.lookup("__format__"), o.type.definingType("__format__") !== Types.object {
                let r = try callDescriptor(f, v, [.str(spec)], [])
                guard case .str(let s) = r else { throw PyError.typeError("__format__ must return a str, not \(r.typeName)") }
                return s
            }
            if spec.isEmpty { return try str(v) }
        default:
            if spec.isEmpty { return try str(v) }
        }
        throw PyError.typeError("unsupported format string passed to \(v.typeName).__format__")
    }

    func formatFString(_ parts: [FStringPart], _ f: Frame) throws -> String {
        var out = ""
        for p in parts {
            switch p {
            case .literal(let s): out += s
            case .field(let expr, let conversion, let specParts, let selfDoc):
                let v = try eval(expr, f)
                let spec = try specParts.map { try formatFString($0, f) } ?? ""
                if let selfDoc { out += selfDoc }
                let conv = conversion ?? (selfDoc != nil && spec.isEmpty ? "r" : nil)
                switch conv {
                case "r", "a": out += try format(.str(try repr(v)), spec)
                case "s": out += try format(.str(try str(v)), spec)
                default: out += try format(v, spec)
                }
            }
        }
        return out
    }
}

/// `[[fill]align][sign][#][0][width][,|_][.precision][type]`
struct FormatSpec {
    var fill: Character = " "
    var align: Character?
    var sign: Character = "-"
    var alternate = false
    var width = 0
    var grouping: Character?
    var precision: Int?
    var type: Character?

    init(_ spec: String) throws {
        var cs = Array(spec)
        var i = 0
        if cs.count >= 2, "<>=^".contains(cs[1]) {
            fill = cs[0]
            align = cs[1]
            i = 2
        } else if let c = cs.first, "<>=^".contains(c) {
            align = c
            i = 1
        }
        if i < cs.count, "+- ".contains(cs[i]) { sign = cs[i]; i += 1 }
        if i < cs.count, cs[i] == "#" { alternate = true; i += 1 }
        if i < cs.count, cs[i] == "0" {
            if align == nil { fill = "0"; align = "=" }
            i += 1
        }
        var w = ""
        while i < cs.count, cs[i].isASCII, cs[i].isNumber { w.append(cs[i]); i += 1 }
        width = min(Int(w) ?? 0, 1 << 20)
        if i < cs.count, cs[i] == "," || cs[i] == "_" { grouping = cs[i]; i += 1 }
        if i < cs.count, cs[i] == "." {
            i += 1
            var p = ""
            while i < cs.count, cs[i].isASCII, cs[i].isNumber { p.append(cs[i]); i += 1 }
            guard !p.isEmpty else { throw PyError.valueError("Format specifier missing precision") }
            precision = min(Int(p) ?? 0, 1000)
        }
        if i < cs.count { type = cs[i]; i += 1 }
        if i < cs.count { throw PyError.valueError("Invalid format specifier '\(spec)' for object of type") }
        cs = []
    }

    func pad(_ body: String, signPart: String = "", defaultAlign: Character) -> String {
        let total = signPart.count + body.count
        guard width > total else { return signPart + body }
        let n = width - total
        let padding = String(repeating: fill, count: n)
        switch align ?? defaultAlign {
        case "<": return signPart + body + padding
        case "^":
            let left = String(repeating: fill, count: n / 2)
            return left + signPart + body + String(repeating: fill, count: n - n / 2)
        case "=": return signPart + padding + body
        default: return padding + signPart + body
        }
    }
}

private func group(_ digits: String, _ sep: Character?, every n: Int = 3) -> String {
    guard let sep else { return digits }
    var out: [Character] = []
    for (i, c) in digits.reversed().enumerated() {
        if i > 0 && i % n == 0 { out.append(sep) }
        out.append(c)
    }
    return String(out.reversed())
}

extension Interpreter {
    func formatInt(_ i: Int, _ spec: FormatSpec) throws -> String {
        switch spec.type {
        case "e", "E", "f", "F", "g", "G", "%": return try formatFloat(Double(i), spec)
        case "c":
            guard let u = UnicodeScalar(UInt32(clamping: max(i, 0))), i >= 0 else {
                throw PyError.overflow("%c arg not in range(0x110000)")
            }
            return spec.pad(String(Character(u)), defaultAlign: "<")
        case "s": throw PyError.valueError("Unknown format code 's' for object of type 'int'")
        default: break
        }
        if spec.precision != nil { throw PyError.valueError("Precision not allowed in integer format specifier") }
        let mag = i.magnitude
        var digits: String
        var prefix = ""
        switch spec.type {
        case "b": digits = String(mag, radix: 2); prefix = "0b"
        case "o": digits = String(mag, radix: 8); prefix = "0o"
        case "x": digits = String(mag, radix: 16); prefix = "0x"
        case "X": digits = String(mag, radix: 16).uppercased(); prefix = "0X"
        case nil, "d", "n": digits = String(mag)
        case let t?: throw PyError.valueError("Unknown format code '\(t)' for object of type 'int'")
        }
        digits = group(digits, spec.grouping, every: spec.type == nil || spec.type == "d" ? 3 : 4)
        let signPart = (i < 0 ? "-" : spec.sign == "+" ? "+" : spec.sign == " " ? " " : "") + (spec.alternate ? prefix : "")
        return spec.pad(digits, signPart: signPart, defaultAlign: ">")
    }

    func formatFloat(_ d: Double, _ spec: FormatSpec) throws -> String {
        let neg = d.sign == .minus && !d.isNaN
        let x = d.magnitude
        var body: String
        switch spec.type {
        case "f", "F", "%":
            let p = spec.precision ?? 6
            let v = spec.type == "%" ? x * 100 : x
            body = v.isFinite ? String(format: "%.\(p)f", v) : (v.isNaN ? "nan" : "inf")
            if spec.type == "F" { body = body.uppercased() }
            if spec.type == "%" { body += "%" }
        case "e", "E":
            let p = spec.precision ?? 6
            body = x.isFinite ? String(format: "%.\(p)e", x) : (x.isNaN ? "nan" : "inf")
            if spec.type == "E" { body = body.uppercased() }
        case "g", "G":
            let p = spec.precision ?? 6
            body = x.isFinite ? String(format: spec.alternate ? "%#.\(p)g" : "%.\(p)g", x) : (x.isNaN ? "nan" : "inf")
            if spec.type == "G" { body = body.uppercased() }
        case nil, "n":
            if let p = spec.precision {
                body = x.isFinite ? generalFormat(x, max(p, 1)) : (x.isNaN ? "nan" : "inf")
            } else {
                body = formatFloatRepr(x)
            }
        case let t?:
            throw PyError.valueError("Unknown format code '\(t)' for object of type 'float'")
        }
        if spec.grouping != nil {
            let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            if let intPart = parts.first, intPart.allSatisfy(\.isNumber) {
                body = group(String(intPart), spec.grouping) + (parts.count > 1 ? "." + parts[1] : "")
            }
        }
        let signPart = neg ? "-" : spec.sign == "+" ? "+" : spec.sign == " " ? " " : ""
        return spec.pad(body, signPart: signPart, defaultAlign: ">")
    }

    func formatStr(_ s: String, _ spec: FormatSpec) throws -> String {
        if let t = spec.type, t != "s" { throw PyError.valueError("Unknown format code '\(t)' for object of type 'str'") }
        if spec.sign != "-" { throw PyError.valueError("Sign not allowed in string format specifier") }
        if spec.align == "=" { throw PyError.valueError("'=' alignment not allowed in string format specifier") }
        var body = s
        if let p = spec.precision { body = String(s.unicodeScalars.prefix(p).map(Character.init)) }
        return spec.pad(body, defaultAlign: "<")
    }

    // MARK: % formatting

    func percentFormat(_ format: String, _ arg: Value) throws -> String {
        let args: [Value]
        var mapping: Value?
        if let t = arg.as(PyTuple.self) { args = t.items } else {
            args = [arg]
            if arg.as(PyDict.self) != nil || (arg.object != nil && arg.type.lookup("__getitem__") != nil && arg.as(PyList.self) == nil) {
                mapping = arg
            }
        }
        var out = ""
        var next = 0
        let cs = Array(format)
        var i = 0
        var usedMapping = false
        func nextArg() throws -> Value {
            guard next < args.count else { throw PyError.typeError("not enough arguments for format string") }
            next += 1
            return args[next - 1]
        }
        while i < cs.count {
            let c = cs[i]
            i += 1
            if c != "%" { out.append(c); continue }
            guard i < cs.count else { throw PyError.valueError("incomplete format") }
            var key: String?
            if cs[i] == "(" {
                var depth = 1
                var k = ""
                i += 1
                while i < cs.count {
                    if cs[i] == "(" { depth += 1 } else if cs[i] == ")" { depth -= 1; if depth == 0 { break } }
                    k.append(cs[i])
                    i += 1
                }
                guard i < cs.count else { throw PyError.valueError("incomplete format key") }
                i += 1
                key = k
            }
            var flags = ""
            while i < cs.count, "-+ #0".contains(cs[i]) { flags.append(cs[i]); i += 1 }
            var width = ""
            if i < cs.count, cs[i] == "*" { width = String(try indexValue(try nextArg())); i += 1 }
            while i < cs.count, cs[i].isASCII, cs[i].isNumber { width.append(cs[i]); i += 1 }
            var precision: String?
            if i < cs.count, cs[i] == "." {
                i += 1
                var p = ""
                while i < cs.count, cs[i].isASCII, cs[i].isNumber { p.append(cs[i]); i += 1 }
                precision = p.isEmpty ? "0" : p
            }
            guard i < cs.count else { throw PyError.valueError("incomplete format") }
            let conv = cs[i]
            i += 1
            if conv == "%" { out += "%"; continue }
            let value: Value
            if let key {
                guard let m = mapping else { throw PyError.typeError("format requires a mapping") }
                usedMapping = true
                value = try getItem(m, .str(key))
            } else {
                value = try nextArg()
            }
            var spec = ""
            let leftAlign = flags.contains("-")
            if flags.contains("+") { spec += "+" } else if flags.contains(" ") { spec += " " }
            if flags.contains("#") { spec += "#" }
            if flags.contains("0") && !leftAlign { spec += "0" }
            spec += width
            if let precision { spec += "." + precision }
            var piece: String
            switch conv {
            case "s": piece = try self.format(.str(try str(value)), (leftAlign ? "<" : ">") + width + (precision.map { "." + $0 } ?? ""))
            case "r", "a": piece = try self.format(.str(try repr(value)), (leftAlign ? "<" : ">") + width + (precision.map { "." + $0 } ?? ""))
            case "d", "i", "u":
                let n: Int
                switch value {
                case .float(let d):
                    guard d.isFinite, let t = Int(exactly: d.rounded(.towardZero)) else { throw PyError.overflow("cannot convert float infinity to integer") }
                    n = t
                case .int, .bool: n = try indexValue(value)
                default:
                    if value.object != nil, let r = try callSpecial(value, "__int__"), case .int(let t) = r { n = t } else {
                        throw PyError.typeError("%\(conv) format: a real number is required, not \(value.typeName)")
                    }
                }
                var s = spec
                if precision != nil { s = s.replacingOccurrences(of: "." + (precision ?? ""), with: "") }
                piece = try formatInt(n, FormatSpec((leftAlign ? "<" : "") + s))
            case "x", "X", "o":
                guard case .int = value else { throw PyError.typeError("%\(conv) format: an integer is required, not \(value.typeName)") }
                piece = try formatInt(try indexValue(value), FormatSpec((leftAlign ? "<" : "") + spec + String(conv)))
            case "e", "E", "f", "F", "g", "G":
                let d: Double
                switch value {
                case .int(let x): d = Double(x)
                case .float(let x): d = x
                case .bool(let b): d = b ? 1 : 0
                default:
                    if value.object != nil, let r = try callSpecial(value, "__float__"), case .float(let t) = r { d = t } else {
                        throw PyError.typeError("must be real number, not \(value.typeName)")
                    }
                }
                piece = try formatFloat(d, FormatSpec((leftAlign ? "<" : "") + spec + (precision == nil ? ".6" : "") + String(conv)))
            case "c":
                if case .str(let s) = value { piece = s } else { piece = try formatInt(try indexValue(value), FormatSpec("c")) }
            default:
                throw PyError.valueError("unsupported format character '\(conv)' (0x\(String(conv.unicodeScalars.first?.value ?? 0, radix: 16))) at index \(i - 1)")
            }
            out += piece
        }
        if next < args.count && !usedMapping && mapping == nil {
            throw PyError.typeError("not all arguments converted during string formatting")
        }
        return out
    }
}
