/// Loss primitives with their own grad_fn (`MseLossBackward0`, `NllLossBackward0`); cross entropy composes them.
extension Tensor {
    /// `F.mse_loss(input, target, reduction)`.
    public static func mseLoss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
        let out = try GradMode.withNoGrad { () -> Tensor in
            let diff = try input.sub(target)
            let sq = try diff.mul(diff)
            switch reduction {
            case .none: return sq
            case .sum: return try sq.sum()
            case .mean: return try sq.mean()
            }
        }
        let inputs = [input, target]
        return Autograd.record(.mseLoss(reduction: reduction), inputs: inputs, saving: inputs, output: out)
    }

    /// Backward of `mse_loss` in ATen's order: `norm * (input - target) * grad`.
    static func mseLossBackward(_ g: Tensor, _ input: Tensor, _ target: Tensor, reduction: Reduction) throws -> Tensor {
        let norm = reduction == .mean ? 2.0 / Double(Swift.max(input.numel, 1)) : 2.0
        return try input.sub(target).mul(.double(norm)).mul(g)
    }

    /// `F.nll_loss(input, target, weight, ignore_index, reduction)` for `(N, C)` or `(C)` inputs.
    public static func nllLoss(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
                               reduction: Reduction = .mean) throws -> Tensor {
        if input.dim < 1 || input.dim > 2 {
            throw TensorError.value("Expected 2 or more dimensions (got \(input.dim))")
        }
        if target.dtype != .int64 {
            throw TensorError.runtime("expected scalar type Long but found \(target.dtype.scalarTypeName)")
        }
        let batched = input.dim == 2
        let n = batched ? input.shape[0] : 1
        let c = input.shape[input.dim - 1]
        if batched && target.shape != [n] || !batched && target.dim != 0 {
            throw TensorError.value("Expected input batch_size (\(n)) to match target batch_size (\(target.dim == 0 ? 1 : target.shape[0])).")
        }
        if let weight, weight.numel != c {
            throw TensorError.runtime("weight tensor should be defined either for all \(c) classes or no classes but got weight tensor of shape: \(shapeList(weight.shape))")
        }
        let x = input.materialized(as: .float64).toDoubleArray()
        let t = target.toInt64Array()
        let w = weight?.toDoubleArray()
        var losses = [Double](repeating: 0, count: n)
        var total = 0.0, wsum = 0.0
        for i in 0..<n {
            let cls = Int(t[i])
            if cls == ignoreIndex { continue }  // Int64 and Int are the same width here
            if cls < 0 || cls >= c { throw TensorError.index("Target \(cls) is out of bounds.") }
            let wi = w?[cls] ?? 1
            losses[i] = -x[i * c + cls] * wi
            total += losses[i]
            wsum += wi
        }
        let out: Tensor
        switch reduction {
        case .none: out = Tensor(values: losses, shape: batched ? [n] : [], dtype: input.dtype)
        case .sum: out = Tensor.scalar(total, dtype: input.dtype)
        case .mean: out = Tensor.scalar(total / wsum, dtype: input.dtype)
        }
        var saving = [target, weight ?? Tensor.ones([c], dtype: input.dtype)]
        saving.append(Tensor.scalar(wsum, dtype: input.dtype))
        return Autograd.record(.nllLoss(reduction: reduction, ignoreIndex: ignoreIndex), inputs: [input, target], saving: saving, output: out)
    }

    static func nllLossBackward(_ g: Tensor, target: Tensor, weight: Tensor?, inputShape: [Int], reduction: Reduction,
                                ignoreIndex: Int, totalWeight: Tensor?) throws -> Tensor {
        let n = inputShape.count == 2 ? inputShape[0] : 1
        let c = inputShape[inputShape.count - 1]
        let t = target.toInt64Array()
        let w = weight?.toDoubleArray()
        let gv = g.toDoubleArray()
        let tw = try totalWeight?.item() ?? 1
        var out = [Double](repeating: 0, count: n * c)
        for i in 0..<n {
            let cls = Int(t[i])
            if cls == ignoreIndex || cls < 0 || cls >= c { continue }
            let wi = w?[cls] ?? 1
            switch reduction {
            case .none: out[i * c + cls] = -wi * gv[i]
            case .sum: out[i * c + cls] = -wi * gv[0]
            case .mean: out[i * c + cls] = -wi * gv[0] / tw
            }
        }
        return Tensor(values: out, shape: inputShape, dtype: g.dtype)
    }

    /// `F.cross_entropy(input, target)`: `nll_loss(log_softmax(input, 1), target)`.
    public static func crossEntropy(_ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
                                    reduction: Reduction = .mean) throws -> Tensor {
        let logp = try input.logSoftmax(dim: input.dim == 1 ? 0 : 1)
        return try nllLoss(logp, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
    }
}
