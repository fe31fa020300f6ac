@testable import TensorEngine
import Testing

/// Results compared with real PyTorch (scripts/golden_tensor_ops.py): bit-exact for plain IEEE
/// elementwise ops, within a few float32 ulps for transcendentals, reductions and products.
struct GoldenTensorTests {
    static func inputs() throws -> [String: Tensor] {
        let x = try Tensor.arange(0, 24, dtype: .float32).mul(0.37).sub(4.1).reshape([4, 6])
        let y = try Tensor.arange(0, 24, dtype: .float32).mul(-0.53).add(3.3).reshape([4, 6])
        let w = try Tensor.arange(0, 18, dtype: .float32).mul(0.11).sub(1.0).reshape([3, 6])
        let b = try Tensor.arange(0, 3, dtype: .float32).mul(0.25).sub(0.3)
        return ["x": x, "y": y, "w": w, "b": b]
    }

    static func computed() throws -> [String: Tensor] {
        let i = try inputs()
        let (x, y, w, b) = (i["x"]!, i["y"]!, i["w"]!, i["b"]!)
        let ax = try x.abs().add(0.5)
        let target = Tensor(int64Values: [0, 5, 2, 3], shape: [4])
        var out: [String: Tensor] = [
            "x": x, "y": y, "add": try x.add(y), "sub": try x.sub(y), "mul": try x.mul(y), "div": try x.div(y),
            "add_alpha": try x.add(y, alpha: 2.5), "rsub": try x.rsub(1), "neg": try x.neg(),
            "pow2": try x.pow(2), "pow3": try x.pow(3), "sqrt": try ax.sqrt(), "relu": try x.relu(),
            "div_scalar": try x.div(3), "mul_scalar": try x.mul(0.1), "clamp": try x.clamp(min: -1, max: 2),
            "maximum": try x.maximum(y), "abs": try x.abs(), "rdiv": try ax.rdiv(2),
            "pow_frac": try ax.pow(2.7), "exp": try x.exp(), "log": try ax.log(), "sigmoid": try x.sigmoid(),
            "tanh": try x.tanh(), "softmax1": try x.softmax(dim: 1), "softmax0": try x.softmax(dim: 0),
            "log_softmax1": try x.logSoftmax(dim: 1), "sum": try x.sum(), "sum0": try x.sum(dim: 0),
            "mean": try x.mean(), "mean1": try x.mean(dim: 1), "mm": try x.matmul(try y.t()),
            "linear": try Tensor.linear(x, weight: w, bias: b), "mse": try Tensor.mseLoss(x, y),
            "cross_entropy": try Tensor.crossEntropy(x, target), "var1": try x.variance(dims: [1]),
            "gelu": try x.gelu(), "gelu_tanh": try x.gelu(tanhApproximation: true), "silu": try x.silu(),
            "leaky_relu": try x.leakyRelu(negativeSlope: 0.2), "elu": try x.elu(), "softplus": try x.softplus(),
            "hardtanh": try x.hardtanh(), "erf": try x.erf(),
            "sort1": try x.mul(y).sort(dim: 1, descending: true).values, "topk0": try x.sub(y).abs().topk(2, dim: 0).values,
            "topk0_idx": try x.sub(y).abs().topk(2, dim: 0).indices.to(.float32), "flip": try x.flip([0, 1]), "repeat": try x.repeat([2, 1, 2]),
            "atan": try x.atan(), "log10": try ax.log10(), "cosh": try x.div(4).cosh(),
            "prod1": try x.div(4).prod(dim: 1), "cumsum1": try x.cumsum(dim: 1), "norm": try x.norm(),
        ]
        let activations: [(String, (Tensor) throws -> Tensor)] = [
            ("gelu", { try $0.gelu() }), ("gelu_tanh", { try $0.gelu(tanhApproximation: true) }), ("silu", { try $0.silu() }),
            ("elu", { try $0.elu() }), ("softplus", { try $0.softplus() }),
        ]
        for (name, f) in activations {
            let xa = try x.clone().detach()
            try xa.setRequiresGrad(true)
            try f(xa).mul(y).sum().backward()
            out["grad_" + name] = xa.grad
        }
        let (xg, wg, bg) = (try x.clone().detach(), try w.clone().detach(), try b.clone().detach())
        for t in [xg, wg, bg] { try t.setRequiresGrad(true) }
        try Tensor.linear(xg, weight: wg, bias: bg).tanh().mul(try y.slice(dim: 1, end: 3)).sum().backward()
        out["grad_linear_x"] = xg.grad; out["grad_linear_w"] = wg.grad; out["grad_linear_b"] = bg.grad
        let xc = try x.clone().detach()
        try xc.setRequiresGrad(true)
        try Tensor.crossEntropy(xc, target).backward()
        out["grad_cross_entropy"] = xc.grad
        let xp = try x.clone().detach()
        try xp.setRequiresGrad(true)
        try xp.mul(y).div(try y.abs().add(1)).pow(2).sum().backward()
        out["grad_pointwise"] = xp.grad
        return out
    }

    @Test(arguments: goldenTensorValues.keys.sorted())
    func matchesPyTorch(_ name: String) throws {
        guard let golden = goldenTensorValues[name], let t = try Self.computed()[name] else {
            Issue.record("no computation for \(name)")
            return
        }
        #expect(t.shape == golden.shape)
        #expect(t.dtype == .float32)
        let got = t.toDoubleArray().map { Float($0) }
        for (i, g) in got.enumerated() {
            let want = Float(bitPattern: golden.bits[i])
            if golden.exact {
                #expect(g.bitPattern == want.bitPattern, "\(name)[\(i)]: \(g) vs torch \(want)")
            } else {
                #expect(Swift.abs(g - want) <= 4 * want.ulp + 1e-6 * Swift.abs(want) + 1e-6, "\(name)[\(i)]: \(g) vs torch \(want)")
            }
        }
    }
}
