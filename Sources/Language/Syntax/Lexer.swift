/// Turns source text into tokens the way CPython's tokenizer does: INDENT/DEDENT from leading whitespace,
/// NEWLINE only at the end of logical lines, nothing for blank or comment-only lines, newlines ignored
/// inside brackets. Stops at the first error, which the parser raises when it reaches that point.
struct Lexer {
    struct Output {
        var tokens: [Token] = []
        var error: SyntaxError?
        /// Set when input ended inside brackets: the innermost unclosed bracket and where it opened.
        var unclosed: (char: Character, line: Int, column: Int)?
        /// The error means "more input would help" (unterminated triple-quoted string, trailing backslash).
        var errorAtEOF = false
        var lines: [String] = []
    }

    private let src: [Unicode.Scalar]
    private var i = 0
    private var line = 1
    private var lineStart = 0
    private var out = Output()
    private var brackets: [(char: Unicode.Scalar, line: Int, col: Int)] = []
    private var indents: [Int] = [0]
    private var altIndents: [Int] = [0]
    private let filename: String
    private let impliedDedent: Bool
    private let lineOffset: Int
    private let columnOffset: Int
    /// The first line holding a NUL: CPython's tokenizer refuses the source when it reads that line.
    private var nulLine: Int?

    /// `lineOffset`/`columnOffset` place a fragment (an f-string field) at its position in the outer source.
    init(_ source: String, filename: String, impliedDedent: Bool = true, lineOffset: Int = 0, columnOffset: Int = 0) {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(source.utf8.count)  // an upper bound, O(1) unlike counting scalars
        var prevCR = false
        for s in source.unicodeScalars {
            if s == "\r" { scalars.append("\n"); prevCR = true; continue }
            if s == "\n" && prevCR { prevCR = false; continue }
            prevCR = false
            scalars.append(s)
        }
        src = scalars
        self.filename = filename
        self.impliedDedent = impliedDedent
        self.lineOffset = lineOffset
        self.columnOffset = columnOffset
        var lines: [String] = []
        var cur = String.UnicodeScalarView()
        for s in scalars {
            if s == "\n" { lines.append(String(cur)); cur = String.UnicodeScalarView() } else { cur.append(s) }
            if s == "\u{0}" && nulLine == nil { nulLine = lines.count + 1 }
        }
        lines.append(String(cur))
        out.lines = lines
    }

    static func tokenize(_ source: String, filename: String, impliedDedent: Bool = true) -> Output {
        var lexer = Lexer(source, filename: filename, impliedDedent: impliedDedent)
        return lexer.run()
    }

    // MARK: - Helpers

    private func peek(_ k: Int = 0) -> Unicode.Scalar? {
        let j = i + k
        return j >= 0 && j < src.count ? src[j] : nil
    }
    private var col0: Int { i - lineStart }
    private func loc(_ index: Int, line l: Int, lineStart ls: Int) -> SourceLocation {
        SourceLocation(line: l + lineOffset, column: index - ls + 1 + (l == 1 ? columnOffset : 0))
    }
    private var here: SourceLocation { loc(i, line: line, lineStart: lineStart) }

    func lineText(_ l: Int) -> String {
        let k = l - 1 - lineOffset
        return k >= 0 && k < out.lines.count ? out.lines[k] : ""
    }

    private mutating func fail(_ message: String, type: String = "SyntaxError", line l: Int? = nil,
                               column: Int, endColumn: Int?) {
        let ln = l ?? (line + lineOffset)
        out.error = SyntaxError(type: type, message: message, filename: filename, line: ln, column: column,
                                endColumn: endColumn, lineText: lineText(ln))
    }

    private mutating func emit(_ kind: TokenKind, _ text: String, from start: SourceLocation) {
        out.tokens.append(Token(kind: kind, text: text, start: start, end: here, level: brackets.count))
    }

    private mutating func newline() {
        line += 1
        lineStart = i
        if line == nulLine { nullByteError() }
    }

    /// CPython 3.11 shows the line up to the NUL, with no caret (offset 0). An empty text is kept as "\n"
    /// so that the (blank) source line is still printed, as CPython does.
    private mutating func nullByteError() {
        let text = String(String.UnicodeScalarView(src[lineStart...].prefix { $0 != "\u{0}" && $0 != "\n" }))
        out.error = SyntaxError(message: "source code cannot contain null bytes", filename: filename,
                                line: line + lineOffset, column: 0, endColumn: 0, lineText: text.isEmpty ? "\n" : text)
    }

