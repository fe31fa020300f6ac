import Language
import NN
import TensorEngine

/// The Python face of the engine: `torch`, `torch.nn`, `torch.nn.init`, `torch.nn.functional`,
/// `collections` and the short `nnrepl` names, installed into one interpreter.
///
/// This is the one place where PyTorch's Python names map onto Swift ones (`state_dict` → `stateDict()`)
/// and where engine errors become Python exceptions (`bridged`).
public final class TorchLibrary {
    /// Installs every module and the short names (also as builtins).
    public static func install(into interpreter: Interpreter, allowedPaths: [String]) {
        let lib = TorchLibrary(allowedPaths: allowedPaths)
        lib.install(into: interpreter)
    }

    let allowedPaths: [String]
    let types = TorchTypes()
    private var moduleWrappers: [ObjectIdentifier: PyObject] = [:]
    let gradFnWrappers = WrapperCache()
    var accumulateGradNodes: [ObjectIdentifier: WeakAccumulateGrad] = [:]
    private var moduleTypesByName: [String: PyType] = [:]
    /// `relu`, `sigmoid`, `tanh` of the short names: the layer each stands for inside `seq(...)`.
    var bareActivations: [ObjectIdentifier: () -> Module] = [:]
    let defaultGenerator: PyObject

    init(allowedPaths: [String]) {
        self.allowedPaths = allowedPaths
        defaultGenerator = PyObject(type: types.generator)
        defaultGenerator.native = Generator.default
    }

    private func install(into interp: Interpreter) {
        NNWarnings.handler = { [weak interp] category, message in
            interp?.stderr("<stdin>:1: \(category): \(message)\n")
        }
        let collections = makeCollectionsModule()
        interp.registerModule(collections)

        let torch = PyModule(name: "torch")
        // The interpreter keeps the library alive through this object (closures hold it unowned).
        let keeper = PyObject(type: Types.object)
        keeper.native = self
        torch.dict["_C"] = .object(keeper)
        let nn = PyModule(name: "torch.nn")
        let initModule = PyModule(name: "torch.nn.init")
        let functional = PyModule(name: "torch.nn.functional")
        let parameterModule = PyModule(name: "torch.nn.parameter")
        let autograd = PyModule(name: "torch.autograd")
        let optim = PyModule(name: "torch.optim")
        let utils = PyModule(name: "torch.utils")
        let data = PyModule(name: "torch.utils.data")

        installTensorType()
        installTorchFunctions(into: torch)
        installModuleTypes(into: nn)
        installInit(into: initModule)
        installFunctional(into: functional)
        installTensorFormat()
        installSpatialLayers(nn)
        installSpatialFunctional(into: functional)
        installMoreLayers(nn: nn, functional: functional)
        installOptim(into: optim)
        installLRSchedulers(into: optim, interpreter: interp)
        installNNUtils(into: nn, interpreter: interp)
        installHooks(torch: torch, nn: nn, autograd: autograd)
        installData(into: data)
        torch.dict["optim"] = .object(optim)
        torch.dict["utils"] = .object(utils)
        utils.dict["data"] = .object(data)

        parameterModule.dict["Parameter"] = .object(types.parameter)
        parameterModule.dict["UninitializedParameter"] = .object(types.uninitializedParameter)
        nn.dict["Parameter"] = .object(types.parameter)
        nn.dict["UninitializedParameter"] = .object(types.uninitializedParameter)
        nn.dict["init"] = .object(initModule)
        nn.dict["functional"] = .object(functional)
        nn.dict["parameter"] = .object(parameterModule)
        torch.dict["nn"] = .object(nn)
        torch.dict["autograd"] = .object(autograd)
        autograd.dict["grad_mode"] = .none
        for name in ["no_grad", "enable_grad", "set_grad_enabled"] { autograd.dict[name] = torch.dict[name] }

        for m in [torch, nn, initModule, functional, parameterModule, autograd, optim, utils, data] { interp.registerModule(m) }

        let dsl = makeShortNames(torch: torch, initModule: initModule)
        interp.registerModule(dsl)
        for (key, value) in dsl.dict.items {
            if case .str(let name) = key, !name.hasPrefix("__") { try? interp.builtins.set(key, value) }
        }
    }

    // MARK: Wrapping

    /// The one Python object for a Swift tensor (`Tensor`, `Parameter` or `UninitializedParameter`).
    func wrap(_ t: Tensor) -> Value {
        let type = t.isUninitializedParameter ? types.uninitializedParameter
            : t.isParameter ? types.parameter : types.tensor
        if let existing = t.wrapperObject as? TensorObject, existing.native === t {
            if existing.type === type { return .object(existing) }
            // The class changed (LazyLinear materialised its parameter): same identity, new type.
            let replacement = TensorObject(type: type)
            replacement.attributes = existing.attributes
            replacement.native = t
            t.wrapperObject = replacement
            return .object(replacement)
        }
        let o = TensorObject(type: type)
        o.native = t
        t.wrapperObject = o
        return .object(o)
    }

    func wrap(_ t: Tensor?) -> Value { t.map { wrap($0) } ?? .none }

