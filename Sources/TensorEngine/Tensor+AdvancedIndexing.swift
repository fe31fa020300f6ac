/// Advanced indexing, as ATen's `index` and `index_put_` see it once the basic indices (ints, slices, None,
/// Ellipsis) are applied: one entry per dimension, `nil` for a dimension taken whole, or an int64 / bool tensor.
///
///     x = arange(24).reshape(2, 3, 4)
///     x[[0, 1], :, [1, 2]]   ->  indices [t([0, 1]), nil, t([1, 2])]: non-adjacent, result shape [2, 3]
///     x[:, [0, 1], [1, 2]]   ->  adjacent, the broadcast index shape replaces dims 1 and 2: [2, 2]
extension Tensor {
    /// Where each element of an indexing result comes from: storage offsets into this tensor's contiguous
    /// layout, in the result's row-major order.
    struct AdvancedIndexPlan {
        var offsets: [Int]
        var shape: [Int]
    }

    /// ATen's rules: bool masks become their nonzero coordinates, index tensors broadcast together, and the
    /// broadcast shape replaces the indexed dims where they are adjacent, or leads the result where they are not.
    func advancedIndexPlan(_ given: [Tensor?]) throws -> AdvancedIndexPlan {
        var entries = given
        while let last = entries.last, last == nil { entries.removeLast() }
        var indexed: [(dim: Int, values: Tensor)] = []
        var d = 0
        for entry in entries {
            guard let index = entry else { d += 1; continue }
            if index.dtype == .bool {
                if d + index.dim > dim { throw TensorError.index("too many indices for tensor of dimension \(dim)") }
                for j in 0..<index.dim where index.shape[j] != shape[d + j] {
                    throw TensorError.index("The shape of the mask \(shapeList(index.shape)) at index \(j) does not match the shape of the indexed tensor \(shapeList(shape)) at index \(d + j)")
                }
                let coords = try maskCoordinates(index)
                for (j, c) in coords.enumerated() { indexed.append((d + j, c)) }
                d += index.dim
            } else if index.dtype == .int64 {
                if d >= dim { throw TensorError.index("too many indices for tensor of dimension \(dim)") }
                indexed.append((d, index))
                d += 1
            } else {
                throw TensorError.index("tensors used as indices must be long, int, byte or bool tensors")
            }
        }
        var broadcast: [Int] = []
        for (_, t) in indexed {
            guard let shape = Tensor.broadcastIndexShapes(broadcast, t.shape) else {
                let shapes = indexed.map { shapeList($0.values.shape) }.joined(separator: ", ")
                throw TensorError.index("shape mismatch: indexing tensors could not be broadcast together with shapes \(shapes)")
            }
            broadcast = shape
        }
        let dims = indexed.map(\.dim)
        let rest = (0..<dim).filter { !dims.contains($0) }
        // Refuse a result that could not be allocated (PyTorch's allocator error) before counting anything.
        try Tensor.checkAllocation(broadcast + rest.map { shape[$0] }, dtype: dtype)
        let strides = Tensor.contiguousStrides(shape)
        // The broadcast part: one storage offset per broadcast position, summed over the index tensors.
        let count = broadcast.reduce(1, &*)
        var picked = [Int](repeating: 0, count: count)
        for (k, entry) in indexed.enumerated() {
            let values = try GradMode.withNoGrad { try entry.values.expand(to: broadcast).toInt64Array() }
            let size = Int64(shape[entry.dim])
            for (j, v) in values.enumerated() {
                if v < -size || v >= size {
                    throw TensorError.index("index \(v) is out of bounds for dimension \(k) with size \(size)")
                }
                picked[j] += Int(v < 0 ? v + size : v) * strides[entry.dim]
            }
        }
        let adjacent = dims.isEmpty || zip(dims, dims.dropFirst()).allSatisfy { $1 == $0 + 1 }
        let before = adjacent ? rest.filter { $0 < (dims.first ?? 0) } : []
        let after = rest.filter { !before.contains($0) }
        let outer = rowMajorOffsets(before, strides), inner = rowMajorOffsets(after, strides)
        var offsets: [Int] = []
        offsets.reserveCapacity(outer.count * picked.count * inner.count)
        for o in outer { for p in picked { for i in inner { offsets.append(o + p + i) } } }
        return AdvancedIndexPlan(offsets: offsets, shape: before.map { shape[$0] } + broadcast + after.map { shape[$0] })
    }

