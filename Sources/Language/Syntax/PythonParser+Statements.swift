/// Simple and compound statements.
extension PythonParser {
    static let augmentedOps: [String: BinaryOp] = [
        "+=": .add, "-=": .sub, "*=": .mul, "/=": .div, "//=": .floorDiv, "%=": .mod, "**=": .pow, "@=": .matMul,
        "&=": .bitAnd, "|=": .bitOr, "^=": .bitXor, "<<=": .lShift, ">>=": .rShift,
    ]

    mutating func simpleStatement() throws -> Stmt {
        let start = tok.start
        let t = tok
        if t.kind == .name {
            switch t.text {
            case "pass": advance(); return Stmt(.pass, range(from: start))
            case "break":
                advance()
                if !inLoop { deferError("'break' outside loop", range(from: start)) }
                return Stmt(.break, range(from: start))
            case "continue":
                advance()
                if !inLoop { deferError("'continue' not properly in loop", range(from: start)) }
                return Stmt(.continue, range(from: start))
            case "return":
                advance()
                let value = atStatementEnd ? nil : try starExpressions()
                if !inFunction { deferError("'return' outside function", range(from: start)) }
                return Stmt(.return(value), range(from: start))
            case "raise":
                advance()
                var exception: Expr?, cause: Expr?
                if !atStatementEnd {
                    exception = try expression()
                    if eatKeyword("from") { cause = try expression() }
                }
                return Stmt(.raise(exception: exception, cause: cause), range(from: start))
            case "global", "nonlocal":
                advance()
                var names = [try expectName()]
                while eatOp(",") { names.append(try expectName()) }
                if t.text == "nonlocal" && !inScope {
                    deferError("nonlocal declaration not allowed at module level", range(from: start))
                }
                return Stmt(t.text == "global" ? .global(names) : .nonlocal(names), range(from: start))
            case "del":
                advance()
                let targets = try targetList(allowStar: false)
                for target in targets { try checkTarget(target, verb: "delete") }
                return Stmt(.delete(targets), range(from: start))
            case "assert":
                advance()
                let test = try expression()
                let message = eatOp(",") ? try expression() : nil
                return Stmt(.assert(test: test, message: message), range(from: start))
            case "import": return try importStatement()
            case "from": return try fromImport()
            default: break
            }
        }
        return try expressionStatement()
    }

    var atStatementEnd: Bool { at(.newline) || atOp(";") || at(.endMarker) }

    mutating func expressionStatement() throws -> Stmt {
        let start = tok.start
        let first = atKeyword("yield") ? try yieldExpression() : try starExpressions()
        if atOp("=") {
            var items = [first]
            while eatOp("=") {
                items.append(atKeyword("yield") ? try yieldExpression() : try starExpressions())
            }
            let value = items.removeLast()
            try checkAssignmentTargets(items, value: value)
            return Stmt(.assign(targets: items, value: value), range(from: start))
        }
        if tok.kind == .op, let op = Self.augmentedOps[tok.text] {
            if !isSingleTarget(first) {
                throw error("'\(expressionName(first))' is an illegal expression for augmented assignment", from: first.range, to: first.range)
            }
            advance()
            let value = atKeyword("yield") ? try yieldExpression() : try starExpressions()
            return Stmt(.augAssign(target: first, op: op, value: value), range(from: start))
        }
        if atOp(":") {
            switch first.kind {
            case .tuple: throw error("only single target (not tuple) can be annotated", from: first.range, to: first.range)
            case .list: throw error("only single target (not list) can be annotated", from: first.range, to: first.range)
            default: break
            }
            if !isSingleTarget(first) { throw error("illegal target for annotation", from: first.range, to: first.range) }
            advance()
            let annotation = try expression()
            var value: Expr?
            if eatOp("=") { value = atKeyword("yield") ? try yieldExpression() : try starExpressions() }
            return Stmt(.annAssign(target: first, annotation: annotation, value: value), range(from: start))
        }
        guard atStatementEnd else { throw invalidSyntax() }
        return Stmt(.expression(first), range(from: start))
    }

    func isSingleTarget(_ e: Expr) -> Bool {
        switch e.kind {
        case .name, .attribute, .subscript: return true
        default: return false
        }
    }

    // MARK: - Imports

    mutating func dottedName() throws -> [String] {
        var path = [try expectName()]
        while eatOp(".") { path.append(try expectName()) }
        return path
    }

    mutating func importStatement() throws -> Stmt {
        let start = advance().start
        var names: [ImportName] = []
        repeat {
            let path = try dottedName()
            let alias = eatKeyword("as") ? try expectName() : nil
            names.append(ImportName(path: path, alias: alias))
        } while eatOp(",")
        return Stmt(.import(names), range(from: start))
    }

