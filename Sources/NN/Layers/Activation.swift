import TensorEngine

/// `nn.ReLU(inplace=False)`: max(0, x).
open class ReLU: Module {
    public let inplace: Bool
    public init(inplace: Bool = false) { self.inplace = inplace; super.init() }
    open override var typeName: String { "ReLU" }
    open override var pythonModuleName: String { "torch.nn.modules.activation" }
    open override func forward(_ input: Tensor) throws -> Tensor { try input.relu() }
    open override func extraRepr() -> String { inplace ? "inplace=True" : "" }
}

/// `nn.LeakyReLU(negative_slope=0.01, inplace=False)`.
open class LeakyReLU: Module {
    public let negativeSlope: Double
    public let inplace: Bool
    public init(negativeSlope: Double = 0.01, inplace: Bool = false) {
        self.negativeSlope = negativeSlope
        self.inplace = inplace
        super.init()
    }
    open override var typeName: String { "LeakyReLU" }
    open override var pythonModuleName: String { "torch.nn.modules.activation" }
    open override func forward(_ input: Tensor) throws -> Tensor { try input.leakyRelu(negativeSlope: negativeSlope) }
    open override func extraRepr() -> String {
        "negative_slope=\(pythonFloatRepr(negativeSlope))" + (inplace ? ", inplace=True" : "")
    }
}

/// `nn.Sigmoid()`.
open class Sigmoid: Module {
    public override init() { super.init() }
    open override var typeName: String { "Sigmoid" }
    open override var pythonModuleName: String { "torch.nn.modules.activation" }
    open override func forward(_ input: Tensor) throws -> Tensor { try input.sigmoid() }
}

/// `nn.Tanh()`.
open class Tanh: Module {
    public override init() { super.init() }
    open override var typeName: String { "Tanh" }
    open override var pythonModuleName: String { "torch.nn.modules.activation" }
    open override func forward(_ input: Tensor) throws -> Tensor { try input.tanh() }
}

/// `nn.GELU(approximate='none')`: x·Φ(x), or the tanh approximation.
open class GELU: Module {
    public let approximate: String
    /// PyTorch accepts any string here and complains only in forward.
    public init(approximate: String = "none") {
        self.approximate = approximate
        super.init()
    }
    open override var typeName: String { "GELU" }
    open override var pythonModuleName: String { "torch.nn.modules.activation" }
    open override func forward(_ input: Tensor) throws -> Tensor {
        guard approximate == "none" || approximate == "tanh" else {
            throw TensorError(.runtime, "approximate argument must be either none or tanh.")
        }
        return try input.nnGelu(tanhApproximation: approximate == "tanh")
    }
    open override func extraRepr() -> String { "approximate=\(pythonStringRepr(approximate))" }
}

/// `nn.Softmax(dim=None)`.
open class Softmax: Module {
    public let dim: Int?
    public init(dim: Int? = nil) { self.dim = dim; super.init() }
    open override var typeName: String { "Softmax" }
    open override var pythonModuleName: String { "torch.nn.modules.activation" }
    open override func forward(_ input: Tensor) throws -> Tensor {
        try input.nnSoftmax(dim: dim ?? legacySoftmaxDim(input.dim), log: false)
    }
    open override func extraRepr() -> String { "dim=\(dim.map(String.init) ?? "None")" }
}

/// `nn.LogSoftmax(dim=None)`.
open class LogSoftmax: Module {
    public let dim: Int?
    public init(dim: Int? = nil) { self.dim = dim; super.init() }
    open override var typeName: String { "LogSoftmax" }
    open override var pythonModuleName: String { "torch.nn.modules.activation" }
    open override func forward(_ input: Tensor) throws -> Tensor {
        try input.nnSoftmax(dim: dim ?? legacySoftmaxDim(input.dim), log: true)
    }
    open override func extraRepr() -> String { "dim=\(dim.map(String.init) ?? "None")" }
}