    /// The one Python object for a Swift module; native modules get the class their `typeName` names.
    func wrap(_ m: Module) -> Value {
        if let p = m as? PythonModule, let o = p.object { return .object(o) }
        let key = ObjectIdentifier(m)
        let type = moduleType(for: m)
        if let existing = moduleWrappers[key] {
            if existing.type === type { return .object(existing) }
            let replacement = PyObject(type: type)
            replacement.attributes = existing.attributes
            replacement.native = m
            moduleWrappers[key] = replacement
            return .object(replacement)
        }
        let o = PyObject(type: type)
        o.native = m
        m.plainAttributeExists = { [weak o] name in
            guard let o else { return false }
            return o.attributes?[name] != nil || o.type.lookup(name) != nil
        }
        moduleWrappers[key] = o
        return .object(o)
    }

    func wrap(_ m: Module?) -> Value { m.map { wrap($0) } ?? .none }

    func wrap(_ g: GradFn) -> Value {
        .object(gradFnWrappers.wrapper(for: g) { PyObject(type: gradFnType(g.name)) })
    }

    private var gradFnTypes: [String: PyType] = [:]
    private func gradFnType(_ name: String) -> PyType {
        if let t = gradFnTypes[name] { return t }
        let t = PyType(name: name, module: "builtins", base: types.gradFnBase)
        gradFnTypes[name] = t
        return t
    }

    /// The Python class for a native module (one per `typeName`, created on first use).
    func moduleType(for m: Module) -> PyType {
        if let t = moduleTypesByName[m.typeName] { return t }
        let t = PyType(name: m.typeName, module: m.pythonModuleName, base: types.module)
        moduleTypesByName[m.typeName] = t
        return t
    }

    func registerModuleType(_ t: PyType) { moduleTypesByName[t.name] = t }

    func tensor(_ v: Value) -> Tensor? { v.native(as: Tensor.self) }

    func module(_ v: Value) -> Module? { v.native(as: Module.self) }

    func requireTensor(_ v: Value, _ what: String) throws -> Tensor {
        guard let t = tensor(v) else { throw PyError.typeError("\(what) must be Tensor, not \(v.typeName)") }
        return t
    }

    func requireModule(_ v: Value) throws -> Module {
        guard let m = module(v) else { throw PyError.typeError("\(v.typeName) is not a Module subclass") }
        return m
    }

    /// `torch.Size([2, 3])`.
    func size(_ shape: [Int]) -> Value {
        .object(PyTuple(shape.map { .int($0) }, type: types.size))
    }

    func dtypeValue(_ d: DType) -> Value { .object(types.dtypeObjects[d]!) }
}

/// The Python object of a tensor (made only by `TorchLibrary.wrap`, its `native` never reassigned). It owns
/// the tensor, which points back to it uncounted; dying, it clears that pointer.
final class TensorObject: PyObject {
    deinit {
        if let t = native as? Tensor, t.wrapperObject === self { t.wrapperObject = nil }
    }
}

/// `torch.float32` and friends: the payload of a `torch.dtype` object.
final class DTypeBox {
    let dtype: DType
    init(_ dtype: DType) { self.dtype = dtype }
}

/// The native classes the bindings define.
final class TorchTypes {
    let tensor = PyType(name: "Tensor", module: "torch", base: Types.object)
    lazy var parameter = PyType(name: "Parameter", module: "torch.nn.parameter", base: tensor)
    lazy var uninitializedParameter = PyType(name: "UninitializedParameter", module: "torch.nn.parameter", base: parameter)
    let size = PyType(name: "Size", module: "torch", base: Types.tuple)
    let dtype = PyType(name: "dtype", module: "torch", base: Types.object)
    let generator = PyType(name: "Generator", module: "torch._C", base: Types.object)
    let module = PyType(name: "Module", module: "torch.nn.modules.module", base: Types.object)
    let gradFnBase = PyType(name: "Node", module: "torch.autograd.graph", base: Types.object)
    lazy var accumulateGrad = PyType(name: "AccumulateGrad", module: "builtins", base: gradFnBase)
    let gradMode = PyType(name: "no_grad", module: "torch.autograd.grad_mode", base: Types.object)
    let enableGrad = PyType(name: "enable_grad", module: "torch.autograd.grad_mode", base: Types.object)
    let setGradEnabled = PyType(name: "set_grad_enabled", module: "torch.autograd.grad_mode", base: Types.object)
    let incompatibleKeys = PyType(name: "_IncompatibleKeys", module: "torch.nn.modules.module", base: Types.object)
    let orderedDict = PyType(name: "OrderedDict", module: "collections", base: Types.dict)
    /// Prints as `dict`; writes register with the owning module.
    let storeDict = PyType(name: "dict", module: "builtins", base: Types.dict)
    lazy var returnTypes: [String: PyType] = [:]
    lazy var dtypeObjects: [DType: PyObject] = {
        var table: [DType: PyObject] = [:]
        for d in DType.allCases {
            let o = PyObject(type: dtype)
            o.native = DTypeBox(d)
            table[d] = o
        }
        return table
    }()
}
