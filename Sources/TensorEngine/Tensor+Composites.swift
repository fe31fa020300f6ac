/// Ops tutorials reach for that are compositions of primitives: `outer`, `trace`, `diag`, `kron`, `tile`,
/// `lerp`, `frac`; and the counting ops without gradients: `count_nonzero`, `unique`, `bincount`, `histc`.
extension Tensor {
    /// `torch.outer(a, b)`: grad_fn `MulBackward0`, as PyTorch's own composition gives.
    public func outer(_ other: Tensor) throws -> Tensor {
        if dim != 1 { throw TensorError.runtime("outer: Expected 1-D argument self, but got \(dim)-D") }
        if other.dim != 1 { throw TensorError.runtime("outer: Expected 1-D argument vec2, but got \(other.dim)-D") }
        return try unsqueeze(1).mul(other)
    }

    /// The `offset`-th diagonal of a matrix, as a strided slice of its flattening.
    public func matrixDiagonal(offset k: Int = 0) throws -> Tensor {
        let (r, c) = (shape[0], shape[1])
        let count = Swift.max(0, k >= 0 ? Swift.min(r, c - k) : Swift.min(r + k, c))
        if count == 0 { return try reshape([r * c]).narrow(dim: 0, start: 0, length: 0) }
        let start = k >= 0 ? k : -k * c
        return try reshape([r * c]).slice(dim: 0, start: start, end: start + (count - 1) * (c + 1) + 1, step: c + 1)
    }

    /// `torch.trace(t)`: grad_fn `TraceBackward0`.
    public func trace() throws -> Tensor {
        if dim != 2 { throw TensorError.runtime("trace: expected a matrix, but got tensor with dim \(dim)") }
        let d = try matrixDiagonal()
        let s = dtype.isFloatingPoint ? try d.sum() : try d.to(.int64).sum()
        return s.labelingGradFn("TraceBackward0")
    }

    /// `torch.diag(t, diagonal)`: a vector's diagonal matrix, or a matrix's diagonal.
    public func diag(_ k: Int = 0) throws -> Tensor {
        // PyTorch 2.15 names this node with the `_copy` variant.
        if dim == 2 { return try matrixDiagonal(offset: k).labelingGradFn("DiagonalBackward0_copy") }
        if dim != 1 { throw TensorError.runtime("diag(): Supports 1D or 2D tensors. Got \(dim)D") }
        let n = shape[0], (m, overflow) = n.addingReportingOverflow(k.magnitude > Int.max ? Int.max : Swift.abs(k))
        if overflow { throw TensorError.runtime("Trying to create tensor with negative dimension \(m): [\(m), \(m)]") }
        try Tensor.validateShape([m, m], dtype: dtype)
        let positions = (0..<n).map { i in Int64(k >= 0 ? i * m + i + k : (i - k) * m + i) }
        let out = try Tensor.zeros([m * m], dtype: dtype).indexPut(Tensor(int64Values: positions, shape: [n]), values: self)
        return try out.reshape([m, m]).labelingGradFn("DiagEmbedBackward0")
    }

    /// `torch.kron(a, b)`: the Kronecker product over the dims of the higher-ranked operand.
    public func kron(_ other: Tensor) throws -> Tensor {
        let rank = Swift.max(dim, other.dim)
        let a = try reshape([Int](repeating: 1, count: rank - dim) + shape)
        let b = try other.reshape([Int](repeating: 1, count: rank - other.dim) + other.shape)
        var aShape: [Int] = [], bShape: [Int] = [], outShape: [Int] = []
        for i in 0..<rank {
            aShape += [a.shape[i], 1]; bShape += [1, b.shape[i]]; outShape.append(a.shape[i] * b.shape[i])
        }
        return try a.reshape(aShape).mul(b.reshape(bShape)).reshape(outShape)
    }

    /// `torch.block_diag(*matrices)`: rows of zero-padded blocks, concatenated (grad from `cat`).
    public static func blockDiag(_ ts: [Tensor]) throws -> Tensor {
        if ts.isEmpty { return Tensor.empty([1, 0]) }
        let cols = ts.reduce(0) { $0 + $1.shape[1] }
        let dt = ts.dropFirst().reduce(ts[0].dtype) { DType.promote($0, $1.dtype) }
        var before = 0, rows: [Tensor] = []
        for t in ts {
            let (h, w) = (t.shape[0], t.shape[1])
            rows.append(try cat([zeros([h, before], dtype: dt), try t.to(dt), zeros([h, cols - before - w], dtype: dt)], dim: 1))
            before += w
        }
        return try cat(rows, dim: 0)
    }

    /// `torch.tile(t, dims)`: `repeat` with `dims` padded by leading ones.
    public func tile(_ reps: [Int]) throws -> Tensor {
        try self.repeat([Int](repeating: 1, count: Swift.max(0, dim - reps.count)) + reps)
    }

    /// `torch.lerp(start, end, weight)`, with ATen's two formulas (exact at both ends).
    public func lerp(_ end: Tensor, weight: Tensor) throws -> Tensor {
        let diff = try end.sub(self)
        let low = try add(weight.mul(diff))
        let high = try end.sub(diff.mul(try weight.neg().add(.double(1))))
        return try Tensor.where(try weight.abs().lt(.double(0.5)), low, high).labelingGradFn("LerpBackward1")
    }

