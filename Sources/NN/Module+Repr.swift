/// `Module.__repr__` and its `_addindent` helper.
extension Module {
    /// `Name(extra)` on one line, or one line per extra-repr line and child, indented by two.
    public func standardRepr() -> String {
        let extra = extraRepr()
        let extraLines = extra.isEmpty ? [] : extra.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let childLines = moduleStore.items.map { name, child in
            "(\(name)): " + addIndent(childRepr(child), 2)
        }
        let lines = extraLines + childLines
        var text = typeName + "("
        if !lines.isEmpty {
            if extraLines.count == 1 && childLines.isEmpty {
                text += extraLines[0]
            } else {
                text += "\n  " + lines.joined(separator: "\n  ") + "\n"
            }
        }
        return text + ")"
    }
}

/// Modules whose repr is being built. A module that contains itself would recurse until the stack
/// overflows (PyTorch raises RecursionError); the inner occurrence is shown as `Name(...)` instead.
nonisolated(unsafe) private var reprInProgress = Set<ObjectIdentifier>()

/// A child's repr, cut short where the module is its own ancestor.
func childRepr(_ child: Module?) -> String {
    guard let child else { return "None" }
    let id = ObjectIdentifier(child)
    if reprInProgress.contains(id) { return child.typeName + "(...)" }
    reprInProgress.insert(id)
    defer { reprInProgress.remove(id) }
    return child.description
}

/// `_addindent(s, n)`: every line after the first gets `n` spaces. Module's version leaves blank lines
/// empty; the copy in `container.py` (used by `ModuleList`) indents them too (`blankLinesToo`).
func addIndent(_ text: String, _ spaces: Int, blankLinesToo: Bool = false) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.count == 1 { return text }
    let pad = String(repeating: " ", count: spaces)
    let rest = lines.dropFirst().map { line -> String in
        if !blankLinesToo && line.allSatisfy(\.isWhitespace) { return "" }
        return pad + line
    }
    return ([String(lines[0])] + rest).joined(separator: "\n")
}
