import TensorEngine

/// Rebuilds `torch._utils._rebuild_tensor_v2(storage, offset, size, stride)` from public view operations,
/// so tensors loaded from one storage share it as they did when saved.
///
/// A view whose strides, sorted in decreasing order, each divide the next larger one (every view that
/// slicing, `select`, `t()`, `permute` or `expand` makes) is cut from the storage as
/// `base[offset:offset+L].view(padded).narrow(...).select(-1, 0).permute(...)`; any other layout
/// becomes a copy.
enum StorageViews {
    /// Elements the 1-d base tensor must have so that `view(...)` can cut this view from it:
    /// at most twice the storage, because the padding never exceeds the largest stride.
    static func paddedLength(offset: Int, shape: [Int], strides: [Int]) -> Int? {
        guard let chain = strideChain(shape: shape, strides: strides) else { return nil }
        guard let first = chain.first else { return offset + 1 }
        return offset + shape[first] * strides[first]
    }

    /// The dims that advance through storage, largest stride first, when they nest without overlap.
    static func strideChain(shape: [Int], strides: [Int]) -> [Int]? {
        let active = shape.indices.filter { shape[$0] > 1 && strides[$0] > 0 }
            .sorted { strides[$0] != strides[$1] ? strides[$0] > strides[$1] : $0 < $1 }
        for (outer, inner) in zip(active, active.dropFirst()) {
            if strides[outer] % strides[inner] != 0 || strides[outer] / strides[inner] < shape[inner] { return nil }
        }
        return active
    }

    /// The view of `base` (a 1-d tensor at least `paddedLength` long) with this offset, shape and strides.
    /// Bounds were checked by the caller.
    static func view(of base: Tensor, offset: Int, shape: [Int], strides: [Int]) throws -> Tensor {
        if shape.contains(0) { return Tensor.zeros(shape, dtype: base.dtype) }
        guard let chain = strideChain(shape: shape, strides: strides) else {
            return try copy(of: base, offset: offset, shape: shape, strides: strides)
        }
        var t: Tensor
        if let first = chain.first {
            let unit = strides[chain.last!]
            var padded = [shape[first]]
            for (outer, inner) in zip(chain, chain.dropFirst()) { padded.append(strides[outer] / strides[inner]) }
            padded.append(unit)
            t = try base.slice(dim: 0, start: offset, end: offset + shape[first] * strides[first]).view(padded)
            for (k, d) in chain.enumerated() where k > 0 { t = try t.narrow(dim: k, start: 0, length: shape[d]) }
            t = try t.select(dim: chain.count, index: 0)
            // t's dims are `chain` in stride order; put them back in the saved order.
            let sortedDims = chain.sorted()
            t = try t.permute(sortedDims.map { chain.firstIndex(of: $0)! })
            for d in shape.indices where !chain.contains(d) { t = try t.unsqueeze(d) }
        } else {
            t = try base.select(dim: 0, index: offset)
            for d in shape.indices { t = try t.unsqueeze(d) }
        }
        return t.shape == shape ? t : try t.expand(shape)
    }

    /// A contiguous copy, for overlapping layouts `as_strided` can make but views cannot express here.
    private static func copy(of base: Tensor, offset: Int, shape: [Int], strides: [Int]) throws -> Tensor {
        let numel = shape.reduce(1, *)
        let flat = base.toDoubleArray()
        let ints = base.dtype == .int64 ? base.toInt64Array() : []
        var doubles = [Double](), longs = [Int64]()
        var index = [Int](repeating: 0, count: shape.count)
        for _ in 0..<numel {
            var p = offset
            for d in shape.indices { p += index[d] * strides[d] }
            if base.dtype == .int64 { longs.append(ints[p]) } else { doubles.append(flat[p]) }
            var d = shape.count - 1
            while d >= 0 {
                index[d] += 1
                if index[d] < shape[d] { break }
                index[d] = 0
                d -= 1
            }
        }
        if base.dtype == .int64 { return Tensor(int64Values: longs, shape: shape) }
        return Tensor(values: doubles, shape: shape, dtype: base.dtype)
    }
}
