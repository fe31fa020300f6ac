/// Gather/scatter style indexing: `index_select`, integer-array and boolean-mask indexing, `gather`, `scatter`, `cat`, `stack`.
extension Tensor {
    private func checkIndexTensor(_ index: Tensor, _ op: String) throws {
        if index.dtype != .int64 {
            throw TensorError.runtime("\(op)(): Expected dtype int64 for index")
        }
    }

    /// `t.index_select(dim, index)`: grad_fn `IndexSelectBackward0`.
    public func indexSelect(dim d: Int, index: Tensor) throws -> Tensor {
        let n = try normalizeDim(d)
        if index.dtype != .int64 {
            throw TensorError.index("index_select(): Expected dtype int32 or int64 for index")
        }
        if index.dim > 1 { throw TensorError.index("index_select(): Index is supposed to be a vector") }
        let idx = index.toInt64Array()
        let size = dim == 0 ? 1 : shape[n]
        for i in idx where i < -Int64(size) || i >= Int64(size) {
            throw TensorError.index("index out of range in self")
        }
        var outShape = shape
        if dim > 0 { outShape[n] = idx.count }
        let out = Tensor(uninitialized: outShape, dtype: dtype)
        try GradMode.withNoGrad {
            for (j, i) in idx.enumerated() {
                let src = dim == 0 ? self : try detach().select(dim: n, index: Int(i))
                let dst = dim == 0 ? out : try out.select(dim: n, index: j)
                dst.copyElements(from: src)
            }
        }
        return Autograd.record(.indexSelect(inputShape: shape, dim: n), inputs: [self, index], saving: [index], output: out)
    }

    /// `t[idx]` with an int64 tensor along dim 0 (`IndexBackward0`), or with a bool mask of the same leading shape.
    public func index(_ index: Tensor) throws -> Tensor {
        if index.dtype == .bool {
            if index.dim > dim || Array(shape.prefix(index.dim)) != index.shape {
                let d = zip(shape, index.shape).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? 0
                throw TensorError.index("The shape of the mask \(shapeList(index.shape)) at index \(d) does not match the shape of the indexed tensor \(shapeList(shape)) at index \(d)")
            }
            let positions = index.toBoolArray().enumerated().filter(\.element).map { Int64($0.offset) }
            let flat = try GradMode.withNoGrad { try detach().reshape([index.numel] + Array(shape.dropFirst(index.dim))) }
            let pos = Tensor(int64Values: positions, shape: [positions.count])
            let out = try GradMode.withNoGrad { try flat.indexSelect(dim: 0, index: pos) }
            let flatIndex = try GradMode.withNoGrad { try pos.view([positions.count]) }
            out.gradFn = nil
            return Autograd.record(.index(inputShape: shape), inputs: [self], saving: [flatIndex, Tensor(int64Values: index.shape.map(Int64.init), shape: [index.dim])], output: out)
        }
        if index.dtype != .int64 {
            throw TensorError.index("tensors used as indices must be long, int, byte or bool tensors")
        }
        if dim == 0 { throw TensorError.index("too many indices for tensor of dimension 0") }
        let size = Int64(shape[0])
        for i in index.toInt64Array() where i < -size || i >= size {
            throw TensorError.index("index \(i) is out of bounds for dimension 0 with size \(size)")
        }
        let flat = try GradMode.withNoGrad { try index.reshape([index.numel]) }
        let picked = try GradMode.withNoGrad { try detach().indexSelect(dim: 0, index: flat) }
        let out = try GradMode.withNoGrad { try picked.reshape(index.shape + Array(shape.dropFirst())).detach() }
        return Autograd.record(.index(inputShape: shape), inputs: [self], saving: [flat, Tensor(int64Values: [], shape: [0])], output: out)
    }

