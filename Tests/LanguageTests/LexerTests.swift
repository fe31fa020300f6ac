import Testing
@testable import Language

struct LexerTests {
    func kinds(_ source: String) -> [String] {
        Lexer.tokenize(source, filename: "<stdin>").tokens.map { t in
            switch t.kind {
            case .newline: return "NEWLINE"
            case .indent: return "INDENT"
            case .dedent: return "DEDENT"
            case .endMarker: return "END"
            default: return t.text
            }
        }
    }

    @Test(arguments: [
        ("x = 1", ["x", "=", "1", "NEWLINE", "END"]),
        ("if x:\n    y\nz\n", ["if", "x", ":", "NEWLINE", "INDENT", "y", "NEWLINE", "DEDENT", "z", "NEWLINE", "END"]),
        ("if a:\n  if b:\n    c\nd", ["if", "a", ":", "NEWLINE", "INDENT", "if", "b", ":", "NEWLINE", "INDENT", "c",
                                      "NEWLINE", "DEDENT", "DEDENT", "d", "NEWLINE", "END"]),
        ("if a:\n\n  # c\n  b\n", ["if", "a", ":", "NEWLINE", "INDENT", "b", "NEWLINE", "DEDENT", "END"]),
        ("f(a,\n  b)\n", ["f", "(", "a", ",", "b", ")", "NEWLINE", "END"]),
        ("x = 1 + \\\n 2", ["x", "=", "1", "+", "2", "NEWLINE", "END"]),
        ("a**=b//c", ["a", "**=", "b", "//", "c", "NEWLINE", "END"]),
        ("x[...]", ["x", "[", "...", "]", "NEWLINE", "END"]),
        ("1if x else 2", ["1", "if", "x", "else", "2", "NEWLINE", "END"]),
        ("rb'\\d' f\"{x}\"", ["rb'\\d'", "f\"{x}\"", "NEWLINE", "END"]),
        ("a := 1 -> b", ["a", ":=", "1", "->", "b", "NEWLINE", "END"]),
        ("", ["END"]),
        ("# only\n\n", ["END"]),
        ("if x:\n\ty\n", ["if", "x", ":", "NEWLINE", "INDENT", "y", "NEWLINE", "DEDENT", "END"]),
    ])
    func tokens(_ source: String, _ expected: [String]) {
        #expect(kinds(source) == expected, "\(source)")
    }

    @Test func positionsAreOneBasedScalars() {
        let tokens = Lexer.tokenize("é = 'ü'\n", filename: "<stdin>").tokens
        #expect(tokens[0].start == SourceLocation(line: 1, column: 1))
        #expect(tokens[2].start == SourceLocation(line: 1, column: 5))
        #expect(tokens[2].end == SourceLocation(line: 1, column: 8))
    }

    @Test func errorsStopTheTokenizer() {
        let out = Lexer.tokenize("x = 1\ny = 'abc\n", filename: "<stdin>")
        #expect(out.error?.message == "unterminated string literal (detected at line 2)")
        #expect(out.error?.line == 2)
    }
}
