import Language

/// Splits a transcript into examples by the rules of Python's `doctest.DocTestParser`, so that one file
/// means the same to `python -m doctest` and to `nnrepl replay`. It knows nothing of Markdown: as in
/// doctest, a closing code fence must be separated from expected output by a blank line.
public enum DoctestParser {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static func examples(in text: String, name: String) throws(Failure) -> [DoctestExample] {
        var lines = expandTabs(text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let minIndent = lines.compactMap(indentOfNonBlank).min() ?? 0
        if minIndent > 0 {
            lines = lines.map { String($0.dropFirst(minIndent)) }
        }
        var examples: [DoctestExample] = []
        var index = 0
        while index < lines.count {
            guard let indent = promptIndent(lines[index], prompt: ">>>") else {
                index += 1
                continue
            }
            let start = index
            var sourceLines = [lines[index]]
            index += 1
            while index < lines.count, promptIndent(lines[index], prompt: "...") != nil {
                sourceLines.append(lines[index])
                index += 1
            }
            var wantLines: [String] = []
            while index < lines.count, !isBlank(lines[index]), promptIndent(lines[index], prompt: ">>>") == nil {
                wantLines.append(lines[index])
                index += 1
            }
            let example = try makeExample(
                sourceLines: sourceLines, wantLines: wantLines, indent: indent,
                lineNumber: start, minIndent: minIndent, name: name)
            if let example { examples.append(example) }
        }
        return examples
    }

    private static func makeExample(
        sourceLines: [String], wantLines: [String], indent: Int, lineNumber: Int, minIndent: Int, name: String
    ) throws(Failure) -> DoctestExample? {
        for (offset, line) in sourceLines.enumerated() {
            let chars = Array(line)
            if chars.count >= indent + 4 && chars[indent + 3] != " " {
                throw Failure(message: "line \(lineNumber + offset + 1) of the docstring for \(name) lacks blank after \(String(chars[indent..<(indent + 3)])): \(formatStringRepr(line))")
            }
        }
        let padding = String(repeating: " ", count: indent)
        for (offset, line) in sourceLines.dropFirst().enumerated() where !line.isEmpty && !line.hasPrefix(padding + ".") {
            throw Failure(message: "line \(lineNumber + offset + 2) of the docstring for \(name) has inconsistent leading whitespace: \(formatStringRepr(line))")
        }
        for (offset, line) in wantLines.enumerated() where !line.isEmpty && !line.hasPrefix(padding) {
            throw Failure(message: "line \(lineNumber + sourceLines.count + offset + 1) of the docstring for \(name) has inconsistent leading whitespace: \(formatStringRepr(line))")
        }
        let source = sourceLines.map { String($0.dropFirst(indent + 4)) }.joined(separator: "\n")
        if isBlankOrComment(source) { return nil }
        let want = wantLines.map { String($0.dropFirst(indent)) }.joined(separator: "\n")
        let options = try optionDirectives(in: source, lineNumber: lineNumber, name: name)
        return DoctestExample(
            source: source, want: want, exceptionMessage: exceptionMessage(in: want),
            lineNumber: lineNumber, indent: minIndent + indent, options: options)
    }

    /// doctest's `_EXCEPTION_RE`: a traceback header, then the message from the first line that starts
    /// with a word character.
    static func exceptionMessage(in want: String) -> String? {
        let lines = want.split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.first else { return nil }
        let headers = ["Traceback (most recent call last):", "Traceback (innermost last):"]
        guard let matched = headers.first(where: { header.hasPrefix($0) }),
              header.dropFirst(matched.count).allSatisfy(\.isWhitespace) else { return nil }
        for (offset, line) in lines.enumerated().dropFirst() {
            if let first = line.first, first.isLetter || first.isNumber || first == "_" {
                return lines[offset...].joined(separator: "\n")
            }
        }
        return nil
    }

    /// doctest's `_OPTION_DIRECTIVE_RE`: `#\s*doctest:\s*([^\n'"]*)$`, per line.
    private static func optionDirectives(in source: String, lineNumber: Int, name: String) throws(Failure) -> [String: Bool] {
        var options: [String: Bool] = [:]
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let hash = line.firstRange(of: "#") else { continue }
            var rest = line[hash.upperBound...].drop(while: \.isWhitespace)
            guard rest.hasPrefix("doctest:") else { continue }
            rest = rest.dropFirst("doctest:".count)
            if rest.contains("'") || rest.contains("\"") { continue }
            for option in rest.replacingOccurrences(",", " ").split(whereSeparator: \.isWhitespace) {
                let sign = option.first
                let flag = String(option.dropFirst())
                guard sign == "+" || sign == "-", DoctestOptions.byName[flag] != nil else {
                    throw Failure(message: "line \(lineNumber + 1) of the doctest for \(name) has an invalid option: \(formatStringRepr(String(option)))")
                }
                options[flag] = sign == "+"
            }
        }
        return options
    }

    private static func promptIndent(_ line: String, prompt: String) -> Int? {
        let spaces = line.prefix(while: { $0 == " " }).count
        return line.dropFirst(spaces).hasPrefix(prompt) ? spaces : nil
    }

    private static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " } }

    private static func indentOfNonBlank(_ line: String) -> Int? {
        let spaces = line.prefix(while: { $0 == " " }).count
        guard let next = line.dropFirst(spaces).first, !next.isWhitespace else { return nil }
        return spaces
    }

    private static func isBlankOrComment(_ source: String) -> Bool {
        var body = Substring(source)
        if body.hasSuffix("\n") { body = body.dropLast() }
        if body.contains("\n") { return false }
        let rest = body.drop(while: { $0 == " " })
        return rest.isEmpty || rest.hasPrefix("#")
    }

    /// Python's `str.expandtabs()` with tab size 8.
    static func expandTabs(_ text: String) -> String {
        guard text.contains("\t") else { return text }
        var result = ""
        var column = 0
        for character in text {
            switch character {
            case "\t":
                let spaces = 8 - column % 8
                result += String(repeating: " ", count: spaces)
                column += spaces
            case "\n", "\r", "\r\n":
                result.append(character)
                column = 0
            default:
                result.append(character)
                column += 1
            }
        }
        return result
    }
}

extension StringProtocol {
    func replacingOccurrences(_ target: Character, _ replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
