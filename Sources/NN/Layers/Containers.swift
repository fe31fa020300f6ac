import TensorEngine

/// Python's index check for containers: `IndexError: index 5 is out of range`; returns the index in 0..<count.
func absoluteIndex(_ index: Int, count: Int) throws -> Int {
    guard -count <= index && index < count else { throw TensorError(.index, "index \(index) is out of range") }
    return index < 0 ? index + count : index
}

/// Python's `slice.indices(len)`: the positions a slice `start:stop:step` selects.
public func sliceIndices(start: Int?, stop: Int?, step: Int?, count: Int) throws -> [Int] {
    let step = step ?? 1
    guard step != 0 else { throw TensorError(.value, "slice step cannot be zero") }
    func clamp(_ value: Int?, _ defaultValue: Int) -> Int {
        guard var v = value else { return defaultValue }
        if v < 0 { v += count }
        return step > 0 ? min(max(v, 0), count) : min(max(v, -1), count - 1)
    }
    let lo = clamp(start, step > 0 ? 0 : count - 1)
    let hi = clamp(stop, step > 0 ? count : -1)
    return Array(stride(from: lo, to: hi, by: step))
}

/// `nn.Sequential(*modules)` or `nn.Sequential(OrderedDict(...))`: runs its children in order.
///
/// Children are keyed "0", "1", … (or by the given names); indexing counts positions, not keys, and a
/// slice keeps the original keys.
open class Sequential: Module {
    public init(_ modules: [Module] = []) {
        super.init()
        for (i, m) in modules.enumerated() { moduleStore.set(String(i), m) }
    }

    /// `Sequential(OrderedDict([(name, module), ...]))`.
    public init(named modules: [(String, Module)]) throws {
        super.init()
        for (name, m) in modules { try addModule(name, m) }
    }

    open override var typeName: String { "Sequential" }
    open override var pythonModuleName: String { "torch.nn.modules.container" }

    public var count: Int { moduleStore.count }

    /// The children in order (`iter(seq)`); None slots are skipped.
    public var layers: [Module] { moduleStore.values.compactMap { $0 } }

    open override func forward(_ input: Tensor) throws -> Tensor {
        var x = input
        for m in moduleStore.values {
            guard let m else { throw TensorError(.type, "'NoneType' object is not callable") }
            x = try m.callHooked(x)
        }
        return x
    }

    /// `seq[i]`, negative counting from the end.
    public func module(at index: Int) throws -> Module? {
        let keys = moduleStore.keys
        return moduleStore.value(forKey: keys[try absoluteIndex(index, count: keys.count)]) ?? nil
    }

    /// `seq[start:stop:step]`: a new Sequential with the selected children under their original keys.
    public func slice(start: Int?, stop: Int?, step: Int? = nil) throws -> Sequential {
        let items = moduleStore.items
        let out = Sequential()
        for i in try sliceIndices(start: start, stop: stop, step: step, count: items.count) {
            out.moduleStore.set(items[i].key, items[i].value)
        }
        return out
    }

    /// `seq[i] = module`.
    public func setModule(at index: Int, _ module: Module) throws {
        let keys = moduleStore.keys
        moduleStore.set(keys[try absoluteIndex(index, count: keys.count)], module)
    }

    /// `del seq[i]`, then the keys are renumbered "0", "1", ….
    public func remove(at index: Int) throws {
        let keys = moduleStore.keys
        moduleStore.remove(keys[try absoluteIndex(index, count: keys.count)])
        renumber()
    }

    /// `del seq[start:stop:step]`.
    public func removeSlice(start: Int?, stop: Int?, step: Int? = nil) throws {
        let keys = moduleStore.keys
        for i in try sliceIndices(start: start, stop: stop, step: step, count: keys.count) { moduleStore.remove(keys[i]) }
        renumber()
    }

    /// `append(module)`: added under the key `str(len(self))`. Returns self.
    @discardableResult
    public func append(_ module: Module) throws -> Sequential {
        try addModule(String(count), module)
        return self
    }

    /// `extend(modules)`. Returns self.
    @discardableResult
    public func extend(_ modules: [Module]) throws -> Sequential {
        for m in modules { try append(m) }
        return self
    }

    /// `insert(index, module)`: shifts the later children up one key. Returns self.
    @discardableResult
    public func insert(_ index: Int, _ module: Module) throws -> Sequential {
        let n = moduleStore.count
        guard -n <= index && index <= n else { throw TensorError(.index, "Index out of range: \(index)") }
        let at = index < 0 ? index + n : index
        var i = n
        while i > at {
            moduleStore.set(String(i), moduleStore.value(forKey: String(i - 1)) ?? nil)
            i -= 1
        }
        moduleStore.set(String(at), module)
        return self
    }

