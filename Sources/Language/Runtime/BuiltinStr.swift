import Foundation

/// `str` constructor and methods. Python strings index by code point, so this works on unicode scalars.

private func selfStr(_ args: [Value], _ m: String) throws -> String {
    guard case .str(let s)? = args.first else {
        throw PyError.typeError("descriptor '\(m)' for 'str' objects doesn't apply to a '\(args.first?.typeName ?? "NoneType")' object")
    }
    return s
}

private func strArg(_ v: Value, _ m: String) throws -> String {
    guard case .str(let s) = v else { throw PyError.typeError("must be str, not \(v.typeName)") }
    return s
}

private func isPySpace(_ c: Character) -> Bool { c.isWhitespace }

private func stripChars(_ s: String, _ chars: Value?, left: Bool, right: Bool) throws -> String {
    let set: (Character) -> Bool
    if let chars, case .str(let cs) = chars { set = { cs.contains($0) } } else {
        if let chars, !chars.isNone { throw PyError.typeError("strip arg must be None or str") }
        set = isPySpace
    }
    var sub = Substring(s)
    if left { sub = sub.drop(while: set) }
    if right { while let l = sub.last, set(l) { sub = sub.dropLast() } }
    return String(sub)
}

func installStrMethods(_ t: PyType) {
    t.newInstance = { interp, args, kwargs in
        let a = try interp.bind(Array(args.dropFirst()), kwargs, ["object", "encoding", "errors"], function: "str")
        guard let x = a[0] else { return .str("") }
        if let b = x.as(PyBytes.self), a[1] != nil { return .str(String(decoding: b.bytes, as: UTF8.self)) }
        return .str(try interp.str(x))
    }
    func simple(_ name: String, _ f: @escaping (String) -> Value) {
        t.addMethod(name) { _, args, kwargs in
            _ = try methodArgs(args, kwargs, "str.\(name)", 0...0)
            return f(try selfStr(args, name))
        }
    }
    simple("upper") { .str($0.uppercased()) }
    simple("lower") { .str($0.lowercased()) }
    simple("casefold") { .str($0.lowercased()) }
    simple("swapcase") { .str(String($0.map { $0.isUppercase ? Character($0.lowercased()) : Character($0.uppercased()) })) }
    simple("capitalize") { s in .str(s.prefix(1).uppercased() + s.dropFirst().lowercased()) }
    simple("title") { s in
        var out = ""
        var prevCased = false
        for c in s {
            out += prevCased ? c.lowercased() : c.uppercased()
            prevCased = c.isLetter
        }
        return .str(out)
    }
    simple("isdigit") { s in .bool(!s.isEmpty && s.allSatisfy { $0.isNumber }) }
    simple("isnumeric") { s in .bool(!s.isEmpty && s.allSatisfy { $0.isNumber }) }
    simple("isdecimal") { s in .bool(!s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber }) }
    simple("isalpha") { s in .bool(!s.isEmpty && s.allSatisfy { $0.isLetter }) }
    simple("isalnum") { s in .bool(!s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber }) }
    simple("isspace") { s in .bool(!s.isEmpty && s.allSatisfy { $0.isWhitespace }) }
    simple("isupper") { s in .bool(s.contains { $0.isCased } && !s.contains { $0.isLowercase }) }
    simple("islower") { s in .bool(s.contains { $0.isCased } && !s.contains { $0.isUppercase }) }
    simple("isidentifier") { s in
        .bool(!s.isEmpty && !(s.first?.isNumber ?? true) && s.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber })
    }
    simple("isascii") { s in .bool(s.unicodeScalars.allSatisfy(\.isASCII)) }
    simple("encode") { s in .object(PyBytes(Array(s.utf8))) }
    for (name, l, r) in [("strip", true, true), ("lstrip", true, false), ("rstrip", false, true)] {
        t.addMethod(name) { _, args, kwargs in
            let a = try methodArgs(args, kwargs, "str.\(name)", 0...1)
            return .str(try stripChars(try selfStr(args, name), a.first, left: l, right: r))
        }
    }
    t.addMethod("split") { interp, args, kwargs in
        let s = try selfStr(args, "split")
        let a = try interp.bind(Array(args.dropFirst()), kwargs, ["sep", "maxsplit"], function: "split")
        return .object(PyList(try splitString(s, a[0], try a[1].map { try interp.indexValue($0) } ?? -1, fromRight: false).map { .str($0) }))
    }
    t.addMethod("rsplit") { interp, args, kwargs in
        let s = try selfStr(args, "rsplit")
        let a = try interp.bind(Array(args.dropFirst()), kwargs, ["sep", "maxsplit"], function: "rsplit")
        return .object(PyList(try splitString(s, a[0], try a[1].map { try interp.indexValue($0) } ?? -1, fromRight: true).map { .str($0) }))
    }
    t.addMethod("splitlines") { interp, args, kwargs in
        let s = try selfStr(args, "splitlines")
        let a = try interp.bind(Array(args.dropFirst()), kwargs, ["keepends"], function: "splitlines")
        let keep = try a[0].map { try interp.isTruthy($0) } ?? false
        var out: [Value] = []
        var cur = ""
        for c in s {
            if c == "\n" || c == "\r\n" || c == "\r" {
                out.append(.str(keep ? cur + String(c) : cur))
                cur = ""
            } else {
                cur.append(c)
            }
        }
        if !cur.isEmpty { out.append(.str(cur)) }
        return .object(PyList(out))
    }
    t.addMethod("join") { interp, args, kwargs in
        let sep = try selfStr(args, "join")
        let a = try methodArgs(args, kwargs, "str.join", 1...1)
        var parts: [String] = []
        var i = 0
        try interp.iterate(a[0]) { v in
            guard case .str(let s) = v else {
                throw PyError.typeError("sequence item \(i): expected str instance, \(v.typeName) found")
            }
            parts.append(s)
            i += 1
        }
        return .str(parts.joined(separator: sep))
    }
    t.addMethod("replace") { interp, args, kwargs in
        let s = try selfStr(args, "replace")
        let a = try methodArgs(args, kwargs, "replace", 2...3)
        let old = try strArg(a[0], "replace"), new = try strArg(a[1], "replace")
        var count = a.count > 2 ? try interp.indexValue(a[2]) : -1
        if old.isEmpty {
            if count == 0 { return .str(s) }
            var out = new
            for c in s.unicodeScalars {
                out.unicodeScalars.append(c)
                count -= 1
                if count != 0 { out += new } else { break }
            }
            return .str(out)
        }
        if count < 0 { return .str(s.replacingOccurrences(of: old, with: new)) }
        var out = ""
        var rest = Substring(s)
        while count > 0, let r = rest.range(of: old) {
            out += rest[..<r.lowerBound] + new
            rest = rest[r.upperBound...]
            count -= 1
        }
        return .str(out + rest)
    }
    for (name, suffix) in [("startswith", false), ("endswith", true)] {
        t.addMethod(name) { interp, args, kwargs in
            let s = try selfStr(args, name)
            let a = try methodArgs(args, kwargs, name, 1...3)
            let prefixes: [Value] = a[0].as(PyTuple.self)?.items ?? [a[0]]
            var sub = Array(s.unicodeScalars)
            if a.count > 1 {
                let sl = PySlice(a[1], a.count > 2 ? a[2] : .none, .none)
                let (st, sp, _) = try sl.resolve(sub.count, interp)
                sub = st < sp ? Array(sub[st..<sp]) : []
            }
            let text = String(String.UnicodeScalarView(sub))
            for p in prefixes {
                guard case .str(let ps) = p else {
                    throw PyError.typeError("\(name) first arg must be str or a tuple of str, not \(p.typeName)")
                }
                let n = ps.unicodeScalars.count
                let part = suffix ? Array(text.unicodeScalars.suffix(n)) : Array(text.unicodeScalars.prefix(n))
                if text.unicodeScalars.count >= n && part == Array(ps.unicodeScalars) {
                    return .bool(true)
                }
            }
            return .bool(false)
        }
    }
    for (name, reverse, raise) in [("find", false, false), ("rfind", true, false), ("index", false, true), ("rindex", true, true)] {
        t.addMethod(name) { interp, args, kwargs in
            let s = Array(try selfStr(args, name).unicodeScalars)
            let a = try methodArgs(args, kwargs, name, 1...3)
            let sub = Array(try strArg(a[0], name).unicodeScalars)
            let sl = PySlice(a.count > 1 ? a[1] : .none, a.count > 2 ? a[2] : .none, .none)
            let (st, sp, _) = try sl.resolve(s.count, interp)
            var found = -1
            if sp - st >= sub.count {
                let positions = Array(st...(sp - sub.count))
                for i in reverse ? positions.reversed() : positions where Array(s[i..<(i + sub.count)]) == sub {
                    found = i
                    break
                }
            }
            if found < 0 && raise { throw PyError.valueError("substring not found") }
            return .int(found)
        }
    }
    t.addMethod("count") { _, args, kwargs in
        let s = try selfStr(args, "count")
        let sub = try strArg(try methodArgs(args, kwargs, "count", 1...1)[0], "count")
        if sub.isEmpty { return .int(s.unicodeScalars.count + 1) }
        return .int(s.components(separatedBy: sub).count - 1)
    }
    for (name, align) in [("center", "^"), ("ljust", "<"), ("rjust", ">")] {
        t.addMethod(name) { interp, args, kwargs in
            let s = try selfStr(args, name)
            let a = try methodArgs(args, kwargs, name, 1...2)
            let width = try interp.indexValue(a[0])
            let fill = a.count > 1 ? try strArg(a[1], name) : " "
            guard fill.count == 1 else { throw PyError.typeError("The fill character must be exactly one character long") }
            let n = s.count
            if width <= n { return .str(s) }
            if width > 1 << 30 { throw PyError(type: Types.memoryError, "") }  // CPython's, not an allocation trap
            if align == "^" {
                let total = width - n
                var left = total / 2
                if total % 2 == 1 && n % 2 == 1 { left += 1 }
                return .str(String(repeating: fill, count: left) + s + String(repeating: fill, count: total - left))
            }
            let pad = String(repeating: fill, count: width - n)
            return .str(align == "<" ? s + pad : pad + s)
        }
    }
    t.addMethod("zfill") { interp, args, kwargs in
        let s = try selfStr(args, "zfill")
        let width = try interp.indexValue(try methodArgs(args, kwargs, "zfill", 1...1)[0])
        if width <= s.count { return .str(s) }
        if width > 1 << 30 { throw PyError(type: Types.memoryError, "") }
        let zeros = String(repeating: "0", count: width - s.count)
        if let f = s.first, f == "-" || f == "+" { return .str(String(f) + zeros + s.dropFirst()) }
        return .str(zeros + s)
    }
    for (name, fromRight) in [("partition", false), ("rpartition", true)] {
        t.addMethod(name) { _, args, kwargs in
            let s = try selfStr(args, name)
            let sep = try strArg(try methodArgs(args, kwargs, name, 1...1)[0], name)
            if sep.isEmpty { throw PyError.valueError("empty separator") }
            guard let r = fromRight ? s.range(of: sep, options: .backwards) : s.range(of: sep) else {
                return .object(PyTuple(fromRight ? [.str(""), .str(""), .str(s)] : [.str(s), .str(""), .str("")]))
            }
            return .object(PyTuple([.str(String(s[..<r.lowerBound])), .str(sep), .str(String(s[r.upperBound...]))]))
        }
    }
    t.addMethod("format") { interp, args, kwargs in
        try .str(interp.strFormat(try selfStr(args, "format"), Array(args.dropFirst()), kwargs))
    }
    t.addMethod("__mod__") { interp, args, kwargs in
        let a = try methodArgs(args, kwargs, "__mod__", 1...1)
        return .str(try interp.percentFormat(try selfStr(args, "__mod__"), a[0]))
    }
}

