/// A Python class: builtin (`int`, `list`), native (registered from Swift) or user-defined (`class A: ...`).
public final class PyType: PyObject {
    public let name: String
    public var module: String
    public var qualname: String
    public private(set) var bases: [PyType]
    @exclusivity(unchecked) public private(set) var mro: [PyType] = []
    @exclusivity(unchecked) public var dict = StrDict() {
        didSet { TypeEpoch.bump() }  // invalidates every type's cached method lookups
    }
    let fastBinaryTable = FastBinaryTable()
    /// Builtin types reject attribute assignment (`int.x = 1`), as CPython's static types do.
    public var isImmutable: Bool
    @exclusivity(unchecked) public var instancesHaveDict: Bool
    /// `__new__` for native types: builds the instance (and its payload). Inherited along the MRO.
    public var newInstance: NativeFunction?

    /// Creates a type. Native types are usually created with just `name`, `module` and `base`.
    public init(name: String, module: String = "builtins", bases: [PyType], qualname: String? = nil,
                isImmutable: Bool = false, instancesHaveDict: Bool = true) {
        self.name = name
        self.module = module
        self.qualname = qualname ?? name
        self.bases = bases
        self.isImmutable = isImmutable
        self.instancesHaveDict = instancesHaveDict
        super.init(metatype: ())
        mro = (try? PyType.c3(self, bases)) ?? [self] + bases.flatMap(\.mro)
    }

    public convenience init(name: String, module: String = "builtins", base: PyType?, isImmutable: Bool = false,
                            instancesHaveDict: Bool = true) {
        self.init(name: name, module: module, bases: base.map { [$0] } ?? [], isImmutable: isImmutable,
                  instancesHaveDict: instancesHaveDict)
    }

    /// For `class` statements: fails with CPython's TypeError when no consistent MRO exists.
    static func makeUserClass(name: String, qualname: String, module: String, bases: [PyType]) throws -> PyType {
        let t = PyType(name: name, module: module, bases: bases, qualname: qualname)
        t.mro = try c3(t, bases)
        t.instancesHaveDict = true
        return t
    }

    private static func c3(_ t: PyType, _ bases: [PyType]) throws -> [PyType] {
        var seqs = bases.map(\.mro) + [bases]
        var result = [t]
        while true {
            seqs = seqs.filter { !$0.isEmpty }
            if seqs.isEmpty { return result }
            guard let head = seqs.lazy.map({ $0[0] }).first(where: { h in
                !seqs.contains { $0.dropFirst().contains { $0 === h } }
            }) else {
                let names = bases.map(\.name).joined(separator: ", ")
                throw PyError.typeError("Cannot create a consistent method resolution order (MRO) for bases \(names)")
            }
            result.append(head)
            for i in seqs.indices where seqs[i][0] === head { seqs[i].removeFirst() }
        }
    }

    /// Finds `name` along the MRO.
    public func lookup(_ name: String) -> Value? {
        for t in mro {
            if let v = t.dict[name] { return v }
        }
        return nil
    }

    /// The type in the MRO that defines `name`.
    func definingType(_ name: String) -> PyType? {
        mro.first { $0.dict[name] != nil }
    }

    public func isSubtype(of other: PyType) -> Bool {
        self === other || mro.contains { $0 === other }
    }

    var inheritedNew: NativeFunction? {
        for t in mro { if let n = t.newInstance { return n } }
        return nil
    }

    public var fullName: String { module == "builtins" ? qualname : "\(module).\(qualname)" }

    /// Adds a native method; `args[0]` is `self` when called through an instance.
    public func addMethod(_ name: String, _ body: @escaping NativeFunction) {
        dict[name] = .object(PyBuiltinFunction(name: name, owner: self, body))
    }

    /// Adds a native property (`obj.shape`); `set` nil makes it read-only.
    public func addProperty(_ name: String, get: @escaping (Interpreter, Value) throws -> Value,
                            set: ((Interpreter, Value, Value) throws -> Void)? = nil) {
        let getter = PyBuiltinFunction(name: name, owner: self) { interp, args, _ in try get(interp, args[0]) }
        var setter: Value = .none
        if let set {
            setter = .object(PyBuiltinFunction(name: name, owner: self) { interp, args, _ in
                try set(interp, args[0], args[1]); return .none
            })
        }
        dict[name] = .object(PyProperty(fget: .object(getter), fset: setter, fdel: .none, doc: .none))
    }