    /// Backward of `index`: adds `values` into rows `saved[0]` of a zero tensor (`saved[1]` holds a mask shape, if any).
    func indexPutAccumulate(_ saved: [Tensor], values: Tensor) throws -> Tensor {
        let maskShape = saved[1].toInt64Array().map(Int.init)
        let leading = maskShape.isEmpty ? 1 : maskShape.count
        if leading == dim, dtype.isFloatingPoint {
            // Rows are single elements (a mask over every dim, or advanced indexing): add them in one pass.
            let out = materialized(copyAlways: true)
            let v = values.materialized(as: dtype)
            let offsets = saved[0].toInt64Array().map(Int.init)
            if dtype == .float32 {
                Tensor.scatter(Float.self, v, into: out, offsets, accumulate: true, +)
            } else {
                Tensor.scatter(Double.self, v, into: out, offsets, accumulate: true, +)
            }
            return out
        }
        let flatSelf = try reshape([shape.prefix(leading).reduce(1, &*)] + Array(shape.dropFirst(leading)))
        let rows = saved[0].numel
        let v = try values.reshape([rows] + Array(shape.dropFirst(leading)))
        return try flatSelf.indexAdd(dim: 0, index: saved[0], source: v).reshape(shape)
    }

    /// `t.index_add(dim, index, source)` (out of place, no autograd).
    func indexAdd(dim d: Int, index: Tensor, source: Tensor) throws -> Tensor {
        let out = materialized(copyAlways: true)
        for (j, i) in index.toInt64Array().enumerated() {
            let dst = try out.select(dim: d, index: Int(i))
            let src = try source.select(dim: d, index: j)
            dst.copyElements(from: try dst.add(src))
        }
        return out
    }

    /// `t.gather(dim, index)`.
    public func gather(dim d: Int, index: Tensor) throws -> Tensor {
        let n = try normalizeDim(d)
        if index.dtype != .int64 { throw TensorError.runtime("gather(): Expected dtype int64 for index") }
        if index.dim != dim {
            throw TensorError.runtime("Index tensor must have the same number of dimensions as input tensor")
        }
        for k in 0..<dim where k != n && index.shape[k] > shape[k] {
            throw TensorError.runtime("Size does not match at dimension \(k) expected index \(shapeList(index.shape)) to be no larger than self \(shapeList(shape)) apart from dimension \(n)")
        }
        if dim == 0 {  // ATen treats a 0-d input and index as 1-element ones
            return try unsqueeze(0).gather(dim: 0, index: index.unsqueeze(0)).view([])
        }
        let idx = index.toInt64Array()
        let out = Tensor(uninitialized: index.shape, dtype: dtype)
        let src = materialized()
        let st = Tensor.contiguousStrides(shape)
        var coords = [Int](repeating: 0, count: dim)
        for (flat, i) in idx.enumerated() {
            var rem = flat
            for k in stride(from: dim - 1, through: 0, by: -1) { coords[k] = rem % index.shape[k]; rem /= index.shape[k] }
            if i < 0 || i >= Int64(shape[n]) {
                throw TensorError.runtime("index \(i) is out of bounds for dimension \(n) with size \(shape[n])")
            }
            coords[n] = Int(i)
            let offset = zip(coords, st).reduce(0) { $0 + $1.0 * $1.1 }
            out.copyElementRaw(flat, from: src, at: offset)
        }
        return out
    }

    /// `t.scatter(dim, index, src)` out of place (no autograd; used by `Swift.max(dim)` backward).
    func scatter(dim d: Int, index: Tensor, source: Tensor) throws -> Tensor {
        let n = try normalizeDim(d)
        let out = materialized(copyAlways: true)
        let src = source.materialized(as: dtype)
        let idx = index.toInt64Array()
        let st = Tensor.contiguousStrides(shape)
        let srcStrides = Tensor.contiguousStrides(src.shape)
        var coords = [Int](repeating: 0, count: index.dim)
        for (flat, i) in idx.enumerated() {
            var rem = flat
            for k in stride(from: index.dim - 1, through: 0, by: -1) { coords[k] = rem % index.shape[k]; rem /= index.shape[k] }
            let srcOffset = zip(coords, srcStrides).reduce(0) { $0 + $1.0 * $1.1 }
            coords[n] = Int(i)
            let offset = zip(coords, st).reduce(0) { $0 + $1.0 * $1.1 }
            out.copyElementRaw(offset, from: src, at: srcOffset)
        }
        return out
    }