    /// NumPy broadcasting of two shapes; nil when they do not broadcast. (Unlike `broadcastShapes`, no
    /// allocation check: a too-large result gets the allocator's error once the whole result shape is known.)
    private static func broadcastIndexShapes(_ a: [Int], _ b: [Int]) -> [Int]? {
        let n = Swift.max(a.count, b.count)
        var out = [Int](repeating: 1, count: n)
        for i in 0..<n {
            let da = i < n - a.count ? 1 : a[i - (n - a.count)]
            let db = i < n - b.count ? 1 : b[i - (n - b.count)]
            if da != db && da != 1 && db != 1 { return nil }
            out[i] = da == 1 ? db : da
        }
        return out
    }

    /// One int64 tensor per mask dimension: the coordinates of the true elements, in row-major order.
    private func maskCoordinates(_ mask: Tensor) throws -> [Tensor] {
        let flags = mask.toBoolArray()
        let st = Tensor.contiguousStrides(mask.shape)
        var coords = [[Int64]](repeating: [], count: mask.dim)
        for (flat, on) in flags.enumerated() where on {
            for j in 0..<mask.dim { coords[j].append(Int64(flat / st[j] % mask.shape[j])) }
        }
        return coords.map { Tensor(int64Values: $0, shape: [$0.count]) }
    }

    /// Storage offsets of every position over `dims` (contiguous `strides`), row-major.
    private func rowMajorOffsets(_ dims: [Int], _ strides: [Int]) -> [Int] {
        var offsets = [0]
        for d in dims {
            offsets = offsets.flatMap { base in (0..<shape[d]).map { base + $0 * strides[d] } }
        }
        return offsets
    }

    /// `t[indices]` with index tensors: a copy, grad_fn `IndexBackward0`.
    public func index(_ indices: [Tensor?]) throws -> Tensor {
        let plan = try advancedIndexPlan(indices)
        let src = materialized()
        let out = Tensor(uninitialized: plan.shape, dtype: dtype)
        switch dtype {
        case .float32: Tensor.gather(Float.self, from: src, into: out, plan.offsets)
        case .float64: Tensor.gather(Double.self, from: src, into: out, plan.offsets)
        case .int64: Tensor.gather(Int64.self, from: src, into: out, plan.offsets)
        case .bool: Tensor.gather(Bool.self, from: src, into: out, plan.offsets)
        }
        let offsets = Tensor(int64Values: plan.offsets.map(Int64.init), shape: [plan.offsets.count])
        // `indexPutAccumulate` reads a saved shape covering every dim as "offsets are element positions".
        let wholeShape = Tensor(int64Values: shape.map(Int64.init), shape: [dim])
        return Autograd.record(.index(inputShape: shape), inputs: [self], saving: [offsets, wholeShape], output: out)
    }

    private static func gather<T: TensorElement>(_: T.Type, from src: Tensor, into out: Tensor, _ offsets: [Int]) {
        let s = src.storage.pointer(T.self), o = out.storage.pointer(T.self)
        for (i, off) in offsets.enumerated() { o[i] = s[off] }
    }

    /// ATen's `canDispatchToMaskedFill`: with one bool mask and no int64 index, `t[indices] = scalar` is a
    /// `masked_fill_` through the mask, widened over the dims after it. Nil when the indices are not that.
    public func fillMask(_ indices: [Tensor?]) throws -> Tensor? {
        var covered = 0
        var mask: Tensor?
        for entry in indices {
            guard let index = entry else {
                if mask == nil { covered += 1 }
                continue
            }
            if index.dtype != .bool || mask != nil { return nil }
            for j in 0..<index.dim where covered + j >= dim || index.shape[j] != shape[covered + j] {
                if covered + j >= dim { throw TensorError.index("too many indices for tensor of dimension \(dim)") }
                throw TensorError.index("The shape of the mask \(shapeList(index.shape)) at index \(j) does not match the shape of the indexed tensor \(shapeList(shape)) at index \(covered + j)")
            }
            mask = index
            covered += index.dim
        }
        guard var widened = mask else { return nil }
        for _ in covered..<Swift.max(covered, dim) { widened = try widened.unsqueeze(widened.dim) }
        return widened
    }

