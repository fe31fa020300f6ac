import Language
import NN
import TensorEngine

/// `nn.Module`: a subclassable native type whose payload is a Swift `Module` (a `PythonModule` for user
/// classes). Attribute reads fall back to the stores (`__getattr__`); writes go through NN's routing point.
extension TorchLibrary {
    func installModuleType() {
        let t = types.module
        t.newInstance = { [unowned self] interp, args, _ in
            guard case .object(let cls as PyType)? = args.first else { throw PyError.typeError("Module.__new__: no class") }
            let o = PyObject(type: cls)
            let module = PythonModule(object: o, interpreter: interp, library: self, nativeForward: t.dict["forward"])
            o.native = module
            return .object(o)
        }
        t.addMethod("__init__") { _, _, _ in .none }
        t.method("__call__") { [unowned self] interp, args, kwargs in try callModule(interp, args, kwargs) }
        t.method("__repr__") { [unowned self] _, args, _ in .str(try requireModule(args[0]).description) }
        t.method("extra_repr") { _, _, _ in .str("") }
        t.method("__getattr__") { [unowned self] _, args, _ in
            let m = try requireModule(args[0])
            guard case .str(let name) = args[1] else { throw PyError.typeError("attribute name must be string") }
            switch try m.attribute(name) {
            case .parameter(let p): return wrap(p)
            case .buffer(let b): return wrap(b)
            case .module(let c): return wrap(c)
            }
        }
        t.method("__setattr__") { [unowned self] interp, args, _ in
            let m = try requireModule(args[0])
            guard case .str(let name) = args[1] else { throw PyError.typeError("attribute name must be string") }
            let value = args[2]
            if name == "training" {
                m.training = try Convert.bool(value, "training", "value")
                return .none
            }
            if try m.setAttribute(name, attributeValue(value)) {
                args[0].object?.attributes?[name] = nil
            } else {
                try interp.genericSetAttr(args[0], name, value)
            }
            return .none
        }
        t.method("__delattr__") { interp, args, _ in
            let m = try self.requireModule(args[0])
            guard case .str(let name) = args[1] else { throw PyError.typeError("attribute name must be string") }
            if !m.deleteAttribute(name) { try interp.genericDelAttr(args[0], name) }
            return .none
        }
        t.property("training", get: { [unowned self] _, o in .bool(try requireModule(o).training) },
                   set: { [unowned self] _, o, v in try requireModule(o).training = try Convert.bool(v, "training", "value") })
        t.property("_parameters") { [unowned self] _, o in
            try storeDict(try requireModule(o), try requireModule(o).parameterStore.items.map { (.str($0.key), wrap($0.value)) })
        }
        t.property("_buffers") { [unowned self] _, o in
            try plainDict(try requireModule(o).bufferStore.items.map { (.str($0.key), wrap($0.value)) })
        }
        t.property("_modules") { [unowned self] _, o in
            try storeDict(try requireModule(o), try requireModule(o).moduleStore.items.map { (.str($0.key), wrap($0.value)) })
        }
        installStoreDict()

        installModuleTraversal(t)
        installModuleRegistration(t)
    }

    /// How NN's routing point sees a Python value.
    func attributeValue(_ v: Value) -> ModuleAttributeValue {
        if v.isNone { return .none }
        if let t = tensor(v) { return .tensor(t) }
        if let m = module(v) { return .module(m) }
        return .other(typeName: v.type.fullName)
    }

    /// A generator object as `named_parameters()` returns (`<generator object Module.named_parameters at 0x...>`).
    func generatorObject(_ qualname: String, _ items: [Value]) -> Value {
        var i = 0
        return .object(PyIterator(type: Types.generator, qualname: qualname) { _ in
            guard i < items.count else { return nil }
            defer { i += 1 }
            return items[i]
        })
    }

