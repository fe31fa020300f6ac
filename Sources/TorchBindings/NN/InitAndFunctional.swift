import Language
import NN
import TensorEngine

/// `torch.nn.init` (each function returns the tensor object it was given) and `torch.nn.functional`.
extension TorchLibrary {
    func installInit(into m: PyModule) {
        func initFn(_ name: String, _ names: [String], _ body: @escaping (Tensor, Arguments) throws -> Void) {
            m.define(name) { [unowned self] _, args, kwargs in
                let a = try Arguments(name, args, kwargs, ["tensor"] + names)
                try body(try a.tensor("tensor"), a)
                return try a.required("tensor")
            }
        }
        initFn("uniform_", ["a", "b", "generator"]) { [unowned self] t, a in
            try Init.uniform_(t, a: try a.double("a", default: 0), b: try a.double("b", default: 1), generator: try generator(a))
        }
        initFn("normal_", ["mean", "std", "generator"]) { [unowned self] t, a in
            try Init.normal_(t, mean: try a.double("mean", default: 0), std: try a.double("std", default: 1), generator: try generator(a))
        }
        initFn("trunc_normal_", ["mean", "std", "a", "b", "generator"]) { [unowned self] t, a in
            try Init.truncNormal_(t, mean: try a.double("mean", default: 0), std: try a.double("std", default: 1),
                                  a: try a.double("a", default: -2), b: try a.double("b", default: 2), generator: try generator(a))
        }
        initFn("constant_", ["val"]) { t, a in try Init.constant_(t, try a.double("val")) }
        initFn("ones_", []) { t, _ in try Init.ones_(t) }
        initFn("zeros_", []) { t, _ in try Init.zeros_(t) }
        initFn("eye_", []) { t, _ in try Init.eye_(t) }
        initFn("dirac_", ["groups"]) { t, a in try Init.dirac_(t, groups: try a.int("groups", default: 1)) }
        initFn("xavier_uniform_", ["gain", "generator"]) { [unowned self] t, a in
            try Init.xavierUniform_(t, gain: try a.double("gain", default: 1), generator: try generator(a))
        }
        initFn("xavier_normal_", ["gain", "generator"]) { [unowned self] t, a in
            try Init.xavierNormal_(t, gain: try a.double("gain", default: 1), generator: try generator(a))
        }
        for (name, uniform) in [("kaiming_uniform_", true), ("kaiming_normal_", false)] {
            initFn(name, ["a", "mode", "nonlinearity", "generator"]) { [unowned self] t, a in
                let slope = try a.double("a", default: 0)
                let mode = try a.string("mode", default: "fan_in")
                let nl = try a.string("nonlinearity", default: "leaky_relu")
                if uniform {
                    try Init.kaimingUniform_(t, a: slope, mode: mode, nonlinearity: nl, generator: try generator(a))
                } else {
                    try Init.kaimingNormal_(t, a: slope, mode: mode, nonlinearity: nl, generator: try generator(a))
                }
            }
        }
        initFn("orthogonal_", ["gain", "generator"]) { [unowned self] t, a in
            try Init.orthogonal_(t, gain: try a.double("gain", default: 1), generator: try generator(a))
        }
        initFn("sparse_", ["sparsity", "std", "generator"]) { [unowned self] t, a in
            try Init.sparse_(t, sparsity: try a.double("sparsity"), std: try a.double("std", default: 0.01), generator: try generator(a))
        }
        m.define("calculate_gain") { interp, args, kwargs in
            let a = try Arguments("calculate_gain", args, kwargs, ["nonlinearity", "param"])
            let param: Init.GainParameter
            if let p = a["param"] {
                if let d = try? Convert.double(p) { param = .number(d) } else { param = .invalid(try interp.str(p)) }
            } else {
                param = .none
            }
            switch try Init.calculateGain(try a.string("nonlinearity", default: ""), param: param) {
            case .int(let i): return .int(i)
            case .double(let d): return .float(d)
            }
        }
        m.define("_calculate_fan_in_and_fan_out") { _, args, kwargs in
            let a = try Arguments("_calculate_fan_in_and_fan_out", args, kwargs, ["tensor"])
            let fans = try Init.fanInAndFanOut(try a.tensor("tensor"))
            return .object(PyTuple([.int(fans.fanIn), .int(fans.fanOut)]))
        }
    }

    func installFunctional(into f: PyModule) {
        for name in ["relu", "sigmoid", "tanh", "softmax", "log_softmax", "leaky_relu"] {
            f.define(name) { interp, args, kwargs in
                var args = args
                var kwargs = kwargs
                if args.isEmpty, let i = kwargs.firstIndex(where: { $0.0 == "input" }) {
                    args = [kwargs.remove(at: i).1]
                }
                kwargs.removeAll { $0.0 == "inplace" || $0.0 == "dtype" || $0.0 == "_stacklevel" }
                guard let first = args.first else { throw PyError.typeError("\(name)() missing required argument 'input'") }
                return try interp.callMethod(first, name, Array(args.dropFirst()), kwargs)
            }
        }
        f.define("linear") { [unowned self] _, args, kwargs in
            let a = try Arguments("linear", args, kwargs, ["input", "weight", "bias"])
            return wrap(try Tensor.linear(try a.tensor("input"), weight: try a.tensor("weight"), bias: try a.optionalTensor("bias")))
        }
        for (name, make) in [("mse_loss", { (r: String) throws -> Loss in try MSELoss(reduction: r) }),
                             ("l1_loss", { (r: String) throws -> Loss in try L1Loss(reduction: r) })] {
            f.define(name) { [unowned self] _, args, kwargs in
                let a = try Arguments(name, args, kwargs, ["input", "target", "size_average", "reduce", "reduction"])
                let loss = try make(try a.string("reduction", default: "mean"))
                return wrap(try loss.forward(try a.tensor("input"), try a.tensor("target")))
            }
        }
        f.define("binary_cross_entropy") { [unowned self] _, args, kwargs in
            let a = try Arguments("binary_cross_entropy", args, kwargs, ["input", "target", "weight", "size_average", "reduce", "reduction"])
            let loss = try BCELoss(weight: try a.optionalTensor("weight"), reduction: try a.string("reduction", default: "mean"))
            return wrap(try loss.forward(try a.tensor("input"), try a.tensor("target")))
        }
        f.define("binary_cross_entropy_with_logits") { [unowned self] _, args, kwargs in
            let a = try Arguments("binary_cross_entropy_with_logits", args, kwargs,
                                  ["input", "target", "weight", "size_average", "reduce", "reduction", "pos_weight"])
            let loss = try BCEWithLogitsLoss(weight: try a.optionalTensor("weight"), reduction: try a.string("reduction", default: "mean"),
                                             posWeight: try a.optionalTensor("pos_weight"))
            return wrap(try loss.forward(try a.tensor("input"), try a.tensor("target")))
        }
        for name in ["cross_entropy", "nll_loss"] {
            f.define(name) { [unowned self] _, args, kwargs in
                let a = try Arguments(name, args, kwargs, ["input", "target", "weight", "size_average", "ignore_index",
                                                           "reduce", "reduction"])
                let weight = try a.optionalTensor("weight")
                let ignore = try a.int("ignore_index", default: -100)
                let reduction = try a.string("reduction", default: "mean")
                let loss: Loss = name == "nll_loss"
                    ? try NLLLoss(weight: weight, ignoreIndex: ignore, reduction: reduction)
                    : try CrossEntropyLoss(weight: weight, ignoreIndex: ignore, reduction: reduction)
                return wrap(try loss.forward(try a.tensor("input"), try a.tensor("target")))
            }
        }
    }
}
