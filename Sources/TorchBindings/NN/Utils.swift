import Language
import TensorEngine

/// `torch.nn.utils`: gradient clipping, as training loops use it.
extension TorchLibrary {
    func installNNUtils(into nn: PyModule, interpreter: Interpreter) {
        let utils = PyModule(name: "torch.nn.utils")
        // clip_grad_norm_ as PyTorch computes it: each gradient's norm, the norm of those norms, and one
        // coefficient max_norm / (total + 1e-6), clamped to 1, multiplied into every gradient.
        utils.define("clip_grad_norm_") { [unowned self] interp, args, kwargs in
            let a = try Arguments("clip_grad_norm_", args, kwargs, ["parameters", "max_norm", "norm_type", "error_if_nonfinite", "foreach"])
            let grads = try gradients(interp, try a.required("parameters"))
            let maxNorm = try a.double("max_norm")
            let normType = try a.double("norm_type", default: 2)
            guard !grads.isEmpty else { return wrap(Tensor.scalar(0)) }
            let total = try GradMode.withNoGrad { () throws -> Tensor in
                let norms = try grads.map { try $0.norm(p: normType) }
                return try Tensor.stack(norms).norm(p: normType)
            }
            if try a.bool("error_if_nonfinite", default: false), let value = try? total.item(), !value.isFinite {
                throw PyError.runtimeError("The total norm of order \(pythonFloat(normType)) for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`")
            }
            try GradMode.withNoGrad {
                let coefficient = try Tensor.scalar(maxNorm).div(try total.add(.double(1e-6))).clamp(max: .double(1))
                for g in grads { try g.mul_(coefficient) }
            }
            return wrap(total)
        }
        utils.define("clip_grad_value_") { [unowned self] interp, args, kwargs in
            let a = try Arguments("clip_grad_value_", args, kwargs, ["parameters", "clip_value", "foreach"])
            let limit = try a.double("clip_value")
            try GradMode.withNoGrad {
                for g in try gradients(interp, try a.required("parameters")) {
                    try g.clamp_(min: .double(-limit), max: .double(limit))
                }
            }
            return .none
        }
        interpreter.registerModule(utils)
        nn.dict["utils"] = .object(utils)
    }

    /// The gradients of a parameter, or of an iterable of parameters, that have one.
    private func gradients(_ interp: Interpreter, _ parameters: Value) throws -> [Tensor] {
        if let single = tensor(parameters) { return single.grad.map { [$0] } ?? [] }
        var grads: [Tensor] = []
        try interp.iterate(parameters) { value in
            guard let p = tensor(value) else { throw PyError.typeError("expected Tensor as element, but got \(value.typeName)") }
            if let g = p.grad { grads.append(g) }
        }
        return grads
    }
}

private func pythonFloat(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e16 ? "\(Int(x)).0" : "\(x)" }