    private func installModuleTraversal(_ t: PyType) {
        func gen(_ name: String, _ names: [String], _ body: @escaping (Module, Arguments) throws -> [Value]) {
            t.method(name) { [unowned self] _, args, kwargs in
                let a = try Arguments(name, args, kwargs, names, dropSelf: true)
                return generatorObject("Module.\(name)", try body(try requireModule(args[0]), a))
            }
        }
        let pair: (TorchLibrary, String, Value) -> Value = { _, k, v in .object(PyTuple([.str(k), v])) }
        gen("named_parameters", ["prefix", "recurse", "remove_duplicate"]) { [unowned self] m, a in
            m.namedParameters(prefix: try a.string("prefix", default: ""), recurse: try a.bool("recurse", default: true),
                              removeDuplicate: try a.bool("remove_duplicate", default: true)).map { pair(self, $0.0, wrap($0.1)) }
        }
        gen("parameters", ["recurse"]) { [unowned self] m, a in
            m.parameters(recurse: try a.bool("recurse", default: true)).map { wrap($0) }
        }
        gen("named_buffers", ["prefix", "recurse", "remove_duplicate"]) { [unowned self] m, a in
            m.namedBuffers(prefix: try a.string("prefix", default: ""), recurse: try a.bool("recurse", default: true),
                           removeDuplicate: try a.bool("remove_duplicate", default: true)).map { pair(self, $0.0, wrap($0.1)) }
        }
        gen("buffers", ["recurse"]) { [unowned self] m, a in
            m.buffers(recurse: try a.bool("recurse", default: true)).map { wrap($0) }
        }
        gen("named_children", []) { [unowned self] m, _ in m.namedChildren().map { pair(self, $0.0, wrap($0.1)) } }
        gen("children", []) { [unowned self] m, _ in m.children().map { wrap($0) } }
        gen("named_modules", ["memo", "prefix", "remove_duplicate"]) { [unowned self] m, a in
            m.namedModules(prefix: try a.string("prefix", default: ""),
                           removeDuplicate: try a.bool("remove_duplicate", default: true)).map { pair(self, $0.0, wrap($0.1)) }
        }
        gen("modules", []) { [unowned self] m, _ in m.modules().map { wrap($0) } }

        t.method("state_dict") { [unowned self] _, args, kwargs in
            let a = try Arguments("state_dict", args, kwargs, ["destination", "prefix", "keep_vars"], dropSelf: true)
            let m = try requireModule(args[0])
            let items = m.stateDict(prefix: try a.string("prefix", default: ""), keepVars: try a.bool("keep_vars", default: false))
            return try orderedDict(items.map { (.str($0.0), wrap($0.1)) })
        }
        t.method("load_state_dict") { [unowned self] interp, args, kwargs in
            let a = try Arguments("load_state_dict", args, kwargs, ["state_dict", "strict", "assign"], dropSelf: true)
            let m = try requireModule(args[0])
            guard let d = try a.required("state_dict").as(PyDict.self) else {
                throw PyError.typeError("Expected state_dict to be dict-like, got \(try a.required("state_dict").type.fullName).")
            }
            var entries: [(String, Tensor)] = []
            for (k, v) in d.items {
                guard case .str(let key) = k else { continue }
                entries.append((key, try requireTensor(v, "state_dict value")))
            }
            _ = interp
            let result = try m.loadStateDict(entries, strict: try a.bool("strict", default: true))
            let o = PyObject(type: types.incompatibleKeys)
            o.attributes?["missing_keys"] = .object(PyList(result.missingKeys.map { .str($0) }))
            o.attributes?["unexpected_keys"] = .object(PyList(result.unexpectedKeys.map { .str($0) }))
            o.attributes?["_text"] = .str(result.description)
            return .object(o)
        }
        types.incompatibleKeys.addMethod("__repr__") { _, args, _ in
            args[0].object?.attributes?["_text"] ?? .str("<All keys matched successfully>")
        }
        t.method("apply") { [unowned self] interp, args, kwargs in
            let a = try Arguments("apply", args, kwargs, ["fn"], dropSelf: true)
            let fn = try a.required("fn")
            let m = try requireModule(args[0])
            try m.apply { child in _ = try interp.call(fn, [wrap(child)]) }
            return args[0]
        }
        t.method("zero_grad") { [unowned self] _, args, kwargs in
            let a = try Arguments("zero_grad", args, kwargs, ["set_to_none"], dropSelf: true)
            try requireModule(args[0]).zeroGrad(setToNone: try a.bool("set_to_none", default: true))
            return .none
        }
        t.method("train") { [unowned self] _, args, kwargs in
            let a = try Arguments("train", args, kwargs, ["mode"], dropSelf: true)
            guard let mode = a["mode"] else {
                try requireModule(args[0]).train(true)
                return args[0]
            }
            guard case .bool(let b) = mode else { throw PyError.valueError("training mode is expected to be boolean") }
            try requireModule(args[0]).train(b)
            return args[0]
        }
        t.method("eval") { [unowned self] _, args, _ in
            try requireModule(args[0]).eval()
            return args[0]
        }
        t.method("requires_grad_") { [unowned self] _, args, kwargs in
            let a = try Arguments("requires_grad_", args, kwargs, ["requires_grad"], dropSelf: true)
            try requireModule(args[0]).requiresGrad_(try a.bool("requires_grad", default: true))
            return args[0]
        }
        t.method("reset_parameters") { [unowned self] _, args, _ in
            try requireModule(args[0]).resetParameters()
            return .none
        }
        for name in ["cpu", "float", "to"] {
            t.method(name) { _, args, kwargs in
                for v in args.dropFirst() + kwargs.filter({ $0.0 == "device" }).map(\.1) {
                    if let error = unavailableDeviceError(v) { throw error }
                }
                return args[0]
            }
        }
        t.method("cuda") { _, _, _ in throw unavailableDeviceError(.str("cuda")) ?? PyError.runtimeError("cuda") }
        t.method("get_submodule") { [unowned self] _, args, kwargs in
            let a = try Arguments("get_submodule", args, kwargs, ["target"], dropSelf: true)
            return wrap(try requireModule(args[0]).getSubmodule(try a.string("target", default: "")))
        }
        t.method("get_parameter") { [unowned self] _, args, kwargs in
            let a = try Arguments("get_parameter", args, kwargs, ["target"], dropSelf: true)
            let target = try a.string("target", default: "")
            let parts = target.split(separator: ".").map(String.init)
            let owner = try requireModule(args[0]).getSubmodule(parts.dropLast().joined(separator: "."))
            guard let name = parts.last, let p = owner.parameter(name) else {
                throw PyError.attributeError("\(owner.typeName) has no attribute `\(parts.last ?? "")`")
            }
            return wrap(p)
        }
    }

