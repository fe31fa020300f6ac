/// Expressions, from `star_expressions` down to atoms, following CPython's grammar rule by rule.
extension PythonParser {
    static let binaryOps: [String: (BinaryOp, Int)] = [
        "|": (.bitOr, 1), "^": (.bitXor, 2), "&": (.bitAnd, 3), "<<": (.lShift, 4), ">>": (.rShift, 4),
        "+": (.add, 5), "-": (.sub, 5), "*": (.mul, 6), "/": (.div, 6), "//": (.floorDiv, 6), "%": (.mod, 6),
        "@": (.matMul, 6),
    ]
    static let compareOps: [String: CompareOp] = ["==": .eq, "!=": .notEq, "<": .lt, "<=": .ltE, ">": .gt, ">=": .gtE]

    /// `a, *b, c` — a tuple when there is a comma.
    mutating func starExpressions() throws -> Expr {
        let start = tok.start
        let first = try starExpression()
        guard atOp(",") else { return first }
        var items = [first]
        while eatOp(",") {
            if !canStartExpression(tok) && !atOp("*") { break }
            items.append(try starExpression())
        }
        return Expr(.tuple(items), range(from: start))
    }

    mutating func starExpression() throws -> Expr {
        let start = tok.start
        if eatOp("*") { return Expr(.starred(try bitwiseOr()), range(from: start)) }
        return try expression()
    }

    mutating func starNamedExpression() throws -> Expr {
        let start = tok.start
        if eatOp("*") { return Expr(.starred(try bitwiseOr()), range(from: start)) }
        return try namedExpression()
    }

    /// `x := v` or an expression; catches `=` where `==` was meant.
    mutating func namedExpression(checkEquals: Bool = true) throws -> Expr {
        let start = tok.start
        if tok.kind == .name, !pythonKeywords.contains(tok.text), peekToken(1).isOp(":=") {
            let name = advance().text
            advance()
            return Expr(.namedExpr(target: name, value: try expression()), range(from: start))
        }
        let e = try expression()
        if atOp(":=") {
            throw error("cannot use assignment expressions with \(expressionName(e))", from: e.range, to: e.range)
        }
        if checkEquals, !suppressInvalid, atOp("="), let message = try misusedEquals(e) { throw message }
        return e
    }

    /// CPython's invalid_named_expression: `if x = 1:` and friends.
    mutating func misusedEquals(_ e: Expr) throws -> SyntaxError? {
        let saved = (pos, lastEnd)
        defer { (pos, lastEnd) = saved }
        advance()
        guard let b = try? bitwiseOr(), !atOp("="), !atOp(":=") else { return nil }
        if case .name = e.kind {
            return error("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", from: e.range, to: b.range)
        }
        if isBitwiseOrLevel(e) {
            return error("cannot assign to \(expressionName(e)) here. Maybe you meant '==' instead of '='?", from: e.range, to: e.range)
        }
        return nil
    }

    func isBitwiseOrLevel(_ e: Expr) -> Bool {
        switch e.kind {
        case .list, .tuple, .generator, .bool, .none, .compare, .boolean, .conditional, .lambda, .namedExpr,
             .starred, .yield, .yieldFrom: return false
        case .unary(let op, _): return op != .not
        default: return true
        }
    }

    mutating func expression() throws -> Expr {
        try enter()
        defer { leave() }
        if atKeyword("lambda") { return try lambda() }
        let start = tok.start
        let startIndex = pos
        let a = try disjunction()
        if eatKeyword("if") {
            let test = try disjunction()
            guard eatKeyword("else") else {
                if atOp(":") || suppressInvalid { throw invalidSyntax() }
                throw error("expected 'else' after 'if' expression", from: a.range, to: test.range)
            }
            let orElse = try expression()
            return Expr(.conditional(test: test, body: a, orElse: orElse), range(from: start))
        }
        if !suppressInvalid, canStartExpression(tok), !atKeyword("if"), !atKeyword("else") {
            try adjacentExpression(a, startIndex: startIndex)
        }
        return a
    }

    /// Two expressions side by side: `print "x"` or a missing comma inside brackets.
    mutating func adjacentExpression(_ a: Expr, startIndex: Int) throws {
        let saved = (pos, lastEnd, suppressInvalid)
        defer { (pos, lastEnd, suppressInvalid) = saved }
        suppressInvalid = true
        if case .name(let n) = a.kind, n == "print" || n == "exec" {
            guard !atOp("("), let b = try? starExpressions() else { return }
            throw error("Missing parentheses in call to '\(n)'. Did you mean \(n)(...)?", from: a.range, to: b.range)
        }
        let first = tokens[startIndex]
        if first.kind == .name && startIndex + 1 < tokens.count && tokens[startIndex + 1].kind == .string { return }
        if first.kind == .name && ["match", "case", "_"].contains(first.text) { return }
        guard pos > 0, tokens[pos - 1].level > 0, let b = try? expression() else { return }
        throw error("invalid syntax. Perhaps you forgot a comma?", from: a.range, to: b.range)
    }