    mutating func fromImport() throws -> Stmt {
        let start = advance().start
        var level = 0
        while true {
            if eatOp(".") { level += 1 } else if eatOp("...") { level += 3 } else { break }
        }
        let module = (level > 0 && atKeyword("import")) ? [] : try dottedName()
        guard eatKeyword("import") else { throw invalidSyntax() }
        var names: [(name: String, alias: String?)] = []
        if eatOp("*") {
            names.append((name: "*", alias: nil))
        } else {
            let parenthesized = eatOp("(")
            repeat {
                if parenthesized && atOp(")") { break }
                if !parenthesized && !names.isEmpty && atStatementEnd {
                    throw error("trailing comma not allowed without surrounding parentheses", at: tok)
                }
                let name = try expectName()
                names.append((name: name, alias: eatKeyword("as") ? try expectName() : nil))
            } while eatOp(",")
            if parenthesized { try expectOp(")") }
        }
        return Stmt(.importFrom(module: module, level: level, names: names), range(from: start))
    }

    // MARK: - Compound statements

    mutating func compoundStatement() throws -> Stmt? {
        guard tok.kind == .name || atOp("@") else { return nil }
        switch tok.text {
        case "if": return try ifStatement(keyword: "if")
        case "while": return try whileStatement()
        case "for": return try forStatement()
        case "try": return try tryStatement()
        case "with": return try withStatement()
        case "def": return try functionDef(decorators: [], start: tok.start)
        case "class": return try classDef(decorators: [], start: tok.start)
        case "@": return try decorated()
        default: return nil
        }
    }

    mutating func ifStatement(keyword: String) throws -> Stmt {
        let head = advance()
        let test = try namedExpression()
        let body = try block(after: "'\(keyword)' statement", line: head.start.line)
        var orElse: [Stmt] = []
        if atKeyword("elif") {
            orElse = [try ifStatement(keyword: "elif")]
        } else if atKeyword("else") {
            let elseTok = advance()
            orElse = try block(after: "'else' statement", line: elseTok.start.line)
        }
        return Stmt(.if(test: test, body: body, orElse: orElse), range(from: head.start))
    }

    mutating func loopBody(after header: String, line: Int) throws -> [Stmt] {
        let saved = inLoop
        inLoop = true
        defer { inLoop = saved }
        return try block(after: header, line: line)
    }

    mutating func elseBlock() throws -> [Stmt] {
        guard atKeyword("else") else { return [] }
        let elseTok = advance()
        return try block(after: "'else' statement", line: elseTok.start.line)
    }

    mutating func whileStatement() throws -> Stmt {
        let head = advance()
        let test = try namedExpression()
        let body = try loopBody(after: "'while' statement", line: head.start.line)
        let orElse = try elseBlock()
        return Stmt(.while(test: test, body: body, orElse: orElse), range(from: head.start))
    }

    mutating func forStatement() throws -> Stmt {
        let head = advance()
        let target = try targetTuple()
        guard eatKeyword("in") else { throw invalidSyntax() }
        try checkTarget(target, verb: "assign to")
        let iterable = try starExpressions()
        let body = try loopBody(after: "'for' statement", line: head.start.line)
        let orElse = try elseBlock()
        return Stmt(.for(target: target, iterable: iterable, body: body, orElse: orElse), range(from: head.start))
    }

    mutating func tryStatement() throws -> Stmt {
        let head = advance()
        let body = try block(after: "'try' statement", line: head.start.line)
        var handlers: [ExceptHandler] = []
        while atKeyword("except") {
            let exceptTok = advance()
            var type: Expr?, name: String?
            if !atOp(":") {
                type = try expression()
                if atOp(",") {
                    var last = type
                    while eatOp(",") { last = try expression() }
                    if let first = type, let last {
                        throw error("multiple exception types must be parenthesized", from: first.range, to: last.range)
                    }
                }
                if eatKeyword("as") { name = try expectName() }
            }
            let handlerBody = try block(after: "'except' statement", line: exceptTok.start.line)
            handlers.append(ExceptHandler(type: type, name: name, body: handlerBody, range: range(from: exceptTok.start)))
        }
        let orElse = handlers.isEmpty ? [] : try elseBlock()
        var finally: [Stmt] = []
        if atKeyword("finally") {
            let finallyTok = advance()
            finally = try block(after: "'finally' statement", line: finallyTok.start.line)
        }
        if handlers.isEmpty && finally.isEmpty {
            let lastNewline = tokens[..<pos].last(where: { $0.kind == .newline }) ?? tok
            throw error("expected 'except' or 'finally' block", line: lastNewline.start.line,
                        column: lastNewline.start.column, endColumn: -1)
        }
        return Stmt(.try(body: body, handlers: handlers, orElse: orElse, finally: finally), range(from: head.start))
    }

    mutating func withStatement() throws -> Stmt {
        let head = advance()
        var items: [WithItem] = []
        if atOp("(") {
            // `with (a as b, c):` — try the parenthesized item list first, else it is an expression.
            let saved = (pos, lastEnd)
            if let parsed = try? parenthesizedWithItems() {
                items = parsed
            } else {
                (pos, lastEnd) = saved
            }
        }
        if items.isEmpty {
            repeat { items.append(try withItem()) } while eatOp(",")
        }
        let body = try block(after: "'with' statement", line: head.start.line)
        return Stmt(.with(items: items, body: body), range(from: head.start))
    }