    private func installModuleRegistration(_ t: PyType) {
        t.method("register_parameter") { [unowned self] _, args, kwargs in
            let a = try Arguments("register_parameter", args, kwargs, ["name", "param"], dropSelf: true)
            let name = try a.string("name", default: "")
            let value = try a.required("param")
            if !value.isNone, tensor(value) == nil {
                throw PyError.typeError("cannot assign '\(value.type.fullName)' object to parameter '\(name)' (torch.nn.Parameter or None required)")
            }
            try requireModule(args[0]).registerParameter(name, tensor(value))
            args[0].object?.attributes?[name] = nil
            return .none
        }
        t.method("register_buffer") { [unowned self] _, args, kwargs in
            let a = try Arguments("register_buffer", args, kwargs, ["name", "tensor", "persistent"], dropSelf: true)
            let name = try a.string("name", default: "")
            let value = try a.required("tensor")
            if !value.isNone, tensor(value) == nil {
                throw PyError.typeError("cannot assign '\(value.type.fullName)' object to buffer '\(name)' (torch Tensor or None required)")
            }
            try requireModule(args[0]).registerBuffer(name, tensor(value), persistent: try a.bool("persistent", default: true))
            args[0].object?.attributes?[name] = nil
            return .none
        }
        for name in ["add_module", "register_module"] {
            t.method(name) { [unowned self] _, args, kwargs in
                let a = try Arguments(name, args, kwargs, ["name", "module"], dropSelf: true)
                let child = try a.required("module")
                guard case .str(let key) = try a.required("name") else {
                    throw PyError.typeError("module name should be a string. Got \(try a.required("name").typeName)")
                }
                if !child.isNone, module(child) == nil {
                    throw PyError.typeError("\(child.type.fullName) is not a Module subclass")
                }
                try requireModule(args[0]).addModule(key, module(child))
                return .none
            }
        }
    }

    /// `_modules` / `_parameters`: a `dict` whose writes also register with the module, so d2l's
    /// `self._modules[str(idx)] = module` adds a child as in PyTorch.
    private func storeDict(_ m: Module, _ items: [(Value, Value)]) throws -> Value {
        let d = PyDict(type: types.storeDict)
        for (k, v) in items { try d.set(k, v) }
        d.native = StoreOwner(m)
        return .object(d)
    }

    private func installStoreDict() {
        let t = types.storeDict
        t.method("__setitem__") { [unowned self] _, args, _ in
            guard let d = args[0].as(PyDict.self), let owner = d.native as? StoreOwner, args.count == 3 else { return .none }
            guard case .str(let key) = args[1] else { throw PyError.typeError("module name should be a string") }
            if let child = module(args[2]) {
                try owner.module.addModule(key, child)
            } else if let p = tensor(args[2]) {
                try owner.module.registerParameter(key, p)
            } else if args[2].isNone {
                try owner.module.addModule(key, nil)
            } else {
                throw PyError.typeError("\(args[2].type.fullName) is not a Module subclass")
            }
            try d.set(args[1], args[2])
            return .none
        }
    }

    /// A plain `dict` (`_parameters` and friends are dicts since PyTorch 2.x).
    func plainDict(_ items: [(Value, Value)]) throws -> Value {
        let d = PyDict()
        for (k, v) in items { try d.set(k, v) }
        return .object(d)
    }

    /// A `collections.OrderedDict` holding `items` in order.
    func orderedDict(_ items: [(Value, Value)]) throws -> Value {
        let d = PyDict(type: types.orderedDict)
        for (k, v) in items { try d.set(k, v) }
        return .object(d)
    }
}

/// The module behind a `_modules` / `_parameters` dict.
final class StoreOwner {
    let module: Module
    init(_ module: Module) { self.module = module }
}
