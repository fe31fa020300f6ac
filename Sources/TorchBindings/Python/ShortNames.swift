import Language
import NN
import TensorEngine

/// The `nnrepl` module: short names for the common things, also installed as builtins.
///
///     seq(linear(4, 3), relu, linear(3, 1))   # == nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 1))
///
/// `relu`, `sigmoid` and `tanh` are functions on tensors; inside `seq(...)` the bare function stands for
/// the layer (`nn.ReLU()`).
extension TorchLibrary {
    func makeShortNames(torch: PyModule, initModule: PyModule) -> PyModule {
        let m = PyModule(name: "nnrepl")
        m.define("seq") { [unowned self] _, args, kwargs in
            if !kwargs.isEmpty { throw PyError.typeError("seq() takes no keyword arguments") }
            return wrap(Sequential(try args.map { try childModule($0) }))
        }
        m.define("linear") { [unowned self] _, args, kwargs in
            let a = try Arguments("linear", args, kwargs, ["in_features", "out_features", "bias"])
            let bias = try a.bool("bias", default: true)
            if a["out_features"] == nil { return wrap(try LazyLinear(try a.int("in_features"), bias: bias)) }
            return wrap(try Linear(try a.int("in_features"), try a.int("out_features"), bias: bias))
        }
        let activations: [(String, () -> Module)] = [("relu", { ReLU() }), ("sigmoid", { Sigmoid() }), ("tanh", { Tanh() })]
        for (name, make) in activations {
            let f = PyBuiltinFunction(name: name, owner: nil) { interp, args, kwargs in
                guard let first = args.first else { throw PyError.typeError("\(name)() missing required argument 'input'") }
                return try interp.callMethod(first, name, Array(args.dropFirst()), kwargs)
            }
            bareActivations[ObjectIdentifier(f)] = make
            m.dict[name] = .object(f)
        }
        m.define("summary") { [unowned self] interp, args, kwargs in
            let a = try Arguments("summary", args, kwargs, ["module"])
            interp.stdout(summaryText(try requireModule(try a.required("module"))))
            return .none
        }
        m.define("graph") { [unowned self] interp, args, kwargs in
            let a = try Arguments("graph", args, kwargs, ["tensor"])
            interp.stdout(try graphText(try a.required("tensor"), interpreter: interp))
            return .none
        }
        m.define("hist") { [unowned self] interp, args, kwargs in
            let a = try Arguments("hist", args, kwargs, ["input", "bins"])
            interp.stdout(try histogramText(try a.required("input"), bins: try a.int("bins", default: 10)))
            return .none
        }
        for name in ["rand", "randn", "zeros", "ones", "tensor"] { m.dict[name] = torch.dict[name] }
        m.dict["init"] = .object(initModule)
        m.dict["__all__"] = .object(PyList(["seq", "linear", "relu", "sigmoid", "tanh", "rand", "randn", "zeros", "ones",
                                            "tensor", "init", "summary", "graph", "hist"].map { .str($0) }))
        return m
    }
}
