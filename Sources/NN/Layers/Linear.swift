import Foundation
import TensorEngine

/// `nn.Linear(in_features, out_features, bias=True)`: y = x Wᵀ + b.
///
/// `weight` is (out, in) and `bias` (out); `reset_parameters` draws the whole weight (Kaiming uniform,
/// a = √5) before the bias (uniform ±1/√in), bit-identical to PyTorch for the same seed.
///
///     Linear(4, 3).description == "Linear(in_features=4, out_features=3, bias=True)"
open class Linear: Module {
    public internal(set) var inFeatures: Int
    public internal(set) var outFeatures: Int
    let generator: Generator

    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, dtype: DType = .float32,
                generator: Generator = .default) throws {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        self.generator = generator
        super.init()
        try Parameter.checkShape([outFeatures, inFeatures])
        try Parameter.checkShape([outFeatures])  // the bias, large even when the weight is empty
        try registerParameter("weight", Parameter.make(Tensor.empty([outFeatures, inFeatures], dtype: dtype)))
        try registerParameter("bias", bias ? Parameter.make(Tensor.empty([outFeatures], dtype: dtype)) : nil)
        try resetParameters()
    }

    /// For `LazyLinear`: parameters are registered by the subclass and nothing is drawn.
    init(lazyOutFeatures outFeatures: Int, generator: Generator) {
        self.inFeatures = 0
        self.outFeatures = outFeatures
        self.generator = generator
        super.init()
    }

    public var weight: Tensor? { parameter("weight") }
    public var bias: Tensor? { parameter("bias") }

    open override var typeName: String { "Linear" }
    open override var pythonModuleName: String { "torch.nn.modules.linear" }
    open override var builtinAttributeNames: Set<String> {
        super.builtinAttributeNames.union(["in_features", "out_features", "reset_parameters"])
    }

    open override func resetParameters() throws {
        guard let weight else { return }
        try Init.kaimingUniform_(weight, a: 5.0.squareRoot(), generator: generator)
        if let bias {
            let fanIn = try Init.fanInAndFanOut(weight).fanIn
            // Python's bound is the int 0 when fan_in == 0, so the range is (0, 0), not (-0.0, 0.0).
            let bound = fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
            try Init.uniform_(bias, a: fanIn > 0 ? -bound : 0, b: bound, generator: generator)
        }
    }

    open override func forward(_ input: Tensor) throws -> Tensor {
        guard let weight else {
            throw TensorError(.type, "linear(): argument 'weight' (position 2) must be Tensor, not NoneType")
        }
        return try Tensor.linear(input, weight: weight, bias: bias)
    }

    open override func extraRepr() -> String {
        "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(bias != nil ? "True" : "False")"
    }
}

/// `nn.LazyLinear(out_features, bias=True)`: draws nothing until the first forward, then sets
/// `in_features = input.shape[-1]`, materialises and initialises exactly as a `Linear` created at that
/// moment, and from then on is a `Linear` (its `typeName` changes).
open class LazyLinear: Linear {
    public private(set) var isMaterialized = false

    public init(_ outFeatures: Int, bias: Bool = true, dtype: DType = .float32, generator: Generator = .default) throws {
        super.init(lazyOutFeatures: outFeatures, generator: generator)
        try registerParameter("weight", Parameter.uninitialized(dtype: dtype))
        try registerParameter("bias", bias ? Parameter.uninitialized(dtype: dtype) : nil)
    }

    open override var typeName: String { isMaterialized ? "Linear" : "LazyLinear" }

    /// True while any parameter is still an `UninitializedParameter`.
    public var hasUninitializedParameters: Bool {
        parameterStore.values.contains { $0?.isUninitializedParameter ?? false }
    }

    open override func resetParameters() throws {
        if !hasUninitializedParameters && inFeatures != 0 { try super.resetParameters() }
    }

    /// `initialize_parameters(input)`: the lazy hook run before the first forward.
    public func initializeParameters(_ input: Tensor) throws {
        if hasUninitializedParameters {
            guard let last = input.shape.last else { throw TensorError(.index, "tuple index out of range") }
            inFeatures = last
            try GradMode.withNoGrad {
                if let weight { try Parameter.materialize(weight, shape: [outFeatures, inFeatures]) }
                if let bias { try Parameter.materialize(bias, shape: [outFeatures]) }
                try resetParameters()
            }
        }
        isMaterialized = true
    }

