/// `scatter`/`scatter_add`, a differentiable `gather`, `index_add`/`index_fill`/`index_copy`, `roll`,
/// `cumprod`. Each is composed of `index_put`, `index_select`, `narrow`/`cat` and friends, so gradients come
/// from their rules; the result's node is then named as PyTorch names it.
extension Tensor {
    /// Runs an out-of-place op as this tensor's in-place form (`x.scatter_(...)`): version bump, leaf checks.
    @discardableResult
    public func applyingInPlace(_ compute: (Tensor) throws -> Tensor) throws -> Tensor { try applyInPlace(compute) }

    /// Offsets into the contiguous flattening of `self` that `index` addresses along `d` (scatter/gather's
    /// addressing), checked as ATen checks them.
    private func scatterOffsets(_ d: Int, _ index: Tensor, op: String) throws -> [Int64] {
        if index.dtype != .int64 { throw TensorError.runtime("\(op)(): Expected dtype int64 for index") }
        if index.dim != dim && !(index.dim <= 1 && dim <= 1) {
            throw TensorError.runtime("Index tensor must have the same number of dimensions as self tensor")
        }
        let selfShape = dim == 0 ? [1] : shape, idxShape = index.dim == 0 ? [1] : index.shape
        for k in 0..<selfShape.count where k != d && idxShape[k] > selfShape[k] {
            throw TensorError.runtime("Size does not match at dimension \(k) expected index \(shapeList(index.shape)) to be no larger than self \(shapeList(shape)) apart from dimension \(d)")
        }
        let st = Tensor.contiguousStrides(selfShape)
        var out: [Int64] = []
        out.reserveCapacity(index.numel)
        var coords = [Int](repeating: 0, count: idxShape.count)
        for (flat, i) in index.toInt64Array().enumerated() {
            var rem = flat
            for k in stride(from: idxShape.count - 1, through: 0, by: -1) { coords[k] = rem % idxShape[k]; rem /= idxShape[k] }
            if i < 0 || i >= Int64(selfShape[d]) {
                throw TensorError.runtime("index \(i) is out of bounds for dimension \(d) with size \(selfShape[d])")
            }
            coords[d] = Int(i)
            out.append(Int64(zip(coords, st).reduce(0) { $0 + $1.0 * $1.1 }))
        }
        return out
    }

    /// `t.gather(dim, index)` with autograd (`GatherBackward0`): the values come from the plain kernel.
    public func gatherWithGrad(dim d: Int, index: Tensor) throws -> Tensor {
        let plain = try gather(dim: d, index: index)
        guard GradMode.isEnabled && requiresGrad else { return plain }
        let n = try normalizeDim(d)
        let offsets = try scatterOffsets(n, index, op: "gather")
        let picked = try reshape([numel]).indexSelect(dim: 0, index: Tensor(int64Values: offsets, shape: [offsets.count]))
        return try picked.reshape(index.shape).labelingGradFn("GatherBackward0")
    }

    /// `t.scatter(dim, index, src)` / `scatter_add`: grad_fn `ScatterBackward0` / `ScatterAddBackward0`.
    public func scatter(dim d: Int, index: Tensor, source: Tensor, accumulate: Bool) throws -> Tensor {
        let n = try normalizeDim(d)
        let name = accumulate ? "scatter_add" : "scatter"
        if source.dtype != dtype {
            throw TensorError.runtime("\(name)(): Expected self.dtype to be equal to src.dtype")
        }
        if index.dim != source.dim && index.numel > 0 && !(index.dim <= 1 && source.dim <= 1) {
            throw TensorError.runtime("Index tensor must have the same number of dimensions as src tensor")
        }
        let offsets = try scatterOffsets(n, index, op: name)
        for k in 0..<index.dim where source.dim == index.dim && index.shape[k] > source.shape[k] {
            throw TensorError.runtime("Size does not match at dimension \(k) expected index \(shapeList(index.shape)) to be no larger than src \(shapeList(source.shape))")
        }
        var src = source
        if source.dim == index.dim && source.shape != index.shape {
            for k in 0..<index.dim { src = try src.narrow(dim: k, start: 0, length: index.shape[k]) }
        }
        let flatSrc = try src.reshape([index.numel])
        let out = try reshape([numel]).indexPut(Tensor(int64Values: offsets, shape: [offsets.count]), values: flatSrc,
                                               accumulate: accumulate)
        return try out.reshape(shape).labelingGradFn(accumulate ? "ScatterAddBackward0" : "ScatterBackward0")
    }

    /// `t.scatter(dim, index, value)` with a number.
    public func scatter(dim d: Int, index: Tensor, value: Scalar) throws -> Tensor {
        let n = try normalizeDim(d)
        let offsets = try scatterOffsets(n, index, op: "scatter")
        let fill = Tensor.full([offsets.count], value: value.doubleValue, dtype: dtype)
        let out = try reshape([numel]).indexPut(Tensor(int64Values: offsets, shape: [offsets.count]), values: fill)
        return try out.reshape(shape).labelingGradFn("ScatterBackward1")
    }

