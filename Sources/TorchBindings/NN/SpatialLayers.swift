import Language
import NN
import TensorEngine

/// `torch.nn` convolution, pooling, normalisation and embedding layers, and their `torch.nn.functional`
/// forms, with PyTorch's positional/keyword signatures and defaults.
extension TorchLibrary {
    func installSpatialLayers(_ nn: PyModule) {
        let convNames = ["in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups", "bias",
                         "padding_mode", "dtype"]
        layer(nn, "Conv1d", "conv", convNames) { a in
            try Conv1d(try a.int("in_channels"), try a.int("out_channels"), kernelSize: try a.intOrTuple("kernel_size"),
                       stride: try a.intOrTuple("stride", 1), padding: try a.convPadding(), dilation: try a.intOrTuple("dilation", 1),
                       groups: try a.int("groups", default: 1), bias: try a.bool("bias", default: true),
                       paddingMode: try a.string("padding_mode", default: "zeros"), dtype: try a.dtype() ?? .float32)
        }
        layer(nn, "Conv2d", "conv", convNames) { a in
            try Conv2d(try a.int("in_channels"), try a.int("out_channels"), kernelSize: try a.intOrTuple("kernel_size"),
                       stride: try a.intOrTuple("stride", 1), padding: try a.convPadding(), dilation: try a.intOrTuple("dilation", 1),
                       groups: try a.int("groups", default: 1), bias: try a.bool("bias", default: true),
                       paddingMode: try a.string("padding_mode", default: "zeros"), dtype: try a.dtype() ?? .float32)
        }
        layer(nn, "LazyConv2d", "conv", Array(convNames.dropFirst())) { a in
            try LazyConv2d(try a.int("out_channels"), kernelSize: try a.intOrTuple("kernel_size"),
                           stride: try a.intOrTuple("stride", 1), padding: try a.convPadding(),
                           dilation: try a.intOrTuple("dilation", 1), groups: try a.int("groups", default: 1),
                           bias: try a.bool("bias", default: true), paddingMode: try a.string("padding_mode", default: "zeros"),
                           dtype: try a.dtype() ?? .float32)
        }
        layer(nn, "MaxPool2d", "pooling", ["kernel_size", "stride", "padding", "dilation", "return_indices", "ceil_mode"]) { a in
            MaxPool2d(kernelSize: try a.intOrTuple("kernel_size"), stride: try a.optionalIntOrTuple("stride"),
                      padding: try a.intOrTuple("padding", 0), dilation: try a.intOrTuple("dilation", 1),
                      returnIndices: try a.bool("return_indices", default: false), ceilMode: try a.bool("ceil_mode", default: false))
        }
        layer(nn, "AvgPool2d", "pooling", ["kernel_size", "stride", "padding", "ceil_mode", "count_include_pad",
                                           "divisor_override"]) { a in
            AvgPool2d(kernelSize: try a.intOrTuple("kernel_size"), stride: try a.optionalIntOrTuple("stride"),
                      padding: try a.intOrTuple("padding", 0), ceilMode: try a.bool("ceil_mode", default: false),
                      countIncludePad: try a.bool("count_include_pad", default: true),
                      divisorOverride: try a.optionalInt("divisor_override"))
        }
        layer(nn, "AdaptiveAvgPool2d", "pooling", ["output_size"]) { a in
            let v = try a.required("output_size")
            if Convert.sequenceItems(v) != nil { return AdaptiveAvgPool2d(outputSize: try a.outputSize("output_size")) }
            return AdaptiveAvgPool2d(.int(try Convert.int(v, "AdaptiveAvgPool2d", "output_size")))
        }
        let bnNames = ["num_features", "eps", "momentum", "affine", "track_running_stats", "dtype", "bias"]
        layer(nn, "BatchNorm1d", "batchnorm", bnNames) { a in
            try BatchNorm1d(try a.int("num_features"), eps: try a.double("eps", default: 1e-5),
                            momentum: a.has("momentum") ? try a.optionalDouble("momentum") : 0.1,
                            affine: try a.bool("affine", default: true),
                            trackRunningStats: try a.bool("track_running_stats", default: true),
                            bias: try a.bool("bias", default: true), dtype: try a.dtype() ?? .float32)
        }
        layer(nn, "BatchNorm2d", "batchnorm", bnNames) { a in
            try BatchNorm2d(try a.int("num_features"), eps: try a.double("eps", default: 1e-5),
                            momentum: a.has("momentum") ? try a.optionalDouble("momentum") : 0.1,
                            affine: try a.bool("affine", default: true),
                            trackRunningStats: try a.bool("track_running_stats", default: true),
                            bias: try a.bool("bias", default: true), dtype: try a.dtype() ?? .float32)
        }
        layer(nn, "LayerNorm", "normalization", ["normalized_shape", "eps", "elementwise_affine", "bias", "dtype"]) { a in
            try LayerNorm(try a.intOrTuple("normalized_shape"), eps: try a.double("eps", default: 1e-5),
                          elementwiseAffine: try a.bool("elementwise_affine", default: true),
                          bias: try a.bool("bias", default: true), dtype: try a.dtype() ?? .float32)
        }
        layer(nn, "Embedding", "sparse", ["num_embeddings", "embedding_dim", "padding_idx", "max_norm", "norm_type",
                                          "scale_grad_by_freq", "sparse", "_weight", "_freeze", "dtype"]) { a in
            if a["max_norm"] != nil { throw PyError.notImplemented("Embedding(max_norm=...) is not supported") }
            return try Embedding(try a.int("num_embeddings"), try a.int("embedding_dim"),
                                 paddingIdx: try a.optionalInt("padding_idx"), dtype: try a.dtype() ?? .float32)
        }

        // MaxPool2d(return_indices=True) returns (values, indices).
        let maxPool = nn.dict["MaxPool2d"]!.as(PyType.self)!
        maxPool.method("forward") { [unowned self] _, args, _ in
            guard let pool = try requireModule(args[0]) as? MaxPool2d, args.count == 2 else {
                throw PyError.typeError("MaxPool2d.forward() takes 2 positional arguments but \(args.count) were given")
            }
            let x = try requireTensor(args[1], "input")
            if pool.returnIndices {
                let (v, i) = try pool.forwardWithIndices(x)
                return .object(PyTuple([wrap(v), wrap(i)]))
            }
            return wrap(try pool.forward(x))
        }
        let attributes: [(String, [(String, (Module) -> Value?)])] = [
            ("Conv1d", convAttributes), ("Conv2d", convAttributes), ("LazyConv2d", convAttributes),
            ("BatchNorm1d", bnAttributes), ("BatchNorm2d", bnAttributes),
            ("LayerNorm", [("normalized_shape", { m in (m as? LayerNorm).map { tuple($0.normalizedShape) } }),
                           ("eps", { m in (m as? LayerNorm).map { .float($0.eps) } }),
                           ("elementwise_affine", { m in (m as? LayerNorm).map { .bool($0.elementwiseAffine) } })]),
            ("Embedding", [("num_embeddings", { m in (m as? Embedding).map { .int($0.numEmbeddings) } }),
                           ("embedding_dim", { m in (m as? Embedding).map { .int($0.embeddingDim) } }),
                           ("padding_idx", { m in (m as? Embedding).map { $0.paddingIdx.map { .int($0) } ?? .none } })]),
        ]
        for (typeName, props) in attributes {
            let t = nn.dict[typeName]!.as(PyType.self)!
            for (name, get) in props {
                t.property(name) { [unowned self] _, o in get(try requireModule(o)) ?? .none }
            }
        }
    }

