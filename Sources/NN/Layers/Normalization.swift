import TensorEngine

/// `_BatchNorm`: normalises each channel (dim 1) over the batch and spatial dims.
///
/// Registers `weight`, `bias` (ones/zeros, or None without `affine`), then the buffers `running_mean`,
/// `running_var` and the int64 scalar `num_batches_tracked` (None without `track_running_stats`). In
/// training it uses the batch statistics and updates the running ones (unbiased variance, `momentum`, or
/// a cumulative average when momentum is None); in eval it uses the running statistics.
open class BatchNorm: Module {
    public let numFeatures: Int
    public let eps: Double
    public let momentum: Double?
    public let affine: Bool
    public let trackRunningStats: Bool

    init(numFeatures: Int, eps: Double, momentum: Double?, affine: Bool, trackRunningStats: Bool, bias: Bool,
         dtype: DType) throws {
        self.numFeatures = numFeatures
        self.eps = eps
        self.momentum = momentum
        self.affine = affine
        self.trackRunningStats = trackRunningStats
        super.init()
        try Parameter.checkShape([numFeatures])
        try registerParameter("weight", affine ? Parameter.make(Tensor.empty([numFeatures], dtype: dtype)) : nil)
        try registerParameter("bias", affine && bias ? Parameter.make(Tensor.empty([numFeatures], dtype: dtype)) : nil)
        if trackRunningStats {
            try registerBuffer("running_mean", Tensor.zeros([numFeatures], dtype: dtype))
            try registerBuffer("running_var", Tensor.ones([numFeatures], dtype: dtype))
            try registerBuffer("num_batches_tracked", Tensor(int64Values: [0], shape: []))
        } else {
            for name in ["running_mean", "running_var", "num_batches_tracked"] { try registerBuffer(name, nil) }
        }
        try resetParameters()
    }

    public var weight: Tensor? { parameter("weight") }
    public var bias: Tensor? { parameter("bias") }
    public var runningMean: Tensor? { buffer("running_mean") }
    public var runningVar: Tensor? { buffer("running_var") }
    public var numBatchesTracked: Tensor? { buffer("num_batches_tracked") }

    open override var pythonModuleName: String { "torch.nn.modules.batchnorm" }
    open override var builtinAttributeNames: Set<String> {
        super.builtinAttributeNames.union(["num_features", "eps", "momentum", "affine", "track_running_stats",
                                           "reset_parameters", "reset_running_stats"])
    }

    /// `reset_running_stats()`.
    public func resetRunningStats() throws {
        try GradMode.withNoGrad {
            try runningMean?.zero_()
            try runningVar?.fill_(1)
            try numBatchesTracked?.zero_()
        }
    }

    open override func resetParameters() throws {
        try resetRunningStats()
        if let weight { _ = try Init.ones_(weight) }
        if let bias { _ = try Init.zeros_(bias) }
    }

    open override func extraRepr() -> String {
        "\(numFeatures), eps=\(pythonFloatRepr(eps)), momentum=\(momentum.map(pythonFloatRepr) ?? "None"), "
            + "affine=\(pyBool(affine)), bias=\(pyBool(bias != nil)), track_running_stats=\(pyBool(trackRunningStats))"
    }

    /// `_check_input_dim`.
    func checkInputDim(_ input: Tensor) throws {}

    open override func forward(_ input: Tensor) throws -> Tensor {
        try checkInputDim(input)
        var factor = momentum ?? 0
        if training && trackRunningStats, let count = numBatchesTracked {
            try GradMode.withNoGrad { _ = try count.add_(.int(1)) }
            if momentum == nil { factor = 1 / (try count.item()) }
        }
        let useBatchStats = training || (runningMean == nil && runningVar == nil)
        let passStats = !training || trackRunningStats
        return try BatchNorm.batchNorm(input, runningMean: passStats ? runningMean : nil,
                                       runningVar: passStats ? runningVar : nil, weight: weight, bias: bias,
                                       training: useBatchStats, momentum: factor, eps: eps)
    }

    /// `F.batch_norm`: batch statistics when `training` (then the running ones, if given, move towards them
    /// by `momentum`, with the unbiased variance), else the running statistics.
    public static func batchNorm(_ input: Tensor, runningMean: Tensor?, runningVar: Tensor?, weight: Tensor? = nil,
                                 bias: Tensor? = nil, training: Bool = false, momentum: Double = 0.1,
                                 eps: Double = 1e-5) throws -> Tensor {
        guard input.dim >= 2 else {
            throw TensorError(.runtime, "batch_norm(): expected input to have at least 2 dimensions, got \(input.dim)")
        }
        let channels = input.shape[1]
        if channels == 0 {  // ATen selects channel 0 of the empty statistics
            throw TensorError(.index, "select(): index 0 out of range for tensor of size [0] at dimension 0")
        }
        if training && input.numel / Swift.max(channels, 1) == 1 {
            throw TensorError.valueError("Expected more than 1 value per channel when training, got input size "
                + torchSize(input.shape))
        }
        for (name, t) in [("running_mean", runningMean), ("running_var", runningVar)] {
            if let t, t.numel != channels {
                throw TensorError(.runtime, "\(name) should contain \(channels) elements not \(t.numel)")
            }
        }
        var statShape = Array(repeating: 1, count: input.dim)
        statShape[1] = channels
        let dims = [0] + Array(2..<input.dim)
        let mean: Tensor, variance: Tensor
        if training {
            mean = try input.mean(dims: dims, keepDim: true)
            let centered = try input.sub(mean)
            variance = try centered.mul(centered).mean(dims: dims, keepDim: true)
            let n = Double(input.numel / channels)
            try GradMode.withNoGrad {
                if let runningMean {
                    let m = try mean.detach().reshape([channels])
                    try runningMean.copy_(try runningMean.mul(.double(1 - momentum)).add(m.mul(.double(momentum))))
                }
                if let runningVar {
                    let v = try variance.detach().reshape([channels]).mul(.double(n / (n - 1)))
                    try runningVar.copy_(try runningVar.mul(.double(1 - momentum)).add(v.mul(.double(momentum))))
                }
            }
        } else {
            guard let runningMean else { throw TensorError(.runtime, "running_mean must be defined in evaluation mode") }
            guard let runningVar else { throw TensorError(.runtime, "running_var must be defined in evaluation mode") }
            mean = try runningMean.view(statShape)
            variance = try runningVar.view(statShape)
        }
        var out = try input.sub(mean).mul(try variance.add(.double(eps)).rsqrt())
        if let weight { out = try out.mul(weight.view(statShape)) }
        if let bias { out = try out.add(bias.view(statShape)) }
        return out.labelingGradFn("NativeBatchNormBackward0")
    }
}

