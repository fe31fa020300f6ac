/// A function frame's variables: one array slot per name the body binds (its `LocalLayout`, fixed when the
/// `def` is compiled), so name sites can cache a slot instead of hashing the name on every access.

/// The local names of one code object, in slot order.
final class LocalLayout: Sendable {
    static let empty = LocalLayout([])
    let slots: [String: Int]
    let names: [String]
    init(_ names: Set<String>) {
        self.names = names.sorted()
        var s: [String: Int] = [:]
        for (i, n) in self.names.enumerated() { s[n] = i }
        slots = s
    }
}

/// Dictionary-like by name (`frame.locals["x"]`), and by slot for cached sites.
struct LocalStore: Sequence {
    let layout: LocalLayout
    @usableFromInline var values: [Value?]
    /// Names outside the layout (none in practice; kept so a store never fails).
    private var extra: [String: Value] = [:]

    init(_ layout: LocalLayout) {
        self.layout = layout
        values = Array(repeating: nil, count: layout.names.count)
    }

    subscript(name: String) -> Value? {
        get {
            if let i = layout.slots[name] { return values[i] }
            return extra[name]
        }
        set {
            if let i = layout.slots[name] { values[i] = newValue } else { extra[name] = newValue }
        }
    }

    @discardableResult
    mutating func removeValue(forKey name: String) -> Value? {
        if let i = layout.slots[name] {
            let old = values[i]
            values[i] = nil
            return old
        }
        return extra.removeValue(forKey: name)
    }

    /// The bound variables (unbound slots skipped).
    func makeIterator() -> AnyIterator<(key: String, value: Value)> {
        var bound: [(key: String, value: Value)] = []
        for (i, n) in layout.names.enumerated() { if let v = values[i] { bound.append((n, v)) } }
        for (k, v) in extra { bound.append((k, v)) }
        return AnyIterator(bound.makeIterator())
    }
}
