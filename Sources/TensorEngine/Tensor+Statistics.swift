import Foundation

/// Order statistics and a few elementwise ops: `kthvalue`, `median`, `quantile`, `logcumsumexp`,
/// `nan_to_num`, `cdist`, `repeat_interleave`, `isclose`, `diff`.
extension Tensor {
    /// `values` (computed exactly by a kernel) carrying the gradient `derivative * g` back to `input`:
    /// `(x - x.detach()) * d + values` is `values` bit for bit (the first term is an exact zero where x is
    /// finite, and masked to zero elsewhere) while its derivative in x is `d`.
    func withDerivative(_ values: Tensor, input x: Tensor, derivative d: Tensor, name: String) throws -> Tensor {
        guard GradMode.isEnabled && x.requiresGrad else { return values }
        let zeroed = try Tensor.where(x.detach().isFinite(), try x.sub(x.detach()), Scalar.double(0))
        return try zeroed.mul(d).add(values).labelingGradFn(name)
    }

    /// `t.kthvalue(k, dim, keepdim)`: the k-th smallest (1-based), grad_fn `KthvalueBackward0`.
    public func kthvalue(_ k: Int, dim d: Int = -1, keepDim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        let n = try normalizeDim(d)
        let size = dim == 0 ? 1 : shape[n]
        if k < 1 || k > size { throw TensorError.runtime("kthvalue(): selected number k out of range for dimension \(n)") }
        return try pick(dim: n, rank: k - 1, keepDim: keepDim, name: "KthvalueBackward0")
    }

    /// `t.median(dim, keepdim)`: the lower median, grad_fn `MedianBackward1`.
    public func median(dim d: Int, keepDim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        let n = try normalizeDim(d)
        let size = dim == 0 ? 1 : shape[n]
        if size == 0 { throw TensorError.index("median() cannot compute median for a dimension of size 0") }
        return try pick(dim: n, rank: (size - 1) / 2, keepDim: keepDim, name: "MedianBackward1")
    }

    /// `t.median()` of all elements: grad_fn `MedianBackward0`.
    public func median() throws -> Tensor {
        if numel == 0 { return Tensor.full([], value: .nan, dtype: dtype) }
        return try reshape([numel]).pick(dim: 0, rank: (numel - 1) / 2, keepDim: false, name: "MedianBackward0").values
    }

    /// The `rank`-th element in sorted order along `n`, and its index (a stable sort picks among ties).
    private func pick(dim n: Int, rank: Int, keepDim: Bool, name: String) throws -> (values: Tensor, indices: Tensor) {
        let order = try GradMode.withNoGrad { try detach().argsort(dim: n) }
        var idx = dim == 0 ? order : try order.narrow(dim: n, start: rank, length: 1)
        let values = try gatherWithGrad(dim: n, index: idx)
        var v = values
        if !keepDim && dim > 0 { v = try values.squeeze(dim: n); idx = try idx.squeeze(dim: n) }
        return (v.labelingGradFn(name), try idx.contiguous())
    }

    /// `torch.quantile(t, q, dim, keepdim)` with linear interpolation, as ATen: sort, then `lerp` the
    /// neighbours at rank `q * (n - 1)`.
    public func quantile(_ q: [Double], scalarQ: Bool, dim d: Int?, keepDim: Bool) throws -> Tensor {
        if !dtype.isFloatingPoint { throw TensorError.runtime("quantile() input tensor must be either float or double dtype") }
        if q.contains(where: { !($0 >= 0 && $0 <= 1) }) { throw TensorError.runtime("quantile() q values must be in the range [0, 1]") }
        let x = d == nil ? try reshape([numel]) : self
        let n = d == nil ? 0 : try normalizeDim(d ?? 0)
        let size = x.dim == 0 ? 1 : x.shape[n]
        if size == 0 { throw TensorError.runtime("quantile() input tensor must be non-empty") }
        let sorted = try x.sort(dim: n).values
        var results: [Tensor] = []
        for qi in q {
            let rank = qi * Double(size - 1)
            let below = Int(rank.rounded(.down)), above = Swift.min(below + 1, size - 1)
            let lo = try sorted.narrow(dim: n, start: below, length: 1), hi = try sorted.narrow(dim: n, start: above, length: 1)
            let w = Tensor.full([], value: rank - Double(below), dtype: dtype)
            var r = try lo.lerp(hi, weight: w)
            if !keepDim { r = try r.squeeze(dim: n) } else if d == nil {
                r = try r.reshape([Int](repeating: 1, count: dim))
            }
            results.append(r)
        }
        if scalarQ { return results[0] }
        return try Tensor.stack(results, dim: 0)
    }

    /// `t.logcumsumexp(dim)`: `log(cumsum(exp(x - m))) + m` with `m` the (detached) max along `dim`.
    public func logcumsumexp(dim d: Int) throws -> Tensor {
        let n = try normalizeDim(d)
        if numel == 0 { return try clone() }
        let m = try GradMode.withNoGrad { () -> Tensor in
            let raw = dim == 0 ? detach() : try detach().max(dim: n, keepDim: true).values
            return try Tensor.where(raw.isFinite(), raw, Scalar.double(0))
        }
        return try sub(m).exp().cumsum(dim: n).log().add(m).labelingGradFn("LogcumsumexpBackward0")
    }