    public func addStaticMethod(_ name: String, _ body: @escaping NativeFunction) {
        dict[name] = .object(PyStaticMethod(.object(PyBuiltinFunction(name: name, owner: nil, body))))
    }

    public func addClassMethod(_ name: String, _ body: @escaping NativeFunction) {
        dict[name] = .object(PyClassMethod(.object(PyBuiltinFunction(name: name, owner: self, body))))
    }
}

/// The builtin types. Method tables are installed by the `install...` functions in Builtins*.swift.
public enum Types {
    public static let type: PyType = {
        let t = PyType(name: "type", bases: [object], isImmutable: true, instancesHaveDict: false)
        installTypeMethods(t)
        return t
    }()
    public static let object = PyType(name: "object", bases: [], isImmutable: true, instancesHaveDict: false)
    /// `object`'s methods are built from other builtin types, so they are installed after it exists.
    static let bootstrapped: Bool = {
        installObjectMethods(object)
        return true
    }()
    static func builtin(_ name: String, _ install: ((PyType) -> Void)? = nil, base: PyType = object,
                        dict: Bool = false) -> PyType {
        let t = PyType(name: name, bases: [base], isImmutable: true, instancesHaveDict: dict)
        install?(t)
        return t
    }
    public static let noneType = builtin("NoneType")
    public static let notImplementedType = builtin("NotImplementedType")
    public static let ellipsisType = builtin("ellipsis")
    public static let int = builtin("int", installIntMethods)
    public static let bool = builtin("bool", installBoolMethods, base: int)
    public static let float = builtin("float", installFloatMethods)
    public static let str = builtin("str", installStrMethods)
    public static let list = builtin("list", installListMethods)
    public static let tuple = builtin("tuple", installTupleMethods)
    public static let dict = builtin("dict", installDictMethods)
    public static let set = builtin("set", { installSetMethods($0, frozen: false) })
    public static let frozenset = builtin("frozenset", { installSetMethods($0, frozen: true) })
    public static let bytes = builtin("bytes", installBytesMethods)
    public static let range = builtin("range", installRangeMethods)
    public static let slice = builtin("slice", installSliceMethods)
    public static let function = builtin("function", installFunctionMethods, dict: true)
    public static let builtinFunction = builtin("builtin_function_or_method")
    public static let method = builtin("method")
    public static let module = builtin("module", dict: true)
    public static let property = builtin("property", installPropertyMethods)
    public static let staticmethod = builtin("staticmethod", installStaticMethodType)
    public static let classmethod = builtin("classmethod", installClassMethodType)
    public static let superType = builtin("super", installSuperType)
    public static let generator = builtin("generator", installIteratorMethods)
    public static let enumerate = builtin("enumerate", installIteratorMethods)
    public static let zip = builtin("zip", installIteratorMethods)
    public static let map = builtin("map", installIteratorMethods)
    public static let filter = builtin("filter", installIteratorMethods)
    public static let reversed = builtin("reversed", installIteratorMethods)
    public static let listIterator = builtin("list_iterator", installIteratorMethods)
    public static let tupleIterator = builtin("tuple_iterator", installIteratorMethods)
    public static let rangeIterator = builtin("range_iterator", installIteratorMethods)
    public static let strIterator = builtin("str_ascii_iterator", installIteratorMethods)
    public static let dictKeyIterator = builtin("dict_keyiterator", installIteratorMethods)
    public static let dictValueIterator = builtin("dict_valueiterator", installIteratorMethods)
    public static let dictItemIterator = builtin("dict_itemiterator", installIteratorMethods)
    public static let setIterator = builtin("set_iterator", installIteratorMethods)
    public static let iterator = builtin("iterator", installIteratorMethods)
    public static let dictKeys = builtin("dict_keys", installDictViewMethods)
    public static let dictValues = builtin("dict_values", installDictViewMethods)
    public static let dictItems = builtin("dict_items", installDictViewMethods)
}
