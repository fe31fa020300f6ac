import Testing
@testable import Language

/// A NUL anywhere in the source: CPython 3.11's tokenizer refuses the line holding it ("source code cannot
/// contain null bytes", the text up to the NUL, no caret), unless an earlier line already failed.
/// Expected text from real `python3 t.py` runs (scripts/fuzz/gen_null_byte_goldens.py).
let nullByteGoldens: [(source: String, expected: String)] = [
    ("a\u{0}b",
     "  File \"t.py\", line 1\n    a\nSyntaxError: source code cannot contain null bytes"),
    ("x = 1\na\u{0}b\n",
     "  File \"t.py\", line 2\n    a\nSyntaxError: source code cannot contain null bytes"),
    ("print(1)\n\u{0}\n",
     "  File \"t.py\", line 2\n    \nSyntaxError: source code cannot contain null bytes"),
    ("\"abc\u{0}\"\n",
     "  File \"t.py\", line 1\n    \"abc\nSyntaxError: source code cannot contain null bytes"),
    ("# comment \u{0}\n",
     "  File \"t.py\", line 1\n    # comment \nSyntaxError: source code cannot contain null bytes"),
    (")\n\u{0}\n",
     "  File \"t.py\", line 1\n    )\n    ^\nSyntaxError: unmatched ')'"),
    ("s = \"\"\"abc\n\u{0}\"\"\"\n",
     "  File \"t.py\", line 2\n    \nSyntaxError: source code cannot contain null bytes"),
    ("x = (1,\n\u{0})\n",
     "  File \"t.py\", line 2\n    \nSyntaxError: source code cannot contain null bytes"),
    ("if x:\n    y\u{0} = 1\n",
     "  File \"t.py\", line 2\n    y\nSyntaxError: source code cannot contain null bytes"),
    ("x = 1 + \\\n\u{0}\n",
     "  File \"t.py\", line 2\n    \nSyntaxError: source code cannot contain null bytes"),
]

struct NullByteTests {
    @Test(arguments: nullByteGoldens)
    func fileModeMatchesCPython(_ golden: (source: String, expected: String)) {
        #expect(throws: SyntaxError.self) { try Parser.parse(golden.source, filename: "t.py") }
        do {
            _ = try Parser.parse(golden.source, filename: "t.py")
        } catch let error as SyntaxError {
            #expect(error.rendered() == golden.expected, "\(golden.source.debugDescription)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    /// The REPL reports it like `python3 < file` does for `<stdin>`: same text, line shown, no caret.
    @Test func interactiveEntryGetsTheSameError() {
        do {
            _ = try Parser.parse("a\u{0}b", filename: "<stdin>", mode: .interactive)
            Issue.record("expected a SyntaxError")
        } catch let error as SyntaxError {
            #expect(error.rendered() == "  File \"<stdin>\", line 1\n    a\nSyntaxError: source code cannot contain null bytes")
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(!Parser.isIncomplete("x = (\u{0}"))
    }
}