    func canStartExpression(_ t: Token) -> Bool {
        switch t.kind {
        case .number, .string: return true
        case .name: return !pythonKeywords.contains(t.text) || ["True", "False", "None", "lambda", "not", "await"].contains(t.text)
        case .op: return ["(", "[", "{", "-", "+", "~", "..."].contains(t.text)
        default: return false
        }
    }

    mutating func lambda() throws -> Expr {
        let start = advance().start
        let params = try parameterList(closing: ":", annotations: false)
        try expectOp(":")
        let saved = inFunction
        inFunction = true
        defer { inFunction = saved }
        return Expr(.lambda(params, try expression()), range(from: start))
    }

    mutating func disjunction() throws -> Expr {
        let start = tok.start
        let first = try conjunction()
        guard atKeyword("or") else { return first }
        var items = [first]
        while eatKeyword("or") { items.append(try conjunction()) }
        return Expr(.boolean(.or, items), range(from: start))
    }

    mutating func conjunction() throws -> Expr {
        let start = tok.start
        let first = try inversion()
        guard atKeyword("and") else { return first }
        var items = [first]
        while eatKeyword("and") { items.append(try inversion()) }
        return Expr(.boolean(.and, items), range(from: start))
    }

    mutating func inversion() throws -> Expr {
        let start = tok.start
        if eatKeyword("not") {
            try enter()
            defer { leave() }
            return Expr(.unary(.not, try inversion()), range(from: start))
        }
        return try comparison()
    }

    mutating func comparison() throws -> Expr {
        let start = tok.start
        let first = try bitwiseOr()
        var rest: [(CompareOp, Expr)] = []
        while true {
            let op: CompareOp
            if tok.kind == .op, let o = Self.compareOps[tok.text] { advance(); op = o }
            else if atKeyword("in") { advance(); op = .in }
            else if atKeyword("not") && peekToken(1).isKeyword("in") { advance(); advance(); op = .notIn }
            else if atKeyword("is") { advance(); op = eatKeyword("not") ? .isNot : .is }
            else { break }
            rest.append((op, try bitwiseOr()))
        }
        return rest.isEmpty ? first : Expr(.compare(first, rest), range(from: start))
    }

    mutating func bitwiseOr() throws -> Expr { try binary(minPrecedence: 1) }

    /// Precedence climbing over the left-associative binary operators, `|` (1) up to `*` (6).
    mutating func binary(minPrecedence: Int) throws -> Expr {
        let start = tok.start
        var left = try factor()
        var links = 0
        while tok.kind == .op, let (op, prec) = Self.binaryOps[tok.text], prec >= minPrecedence {
            try checkChain(&links)
            advance()
            let right = try binary(minPrecedence: prec + 1)
            left = Expr(.binary(left, op, right), range(from: start))
        }
        return left
    }

    /// A chain like `1+1+...` or `f()()...` nests one AST node per link, and freeing a tree 100k deep
    /// overflows the stack: refuse it as CPython's compiler does (it accepts 1000 links, not 3000).
    func checkChain(_ links: inout Int) throws {
        links += 1
        if links > 2000 {
            throw error("maximum recursion depth exceeded during compilation", type: "RecursionError",
                        line: tok.start.line, column: tok.start.column, endColumn: nil)
        }
    }

    mutating func factor() throws -> Expr {
        let start = tok.start
        let op: UnaryOp? = atOp("-") ? .neg : atOp("+") ? .pos : atOp("~") ? .invert : nil
        if let op {
            advance()
            try enter()
            defer { leave() }
            return Expr(.unary(op, try factor()), range(from: start))
        }
        return try power()
    }

    /// `**` binds tighter than a unary minus on its left and is right-associative: `-2**-1` is `-(2**(-1))`.
    mutating func power() throws -> Expr {
        let start = tok.start
        let base: Expr
        if atKeyword("await") {
            advance()
            base = Expr(.await(try primary()), range(from: start))
        } else {
            base = try primary()
        }
        guard eatOp("**") else { return base }
        try enter()
        defer { leave() }
        return Expr(.binary(base, .pow, try factor()), range(from: start))
    }

