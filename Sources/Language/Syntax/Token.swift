/// The lexical categories of Python tokens. Keywords are `.name` tokens; the parser tells them apart.
enum TokenKind: Equatable, Sendable {
    case name, number, string, op, newline, indent, dedent, endMarker
}

struct Token: Sendable {
    var kind: TokenKind
    var text: String
    var start: SourceLocation
    var end: SourceLocation
    /// Bracket depth after this token, as CPython records it (used for "Perhaps you forgot a comma?").
    var level: Int

    var rangeValue: SourceRange { SourceRange(start: start, end: end) }
    func isOp(_ s: String) -> Bool { kind == .op && text == s }
    func isKeyword(_ s: String) -> Bool { kind == .name && text == s }
}

let pythonKeywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
    "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
]

/// Operators longest first, so the lexer can take the first match.
let pythonOperators: [String] = [
    "**=", "//=", ">>=", "<<=", "...", "->", ":=",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=",
    "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":",
    ".", ";", "=",
]
