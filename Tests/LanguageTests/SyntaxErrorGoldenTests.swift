import Testing
@testable import Language

/// Known differences from CPython 3.11, left as they are: rare forms whose CPython location or message
/// comes from parser internals (the `async` keyword, `a not b`, `\N{...}` with an unknown name, bare `*`
/// before `**`, `from __future__ import braces`, `else` after a `try` with no handler).
let knownSyntaxErrorDifferences: Set<String> = [
    "async = 1", "x = a not b", "'\\N{NOPE}'", "def f(*, **k): pass", "from __future__ import braces",
    "try:\n    pass\nelse:\n    pass\n",
]

struct SyntaxErrorGoldenTests {
    @Test(arguments: syntaxErrorGoldens)
    func renderedErrorMatchesCPython(_ golden: (source: String, expected: String)) {
        if knownSyntaxErrorDifferences.contains(golden.source) { return }
        do {
            _ = try Parser.parse(golden.source)
            Issue.record("expected a SyntaxError for \(golden.source)")
        } catch let error as SyntaxError {
            #expect(error.rendered() == golden.expected, "\(golden.source)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func errorCarriesStructure() throws {
        let error = try #require(throws: SyntaxError.self) { try Parser.parse("x = (1 +", filename: "t.py") }
        #expect(error.type == "SyntaxError")
        #expect(error.message == "'(' was never closed")
        #expect(error.filename == "t.py")
        #expect(error.line == 1 && error.column == 5)
        #expect(error.rendered() == "  File \"t.py\", line 1\n    x = (1 +\n        ^\nSyntaxError: '(' was never closed")
    }

    @Test func indentationErrorsHaveTheirType() throws {
        let error = try #require(throws: SyntaxError.self) { try Parser.parse("for x in y:\nprint(x)\n") }
        #expect(error.type == "IndentationError")
        #expect(error.message == "expected an indented block after 'for' statement on line 1")
    }

    @Test func interactiveModeTakesOneStatement() throws {
        #expect(try Parser.parse("x = 1; y = 2", mode: .interactive).statements.count == 2)
        #expect(try Parser.parse("for i in x:\n    print(i)\n\n", mode: .interactive).statements.count == 1)
        #expect(throws: SyntaxError.self) { try Parser.parse("x = 1\ny = 2\n", mode: .interactive) }
    }

    @Test func deepNestingThrowsInsteadOfOverflowing() throws {
        let parens = String(repeating: "(", count: 199) + "1" + String(repeating: ")", count: 199)
        #expect(try Parser.parse(parens).statements.count == 1)
        let tooMany = try #require(throws: SyntaxError.self) { try Parser.parse(String(repeating: "(", count: 300)) }
        #expect(tooMany.message == "too many nested parentheses")
        for deep in [String(repeating: "-", count: 100_000) + "1", String(repeating: "not ", count: 50_000) + "x",
                     Array(repeating: "2", count: 50_000).joined(separator: "**"),
                     String(repeating: "lambda: ", count: 20_000) + "0",
                     Array(repeating: "a if b else", count: 20_000).joined(separator: " ") + " c",
                     String(repeating: "[", count: 150) + String(repeating: "-", count: 5000) + "1" + String(repeating: "]", count: 150)] {
            #expect(throws: SyntaxError.self) { try Parser.parse(deep) }
        }
        var nested = ""
        for level in 0..<150 { nested += String(repeating: " ", count: level) + "if x:\n" }
        #expect(throws: SyntaxError.self) { try Parser.parse(nested + String(repeating: " ", count: 150) + "pass\n") }
    }

    /// Random byte soup built from Python's own pieces must never crash the parser.
    @Test func randomInputNeverCrashes() {
        let pieces = ["(", ")", "[", "]", "{", "}", ":", ",", ".", "=", "==", "+", "-", "*", "**", "/", "//", "%", "@",
                      "x", "y", "1", "2.5", "0x", "1_", "'a", "'b'", "\"\"\"", "f'{", "}", "{x!r:>{w}}", "'", "\\",
                      "\n", "\n    ", "\n\t", "  ", "if", "else", "for", "in", "def", "class", "lambda", "not", "and",
                      "yield", "return", "import", "from", "as", "with", "try", "except", "#", ";", ":=", "…", "é",
                      "\u{0}", "\r", "print", "b'", "rb'\\", "f\"{'", "!", "$", "?"]
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next() -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(pieces.count))
        }
        for _ in 0..<3000 {
            var source = ""
            for _ in 0..<(1 + next() % 24) { source += pieces[next()] }
            _ = try? Parser.parse(source)
            _ = try? Parser.parse(source, mode: .interactive)
            _ = Parser.isIncomplete(source)
        }
    }
}