func pyBool(_ b: Bool) -> String { b ? "True" : "False" }

/// `nn.BatchNorm1d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, *, bias=True)`:
/// input (N, C) or (N, C, L).
open class BatchNorm1d: BatchNorm {
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = true,
                trackRunningStats: Bool = true, bias: Bool = true, dtype: DType = .float32) throws {
        try super.init(numFeatures: numFeatures, eps: eps, momentum: momentum, affine: affine,
                       trackRunningStats: trackRunningStats, bias: bias, dtype: dtype)
    }
    open override var typeName: String { "BatchNorm1d" }
    override func checkInputDim(_ input: Tensor) throws {
        if input.dim != 2 && input.dim != 3 {
            throw TensorError.valueError("expected 2D or 3D input (got \(input.dim)D input)")
        }
    }
}

/// `nn.BatchNorm2d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, *, bias=True)`:
/// input (N, C, H, W).
open class BatchNorm2d: BatchNorm {
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = true,
                trackRunningStats: Bool = true, bias: Bool = true, dtype: DType = .float32) throws {
        try super.init(numFeatures: numFeatures, eps: eps, momentum: momentum, affine: affine,
                       trackRunningStats: trackRunningStats, bias: bias, dtype: dtype)
    }
    open override var typeName: String { "BatchNorm2d" }
    override func checkInputDim(_ input: Tensor) throws {
        if input.dim != 4 { throw TensorError.valueError("expected 4D input (got \(input.dim)D input)") }
    }
}

/// `nn.LayerNorm(normalized_shape, eps=1e-05, elementwise_affine=True, bias=True)`: normalises over the
/// trailing `normalized_shape` dims (biased variance), then scales by `weight` (ones) and shifts by `bias`
/// (zeros).
open class LayerNorm: Module {
    public let normalizedShape: [Int]
    public let eps: Double
    public let elementwiseAffine: Bool

    public init(_ normalizedShape: IntOrTuple, eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true,
                dtype: DType = .float32) throws {
        self.normalizedShape = normalizedShape.expanded(1)
        self.eps = eps
        self.elementwiseAffine = elementwiseAffine
        super.init()
        let shape = self.normalizedShape
        try Parameter.checkShape(shape)
        try registerParameter("weight", elementwiseAffine ? Parameter.make(Tensor.empty(shape, dtype: dtype)) : nil)
        try registerParameter("bias", elementwiseAffine && bias ? Parameter.make(Tensor.empty(shape, dtype: dtype)) : nil)
        try resetParameters()
    }

    public var weight: Tensor? { parameter("weight") }
    public var bias: Tensor? { parameter("bias") }

    open override var typeName: String { "LayerNorm" }
    open override var pythonModuleName: String { "torch.nn.modules.normalization" }
    open override var builtinAttributeNames: Set<String> {
        super.builtinAttributeNames.union(["normalized_shape", "eps", "elementwise_affine", "reset_parameters"])
    }

    open override func resetParameters() throws {
        if let weight { _ = try Init.ones_(weight) }
        if let bias { _ = try Init.zeros_(bias) }
    }

    open override func extraRepr() -> String {
        "\(pythonTupleRepr(normalizedShape)), eps=\(pythonFloatRepr(eps)), "
            + "elementwise_affine=\(pyBool(elementwiseAffine)), bias=\(pyBool(bias != nil))"
    }

    open override func forward(_ input: Tensor) throws -> Tensor {
        try LayerNorm.layerNorm(input, normalizedShape: normalizedShape, weight: weight, bias: bias, eps: eps)
    }

    /// `F.layer_norm(input, normalized_shape, weight, bias, eps)`.
    public static func layerNorm(_ input: Tensor, normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil,
                                 eps: Double = 1e-5) throws -> Tensor {
        let k = normalizedShape.count
        guard input.dim >= k, Array(input.shape.suffix(k)) == normalizedShape else {
            throw TensorError(.runtime, "Given normalized_shape=\(shapeText(normalizedShape)), expected input with shape "
                + "[*, \(normalizedShape.map(String.init).joined(separator: ", "))], but got input of size"
                + shapeText(input.shape))
        }
        let dims = Array((input.dim - k)..<input.dim)
        let mean = try input.mean(dims: dims, keepDim: true)
        let centered = try input.sub(mean)
        let variance = try centered.mul(centered).mean(dims: dims, keepDim: true)
        var out = try centered.mul(try variance.add(.double(eps)).rsqrt())
        if let weight { out = try out.mul(weight) }
        if let bias { out = try out.add(bias) }
        return out.labelingGradFn("NativeLayerNormBackward0")
    }
}