    open override func forward(_ input: Tensor) throws -> Tensor {
        if !isMaterialized { try initializeParameters(input) }
        return try super.forward(input)
    }
}

/// `nn.Bilinear(in1, in2, out, bias=True)`: y = x₁ᵀ A x₂ + b, weight (out, in1, in2), bound 1/√in1.
open class Bilinear: Module {
    public let in1Features: Int
    public let in2Features: Int
    public let outFeatures: Int
    let generator: Generator

    public init(_ in1Features: Int, _ in2Features: Int, _ outFeatures: Int, bias: Bool = true,
                dtype: DType = .float32, generator: Generator = .default) throws {
        self.in1Features = in1Features
        self.in2Features = in2Features
        self.outFeatures = outFeatures
        self.generator = generator
        super.init()
        try Parameter.checkShape([outFeatures, in1Features, in2Features])
        try Parameter.checkShape([outFeatures])
        try registerParameter("weight", Parameter.make(Tensor.empty([outFeatures, in1Features, in2Features], dtype: dtype)))
        try registerParameter("bias", bias ? Parameter.make(Tensor.empty([outFeatures], dtype: dtype)) : nil)
        try resetParameters()
    }

    public var weight: Tensor? { parameter("weight") }
    public var bias: Tensor? { parameter("bias") }

    open override var typeName: String { "Bilinear" }
    open override var pythonModuleName: String { "torch.nn.modules.linear" }

    open override func resetParameters() throws {
        guard let weight else { return }
        let bound = 1 / Double(weight.shape[1]).squareRoot()
        try Init.uniform_(weight, a: -bound, b: bound, generator: generator)
        if let bias { try Init.uniform_(bias, a: -bound, b: bound, generator: generator) }
    }

    open override func forward(_ input: Tensor) throws -> Tensor {
        throw TensorError(.type, "Bilinear.forward() missing 1 required positional argument: 'input2'")
    }

    /// y[..., k] = Σᵢⱼ x₁[..., i] A[k, i, j] x₂[..., j] + b[k], composed as one matmul and a reduction
    /// (ATen's `_trilinear`); like PyTorch's, the result is a view, plus the bias when there is one.
    public func forward(_ input1: Tensor, _ input2: Tensor) throws -> Tensor {
        guard let weight else { throw TensorError(.runtime, "Bilinear has no weight") }
        let (in1, in2, k) = (weight.shape[1], weight.shape[2], weight.shape[0])
        guard input1.dim > 0, input1.shape.last == in1 else {
            throw TensorError(.runtime, "bilinear(): input1 size does not match weight size: got \(input1.shape.last ?? 0) but expected \(in1)")
        }
        guard input2.dim > 0, input2.shape.last == in2 else {
            throw TensorError(.runtime, "bilinear(): input2 size does not match weight size: got \(input2.shape.last ?? 0) but expected \(in2)")
        }
        let batch1 = Array(input1.shape.dropLast()), batch2 = Array(input2.shape.dropLast())
        guard batch1.count == batch2.count else {
            throw TensorError(.runtime, "bilinear(): input dimensions do not match: got \(input1.dim) and \(input2.dim)")
        }
        if let d = batch1.indices.first(where: { batch1[$0] != batch2[$0] }) {
            throw TensorError(.runtime, "bilinear(): input batch dimensions do not match at dim \(d): got \(batch1[d]) and \(batch2[d])")
        }
        let rows = batch1.reduce(1, *)
        let x1 = try input1.reshape([rows, in1]), x2 = try input2.reshape([rows, in2])
        let projected = try x1.matmul(try weight.permute([1, 0, 2]).reshape([in1, k * in2])).view([rows, k, in2])
        let out = try projected.mul(try x2.unsqueeze(1)).sum(dims: [-1], keepDim: false).view(batch1 + [k])
        return try bias.map { try out.add($0) } ?? out
    }

    open override func extraRepr() -> String {
        "in1_features=\(in1Features), in2_features=\(in2Features), out_features=\(outFeatures), "
            + "bias=\(bias != nil ? "True" : "False")"
    }
}

/// `nn.Identity()`: returns its input.
open class Identity: Module {
    public override init() { super.init() }
    open override var typeName: String { "Identity" }
    open override var pythonModuleName: String { "torch.nn.modules.linear" }
    open override func forward(_ input: Tensor) throws -> Tensor { input }
}