    mutating func parenthesizedWithItems() throws -> [WithItem] {
        try expectOp("(")
        var items: [WithItem] = []
        repeat {
            if atOp(")") { break }
            items.append(try withItem())
        } while eatOp(",")
        try expectOp(")")
        guard atOp(":") else { throw invalidSyntax() }
        return items
    }

    mutating func withItem() throws -> WithItem {
        let context = try expression()
        var target: Expr?
        if eatKeyword("as") {
            let t = try target1()
            try checkTarget(t, verb: "assign to")
            target = t
        }
        return WithItem(context: context, target: target)
    }

    mutating func decorated() throws -> Stmt {
        let start = tok.start
        var decorators: [Expr] = []
        while eatOp("@") {
            decorators.append(try namedExpression())
            guard at(.newline) else { throw invalidSyntax() }
            advance()
        }
        if atKeyword("def") { return try functionDef(decorators: decorators, start: start) }
        if atKeyword("class") { return try classDef(decorators: decorators, start: start) }
        throw invalidSyntax()
    }

    mutating func functionDef(decorators: [Expr], start: SourceLocation) throws -> Stmt {
        let head = advance()
        let name = try expectName()
        guard atOp("(") else { throw error("expected '('", at: tok) }
        advance()
        let parameters = try parameterList(closing: ")", annotations: true)
        try expectOp(")")
        if eatOp("->") { _ = try expression() }
        let saved = (inFunction, inLoop, inScope)
        (inFunction, inLoop, inScope) = (true, false, true)
        defer { (inFunction, inLoop, inScope) = saved }
        let body = try block(after: "function definition", line: head.start.line)
        return Stmt(.functionDef(name: name, parameters: parameters, body: body, decorators: decorators), range(from: start))
    }

    mutating func classDef(decorators: [Expr], start: SourceLocation) throws -> Stmt {
        let head = advance()
        let name = try expectName()
        var bases: [Expr] = []
        var keywords: [(String, Expr)] = []
        if eatOp("(") {
            for argument in try callArguments() {
                switch argument {
                case .positional(let e): bases.append(e)
                case .starred(let e): bases.append(Expr(.starred(e), e.range))
                case .keyword(let k, let v): keywords.append((k, v))
                case .doubleStarred(let e): keywords.append(("**", e))
                }
            }
        }
        let saved = (inFunction, inLoop, inScope)
        (inFunction, inLoop, inScope) = (false, false, true)
        defer { (inFunction, inLoop, inScope) = saved }
        let body = try block(after: "class definition", line: head.start.line)
        return Stmt(.classDef(name: name, bases: bases, keywords: keywords, body: body, decorators: decorators), range(from: start))
    }

    /// Parameters of a `def` (up to `)`) or a `lambda` (up to `:`).
    mutating func parameterList(closing: String, annotations: Bool) throws -> Parameters {
        var params = Parameters()
        var seenStar = false
        var seenDefault = false
        var names: Set<String> = []
        func note(_ name: String, _ r: SourceRange) throws {
            if !names.insert(name).inserted { deferError("duplicate argument '\(name)' in function definition", r) }
        }
        while !atOp(closing) {
            let start = tok.start
            if eatOp("**") {
                let name = try expectName()
                try note(name, range(from: start))
                if annotations && eatOp(":") { _ = try expression() }
                params.varKeywords = name
                _ = eatOp(",")
                guard atOp(closing) else { throw error("arguments cannot follow var-keyword argument", at: tok) }
                break
            }
            if eatOp("*") {
                if seenStar { throw error("* argument may appear only once", at: tokens[max(0, pos - 1)]) }
                seenStar = true
                if at(.name) {
                    let name = try expectName()
                    try note(name, range(from: start))
                    if annotations && eatOp(":") { _ = try expression() }
                    params.varArgs = name
                } else if atOp(closing) || atOp(",") && peekToken(1).isOp(closing) {
                    throw error("named arguments must follow bare *", at: tokens[max(0, pos - 1)])
                }
            } else if eatOp("/") {
                // Positional-only marker: accepted, no effect on the tree.
            } else {
                let name = try expectName()
                try note(name, range(from: start))
                if annotations && eatOp(":") { _ = try expression() }
                var defaultValue: Expr?
                if eatOp("=") { defaultValue = try expression() }
                let param = Parameters.Parameter(name: name, defaultValue: defaultValue)
                if seenStar {
                    params.keywordOnly.append(param)
                } else {
                    if defaultValue != nil { seenDefault = true } else if seenDefault {
                        throw error("non-default argument follows default argument", from: range(from: start), to: range(from: start))
                    }
                    params.positional.append(param)
                }
            }
            if !eatOp(",") { break }
        }
        return params
    }
}
