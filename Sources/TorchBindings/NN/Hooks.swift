import Language
import NN
import TensorEngine

/// Hooks and gradient queries: `Tensor.register_hook`, `Module.register_forward_pre_hook` /
/// `register_forward_hook` with `RemovableHandle`, `torch.autograd.grad`, and `parameters_to_vector` /
/// `vector_to_parameters` in `torch.nn.utils`.
extension TorchLibrary {
    func installHooks(torch: PyModule, nn: PyModule, autograd: PyModule) {
        let handle = PyType(name: "RemovableHandle", module: "torch.utils.hooks", base: Types.object)
        handle.addMethod("remove") { _, args, _ in
            if let box = args[0].object?.native as? HookHandleBox { box.remove() }
            return .none
        }
        handle.addMethod("__enter__") { _, args, _ in args[0] }
        handle.addMethod("__exit__") { _, args, _ in
            if let box = args[0].object?.native as? HookHandleBox { box.remove() }
            return .none
        }
        func makeHandle(_ id: Int, _ remove: @escaping (Int) -> Void) -> Value {
            let o = PyObject(type: handle)
            o.native = HookHandleBox(id: id, remove: remove)
            o.attributes?["id"] = .int(id)
            return .object(o)
        }

        types.tensor.method("register_hook") { [unowned self] interp, args, kwargs in
            let a = try Arguments("register_hook", args, kwargs, ["hook"], dropSelf: true)
            let t = try requireTensor(args[0], "self")
            let fn = try a.required("hook")
            let id = try GradientHooks.register(on: t) { [weak interp, unowned self] g in
                guard let interp else { return nil }
                let r = try interp.call(fn, [wrap(g)])
                return r.isNone ? nil : try requireTensor(r, "hook result")
            }
            return makeHandle(id, GradientHooks.remove)
        }

        for (name, kind) in [("register_forward_pre_hook", ModuleHooks.Kind.forwardPre), ("register_forward_hook", .forward)] {
            types.module.method(name) { [unowned self] interp, args, kwargs in
                let a = try Arguments(name, args, kwargs, ["hook", "prepend", "with_kwargs", "always_call"], dropSelf: true)
                if try a.bool("with_kwargs", default: false) || a.bool("prepend", default: false) {
                    throw PyError.notImplemented("\(name)(prepend=True or with_kwargs=True) is not supported")
                }
                let m = try requireModule(args[0])
                let fn = try a.required("hook")
                // Containers call children through `callHooked`: one tensor in, one out.
                let id = ModuleHooks.add(m, kind, payload: fn.object) { [weak interp, weak m, unowned self] input, output in
                    guard let interp, let m else { return nil }
                    var callArgs = [wrap(m), .object(PyTuple([wrap(input)]))]
                    if let output { callArgs.append(wrap(output)) }
                    let r = try interp.call(fn, callArgs)
                    if r.isNone { return nil }
                    if kind == .forwardPre, let items = r.as(PyTuple.self)?.items { return try requireTensor(items.first ?? .none, "hook result") }
                    return try requireTensor(r, "hook result")
                }
                return makeHandle(id, ModuleHooks.remove)
            }
        }

        let grad = function("grad") { [unowned self] interp, args, kwargs in
            let a = try Arguments("grad", args, kwargs, ["outputs", "inputs", "grad_outputs", "retain_graph", "create_graph",
                                                         "only_inputs", "allow_unused", "is_grads_batched", "materialize_grads"])
            if try a.bool("create_graph", default: false) {
                throw PyError.notImplemented("torch.autograd.grad(create_graph=True) is not supported: nnrepl has no higher-order gradients")
            }
            let outputs = try tensors(interp, try a.required("outputs"), "outputs")
            let inputs = try tensors(interp, try a.required("inputs"), "inputs")
            var seeds: [Tensor?] = []
            if let g = a["grad_outputs"] {
                seeds = try tensor(g).map { [$0] } ?? interp.toArray(g).map { tensor($0) }
            }
            let materialize = try a.bool("materialize_grads", default: false)
            let allowUnused = try a.bool("allow_unused", default: materialize)
            let grads = try bridged {
                try Tensor.gradients(of: outputs, seeds: seeds, wrt: inputs, retainGraph: try a.bool("retain_graph", default: false))
            }
            var results: [Value] = []
            for (i, (g, input)) in zip(grads, inputs).enumerated() {
                if let g { results.append(wrap(g)); continue }
                if !allowUnused {
                    throw PyError.runtimeError("The differentiated Tensor at index \(i) appears to not have been used in the graph. "
                        + "Set allow_unused=True if this is the desired behavior.")
                }
                results.append(materialize ? wrap(Tensor.zeros(input.shape, dtype: input.dtype)) : .none)
            }
            return .object(PyTuple(results))
        }
        autograd.dict["grad"] = grad

        guard let utils = nn.dict["utils"]?.object as? PyModule else { return }
        utils.define("parameters_to_vector") { [unowned self] interp, args, kwargs in
            let a = try Arguments("parameters_to_vector", args, kwargs, ["parameters"])
            let ps = try tensors(interp, try a.required("parameters"), "parameters")
            return wrap(try Tensor.cat(try ps.map { try $0.reshape([-1]) }))
        }
        utils.define("vector_to_parameters") { [unowned self] interp, args, kwargs in
            let a = try Arguments("vector_to_parameters", args, kwargs, ["vec", "parameters"])
            let vec = try a.tensor("vec")
            var offset = 0
            for p in try tensors(interp, try a.required("parameters"), "parameters") {
                let n = p.numel
                p.data = try vec.narrow(dim: 0, start: offset, length: n).reshape(p.shape).data
                offset += n
            }
            return .none
        }
    }

    /// A tensor or an iterable of tensors.
    private func tensors(_ interp: Interpreter, _ v: Value, _ what: String) throws -> [Tensor] {
        if let t = tensor(v) { return [t] }
        return try interp.toArray(v).map { try requireTensor($0, what) }
    }

    /// `module(*args)`: forward pre-hooks (which may replace the arguments), `forward`, forward hooks (which may
    /// replace the output), as `Module._call_impl` runs them.
    func callModule(_ interp: Interpreter, _ args: [Value], _ kwargs: Kwargs) throws -> Value {
        guard let m = module(args[0]), !ModuleHooks.hooks(for: m, .forwardPre).isEmpty || !ModuleHooks.hooks(for: m, .forward).isEmpty else {
            return try interp.callMethod(args[0], "forward", Array(args.dropFirst()), kwargs)
        }
        var inputs = Array(args.dropFirst())
        for h in ModuleHooks.hooks(for: m, .forwardPre) {
            guard let fn = h.payload as? PyObject else { continue }
            let r = try interp.call(.object(fn), [args[0], .object(PyTuple(inputs))])
            if r.isNone { continue }
            inputs = r.as(PyTuple.self)?.items ?? [r]
        }
        var output = try interp.callMethod(args[0], "forward", inputs, kwargs)
        for h in ModuleHooks.hooks(for: m, .forward) {
            guard let fn = h.payload as? PyObject else { continue }
            let r = try interp.call(.object(fn), [args[0], .object(PyTuple(inputs)), output])
            if !r.isNone { output = r }
        }
        return output
    }
}

/// The payload of a `RemovableHandle`: removing twice is harmless, as in PyTorch.
final class HookHandleBox {
    let id: Int
    let removal: (Int) -> Void
    init(id: Int, remove: @escaping (Int) -> Void) {
        self.id = id
        removal = remove
    }
    func remove() { removal(id) }
}
