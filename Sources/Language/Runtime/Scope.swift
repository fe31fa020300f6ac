/// Compile-time facts about a function body (which names are local, global, nonlocal; is it a generator),
/// and the runtime frames that hold variables.

final class CodeInfo {
    let name: String
    let qualname: String
    let parameters: Parameters
    let body: [Stmt]
    let locals: Set<String>
    let globals: Set<String>
    let nonlocals: Set<String>
    let isGenerator: Bool
    let filename: String
    /// Slot numbers for `locals`.
    let layout: LocalLayout

    init(name: String, qualname: String, parameters: Parameters, body: [Stmt], filename: String) {
        self.name = name
        self.qualname = qualname
        self.parameters = parameters
        self.body = body
        self.filename = filename
        var a = ScopeAnalyzer()
        a.statements(body)
        for p in parameters.positional + parameters.keywordOnly { a.assigned.insert(p.name) }
        if let v = parameters.varArgs { a.assigned.insert(v) }
        if let v = parameters.varKeywords { a.assigned.insert(v) }
        globals = a.globals
        nonlocals = a.nonlocals
        locals = a.assigned.subtracting(a.globals).subtracting(a.nonlocals)
        layout = LocalLayout(locals)
        isGenerator = a.isGenerator
    }

    /// A comprehension's scope: just its loop targets.
    init(comprehensionTargets: [Expr], filename: String, name: String) {
        var a = ScopeAnalyzer()
        for t in comprehensionTargets { a.target(t) }
        self.name = name
        qualname = name
        parameters = Parameters()
        body = []
        self.filename = filename
        locals = a.assigned
        layout = LocalLayout(locals)
        globals = []
        nonlocals = []
        isGenerator = false
    }
}

struct ScopeAnalyzer {
    var assigned = Set<String>()
    var globals = Set<String>()
    var nonlocals = Set<String>()
    var isGenerator = false

    mutating func statements(_ ss: [Stmt]) {
        for s in ss { statement(s) }
    }

    mutating func statement(_ s: Stmt) {
        switch s.kind {
        case .expression(let e): expr(e)
        case .assign(let targets, let value):
            targets.forEach { target($0) }
            expr(value)
        case .augAssign(let t, _, let v):
            target(t)
            expr(v)
        case .annAssign(let t, _, let v):
            target(t)
            if let v { expr(v) }
        case .pass, .break, .continue: break
        case .return(let e): if let e { expr(e) }
        case .delete(let ts): ts.forEach { target($0) }
        case .global(let names): globals.formUnion(names)
        case .nonlocal(let names): nonlocals.formUnion(names)
        case .assert(let t, let m):
            expr(t)
            if let m { expr(m) }
        case .raise(let e, let c):
            if let e { expr(e) }
            if let c { expr(c) }
        case .if(let t, let b, let o), .while(let t, let b, let o):
            expr(t)
            statements(b)
            statements(o)
        case .for(let t, let it, let b, let o):
            target(t)
            expr(it)
            statements(b)
            statements(o)
        case .with(let items, let body):
            for item in items {
                expr(item.context)
                if let t = item.target { target(t) }
            }
            statements(body)
        case .try(let body, let handlers, let orElse, let fin):
            statements(body)
            for h in handlers {
                if let t = h.type { expr(t) }
                if let n = h.name { assigned.insert(n) }
                statements(h.body)
            }
            statements(orElse)
            statements(fin)
        case .functionDef(let name, let params, _, let decorators):
            assigned.insert(name)
            decorators.forEach { expr($0) }
            for p in params.positional + params.keywordOnly { if let d = p.defaultValue { expr(d) } }
        case .classDef(let name, let bases, let keywords, _, let decorators):
            assigned.insert(name)
            bases.forEach { expr($0) }
            keywords.forEach { expr($0.1) }
            decorators.forEach { expr($0) }
        case .import(let names):
            for n in names { assigned.insert(n.alias ?? n.path.first ?? "") }
        case .importFrom(_, _, let names):
            for n in names where n.name != "*" { assigned.insert(n.alias ?? n.name) }
        }
    }

