/// f-string bodies: literal text and `{expr!conversion:spec}` fields, each field parsed as a
/// parenthesized expression at its real position in the source (as CPython 3.11 does).
extension PythonParser {
    mutating func fStringParts(_ body: [Unicode.Scalar], raw: Bool, origin: SourceLocation, token: Token,
                               nesting: Int) throws -> [FStringPart] {
        var parts: [FStringPart] = []
        var i = 0
        let end = try fStringSegment(body, from: &i, raw: raw, origin: origin, token: token, nesting: nesting,
                                     inSpec: false, into: &parts)
        _ = end
        return parts
    }

    /// Reads literal text and fields until the end of `body` or, inside a format spec, an unmatched `}`.
    private mutating func fStringSegment(_ body: [Unicode.Scalar], from i: inout Int, raw: Bool, origin: SourceLocation,
                                         token: Token, nesting: Int, inSpec: Bool, into parts: inout [FStringPart]) throws -> Bool {
        var literal: [Unicode.Scalar] = []
        func flush() throws {
            guard !literal.isEmpty else { return }
            let values = raw ? literal.map { $0.value } : try decodeEscapes(literal, bytes: false, token: token)
            parts.append(.literal(String(String.UnicodeScalarView(values.compactMap(Unicode.Scalar.init)))))
            literal = []
        }
        while i < body.count {
            let c = body[i]
            if c == "{" {
                if !inSpec && i + 1 < body.count && body[i + 1] == "{" { literal.append("{"); i += 2; continue }
                try flush()
                i += 1
                parts.append(try fStringField(body, from: &i, raw: raw, origin: origin, token: token, nesting: nesting))
                continue
            }
            if c == "}" {
                if inSpec { try flush(); return true }
                if i + 1 < body.count && body[i + 1] == "}" { literal.append("}"); i += 2; continue }
                throw fStringError("f-string: single '}' is not allowed", token)
            }
            if c == "\\" && !raw && i + 1 < body.count {
                literal.append(c)
                literal.append(body[i + 1])
                i += 2
                continue
            }
            literal.append(c)
            i += 1
        }
        try flush()
        return false
    }

    func fStringError(_ message: String, _ token: Token) -> SyntaxError {
        error(message, line: token.end.line, column: token.end.column, endColumn: nil)
    }

    /// One `{...}` field; `i` is just past the `{` and ends just past the `}`.
    private mutating func fStringField(_ body: [Unicode.Scalar], from i: inout Int, raw: Bool, origin: SourceLocation,
                                       token: Token, nesting: Int) throws -> FStringPart {
        if nesting >= 2 { throw fStringError("f-string: expressions nested too deeply", token) }
        let exprStart = i
        var brackets = 0
        var quote: Unicode.Scalar?
        while i < body.count {
            let c = body[i]
            if let q = quote {
                if c == q { quote = nil }
                i += 1
                continue
            }
            let next = i + 1 < body.count ? body[i + 1] : nil
            if c == "\\" { throw fStringError("f-string expression part cannot include a backslash", token) }
            if c == "#" { throw fStringError("f-string expression part cannot include '#'", token) }
            if c == "'" || c == "\"" { quote = c }
            else if c == "(" || c == "[" || c == "{" { brackets += 1 }
            else if c == ")" || c == "]" || c == "}" {
                if brackets == 0 { break }
                brackets -= 1
            } else if brackets == 0 {
                if c == "!" && next != "=" { break }
                if c == ":" { break }
                if c == "=" && next != "=" {
                    let prev = i > exprStart ? body[i - 1] : nil
                    if prev != "=" && prev != "!" && prev != "<" && prev != ">" { break }
                }
            }
            i += 1
        }
        if quote != nil { throw fStringError("f-string: unterminated string", token) }
        if i >= body.count { throw fStringError("f-string: expecting '}'", token) }
        let exprScalars = Array(body[exprStart..<i])
        if exprScalars.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) {
            throw fStringError("f-string: empty expression not allowed", token)
        }
        let expr = try fStringExpression(exprScalars, at: position(in: body, offset: exprStart, origin: origin))
        var selfDocumenting: String?
        if i < body.count && body[i] == "=" {
            i += 1
            while i < body.count && (body[i] == " " || body[i] == "\t") { i += 1 }
            selfDocumenting = String(String.UnicodeScalarView(body[exprStart..<i]))
        }
        var conversion: Character?
        if i < body.count && body[i] == "!" {
            guard i + 1 < body.count, ["s", "r", "a"].contains(body[i + 1]) else {
                throw fStringError("f-string: invalid conversion character: expected 's', 'r', or 'a'", token)
            }
            conversion = Character(body[i + 1])
            i += 2
        }
        var spec: [FStringPart]?
        if i < body.count && body[i] == ":" {
            i += 1
            var specParts: [FStringPart] = []
            _ = try fStringSegment(body, from: &i, raw: raw, origin: origin, token: token, nesting: nesting + 1,
                                   inSpec: true, into: &specParts)
            spec = Self.mergeLiterals(specParts)
        }
        guard i < body.count && body[i] == "}" else { throw fStringError("f-string: expecting '}'", token) }
        i += 1
        if selfDocumenting != nil && conversion == nil && spec == nil { conversion = "r" }
        return .field(expr: expr, conversion: conversion, spec: spec, selfDocumenting: selfDocumenting)
    }

    private func position(in body: [Unicode.Scalar], offset: Int, origin: SourceLocation) -> SourceLocation {
        var line = origin.line, column = origin.column
        for s in body.prefix(offset) {
            if s == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(line: line, column: column)
    }

    /// Parses a field's text as `(text)`, with locations mapped back into the enclosing source.
    private mutating func fStringExpression(_ scalars: [Unicode.Scalar], at location: SourceLocation) throws -> Expr {
        let text = "(" + String(String.UnicodeScalarView(scalars)) + ")"
        var lexer = Lexer(text, filename: filename, lineOffset: location.line - 1, columnOffset: location.column - 2)
        let lexed = lexer.run()
        var sub = PythonParser(lexed: lexed, filename: filename)
        sub.depth = depth + 10
        sub.inFunction = true
        do {
            let e = try sub.atom()
            guard sub.at(.newline) || sub.at(.endMarker) else { throw sub.invalidSyntax() }
            return e
        } catch let e as SyntaxError {
            // CPython 3.11 reports these against the parenthesized field text, e.g. `(a b)`.
            var resolved = sub.resolve(e)
            if !resolved.message.hasPrefix("f-string") { resolved.message = "f-string: " + resolved.message }
            if resolved.line == location.line && resolved.column > 0 {
                let shift = location.column - 2
                resolved.column -= shift
                if let end = resolved.endColumn, end > 0 { resolved.endColumn = end - shift }
            }
            let subLine = resolved.line - location.line
            let subLines = text.split(separator: "\n", omittingEmptySubsequences: false)
            resolved.lineText = subLine >= 0 && subLine < subLines.count ? String(subLines[subLine]) : text
            throw resolved
        }
    }
}
