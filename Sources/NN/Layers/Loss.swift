import TensorEngine

/// Base of the loss modules: a `reduction` ('mean', 'sum', 'none') and a two-tensor forward.
open class Loss: Module {
    public let reduction: Reduction

    /// Throws `ValueError: foo is not a valid value for reduction` for other strings.
    public init(reduction: String = "mean") throws {
        self.reduction = try Loss.parseReduction(reduction)
        super.init()
    }

    static func parseReduction(_ text: String) throws -> Reduction {
        switch text {
        case "mean": return .mean
        case "sum": return .sum
        case "none": return .none
        default: throw TensorError(.value, "\(text) is not a valid value for reduction")
        }
    }

    open override var pythonModuleName: String { "torch.nn.modules.loss" }

    /// `loss(input, target)`.
    open func forward(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        throw TensorError(.notImplemented, "Module [\(typeName)] is missing the required \"forward\" function")
    }

    public func callAsFunction(_ input: Tensor, _ target: Tensor) throws -> Tensor { try forward(input, target) }

    open override func forward(_ input: Tensor) throws -> Tensor {
        throw TensorError(.type, "\(typeName).forward() missing 1 required positional argument: 'target'")
    }

    func reduce(_ t: Tensor) throws -> Tensor {
        switch reduction {
        case .none: t
        case .sum: try t.sum()
        case .mean: try t.mean()
        }
    }

    func checkSameSize(_ input: Tensor, _ target: Tensor, _ what: String) throws {
        guard input.shape == target.shape else {
            throw TensorError(.value, "Using a target size (\(sizeRepr(target.shape))) that is different to the input size "
                + "(\(sizeRepr(input.shape))) is deprecated. Please ensure they have the same size.")
        }
    }
}

/// `nn.MSELoss(reduction='mean')`: mean of (x - y)².
open class MSELoss: Loss {
    open override var typeName: String { "MSELoss" }
    open override func forward(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try Tensor.mseLoss(input, target, reduction: reduction)
    }
}

/// `nn.L1Loss(reduction='mean')`: mean of |x - y|.
open class L1Loss: Loss {
    open override var typeName: String { "L1Loss" }
    open override func forward(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try reduce(try input.sub(target).abs())
    }
}

/// `nn.NLLLoss(weight=None, ignore_index=-100, reduction='mean')` on log-probabilities.
open class NLLLoss: Loss {
    public let weight: Tensor?
    public let ignoreIndex: Int
    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: String = "mean") throws {
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        try super.init(reduction: reduction)
        if let weight { try registerBuffer("weight", weight) }
    }
    open override var typeName: String { "NLLLoss" }
    open override func forward(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try Tensor.nllLoss(input, target, weight: buffer("weight"), ignoreIndex: ignoreIndex, reduction: reduction)
    }
}

/// `nn.CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean')` on logits.
open class CrossEntropyLoss: Loss {
    public let ignoreIndex: Int
    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: String = "mean") throws {
        self.ignoreIndex = ignoreIndex
        try super.init(reduction: reduction)
        if let weight { try registerBuffer("weight", weight) }
    }
    open override var typeName: String { "CrossEntropyLoss" }
    open override func forward(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try Tensor.crossEntropy(input, target, weight: buffer("weight"), ignoreIndex: ignoreIndex, reduction: reduction)
    }
}

/// `nn.BCELoss(weight=None, reduction='mean')`: −(y·log x + (1−y)·log(1−x)), logs clamped at −100.
open class BCELoss: Loss {
    public init(weight: Tensor? = nil, reduction: String = "mean") throws {
        try super.init(reduction: reduction)
        if let weight { try registerBuffer("weight", weight) }
    }
    open override var typeName: String { "BCELoss" }
    open override func forward(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try checkSameSize(input, target, "BCELoss")
        let logX = try input.log().clamp(min: .double(-100))
        let log1mX = try input.rsub(.double(1)).log().clamp(min: .double(-100))
        var loss = try target.mul(logX).add(try target.rsub(.double(1)).mul(log1mX)).neg()
        if let w = buffer("weight") { loss = try loss.mul(w) }
        return try reduce(loss).labelingGradFn("BinaryCrossEntropyBackward0")
    }
}

/// `nn.BCEWithLogitsLoss(weight=None, reduction='mean', pos_weight=None)`: BCE on sigmoid(x), computed stably.
open class BCEWithLogitsLoss: Loss {
    public init(weight: Tensor? = nil, reduction: String = "mean", posWeight: Tensor? = nil) throws {
        try super.init(reduction: reduction)
        if let weight { try registerBuffer("weight", weight) }
        if let posWeight { try registerBuffer("pos_weight", posWeight) }
    }
    open override var typeName: String { "BCEWithLogitsLoss" }
    open override func forward(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        try checkSameSize(input, target, "BCEWithLogitsLoss")
        // (1 - y)·x + l·(log(1 + exp(-|x|)) + max(-x, 0)), l = 1 + (pos_weight - 1)·y
        let softplusNeg = try input.abs().neg().exp().log1p().add(try input.neg().clamp(min: .double(0)))
        var loss: Tensor
        if let pw = buffer("pos_weight") {
            let l = try pw.sub(.double(1)).mul(target).add(.double(1))
            loss = try target.rsub(.double(1)).mul(input).add(try l.mul(softplusNeg))
        } else {
            loss = try target.rsub(.double(1)).mul(input).add(softplusNeg)
        }
        if let w = buffer("weight") { loss = try loss.mul(w) }
        return try reduce(loss).labelingGradFn("BinaryCrossEntropyWithLogitsBackward0")
    }
}
