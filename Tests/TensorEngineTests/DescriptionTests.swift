@testable import TensorEngine
import Testing

/// The glue between tensors and `TensorFormatter`: grad_fn, requires_grad, Parameter, dtypes.
/// Expected strings printed by scripts/golden_tensor_repr.py (real PyTorch).
struct DescriptionTests {
    static let expected: [(String, String)] = [
        ("leaf", "tensor([[ 1.5000, -2.0000],\n        [ 3.2500,  4.0000]], requires_grad=True)"),
        ("mul", "tensor([[ 3.0000, -4.0000],\n        [ 6.5000,  8.0000]], grad_fn=<MulBackward0>)"),
        ("sum", "tensor(13.5000, grad_fn=<SumBackward0>)"),
        ("parameter", "Parameter containing:\ntensor([ 0.5000, -1.0000], requires_grad=True)"),
        ("int64", "tensor([1, 2, 3])"),
        ("bool", "tensor([False,  True,  True])"),
        ("float64", "tensor([1.0000, 2.5000], dtype=torch.float64)"),
        ("scalar", "tensor(7.)"),
        ("detached", "tensor([[ 3.0000, -4.0000],\n        [ 6.5000,  8.0000]])"),
        ("mean_dim", "tensor([2.3750, 1.0000], grad_fn=<MeanBackward1>)"),
    ]

    static func build() throws -> [String: Tensor] {
        let x = Tensor(values: [1.5, -2.0, 3.25, 4.0], shape: [2, 2])
        try x.setRequiresGrad(true)
        let p = Tensor(values: [0.5, -1.0], shape: [2])
        try p.setRequiresGrad(true)
        p.isParameter = true
        let ints = Tensor(int64Values: [1, 2, 3], shape: [3])
        return [
            "leaf": x, "mul": try x.mul(2), "sum": try x.mul(2).sum(), "parameter": p, "int64": ints,
            "bool": try ints.gt(1), "float64": Tensor(values: [1, 2.5], shape: [2], dtype: .float64),
            "scalar": Tensor.scalar(7), "detached": try x.mul(2).detach(), "mean_dim": try x.mean(dim: 0),
        ]
    }

    @Test func matchesPyTorchRepr() throws {
        let built = try Self.build()
        for (name, text) in Self.expected {
            #expect(built[name]?.description == text, "\(name)")
        }
    }
}
