/// Views share storage (and the version counter) with their base: `view`, `t`, `permute`, `expand`, `select`, ...
extension Tensor {
    func makeView(shape: [Int], strides: [Int], offset: Int) -> Tensor {
        let view = Tensor(storage: storage, shape: shape, strides: strides, offset: offset, versionOverride: versionOverride)
        view.viewBase = viewBase ?? self
        return view
    }

    /// Resolves a single `-1` in a requested shape, with PyTorch's errors.
    func inferShape(_ requested: [Int]) throws -> [Int] {
        var shape = requested
        let inferred = shape.indices.filter { shape[$0] == -1 }
        if inferred.count > 1 { throw TensorError.runtime("only one dimension can be inferred") }
        if let i = shape.firstIndex(where: { $0 < -1 }) {
            throw TensorError.runtime("invalid shape dimension \(shape[i]) at index \(i) of shape \(shapeList(shape))")
        }
        // A product that overflows can never equal numel (it would need a factor above Int.max / 2).
        let (known, overflow) = shape.filter { $0 != -1 }.reduce((1, false)) { acc, s in
            let (p, o) = acc.0.multipliedReportingOverflow(by: s)
            return (p, acc.1 || o)
        }
        if overflow && !shape.contains(0) {
            throw TensorError.runtime("shape '\(shapeList(requested))' is invalid for input of size \(numel)")
        }
        if let i = inferred.first {
            if known == 0 || numel % known != 0 {
                throw TensorError.runtime("shape '\(shapeList(requested))' is invalid for input of size \(numel)")
            }
            shape[i] = numel / known
        }
        if (try? Tensor.checkedNumel(shape)) != numel {
            throw TensorError.runtime("shape '\(shapeList(requested))' is invalid for input of size \(numel)")
        }
        return shape
    }