/// `F._get_softmax_dim`: 0 for 0-, 1- and 3-D inputs, else 1 (PyTorch also warns).
func legacySoftmaxDim(_ ndim: Int) -> Int {
    NNWarnings.warn("Implicit dimension choice for softmax has been deprecated. Change the call to include dim=X as an argument.")
    return (ndim == 0 || ndim == 1 || ndim == 3) ? 0 : 1
}

/// `nn.Flatten(start_dim=1, end_dim=-1)`.
open class Flatten: Module {
    public let startDim: Int
    public let endDim: Int
    public init(startDim: Int = 1, endDim: Int = -1) {
        self.startDim = startDim
        self.endDim = endDim
        super.init()
    }
    open override var typeName: String { "Flatten" }
    open override var pythonModuleName: String { "torch.nn.modules.flatten" }
    open override func forward(_ input: Tensor) throws -> Tensor { try input.flatten(startDim: startDim, endDim: endDim) }
    open override func extraRepr() -> String { "start_dim=\(startDim), end_dim=\(endDim)" }
}

/// `nn.Unflatten(dim, unflattened_size)`: splits one dimension into several.
open class Unflatten: Module {
    public let dim: Int
    public let unflattenedSize: [Int]
    public init(_ dim: Int, _ unflattenedSize: [Int]) throws {
        self.dim = dim
        self.unflattenedSize = unflattenedSize
        super.init()
    }
    open override var typeName: String { "Unflatten" }
    open override var pythonModuleName: String { "torch.nn.modules.flatten" }
    open override func forward(_ input: Tensor) throws -> Tensor {
        var d = dim
        if d < 0 { d += input.dim }
        guard d >= 0 && d < input.dim else {
            throw TensorError(.index, "Dimension out of range (expected to be in range of [\(-input.dim), \(input.dim - 1)], but got \(dim))")
        }
        var shape = input.shape
        var sizes = unflattenedSize
        // Products that overflow can never match a real size: `&*` makes them mismatch instead of trapping.
        if let inferred = sizes.firstIndex(of: -1) {
            let known = sizes.filter { $0 != -1 }.reduce(1, &*)
            sizes[inferred] = known == 0 ? 0 : shape[d] / known
        }
        let product = sizes.reduce((1, false)) { acc, s in
            let (p, o) = acc.0.multipliedReportingOverflow(by: s)
            return (p, acc.1 || o)
        }
        guard !product.1, product.0 == shape[d] else {
            throw TensorError(.runtime, "unflatten: Provided sizes \(shapeText(unflattenedSize)) don't multiply up to the size of dim \(dim) (\(shape[d])) in the input tensor")
        }
        shape.replaceSubrange(d...d, with: sizes)
        return try input.view(shape)
    }
    open override func extraRepr() -> String {
        "dim=\(dim), unflattened_size=" + pythonTupleRepr(unflattenedSize)
    }
}

func shapeText(_ s: [Int]) -> String { "[" + s.map(String.init).joined(separator: ", ") + "]" }

/// `repr(tuple)`: `(2, 5)`, `(3,)`.
func pythonTupleRepr(_ xs: [Int]) -> String {
    xs.count == 1 ? "(\(xs[0]),)" : "(" + xs.map(String.init).joined(separator: ", ") + ")"
}

/// `nn.Dropout(p=0.5, inplace=False)`: zeroes elements with probability p in training, scales by 1/(1-p).
open class Dropout: Module {
    public let p: Double
    public let inplace: Bool
    let generator: Generator
    public init(p: Double = 0.5, inplace: Bool = false, generator: Generator = .default) throws {
        guard p >= 0 && p <= 1 else {
            throw TensorError(.value, "dropout probability has to be between 0 and 1, but got \(pythonFloatRepr(p))")
        }
        self.p = p
        self.inplace = inplace
        self.generator = generator
        super.init()
    }
    open override var typeName: String { "Dropout" }
    open override var pythonModuleName: String { "torch.nn.modules.dropout" }
    open override func forward(_ input: Tensor) throws -> Tensor {
        try input.nnDropout(p: p, training: training, generator: generator)
    }
    open override func extraRepr() -> String { "p=\(pythonFloatRepr(p)), inplace=\(inplace ? "True" : "False")" }
}
