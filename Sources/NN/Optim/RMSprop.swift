import TensorEngine

/// `torch.optim.RMSprop(params, lr=0.01, alpha=0.99, eps=1e-08, weight_decay=0, momentum=0, centered=False,
/// maximize=False)`, as PyTorch's single-tensor path (its CPU default) computes it.
public final class RMSprop: Optimizer {
    public init(_ params: [Tensor], lr: OptimValue = 0.01, alpha: OptimValue = 0.99, eps: OptimValue = 1e-8,
                weightDecay: OptimValue = 0, momentum: OptimValue = 0, centered: Bool = false, maximize: Bool = false) throws {
        if lr.doubleValue < 0 { throw TensorError(.value, "Invalid learning rate: \(lr)") }
        if eps.doubleValue < 0 { throw TensorError(.value, "Invalid epsilon value: \(eps)") }
        if momentum.doubleValue < 0 { throw TensorError(.value, "Invalid momentum value: \(momentum)") }
        if weightDecay.doubleValue < 0 { throw TensorError(.value, "Invalid weight_decay value: \(weightDecay)") }
        if alpha.doubleValue < 0 { throw TensorError(.value, "Invalid alpha value: \(alpha)") }
        try super.init(params, defaults: [
            "lr": lr, "momentum": momentum, "alpha": alpha, "eps": eps, "centered": .bool(centered),
            "weight_decay": weightDecay, "capturable": false, "foreach": .none, "maximize": .bool(maximize),
            "differentiable": false,
        ])
    }

    public override var typeName: String { "RMSprop" }

    public override func step() throws {
        for group in paramGroups {
            let (lr, alpha, eps, wd, momentum) = (group["lr"], group["alpha"], group["eps"], group["weight_decay"], group["momentum"])
            let centered = group.options["centered"]?.boolValue ?? false
            let maximize = group.options["maximize"]?.boolValue ?? false
            for p in group.params {
                let m = Arith(isFloat: p.dtype == .float32)
                try update(p) { values, grad, id in
                    steps[id] = (steps[id] ?? 0) + 1
                    var g = maximize ? grad.map { -$0 } : grad
                    if wd != 0 { g = zip(g, values).map { m.addScaled($0, $1, wd) } }
                    let zeros = [Double](repeating: 0, count: values.count)
                    // square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
                    let squareAvg = zip(state[id]?["square_avg"] ?? zeros, g).map { v, gi in
                        m.add(m.mul(v, alpha), m.mul(m.mul(1 - alpha, gi), gi))
                    }
                    state[id, default: [:]]["square_avg"] = squareAvg
                    var avg: [Double]
                    if centered {
                        let gradAvg = zip(state[id]?["grad_avg"] ?? zeros, g).map { m.lerp($0, $1, 1 - alpha) }
                        state[id, default: [:]]["grad_avg"] = gradAvg
                        avg = zip(squareAvg, gradAvg).map { s, a in m.sqrt(m.sub(s, m.mul(a, a))) }
                    } else {
                        avg = squareAvg.map { m.sqrt($0) }
                    }
                    avg = avg.map { m.add($0, eps) }
                    if momentum > 0 {
                        let buf = zip(state[id]?["momentum_buffer"] ?? zeros, zip(g, avg)).map { b, ga in
                            m.add(m.mul(b, momentum), m.div(ga.0, ga.1))
                        }
                        state[id, default: [:]]["momentum_buffer"] = buf
                        values = zip(values, buf).map { m.addScaled($0, $1, -lr) }
                    } else {
                        for i in values.indices { values[i] = m.add(values[i], m.div(m.mul(-lr, g[i]), avg[i])) }
                    }
                }
            }
        }
    }
}

/// `torch.optim.Adagrad(params, lr=0.01, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10,
/// maximize=False)`. As in PyTorch, every parameter has state (`step` 0, `sum`) from construction on.
public final class Adagrad: Optimizer {
    public init(_ params: [Tensor], lr: OptimValue = 0.01, lrDecay: OptimValue = 0, weightDecay: OptimValue = 0,
                initialAccumulatorValue: OptimValue = 0, eps: OptimValue = 1e-10, maximize: Bool = false) throws {
        if lr.doubleValue < 0 { throw TensorError(.value, "Invalid learning rate: \(lr)") }
        if lrDecay.doubleValue < 0 { throw TensorError(.value, "Invalid lr_decay value: \(lrDecay)") }
        if weightDecay.doubleValue < 0 { throw TensorError(.value, "Invalid weight_decay value: \(weightDecay)") }
        if initialAccumulatorValue.doubleValue < 0 {
            throw TensorError(.value, "Invalid initial_accumulator_value value: \(initialAccumulatorValue)")
        }
        if eps.doubleValue < 0 { throw TensorError(.value, "Invalid epsilon value: \(eps)") }
        try super.init(params, defaults: [
            "lr": lr, "lr_decay": lrDecay, "eps": eps, "weight_decay": weightDecay,
            "initial_accumulator_value": initialAccumulatorValue, "foreach": .none, "maximize": .bool(maximize),
            "differentiable": false, "fused": .none,
        ])
        let initial = Arith(isFloat: true)
        for p in params {
            let id = ObjectIdentifier(p)
            steps[id] = 0
            let start = p.dtype == .float32 ? initial.r(initialAccumulatorValue.doubleValue) : initialAccumulatorValue.doubleValue
            state[id] = ["sum": [Double](repeating: start, count: p.numel)]
        }
    }

    public override var typeName: String { "Adagrad" }

    public override func step() throws {
        for group in paramGroups {
            let (lr, lrDecay, eps, wd) = (group["lr"], group["lr_decay"], group["eps"], group["weight_decay"])
            let maximize = group.options["maximize"]?.boolValue ?? false
            for p in group.params {
                let m = Arith(isFloat: p.dtype == .float32)
                try update(p) { values, grad, id in
                    let step = (steps[id] ?? 0) + 1
                    steps[id] = step
                    var g = maximize ? grad.map { -$0 } : grad
                    if wd != 0 { g = zip(g, values).map { m.addScaled($0, $1, wd) } }
                    let clr = lr / (1 + Double(step - 1) * lrDecay)
                    // state_sum.addcmul_(grad, grad, value=1); std = state_sum.sqrt().add_(eps)
                    let zeros = [Double](repeating: 0, count: values.count)
                    let sum = zip(state[id]?["sum"] ?? zeros, g).map { s, gi in m.add(s, m.mul(gi, gi)) }
                    state[id, default: [:]]["sum"] = sum
                    for i in values.indices {
                        let std = m.add(m.sqrt(sum[i]), eps)
                        values[i] = m.add(values[i], m.div(m.mul(-clr, g[i]), std))
                    }
                }
            }
        }
    }
}
