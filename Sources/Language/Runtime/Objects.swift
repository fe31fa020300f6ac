/// The builtin container and callable objects.

public final class PyList: PyObject {
    public var items: [Value]
    public init(_ items: [Value] = [], type: PyType = Types.list) {
        self.items = items
        super.init(type: type)
    }

    deinit {
        if items.contains(where: { $0.object != nil }) { Trash.dispose(&items) }
    }
}

public final class PyTuple: PyObject {
    public private(set) var items: [Value]
    public init(_ items: [Value], type: PyType = Types.tuple) {
        self.items = items
        super.init(type: type)
    }

    deinit {
        if items.contains(where: { $0.object != nil }) { Trash.dispose(&items) }
    }
    static let empty = PyTuple([])
}

public final class PyBytes: PyObject {
    public let bytes: [UInt8]
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        super.init(type: Types.bytes)
    }
}

/// A hashable image of a Python value: `1`, `1.0` and `True` are the same key, as in Python.
public enum HashKey: Hashable {
    case none
    case int(Int)
    case float(Double)
    case str(String)
    case tuple([HashKey])
    case frozenset(Set<HashKey>)
    case identity(ObjectIdentifier)

    public init(_ value: Value) throws {
        switch value {
        case .none: self = .none
        case .bool(let b): self = .int(b ? 1 : 0)
        case .int(let i): self = .int(i)
        case .float(let d):
            if d.rounded() == d, let i = Int(exactly: d) { self = .int(i) } else { self = .float(d) }
        case .str(let s): self = .str(s)
        case .object(let o):
            if let t = o as? PyTuple {
                self = .tuple(try t.items.map(HashKey.init))
            } else if let s = o as? PySet, s.type.isSubtype(of: Types.frozenset) {
                self = .frozenset(Set(s.storage.keys))
            } else if o is PyList || o is PyDict || o is PySet {
                throw PyError.typeError("unhashable type: '\(o.type.name)'")
            } else if o.type.lookup("__eq__") != nil && o.type.lookup("__hash__").map({ $0.isNone }) == true {
                throw PyError.typeError("unhashable type: '\(o.type.name)'")
            } else {
                self = .identity(o.identity)
            }
        }
    }
}

/// An insertion-ordered dict.
///
/// `version` changes whenever a key is added or removed (not when a value is replaced) and is unique across
/// all dicts, so (version, slot) identifies where a key lives: name caches (`NameCache`) rely on that.
public final class PyDict: PyObject {
    // Parallel arrays by slot (insertion order); a removed entry leaves a nil key (and a `.none` value) until
    // `compact`. Split so reading a value does not copy its key.
    @exclusivity(unchecked) private var slotKeys: [Value?] = []
    @exclusivity(unchecked) private var slotValues: [Value] = []
    @exclusivity(unchecked) private var index: [HashKey: Int] = [:]
    @exclusivity(unchecked) private(set) var version = DictVersion.next()

    public override init(type: PyType = Types.dict) {
        super.init(type: type)
    }

    deinit {
        var values = items.flatMap { [$0.key, $0.value] }
        slotKeys = []
        slotValues = []
        index = [:]
        Trash.dispose(&values)
    }

    public var count: Int { index.count }
    public var keys: [Value] { slotKeys.compactMap { $0 } }
    public var values: [Value] { slotKeys.indices.compactMap { slotKeys[$0] == nil ? nil : slotValues[$0] } }
    public var items: [(key: Value, value: Value)] {
        slotKeys.indices.compactMap { i in slotKeys[i].map { ($0, slotValues[i]) } }
    }

    public func get(_ key: Value) throws -> Value? {
        guard let i = index[try HashKey(key)] else { return nil }
        return slotValues[i]
    }

    public func set(_ key: Value, _ value: Value) throws {
        let h = try HashKey(key)
        if let i = index[h] {
            slotValues[i] = value
        } else {
            index[h] = slotKeys.count
            slotKeys.append(key)
            slotValues.append(value)
            version = DictVersion.next()
        }
    }

    /// Where a string key lives, valid until `version` changes.
    func slot(ofString key: String) -> Int? { index[.str(key)] }

    /// The value at a slot found with `slot(ofString:)` while `version` is unchanged (so the entry is live).
    @inline(__always)
    func value(atSlot slot: Int) -> Value? {
        slot < slotValues.count ? slotValues[slot] : nil
    }

    /// Replaces the value at a slot found while `version` is unchanged (no layout change, so `version` stays).
    @inline(__always)
    func replaceValue(atSlot slot: Int, _ value: Value) -> Bool {
        guard slot < slotValues.count else { return false }
        slotValues[slot] = value
        return true
    }

    public subscript(key: String) -> Value? {
        get {
            guard let i = index[.str(key)] else { return nil }  // string keys hash without the throwing path
            return slotValues[i]
        }
        set {
            if let newValue { try? set(.str(key), newValue) } else { _ = try? remove(.str(key)) }
        }
    }

    @discardableResult
    public func remove(_ key: Value) throws -> Value? {
        let h = try HashKey(key)
        guard let i = index.removeValue(forKey: h) else { return nil }
        let old = slotValues[i]
        slotKeys[i] = nil
        slotValues[i] = .none
        version = DictVersion.next()
        if slotKeys.count > 16 && index.count < slotKeys.count / 2 { compact() }
        return old
    }

    public func removeAll() {
        slotKeys = []
        slotValues = []
        index = [:]
        version = DictVersion.next()
    }

