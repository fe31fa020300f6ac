import TensorEngine

/// A value being assigned to a module attribute, as `Module.__setattr__` sees it.
public enum ModuleAttributeValue {
    /// A tensor; it counts as an `nn.Parameter` when `isParameter` is set.
    case tensor(Tensor)
    case module(Module)
    case none
    /// Anything else; `typeName` is `torch.typename(value)` (`int`, `str`, `__main__.Foo`).
    case other(typeName: String)
}

/// What `Module.__getattr__` finds in the three stores. Payloads are nil for registered `None`s.
public enum ModuleMember {
    case parameter(Tensor?)
    case buffer(Tensor?)
    case module(Module?)
}

/// `torch.nn.Module`: three ordered stores (parameters, buffers, submodules) filled through one routing
/// point (`setAttribute`), and thin walks over them (`namedParameters`, `stateDict`, `description`).
open class Module: CustomStringConvertible {
    /// `_parameters`, in registration order; a value may be nil (`register_parameter('w', None)`).
    public internal(set) var parameterStore = OrderedStore<Tensor?>()
    /// `_buffers`.
    public internal(set) var bufferStore = OrderedStore<Tensor?>()
    /// `_non_persistent_buffers_set`.
    public internal(set) var nonPersistentBuffers = Set<String>()
    /// `_modules`.
    public internal(set) var moduleStore = OrderedStore<Module?>()
    /// `self.training`.
    public var training = true

    /// Answers Python's `hasattr(self, name)` for names outside the three stores (plain attributes the
    /// bindings hold, methods). `register_parameter`/`register_buffer`/`add_module` consult it.
    public var plainAttributeExists: ((String) -> Bool)?

    public init() {}

    /// `type(self).__name__`, used by repr and error messages.
    open var typeName: String { "Module" }

    /// The Python module that defines the class (`torch.typename` is `pythonModuleName.typeName`).
    open var pythonModuleName: String { "torch.nn.modules.module" }

    /// Attribute names every instance of this class has besides the stores (`in_features`, methods).
    open var builtinAttributeNames: Set<String> { Module.moduleMethodNames }

    /// `torch.typename(module)`, e.g. `torch.nn.modules.linear.Linear`.
    public var qualifiedTypeName: String { "\(pythonModuleName).\(typeName)" }

    /// `extra_repr()`: the one-line (or multi-line) summary inside `Name(...)`.
    open func extraRepr() -> String { "" }

    /// `repr(module)`: `Module.__repr__` (overridden by containers such as `ModuleList`).
    open var description: String { standardRepr() }

    /// `forward(input)`: the single-tensor path that containers use.
    open func forward(_ input: Tensor) throws -> Tensor {
        throw TensorError(.notImplemented, "Module [\(typeName)] is missing the required \"forward\" function")
    }

    /// `module(input)`.
    public func callAsFunction(_ input: Tensor) throws -> Tensor { try forward(input) }

    /// `reset_parameters()`: layers with parameters re-draw them here.
    open func resetParameters() throws {}

    // MARK: Lookup

    /// `hasattr(self, name)` as `register_*` checks it.
    public func hasAttribute(_ name: String) -> Bool {
        parameterStore.contains(name) || bufferStore.contains(name) || moduleStore.contains(name)
            || builtinAttributeNames.contains(name) || (plainAttributeExists?(name) ?? false)
    }

    /// The store entry for `name`, or nil when no store has it (then Python looks elsewhere).
    public func member(_ name: String) -> ModuleMember? {
        if let p = parameterStore.value(forKey: name) { return .parameter(p) }
        if let b = bufferStore.value(forKey: name) { return .buffer(b) }
        if let m = moduleStore.value(forKey: name) { return .module(m) }
        return nil
    }

    /// `Module.__getattr__`: the stores, else `AttributeError: 'Linear' object has no attribute 'foo'`.
    public func attribute(_ name: String) throws -> ModuleMember {
        if let found = member(name) { return found }
        throw NNError.attribute("'\(typeName)' object has no attribute '\(name)'")
    }

    /// The parameter `name`, nil when absent or registered as None.
    public func parameter(_ name: String) -> Tensor? { parameterStore.value(forKey: name) ?? nil }
    public func buffer(_ name: String) -> Tensor? { bufferStore.value(forKey: name) ?? nil }
    public func submodule(_ name: String) -> Module? { moduleStore.value(forKey: name) ?? nil }

    // MARK: Registration

    /// `register_parameter(name, param)`; `param` nil registers None.
    public func registerParameter(_ name: String, _ param: Tensor?) throws {
        try checkName(name, kind: "parameter", existing: parameterStore.contains(name))
        try storeParameter(name, param)
    }

    private func storeParameter(_ name: String, _ param: Tensor?) throws {
        guard let param else { parameterStore.set(name, nil); return }
        guard param.isParameter else {
            throw TensorError.typeError("cannot assign '\(param.dtype.legacyTensorTypeName)' object to parameter '\(name)' "
                + "(torch.nn.Parameter or None required)")
        }
        if param.gradFn != nil {
            throw TensorError.valueError("Cannot assign non-leaf Tensor to parameter '\(name)'. Model parameters must be "
                + "created explicitly. To express '\(name)' as a function of another Tensor, compute the value in "
                + "the forward() method.")
        }
        parameterStore.set(name, param)
    }

