/// doctest's `OutputChecker.check_output`: exact match first, then the relaxations the flags allow.
public enum OutputChecker {
    public static func matches(want: String, got: String, options: DoctestOptions) -> Bool {
        let got = backslashEscapingNonASCII(got)
        var want = backslashEscapingNonASCII(want)
        if got == want { return true }
        if !options.contains(.dontAcceptTrueFor1) {
            if (got, want) == ("True\n", "1\n") || (got, want) == ("False\n", "0\n") { return true }
        }
        var normalizedGot = got
        if !options.contains(.dontAcceptBlankline) {
            want = replacingBlanklineMarkers(want)
            normalizedGot = blankingWhitespaceOnlyLines(got)
            if normalizedGot == want { return true }
        }
        if options.contains(.normalizeWhitespace) {
            normalizedGot = normalizedGot.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            want = want.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if normalizedGot == want { return true }
        }
        if options.contains(.ellipsis) && ellipsisMatch(want: want, got: normalizedGot) { return true }
        return false
    }

    /// `_ellipsis_match`: `...` in `want` matches any substring of `got`, leftmost pieces first.
    static func ellipsisMatch(want: String, got: String) -> Bool {
        guard want.contains("...") else { return want == got }
        var pieces = want.split(separator: "...", omittingEmptySubsequences: false).map(String.init)
        let gotChars = Array(got)
        var start = 0
        var end = gotChars.count
        if let first = pieces.first, !first.isEmpty {
            guard got.hasPrefix(first) else { return false }
            start = first.count
            pieces.removeFirst()
        }
        if let last = pieces.last, !last.isEmpty {
            guard got.hasSuffix(last) else { return false }
            end -= last.count
            pieces.removeLast()
        }
        if start > end { return false }
        for piece in pieces {
            guard let found = find(Array(piece), in: gotChars, from: start, to: end) else { return false }
            start = found + piece.count
        }
        return true
    }

    private static func find(_ needle: [Character], in haystack: [Character], from start: Int, to end: Int) -> Int? {
        if needle.isEmpty { return start <= end ? start : nil }
        guard end - start >= needle.count else { return nil }
        for position in start...(end - needle.count) where haystack[position..<(position + needle.count)].elementsEqual(needle) {
            return position
        }
        return nil
    }

    /// `re.sub(r'(?m)^<BLANKLINE>\s*?$', '', want)`.
    private static func replacingBlanklineMarkers(_ text: String) -> String {
        mapLines(text) { line in
            line.hasPrefix("<BLANKLINE>") && line.dropFirst("<BLANKLINE>".count).allSatisfy(\.isWhitespace) ? "" : line
        }
    }

    /// `re.sub(r'(?m)^[^\S\n]+$', '', got)`.
    private static func blankingWhitespaceOnlyLines(_ text: String) -> String {
        mapLines(text) { line in !line.isEmpty && line.allSatisfy(\.isWhitespace) ? "" : line }
    }

    private static func mapLines(_ text: String, _ transform: (Substring) -> Substring) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(transform).joined(separator: "\n")
    }

    /// doctest's `_toAscii`: `backslashreplace` encoding, so `\u1234` written in a transcript equals the character.
    static func backslashEscapingNonASCII(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 128 }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                result.unicodeScalars.append(scalar)
            } else if scalar.value <= 0xFF {
                result += "\\x" + hex(scalar.value, width: 2)
            } else if scalar.value <= 0xFFFF {
                result += "\\u" + hex(scalar.value, width: 4)
            } else {
                result += "\\U" + hex(scalar.value, width: 8)
            }
        }
        return result
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
