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
        // ATen's `_dropout_impl`: noise = empty_like(input).bernoulli_(1 - p) / (1 - p); input * noise. Its CPU
        // bernoulli takes, per element in storage order, a 53-bit uniform from two generator draws.
        let keepProbability = 1 - p
        var mask = [Double](repeating: 0, count: numel)
        for i in mask.indices {
            let u = Double(generator.random64() & ((1 << 53) - 1)) * 0x1p-53
            mask[i] = u < keepProbability ? 1 : 0
        }
        let noise = try Tensor(values: mask, shape: shape, dtype: dtype.isFloatingPoint ? dtype : .float32)
            .div(.double(keepProbability))
        return try mul(noise)
    }
}