    public func lerp(_ end: Tensor, weight: Double) throws -> Tensor {
        let diff = try end.sub(self)
        let out = Swift.abs(weight) < 0.5 ? try add(diff.mul(.double(weight))) : try end.sub(diff.mul(.double(1 - weight)))
        return out.labelingGradFn("LerpBackward0")
    }

    /// `t.frac()`: `t - trunc(t)`, grad_fn `FracBackward0`.
    public func frac() throws -> Tensor {
        try sub(try GradMode.withNoGrad { try detach().trunc() }).labelingGradFn("FracBackward0")
    }

    /// `torch.count_nonzero(t, dim)`: int64 counts.
    public func countNonzero(dims: [Int]?) throws -> Tensor {
        let nz = try GradMode.withNoGrad { try detach().ne(.double(0)).to(.int64) }
        guard let dims else { return try nz.sum() }
        return try nz.sum(dims: dims)
    }

    /// `torch.unique(t, sorted, return_inverse, return_counts)` over the flattened tensor.
    public func unique(returnInverse: Bool, returnCounts: Bool) throws -> (values: Tensor, inverse: Tensor, counts: Tensor) {
        let flat = try GradMode.withNoGrad { try detach().reshape([numel]) }
        let (sortedValues, order) = try flat.sort()
        let order64 = order.toInt64Array()
        let keys = dtype == .int64 ? sortedValues.toInt64Array().map { Double($0) } : sortedValues.toDoubleArray()
        let exact = dtype == .int64 ? sortedValues.toInt64Array() : []
        var firsts: [Int64] = [], counts: [Int64] = []
        var inverse = [Int64](repeating: 0, count: numel)
        for i in 0..<keys.count {
            let same = i > 0 && (dtype == .int64 ? exact[i] == exact[i - 1] : keys[i] == keys[i - 1])
            if !same { firsts.append(Int64(i)); counts.append(0) }
            counts[counts.count - 1] += 1
            inverse[Int(order64[i])] = Int64(firsts.count - 1)
        }
        let values = try sortedValues.indexSelect(dim: 0, index: Tensor(int64Values: firsts, shape: [firsts.count]))
        return (values, Tensor(int64Values: inverse, shape: shape), Tensor(int64Values: counts, shape: [counts.count]))
    }

    /// `torch.bincount(t, weights, minlength)`: a 1-D non-negative int tensor's value counts.
    public func bincount(weights: Tensor?, minLength: Int) throws -> Tensor {
        if dim != 1 { throw TensorError.runtime("bincount only supports 1-d non-negative integral inputs.") }
        if dtype != .int64 { throw TensorError.runtime("bincount only supports 1-d non-negative integral inputs.") }
        if minLength < 0 { throw TensorError.runtime("minlength should be >= 0") }
        let values = toInt64Array()
        if values.contains(where: { $0 < 0 }) { throw TensorError.runtime("bincount only supports 1-d non-negative integral inputs.") }
        if let weights, weights.dim != 1 || weights.shape[0] != shape[0] {
            throw TensorError.runtime("weights should be 1-d and have the same length as input")
        }
        let length = Swift.max(minLength, Int(values.max() ?? -1) + 1)
        try Tensor.validateShape([length], dtype: .float64)
        guard let weights else {
            var counts = [Int64](repeating: 0, count: length)
            for v in values { counts[Int(v)] += 1 }
            return Tensor(int64Values: counts, shape: [length])
        }
        var sums = [Double](repeating: 0, count: length)
        for (v, w) in zip(values, weights.toDoubleArray()) { sums[Int(v)] += w }
        return Tensor(values: sums, shape: [length], dtype: weights.dtype == .float32 ? .float32 : .float64)
    }

    /// `torch.histc(t, bins, min, max)`: equal-width bins over [min, max] (the data's range when both are 0).
    public func histc(bins: Int, min lo: Double, max hi: Double) throws -> Tensor {
        if bins <= 0 { throw TensorError.runtime("torch.histc(): bins must be > 0, but got \(bins) for dimension 0") }
        if !dtype.isFloatingPoint { throw TensorError.runtime("\"histogram_cpu\" not implemented for '\(dtype.scalarTypeName)'") }
        try Tensor.validateShape([bins], dtype: dtype)
        let xs = toDoubleArray()
        var (a, b) = (lo, hi)
        if a == b && numel > 0 { a = xs.min() ?? 0; b = xs.max() ?? 0 }
        if a == b { a -= 1; b += 1 }
        if a > b { throw TensorError.runtime("torch.histc(): max must be larger than min") }
        var counts = [Double](repeating: 0, count: bins)
        for x in xs where x >= a && x <= b {
            var bin = Int((x - a) * Double(bins) / (b - a))
            if bin == bins { bin -= 1 }
            counts[bin] += 1
        }
        return Tensor(values: counts, shape: [bins], dtype: dtype)
    }
}
