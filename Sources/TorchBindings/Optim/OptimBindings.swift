import Language
import NN
import TensorEngine

/// `torch.optim`: `SGD`, `Adam`, `AdamW` over NN's optimisers.
///
/// `opt.param_groups` is a list of Python dicts, as in PyTorch, and those dicts are the truth: `step()`,
/// `repr` and `state_dict()` read their hyper-parameters back into the Swift groups first, so
/// `opt.param_groups[0]['lr'] = 0.01` works as a scheduler expects.
extension TorchLibrary {
    /// Keys in the order PyTorch's `defaults` dict holds them (the order `state_dict()` shows).
    static let optimizerKeys: [String: [String]] = [
        "SGD": ["lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize", "foreach", "differentiable", "fused"],
        "Adam": ["lr", "betas", "eps", "weight_decay", "amsgrad", "maximize", "foreach", "capturable", "differentiable",
                 "fused", "decoupled_weight_decay"],
        "RMSprop": ["lr", "momentum", "alpha", "eps", "centered", "weight_decay", "capturable", "foreach", "maximize",
                    "differentiable"],
        "Adagrad": ["lr", "lr_decay", "eps", "weight_decay", "initial_accumulator_value", "foreach", "maximize",
                    "differentiable", "fused"],
    ]

    func installOptim(into optim: PyModule) {
        let base = PyType(name: "Optimizer", module: "torch.optim.optimizer", base: Types.object)
        optim.dict["Optimizer"] = .object(base)
        installOptimizerMethods(base)

        optimizer(optim, base, "SGD", "sgd",
                  ["params", "lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize", "foreach",
                   "differentiable", "fused"]) { params, a in
            try SGD(params, lr: try Self.optimValue(a, "lr", 0.001), momentum: try Self.optimValue(a, "momentum", 0),
                    dampening: try Self.optimValue(a, "dampening", 0), weightDecay: try Self.optimValue(a, "weight_decay", 0),
                    nesterov: try a.bool("nesterov", default: false), maximize: try a.bool("maximize", default: false))
        }
        let adamNames = ["params", "lr", "betas", "eps", "weight_decay", "amsgrad", "foreach", "maximize", "capturable",
                         "differentiable", "fused", "decoupled_weight_decay"]
        optimizer(optim, base, "Adam", "adam", adamNames) { params, a in
            return try Adam(params, lr: try Self.optimValue(a, "lr", 0.001), betas: try Self.betas(a), eps: try Self.optimValue(a, "eps", 1e-8),
                            weightDecay: try Self.optimValue(a, "weight_decay", 0), maximize: try a.bool("maximize", default: false),
                            decoupledWeightDecay: try a.bool("decoupled_weight_decay", default: false),
                            amsgrad: try a.bool("amsgrad", default: false))
        }
        optimizer(optim, base, "RMSprop", "rmsprop",
                  ["params", "lr", "alpha", "eps", "weight_decay", "momentum", "centered", "capturable", "foreach",
                   "maximize", "differentiable"]) { params, a in
            try RMSprop(params, lr: try Self.optimValue(a, "lr", 0.01), alpha: try Self.optimValue(a, "alpha", 0.99),
                        eps: try Self.optimValue(a, "eps", 1e-8), weightDecay: try Self.optimValue(a, "weight_decay", 0),
                        momentum: try Self.optimValue(a, "momentum", 0), centered: try a.bool("centered", default: false),
                        maximize: try a.bool("maximize", default: false))
        }
        optimizer(optim, base, "Adagrad", "adagrad",
                  ["params", "lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps", "foreach", "maximize",
                   "differentiable", "fused"]) { params, a in
            try Adagrad(params, lr: try Self.optimValue(a, "lr", 0.01), lrDecay: try Self.optimValue(a, "lr_decay", 0),
                        weightDecay: try Self.optimValue(a, "weight_decay", 0),
                        initialAccumulatorValue: try Self.optimValue(a, "initial_accumulator_value", 0),
                        eps: try Self.optimValue(a, "eps", 1e-10), maximize: try a.bool("maximize", default: false))
        }
        optimizer(optim, base, "AdamW", "adamw", adamNames) { params, a in
            return try AdamW(params, lr: try Self.optimValue(a, "lr", 0.001), betas: try Self.betas(a), eps: try Self.optimValue(a, "eps", 1e-8),
                             weightDecay: try Self.optimValue(a, "weight_decay", 0.01), maximize: try a.bool("maximize", default: false),
                             amsgrad: try a.bool("amsgrad", default: false))
        }
    }

