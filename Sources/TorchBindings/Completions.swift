import Language

/// Tab completion at the prompt, as CPython's `rlcompleter` does it: keywords, variables and builtins for a
/// bare word; for `a.b.pre` the attributes of `a.b` (`dir`), with `(` after callables.
///
///     session.completions(for: "net.named_p")   // ["net.named_parameters("]
///
/// Unlike rlcompleter, the object before the dot is only looked up through plain names and attributes,
/// never evaluated from arbitrary code, so pressing Tab cannot run anything but attribute lookups.
extension Session {
    static let keywords = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
        "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
        "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    public func completions(for text: String) -> [String] {
        guard let dot = text.lastIndex(of: ".") else { return globalCompletions(text) }
        let path = text[..<dot].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let prefix = String(text[text.index(after: dot)...])
        guard path.allSatisfy(isIdentifier), let first = path.first, var object = lookup(first) else { return [] }
        for name in path.dropFirst() {
            guard let next = try? interpreter.getAttr(object, name) else { return [] }
            object = next
        }
        guard let dir = builtin("dir"), case .object(let list as PyList)? = try? interpreter.call(dir, [object]) else { return [] }
        let base = text[..<dot] + "."
        return list.items.compactMap { item -> String? in
            guard case .str(let name) = item, name.hasPrefix(prefix) else { return nil }
            // Private names only when asked for, as rlcompleter: `_` shows `_x`, `__` shows dunders.
            if name.hasPrefix("_") && !prefix.hasPrefix("_") { return nil }
            if name.hasPrefix("__") && !prefix.hasPrefix("__") { return nil }
            let value = try? interpreter.getAttr(object, name)
            return base + withCallablePostfix(name, value)
        }
    }

    private func globalCompletions(_ prefix: String) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for word in Session.keywords where word.hasPrefix(prefix) && seen.insert(word).inserted {
            out.append(word == "finally" || word == "try" ? word + ":"
                       : ["False", "None", "True", "break", "continue", "pass", "else"].contains(word) ? word : word + " ")
        }
        for dict in [interpreter.mainModule.dict, interpreter.builtins] {
            for (key, value) in dict.items {
                guard case .str(let name) = key, name.hasPrefix(prefix), seen.insert(name).inserted else { continue }
                if name.hasPrefix("_") && !prefix.hasPrefix("_") { continue }
                out.append(withCallablePostfix(name, value))
            }
        }
        return out.sorted()
    }

    private func lookup(_ name: String) -> Value? {
        (try? interpreter.mainModule.dict.get(.str(name))).flatMap { $0 } ?? builtin(name)
    }

    private func builtin(_ name: String) -> Value? {
        (try? interpreter.builtins.get(.str(name))).flatMap { $0 }
    }

    private func withCallablePostfix(_ name: String, _ value: Value?) -> String {
        guard let value, let callable = builtin("callable"),
              case .bool(true)? = try? interpreter.call(callable, [value]) else { return name }
        return name + "("
    }

    private func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || first.properties.isXIDStart else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isXIDContinue }
    }
}