    /// `torch.cat(tensors, dim)`: grad_fn `CatBackward0`.
    public static func cat(_ tensors: [Tensor], dim d: Int = 0) throws -> Tensor {
        guard let first = tensors.first(where: { !($0.dim == 1 && $0.numel == 0) }) ?? tensors.first else {
            throw TensorError.runtime("torch.cat(): expected a non-empty list of Tensors")
        }
        if first.dim == 0 {
            throw TensorError.runtime("zero-dimensional tensor (at position 0) cannot be concatenated")
        }
        let n = try first.normalizeDim(d)
        let parts = tensors.filter { !($0.dim == 1 && $0.numel == 0) || first.dim == 1 }
        for (i, t) in parts.enumerated() {
            if t.dim != first.dim {
                throw TensorError.runtime("Tensors must have same number of dimensions: got \(first.dim) and \(t.dim)")
            }
            for k in 0..<first.dim where k != n && t.shape[k] != first.shape[k] {
                throw TensorError.runtime("Sizes of tensors must match except in dimension \(n). Expected size \(first.shape[k]) but got size \(t.shape[k]) for tensor number \(i) in the list.")
            }
        }
        let dt = parts.dropFirst().reduce(parts[0].dtype) { DType.promote($0, $1.dtype) }
        var outShape = first.shape
        var total = 0, overflow = false
        for t in parts where !overflow { (total, overflow) = total.addingReportingOverflow(t.shape[n]) }
        if overflow { throw TensorError.runtime("Trying to create tensor with negative dimension \(total): \(shapeList(outShape.enumerated().map { $0.offset == n ? total : $0.element }))") }
        outShape[n] = total
        try Tensor.checkAllocation(outShape, dtype: dt)
        let out = Tensor(uninitialized: outShape, dtype: dt)
        var start = 0
        for t in parts {
            let len = t.shape[n]
            var st = out.strides
            st[n] = out.strides[n]
            var sh = outShape
            sh[n] = len
            out.makeView(shape: sh, strides: st, offset: start * out.strides[n]).copyElements(from: t)
            start += len
        }
        return Autograd.record(.cat(dim: n, sizes: parts.map { $0.shape[n] }), inputs: parts, output: out)
    }

    /// `torch.stack(tensors, dim)`: grad_fn `StackBackward0`.
    public static func stack(_ tensors: [Tensor], dim d: Int = 0) throws -> Tensor {
        guard let first = tensors.first else { throw TensorError.runtime("stack expects a non-empty TensorList") }
        let n = try first.normalizeDim(d, rank: first.dim + 1)
        for (i, t) in tensors.enumerated() where t.shape != first.shape {
            throw TensorError.runtime("stack expects each tensor to be equal size, but got \(shapeList(first.shape)) at entry 0 and \(shapeList(t.shape)) at entry \(i)")
        }
        let out = try GradMode.withNoGrad { try cat(tensors.map { try $0.detach().unsqueeze(n) }, dim: n) }
        return Autograd.record(.stack(dim: n, count: tensors.count), inputs: tensors, output: out)
    }

    /// `t.chunk(chunks, dim)`.
    public func chunk(_ chunks: Int, dim d: Int = 0) throws -> [Tensor] {
        if chunks <= 0 { throw TensorError.runtime("chunk expects `chunks` to be greater than 0, got: \(chunks)") }
        if dim == 0 { throw TensorError.runtime("chunk expects at least a 1-dimensional tensor") }
        let n = try normalizeDim(d)
        if shape[n] == 0 { return try split(1, dim: n) }
        // Wrapping, as ATen computes it: a huge `chunks` gives its split_size error instead of trapping.
        return try split((shape[n] &+ chunks &- 1) / chunks, dim: n)
    }

    /// `t.split(size, dim)`.
    public func split(_ size: Int, dim d: Int = 0) throws -> [Tensor] {
        if dim == 0 { throw TensorError.runtime("split expects at least a 1-dimensional tensor") }
        let n = try normalizeDim(d)
        if size < 0 { throw TensorError.runtime("split expects split_size be non-negative, but got split_size=\(size)") }
        if size == 0 {
            if shape[n] == 0 { return [self] }
            throw TensorError.runtime("split_size can only be 0 if dimension size is 0, but got dimension size of \(shape[n])")
        }
        var parts: [Tensor] = []
        var start = 0
        repeat {
            let len = Swift.min(size, shape[n] - start)
            parts.append(try narrow(dim: n, start: start, length: len))
            start += len
        } while start < shape[n]
        return parts
    }

    /// `t.unbind(dim)`.
    public func unbind(dim d: Int = 0) throws -> [Tensor] {
        if dim == 0 { throw TensorError.index("Dimension specified as \(d) but tensor has no dimensions") }
        let n = try normalizeDim(d)
        return try (0..<shape[n]).map { try select(dim: n, index: $0) }
    }
}