    /// `torch.nan_to_num(t, nan, posinf, neginf)`: defaults 0 and the dtype's largest finite values.
    public func nanToNum(nan: Double = 0, posinf: Double? = nil, neginf: Double? = nil) throws -> Tensor {
        guard dtype.isFloatingPoint else { return try clone() }
        let big = dtype == .float32 ? Double(Float.greatestFiniteMagnitude) : Double.greatestFiniteMagnitude
        let plain = try GradMode.withNoGrad { () -> Tensor in
            let v = detach().toDoubleArray().map { $0.isNaN ? nan : $0 == .infinity ? (posinf ?? big) : $0 == -.infinity ? (neginf ?? -big) : $0 }
            return Tensor(values: v, shape: shape, dtype: dtype)
        }
        let d = try GradMode.withNoGrad { try detach().isFinite().to(dtype) }
        return try withDerivative(plain, input: self, derivative: d, name: "NanToNumBackward0")
    }

    /// `torch.cdist(x1, x2, p)`: pairwise p-norm distances between the rows of two (batched) matrices.
    public func cdist(_ other: Tensor, p: Double = 2) throws -> Tensor {
        if dim < 2 || other.dim < 2 { throw TensorError.runtime("cdist only supports at least 2D tensors, X1 got: \(dim)D") }
        if shape[dim - 1] != other.shape[other.dim - 1] {
            throw TensorError.runtime("X1 and X2 must have the same number of columns. X1: \(shape[dim - 1]) X2: \(other.shape[other.dim - 1])")
        }
        let diff = try unsqueeze(-2).sub(other.unsqueeze(-3)).abs()
        let out: Tensor
        if p == 2 { out = try diff.square().sum(dim: -1).sqrt() } else if p == 1 { out = try diff.sum(dim: -1) } else if p == .infinity {
            out = try diff.max(dim: -1).values
        } else { out = try diff.pow(.double(p)).sum(dim: -1).pow(.double(1 / p)) }
        return out.labelingGradFn("CdistBackward0")
    }

    /// `t.repeat_interleave(repeats, dim)`: each slice repeated, via `index_select` (flattened when dim is nil).
    public func repeatInterleave(_ repeats: [Int], dim d: Int?) throws -> Tensor {
        let x = d == nil ? try reshape([numel]) : self
        let n = d == nil ? 0 : try normalizeDim(d ?? 0)
        let size = x.dim == 0 ? 1 : x.shape[n]
        let counts = repeats.count == 1 ? [Int](repeating: repeats[0], count: size) : repeats
        if counts.count != size { throw TensorError.runtime("repeats must have the same size as input along dim, but got repeats.size(0) = \(repeats.count) and input.size(\(n)) = \(size)") }
        if counts.contains(where: { $0 < 0 }) { throw TensorError.runtime("repeats can not be negative") }
        var total = 0
        for c in counts {
            let (sum, overflow) = total.addingReportingOverflow(c)
            if overflow { throw TensorError.runtime("numel: integer multiplication overflow") }
            total = sum
        }
        // The result's size first: its allocation is the one PyTorch reports.
        try Tensor.validateShape(x.shape.enumerated().map { $0.offset == n ? total : $0.element }, dtype: x.dtype)
        try Tensor.validateShape([total], dtype: .int64)
        var index: [Int64] = []
        for (i, c) in counts.enumerated() { index += [Int64](repeating: Int64(i), count: c) }
        return try x.indexSelect(dim: n, index: Tensor(int64Values: index, shape: [index.count]))
    }

    /// `torch.isclose(a, b, rtol, atol, equal_nan)`.
    public func isClose(_ other: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8, equalNaN: Bool = false) throws -> Tensor {
        try GradMode.withNoGrad {
            let a = detach(), b = other.detach()
            var close = try a.eq(b)
            if a.dtype.isFloatingPoint || b.dtype.isFloatingPoint {
                let diff = try a.sub(b).abs(), tol = try b.abs().mul(.double(rtol)).add(.double(atol))
                close = try close.logicalOr(try diff.le(tol).logicalAnd(try a.sub(b).isFinite()))
                if equalNaN { close = try close.logicalOr(try a.isNaN().logicalAnd(b.isNaN())) }
            }
            return close
        }
    }

    /// `torch.diff(t, n, dim)`: forward differences, `n` times.
    public func diff(n: Int = 1, dim d: Int = -1) throws -> Tensor {
        if dim == 0 { throw TensorError.runtime("diff expects input to be at least one-dimensional") }
        if n < 0 { throw TensorError.runtime("order must be non-negative but got \(n)") }
        let k = try normalizeDim(d)
        var out = self
        for _ in 0..<n {
            let len = out.shape[k]
            if len == 0 { break }
            let upper = try out.narrow(dim: k, start: 1, length: len - 1), lower = try out.narrow(dim: k, start: 0, length: len - 1)
            out = out.dtype == .bool ? try upper.ne(lower) : try upper.sub(lower)
        }
        return out
    }
}