    private var convAttributes: [(String, (Module) -> Value?)] {
        [("in_channels", { m in (m as? ConvNd).map { .int($0.inChannels) } }),
         ("out_channels", { m in (m as? ConvNd).map { .int($0.outChannels) } }),
         ("kernel_size", { m in (m as? ConvNd).map { tuple($0.kernelSize) } }),
         ("stride", { m in (m as? ConvNd).map { tuple($0.stride) } }),
         ("padding", { m in (m as? ConvNd).map { c in c.paddingString.map { .str($0) } ?? tuple(c.padding ?? []) } }),
         ("dilation", { m in (m as? ConvNd).map { tuple($0.dilation) } }),
         ("groups", { m in (m as? ConvNd).map { .int($0.groups) } }),
         ("padding_mode", { m in (m as? ConvNd).map { .str($0.paddingMode) } })]
    }

    private var bnAttributes: [(String, (Module) -> Value?)] {
        [("num_features", { m in (m as? BatchNorm).map { .int($0.numFeatures) } }),
         ("eps", { m in (m as? BatchNorm).map { .float($0.eps) } }),
         ("momentum", { m in (m as? BatchNorm).map { b in b.momentum.map { .float($0) } ?? .none } }),
         ("affine", { m in (m as? BatchNorm).map { .bool($0.affine) } }),
         ("track_running_stats", { m in (m as? BatchNorm).map { .bool($0.trackRunningStats) } })]
    }

