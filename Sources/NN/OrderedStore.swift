/// A string-keyed store that remembers insertion order, like a Python `dict`.
///
/// Re-assigning an existing key keeps its position; removing and re-adding moves it to the end.
public struct OrderedStore<Value> {
    public private(set) var keys: [String] = []
    private var storage: [String: Value] = [:]

    public init() {}

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }
    public func contains(_ key: String) -> Bool { storage[key] != nil }

    /// The value for `key`, or nil when the key is absent.
    public func value(forKey key: String) -> Value? { storage[key] }

    public mutating func set(_ key: String, _ value: Value) {
        if storage.updateValue(value, forKey: key) == nil { keys.append(key) }
    }

    @discardableResult
    public mutating func remove(_ key: String) -> Value? {
        guard let old = storage.removeValue(forKey: key) else { return nil }
        keys.removeAll { $0 == key }
        return old
    }

    public mutating func removeAll() {
        keys = []
        storage = [:]
    }

    /// Key/value pairs in insertion order.
    public var items: [(key: String, value: Value)] {
        keys.compactMap { key in storage[key].map { (key, $0) } }
    }

    public var values: [Value] { items.map(\.value) }
}
