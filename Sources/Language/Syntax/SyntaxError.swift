/// A syntax error with CPython's message and location, rendered the way CPython 3.11 prints it.
///
/// `column`/`endColumn` follow CPython's `offset`/`end_offset`: 1-based, and they may point past the
/// line (at a newline or EOF). CPython sometimes reports odd end offsets (0, -1); they are kept as-is
/// because `rendered()` reproduces `traceback.format_exception_only` exactly.
public struct SyntaxError: Error, Sendable, CustomStringConvertible {
    public var type: String
    public var message: String
    public var filename: String
    public var line: Int
    public var column: Int
    public var endColumn: Int?
    public var lineText: String

    public init(type: String = "SyntaxError", message: String, filename: String = "<stdin>",
                line: Int, column: Int, endColumn: Int? = nil, lineText: String) {
        self.type = type
        self.message = message
        self.filename = filename
        self.line = line
        self.column = column
        self.endColumn = endColumn
        self.lineText = lineText
    }

    public var description: String { rendered() }

    /// What CPython 3.11 prints for this error, without a trailing newline:
    ///
    ///       File "<stdin>", line 1
    ///         x = (1 +
    ///             ^
    ///     SyntaxError: '(' was never closed
    public func rendered() -> String {
        var out = "  File \"\(filename)\", line \(line)\n"
        // Errors CPython raises after parsing (`'return' outside function`) carry no source text.
        if lineText.isEmpty && column == 0 { return out + "\(type): \(message)" }
        var rtext = Substring(lineText)
        while let last = rtext.last, last == "\n" || last == "\r\n" { rtext = rtext.dropLast() }
        var ltext = rtext
        while let first = ltext.first, first == " " || first == "\n" || first == "\u{0C}" { ltext = ltext.dropFirst() }
        let spaces = rtext.count - ltext.count
        out += "    \(ltext)\n"
        var end = endColumn ?? column
        if end == 0 { end = column }
        if column == end || end == -1 { end = column + 1 }
        let colno = column - 1 - spaces
        let endColno = end - 1 - spaces
        if colno >= 0 {
            let caretSpace = ltext.prefix(colno).map { $0.isWhitespace ? String($0) : " " }.joined()
            out += "    \(caretSpace)\(String(repeating: "^", count: max(0, endColno - colno)))\n"
        }
        out += "\(type): \(message)"
        return out
    }
}
