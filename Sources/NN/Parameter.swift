import TensorEngine

/// `nn.Parameter` and `nn.UninitializedParameter`: a Parameter is an ordinary `Tensor` whose
/// `isParameter` flag is set, so the module stores can tell it from a plain tensor.
public enum Parameter {
    /// `nn.Parameter(t, requires_grad)`: a new leaf sharing `t`'s storage.
    ///
    /// Throws PyTorch's error for integer tensors that should require grad.
    public static func make(_ tensor: Tensor, requiresGrad: Bool = true) throws -> Tensor {
        let p = tensor.detach()
        try p.setRequiresGrad(requiresGrad)
        p.isParameter = true
        return p
    }

    /// `nn.UninitializedParameter()`: shape `[0]`, prints `<UninitializedParameter>`, materialised later.
    public static func uninitialized(requiresGrad: Bool = true, dtype: DType = .float32) -> Tensor {
        let p = Tensor.empty([0], dtype: dtype)
        try? p.setRequiresGrad(requiresGrad && dtype.isFloatingPoint)
        p.isParameter = true
        p.isUninitializedParameter = true
        return p
    }

    /// `UninitializedParameter.materialize(shape)`: the same object becomes a `Parameter` of `shape`
    /// (values uninitialised, zero here) and keeps its `requires_grad`.
    public static func materialize(_ parameter: Tensor, shape: [Int]) throws {
        guard parameter.isUninitializedParameter else { return }
        try checkShape(shape)
        try GradMode.withNoGrad {
            parameter.data = Tensor.empty(shape, dtype: parameter.dtype)
        }
        parameter.isUninitializedParameter = false
    }

    /// `torch.empty` refuses negative sizes with this text.
    static func checkShape(_ shape: [Int]) throws {
        if let bad = shape.first(where: { $0 < 0 }) {
            let list = shape.map(String.init).joined(separator: ", ")
            throw TensorError(.runtime, "Trying to create tensor with negative dimension \(bad): [\(list)]")
        }
        // ATen computes contiguous strides even for an empty tensor, and refuses ones that overflow int64.
        var stride = 1
        for size in shape.dropFirst().reversed() {
            let (next, overflow) = stride.multipliedReportingOverflow(by: max(size, 1))
            if overflow { throw TensorError(.runtime, "Stride calculation overflowed") }
            stride = next
        }
        try Tensor.validateShape(shape)  // sizes whose storage overflows or exceeds memory
    }
}
