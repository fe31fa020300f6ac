/// nnrepl's Python object model: every Python value is a `Value`; everything that is not a small scalar or a
/// string is a `PyObject` whose `type` is a `PyType` (name, `__module__`, bases, C3 MRO, method dict).
///
/// ## Adding a native type (for TorchBindings)
/// ```swift
/// let tensorType = PyType(name: "Tensor", module: "torch", base: Types.object)
/// tensorType.addMethod("dim") { interp, args, kwargs in        // args[0] is self
///     guard let t = args[0].native(as: Tensor.self) else { throw PyError.typeError("expected a Tensor") }
///     return .int(t.rank)
/// }
/// tensorType.addMethod("__repr__") { interp, args, _ in .str(...) }   // any dunder: __add__, __radd__,
/// tensorType.addProperty("shape", get: { interp, obj in ... })          // __iadd__, __getitem__, __call__,
/// let obj = PyObject(type: tensorType); obj.native = tensor              // __getattr__, __len__, __iter__ ...
/// ```
/// Operators and protocols (`+`, `x[i]`, `len`, `for`, `with`, `bool`, `repr`, `f(x)`) dispatch through the
/// type's dunder methods exactly as CPython does (`__add__`, then the reflected `__radd__`, `NotImplemented`
/// falls through). Special methods: `__getattr__` runs only when normal lookup fails; `__setattr__` (if the type
/// or a base defines one) receives every `obj.x = v`; native code falls back with `interp.genericSetAttr`.
/// Use `interp.bind(args, kwargs, ["input", "dim"], ...)` (see `ArgumentBinding.swift`) to parse arguments.
///
/// ## Subclassable native types (`class Net(nn.Module)`)
/// Set `type.newInstance = { interp, args, kwargs in ... }` (`args[0]` is the class being instantiated, maybe a user
/// subclass: `let o = PyObject(type: cls); o.native = ...; return .object(o)`; inherited along the MRO; without one,
/// instances are plain `PyObject(type: cls)`; `__init__` then runs as usual), or allocate the payload
/// in the native `__init__` (called by `super().__init__()`). Native methods receive the user instance as
/// `args[0]`; `interp.callMethod(obj, "forward", args)` calls back into the user's Python methods.
///
/// ## Native modules
/// `let m = PyModule(name: "torch.nn"); m.dict["Linear"] = .object(linearType); interp.registerModule(m)`.
/// `import torch.nn as nn` resolves registered modules only; put submodules as attributes of their package.
///
/// ## Identity
/// `id(x)` and `x is y` use `PyObject.identity`, which is `ObjectIdentifier(native)` when `native` is set:
/// two wrappers of the same Swift object are the same Python object. `WrapperCache` returns one wrapper per
/// Swift object so attribute dicts are shared too.
///
/// ## Errors
/// Generators from native code: `PyIterator(type: Types.generator, qualname: "Module.parameters") { interp in ... }`.
/// Deeply nested lists/tuples/dicts are freed iteratively (`Trash`). Native code throws `PyError.runtimeError("...")`, `PyError.typeError(...)`, `PyError(type: someType, "msg")`,
/// or `PyError(typeName: "IndexError", "msg")`. Python `raise` produces the same `PyError`.
///
/// ## Calling Python from Swift
/// `interp.call(callable, args, kwargs)`, `interp.callMethod(obj, "name", args)`, `interp.getAttr(obj, "name")`,
/// `interp.repr(v)`, `interp.str(v)`, `interp.isTruthy(v)`, `interp.iterate(v) { element in ... }`.
public enum Value {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case str(String)
    case object(PyObject)
}

public typealias Kwargs = [(String, Value)]
/// A native function or method: for methods `args[0]` is `self`.
public typealias NativeFunction = (_ interp: Interpreter, _ args: [Value], _ kwargs: Kwargs) throws -> Value

extension Value {
    public static let notImplemented = Value.object(PySingleton.notImplemented)
    public static let ellipsis = Value.object(PySingleton.ellipsis)

    public var type: PyType {
        switch self {
        case .none: return Types.noneType
        case .bool: return Types.bool
        case .int: return Types.int
        case .float: return Types.float
        case .str: return Types.str
        case .object(let o): return o.type
        }
    }

    public var object: PyObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    public func `as`<T: PyObject>(_: T.Type) -> T? {
        if case .object(let o) = self { return o as? T }
        return nil
    }

    /// The Swift payload of a native object, if it has one of type `T`.
    public func native<T: AnyObject>(as: T.Type) -> T? {
        if case .object(let o) = self { return o.native as? T }
        return nil
    }

    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    public var isNotImplemented: Bool {
        if case .object(let o) = self { return o === PySingleton.notImplemented }
        return false
    }

    public var typeName: String { type.name }
}

/// An instance attribute store that remembers insertion order (`vars(obj)`, `__dict__` listing).
public struct StrDict {
    public private(set) var keys: [String] = []
    private var storage: [String: Value] = [:]

    public init() {}

    public subscript(key: String) -> Value? {
        get { storage[key] }
        set {
            if let v = newValue {
                if storage.updateValue(v, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public var count: Int { keys.count }
    public var items: [(String, Value)] { keys.compactMap { k in storage[k].map { (k, $0) } } }
}

/// Any Python object that is not a scalar or a string.
///
/// Hot stored properties here and in `PyDict`, `PyType`, `Frame`, `Interpreter` and the inline caches are
/// `@exclusivity(unchecked)`: the runtime check costs ~70 instructions per access and the interpreter is
/// single-threaded, with no access that can overlap another (Python code cannot run inside one).
open class PyObject {
    private let storedType: PyType?
    public var type: PyType { storedType ?? Types.type }
    /// The instance `__dict__`; nil for objects without one (lists, ints' friends, ...).
    @exclusivity(unchecked) public var attributes: StrDict?
    /// The Swift payload of a native object (a Tensor, a Module, ...). Identity follows it.
    @exclusivity(unchecked) public var native: AnyObject?

    public init(type: PyType) {
        storedType = type
        if type.instancesHaveDict { attributes = StrDict() }
    }

    /// For `PyType` only: its type is `type`.
    init(metatype: Void) {
        storedType = nil
    }

    /// What `id()` and `is` compare.
    open var identity: ObjectIdentifier { ObjectIdentifier(native ?? self) }
}

/// Returns one wrapper per Swift object so `id()`, `is` and instance attributes agree across lookups.
public final class WrapperCache {
    private struct Weak { weak var object: PyObject? }
    private var table: [ObjectIdentifier: Weak] = [:]
    public init() {}

    public func wrapper(for native: AnyObject, make: () -> PyObject) -> PyObject {
        let key = ObjectIdentifier(native)
        if let existing = table[key]?.object, existing.native === native { return existing }
        let wrapper = make()
        wrapper.native = native
        if table.count > 4096 { table = table.filter { $0.value.object != nil } }
        table[key] = Weak(object: wrapper)
        return wrapper
    }
}

enum PySingleton {
    static let notImplemented = PyObject(type: Types.notImplementedType)
    static let ellipsis = PyObject(type: Types.ellipsisType)
}

/// A small integer identity for `id()` and repr addresses.
func addressOf(_ object: PyObject) -> Int {
    Int(bitPattern: object.identity)
}

func hexAddress(_ object: PyObject) -> String {
    "0x" + String(UInt(bitPattern: object.identity), radix: 16)  // glibc %p, as CPython prints it
}

extension String {
    func leftPadded(to width: Int, with pad: Character) -> String {
        let n = count
        return n >= width ? self : String(repeating: pad, count: width - n) + self
    }
}