private func splitString(_ s: String, _ sepValue: Value?, _ maxsplit: Int, fromRight: Bool) throws -> [String] {
    if let sepValue, !sepValue.isNone {
        let sep = try strArg(sepValue, "split")
        if sep.isEmpty { throw PyError.valueError("empty separator") }
        var parts = s.components(separatedBy: sep)
        if maxsplit >= 0 && parts.count > maxsplit + 1 {
            if fromRight {
                let head = parts[..<(parts.count - maxsplit)].joined(separator: sep)
                parts = [head] + parts[(parts.count - maxsplit)...]
            } else {
                let tail = parts[maxsplit...].joined(separator: sep)
                parts = Array(parts[..<maxsplit]) + [tail]
            }
        }
        return parts
    }
    var words: [String] = []
    var chars = Array(s)
    if fromRight { chars.reverse() }
    var i = 0
    while i < chars.count {
        while i < chars.count && chars[i].isWhitespace { i += 1 }
        if i >= chars.count { break }
        if maxsplit >= 0 && words.count == maxsplit {
            var rest = Array(chars[i...])
            while let l = rest.last, l.isWhitespace { rest.removeLast() }
            words.append(String(fromRight ? rest.reversed() : rest))
            break
        }
        var w: [Character] = []
        while i < chars.count && !chars[i].isWhitespace { w.append(chars[i]); i += 1 }
        words.append(String(fromRight ? w.reversed() : w))
    }
    return fromRight ? words.reversed() : words
}

