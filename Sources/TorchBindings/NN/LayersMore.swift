import Language
import NN
import TensorEngine

/// More of `torch.nn` and `torch.nn.functional`: the activations (ELU, SiLU, Mish, Softplus, Hardtanh, ReLU6,
/// Softsign, LogSigmoid, Hardswish, Hardsigmoid, Tanhshrink, GLU, Threshold, Softmin, PReLU), the losses
/// (SmoothL1Loss, HuberLoss, KLDivLoss) and the functions `one_hot`, `normalize`, `cosine_similarity`,
/// `pairwise_distance`.
extension TorchLibrary {
    func installMoreLayers(nn: PyModule, functional f: PyModule) {
        installMoreActivations(nn: nn, functional: f)
        installMoreLosses(nn: nn, functional: f)
        installVectorFunctions(f)
    }

    /// A number as its repr (`1.0`, or `1` when an int was given), as PyTorch's extra_repr prints it.
    private func number(_ a: Arguments, _ key: String, _ d: Double) throws -> (Double, String) {
        guard let v = a[key] else { return (d, pythonFloatRepr(d)) }
        let x = try Convert.double(v, a.function, key)
        if case .int(let i) = v { return (x, String(i)) }
        if case .bool(let b) = v { return (x, b ? "True" : "False") }
        return (x, pythonFloatRepr(x))
    }

