import Testing
@testable import Language

/// Tree shapes, error texts and REPL continuation, each checked against CPython 3.11 output recorded
/// by scripts/golden_syntax_errors.py in SyntaxErrorGoldens.swift.
struct ParserGoldenTests {
    @Test(arguments: parseGoldens)
    func treeMatchesCPython(_ golden: (source: String, expected: String)) throws {
        let program = try Parser.parse(golden.source)
        #expect(program.sExpression == golden.expected, "\(golden.source)")
    }

    @Test(arguments: incompleteGoldens)
    func continuationMatchesCodeop(_ golden: (source: String, incomplete: Bool)) {
        #expect(Parser.isIncomplete(golden.source) == golden.incomplete, "\(golden.source)")
    }
}