    mutating func target(_ e: Expr) {
        switch e.kind {
        case .name(let n): assigned.insert(n)
        case .tuple(let es), .list(let es): es.forEach { target($0) }
        case .starred(let inner): target(inner)
        default: expr(e)
        }
    }

    mutating func expr(_ e: Expr) {
        switch e.kind {
        case .yield, .yieldFrom: isGenerator = true
        case .namedExpr(let t, _): assigned.insert(t)
        case .lambda: return
        default: break
        }
        forEachChild(e) { expr($0) }
    }
}

/// Calls `body` on each direct subexpression (not into lambda bodies).
func forEachChild(_ e: Expr, _ body: (Expr) -> Void) {
    switch e.kind {
    case .name, .none, .bool, .int, .float, .imaginary, .string, .bytes, .ellipsis: break
    case .fString(let parts): fStringChildren(parts, body)
    case .list(let es), .tuple(let es), .set(let es): es.forEach(body)
    case .dict(let pairs):
        for p in pairs {
            if let k = p.key { body(k) }
            body(p.value)
        }
    case .starred(let x), .attribute(let x, _), .unary(_, let x), .await(let x), .yieldFrom(let x): body(x)
    case .subscript(let a, let b), .binary(let a, _, let b):
        body(a)
        body(b)
    case .slice(let l, let u, let s): [l, u, s].compactMap { $0 }.forEach(body)
    case .call(let f, let args):
        body(f)
        for a in args {
            switch a {
            case .positional(let x), .starred(let x), .doubleStarred(let x), .keyword(_, let x): body(x)
            }
        }
    case .boolean(_, let es): es.forEach(body)
    case .compare(let l, let rest):
        body(l)
        rest.forEach { body($0.1) }
    case .conditional(let t, let b, let o):
        body(t)
        body(b)
        body(o)
    case .lambda(let params, _):
        for p in params.positional + params.keywordOnly { if let d = p.defaultValue { body(d) } }
    case .listComp(let x, let cs), .setComp(let x, let cs), .generator(let x, let cs):
        body(x)
        comprehensionChildren(cs, body)
    case .dictComp(let k, let v, let cs):
        body(k)
        body(v)
        comprehensionChildren(cs, body)
    case .namedExpr(_, let v): body(v)
    case .yield(let x): if let x { body(x) }
    }
}

private func comprehensionChildren(_ cs: [Comprehension], _ body: (Expr) -> Void) {
    for c in cs {
        body(c.iterable)
        c.conditions.forEach(body)
    }
}

private func fStringChildren(_ parts: [FStringPart], _ body: (Expr) -> Void) {
    for p in parts {
        if case .field(let e, _, let spec, _) = p {
            body(e)
            if let spec { fStringChildren(spec, body) }
        }
    }
}

/// Set once the class object exists, so zero-argument `super()` in its methods can find it.
final class ClassCell {
    var type: PyType?
}

final class Frame {
    enum Kind { case module, function, classBody }
    let kind: Kind
    let code: CodeInfo?
    @exclusivity(unchecked) var locals: LocalStore
    @exclusivity(unchecked) var classNamespace = StrDict()
    /// The enclosing function or comprehension frame, for free variables.
    let parent: Frame?
    let globals: PyDict
    let filename: String
    @exclusivity(unchecked) var line = 0
    var generatorBuffer: GeneratorBuffer?
    let classCell: ClassCell?
    let qualPrefix: String
    let function: PyFunction?

    init(kind: Kind, code: CodeInfo?, parent: Frame?, globals: PyDict, filename: String,
         classCell: ClassCell?, qualPrefix: String, function: PyFunction? = nil) {
        self.kind = kind
        self.code = code
        locals = LocalStore(code?.layout ?? .empty)
        self.parent = parent
        self.globals = globals
        self.filename = filename
        self.classCell = classCell
        self.qualPrefix = qualPrefix
        self.function = function
    }

    /// The frame a function or class defined here should close over.
    var closureForChildren: Frame? {
        switch kind {
        case .module: return nil
        case .function: return self
        case .classBody: return parent
        }
    }
}
