import TensorEngine

/// `nn.SmoothL1Loss(reduction='mean', beta=1.0)`: ½z²/β below β, z − ½β above (z = |x − y|).
open class SmoothL1Loss: Loss {
    public let beta: Double
    public init(reduction: String = "mean", beta: Double = 1) throws {
        self.beta = beta
        try super.init(reduction: reduction)
    }
    open override var typeName: String { "SmoothL1Loss" }
    open override func forward(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        let z = try input.sub(target).abs()
        if beta == 0 { return try reduce(z) }
        let quadratic = try z.mul(.double(0.5)).mul(z).div(.double(beta))
        return try reduce(try Tensor.where(try z.lt(.double(beta)), quadratic, try z.sub(.double(0.5 * beta))))
            .labelingGradFn("SmoothL1LossBackward0")
    }
}

/// `nn.HuberLoss(reduction='mean', delta=1.0)`: ½z² below δ, δ(z − ½δ) above.
open class HuberLoss: Loss {
    public let delta: Double
    public init(reduction: String = "mean", delta: Double = 1) throws {
        self.delta = delta
        try super.init(reduction: reduction)
    }
    open override var typeName: String { "HuberLoss" }
    open override func forward(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        let z = try input.sub(target).abs()
        let quadratic = try z.mul(.double(0.5)).mul(z)
        let linear = try z.sub(.double(0.5 * delta)).mul(.double(delta))
        return try reduce(try Tensor.where(try z.lt(.double(delta)), quadratic, linear)).labelingGradFn("HuberLossBackward0")
    }
}

/// `nn.KLDivLoss(reduction='mean', log_target=False)`: target·(log target − input), input being log-probabilities.
open class KLDivLoss: Loss {
    /// The reduction as given: `batchmean` is KLDivLoss's own.
    public let reductionName: String
    public let logTarget: Bool
    public init(reduction: String = "mean", logTarget: Bool = false) throws {
        reductionName = reduction
        self.logTarget = logTarget
        try super.init(reduction: reduction == "batchmean" ? "sum" : reduction)
    }
    open override var typeName: String { "KLDivLoss" }

    open override func forward(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        let pointwise: Tensor
        if logTarget {
            pointwise = try target.exp().mul(try target.sub(input))
        } else {
            // xlogy(t, t): 0 where t == 0.
            let tLogT = try Tensor.where(try target.eq(.double(0)), Tensor.zeros(like: target), try target.mul(try target.log()))
            pointwise = try tLogT.sub(try target.mul(input))
        }
        switch reductionName {
        case "none": return pointwise
        case "sum": return try pointwise.sum()
        case "batchmean": return input.dim == 0 ? try pointwise.sum() : try pointwise.sum().div(.double(Double(input.shape[0])))
        default: return try pointwise.mean()
        }
    }
}