    private func compact() {
        let live = items
        slotKeys = live.map(\.key)
        slotValues = live.map(\.value)
        index = [:]
        for (i, k) in slotKeys.enumerated() {
            if let k, let h = try? HashKey(k) { index[h] = i }
        }
    }

    /// Entry at a raw slot, for iterators that must notice resizing.
    func entry(at slot: Int) -> (key: Value, value: Value)?? {
        slot < slotKeys.count ? .some(slotKeys[slot].map { ($0, slotValues[slot]) }) : .none
    }
}

public final class PySet: PyObject {
    /// Key to insertion position; `elements` holds the original values in order (with gaps after removal).
    var storage: [HashKey: Int] = [:]
    private var elements: [Value?] = []

    public init(frozen: Bool = false) {
        super.init(type: frozen ? Types.frozenset : Types.set)
    }

    public var count: Int { storage.count }
    public var items: [Value] { elements.compactMap { $0 } }

    public func contains(_ v: Value) throws -> Bool { storage[try HashKey(v)] != nil }

    public func add(_ v: Value) throws {
        let h = try HashKey(v)
        if storage[h] == nil {
            storage[h] = elements.count
            elements.append(v)
        }
    }

    @discardableResult
    public func remove(_ v: Value) throws -> Bool {
        guard let i = storage.removeValue(forKey: try HashKey(v)) else { return false }
        elements[i] = nil
        return true
    }

    public func removeAll() {
        storage = [:]
        elements = []
    }
}

public final class PyRange: PyObject {
    public let start: Int, stop: Int, step: Int
    public init(_ start: Int, _ stop: Int, _ step: Int) {
        self.start = start
        self.stop = stop
        self.step = step
        super.init(type: Types.range)
    }
    public var count: Int {
        if step > 0 { return start < stop ? lengthExact : 0 }
        return start > stop ? lengthExact : 0
    }
    private var lengthExact: Int {
        let (lo, hi, st) = step > 0 ? (start, stop, step) : (stop, start, -step)
        let diff = hi.subtractingReportingOverflow(lo)
        if diff.overflow { return Int.max }
        return (diff.partialValue - 1) / st + 1
    }
    public func element(_ i: Int) -> Int { start &+ i &* step }
}

public final class PySlice: PyObject {
    public let start: Value, stop: Value, step: Value
    public init(_ start: Value, _ stop: Value, _ step: Value) {
        self.start = start
        self.stop = stop
        self.step = step
        super.init(type: Types.slice)
    }
}

/// A module: a namespace with a name. Native modules are built from Swift and registered with the interpreter.
public final class PyModule: PyObject {
    public let name: String
    public let dict: PyDict
    public init(name: String, dict: PyDict = PyDict()) {
        self.name = name
        self.dict = dict
        super.init(type: Types.module)
        attributes = nil
        dict["__name__"] = .str(name)
    }
}

/// A native function or method. `owner` non-nil makes it bind `self` when found through an instance.
public final class PyBuiltinFunction: PyObject {
    public let name: String
    public weak var owner: PyType?
    let isMethod: Bool
    public let body: NativeFunction
    /// A binary dunder's fast entry (see `PyType.addMethod(_:_:binary:)`).
    var binary: NativeBinaryFunction?
    public init(name: String, owner: PyType?, _ body: @escaping NativeFunction) {
        self.name = name
        self.owner = owner
        self.isMethod = owner != nil
        self.body = body
        super.init(type: Types.builtinFunction)
    }
}

public final class PyBoundMethod: PyObject {
    public let selfValue: Value
    public let function: Value
    public init(self selfValue: Value, function: Value) {
        self.selfValue = selfValue
        self.function = function
        super.init(type: Types.method)
    }
}

public final class PyProperty: PyObject {
    public var fget: Value, fset: Value, fdel: Value, doc: Value
    public init(fget: Value, fset: Value, fdel: Value, doc: Value) {
        self.fget = fget
        self.fset = fset
        self.fdel = fdel
        self.doc = doc
        super.init(type: Types.property)
    }
}

public final class PyStaticMethod: PyObject {
    public let function: Value
    public init(_ function: Value) {
        self.function = function
        super.init(type: Types.staticmethod)
    }
}

public final class PyClassMethod: PyObject {
    public let function: Value
    public init(_ function: Value) {
        self.function = function
        super.init(type: Types.classmethod)
    }
}

public final class PySuper: PyObject {
    let thisType: PyType
    let target: Value
    init(thisType: PyType, target: Value) {
        self.thisType = thisType
        self.target = target
        super.init(type: Types.superType)
    }
}

/// Any iterator. Native code makes one from a closure: `PyIterator(type: Types.generator, qualname:
/// "Module.named_parameters") { interp in nextValueOrNil }` reprs as `<generator object Module.named_parameters at 0x...>`.
public final class PyIterator: PyObject {
    var state: IterState
    public let qualname: String?
    init(type: PyType, state: IterState, qualname: String? = nil) {
        self.state = state
        self.qualname = qualname
        super.init(type: type)
        attributes = nil
    }
    private var running = false

    /// The next element, or nil when exhausted.
    public func advance(_ interp: Interpreter) throws -> Value? {
        if running { throw PyError.valueError("generator already executing") }
        running = true
        defer { running = false }
        var s = state
        let r = try s.next(interp)
        state = s
        return r
    }

    public convenience init(type: PyType = Types.iterator, qualname: String? = nil,
                            next: @escaping (Interpreter) throws -> Value?) {
        self.init(type: type, state: .native(next), qualname: qualname)
    }
}