    private func installMoreActivations(nn: PyModule, functional f: PyModule) {
        func inplaceRepr(_ a: Arguments, prefix: String = "") throws -> String {
            let inplace = try a.bool("inplace", default: false)
            if prefix.isEmpty { return inplace ? "inplace=True" : "" }
            return inplace ? prefix + ", inplace=True" : prefix
        }
        func simple(_ name: String, _ fname: String, _ body: @escaping (Tensor) throws -> Tensor, inplace: Bool = true) {
            layer(nn, name, "activation", inplace ? ["inplace"] : []) { a in
                ElementwiseActivation(name, extra: try inplaceRepr(a), body)
            }
            f.define(fname) { [unowned self] _, args, kwargs in
                let a = try Arguments(fname, args, kwargs, inplace ? ["input", "inplace"] : ["input"])
                return wrap(try body(try a.tensor("input")))
            }
        }
        simple("SiLU", "silu") { try $0.silu() }
        simple("Mish", "mish") { try $0.nnMish() }
        simple("ReLU6", "relu6") { try $0.hardtanh(min: 0, max: 6) }
        simple("Hardswish", "hardswish") { try $0.nnHardswish() }
        simple("Hardsigmoid", "hardsigmoid") { try $0.nnHardsigmoid() }
        simple("Softsign", "softsign", { try $0.nnSoftsign() }, inplace: false)
        simple("LogSigmoid", "logsigmoid", { try $0.nnLogSigmoid() }, inplace: false)
        simple("Tanhshrink", "tanhshrink", { x in try x.sub(try x.tanh()) }, inplace: false)

        layer(nn, "ELU", "activation", ["alpha", "inplace"]) { [unowned self] a in
            let (alpha, text) = try number(a, "alpha", 1)
            return ElementwiseActivation("ELU", extra: try inplaceRepr(a, prefix: "alpha=\(text)")) { try $0.elu(alpha: alpha) }
        }
        f.define("elu") { [unowned self] _, args, kwargs in
            let a = try Arguments("elu", args, kwargs, ["input", "alpha", "inplace"])
            return wrap(try a.tensor("input").elu(alpha: try a.double("alpha", default: 1)))
        }
        layer(nn, "Softplus", "activation", ["beta", "threshold"]) { [unowned self] a in
            let (beta, b) = try number(a, "beta", 1), (threshold, t) = try number(a, "threshold", 20)
            return ElementwiseActivation("Softplus", extra: "beta=\(b), threshold=\(t)") { try $0.softplus(beta: beta, threshold: threshold) }
        }
        f.define("softplus") { [unowned self] _, args, kwargs in
            let a = try Arguments("softplus", args, kwargs, ["input", "beta", "threshold"])
            return wrap(try a.tensor("input").softplus(beta: try a.double("beta", default: 1), threshold: try a.double("threshold", default: 20)))
        }
        layer(nn, "Hardtanh", "activation", ["min_val", "max_val", "inplace"]) { [unowned self] a in
            let (lo, l) = try number(a, "min_val", -1), (hi, h) = try number(a, "max_val", 1)
            if hi <= lo { throw PyError(type: Types.assertionError, "") }
            return ElementwiseActivation("Hardtanh", extra: try inplaceRepr(a, prefix: "min_val=\(l), max_val=\(h)")) {
                try $0.hardtanh(min: lo, max: hi)
            }
        }
        f.define("hardtanh") { [unowned self] _, args, kwargs in
            let a = try Arguments("hardtanh", args, kwargs, ["input", "min_val", "max_val", "inplace"])
            return wrap(try a.tensor("input").hardtanh(min: try a.double("min_val", default: -1), max: try a.double("max_val", default: 1)))
        }
        layer(nn, "Threshold", "activation", ["threshold", "value", "inplace"]) { [unowned self] a in
            let (threshold, t) = try number(a, "threshold", 0), (value, v) = try number(a, "value", 0)
            _ = try a.required("threshold")
            _ = try a.required("value")
            return ElementwiseActivation("Threshold", extra: try inplaceRepr(a, prefix: "threshold=\(t), value=\(v)")) {
                try $0.nnThreshold(threshold, value)
            }
        }
        f.define("threshold") { [unowned self] _, args, kwargs in
            let a = try Arguments("threshold", args, kwargs, ["input", "threshold", "value", "inplace"])
            return wrap(try a.tensor("input").nnThreshold(try a.double("threshold"), try a.double("value")))
        }
        layer(nn, "GLU", "activation", ["dim"]) { a in
            let dim = try a.int("dim", default: -1)
            return ElementwiseActivation("GLU", extra: "dim=\(dim)") { try $0.nnGLU(dim: dim) }
        }
        f.define("glu") { [unowned self] _, args, kwargs in
            let a = try Arguments("glu", args, kwargs, ["input", "dim"])
            return wrap(try a.tensor("input").nnGLU(dim: try a.int("dim", default: -1)))
        }
        layer(nn, "Softmin", "activation", ["dim"]) { a in
            let dim = try a.optionalInt("dim")
            return ElementwiseActivation("Softmin", extra: "dim=\(dim.map(String.init) ?? "None")") { x in
                try x.neg().softmax(dim: dim ?? (x.dim <= 1 || x.dim == 3 ? 0 : 1))
            }
        }
        f.define("softmin") { [unowned self] _, args, kwargs in
            let a = try Arguments("softmin", args, kwargs, ["input", "dim", "_stacklevel", "dtype"])
            let x = try a.tensor("input")
            return wrap(try x.neg().softmax(dim: try a.optionalInt("dim") ?? (x.dim <= 1 || x.dim == 3 ? 0 : 1)))
        }
        layer(nn, "PReLU", "activation", ["num_parameters", "init", "dtype"]) { a in
            let n = try a.int("num_parameters", default: 1)
            if n < 0 { throw PyError.runtimeError("Trying to create tensor with negative dimension \(n): [\(n)]") }
            if n > 1 << 32 {
                throw PyError.runtimeError("[enforce fail at alloc_cpu.cpp:121] data. DefaultCPUAllocator: not enough memory: "
                    + "you tried to allocate \(n.multipliedReportingOverflow(by: 4).overflow ? "more than \(Int.max)" : String(n * 4)) bytes.")
            }
            return try PReLU(numParameters: n, initial: try a.double("init", default: 0.25),
                      dtype: try a.dtype() ?? .float32)
        }
        f.define("prelu") { [unowned self] _, args, kwargs in
            let a = try Arguments("prelu", args, kwargs, ["input", "weight"])
            return wrap(try a.tensor("input").nnPReLU(try a.tensor("weight")))
        }
    }

    private func installMoreLosses(nn: PyModule, functional f: PyModule) {
        layer(nn, "SmoothL1Loss", "loss", ["size_average", "reduce", "reduction", "beta"]) { a in
            try SmoothL1Loss(reduction: try a.string("reduction", default: "mean"), beta: try a.double("beta", default: 1))
        }
        layer(nn, "HuberLoss", "loss", ["reduction", "delta"]) { a in
            try HuberLoss(reduction: try a.string("reduction", default: "mean"), delta: try a.double("delta", default: 1))
        }
        layer(nn, "KLDivLoss", "loss", ["size_average", "reduce", "reduction", "log_target"]) { a in
            try KLDivLoss(reduction: try a.string("reduction", default: "mean"), logTarget: try a.bool("log_target", default: false))
        }
        let losses: [(String, [String], (Arguments) throws -> Loss)] = [
            ("smooth_l1_loss", ["size_average", "reduce", "reduction", "beta"], { a in
                try SmoothL1Loss(reduction: try a.string("reduction", default: "mean"), beta: try a.double("beta", default: 1)) }),
            ("huber_loss", ["reduction", "delta", "weight"], { a in
                try HuberLoss(reduction: try a.string("reduction", default: "mean"), delta: try a.double("delta", default: 1)) }),
            ("kl_div", ["size_average", "reduce", "reduction", "log_target"], { a in
                try KLDivLoss(reduction: try a.string("reduction", default: "mean"), logTarget: try a.bool("log_target", default: false)) }),
        ]
        for (name, names, make) in losses {
            f.define(name) { [unowned self] _, args, kwargs in
                let a = try Arguments(name, args, kwargs, ["input", "target"] + names)
                return wrap(try make(a).forward(try a.tensor("input"), try a.tensor("target")))
            }
        }
    }

