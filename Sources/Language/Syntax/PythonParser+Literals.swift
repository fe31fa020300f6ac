/// Number, string, bytes and f-string literals.
extension PythonParser {
    // MARK: - Numbers

    func numberValue(_ raw: String) -> ExprKind {
        let text = raw.replacingUnderscores()
        let lower = text.lowercased()
        if lower.hasPrefix("0x") || lower.hasPrefix("0o") || lower.hasPrefix("0b") {
            let radix = lower.hasPrefix("0x") ? 16 : lower.hasPrefix("0o") ? 8 : 2
            return .int(Self.decimalString(lower.dropFirst(2), radix: radix))
        }
        if lower.hasSuffix("j") { return .imaginary(Self.double(String(lower.dropLast()))) }
        if lower.contains(".") || lower.contains("e") { return .float(Self.double(lower)) }
        let trimmed = text.drop(while: { $0 == "0" })
        return .int(trimmed.isEmpty ? "0" : String(trimmed))
    }

    static func double(_ text: String) -> Double {
        var t = text
        if t.hasPrefix(".") { t = "0" + t }
        t = t.replacingAll(".e", with: ".0e")
        if t.hasSuffix(".") { t += "0" }
        return Double(t) ?? .infinity
    }

    /// Converts digits in `radix` to a decimal string of any length (base-10⁹ limbs).
    static func decimalString(_ digits: Substring, radix: Int) -> String {
        var limbs: [UInt64] = [0]  // little-endian, base 1e9
        let base: UInt64 = 1_000_000_000
        for ch in digits {
            guard let d = ch.hexDigitValue else { continue }
            var carry = UInt64(d)
            for k in limbs.indices {
                let v = limbs[k] * UInt64(radix) + carry
                limbs[k] = v % base
                carry = v / base
            }
            while carry > 0 { limbs.append(carry % base); carry /= base }
        }
        var out = String(limbs.last ?? 0)
        for limb in limbs.dropLast().reversed() {
            let s = String(limb)
            out += String(repeating: "0", count: 9 - s.count) + s
        }
        return out
    }

    // MARK: - Strings

    /// Adjacent string literals, concatenated: `"a" 'b'`, `f"{x}" "y"`, `b"a" b"b"`.
    mutating func strings() throws -> Expr {
        let start = tok.start
        var text: [Unicode.Scalar] = []
        var bytes: [UInt8] = []
        var parts: [FStringPart] = []
        var sawBytes = false, sawText = false, sawF = false, mixed = false
        let firstTok = tok
        while at(.string) {
            let t = advance()
            let scalars = Array(t.text.unicodeScalars)
            var p = 0
            while p < scalars.count, scalars[p] != "'", scalars[p] != "\"" { p += 1 }
            let prefix = String(String.UnicodeScalarView(scalars[0..<p])).lowercased()
            guard p < scalars.count else { continue }
            let quote = scalars[p]
            let triple = p + 2 < scalars.count && scalars[p + 1] == quote && scalars[p + 2] == quote && scalars.count >= p + 6
            let q = triple ? 3 : 1
            let bodyStart = p + q, bodyEnd = max(bodyStart, scalars.count - q)
            let body = Array(scalars[bodyStart..<bodyEnd])
            let raw = prefix.contains("r")
            if prefix.contains("b") {
                sawBytes = true
                if sawText { mixed = true }
                if body.contains(where: { !$0.isASCII }) {
                    throw error("bytes can only contain ASCII literal characters", at: t)
                }
                let values = raw ? body.map { $0.value } : try decodeEscapes(body, bytes: true, token: t)
                bytes += values.map { UInt8(truncatingIfNeeded: $0) }
                continue
            }
            sawText = true
            if sawBytes { mixed = true }
            if prefix.contains("f") {
                if !text.isEmpty { parts.append(.literal(String(String.UnicodeScalarView(text)))); text = [] }
                sawF = true
                let origin = location(in: t, offset: bodyStart)
                parts += try fStringParts(body, raw: raw, origin: origin, token: t, nesting: 0)
            } else {
                let values = raw ? body.map { $0.value } : try decodeEscapes(body, bytes: false, token: t)
                text += values.compactMap(Unicode.Scalar.init)
            }
        }
        _ = firstTok
        if mixed { throw error("cannot mix bytes and nonbytes literals", line: lastEnd.line, column: lastEnd.column, endColumn: nil) }
        if sawBytes { return Expr(.bytes(bytes), range(from: start)) }
        if sawF {
            if !text.isEmpty { parts.append(.literal(String(String.UnicodeScalarView(text)))) }
            return Expr(.fString(Self.mergeLiterals(parts)), range(from: start))
        }
        return Expr(.string(String(String.UnicodeScalarView(text))), range(from: start))
    }

