import TensorEngine

/// `torch.utils.data.TensorDataset(*tensors)`: sample i is the i-th row of every tensor.
///
///     let ds = try TensorDataset([x, y])    // x: (10, 3), y: (10,)
///     try ds.sample(2)                      // [x[2], y[2]]
public final class TensorDataset {
    public let tensors: [Tensor]

    public init(_ tensors: [Tensor]) throws {
        guard let first = tensors.first?.shape.first,
              tensors.allSatisfy({ $0.shape.first == first }) else {
            throw NNAssertionError(message: "Size mismatch between tensors")
        }
        self.tensors = tensors
    }

    public var count: Int { tensors[0].shape[0] }

    /// `dataset[i]`, negative indices counting from the end as tensor indexing does.
    public func sample(_ i: Int) throws -> [Tensor] {
        try tensors.map { try $0.select(dim: 0, index: i) }
    }

    /// The default collation of a batch of samples: each field stacked along a new first dimension.
    public func batch(_ indices: [Int]) throws -> [Tensor] {
        try tensors.map { t in try Tensor.stack(indices.map { try t.select(dim: 0, index: $0) }) }
    }
}