    /// Registers `torch.optim.<name>` (defined in `torch.optim.<file>`).
    private func optimizer(_ optim: PyModule, _ base: PyType, _ name: String, _ file: String, _ names: [String],
                           _ make: @escaping ([Tensor], Arguments) throws -> Optimizer) {
        let t = PyType(name: name, module: "torch.optim.\(file)", base: base)
        t.newInstance = { [unowned self] interp, args, kwargs in
            let a = try Arguments(name, Array(args.dropFirst()), kwargs, names)
            let groups = try paramGroups(interp, try a.required("params"))
            let opt = try bridged { try make(groups[0].params, a) }
            let template = opt.paramGroups[0]
            // Later groups: the defaults, overridden by the group's own keys.
            for g in groups.dropFirst() {
                var group = template
                group.params = g.params
                opt.paramGroups.append(group)
            }
            let o = PyObject(type: t)
            o.native = opt
            let keys = Self.optimizerKeys[name] ?? Self.optimizerKeys["Adam"]!
            var dicts: [Value] = []
            for (i, g) in groups.enumerated() {
                let d = PyDict()
                try d.set(.str("params"), .object(PyList(g.params.map { wrap($0) })))
                for key in keys {
                    try d.set(.str(key), g.overrides[key] ?? pythonValue(opt.paramGroups[i].options[key] ?? .none))
                }
                dicts.append(.object(d))
            }
            o.attributes?["param_groups"] = .object(PyList(dicts))
            let defaults = PyDict()
            for key in keys { try defaults.set(.str(key), pythonValue(template.options[key] ?? .none)) }
            o.attributes?["defaults"] = .object(defaults)
            try syncGroups(o)
            return .object(o)
        }
        optim.dict[name] = .object(t)
    }

    private func installOptimizerMethods(_ t: PyType) {
        t.addMethod("__init__") { _, _, _ in .none }
        t.method("step") { [unowned self] interp, args, kwargs in
            let a = try Arguments("step", args, kwargs, ["closure"], dropSelf: true)
            let opt = try optimizer(args[0])
            var loss = Value.none
            if let closure = a["closure"] {
                loss = try GradMode.withMode(true) { try interp.call(closure) }
            }
            try syncGroups(args[0].object!)
            try opt.step()
            args[0].object?.attributes?["_opt_called"] = .bool(true)  // read by lr_scheduler's step-order warning
            return loss
        }
        t.method("zero_grad") { [unowned self] _, args, kwargs in
            let a = try Arguments("zero_grad", args, kwargs, ["set_to_none"], dropSelf: true)
            let opt = try optimizer(args[0])
            try syncGroups(args[0].object!)
            try opt.zeroGrad(setToNone: try a.bool("set_to_none", default: true))
            return .none
        }
        t.method("__repr__") { [unowned self] interp, args, _ in
            let opt = try optimizer(args[0])
            var text = opt.typeName + " ("
            for (i, g) in try groupDicts(args[0].object!).enumerated() {
                text += "\nParameter Group \(i)\n"
                let keys = g.keys.compactMap { k -> String? in if case .str(let s) = k, s != "params" { return s }; return nil }
                for key in keys.sorted() { text += "    \(key): \(try interp.str(g[key] ?? .none))\n" }
            }
            return .str(text + ")")
        }
        t.method("state_dict") { [unowned self] _, args, _ in
            try syncGroups(args[0].object!)
            let opt = try optimizer(args[0])
            let state = PyDict()
            for (index, parameter) in opt.paramGroups.flatMap(\.params).enumerated() {
                let saved = opt.savedState(for: parameter)
                guard !saved.isEmpty else { continue }
                let entry = PyDict()
                for (key, value) in saved { try entry.set(.str(key), wrap(value)) }
                try state.set(.int(index), .object(entry))
            }
            var index = 0
            var packed: [Value] = []
            for g in try groupDicts(args[0].object!) {
                let d = PyDict()
                for (k, v) in g.items where k.isString("params") == false { try d.set(k, v) }
                let count = g["params"]?.as(PyList.self)?.items.count ?? 0
                try d.set(.str("params"), .object(PyList((index..<index + count).map { .int($0) })))
                index += count
                packed.append(.object(d))
            }
            let result = PyDict()
            try result.set(.str("state"), .object(state))
            try result.set(.str("param_groups"), .object(PyList(packed)))
            return .object(result)
        }
        t.method("add_param_group") { [unowned self] interp, args, _ in
            let opt = try optimizer(args[0])
            guard args.count == 2, let src = args[1].as(PyDict.self) else {
                throw PyError.typeError("param_group must be a dict")
            }
            let group = try paramGroups(interp, .object(PyList([.object(src)])))[0]
            var swiftGroup = opt.paramGroups[0]
            swiftGroup.params = group.params
            opt.paramGroups.append(swiftGroup)
            let d = PyDict()
            try d.set(.str("params"), .object(PyList(group.params.map { wrap($0) })))
            let defaults = args[0].object?.attributes?["defaults"]?.as(PyDict.self)
            for (k, v) in defaults?.items ?? [] {
                guard case .str(let key) = k else { continue }
                try d.set(k, group.overrides[key] ?? v)
            }
            args[0].object?.attributes?["param_groups"]?.as(PyList.self)?.items.append(.object(d))
            try syncGroups(args[0].object!)
            return .none
        }
    }

