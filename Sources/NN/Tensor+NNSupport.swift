import Foundation
import TensorEngine

/// Tensor math the layers need that TensorEngine does not (yet) provide, built from its public ops.
extension Tensor {
    /// `F.gelu(x, approximate)`: x·Φ(x), or 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
    func nnGelu(tanhApproximation: Bool) throws -> Tensor {
        try gelu(tanhApproximation: tanhApproximation)
    }

    /// `F.softmax(x, dim)` / `F.log_softmax(x, dim)`.
    func nnSoftmax(dim: Int, log: Bool) throws -> Tensor {
        log ? try logSoftmax(dim: dim) : try softmax(dim: dim)
    }

    /// `F.dropout(x, p, training)`: zero with probability p, scale survivors by 1/(1-p).
    ///
    /// The mask comes from `generator` uniforms; PyTorch's CPU bernoulli uses MKL's own stream, so the
    /// mask is not bit-identical to PyTorch's (the expected value and the scaling are).
    func nnDropout(p: Double, training: Bool, generator: Generator) throws -> Tensor {
        if !training || p == 0 { return self }
        if p == 1 { return try mul(.double(0)) }
        let keep = try Tensor.rand(shape, dtype: dtype.isFloatingPoint ? dtype : .float32, generator: generator)
            .lt(.double(1 - p)).to(dtype)
        return try mul(keep.div(.double(1 - p)))
    }
}
