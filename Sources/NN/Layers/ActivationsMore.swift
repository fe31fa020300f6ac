import TensorEngine

/// The activations tutorials reach for beyond ReLU/GELU, composed from engine ops (so autograd comes free)
/// in ATen's kernel order where the order fixes the rounding.
extension Tensor {
    /// `F.mish`: x·tanh(softplus(x)).
    public func nnMish() throws -> Tensor { try mul(try softplus().tanh()).labelingGradFn("MishBackward0") }
    /// `F.logsigmoid`: min(x, 0) − log1p(exp(−|x|)), ATen's stable form.
    public func nnLogSigmoid() throws -> Tensor {
        try clamp(max: .double(0)).sub(try abs().neg().exp().log1p()).labelingGradFn("LogSigmoidBackward0")
    }
    /// `F.softsign`: x / (|x| + 1).
    public func nnSoftsign() throws -> Tensor { try div(try abs().add(.double(1))) }
    /// `F.hardsigmoid`: min(max(x + 3, 0), 6) / 6.
    public func nnHardsigmoid() throws -> Tensor {
        try add(.double(3)).clamp(min: .double(0), max: .double(6)).div(.double(6)).labelingGradFn("HardsigmoidBackward0")
    }
    /// `F.hardswish`: x·min(max(x + 3, 0), 6) / 6.
    public func nnHardswish() throws -> Tensor {
        try mul(try add(.double(3)).clamp(min: .double(0), max: .double(6))).div(.double(6)).labelingGradFn("HardswishBackward0")
    }
    /// `F.glu(x, dim)`: first half times the sigmoid of the second.
    public func nnGLU(dim: Int = -1) throws -> Tensor {
        let d = dim < 0 ? dim + self.dim : dim
        guard d >= 0, d < self.dim else {
            throw TensorError(.index, "Dimension out of range (expected to be in range of [\(-self.dim), \(self.dim - 1)], but got \(dim))")
        }
        let n = shape[d]
        guard n % 2 == 0 else {
            throw TensorError(.runtime, "Halving dimension must be even, but dimension \(d) is size \(n)")
        }
        return try narrow(dim: d, start: 0, length: n / 2).mul(try narrow(dim: d, start: n / 2, length: n / 2).sigmoid())
            .labelingGradFn("GluBackward0")
    }
    /// `F.threshold(x, threshold, value)`: x where x > threshold, else value.
    public func nnThreshold(_ threshold: Double, _ value: Double) throws -> Tensor {
        try Tensor.where(try gt(.double(threshold)), self, .double(value)).labelingGradFn("ThresholdBackward0")
    }
    /// `F.prelu(x, weight)`: x where x > 0, else weight·x (the weight along dim 1).
    public func nnPReLU(_ weight: Tensor) throws -> Tensor {
        var w = weight
        if weight.numel > 1 && dim >= 2 {
            w = try weight.reshape([weight.numel] + Array(repeating: 1, count: dim - 2))
        }
        return try Tensor.where(try gt(.double(0)), self, try mul(w)).labelingGradFn("PreluKernelBackward0")
    }
}

/// One module per elementwise activation: its name, its `extra_repr` and its function.
open class ElementwiseActivation: Module {
    let name: String
    let extra: String
    let body: (Tensor) throws -> Tensor

    public init(_ name: String, extra: String = "", _ body: @escaping (Tensor) throws -> Tensor) {
        self.name = name
        self.extra = extra
        self.body = body
        super.init()
    }

    open override var typeName: String { name }
    open override var pythonModuleName: String { "torch.nn.modules.activation" }
    open override func forward(_ input: Tensor) throws -> Tensor { try body(input) }
    open override func extraRepr() -> String { extra }
}

/// `nn.PReLU(num_parameters=1, init=0.25)`: a learnt negative slope per channel.
open class PReLU: Module {
    public let numParameters: Int
    public init(numParameters: Int = 1, initial: Double = 0.25, dtype: DType = .float32) throws {
        self.numParameters = numParameters
        super.init()
        let w = Tensor.full([numParameters], value: initial, dtype: dtype)
        try registerParameter("weight", Parameter.make(w))
    }
    open override var typeName: String { "PReLU" }
    open override var pythonModuleName: String { "torch.nn.modules.activation" }
    open override func forward(_ input: Tensor) throws -> Tensor {
        guard let w = parameterStore.value(forKey: "weight") ?? nil else { return input }
        return try input.nnPReLU(w)
    }
    open override func extraRepr() -> String { "num_parameters=\(numParameters)" }
}
