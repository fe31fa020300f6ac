import TensorEngine

/// `nn.Embedding(num_embeddings, embedding_dim, padding_idx=None)`: a lookup table, `weight[input]`.
///
/// `weight` (num, dim) is drawn with `normal_(0, 1)` and the `padding_idx` row is then zeroed; that row
/// receives no gradient. A negative `padding_idx` counts from the end and is stored normalised.
///
///     try Embedding(10, 3, paddingIdx: -2).description == "Embedding(10, 3, padding_idx=8)"
open class Embedding: Module {
    public let numEmbeddings: Int
    public let embeddingDim: Int
    public let paddingIdx: Int?
    let generator: Generator

    public init(_ numEmbeddings: Int, _ embeddingDim: Int, paddingIdx: Int? = nil, dtype: DType = .float32,
                generator: Generator = .default) throws {
        if let p = paddingIdx, p >= numEmbeddings || p < -numEmbeddings {
            throw NNAssertionError(message: "Padding_idx must be within num_embeddings")
        }
        self.numEmbeddings = numEmbeddings
        self.embeddingDim = embeddingDim
        self.paddingIdx = paddingIdx.map { $0 < 0 ? $0 + numEmbeddings : $0 }
        self.generator = generator
        super.init()
        try Parameter.checkShape([numEmbeddings, embeddingDim])
        try registerParameter("weight", Parameter.make(Tensor.empty([numEmbeddings, embeddingDim], dtype: dtype)))
        try resetParameters()
    }

    public var weight: Tensor? { parameter("weight") }

    open override var typeName: String { "Embedding" }
    open override var pythonModuleName: String { "torch.nn.modules.sparse" }
    open override var builtinAttributeNames: Set<String> {
        super.builtinAttributeNames.union(["num_embeddings", "embedding_dim", "padding_idx", "max_norm", "norm_type",
                                           "scale_grad_by_freq", "sparse", "reset_parameters"])
    }

    open override func resetParameters() throws {
        guard let weight else { return }
        try Init.normal_(weight, generator: generator)
        if let paddingIdx {
            try GradMode.withNoGrad { _ = try weight.select(dim: 0, index: paddingIdx).fill_(0) }
        }
    }

    open override func extraRepr() -> String {
        "\(numEmbeddings), \(embeddingDim)" + (paddingIdx.map { ", padding_idx=\($0)" } ?? "")
    }

    open override func forward(_ input: Tensor) throws -> Tensor {
        guard let weight else {
            throw TensorError(.type, "embedding(): argument 'weight' (position 2) must be Tensor, not NoneType")
        }
        return try Embedding.embedding(input, weight: weight, paddingIdx: paddingIdx)
    }

    /// `F.embedding(input, weight, padding_idx)`: rows of `weight` picked by the int64 `input`.
    public static func embedding(_ input: Tensor, weight: Tensor, paddingIdx: Int? = nil) throws -> Tensor {
        let count = weight.shape.first ?? 0
        if let p = paddingIdx, p >= count || p < -count {
            throw NNAssertionError(message: "Padding_idx must be within num_embeddings")
        }
        guard input.dtype == .int64 else {
            throw TensorError(.runtime, "Expected tensor for argument #1 'indices' to have one of the following scalar "
                + "types: Long, Int; but got \(input.dtype.legacyTensorTypeName) instead (while checking arguments for embedding)")
        }
        let flat = try input.reshape([input.numel])
        // Negative indices are out of range here, unlike in index_select.
        if flat.toInt64Array().contains(where: { $0 < 0 }) { throw TensorError(.index, "index out of range in self") }
        var rows = try weight.indexSelect(dim: 0, index: flat)
        if let p = paddingIdx, weight.requiresGrad && GradMode.isEnabled {
            // Same values, but the padding row's lookups come from a detached copy: no gradient reaches it.
            let isPad = try flat.eq(.int(Int64(p < 0 ? p + count : p))).unsqueeze(1)
            rows = try Tensor.where(isPad, try weight.detach().indexSelect(dim: 0, index: flat), rows)
        }
        return try rows.reshape(input.shape + Array(weight.shape.dropFirst())).labelingGradFn("EmbeddingBackward0")
    }
}

/// Python's `AssertionError` (from an `assert` in PyTorch's Python code); `NNError.Kind` has no such case
/// and the bindings switch over it exhaustively, so it is its own type.
public struct NNAssertionError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public var description: String { "AssertionError: \(message)" }
}
