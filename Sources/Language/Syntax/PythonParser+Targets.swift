/// Assignment, `for`, `with` and `del` targets, and CPython's "cannot assign to ..." errors.
extension PythonParser {
    /// `a`, `a, b`, `(a, b), *c` in `for ... in` and comprehensions (stops before `in`).
    mutating func targetTuple() throws -> Expr {
        let start = tok.start
        let first = try target1()
        guard atOp(",") else { return first }
        var items = [first]
        while eatOp(",") {
            if !canStartExpression(tok) && !atOp("*") { break }
            items.append(try target1())
        }
        return Expr(.tuple(items), range(from: start))
    }

    mutating func target1() throws -> Expr {
        let start = tok.start
        if eatOp("*") { return Expr(.starred(try bitwiseOr()), range(from: start)) }
        return try bitwiseOr()
    }

    /// The comma-separated targets of `del`.
    mutating func targetList(allowStar: Bool) throws -> [Expr] {
        var items = [try target1()]
        while eatOp(",") {
            if atStatementEnd { break }
            items.append(try target1())
        }
        return items
    }

    /// Checks `targets = value`, giving CPython's hint when `=` looks like a mistyped `==`.
    mutating func checkAssignmentTargets(_ targets: [Expr], value: Expr) throws {
        for target in targets {
            guard let bad = invalidTarget(target, verb: "assign to") else { continue }
            // CPython's invalid_named_expression: `f() = 1` reads like a comparison with a typo.
            if targets.count == 1, bad.range.end == target.range.end, isBitwiseOrLevel(bad), !isSingleTarget(bad),
               isBitwiseOrLevel(leftmost(value)) {
                throw error("cannot assign to \(expressionName(bad)) here. Maybe you meant '==' instead of '='?",
                            from: bad.range, to: bad.range)
            }
            try checkTarget(target, verb: "assign to")
        }
        for target in targets {
            if case .starred = target.kind { deferError("starred assignment target must be in a list or tuple", target.range) }
        }
        if case .starred = value.kind { deferError("can't use starred expression here", value.range) }
    }

    /// The expression a left-to-right parse meets first: `a` in `a < b`, `a, b` or `a and b`.
    func leftmost(_ e: Expr) -> Expr {
        switch e.kind {
        case .tuple(let items): return items.first.map(leftmost) ?? e
        case .compare(let first, _): return leftmost(first)
        case .boolean(_, let items): return items.first.map(leftmost) ?? e
        case .conditional(_, let body, _): return leftmost(body)
        default: return e
        }
    }

    func checkTarget(_ e: Expr, verb: String) throws {
        if let bad = invalidTarget(e, verb: verb) {
            if case .yield = bad.kind, verb == "assign to" {
                throw error("assignment to yield expression not possible", from: bad.range, to: bad.range)
            }
            throw error("cannot \(verb) \(expressionName(bad))", from: bad.range, to: bad.range)
        }
    }

    /// The first sub-expression that cannot be a target, like CPython's `_PyPegen_get_invalid_target`.
    func invalidTarget(_ e: Expr, verb: String) -> Expr? {
        switch e.kind {
        case .name, .attribute, .subscript: return nil
        case .tuple(let items), .list(let items):
            for item in items { if let bad = invalidTarget(item, verb: verb) { return bad } }
            return nil
        case .starred(let inner):
            return verb == "delete" ? e : invalidTarget(inner, verb: verb)
        case .compare(let left, _):
            // `for x in y` parses `x in y` as a comparison when the target is malformed; blame the left side.
            if verb == "assign to", let bad = invalidTarget(left, verb: verb) { return bad }
            return e
        default: return e
        }
    }

    /// The noun CPython uses for an expression in error messages.
    func expressionName(_ e: Expr) -> String {
        switch e.kind {
        case .attribute: return "attribute"
        case .subscript: return "subscript"
        case .starred: return "starred"
        case .name: return "name"
        case .list: return "list"
        case .tuple: return "tuple"
        case .lambda: return "lambda"
        case .call: return "function call"
        case .boolean, .binary, .unary: return "expression"
        case .generator: return "generator expression"
        case .yield, .yieldFrom: return "yield expression"
        case .await: return "await expression"
        case .listComp: return "list comprehension"
        case .setComp: return "set comprehension"
        case .dictComp: return "dict comprehension"
        case .dict: return "dict literal"
        case .set: return "set display"
        case .fString: return "f-string expression"
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .ellipsis: return "ellipsis"
        case .int, .float, .imaginary, .string, .bytes: return "literal"
        case .compare: return "comparison"
        case .conditional: return "conditional expression"
        case .namedExpr: return "named expression"
        case .slice: return "slice"
        }
    }
}