    /// `pop(i)`.
    public func pop(_ index: Int) throws -> Module? {
        let m = try module(at: index)
        try remove(at: index)
        return m
    }

    /// `seq + other`: a new Sequential keyed "0", "1", ….
    public static func + (lhs: Sequential, rhs: Sequential) -> Sequential {
        Sequential(lhs.layers + rhs.layers)
    }

    /// `seq * n`: the children repeated n times (the same objects).
    public func repeated(_ times: Int) throws -> Sequential {
        guard times > 0 else {
            throw TensorError(.value, "Non-positive multiplication factor \(times) for <class 'torch.nn.modules.container.Sequential'>")
        }
        return Sequential(Array(Array(repeating: layers, count: times).joined()))
    }
}

/// `nn.ModuleList(modules)`: holds submodules under "0", "1", …; its repr compresses equal neighbours.
open class ModuleList: Module {
    public init(_ modules: [Module] = []) {
        super.init()
        for m in modules { moduleStore.set(String(moduleStore.count), m) }
    }

    open override var typeName: String { "ModuleList" }
    open override var pythonModuleName: String { "torch.nn.modules.container" }

    public var count: Int { moduleStore.count }
    public var layers: [Module] { moduleStore.values.compactMap { $0 } }

    open override func forward(_ input: Tensor) throws -> Tensor {
        throw TensorError(.notImplemented, "Module [ModuleList] is missing the required \"forward\" function")
    }

    public func module(at index: Int) throws -> Module? {
        moduleStore.value(forKey: String(try absoluteIndex(index, count: count))) ?? nil
    }

    public func slice(start: Int?, stop: Int?, step: Int? = nil) throws -> ModuleList {
        let values = moduleStore.values
        return ModuleList(try sliceIndices(start: start, stop: stop, step: step, count: values.count).compactMap { values[$0] })
    }

    public func setModule(at index: Int, _ module: Module) throws {
        moduleStore.set(String(try absoluteIndex(index, count: count)), module)
    }

    public func remove(at index: Int) throws {
        moduleStore.remove(String(try absoluteIndex(index, count: count)))
        renumber()
    }

    @discardableResult
    public func append(_ module: Module) throws -> ModuleList {
        try addModule(String(count), module)
        return self
    }

    @discardableResult
    public func extend(_ modules: [Module]) throws -> ModuleList {
        for m in modules { try append(m) }
        return self
    }

    /// `insert(index, module)` (no range check, as in PyTorch).
    public func insert(_ index: Int, _ module: Module) {
        var i = count
        while i > index {
            moduleStore.set(String(i), moduleStore.value(forKey: String(i - 1)) ?? nil)
            i -= 1
        }
        moduleStore.set(String(index), module)
    }

    public func pop(_ index: Int) throws -> Module? {
        let m = try module(at: index)
        try remove(at: index)
        return m
    }

    /// `ModuleList.__repr__`: `(0-2): 3 x Linear(...)` for runs of equal reprs.
    open override var description: String {
        let reprs = moduleStore.values.map { childRepr($0) }
        guard !reprs.isEmpty else { return typeName + "()" }
        var blocks: [(start: Int, end: Int, repr: String)] = []
        for (i, r) in reprs.enumerated() {
            if let last = blocks.last, last.repr == r { blocks[blocks.count - 1].end = i } else { blocks.append((i, i, r)) }
        }
        let lines = blocks.map { b -> String in
            let local = b.start == b.end ? "(\(b.start)): \(b.repr)" : "(\(b.start)-\(b.end)): \(b.end - b.start + 1) x \(b.repr)"
            return addIndent(local, 2, blankLinesToo: true)
        }
        return typeName + "(\n  " + lines.joined(separator: "\n  ") + "\n)"
    }
}

/// `nn.ModuleDict(modules)`: submodules under string keys, in insertion order.
open class ModuleDict: Module {
    public init(_ modules: [(String, Module)] = []) throws {
        super.init()
        try update(modules)
    }

    open override var typeName: String { "ModuleDict" }
    open override var pythonModuleName: String { "torch.nn.modules.container" }

    public var count: Int { moduleStore.count }
    public var keys: [String] { moduleStore.keys }
    public func contains(_ key: String) -> Bool { moduleStore.contains(key) }

    /// `md[key]`: `KeyError: 'key'` when absent.
    public func module(forKey key: String) throws -> Module? {
        guard let m = moduleStore.value(forKey: key) else { throw NNError.key(key) }
        return m
    }