    mutating func primary() throws -> Expr {
        let start = tok.start
        var e = try atom()
        var links = 0
        while true {
            try checkChain(&links)
            if eatOp(".") {
                e = Expr(.attribute(e, try expectName()), range(from: start))
            } else if eatOp("(") {
                e = Expr(.call(e, try callArguments()), range(from: start))
            } else if eatOp("[") {
                let index = try slices()
                try expectOp("]")
                e = Expr(.subscript(e, index), range(from: start))
            } else {
                return e
            }
        }
    }

    /// Arguments after `(`, through the closing `)`.
    mutating func callArguments() throws -> [Argument] {
        var args: [Argument] = []
        var seenKeyword = false, seenDoubleStar = false
        while !atOp(")") {
            let start = tok.start
            if eatOp("*") {
                args.append(.starred(try expression()))
            } else if eatOp("**") {
                args.append(.doubleStarred(try expression()))
                seenDoubleStar = true
            } else if tok.kind == .name, peekToken(1).isOp("=") {
                let nameTok = advance()
                advance()
                if ["True", "False", "None"].contains(nameTok.text) {
                    throw error("cannot assign to \(nameTok.text)", line: nameTok.start.line, column: nameTok.start.column,
                                endColumn: lastEnd.column)
                }
                if pythonKeywords.contains(nameTok.text) { pos -= 2; throw invalidSyntaxAt(nameTok) }
                args.append(.keyword(name: nameTok.text, value: try expression()))
                seenKeyword = true
            } else {
                let e = try namedExpressionOrKeywordMisuse()
                if atKeyword("for") {
                    let generator = Expr(.generator(e, try comprehensionClauses()), range(from: start))
                    if !args.isEmpty || !atOp(")") {
                        if args.isEmpty && atOp(",") && peekToken(1).isOp(")") {
                            advance()
                        } else {
                            throw error("Generator expression must be parenthesized", from: generator.range, to: generator.range)
                        }
                    }
                    args.append(.positional(generator))
                    continue
                }
                if seenDoubleStar { throw error("positional argument follows keyword argument unpacking", at: tok) }
                if seenKeyword { throw error("positional argument follows keyword argument", at: tok) }
                args.append(.positional(e))
            }
            if !eatOp(",") { break }
        }
        try expectOp(")")
        return args
    }

    func invalidSyntaxAt(_ t: Token) -> SyntaxError { error("invalid syntax", at: t) }

    mutating func namedExpressionOrKeywordMisuse() throws -> Expr {
        let e = try namedExpression(checkEquals: false)
        if atOp("=") {
            throw error("expression cannot contain assignment, perhaps you meant \"==\"?", from: e.range, to: tok.rangeValue)
        }
        return e
    }

    /// The index in `a[...]`: one expression or slice, or a tuple of them.
    mutating func slices() throws -> Expr {
        let start = tok.start
        let first = try slice()
        guard atOp(",") else { return first }
        var items = [first]
        while eatOp(",") {
            if atOp("]") { break }
            items.append(try slice())
        }
        return Expr(.tuple(items), range(from: start))
    }

    mutating func slice() throws -> Expr {
        let start = tok.start
        if eatOp("*") { return Expr(.starred(try bitwiseOr()), range(from: start)) }
        var lower: Expr?
        if !atOp(":") {
            lower = try namedExpression()
            guard atOp(":") else { return lower ?? Expr(.none, range(from: start)) }
        }
        advance()
        let upper = atOp(":") || atOp(",") || atOp("]") ? nil : try expression()
        var step: Expr?
        if eatOp(":") { step = atOp(",") || atOp("]") ? nil : try expression() }
        return Expr(.slice(lower: lower, upper: upper, step: step), range(from: start))
    }

    mutating func comprehensionClauses() throws -> [Comprehension] {
        var clauses: [Comprehension] = []
        while atKeyword("for") || (atKeyword("async") && peekToken(1).isKeyword("for")) {
            if atKeyword("async") { advance() }
            advance()
            let target = try targetTuple()
            guard eatKeyword("in") else { throw invalidSyntax() }
            try checkTarget(target, verb: "assign to")
            let iterable = try disjunction()
            var conditions: [Expr] = []
            while eatKeyword("if") { conditions.append(try disjunction()) }
            clauses.append(Comprehension(target: target, iterable: iterable, conditions: conditions))
        }
        return clauses
    }

    mutating func yieldExpression() throws -> Expr {
        let start = advance().start
        if eatKeyword("from") { return Expr(.yieldFrom(try expression()), range(from: start)) }
        let value = canStartExpression(tok) || atOp("*") ? try starExpressions() : nil
        return Expr(.yield(value), range(from: start))
    }

    // MARK: - Atoms