extension Interpreter {
    /// `"{} {name!r:>8}".format(...)`.
    func strFormat(_ format: String, _ args: [Value], _ kwargs: Kwargs) throws -> String {
        var out = ""
        let cs = Array(format)
        var i = 0
        var auto = 0
        while i < cs.count {
            let c = cs[i]
            if c == "{" {
                if i + 1 < cs.count && cs[i + 1] == "{" { out += "{"; i += 2; continue }
                var depth = 1
                var field = ""
                i += 1
                while i < cs.count {
                    if cs[i] == "{" { depth += 1 } else if cs[i] == "}" { depth -= 1; if depth == 0 { break } }
                    field.append(cs[i])
                    i += 1
                }
                guard i < cs.count else { throw PyError.valueError("expected '}' before end of string") }
                i += 1
                var spec = ""
                var conv: Character?
                var name = field
                if let colon = field.firstIndex(of: ":") {
                    spec = String(field[field.index(after: colon)...])
                    name = String(field[..<colon])
                }
                if let bang = name.firstIndex(of: "!") {
                    conv = name[name.index(after: bang)...].first
                    name = String(name[..<bang])
                }
                if spec.contains("{") { spec = try strFormat(spec, args, kwargs) }
                var head = name
                var rest = ""
                if let j = name.firstIndex(where: { $0 == "." || $0 == "[" }) {
                    head = String(name[..<j])
                    rest = String(name[j...])
                }
                var v: Value
                if head.isEmpty {
                    guard auto < args.count else { throw PyError.indexError("Replacement index \(auto) out of range for positional args tuple") }
                    v = args[auto]
                    auto += 1
                } else if let n = Int(head) {
                    guard n < args.count else { throw PyError.indexError("Replacement index \(n) out of range for positional args tuple") }
                    v = args[n]
                } else {
                    guard let kv = kwargs.first(where: { $0.0 == head }) else { throw PyError.keyError(.str(head)) }
                    v = kv.1
                }
                var r = Substring(rest)
                while let f = r.first {
                    r = r.dropFirst()
                    var part = ""
                    if f == "." {
                        while let x = r.first, x != ".", x != "[" { part.append(x); r = r.dropFirst() }
                        v = try getAttr(v, part)
                    } else {
                        while let x = r.first, x != "]" { part.append(x); r = r.dropFirst() }
                        r = r.dropFirst()
                        v = try getItem(v, Int(part).map { .int($0) } ?? .str(part))
                    }
                }
                switch conv {
                case "r", "a": out += try self.format(.str(try repr(v)), spec)
                case "s": out += try self.format(.str(try str(v)), spec)
                default: out += try self.format(v, spec)
                }
            } else if c == "}" {
                if i + 1 < cs.count && cs[i + 1] == "}" { out += "}"; i += 2; continue }
                throw PyError.valueError("Single '}' encountered in format string")
            } else {
                out.append(c)
                i += 1
            }
        }
        return out
    }
}