    static func mergeLiterals(_ parts: [FStringPart]) -> [FStringPart] {
        var merged: [FStringPart] = []
        for part in parts {
            if case .literal(let b) = part, let last = merged.last, case .literal(let a) = last {
                merged[merged.count - 1] = .literal(a + b)
            } else if case .literal(let s) = part, s.isEmpty {
                continue
            } else {
                merged.append(part)
            }
        }
        return merged
    }

    /// The source location of scalar `offset` within a (possibly multi-line) string token.
    func location(in t: Token, offset: Int) -> SourceLocation {
        var line = t.start.line, column = t.start.column
        for (k, s) in t.text.unicodeScalars.enumerated() {
            if k == offset { break }
            if s == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(line: line, column: column)
    }

    /// Decodes backslash escapes; unknown escapes stay as written, as in CPython.
    func decodeEscapes(_ s: [Unicode.Scalar], bytes: Bool, token: Token) throws -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(s.count)
        var i = 0
        func hex(_ count: Int, _ kind: String) throws -> UInt32 {
            var v: UInt32 = 0
            for k in 0..<count {
                guard i + 1 + k < s.count, let d = Character(s[i + 1 + k]).hexDigitValue else {
                    let codec = bytes ? "(value error) invalid \\x escape at position \(i - 1)"
                        : "(unicode error) 'unicodeescape' codec can't decode bytes in position \(i - 1)-\(min(s.count, i + count + 1) - 1): truncated \(kind) escape"
                    throw literalError(codec, token)
                }
                v = v * 16 + UInt32(d)
            }
            i += count + 1
            return v
        }
        while i < s.count {
            let c = s[i]
            guard c == "\\", i + 1 < s.count else { out.append(c.value); i += 1; continue }
            let e = s[i + 1]
            i += 1
            switch e {
            case "\n": i += 1
            case "\\": out.append(0x5C); i += 1
            case "'": out.append(0x27); i += 1
            case "\"": out.append(0x22); i += 1
            case "a": out.append(7); i += 1
            case "b": out.append(8); i += 1
            case "f": out.append(12); i += 1
            case "n": out.append(10); i += 1
            case "r": out.append(13); i += 1
            case "t": out.append(9); i += 1
            case "v": out.append(11); i += 1
            case "0"..."7":
                var v: UInt32 = 0, k = 0
                while k < 3, i < s.count, ("0"..."7").contains(s[i]) { v = v * 8 + (s[i].value - 0x30); i += 1; k += 1 }
                out.append(v)
            case "x":
                out.append(try hex(2, "\\xXX"))
            case "u" where !bytes, "U" where !bytes:
                let v = try hex(e == "u" ? 4 : 8, e == "u" ? "\\uXXXX" : "\\UXXXXXXXX")
                guard Unicode.Scalar(v) != nil else {
                    throw literalError("(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character", token)
                }
                out.append(v)
            case "N" where !bytes:
                guard i + 1 < s.count, s[i + 1] == "{", let close = s[(i + 1)...].firstIndex(of: "}"),
                      let scalar = Self.scalar(named: String(String.UnicodeScalarView(s[(i + 2)..<close]))) else {
                    throw literalError("(unicode error) 'unicodeescape' codec can't decode bytes in position \(i - 1)-\(i): malformed \\N character escape", token)
                }
                out.append(scalar.value)
                i = close + 1
            default:
                out.append(0x5C)
            }
        }
        return out
    }

    /// CPython reports literal decoding errors just past the literal.
    func literalError(_ message: String, _ token: Token) -> SyntaxError {
        error(message, line: token.end.line, column: token.end.column, endColumn: nil)
    }

    static func scalar(named name: String) -> Unicode.Scalar? {
        let upper = name.uppercased()
        for v in UInt32(0x20)...UInt32(0x3FFFF) {
            if let s = Unicode.Scalar(v), s.properties.name == upper || s.properties.nameAlias == upper { return s }
        }
        return nil
    }
}

fileprivate extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let r = rest.firstRange(of: target) {
            result += rest[..<r.lowerBound]
            result += replacement
            rest = rest[r.upperBound...]
        }
        return result + rest
    }
}

fileprivate extension Substring {
    func firstRange(of target: String) -> Range<Substring.Index>? {
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(target) { return i..<(index(i, offsetBy: target.count)) }
            i = index(after: i)
        }
        return nil
    }
}