    mutating func atom() throws -> Expr {
        let t = tok
        let start = t.start
        switch t.kind {
        case .name:
            switch t.text {
            case "True": advance(); return Expr(.bool(true), range(from: start))
            case "False": advance(); return Expr(.bool(false), range(from: start))
            case "None": advance(); return Expr(.none, range(from: start))
            default:
                guard !pythonKeywords.contains(t.text) else { throw invalidSyntax() }
                advance()
                return Expr(.name(t.text), range(from: start))
            }
        case .number:
            advance()
            return Expr(numberValue(t.text), range(from: start))
        case .string:
            return try strings()
        case .op:
            switch t.text {
            case "(": return try parenthesized()
            case "[": return try listDisplay()
            case "{": return try braceDisplay()
            case "...": advance(); return Expr(.ellipsis, range(from: start))
            default: throw invalidSyntax()
            }
        default:
            throw invalidSyntax()
        }
    }

    mutating func parenthesized() throws -> Expr {
        let start = advance().start
        if eatOp(")") { return Expr(.tuple([]), range(from: start)) }
        if atKeyword("yield") {
            let y = try yieldExpression()
            try expectOp(")")
            return y
        }
        let first = try starNamedExpression()
        if atKeyword("for") || atKeyword("async") {
            let clauses = try comprehensionClauses()
            try expectOp(")")
            return Expr(.generator(first, clauses), range(from: start))
        }
        if eatOp(")") {
            if case .starred = first.kind { throw error("cannot use starred expression here", from: first.range, to: first.range) }
            return first
        }
        guard atOp(",") else { throw invalidSyntax() }
        var items = [first]
        while eatOp(",") {
            if atOp(")") { break }
            items.append(try starNamedExpression())
        }
        try expectOp(")")
        return Expr(.tuple(items), range(from: start))
    }

    mutating func listDisplay() throws -> Expr {
        let start = advance().start
        if eatOp("]") { return Expr(.list([]), range(from: start)) }
        let first = try starNamedExpression()
        if atKeyword("for") || atKeyword("async") {
            let clauses = try comprehensionClauses()
            try expectOp("]")
            return Expr(.listComp(first, clauses), range(from: start))
        }
        var items = [first]
        while eatOp(",") {
            if atOp("]") { break }
            items.append(try starNamedExpression())
        }
        try expectOp("]")
        return Expr(.list(items), range(from: start))
    }

    mutating func braceDisplay() throws -> Expr {
        let start = advance().start
        if eatOp("}") { return Expr(.dict([]), range(from: start)) }
        // Dict: `k: v` or `**m` first.
        if atOp("**") || !atOp("*") && isDictAhead() {
            var entries: [(key: Expr?, value: Expr)] = []
            repeat {
                if atOp("}") { break }
                if eatOp("**") {
                    entries.append((key: nil, value: try bitwiseOr()))
                    continue
                }
                let key = try expression()
                try expectOp(":")
                if atOp("}") || atOp(",") {
                    throw error("expression expected after dictionary key and ':'", at: tokens[pos - 1])
                }
                let value = try expression()
                if entries.isEmpty && (atKeyword("for") || atKeyword("async")) {
                    let clauses = try comprehensionClauses()
                    try expectOp("}")
                    return Expr(.dictComp(key: key, value: value, clauses), range(from: start))
                }
                entries.append((key: key, value: value))
            } while eatOp(",")
            try expectOp("}")
            return Expr(.dict(entries), range(from: start))
        }
        let first = try starNamedExpression()
        if atKeyword("for") || atKeyword("async") {
            let clauses = try comprehensionClauses()
            try expectOp("}")
            return Expr(.setComp(first, clauses), range(from: start))
        }
        var items = [first]
        while eatOp(",") {
            if atOp("}") { break }
            items.append(try starNamedExpression())
        }
        try expectOp("}")
        return Expr(.set(items), range(from: start))
    }

    /// Looks past the first element of `{...}` for a top-level `:` (a dict) before `,` `}` or `for`.
    func isDictAhead() -> Bool {
        var k = pos
        var nesting = 0
        while k < tokens.count {
            let t = tokens[k]
            if t.kind == .op {
                switch t.text {
                case "(", "[", "{": nesting += 1
                case ")", "]", "}":
                    if nesting == 0 { return false }
                    nesting -= 1
                case ":" where nesting == 0: return true
                case "," where nesting == 0: return false
                default: break
                }
            } else if nesting == 0 && (t.isKeyword("for") || t.isKeyword("lambda")) {
                return false
            } else if t.kind == .newline || t.kind == .endMarker {
                return false
            }
            k += 1
        }
        return false
    }
}
