/// Ordering and tiling: `sort`, `topk`, `argsort`, `flip`, `repeat`.
extension Tensor {
    /// Sorts each run along `dim`; NaN sorts as the largest value, ties keep their order.
    private func sortedRuns(_ d: Int, descending: Bool, k: Int? = nil) throws -> (values: Tensor, indices: Tensor) {
        let moved = try GradMode.withNoGrad { try detach().transpose(d, -1).materialized(copyAlways: true) }
        let run = dim == 0 ? 1 : shape[d]
        let keep = k ?? run
        let runs = run == 0 ? 0 : moved.numel / run
        let values = moved.toDoubleArray()
        let exact = dtype == .int64 ? moved.toInt64Array() : []
        var order = [Int64](repeating: 0, count: runs * keep)
        for r in 0..<runs {
            let base = r * run
            func less(_ i: Int, _ j: Int) -> Bool {
                if dtype == .int64 { return exact[base + i] < exact[base + j] }
                let a = values[base + i], b = values[base + j]
                return a.isNaN ? false : (b.isNaN ? true : a < b)
            }
            let idx = (0..<run).sorted { i, j in descending ? less(j, i) : less(i, j) }
            for (slot, i) in idx.prefix(keep).enumerated() { order[r * keep + slot] = Int64(i) }
        }
        let outShape = Array(moved.shape.dropLast()) + (dim == 0 ? [] : [keep])
        let indices = Tensor(int64Values: order, shape: dim == 0 ? [] : outShape)
        let picked = try moved.gather(dim: Swift.max(moved.dim - 1, 0), index: dim == 0 ? indices.reshape([1]) : indices)
        return try GradMode.withNoGrad {
            let back = dim == 0 ? try picked.reshape([]) : try picked.transpose(d, -1).contiguous()
            let idx = dim == 0 ? indices : try indices.transpose(d, -1).contiguous()
            return (back.detach(), idx.detach())
        }
    }

    /// `t.sort(dim, descending)`: (values, indices), grad_fn `SortBackward0`.
    public func sort(dim d: Int = -1, descending: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        let n = try normalizeDim(d)
        let (values, indices) = try sortedRuns(n, descending: descending)
        let op = BackwardOp.extremumDim(name: "SortBackward0", inputShape: shape, dim: n, keepDim: true)
        return (Autograd.record(op, inputs: [self], saving: [indices], output: values), indices)
    }

    /// `t.argsort(dim, descending)`.
    public func argsort(dim d: Int = -1, descending: Bool = false) throws -> Tensor {
        try sortedRuns(try normalizeDim(d), descending: descending).indices
    }

    /// `t.topk(k, dim, largest)`: (values, indices), grad_fn `TopkBackward0`.
    public func topk(_ k: Int, dim d: Int = -1, largest: Bool = true) throws -> (values: Tensor, indices: Tensor) {
        let n = try normalizeDim(d)
        let size = dim == 0 ? 1 : shape[n]
        if k < 0 || k > size { throw TensorError.runtime("selected index k out of range") }
        let (values, indices) = try sortedRuns(n, descending: largest, k: k)
        let op = BackwardOp.extremumDim(name: "TopkBackward0", inputShape: shape, dim: n, keepDim: true)
        return (Autograd.record(op, inputs: [self], saving: [indices], output: values), indices)
    }

    /// `t.flip(dims)`: grad_fn `FlipBackward0`.
    public func flip(_ dims: [Int]) throws -> Tensor {
        let norm = try dims.map { try normalizeDim($0) }
        var st = strides, off = offset
        for d in norm where dim > 0 && shape[d] > 0 {
            off += (shape[d] - 1) * st[d]
            st[d] = -st[d]
        }
        let out = Tensor(storage: storage, shape: shape, strides: st, offset: off).materialized(copyAlways: true)
        return Autograd.record(.flip(dims: norm), inputs: [self], output: out)
    }

    /// `t.repeat(sizes)`: tiles the tensor, grad_fn `RepeatBackward0`.
    public func `repeat`(_ repeats: [Int]) throws -> Tensor {
        if repeats.count < dim {
            throw TensorError.runtime("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
        }
        let padded = [Int](repeating: 1, count: repeats.count - dim) + shape
        let out = try GradMode.withNoGrad { () -> Tensor in
            var interleaved: [Int] = [], expanded: [Int] = []
            for (r, s) in zip(repeats, padded) { interleaved += [1, s]; expanded += [r, s] }
            return try detach().reshape(interleaved).expand(to: expanded).contiguous().reshape(zip(repeats, padded).map { $0 * $1 }).detach()
        }
        return Autograd.record(.repeat(repeats: repeats, paddedShape: padded), inputs: [self], output: out)
    }
}
