import Foundation
import TensorEngine

/// `torch.optim.SGD(params, lr=1e-3, momentum=0, dampening=0, weight_decay=0, nesterov=False, maximize=False)`.
public final class SGD: Optimizer {
    public init(_ params: [Tensor], lr: OptimValue = 0.001, momentum: OptimValue = 0, dampening: OptimValue = 0,
                weightDecay: OptimValue = 0, nesterov: Bool = false, maximize: Bool = false) throws {
        if lr.doubleValue < 0 { throw TensorError(.value, "Invalid learning rate: \(lr)") }
        if momentum.doubleValue < 0 { throw TensorError(.value, "Invalid momentum value: \(momentum)") }
        if weightDecay.doubleValue < 0 { throw TensorError(.value, "Invalid weight_decay value: \(weightDecay)") }
        if nesterov && (momentum.doubleValue <= 0 || dampening.doubleValue != 0) {
            throw TensorError(.value, "Nesterov momentum requires a momentum and zero dampening")
        }
        try super.init(params, defaults: [
            "lr": lr, "momentum": momentum, "dampening": dampening, "weight_decay": weightDecay,
            "nesterov": .bool(nesterov), "maximize": .bool(maximize), "foreach": .none,
            "differentiable": false, "fused": .none,
        ])
    }

    public override var typeName: String { "SGD" }

    public override func step() throws {
        for group in paramGroups {
            let (lr, momentum, dampening, wd) = (group["lr"], group["momentum"], group["dampening"], group["weight_decay"])
            let nesterov = group.options["nesterov"]?.boolValue ?? false
            let maximize = group.options["maximize"]?.boolValue ?? false
            for p in group.params {
                let m = Arith(isFloat: p.dtype == .float32)
                try update(p) { values, grad, id in
                    var d = maximize ? grad.map { -$0 } : grad
                    if wd != 0 { d = zip(d, values).map { m.addScaled($0, $1, wd) } }
                    if momentum != 0 {
                        var buf: [Double]
                        if let old = state[id]?["momentum_buffer"] {
                            buf = zip(old, d).map { m.addScaled(m.mul($0, momentum), $1, 1 - dampening) }
                        } else {
                            buf = d
                        }
                        state[id, default: [:]]["momentum_buffer"] = buf
                        d = nesterov ? zip(d, buf).map { m.addScaled($0, $1, momentum) } : buf
                    }
                    values = zip(values, d).map { m.addScaled($0, $1, -lr) }
                }
            }
        }
    }
}

/// `torch.optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, maximize=False)`;
/// `AdamW` is the same with decoupled weight decay (default 0.01).
public class Adam: Optimizer {
    let decoupled: Bool

    public init(_ params: [Tensor], lr: OptimValue = 0.001, betas: (OptimValue, OptimValue) = (0.9, 0.999),
                eps: OptimValue = 1e-8, weightDecay: OptimValue = 0, maximize: Bool = false,
                decoupledWeightDecay: Bool = false, amsgrad: Bool = false) throws {
        if lr.doubleValue < 0 { throw TensorError(.value, "Invalid learning rate: \(lr)") }
        if eps.doubleValue < 0 { throw TensorError(.value, "Invalid epsilon value: \(eps)") }
        for (i, b) in [betas.0, betas.1].enumerated() where !(0 <= b.doubleValue && b.doubleValue < 1) {
            throw TensorError(.value, "Invalid beta parameter at index \(i): \(b)")
        }
        if weightDecay.doubleValue < 0 { throw TensorError(.value, "Invalid weight_decay value: \(weightDecay)") }
        decoupled = decoupledWeightDecay
        try super.init(params, defaults: [
            "lr": lr, "betas": .pair(betas.0, betas.1), "eps": eps, "weight_decay": weightDecay, "amsgrad": .bool(amsgrad),
            "maximize": .bool(maximize), "foreach": .none, "capturable": false, "differentiable": false,
            "fused": .none, "decoupled_weight_decay": .bool(decoupledWeightDecay),
        ])
    }

    public override var typeName: String { "Adam" }

    public override func step() throws {
        for group in paramGroups {
            let (lr, eps, wd) = (group["lr"], group["eps"], group["weight_decay"])
            var (beta1, beta2) = (0.9, 0.999)
            if case .pair(let a, let b)? = group.options["betas"] { (beta1, beta2) = (a.doubleValue, b.doubleValue) }
            let maximize = group.options["maximize"]?.boolValue ?? false
            let amsgrad = group.options["amsgrad"]?.boolValue ?? false
            for p in group.params {
                let m = Arith(isFloat: p.dtype == .float32)
                try update(p) { values, grad, id in
                    let step = (steps[id] ?? 0) + 1
                    steps[id] = step
                    var g = maximize ? grad.map { -$0 } : grad
                    if wd != 0 {
                        if decoupled {
                            values = values.map { m.mul($0, 1 - lr * wd) }
                        } else {
                            g = zip(g, values).map { m.addScaled($0, $1, wd) }
                        }
                    }
                    let zeros = [Double](repeating: 0, count: values.count)
                    let expAvg = zip(state[id]?["exp_avg"] ?? zeros, g).map { m.lerp($0, $1, 1 - beta1) }
                    let value = m.r(1 - beta2)
                    let expAvgSq = zip(state[id]?["exp_avg_sq"] ?? zeros, g).map { v, gi in
                        m.add(m.mul(v, beta2), m.mul(m.mul(value, gi), gi))
                    }
                    state[id, default: [:]]["exp_avg"] = expAvg
                    state[id, default: [:]]["exp_avg_sq"] = expAvgSq
                    let bc1 = 1 - Foundation.pow(beta1, Double(step))
                    let bc2 = 1 - Foundation.pow(beta2, Double(step))
                    let stepSize = lr / bc1
                    let bc2Sqrt = Foundation.pow(bc2, 0.5)
                    // amsgrad: the running maximum of exp_avg_sq normalises instead (torch.maximum, then sqrt).
                    var second = expAvgSq
                    if amsgrad {
                        second = zip(state[id]?["max_exp_avg_sq"] ?? zeros, expAvgSq).map { Swift.max($0, $1) }
                        state[id, default: [:]]["max_exp_avg_sq"] = second
                    }
                    for i in values.indices {
                        let denom = m.add(m.div(m.sqrt(second[i]), bc2Sqrt), eps)
                        values[i] = m.add(values[i], m.div(m.mul(-stepSize, expAvg[i]), denom))
                    }
                }
            }
        }
    }
}

public final class AdamW: Adam {
    public init(_ params: [Tensor], lr: OptimValue = 0.001, betas: (OptimValue, OptimValue) = (0.9, 0.999),
                eps: OptimValue = 1e-8, weightDecay: OptimValue = 0.01, maximize: Bool = false,
                amsgrad: Bool = false) throws {
        try super.init(params, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, maximize: maximize,
                       decoupledWeightDecay: true, amsgrad: amsgrad)
    }
    public override var typeName: String { "AdamW" }
}
