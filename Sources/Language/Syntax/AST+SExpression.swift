/// A compact S-expression rendering of the tree, for tests and debugging. It mirrors CPython's `ast`
/// shapes (call arguments split into positional and keyword lists, self-documenting f-string text as a
/// literal) so that scripts/golden_syntax_errors.py can produce the same text from `ast.parse`.
///
///     Parser.parse("x = 1 + 2").sExpression  // (= (name x) (+ (int 1) (int 2)))
extension Program {
    public var sExpression: String { statements.map(\.sExpression).joined(separator: "\n") }
}

extension Stmt {
    public var sExpression: String { SExpr.stmt(self) }
}

extension Expr {
    public var sExpression: String { SExpr.expr(self) }
}

enum SExpr {
    static func list(_ head: String, _ items: [String]) -> String {
        items.isEmpty ? "(\(head))" : "(\(head) \(items.joined(separator: " ")))"
    }
    static func opt(_ e: Expr?) -> String { e.map(expr) ?? "-" }
    static func body(_ head: String, _ stmts: [Stmt]) -> String { list(head, stmts.map(stmt)) }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16)
                    out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static func number(_ d: Double) -> String {
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d.isNaN { return "nan" }
        return "\(d)"
    }

    static func params(_ p: Parameters) -> String {
        var items: [String] = p.positional.map { "(\($0.name) \(opt($0.defaultValue)))" }
        if let v = p.varArgs { items.append("(* \(v))") }
        if !p.keywordOnly.isEmpty { items.append(list("kwonly", p.keywordOnly.map { "(\($0.name) \(opt($0.defaultValue)))" })) }
        if let k = p.varKeywords { items.append("(** \(k))") }
        return list("params", items)
    }

    static func comprehension(_ c: Comprehension) -> String {
        list("for", [expr(c.target), expr(c.iterable)] + c.conditions.map(expr))
    }

    static func fString(_ parts: [FStringPart]) -> String {
        var items: [String] = []
        var pending = ""
        func flush() { if !pending.isEmpty { items.append("(lit \(quote(pending)))"); pending = "" } }
        for part in parts {
            switch part {
            case .literal(let s): pending += s
            case .field(let e, let conversion, let spec, let selfDoc):
                if let selfDoc { pending += selfDoc }
                flush()
                let conv = conversion.map { String($0) } ?? "-"
                items.append("(fmt \(expr(e)) \(conv) \(spec.map(fString) ?? "-"))")
            }
        }
        flush()
        return list("fstr", items)
    }

    static func expr(_ e: Expr) -> String {
        switch e.kind {
        case .name(let n): return "(name \(n))"
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let s): return "(int \(s))"
        case .float(let d): return "(float \(number(d)))"
        case .imaginary(let d): return "(imag \(number(d)))"
        case .string(let s): return "(str \(quote(s)))"
        case .bytes(let b): return list("bytes", b.map { String($0) })
        case .fString(let parts): return fString(parts)
        case .ellipsis: return "..."
        case .list(let items): return list("list", items.map(expr))
        case .tuple(let items): return list("tuple", items.map(expr))
        case .set(let items): return list("set", items.map(expr))
        case .dict(let entries): return list("dict", entries.map { "(\($0.key.map(expr) ?? "**") \(expr($0.value)))" })
        case .starred(let x): return "(star \(expr(x)))"
        case .attribute(let x, let n): return "(attr \(expr(x)) \(n))"
        case .subscript(let x, let i): return "(sub \(expr(x)) \(expr(i)))"
        case .slice(let lo, let hi, let step): return "(slice \(opt(lo)) \(opt(hi)) \(opt(step)))"
        case .call(let f, let args):
            var positional: [String] = [], keywords: [String] = []
            for a in args {
                switch a {
                case .positional(let x): positional.append(expr(x))
                case .starred(let x): positional.append("(star \(expr(x)))")
                case .keyword(let n, let v): keywords.append("(\(n) \(expr(v)))")
                case .doubleStarred(let v): keywords.append("(** \(expr(v)))")
                }
            }
            return "(call \(expr(f)) \(list("args", positional)) \(list("kw", keywords)))"
        case .unary(let op, let x): return "(\(op.rawValue) \(expr(x)))"
        case .binary(let l, let op, let r): return "(\(op.rawValue) \(expr(l)) \(expr(r)))"
        case .boolean(let op, let items): return list(op.rawValue, items.map(expr))
        case .compare(let first, let rest):
            return list("cmp", [expr(first)] + rest.map { "\($0.0.rawValue) \(expr($0.1))" })
        case .conditional(let test, let body, let orElse): return "(ifexp \(expr(test)) \(expr(body)) \(expr(orElse)))"
        case .lambda(let p, let body): return "(lambda \(params(p)) \(expr(body)))"
        case .listComp(let x, let cs): return list("listcomp", [expr(x)] + cs.map(comprehension))
        case .setComp(let x, let cs): return list("setcomp", [expr(x)] + cs.map(comprehension))
        case .dictComp(let k, let v, let cs): return list("dictcomp", [expr(k), expr(v)] + cs.map(comprehension))
        case .generator(let x, let cs): return list("genexp", [expr(x)] + cs.map(comprehension))
        case .namedExpr(let n, let v): return "(:= \(n) \(expr(v)))"
        case .yield(let v): return "(yield \(opt(v)))"
        case .yieldFrom(let v): return "(yield-from \(expr(v)))"
        case .await(let v): return "(await \(expr(v)))"
        }
    }

    static func stmt(_ s: Stmt) -> String {
        switch s.kind {
        case .expression(let e): return "(expr \(expr(e)))"
        case .assign(let targets, let value): return list("=", targets.map(expr) + [expr(value)])
        case .augAssign(let t, let op, let v): return "(\(op.rawValue)= \(expr(t)) \(expr(v)))"
        case .annAssign(let t, let a, let v): return "(ann \(expr(t)) \(expr(a)) \(opt(v)))"
        case .pass: return "(pass)"
        case .break: return "(break)"
        case .continue: return "(continue)"
        case .return(let v): return "(return \(opt(v)))"
        case .delete(let ts): return list("del", ts.map(expr))
        case .global(let ns): return list("global", ns)
        case .nonlocal(let ns): return list("nonlocal", ns)
        case .assert(let t, let m): return "(assert \(expr(t)) \(opt(m)))"
        case .raise(let e, let c): return "(raise \(opt(e)) \(opt(c)))"
        case .if(let t, let b, let o): return "(if \(expr(t)) \(body("body", b)) \(body("else", o)))"
        case .while(let t, let b, let o): return "(while \(expr(t)) \(body("body", b)) \(body("else", o)))"
        case .for(let t, let i, let b, let o): return "(for \(expr(t)) \(expr(i)) \(body("body", b)) \(body("else", o)))"
        case .with(let items, let b):
            return "(with \(list("items", items.map { "(\(expr($0.context)) \(opt($0.target)))" })) \(body("body", b)))"
        case .try(let b, let handlers, let o, let f):
            let hs = handlers.map { "(except \(opt($0.type)) \($0.name ?? "-") \(body("body", $0.body)))" }
            return list("try", [body("body", b)] + hs + [body("else", o), body("finally", f)])
        case .functionDef(let name, let p, let b, let decorators):
            return "(def \(name) \(params(p)) \(list("decorators", decorators.map(expr))) \(body("body", b)))"
        case .classDef(let name, let bases, let keywords, let b, let decorators):
            let kws = keywords.map { "(\($0.0) \(expr($0.1)))" }
            return "(class \(name) \(list("bases", bases.map(expr))) \(list("kw", kws)) \(list("decorators", decorators.map(expr))) \(body("body", b)))"
        case .import(let names):
            return list("import", names.map { $0.path.joined(separator: ".") + ($0.alias.map { " as " + $0 } ?? "") }.map { "(\($0))" })
        case .importFrom(let module, let level, let names):
            let items = names.map { "(\($0.name)\($0.alias.map { " as " + $0 } ?? ""))" }
            return list("from", ["\(level)", module.isEmpty ? "-" : module.joined(separator: ".")] + items)
        }
    }
}