    private func installVectorFunctions(_ f: PyModule) {
        f.define("one_hot") { [unowned self] _, args, kwargs in
            let a = try Arguments("one_hot", args, kwargs, ["tensor", "num_classes"])
            let t = try a.tensor("tensor")
            guard t.dtype == .int64 else {
                throw PyError.runtimeError("one_hot is only applicable to index tensor of type LongTensor.")
            }
            // Clamped into Int's range: Int(Double(Int.max)) would trap.
            let values = t.toDoubleArray().map { $0 >= 0x1p62 ? 1 << 62 : $0 <= -0x1p62 ? -(1 << 62) : Int($0) }
            if let lo = values.min(), lo < 0 { throw PyError.runtimeError("Class values must be non-negative.") }
            var classes = try a.int("num_classes", default: -1)
            if classes == -1 { classes = (values.max() ?? -1) + 1 }
            if let hi = values.max(), hi >= classes { throw PyError.runtimeError("Class values must be smaller than num_classes.") }
            // A huge num_classes or class value must fail as PyTorch's allocator does, not trap here.
            let (count, overflow) = values.count.multipliedReportingOverflow(by: classes)
            if overflow || count > 1 << 32 {
                let (size, big) = count.multipliedReportingOverflow(by: 8)
                let bytes = overflow || big ? "more than \(Int.max)" : String(size)
                throw PyError.runtimeError("[enforce fail at alloc_cpu.cpp:121] data. DefaultCPUAllocator: not enough memory: "
                    + "you tried to allocate \(bytes) bytes.")
            }
            var out = [Double](repeating: 0, count: count)
            for (i, v) in values.enumerated() { out[i * classes + v] = 1 }
            return wrap(Tensor(values: out, shape: t.shape + [classes], dtype: .int64))
        }
        f.define("normalize") { [unowned self] _, args, kwargs in
            let a = try Arguments("normalize", args, kwargs, ["input", "p", "dim", "eps"])
            let x = try a.tensor("input")
            let norm = try x.vectorNorm(p: try a.double("p", default: 2), dims: [try a.int("dim", default: 1)], keepDim: true)
            return wrap(try x.div(try norm.clamp(min: .double(try a.double("eps", default: 1e-12))).expand(as: x)))
        }
        f.define("cosine_similarity") { [unowned self] _, args, kwargs in
            let a = try Arguments("cosine_similarity", args, kwargs, ["x1", "x2", "dim", "eps"])
            let dim = try a.int("dim", default: 1), eps = try a.double("eps", default: 1e-8)
            let x1 = try a.tensor("x1"), x2 = try a.tensor("x2")
            let n1 = try x1.vectorNorm(p: 2, dims: [dim], keepDim: true).clamp(min: .double(eps))
            let n2 = try x2.vectorNorm(p: 2, dims: [dim], keepDim: true).clamp(min: .double(eps))
            return wrap(try x1.div(n1).mul(try x2.div(n2)).sum(dim: dim))
        }
        f.define("pairwise_distance") { [unowned self] _, args, kwargs in
            let a = try Arguments("pairwise_distance", args, kwargs, ["x1", "x2", "p", "eps", "keepdim"])
            let x1 = try a.tensor("x1"), x2 = try a.tensor("x2")
            let diff = try x1.sub(x2).add(.double(try a.double("eps", default: 1e-6)))
            return wrap(try diff.vectorNorm(p: try a.double("p", default: 2), dims: [Swift.max(x1.dim, x2.dim) - 1],
                                            keepDim: try a.bool("keepdim", default: false)).labelingGradFn("NormBackward1"))
        }
    }
}