    public func setModule(_ key: String, _ module: Module) throws { try addModule(key, module) }

    public func remove(_ key: String) throws {
        guard moduleStore.remove(key) != nil else { throw NNError.key(key) }
    }

    public func pop(_ key: String) throws -> Module? {
        let m = try module(forKey: key)
        try remove(key)
        return m
    }

    public func clear() { moduleStore.removeAll() }

    public func update(_ modules: [(String, Module)]) throws {
        for (k, m) in modules { try addModule(k, m) }
    }

    open override func forward(_ input: Tensor) throws -> Tensor {
        throw TensorError(.notImplemented, "Module [ModuleDict] is missing the required \"forward\" function")
    }
}

/// The one-line summary `ParameterList`/`ParameterDict` print per entry.
func parameterSummary(_ p: Tensor, typeText: String) -> String {
    let size = p.shape.map(String.init).joined(separator: "x")
    return "\(p.isParameter ? "Parameter" : "Tensor") containing: [\(typeText) of size \(size)]"
}

/// `nn.ParameterList(values)`: parameters under "0", "1", …; plain tensors are wrapped as Parameters.
open class ParameterList: Module {
    public init(_ values: [Tensor] = []) throws {
        super.init()
        for v in values { try append(v) }
    }

    open override var typeName: String { "ParameterList" }
    open override var pythonModuleName: String { "torch.nn.modules.container" }

    public var count: Int { parameterStore.count }
    public var values: [Tensor] { parameterStore.values.compactMap { $0 } }

    public func parameter(at index: Int) throws -> Tensor? {
        parameter(String(try absoluteIndex(index, count: count)))
    }

    public func setParameter(at index: Int, _ value: Tensor) throws {
        let key = String(try absoluteIndex(index, count: count))
        try setAttribute(key, .tensor(value.isParameter ? value : Parameter.make(value)))
    }

    @discardableResult
    public func append(_ value: Tensor) throws -> ParameterList {
        let key = String(count)
        parameterStore.set(key, nil)
        try setAttribute(key, .tensor(value.isParameter ? value : Parameter.make(value)))
        return self
    }

    @discardableResult
    public func extend(_ values: [Tensor]) throws -> ParameterList {
        for v in values { try append(v) }
        return self
    }

    open override func forward(_ input: Tensor) throws -> Tensor {
        throw TensorError(.runtime, "ParameterList should not be called.")
    }

    open override func extraRepr() -> String {
        parameterStore.values.enumerated().map { k, p in
            "  (\(k)): " + (p.map { parameterSummary($0, typeText: $0.dtype.torchName) } ?? "Object of type: NoneType")
        }.joined(separator: "\n")
    }
}

/// `nn.ParameterDict(parameters)`: parameters under string keys; plain tensors are wrapped.
open class ParameterDict: Module {
    public init(_ values: [(String, Tensor)] = []) throws {
        super.init()
        for (k, v) in values { try setParameter(k, v) }
    }

    open override var typeName: String { "ParameterDict" }
    open override var pythonModuleName: String { "torch.nn.modules.container" }

    public var count: Int { parameterStore.count }
    public var keys: [String] { parameterStore.keys }
    public func contains(_ key: String) -> Bool { parameterStore.contains(key) }

    public func parameter(forKey key: String) throws -> Tensor? {
        guard let p = parameterStore.value(forKey: key) else {
            throw NNError.attribute("'ParameterDict' object has no attribute '\(key)'")
        }
        return p
    }

    public func setParameter(_ key: String, _ value: Tensor) throws {
        try setAttribute(key, .tensor(value.isParameter ? value : Parameter.make(value)))
    }

    public func remove(_ key: String) throws {
        guard parameterStore.remove(key) != nil else { throw NNError.key(key) }
    }

    open override func forward(_ input: Tensor) throws -> Tensor {
        throw TensorError(.runtime, "ParameterDict should not be called.")
    }

    open override func extraRepr() -> String {
        parameterStore.items.map { k, p in
            "  (\(k)): " + (p.map { parameterSummary($0, typeText: $0.dtype.legacyTensorTypeName) } ?? "Object of type: NoneType")
        }.joined(separator: "\n")
    }
}

extension Module {
    /// Re-keys the submodules "0", "1", … in their order, as PyTorch's containers do after a removal.
    func renumber() {
        let values = moduleStore.values
        moduleStore.removeAll()
        for (i, m) in values.enumerated() { moduleStore.set(String(i), m) }
    }
}
