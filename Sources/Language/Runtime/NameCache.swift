/// Inline caches that let hot loops skip string hashing: where a global name was last found, and which
/// native binary-operator method a type resolves to. Every use re-validates against a version stamp, so a
/// stale cache only costs a slow lookup, never a wrong value.
import Synchronization

/// Process-unique dict layout stamps: a (version, slot) pair can never match a different dict.
enum DictVersion {
    private static let counter = Atomic<Int>(0)
    @inline(__always)
    static func next() -> Int { counter.wrappingAdd(1, ordering: .relaxed).newValue }
}

/// Bumped whenever any type's `dict` changes, so per-type method caches know to look again.
enum TypeEpoch {
    private static let counter = Atomic<Int>(0)
    @inline(__always)
    static var current: Int { counter.load(ordering: .relaxed) }
    static func bump() { counter.wrappingAdd(1, ordering: .relaxed) }
}

/// One per `.name` expression node. `globalsVersion` is the globals dict's version when the name was
/// resolved; the name then lives at `globalsSlot` (`builtinsVersion < 0`) or, absent from globals, in the
/// builtins dict at `builtinsSlot` while that dict still has `builtinsVersion`. A function local lives at
/// `localSlot` of every frame whose locals use `localLayout`.
/// Unchecked Sendable: a parsed program is run by one interpreter (one thread) at a time, and a torn or
/// stale entry fails validation.
public final class NameCache: @unchecked Sendable {
    @exclusivity(unchecked) var globalsVersion = -1
    @exclusivity(unchecked) var globalsSlot = 0
    @exclusivity(unchecked) var builtinsVersion = -1
    @exclusivity(unchecked) var builtinsSlot = 0
    /// For a function's local: its slot in frames with this layout.
    @exclusivity(unchecked) var localLayout: LocalLayout?
    @exclusivity(unchecked) var localSlot = 0
    init() {}
}

extension Interpreter {
    /// `loadGlobal` through the site's cache.
    @inline(__always)
    func loadGlobal(_ name: String, _ f: Frame, cache c: NameCache) throws -> Value {
        let g = f.globals
        if c.globalsVersion == g.version {
            if c.builtinsVersion < 0 {
                if let v = g.value(atSlot: c.globalsSlot) { return v }
            } else if c.builtinsVersion == builtins.version, let v = builtins.value(atSlot: c.builtinsSlot) {
                return v
            }
        }
        return try loadGlobalRefreshing(name, f, c)
    }

    private func loadGlobalRefreshing(_ name: String, _ f: Frame, _ c: NameCache) throws -> Value {
        let g = f.globals
        if let s = g.slot(ofString: name), let v = g.value(atSlot: s) {
            c.globalsVersion = g.version
            c.globalsSlot = s
            c.builtinsVersion = -1
            return v
        }
        if let s = builtins.slot(ofString: name), let v = builtins.value(atSlot: s) {
            c.globalsVersion = g.version
            c.builtinsVersion = builtins.version
            c.builtinsSlot = s
            return v
        }
        return try loadGlobal(name, f)  // raises NameError with its suggestion
    }

    /// `globals[name] = v` through the site's cache: an existing key is replaced in place.
    @inline(__always)
    func storeGlobal(_ name: String, _ v: Value, _ g: PyDict, cache c: NameCache) {
        if c.globalsVersion == g.version, c.builtinsVersion < 0, g.replaceValue(atSlot: c.globalsSlot, v) { return }
        g[name] = v
        if let s = g.slot(ofString: name) {
            c.globalsVersion = g.version
            c.globalsSlot = s
            c.builtinsVersion = -1
        }
    }
}

/// A native binary method's fast entry: (self, other), no argument array.
public typealias NativeBinaryFunction = (_ interp: Interpreter, _ lhs: Value, _ rhs: Value) throws -> Value

extension BinaryOp {
    /// Position in a type's fast-method table.
    var cacheIndex: Int {
        switch self {
        case .add: 0
        case .sub: 1
        case .mul: 2
        case .div: 3
        case .floorDiv: 4
        case .mod: 5
        case .pow: 6
        case .matMul: 7
        case .bitAnd: 8
        case .bitOr: 9
        case .bitXor: 10
        case .lShift: 11
        case .rShift: 12
        }
    }
    static let cacheCount = 13
    static let byCacheIndex: [BinaryOp] = [.add, .sub, .mul, .div, .floorDiv, .mod, .pow, .matMul, .bitAnd, .bitOr,
                                           .bitXor, .lShift, .rShift]
}

/// The per-type table behind `PyType.fastBinaryMethod`.
final class FastBinaryTable {
    @exclusivity(unchecked) var epoch = -1
    @exclusivity(unchecked) var methods: [NativeBinaryFunction?] = Array(repeating: nil, count: BinaryOp.cacheCount)
}

extension PyType {
    /// The fast entry of the native `__add__`-style method this type's MRO resolves `op` to, if it has one.
    @inline(__always)
    func fastBinaryMethod(_ op: BinaryOp) -> NativeBinaryFunction? {
        let table = fastBinaryTable
        let epoch = TypeEpoch.current
        if table.epoch != epoch {
            for (i, o) in BinaryOp.byCacheIndex.enumerated() {
                table.methods[i] = lookup(o.dunders.0)?.as(PyBuiltinFunction.self)?.binary
            }
            table.epoch = epoch
        }
        return table.methods[op.cacheIndex]
    }

    /// `addMethod` for a binary dunder with a fast entry the interpreter calls without building `[self, other]`.
    /// `body` still serves explicit calls (`x.__add__(y)`), so both must agree.
    public func addMethod(_ name: String, _ body: @escaping NativeFunction, binary: @escaping NativeBinaryFunction) {
        let f = PyBuiltinFunction(name: name, owner: self, body)
        f.binary = binary
        dict[name] = .object(f)
    }
}