    /// `t.index_put_(indices, values, accumulate)` and `t[indices] = values`: grad_fn `IndexPutBackward0`.
    @discardableResult
    public func indexPut_(_ indices: [Tensor?], values: Tensor, accumulate: Bool = false) throws -> Tensor {
        let plan = try advancedIndexPlan(indices)
        try checkIndexPutValues(values, plan.shape)
        return try applyInPlace { try $0.indexPut(plan, values: values, accumulate: accumulate) }
    }

    /// `t[index] = scalar` with one int64 index tensor: ATen's `index_fill_`, grad_fn `IndexFillBackward0`.
    @discardableResult
    public func indexFill_(_ indices: [Tensor?], value: Scalar) throws -> Tensor {
        let plan = try advancedIndexPlan(indices)
        let v = Tensor.full([], value: value.doubleValue, dtype: dtype)
        return try applyInPlace { try $0.indexPut(plan, values: v, accumulate: false).labelingGradFn("IndexFillBackward0") }
    }

    private func checkIndexPutValues(_ values: Tensor, _ resultShape: [Int]) throws {
        let fits = values.dim <= resultShape.count
            && zip(values.shape.reversed(), resultShape.reversed()).allSatisfy { $0 == $1 || $0 == 1 }
        if !fits {
            throw TensorError.runtime("shape mismatch: value tensor of shape \(shapeList(values.shape)) cannot be broadcast to indexing result of shape \(shapeList(resultShape))")
        }
        if values.dtype != dtype {
            throw TensorError.runtime("Index put requires the source and destination dtypes match, got \(dtype.scalarTypeName) for the destination and \(values.dtype.scalarTypeName) for the source.")
        }
    }

    /// Out of place: a contiguous copy with the planned elements replaced by (or added to) `values`.
    private func indexPut(_ plan: AdvancedIndexPlan, values: Tensor, accumulate: Bool) throws -> Tensor {
        let out = materialized(copyAlways: true)
        let v = try GradMode.withNoGrad { try values.detach().expand(to: plan.shape).materialized(as: dtype) }
        switch dtype {
        case .float32: Tensor.scatter(Float.self, v, into: out, plan.offsets, accumulate: accumulate, +)
        case .float64: Tensor.scatter(Double.self, v, into: out, plan.offsets, accumulate: accumulate, +)
        case .int64: Tensor.scatter(Int64.self, v, into: out, plan.offsets, accumulate: accumulate, &+)
        case .bool: Tensor.scatter(Bool.self, v, into: out, plan.offsets, accumulate: accumulate) { $0 || $1 }
        }
        let rows = Tensor(int64Values: plan.offsets.map(Int64.init), shape: [plan.offsets.count])
        return Autograd.record(.indexPut(leading: dim, indexedShape: plan.shape, accumulate: accumulate),
                               inputs: [self, values], saving: [rows], output: out)
    }

    /// Writes (or, accumulating, adds) `values`' elements in order at `offsets`: later duplicates win, as on CPU.
    static func scatter<T: TensorElement>(_: T.Type, _ values: Tensor, into out: Tensor, _ offsets: [Int],
                                          accumulate: Bool, _ add: (T, T) -> T) {
        let v = values.storage.pointer(T.self), o = out.storage.pointer(T.self)
        if accumulate {
            for (i, off) in offsets.enumerated() { o[off] = add(o[off], v[i]) }
        } else {
            for (i, off) in offsets.enumerated() { o[off] = v[i] }
        }
    }
}