    /// Strides for viewing this tensor as `newShape` without copying, or nil (ATen's `computeStride`).
    func viewStrides(_ newShape: [Int]) -> [Int]? {
        if numel == 0 || isContiguous { return Tensor.contiguousStrides(newShape) }
        var newStrides = [Int](repeating: 0, count: newShape.count)
        var viewD = newShape.count - 1
        var chunkBase = strides.last ?? 1
        var tensorNumel = 1, viewNumel = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) {
            tensorNumel *= shape[d]
            if d == 0 || (shape[d - 1] != 1 && strides[d - 1] != tensorNumel * chunkBase) {
                while viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1) {
                    newStrides[viewD] = viewNumel * chunkBase
                    viewNumel *= newShape[viewD]
                    viewD -= 1
                }
                if viewNumel != tensorNumel { return nil }
                if d > 0 { chunkBase = strides[d - 1]; tensorNumel = 1; viewNumel = 1 }
            }
        }
        return viewD == -1 ? newStrides : nil
    }

    /// `t.view(shape)`: grad_fn `ViewBackward0`.
    public func view(_ shape: [Int]) throws -> Tensor {
        let target = try inferShape(shape)
        guard let st = viewStrides(target) else {
            throw TensorError.runtime("view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.")
        }
        let out = makeView(shape: target, strides: st, offset: offset)
        return Autograd.record(.view(name: "ViewBackward0", inputShape: self.shape), inputs: [self], output: out)
    }

    /// `t.reshape(shape)`: a view when possible, else a copy (`CloneBackward0` then `UnsafeViewBackward0`).
    public func reshape(_ shape: [Int]) throws -> Tensor {
        let target = try inferShape(shape)
        if viewStrides(target) != nil { return try view(target) }
        return try contiguous().unsafeView(target)
    }

    /// `_unsafe_view`: like `view` on a fresh contiguous tensor, grad_fn `UnsafeViewBackward0`.
    func unsafeView(_ shape: [Int]) throws -> Tensor {
        let target = try inferShape(shape)
        let base = materialized()
        let out = base.makeView(shape: target, strides: Tensor.contiguousStrides(target), offset: base.offset)
        return Autograd.record(.view(name: "UnsafeViewBackward0", inputShape: self.shape), inputs: [self], output: out)
    }

    /// `t.flatten(start_dim, end_dim)`.
    public func flatten(startDim: Int = 0, endDim: Int = -1) throws -> Tensor {
        if dim == 0 { return try reshape([1]) }
        let s = try normalizeDim(startDim), e = try normalizeDim(endDim)
        if s > e { throw TensorError.runtime("flatten() has invalid args: start_dim cannot come after end_dim") }
        if s == e { return self }
        let merged = shape[s...e].reduce(1, &*)
        return try reshape(Array(shape[..<s]) + [merged] + Array(shape[(e + 1)...]))
    }

    /// `t.view_as(other)` / `t.reshape_as(other)`.
    public func reshape(as other: Tensor) throws -> Tensor { try reshape(other.shape) }

    /// `t.t()`: 2-D transpose (0-D and 1-D are returned as is), grad_fn `TBackward0`.
    public func t() throws -> Tensor {
        if dim > 2 {
            throw TensorError.runtime("t() expects a tensor with <= 2 dimensions, but self is \(dim)D")
        }
        let out = dim < 2 ? makeView(shape: shape, strides: strides, offset: offset)
            : makeView(shape: [shape[1], shape[0]], strides: [strides[1], strides[0]], offset: offset)
        return Autograd.record(.transpose(name: "TBackward0", 0, dim < 2 ? 0 : 1), inputs: [self], output: out)
    }

    /// `t.transpose(d0, d1)`: grad_fn `TransposeBackward0`.
    public func transpose(_ d0: Int, _ d1: Int) throws -> Tensor {
        let a = try normalizeDim(d0), b = try normalizeDim(d1)
        var sh = shape, st = strides
        if dim > 0 { sh.swapAt(a, b); st.swapAt(a, b) }
        let out = makeView(shape: sh, strides: st, offset: offset)
        return Autograd.record(.transpose(name: "TransposeBackward0", a, b), inputs: [self], output: out)
    }

    /// `t.permute(dims)`: grad_fn `PermuteBackward0`.
    public func permute(_ dims: [Int]) throws -> Tensor {
        if dims.count != dim {
            throw TensorError.runtime("permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(dim) is not equal to len(dims) = \(dims.count)")
        }
        let norm = try dims.map { try normalizeDim($0) }
        if Set(norm).count != norm.count { throw TensorError.runtime("permute(): duplicate dims are not allowed.") }
        let out = makeView(shape: norm.map { shape[$0] }, strides: norm.map { strides[$0] }, offset: offset)
        return Autograd.record(.permute(norm), inputs: [self], output: out)
    }

    /// `t.T`: all dims reversed, via `permute`.
    public func reversedDims() throws -> Tensor { try permute(Array((0..<dim).reversed())) }

    /// `t.mT`: the last two dims swapped.
    public func matrixTranspose() throws -> Tensor {
        if dim < 2 { throw TensorError.runtime("tensor.mT is only supported on matrices or batches of matrices. Got \(dim)-D tensor.") }
        return try transpose(-2, -1)
    }

    /// `t.expand(sizes)` (`-1` keeps a size): grad_fn `ExpandBackward0`.
    public func expand(_ sizes: [Int]) throws -> Tensor {
        if sizes.count < dim {
            throw TensorError.runtime("expand(\(dtype.legacyTensorTypeName){\(shapeList(shape))}, size=\(shapeList(sizes))): the number of sizes provided (\(sizes.count)) must be greater or equal to the number of dimensions in the tensor (\(dim))")
        }
        let lead = sizes.count - dim
        var newShape = sizes, newStrides = [Int](repeating: 0, count: sizes.count)
        for i in 0..<sizes.count {
            if i < lead {
                if sizes[i] < 0 { throw TensorError.runtime("The expanded size of the tensor (\(sizes[i])) isn't allowed in a leading, non-existing dimension \(i)") }
                continue
            }
            let d = i - lead
            if sizes[i] == -1 { newShape[i] = shape[d] }
            if shape[d] == newShape[i] {
                newStrides[i] = strides[d]
            } else if shape[d] == 1 {
                newStrides[i] = 0
            } else {
                throw TensorError.runtime("The expanded size of the tensor (\(newShape[i])) must match the existing size (\(shape[d])) at non-singleton dimension \(i).  Target sizes: \(shapeList(sizes)).  Tensor sizes: \(shapeList(shape))")
            }
        }
        _ = try Tensor.checkedNumel(newShape)
        let out = makeView(shape: newShape, strides: newStrides, offset: offset)
        return Autograd.record(.expand(inputShape: shape), inputs: [self], output: out)
    }

    /// `expand` without the error checks' wording needs (internal use, e.g. backward).
    func expand(to target: [Int]) throws -> Tensor { try expand(target) }

    /// `t.expand_as(other)`.
    public func expand(as other: Tensor) throws -> Tensor { try expand(other.shape) }

    /// `t.squeeze()`: removes all size-1 dims, grad_fn `SqueezeBackward0`.
    public func squeeze() throws -> Tensor {
        let keep = (0..<dim).filter { shape[$0] != 1 }
        let out = makeView(shape: keep.map { shape[$0] }, strides: keep.map { strides[$0] }, offset: offset)
        return Autograd.record(.squeeze(name: "SqueezeBackward0", inputShape: shape), inputs: [self], output: out)
    }

    /// `t.squeeze(dim)`: grad_fn `SqueezeBackward1`.
    public func squeeze(dim d: Int) throws -> Tensor { try squeeze(dim: d, name: "SqueezeBackward1") }

    func squeeze(dim d: Int, name: String) throws -> Tensor {
        let n = try normalizeDim(d)
        if dim == 0 || shape[n] != 1 {
            let out = makeView(shape: shape, strides: strides, offset: offset)
            return Autograd.record(.squeeze(name: name, inputShape: shape), inputs: [self], output: out)
        }
        var sh = shape, st = strides
        sh.remove(at: n); st.remove(at: n)
        let out = makeView(shape: sh, strides: st, offset: offset)
        return Autograd.record(.squeeze(name: name, inputShape: shape), inputs: [self], output: out)
    }

    /// `t.unsqueeze(dim)` (also `t[None]`): grad_fn `UnsqueezeBackward0`.
    public func unsqueeze(_ d: Int) throws -> Tensor {
        let n = try normalizeDim(d, rank: dim + 1)
        var sh = shape, st = strides
        let newStride = n < dim ? shape[n] * strides[n] : 1
        sh.insert(1, at: n); st.insert(newStride, at: n)
        let out = makeView(shape: sh, strides: st, offset: offset)
        return Autograd.record(.unsqueeze(dim: n), inputs: [self], output: out)
    }

    /// Re-inserts reduced dims (for reduction backward).
    func unsqueezing(_ dims: [Int], keepDim: Bool) throws -> Tensor {
        if keepDim { return self }
        var out = self
        for d in dims.sorted() { out = try out.unsqueeze(d) }
        return out
    }

    /// `t[index]` along `dim` (`t.select(dim, index)`): grad_fn `SelectBackward0`.
    public func select(dim d: Int, index: Int) throws -> Tensor {
        if dim == 0 { throw TensorError.index("select() cannot be applied to a 0-dim tensor.") }
        let n = try normalizeDim(d)
        let size = shape[n]
        if index < -size || index >= size {
            throw TensorError.index("index \(index) is out of bounds for dimension \(n) with size \(size)")
        }
        let i = index < 0 ? index + size : index
        var sh = shape, st = strides
        sh.remove(at: n); st.remove(at: n)
        let out = makeView(shape: sh, strides: st, offset: offset + i * strides[n])
        return Autograd.record(.select(inputShape: shape, dim: n, index: i), inputs: [self], output: out)
    }

    /// `t[start:end:step]` along `dim`, with Python's clamping of out-of-range bounds: grad_fn `SliceBackward0`.
    public func slice(dim d: Int, start: Int? = nil, end: Int? = nil, step: Int = 1) throws -> Tensor {
        if dim == 0 { throw TensorError.index("slice() cannot be applied to a 0-dim tensor.") }
        if step <= 0 { throw TensorError.value("step must be greater than zero") }
        let n = try normalizeDim(d)
        let size = shape[n]
        func clampIndex(_ v: Int?, _ def: Int) -> Int {
            guard var v else { return def }
            if v < 0 { v += size }
            return Swift.min(Swift.max(v, 0), size)
        }
        let s = clampIndex(start, 0)
        let e = Swift.max(clampIndex(end, size), s)
        var sh = shape, st = strides
        sh[n] = e == s ? 0 : (e - s - 1) / step + 1  // no `+ step` overflow for huge steps
        st[n] = strides[n] &* step
        let out = makeView(shape: sh, strides: st, offset: offset + s * strides[n])
        return Autograd.record(.slice(inputShape: shape, dim: n, start: s, end: e, step: step), inputs: [self], output: out)
    }

    /// `t.narrow(dim, start, length)`.
    public func narrow(dim d: Int, start: Int, length: Int) throws -> Tensor {
        if dim == 0 { throw TensorError.runtime("narrow() cannot be applied to a 0-dim tensor.") }
        let n = try normalizeDim(d)
        if start < -shape[n] || start > shape[n] {
            throw TensorError.index("start out of range (expected to be in range of [\(-shape[n]), \(shape[n])], but got \(start))")
        }
        let s = start < 0 ? start + shape[n] : start
        if s < 0 || length < 0 || length > shape[n] - s {
            throw TensorError.runtime("start (\(start)) + length (\(length)) exceeds dimension size (\(shape[n])).")
        }
        return try slice(dim: n, start: s, end: s + length)
    }

    /// `t.contiguous()`: self if already contiguous, else a copy (`CloneBackward0`).
    public func contiguous() throws -> Tensor {
        isContiguous ? self : try clone()
    }

    /// `t.clone()`: grad_fn `CloneBackward0`.
    public func clone() throws -> Tensor {
        do {
            try Tensor.checkAllocation(shape, dtype: dtype)
        } catch let e as TensorError where e.message.hasPrefix("Storage size calculation overflowed") {
            throw TensorError.runtime(e.message + " and strides=\(shapeList(Tensor.contiguousStrides(shape)))")  // empty_strided's
        }
        let out = Tensor(uninitialized: shape, dtype: dtype)
        out.copyElements(from: self)
        return Autograd.record(.clone, inputs: [self], output: out)
    }

    /// `t.to(dtype)` / `.float()` / `.double()` / `.long()`: self when the dtype matches, else a copy (`ToCopyBackward0`).
    public func to(_ target: DType) throws -> Tensor {
        if target == dtype { return self }
        let out = materialized(as: target, copyAlways: true)
        if !target.isFloatingPoint { return out }
        return Autograd.record(.toCopy, inputs: [self], output: out)
    }

    /// Sums `self` down to `target` (the reverse of broadcasting).
    func sumTo(_ target: [Int]) throws -> Tensor {
        if shape == target { return self }
        let lead = dim - target.count
        var dims = Array(0..<Swift.max(lead, 0))
        for (i, size) in target.enumerated() where size == 1 && shape[i + lead] != 1 { dims.append(i + lead) }
        var out = dims.isEmpty ? self : try sum(dims: dims, keepDim: true)
        if lead > 0 || out.shape != target { out = try out.reshape(target) }
        return out
    }
}
