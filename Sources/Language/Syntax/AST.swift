/// The syntax tree of the Python subset nnrepl runs. The parser builds it; the interpreter walks it.
/// Shapes follow CPython's `ast` module, so its documentation is the reference for what each node means.

/// A position in the source: 1-based line and column, columns counted in Unicode scalars.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public var description: String { "\(line):\(column)" }
}

/// The half-open span `[start, end)` of a node in the source, for carets and tracebacks.
public struct SourceRange: Sendable, Hashable {
    public var start: SourceLocation
    public var end: SourceLocation
    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }
}

public struct Expr: Sendable {
    public var kind: ExprKind
    public var range: SourceRange
    /// The interpreter's inline cache for a `.name` node (where the name was last found); nil otherwise.
    let nameCache: NameCache?
    public init(_ kind: ExprKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
        if case .name = kind { nameCache = NameCache() } else { nameCache = nil }
    }
}

public struct Stmt: Sendable {
    public var kind: StmtKind
    public var range: SourceRange
    public init(_ kind: StmtKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

public enum BinaryOp: String, Sendable {
    case add = "+", sub = "-", mul = "*", div = "/", floorDiv = "//", mod = "%", pow = "**", matMul = "@"
    case bitAnd = "&", bitOr = "|", bitXor = "^", lShift = "<<", rShift = ">>"
}

public enum UnaryOp: String, Sendable {
    case neg = "-", pos = "+", not = "not", invert = "~"
}

public enum BoolOp: String, Sendable {
    case and, or
}

public enum CompareOp: String, Sendable {
    case eq = "==", notEq = "!=", lt = "<", ltE = "<=", gt = ">", gtE = ">="
    case `is` = "is", isNot = "is not", `in` = "in", notIn = "not in"
}

/// One argument at a call site: `f(x)`, `f(*xs)`, `f(k=v)`, `f(**kw)`.
public enum Argument: Sendable {
    case positional(Expr)
    case starred(Expr)
    case keyword(name: String, value: Expr)
    case doubleStarred(Expr)
}

/// A piece of an f-string: literal text, or `{expr!conversion:spec}`. The spec may itself hold fields.
public enum FStringPart: Sendable {
    case literal(String)
    case field(expr: Expr, conversion: Character?, spec: [FStringPart]?, selfDocumenting: String?)
}

/// One `for ... in ... if ...` clause of a comprehension.
public struct Comprehension: Sendable {
    public var target: Expr
    public var iterable: Expr
    public var conditions: [Expr]
    public init(target: Expr, iterable: Expr, conditions: [Expr]) {
        self.target = target
        self.iterable = iterable
        self.conditions = conditions
    }
}

/// `a`, `a=1`, `*args`, `**kwargs`, in a `def` or `lambda` header. Keyword-only parameters follow `*`.
public struct Parameters: Sendable {
    public struct Parameter: Sendable {
        public var name: String
        public var defaultValue: Expr?
        public init(name: String, defaultValue: Expr?) {
            self.name = name
            self.defaultValue = defaultValue
        }
    }
    public var positional: [Parameter]
    public var varArgs: String?
    public var keywordOnly: [Parameter]
    public var varKeywords: String?
    public init(positional: [Parameter] = [], varArgs: String? = nil, keywordOnly: [Parameter] = [], varKeywords: String? = nil) {
        self.positional = positional
        self.varArgs = varArgs
        self.keywordOnly = keywordOnly
        self.varKeywords = varKeywords
    }
}

public indirect enum ExprKind: Sendable {
    case name(String)
    case none
    case bool(Bool)
    case int(String)              // decimal digits (underscores removed, base prefixes converted); may exceed Int64
    case float(Double)
    case imaginary(Double)        // `2j`; the interpreter may reject it
    case string(String)           // adjacent literals already concatenated
    case bytes([UInt8])
    case fString([FStringPart])
    case ellipsis
    case list([Expr])             // elements may be `.starred`
    case tuple([Expr])
    case set([Expr])
    case dict([(key: Expr?, value: Expr)])   // key nil means `**value`
    case starred(Expr)            // `*x` in a display or an assignment target
    case attribute(Expr, String)
    case `subscript`(Expr, Expr)    // `a[i]`; `a[i, j]` has a `.tuple` index; slices appear as `.slice`
    case slice(lower: Expr?, upper: Expr?, step: Expr?)
    case call(Expr, [Argument])
    case unary(UnaryOp, Expr)
    case binary(Expr, BinaryOp, Expr)
    case boolean(BoolOp, [Expr])
    case compare(Expr, [(CompareOp, Expr)])  // `a < b < c` is one node
    case conditional(test: Expr, body: Expr, orElse: Expr)
    case lambda(Parameters, Expr)
    case listComp(Expr, [Comprehension])
    case setComp(Expr, [Comprehension])
    case dictComp(key: Expr, value: Expr, [Comprehension])
    case generator(Expr, [Comprehension])
    case namedExpr(target: String, value: Expr)  // `:=`
    case yield(Expr?)
    case yieldFrom(Expr)
    case await(Expr)
}

public struct ExceptHandler: Sendable {
    public var type: Expr?
    public var name: String?
    public var body: [Stmt]
    public var range: SourceRange
    public init(type: Expr?, name: String?, body: [Stmt], range: SourceRange) {
        self.type = type
        self.name = name
        self.body = body
        self.range = range
    }
}

public struct WithItem: Sendable {
    public var context: Expr
    public var target: Expr?
    public init(context: Expr, target: Expr?) {
        self.context = context
        self.target = target
    }
}

/// `import a.b as c` is `ImportName(path: ["a", "b"], alias: "c")`.
public struct ImportName: Sendable {
    public var path: [String]
    public var alias: String?
    public init(path: [String], alias: String?) {
        self.path = path
        self.alias = alias
    }
}

public indirect enum StmtKind: Sendable {
    case expression(Expr)
    case assign(targets: [Expr], value: Expr)            // `a = b = v` has two targets
    case augAssign(target: Expr, op: BinaryOp, value: Expr)
    case annAssign(target: Expr, annotation: Expr, value: Expr?)
    case pass
    case `break`
    case `continue`
    case `return`(Expr?)
    case delete([Expr])
    case global([String])
    case nonlocal([String])
    case assert(test: Expr, message: Expr?)
    case raise(exception: Expr?, cause: Expr?)
    case `if`(test: Expr, body: [Stmt], orElse: [Stmt])  // `elif` nests as a single `if` in orElse
    case `while`(test: Expr, body: [Stmt], orElse: [Stmt])
    case `for`(target: Expr, iterable: Expr, body: [Stmt], orElse: [Stmt])
    case with(items: [WithItem], body: [Stmt])
    case `try`(body: [Stmt], handlers: [ExceptHandler], orElse: [Stmt], finally: [Stmt])
    case functionDef(name: String, parameters: Parameters, body: [Stmt], decorators: [Expr])
    case classDef(name: String, bases: [Expr], keywords: [(String, Expr)], body: [Stmt], decorators: [Expr])
    case `import`([ImportName])
    case importFrom(module: [String], level: Int, names: [(name: String, alias: String?)])  // `*` is name "*"
}

/// A parsed unit: a file, a `-c` string, or one interactive entry at the prompt.
public struct Program: Sendable {
    public var statements: [Stmt]
    public init(statements: [Stmt]) {
        self.statements = statements
    }
}
