import Language
import NN
import TensorEngine

/// `torch.nn`: one Python class per NN layer, constructed with PyTorch's signatures, plus the container
/// protocols (`net[0]`, `len(net)`, `for layer in net`).
extension TorchLibrary {
    func installModuleTypes(into nn: PyModule) {
        installModuleType()
        nn.dict["Module"] = .object(types.module)

        layer(nn, "Linear", "linear", ["in_features", "out_features", "bias", "dtype"]) { a in
            try Linear(try a.int("in_features"), try a.int("out_features"), bias: try a.bool("bias", default: true),
                       dtype: try a.dtype() ?? .float32)
        }
        layer(nn, "LazyLinear", "linear", ["out_features", "bias", "dtype"]) { a in
            try LazyLinear(try a.int("out_features"), bias: try a.bool("bias", default: true), dtype: try a.dtype() ?? .float32)
        }
        layer(nn, "Bilinear", "linear", ["in1_features", "in2_features", "out_features", "bias"]) { a in
            try Bilinear(try a.int("in1_features"), try a.int("in2_features"), try a.int("out_features"),
                         bias: try a.bool("bias", default: true))
        }
        layer(nn, "Identity", "linear", [], varargs: true) { _ in Identity() }
        layer(nn, "ReLU", "activation", ["inplace"]) { a in ReLU(inplace: try a.bool("inplace", default: false)) }
        layer(nn, "LeakyReLU", "activation", ["negative_slope", "inplace"]) { a in
            LeakyReLU(negativeSlope: try a.double("negative_slope", default: 0.01), inplace: try a.bool("inplace", default: false))
        }
        layer(nn, "Sigmoid", "activation", []) { _ in Sigmoid() }
        layer(nn, "Tanh", "activation", []) { _ in Tanh() }
        layer(nn, "GELU", "activation", ["approximate"]) { a in GELU(approximate: try a.string("approximate", default: "none")) }
        layer(nn, "Softmax", "activation", ["dim"]) { a in Softmax(dim: try a.optionalInt("dim")) }
        layer(nn, "LogSoftmax", "activation", ["dim"]) { a in LogSoftmax(dim: try a.optionalInt("dim")) }
        layer(nn, "Flatten", "flatten", ["start_dim", "end_dim"]) { a in
            Flatten(startDim: try a.int("start_dim", default: 1), endDim: try a.int("end_dim", default: -1))
        }
        layer(nn, "Unflatten", "flatten", ["dim", "unflattened_size"]) { a in
            try Unflatten(try a.int("dim"), try Convert.shape([try a.required("unflattened_size")], "Unflatten"))
        }
        layer(nn, "Dropout", "dropout", ["p", "inplace"]) { a in
            try Dropout(p: try a.double("p", default: 0.5), inplace: try a.bool("inplace", default: false))
        }
        layer(nn, "MSELoss", "loss", ["size_average", "reduce", "reduction"]) { a in
            try MSELoss(reduction: try a.string("reduction", default: "mean"))
        }
        layer(nn, "L1Loss", "loss", ["size_average", "reduce", "reduction"]) { a in
            try L1Loss(reduction: try a.string("reduction", default: "mean"))
        }
        layer(nn, "NLLLoss", "loss", ["weight", "size_average", "ignore_index", "reduce", "reduction"]) { a in
            try NLLLoss(weight: try a.optionalTensor("weight"), ignoreIndex: try a.int("ignore_index", default: -100),
                        reduction: try a.string("reduction", default: "mean"))
        }
        layer(nn, "BCELoss", "loss", ["weight", "size_average", "reduce", "reduction"]) { a in
            try BCELoss(weight: try a.optionalTensor("weight"), reduction: try a.string("reduction", default: "mean"))
        }
        layer(nn, "BCEWithLogitsLoss", "loss", ["weight", "size_average", "reduce", "reduction", "pos_weight"]) { a in
            try BCEWithLogitsLoss(weight: try a.optionalTensor("weight"), reduction: try a.string("reduction", default: "mean"),
                                  posWeight: try a.optionalTensor("pos_weight"))
        }
        layer(nn, "CrossEntropyLoss", "loss", ["weight", "size_average", "ignore_index", "reduce", "reduction"]) { a in
            try CrossEntropyLoss(weight: try a.optionalTensor("weight"), ignoreIndex: try a.int("ignore_index", default: -100),
                                 reduction: try a.string("reduction", default: "mean"))
        }
        installContainers(nn)
        installRecurrentLayers(nn)

        let linear = nn.dict["Linear"]!.as(PyType.self)!
        linear.property("in_features") { [unowned self] _, o in .int((try requireModule(o) as? Linear)?.inFeatures ?? 0) }
        linear.property("out_features") { [unowned self] _, o in .int((try requireModule(o) as? Linear)?.outFeatures ?? 0) }
        for name in ["ReLU", "LeakyReLU"] {
            nn.dict[name]!.as(PyType.self)!.property("inplace") { [unowned self] _, o in
                let m = try requireModule(o)
                return .bool((m as? ReLU)?.inplace ?? (m as? LeakyReLU)?.inplace ?? false)
            }
        }
        types.module.method("forward") { [unowned self] _, args, kwargs in
            let m = try requireModule(args[0])
            if let loss = m as? Loss, args.count == 3 {
                return wrap(try loss.forward(try requireTensor(args[1], "input"), try requireTensor(args[2], "target")))
            }
            if let bilinear = m as? Bilinear, args.count == 3 {
                return wrap(try bilinear.forward(try requireTensor(args[1], "input1"), try requireTensor(args[2], "input2")))
            }
            if m is PythonModule || type(of: m) == Module.self {
                throw PyError.notImplemented("Module [\(m.typeName)] is missing the required \"forward\" function")
            }
            guard args.count == 2, kwargs.isEmpty else {
                throw PyError.typeError("\(m.typeName).forward() takes 2 positional arguments but \(args.count) were given")
            }
            return wrap(try m.forward(try requireTensor(args[1], "input")))
        }
    }

    /// Registers `nn.<name>` (defined in `torch.nn.modules.<file>`), built from its Python arguments.
    func layer(_ nn: PyModule, _ name: String, _ file: String, _ names: [String], varargs: Bool = false,
               _ make: @escaping (Arguments) throws -> Module) {
        let t = PyType(name: name, module: "torch.nn.modules.\(file)", base: types.module)
        t.newInstance = { [unowned self] interp, args, kwargs in
            guard case .object(let cls as PyType)? = args.first else { throw PyError.typeError("\(name).__new__: no class") }
            if cls !== t {
                // A user subclass of a layer: a Python module whose __init__ decides what it holds.
                return try types.module.newInstance!(interp, args, kwargs)
            }
            let a = try Arguments(name, Array(args.dropFirst()), kwargs, names, varargs: varargs,
                                  ignoreUnknown: ["device", "dtype", "size_average", "reduce"])
            return wrap(try bridged { try make(a) })
        }
        registerModuleType(t)
        nn.dict[name] = .object(t)
    }
}