    func installSpatialFunctional(into f: PyModule) {
        let convNames = ["input", "weight", "bias", "stride", "padding", "dilation", "groups"]
        for (name, dims) in [("conv1d", 1), ("conv2d", 2)] {
            f.define(name) { [unowned self] _, args, kwargs in
                let a = try Arguments(name, args, kwargs, convNames)
                let (x, w, b) = (try a.tensor("input"), try a.tensor("weight"), try a.optionalTensor("bias"))
                let (s, p, d, g) = (try a.intOrTuple("stride", 1), try a.convPadding(), try a.intOrTuple("dilation", 1),
                                    try a.int("groups", default: 1))
                return wrap(dims == 1
                    ? try Functional.conv1d(x, weight: w, bias: b, stride: s, padding: p, dilation: d, groups: g)
                    : try Functional.conv2d(x, weight: w, bias: b, stride: s, padding: p, dilation: d, groups: g))
            }
        }
        f.define("pad") { [unowned self] _, args, kwargs in
            let a = try Arguments("pad", args, kwargs, ["input", "pad", "mode", "value"])
            guard let items = Convert.sequenceItems(try a.required("pad")) else {
                throw PyError.typeError("pad(): argument 'pad' must be tuple of ints, not \(try a.required("pad").typeName)")
            }
            return wrap(try Functional.pad(try a.tensor("input"), try items.map { try Convert.int($0, "pad", "pad") },
                                           mode: try a.string("mode", default: "constant"), value: try a.double("value", default: 0)))
        }
        f.define("max_pool2d") { [unowned self] _, args, kwargs in
            let a = try Arguments("max_pool2d", args, kwargs, ["input", "kernel_size", "stride", "padding", "dilation",
                                                               "ceil_mode", "return_indices"])
            let (v, i) = try Functional.maxPool2d(try a.tensor("input"), kernelSize: try a.intOrTuple("kernel_size"),
                                                  stride: try a.optionalIntOrTuple("stride"), padding: try a.intOrTuple("padding", 0),
                                                  dilation: try a.intOrTuple("dilation", 1), ceilMode: try a.bool("ceil_mode", default: false))
            return try a.bool("return_indices", default: false) ? .object(PyTuple([wrap(v), wrap(i)])) : wrap(v)
        }
        f.define("avg_pool2d") { [unowned self] _, args, kwargs in
            let a = try Arguments("avg_pool2d", args, kwargs, ["input", "kernel_size", "stride", "padding", "ceil_mode",
                                                               "count_include_pad", "divisor_override"])
            return wrap(try Functional.avgPool2d(try a.tensor("input"), kernelSize: try a.intOrTuple("kernel_size"),
                                                 stride: try a.optionalIntOrTuple("stride"), padding: try a.intOrTuple("padding", 0),
                                                 ceilMode: try a.bool("ceil_mode", default: false),
                                                 countIncludePad: try a.bool("count_include_pad", default: true),
                                                 divisorOverride: try a.optionalInt("divisor_override")))
        }
        f.define("adaptive_avg_pool2d") { [unowned self] _, args, kwargs in
            let a = try Arguments("adaptive_avg_pool2d", args, kwargs, ["input", "output_size"])
            return wrap(try Functional.adaptiveAvgPool2d(try a.tensor("input"), outputSize: try a.outputSize("output_size")))
        }
        f.define("batch_norm") { [unowned self] _, args, kwargs in
            let a = try Arguments("batch_norm", args, kwargs, ["input", "running_mean", "running_var", "weight", "bias",
                                                               "training", "momentum", "eps"])
            return wrap(try Functional.batchNorm(try a.tensor("input"), runningMean: try a.optionalTensor("running_mean"),
                                                 runningVar: try a.optionalTensor("running_var"), weight: try a.optionalTensor("weight"),
                                                 bias: try a.optionalTensor("bias"), training: try a.bool("training", default: false),
                                                 momentum: try a.double("momentum", default: 0.1), eps: try a.double("eps", default: 1e-5)))
        }
        f.define("layer_norm") { [unowned self] _, args, kwargs in
            let a = try Arguments("layer_norm", args, kwargs, ["input", "normalized_shape", "weight", "bias", "eps"])
            return wrap(try Functional.layerNorm(try a.tensor("input"),
                                                 normalizedShape: try a.intOrTuple("normalized_shape").expanded(1),
                                                 weight: try a.optionalTensor("weight"), bias: try a.optionalTensor("bias"),
                                                 eps: try a.double("eps", default: 1e-5)))
        }
        f.define("embedding") { [unowned self] _, args, kwargs in
            let a = try Arguments("embedding", args, kwargs, ["input", "weight", "padding_idx", "max_norm", "norm_type",
                                                              "scale_grad_by_freq", "sparse"])
            return wrap(try Functional.embedding(try a.tensor("input"), weight: try a.tensor("weight"),
                                                 paddingIdx: try a.optionalInt("padding_idx")))
        }
        f.define("gelu") { [unowned self] _, args, kwargs in
            let a = try Arguments("gelu", args, kwargs, ["input", "approximate"])
            return wrap(try GELU(approximate: try a.string("approximate", default: "none")).forward(try a.tensor("input")))
        }
        f.define("dropout") { [unowned self] _, args, kwargs in
            let a = try Arguments("dropout", args, kwargs, ["input", "p", "training", "inplace"])
            let layer = try Dropout(p: try a.double("p", default: 0.5), inplace: try a.bool("inplace", default: false))
            layer.training = try a.bool("training", default: true)
            return wrap(try layer.forward(try a.tensor("input")))
        }
    }
}