    /// `index_add` / `index_copy` / `index_fill` along `dim` with a 1-D int64 index, via `index_put` on rows.
    public func indexAlong(dim d: Int, index: Tensor, source: Tensor, accumulate: Bool, name: String) throws -> Tensor {
        let n = try normalizeDim(d)
        if index.dtype != .int64 { throw TensorError.runtime("\(name)(): Expected dtype int64 for index") }
        if index.dim > 1 { throw TensorError.index("\(name)(): Index is supposed to be a vector") }
        let moved = dim == 0 ? try reshape([1]) : try transpose(0, n)
        var src = source
        if source.dim > 0 && dim > 0 { src = try source.transpose(0, n) }
        let rows = try index.reshape([index.numel])
        let out = try moved.indexPut(rows, values: src, accumulate: accumulate)
        let back = dim == 0 ? try out.reshape([]) : try out.transpose(0, n)
        let label = ["index_add": "IndexAddBackward0", "index_copy": "IndexCopyBackward0", "index_fill": "IndexFillBackward0"][name]
        return label.map { back.labelingGradFn($0) } ?? back
    }

    /// `torch.roll(t, shifts, dims)`: grad_fn `RollBackward0`. Without dims the flattened tensor rolls.
    public func roll(shifts: [Int], dims: [Int]) throws -> Tensor {
        if dims.isEmpty {
            guard shifts.count == 1 else {
                throw TensorError.runtime("shifts and dimensions must align. shifts: \(shifts.count), dims:0")
            }
            return try reshape([numel]).roll(shifts: shifts, dims: [0]).view(shape).labelingGradFn("RollBackward0")
        }
        if shifts.count != dims.count {
            throw TensorError.runtime("shifts and dimensions must align. shifts: \(shifts.count), dims:\(dims.count)")
        }
        if dim == 0 {  // a 0-d tensor rolls as its 1-element flattening
            _ = try dims.map { try normalizeDim($0) }
            return try reshape([1]).roll(shifts: [0], dims: [0]).view([])
        }
        var out = self
        for (s, d) in zip(shifts, dims) {
            let n = try normalizeDim(d)
            let size = shape[n]
            guard size > 0 else { continue }
            let k = ((s % size) + size) % size
            if k == 0 { continue }
            out = try Tensor.cat([out.narrow(dim: n, start: size - k, length: k), out.narrow(dim: n, start: 0, length: size - k)], dim: n)
        }
        if out === self { out = try clone() }
        return out.labelingGradFn("RollBackward0")
    }

    /// `t.cumprod(dim)`: grad_fn `CumprodBackward0`. Products run in double (ATen's accumulate type)
    /// step by step, so the rounded results match PyTorch's and the chain rule comes from `mul`.
    public func cumprod(dim d: Int) throws -> Tensor {
        let n = try normalizeDim(d)
        let wide: DType = dtype.isFloatingPoint ? .float64 : .int64
        let x = try to(wide)
        let len = dim == 0 ? 1 : shape[n]
        if dim == 0 || len <= 1 { return try to(dtype.isFloatingPoint ? dtype : .int64).clone().labelingGradFn("CumprodBackward0") }
        var parts = [try x.narrow(dim: n, start: 0, length: 1)]
        for i in 1..<len { parts.append(try parts[i - 1].mul(x.narrow(dim: n, start: i, length: 1))) }
        let out = try Tensor.cat(parts, dim: n).to(dtype.isFloatingPoint ? dtype : .int64)
        return out.labelingGradFn("CumprodBackward0")
    }

    /// `t.cummax(dim)` / `cummin`: running extremum and the index where it was (last index on ties, as ATen).
    public func cumulativeExtremum(dim d: Int, isMax: Bool) throws -> (values: Tensor, indices: Tensor) {
        let n = try normalizeDim(d)
        let moved = try GradMode.withNoGrad { try detach().transpose(n, -1).contiguous() }
        let run = dim == 0 ? 1 : shape[n]
        let vals = moved.toDoubleArray()
        var idx = [Int64](repeating: 0, count: vals.count)
        if run > 0 {
            for r in 0..<(vals.count / run) {
                var best = 0
                for i in 0..<run {
                    let a = vals[r * run + i], b = vals[r * run + best]
                    if a.isNaN || (!b.isNaN && (isMax ? a >= b : a <= b)) { best = i }
                    idx[r * run + i] = Int64(best)
                }
            }
        }
        let movedIdx = Tensor(int64Values: idx, shape: moved.shape)
        let indices = dim == 0 ? try movedIdx.reshape([]) : try movedIdx.transpose(n, -1).contiguous()
        let values = try gatherWithGrad(dim: n, index: indices)
        return (values.labelingGradFn(isMax ? "CummaxBackward0" : "CumminBackward0"), indices)
    }
}