    private static func isIdentStart(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" }
        return c.properties.isXIDStart
    }
    private static func isIdentContinue(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return isIdentStart(c) || (c >= "0" && c <= "9") }
        return c.properties.isXIDContinue
    }

    // MARK: - Main loop

    mutating func run() -> Output {
        var atLineStart = true
        var blank = false
        var lineHasTokens = false
        if nulLine == 1 { nullByteError() }
        while out.error == nil {
            if atLineStart {
                atLineStart = false
                blank = false
                var col = 0, alt = 0
                while let c = peek() {
                    if c == " " { col += 1; alt += 1 }
                    else if c == "\t" { col = (col / 8 + 1) * 8; alt += 1 }
                    else if c == "\u{0C}" { col = 0; alt = 0 }
                    else { break }
                    i += 1
                }
                let c = peek()
                if c == "#" || c == "\n" || c == nil {
                    blank = true
                } else if brackets.isEmpty {
                    if !indentation(col: col, alt: alt) { break }
                }
            }
            while let c = peek(), c == " " || c == "\t" || c == "\u{0C}" { i += 1 }
            guard let c = peek() else {
                endOfInput(lineHasTokens: lineHasTokens && !blank)
                break
            }
            let start = here
            if c == "#" {
                while let d = peek(), d != "\n" { i += 1 }
                continue
            }
            if c == "\n" {
                if !blank && brackets.isEmpty && lineHasTokens {
                    i += 1
                    out.tokens.append(Token(kind: .newline, text: "\n", start: start, end: here, level: 0))
                } else {
                    i += 1
                }
                newline()
                atLineStart = brackets.isEmpty
                lineHasTokens = lineHasTokens && !brackets.isEmpty
                continue
            }
            if c == "\\" {
                if peek(1) == nil {
                    fail("unexpected EOF while parsing", column: col0 + 2, endColumn: -1)
                    out.errorAtEOF = true
                    break
                }
                if peek(1) == "\n" {
                    let backslashLine = line + lineOffset, backslashCol = col0
                    i += 2
                    newline()
                    if peek() == nil {
                        fail("unexpected EOF while parsing", line: backslashLine, column: backslashCol + 2, endColumn: -1)
                        out.errorAtEOF = true
                    }
                    continue
                }
                i += 1
                fail("unexpected character after line continuation character", column: col0 + 1, endColumn: nil)
                break
            }
            lineHasTokens = true
            if Self.isIdentStart(c) {
                let s = i
                while let d = peek(), Self.isIdentContinue(d) { i += 1 }
                let word = String(String.UnicodeScalarView(src[s..<i]))
                if let q = peek(), q == "'" || q == "\"",
                   ["r", "u", "b", "br", "rb", "f", "fr", "rf"].contains(word.lowercased()) {
                    string(from: s, start: start)
                } else {
                    emit(.name, word, from: start)
                }
                continue
            }
            if c == "'" || c == "\"" { string(from: i, start: start); continue }
            if (c >= "0" && c <= "9") || (c == "." && (peek(1).map { $0 >= "0" && $0 <= "9" } ?? false)) {
                number(start: start)
                continue
            }
            if !c.isASCII {
                if !Self.isPrintable(c) {
                    let hex = String(c.value, radix: 16, uppercase: true)
                    fail("invalid non-printable character U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)",
                         column: col0 + 1, endColumn: nil)
                    break
                }
                let hex = String(c.value, radix: 16, uppercase: true)
                let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                fail("invalid character '\(Character(c))' (U+\(padded))", column: col0 + 1, endColumn: nil)
                break
            }
            operatorToken(c, start: start)
        }
        return out
    }

    /// Compares a line's indentation with the stack, emitting INDENT/DEDENT. False on error.
    private mutating func indentation(col: Int, alt: Int) -> Bool {
        let start = here
        let top = indents.last ?? 0, altTop = altIndents.last ?? 0
        if col == top {
            if alt != altTop { return tabError() }
        } else if col > top {
            if alt <= altTop { return tabError() }
            if indents.count > 100 {
                fail("too many levels of indentation", type: "IndentationError", column: col0 + 1, endColumn: nil)
                return false
            }
            indents.append(col)
            altIndents.append(alt)
            out.tokens.append(Token(kind: .indent, text: "", start: SourceLocation(line: start.line, column: max(1, start.column - 1)),
                                    end: start, level: 0))
        } else {
            while let t = indents.last, col < t {
                indents.removeLast()
                altIndents.removeLast()
                out.tokens.append(Token(kind: .dedent, text: "", start: start, end: start, level: 0))
            }
            if col != (indents.last ?? 0) {
                fail("unindent does not match any outer indentation level", type: "IndentationError",
                     column: lineText(line + lineOffset).unicodeScalars.count + 1, endColumn: -1)
                return false
            }
            if alt != (altIndents.last ?? 0) { return tabError() }
        }
        return true
    }

    private mutating func tabError() -> Bool {
        fail("inconsistent use of tabs and spaces in indentation", type: "TabError", column: 1, endColumn: 0)
        return false
    }

    private mutating func endOfInput(lineHasTokens: Bool) {
        if let open = brackets.last {
            out.unclosed = (Character(open.char), open.line, open.col)
            return
        }
        let eof = eofLocation
        if lineHasTokens, let last = out.tokens.last, last.kind != .newline {
            out.tokens.append(Token(kind: .newline, text: "", start: eof, end: eof, level: 0))
        }
        if impliedDedent {
            for _ in 1..<max(1, indents.count) {
                out.tokens.append(Token(kind: .dedent, text: "", start: eof, end: eof, level: 0))
            }
        }
        out.tokens.append(Token(kind: .endMarker, text: "", start: eof, end: eof, level: 0))
    }

    /// Where CPython puts end-of-input tokens: a final newline does not start another line.
    private var eofLocation: SourceLocation {
        guard i > 0, i == src.count, src[i - 1] == "\n", line > 1 else { return here }
        return SourceLocation(line: line - 1 + lineOffset, column: (out.lines[safe: line - 2]?.unicodeScalars.count ?? 0) + 1)
    }

    private static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default: return true
        }
    }

    /// `pythonOperators` split into scalars once (longest first), not on every operator lexed.
    private static let operatorTable: [(op: String, scalars: [Unicode.Scalar])] =
        pythonOperators.map { ($0, Array($0.unicodeScalars)) }

    private mutating func operatorToken(_ c: Unicode.Scalar, start: SourceLocation) {
        for (op, scalars) in Self.operatorTable where scalars.first == c {
            var match = true
            for k in scalars.indices.dropFirst() where peek(k) != scalars[k] { match = false; break }
            guard match else { continue }
            if op == "(" || op == "[" || op == "{" {
                if brackets.count >= 200 {
                    fail("too many nested parentheses", column: col0 + 1, endColumn: nil)
                    return
                }
                brackets.append((c, line + lineOffset, col0))
            } else if op == ")" || op == "]" || op == "}" {
                guard let open = brackets.last else {
                    fail("unmatched '\(op)'", column: col0 + 1, endColumn: nil)
                    return
                }
                let expected: Unicode.Scalar = open.char == "(" ? ")" : open.char == "[" ? "]" : "}"
                if expected != c {
                    let whereOpened = open.line != line + lineOffset ? " on line \(open.line)" : ""
                    fail("closing parenthesis '\(op)' does not match opening parenthesis '\(Character(open.char))'\(whereOpened)",
                         column: col0 + 1, endColumn: nil)
                    return
                }
                brackets.removeLast()
            }
            i += scalars.count
            emit(.op, op, from: start)
            return
        }
        // Characters Python has no token for ($, ?, !, `) become error tokens: the parser says "invalid syntax".
        i += 1
        emit(.op, String(Character(c)), from: start)
    }

    // MARK: - Numbers

    private func isDigit(_ c: Unicode.Scalar?, radix: Int) -> Bool {
        guard let c, c.isASCII, let v = Int(String(Character(c)), radix: 16) else { return false }
        return v < radix
    }

    /// Reads digits with single underscores between them; false if an underscore is misplaced.
    private mutating func digits(radix: Int) -> Bool {
        while true {
            while isDigit(peek(), radix: radix) { i += 1 }
            guard peek() == "_" else { return true }
            i += 1
            guard isDigit(peek(), radix: radix) else { return false }
        }
    }

    private mutating func number(start: SourceLocation) {
        let s = i
        let startCol = col0
        _ = startCol
        func invalid(_ kind: String) { fail("invalid \(kind) literal", column: col0, endColumn: col0) }
        if peek() == "0", let p = peek(1), "xXoObB".unicodeScalars.contains(p) {
            let (radix, kind) = p == "x" || p == "X" ? (16, "hexadecimal") : p == "o" || p == "O" ? (8, "octal") : (2, "binary")
            i += 2
            if peek() == "_" { i += 1 }
            guard isDigit(peek(), radix: radix), digits(radix: radix) else {
                if let d = peek(), isDigit(d, radix: 10) {
                    fail("invalid digit '\(Character(d))' in \(kind) literal", column: col0 + 1, endColumn: col0 + 1)
                } else { invalid(kind) }
                return
            }
            if let d = peek(), isDigit(d, radix: 10) {
                fail("invalid digit '\(Character(d))' in \(kind) literal", column: col0 + 1, endColumn: col0 + 1)
                return
            }
            guard endOfNumber(kind) else { return }
            emit(.number, String(String.UnicodeScalarView(src[s..<i])), from: start)
            return
        }
        var isInt = true
        if peek() != "." {
            guard digits(radix: 10) else { return invalid("decimal") }
        }
        if peek() == "." {
            isInt = false
            i += 1
            if isDigit(peek(), radix: 10) { guard digits(radix: 10) else { return invalid("decimal") } }
        }
        if let e = peek(), e == "e" || e == "E" {
            let save = i
            i += 1
            if let sign = peek(), sign == "+" || sign == "-" { i += 1 }
            if isDigit(peek(), radix: 10) {
                isInt = false
                guard digits(radix: 10) else { return invalid("decimal") }
            } else {
                i = save
                return invalid("decimal")
            }
        }
        var kind = "decimal"
        if let j = peek(), j == "j" || j == "J" {
            isInt = false
            i += 1
            kind = "imaginary"
        }
        let text = String(String.UnicodeScalarView(src[s..<i]))
        if isInt, text.count > 1, text.hasPrefix("0"), text.contains(where: { $0 != "0" && $0 != "_" }) {
            fail("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                 column: startCol + 1, endColumn: startCol + 1)
            return
        }
        guard endOfNumber(kind) else { return }
        emit(.number, text, from: start)
    }

    /// A number may touch a keyword (`1if x else 2`) but not another identifier character.
    private mutating func endOfNumber(_ kind: String) -> Bool {
        guard let c = peek(), Self.isIdentContinue(c) else { return true }
        for kw in ["and", "else", "for", "if", "in", "is", "not", "or"] {
            let scalars = Array(kw.unicodeScalars)
            var match = true
            for (k, s) in scalars.enumerated() where peek(k) != s { match = false; break }
            if match { return true }
        }
        fail("invalid \(kind) literal", column: col0, endColumn: col0)
        return false
    }

    // MARK: - Strings

    private mutating func string(from s: Int, start: SourceLocation) {
        let startLine = line
        let startCol = s - lineStart
        while let c = peek(), c != "'" && c != "\"" { i += 1 }
        guard let q = peek() else { return }
        let triple = peek(1) == q && peek(2) == q
        i += triple ? 3 : 1
        while true {
            guard let c = peek() else {
                let kind = triple ? "unterminated triple-quoted string literal" : "unterminated string literal"
                let detected = i > 0 && src[i - 1] == "\n" && line > startLine ? line - 1 : line
                fail("\(kind) (detected at line \(detected + lineOffset))", line: startLine + lineOffset,
                     column: startCol + 1, endColumn: startCol + 1)
                out.errorAtEOF = triple
                return
            }
            if c == "\\" {
                i += 1
                if peek() == "\n" { i += 1; newline() } else if peek() != nil { i += 1 }
                if out.error != nil { return }
                continue
            }
            if c == "\n" {
                if !triple {
                    fail("unterminated string literal (detected at line \(line + lineOffset))", line: startLine + lineOffset,
                         column: startCol + 1, endColumn: startCol + 1)
                    return
                }
                i += 1
                newline()
                if out.error != nil { return }
                continue
            }
            if c == q {
                if !triple { i += 1; break }
                if peek(1) == q && peek(2) == q { i += 3; break }
            }
            i += 1
        }
        emit(.string, String(String.UnicodeScalarView(src[s..<i])), from: start)
    }
}

fileprivate extension Array {
    subscript(safe index: Int) -> Element? { index >= 0 && index < count ? self[index] : nil }
}