    /// `register_buffer(name, tensor, persistent)`.
    public func registerBuffer(_ name: String, _ tensor: Tensor?, persistent: Bool = true) throws {
        try checkName(name, kind: "buffer", existing: bufferStore.contains(name))
        storeBuffer(name, tensor, persistent: persistent)
    }

    private func storeBuffer(_ name: String, _ tensor: Tensor?, persistent: Bool) {
        bufferStore.set(name, tensor)
        if persistent { nonPersistentBuffers.remove(name) } else { nonPersistentBuffers.insert(name) }
    }

    /// `add_module(name, module)` / `register_module`.
    public func addModule(_ name: String, _ module: Module?) throws {
        if hasAttribute(name) && !moduleStore.contains(name) {
            throw NNError.key("attribute '\(name)' already exists")
        }
        if name.contains(".") { throw NNError.key("module name can't contain \".\", got: \(name)") }
        if name.isEmpty { throw NNError.key("module name can't be empty string \"\"") }
        moduleStore.set(name, module)
    }

    /// `add_module` with a value that is not a Module: `TypeError: int is not a Module subclass`.
    public static func notAModuleError(typeName: String) -> TensorError {
        TensorError.typeError("\(typeName) is not a Module subclass")
    }

    private func checkName(_ name: String, kind: String, existing: Bool) throws {
        if name.contains(".") { throw NNError.key("\(kind) name can't contain \".\"") }
        if name.isEmpty { throw NNError.key("\(kind) name can't be empty string \"\"") }
        if hasAttribute(name) && !existing { throw NNError.key("attribute '\(name)' already exists") }
    }

    // MARK: The routing point

    /// `Module.__setattr__(name, value)`: puts the value in the right store, or throws PyTorch's error.
    ///
    /// Returns false when the value belongs in none of the stores; the caller then keeps it as a plain
    /// attribute. When it returns true, the caller must drop any plain attribute called `name`
    /// (PyTorch's `remove_from(self.__dict__)`).
    @discardableResult
    public func setAttribute(_ name: String, _ value: ModuleAttributeValue) throws -> Bool {
        if case .tensor(let t) = value, t.isParameter {
            bufferStore.remove(name)
            moduleStore.remove(name)
            nonPersistentBuffers.remove(name)
            if name.contains(".") { throw NNError.key("parameter name can't contain \".\"") }
            if name.isEmpty { throw NNError.key("parameter name can't be empty string \"\"") }
            try storeParameter(name, t)
            return true
        }
        if parameterStore.contains(name) {
            if case .none = value { parameterStore.set(name, nil); return true }
            throw TensorError.typeError("cannot assign '\(typeName(of: value))' as parameter '\(name)' "
                + "(torch.nn.Parameter or None expected)")
        }
        if case .module(let m) = value {
            parameterStore.remove(name)
            bufferStore.remove(name)
            nonPersistentBuffers.remove(name)
            moduleStore.set(name, m)
            return true
        }
        if moduleStore.contains(name) {
            if case .none = value { moduleStore.set(name, nil); return true }
            throw TensorError.typeError("cannot assign '\(typeName(of: value))' as child module '\(name)' "
                + "(torch.nn.Module or None expected)")
        }
        if bufferStore.contains(name) {
            let persistent = !nonPersistentBuffers.contains(name)
            switch value {
            case .tensor(let t): storeBuffer(name, t, persistent: persistent)
            case .none: storeBuffer(name, nil, persistent: persistent)
            default:
                throw TensorError.typeError("cannot assign '\(typeName(of: value))' as buffer '\(name)' "
                    + "(torch.nn.Buffer, torch.Tensor or None expected)")
            }
            return true
        }
        return false
    }

    /// `Module.__delattr__` for the stores; false when `name` is in none of them.
    @discardableResult
    public func deleteAttribute(_ name: String) -> Bool {
        if parameterStore.remove(name) != nil { return true }
        if bufferStore.remove(name) != nil { nonPersistentBuffers.remove(name); return true }
        return moduleStore.remove(name) != nil
    }

    private func typeName(of value: ModuleAttributeValue) -> String {
        switch value {
        case .tensor(let t): t.dtype.legacyTensorTypeName
        case .module(let m): m.qualifiedTypeName
        case .none: "NoneType"
        case .other(let name): name
        }
    }

    /// The public methods and properties of `nn.Module`, which `hasattr` sees on every instance.
    static let moduleMethodNames: Set<String> = [
        "training", "forward", "register_buffer", "register_parameter", "add_module", "register_module",
        "get_submodule", "get_parameter", "get_buffer", "apply", "cuda", "cpu", "type", "float", "double",
        "half", "to", "state_dict", "load_state_dict", "parameters", "named_parameters", "buffers",
        "named_buffers", "children", "named_children", "modules", "named_modules", "train", "eval",
        "requires_grad_", "zero_grad", "extra_repr", "dump_patches", "call_super_init",
    ]
}
