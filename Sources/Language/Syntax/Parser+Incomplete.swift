extension Parser {
    /// REPL continuation, with `codeop.compile_command(source, symbol="single")` semantics: true when
    /// `source` is a prefix of valid input that needs more lines (open brackets, a `:` header without
    /// its block, a compound statement not yet ended by a newline, an unterminated triple-quoted
    /// string, a trailing backslash). False when complete or definitely invalid.
    public static func isIncomplete(_ source: String) -> Bool {
        let meaningful = source.split(separator: "\n", omittingEmptySubsequences: false).contains { line in
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{0C}" || $0 == "\r" })
            return !trimmed.isEmpty && trimmed.first != "#"
        }
        guard meaningful else { return false }
        let result: Bool? = try? withLargeStack { () -> Bool in
            let lexed = Lexer.tokenize(source, filename: "<stdin>")
            if lexed.error != nil { return lexed.errorAtEOF }
            var parser = PythonParser(lexed: lexed, filename: "<stdin>")
            do {
                let program = try parser.program(mode: .file)
                // Interactive input ends a compound statement only with an empty line.
                guard !source.hasSuffix("\n"), let last = program.statements.last else { return false }
                switch last.kind {
                case .if, .while, .for, .with, .try, .functionDef, .classDef: return true
                default: return false
                }
            } catch let error as SyntaxError {
                // Incomplete only when the parse ran out of input, not when it met a wrong token.
                let t = parser.tok
                let atEnd = t.kind == .endMarker || (t.kind == .op && t.text.isEmpty)
                let generic = error.message == "invalid syntax" || error.message == "expected ':'"
                    || error.message.hasPrefix("expected an indented block")
                return atEnd && (generic || lexed.unclosed != nil)
            } catch {
                return false
            }
        }
        return result ?? false
    }
}