private func tuple(_ xs: [Int]) -> Value { .object(PyTuple(xs.map { .int($0) })) }

extension Arguments {
    /// `3` or `(3, 5)`.
    func intOrTuple(_ name: String, _ d: IntOrTuple? = nil) throws -> IntOrTuple {
        guard let v = self[name] else {
            if let d { return d }
            return .int(try int(name))
        }
        if let items = Convert.sequenceItems(v) { return .tuple(try items.map { try Convert.int($0, function, name) }) }
        return .int(try Convert.int(v, function, name))
    }

    func optionalIntOrTuple(_ name: String) throws -> IntOrTuple? {
        guard self[name] != nil else { return nil }
        return try intOrTuple(name)
    }

    /// `padding`: an int, a tuple, or `'same'`/`'valid'`.
    func convPadding() throws -> ConvPadding {
        if case .str(let s)? = self["padding"] { return .string(s) }
        return .size(try intOrTuple("padding", 0))
    }

    /// `output_size` of adaptive pooling: `7`, `(5, 7)` or `(None, 7)`.
    func outputSize(_ name: String) throws -> [Int?] {
        let v = try required(name)
        if let items = Convert.sequenceItems(v) {
            return try items.map { $0.isNone ? nil : try Convert.int($0, function, name) }
        }
        let n = try Convert.int(v, function, name)
        return [n, n]
    }
}