    private func optimizer(_ v: Value) throws -> Optimizer {
        guard let o = v.native(as: Optimizer.self) else { throw PyError.typeError("expected an Optimizer, got \(v.typeName)") }
        return o
    }

    private func groupDicts(_ o: PyObject) throws -> [PyDict] {
        guard let list = o.attributes?["param_groups"]?.as(PyList.self) else { return [] }
        return list.items.compactMap { $0.as(PyDict.self) }
    }

    /// Copies the Python dicts' hyper-parameters (and params lists) into the Swift groups.
    private func syncGroups(_ o: PyObject) throws {
        guard let opt = o.native as? Optimizer else { return }
        let dicts = try groupDicts(o)
        for (i, d) in dicts.enumerated() where i < opt.paramGroups.count {
            for (k, v) in d.items {
                guard case .str(let key) = k else { continue }
                if key == "params" {
                    if let items = Convert.sequenceItems(v) {
                        opt.paramGroups[i].params = try items.map { try requireTensor($0, "params") }
                    }
                } else if let value = Self.optimValue(v) {
                    opt.paramGroups[i].options[key] = value
                }
            }
        }
    }

    struct PythonParamGroup {
        var params: [Tensor]
        var overrides: [String: Value]
    }

    /// `params`: an iterable of tensors, or of dicts with a `params` entry (a tensor or an iterable of them).
    private func paramGroups(_ interp: Interpreter, _ v: Value) throws -> [PythonParamGroup] {
        if tensor(v) != nil {
            throw PyError.typeError("params argument given to the optimizer should be an iterable of Tensors or dicts, "
                + "but got \(v.type.fullName)")
        }
        let items = try interp.toArray(v)
        if items.isEmpty { throw PyError.valueError("optimizer got an empty parameter list") }
        if items.allSatisfy({ $0.as(PyDict.self) != nil }) {
            return try items.map { item in
                let d = item.as(PyDict.self)!
                guard let ps = d["params"] else { throw PyError.keyError(.str("params")) }
                let params = try tensor(ps).map { [$0] } ?? interp.toArray(ps).map { try requireTensor($0, "params") }
                var overrides: [String: Value] = [:]
                for (k, val) in d.items { if case .str(let key) = k, key != "params" { overrides[key] = val } }
                return PythonParamGroup(params: params, overrides: overrides)
            }
        }
        return [PythonParamGroup(params: try items.map { try requireTensor($0, "optimizer params") }, overrides: [:])]
    }

    private static func betas(_ a: Arguments) throws -> (OptimValue, OptimValue) {
        guard let v = a["betas"] else { return (0.9, 0.999) }
        guard let items = Convert.sequenceItems(v), items.count == 2, let b0 = Self.optimValue(items[0]),
              let b1 = Self.optimValue(items[1]) else {
            throw PyError.typeError("betas must be a pair of floats")
        }
        return (b0, b1)
    }

    private static func optimValue(_ a: Arguments, _ name: String, _ d: OptimValue) throws -> OptimValue {
        guard a.has(name) else { return d }
        let v = try a.required(name)
        guard let value = Self.optimValue(v) else {
            throw PyError.typeError("\(a.function)(): argument '\(name)' must be a number, not \(v.typeName)")
        }
        return value
    }

    /// A Python hyper-parameter as NN holds it; nil for values NN has no case for.
    static func optimValue(_ v: Value) -> OptimValue? {
        switch v {
        case .none: return OptimValue.none
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .double(d)
        case .object(let o):
            if let t = o as? PyTuple, t.items.count == 2, let a = Self.optimValue(t.items[0]), let b = Self.optimValue(t.items[1]) {
                return .pair(a, b)
            }
            if let t = o.native as? Tensor, t.numel == 1, let d = try? t.item() { return .double(d) }
            return nil
        case .str: return nil
        }
    }

    func pythonValue(_ v: OptimValue) -> Value {
        switch v {
        case .int(let i): return .int(i)
        case .double(let d): return .float(d)
        case .bool(let b): return .bool(b)
        case .none: return .none
        case .pair(let a, let b): return .object(PyTuple([pythonValue(a), pythonValue(b)]))
        }
    }
}

private extension Value {
    func isString(_ s: String) -> Bool {
        if case .str(let x) = self { return x == s }
        return false
    }
}
