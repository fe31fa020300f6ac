public enum ParseMode: Sendable { case file, interactive }

/// Entry points: parse a file or one REPL entry, and tell the REPL whether an entry needs more lines.
public enum Parser {
    /// Parses `source`; throws `SyntaxError` with CPython 3.11's message and location.
    public static func parse(_ source: String, filename: String = "<stdin>", mode: ParseMode = .file) throws -> Program {
        try withLargeStack { try parseOnCurrentThread(source, filename: filename, mode: mode) }
    }

    static func parseOnCurrentThread(_ source: String, filename: String, mode: ParseMode) throws -> Program {
        let lexed = Lexer.tokenize(source, filename: filename)
        var parser = PythonParser(lexed: lexed, filename: filename)
        do {
            return try parser.program(mode: mode)
        } catch let error as SyntaxError {
            throw parser.resolve(error)
        }
    }
}

/// Recursive descent over CPython's grammar, one method per rule. Statements live here; expressions,
/// targets and literals in the `PythonParser+*.swift` files.
struct PythonParser {
    let filename: String
    let lexed: Lexer.Output
    var tokens: [Token]
    var pos = 0
    /// The furthest token looked at, like CPython's last fetched token; errors on later lines than an
    /// unclosed bracket become "'(' was never closed".
    var furthest = 0
    /// Set while parsing the second half of `a b` to decide between "forgot a comma" and a plain error.
    var suppressInvalid = false
    var lastEnd = SourceLocation(line: 1, column: 1)
    /// Recursion depth, capped so hostile input cannot overflow the stack.
    var depth = 0
    static let maxDepth = 400
    /// Function/loop context for errors CPython reports after parsing (`'return' outside function`).
    var inFunction = false
    var inLoop = false
    var inScope = false
    var deferredError: SyntaxError?

    init(lexed: Lexer.Output, filename: String) {
        self.lexed = lexed
        self.filename = filename
        tokens = lexed.tokens
        if lexed.error != nil || lexed.unclosed != nil {
            // A token no rule accepts: the parse fails here and `resolve` reports the tokenizer's error.
            let end = tokens.last?.end ?? SourceLocation(line: 1, column: 1)
            tokens.append(Token(kind: .op, text: "", start: end, end: end, level: 1))
        }
    }

    // MARK: - Token access

    var tok: Token { pos < tokens.count ? tokens[pos] : (tokens.last ?? Token(kind: .endMarker, text: "", start: lastEnd, end: lastEnd, level: 0)) }
    func peekToken(_ k: Int) -> Token { pos + k < tokens.count ? tokens[pos + k] : tok }
    func at(_ kind: TokenKind) -> Bool { tok.kind == kind }
    func atOp(_ s: String) -> Bool { tok.isOp(s) }
    func atKeyword(_ s: String) -> Bool { tok.isKeyword(s) }

    @discardableResult
    mutating func advance() -> Token {
        let t = tok
        if pos < tokens.count { pos += 1 }
        furthest = max(furthest, pos)
        lastEnd = t.end
        return t
    }

    mutating func eatOp(_ s: String) -> Bool {
        guard atOp(s) else { return false }
        advance()
        return true
    }

    mutating func eatKeyword(_ s: String) -> Bool {
        guard atKeyword(s) else { return false }
        advance()
        return true
    }

    mutating func expectOp(_ s: String) throws {
        guard eatOp(s) else { throw s == ":" && at(.newline) ? error("expected ':'", at: tok) : invalidSyntax() }
    }

    mutating func expectName() throws -> String {
        guard at(.name), !pythonKeywords.contains(tok.text) else { throw invalidSyntax() }
        return advance().text
    }

    // MARK: - Errors

    func lineText(_ line: Int) -> String {
        let k = line - 1
        return k >= 0 && k < lexed.lines.count ? lexed.lines[k] : ""
    }

    func error(_ message: String, type: String = "SyntaxError", line: Int, column: Int, endColumn: Int?) -> SyntaxError {
        SyntaxError(type: type, message: message, filename: filename, line: line, column: column,
                    endColumn: endColumn, lineText: lineText(line))
    }

    func error(_ message: String, at t: Token) -> SyntaxError {
        error(message, line: t.start.line, column: t.start.column,
              endColumn: t.end.line == t.start.line ? t.end.column : -1)
    }

    /// An error spanning `from`'s start to `to`'s end, like CPython's RAISE_SYNTAX_ERROR_KNOWN_RANGE.
    func error(_ message: String, from: SourceRange, to: SourceRange) -> SyntaxError {
        error(message, line: from.start.line, column: from.start.column,
              endColumn: to.end.line == from.start.line ? to.end.column : -1)
    }

    func invalidSyntax() -> SyntaxError {
        let t = tok
        if t.kind == .indent {
            return error("unexpected indent", type: "IndentationError", line: t.start.line, column: t.start.column, endColumn: -1)
        }
        if t.kind == .dedent {
            return error("unexpected unindent", type: "IndentationError", line: t.start.line, column: t.start.column, endColumn: -1)
        }
        return error("invalid syntax", at: t)
    }

    /// Tokenizer errors win over parser errors, as in CPython, and input that ends inside brackets
    /// says which bracket was never closed.
    func resolve(_ e: SyntaxError) -> SyntaxError {
        if let lexError = lexed.error { return lexError }
        if let open = lexed.unclosed {
            let last = tokens[min(furthest, tokens.count - 1)]
            if furthest >= tokens.count - 1 || last.start.line > open.line {
                return error("'\(open.char)' was never closed", line: open.line, column: open.column + 1, endColumn: 0)
            }
        }
        return e
    }

    mutating func enter() throws {
        depth += 1
        if depth > Self.maxDepth {
            throw error("too many nested parentheses", at: tok)
        }
    }
    mutating func leave() { depth -= 1 }

    func range(from start: SourceLocation) -> SourceRange { SourceRange(start: start, end: lastEnd) }

    // MARK: - Program and blocks

    mutating func program(mode: ParseMode) throws -> Program {
        var statements: [Stmt] = []
        while !at(.endMarker) {
            if at(.newline) { advance(); continue }
            if mode == .interactive && !statements.isEmpty {
                throw error("multiple statements found while compiling a single statement", at: tok)
            }
            statements += try statement()
        }
        if let deferredError { throw deferredError }
        return Program(statements: statements)
    }

    mutating func statement() throws -> [Stmt] {
        if let compound = try compoundStatement() { return [compound] }
        return try simpleStatements()
    }

    mutating func simpleStatements() throws -> [Stmt] {
        var result = [try simpleStatement()]
        while eatOp(";") {
            if at(.newline) { break }
            result.append(try simpleStatement())
        }
        guard at(.newline) else { throw invalidSyntax() }
        advance()
        return result
    }

    /// `':' NEWLINE INDENT statements DEDENT` or `':' simple_stmts`.
    mutating func block(after header: String, line: Int) throws -> [Stmt] {
        try expectOp(":")
        guard at(.newline) else { return try simpleStatements() }
        advance()
        guard at(.indent) else {
            var e = error("expected an indented block after \(header) on line \(line)", at: tok)
            e.type = "IndentationError"
            throw e
        }
        advance()
        try enter()
        defer { leave() }
        var body: [Stmt] = []
        while !at(.dedent) && !at(.endMarker) {
            if at(.newline) { advance(); continue }
            body += try statement()
        }
        if at(.dedent) { advance() }
        return body
    }

    mutating func deferError(_ message: String, _ r: SourceRange) {
        if deferredError == nil {
            deferredError = SyntaxError(message: message, filename: filename, line: r.start.line, column: 0, lineText: "")
        }
    }
}
