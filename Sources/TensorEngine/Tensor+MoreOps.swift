/// Less common ops: `prod`, `cumsum`, `index_put_` (`t[idx] = v`), `all`/`any`, `isnan`, `tril`/`triu`, `norm`.
extension Tensor {
    /// Rows of this tensor selected by `index` (int64 along dim 0, or a bool mask over the leading dims),
    /// as (row numbers, number of leading dims the rows span, the indexed result's shape).
    func indexedRows(_ index: Tensor) throws -> (rows: [Int64], leading: Int, indexedShape: [Int]) {
        if index.dtype == .bool {
            if index.dim > dim || Array(shape.prefix(index.dim)) != index.shape {
                let d = zip(shape, index.shape).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? 0
                throw TensorError.index("The shape of the mask \(shapeList(index.shape)) at index \(d) does not match the shape of the indexed tensor \(shapeList(shape)) at index \(d)")
            }
            let rows = index.toBoolArray().enumerated().filter(\.element).map { Int64($0.offset) }
            return (rows, index.dim, [rows.count] + Array(shape.dropFirst(index.dim)))
        }
        if index.dtype != .int64 { throw TensorError.index("tensors used as indices must be long, int, byte or bool tensors") }
        if dim == 0 { throw TensorError.index("too many indices for tensor of dimension 0") }
        let size = Int64(shape[0])
        var rows = index.toInt64Array()
        for (i, r) in rows.enumerated() {
            if r < -size || r >= size { throw TensorError.index("index \(r) is out of bounds for dimension 0 with size \(size)") }
            if r < 0 { rows[i] = r + size }
        }
        return (rows, 1, index.shape + Array(shape.dropFirst()))
    }

    /// Out-of-place `index_put`: a copy with rows replaced by (or, accumulating, added to) `values`.
    public func indexPut(_ index: Tensor, values: Tensor, accumulate: Bool = false) throws -> Tensor {
        let (rows, leading, indexedShape) = try indexedRows(index)
        let rest = Array(shape.dropFirst(leading))
        let v = try GradMode.withNoGrad { try values.detach().expand(to: indexedShape).reshape([rows.count] + rest).to(dtype) }
        let out = materialized(copyAlways: true)
        let flat = out.makeView(shape: [shape.prefix(leading).reduce(1, &*)] + rest,
                                strides: Tensor.contiguousStrides([shape.prefix(leading).reduce(1, &*)] + rest), offset: 0)
        try GradMode.withNoGrad {
            for (j, r) in rows.enumerated() {
                let dst = try flat.select(dim: 0, index: Int(r)), src = try v.select(dim: 0, index: j)
                dst.copyElements(from: accumulate ? try dst.add(src) : src)
            }
        }
        out.viewBase = nil
        let rowTensor = Tensor(int64Values: rows, shape: [rows.count])
        return Autograd.record(.indexPut(leading: leading, indexedShape: indexedShape, accumulate: accumulate),
                               inputs: [self, values], saving: [rowTensor], output: out)
    }

    /// `t[index] = values` / `t.index_put_((index,), values, accumulate)`.
    @discardableResult
    public func indexPut_(_ index: Tensor, values: Tensor, accumulate: Bool = false) throws -> Tensor {
        try applyInPlace { try $0.indexPut(index, values: values, accumulate: accumulate) }
    }

    /// Backward of `index_put`: (grad for self, grad for values before reduction to their shape).
    static func indexPutBackward(_ g: Tensor, rows: Tensor, leading: Int, indexedShape: [Int], accumulate: Bool) throws -> [Tensor?] {
        let shape = g.shape
        let flatShape = [shape.prefix(leading).reduce(1, &*)] + Array(shape.dropFirst(leading))
        let flatG = try g.reshape(flatShape)
        let gValues = try flatG.indexSelect(dim: 0, index: rows).reshape(indexedShape)
        if accumulate { return [g, gValues] }
        let gSelf = flatG.materialized(copyAlways: true)
        for r in rows.toInt64Array() { try gSelf.select(dim: 0, index: Int(r)).fillRaw(0) }
        return [try gSelf.reshape(shape), gValues]
    }

    /// `t.prod()`: grad_fn `ProdBackward0`.
    public func prod() throws -> Tensor {
        let flat = try GradMode.withNoGrad { try detach().reshape([numel, 1]) }
        let out = try GradMode.withNoGrad { try flat.prodKernel(0).reshape([]) }
        return Autograd.record(.prod(dim: nil, keepDim: false), inputs: [self], saving: [self], output: out)
    }

    /// `t.prod(dim, keepdim)`: grad_fn `ProdBackward1`.
    public func prod(dim d: Int, keepDim: Bool = false) throws -> Tensor {
        let n = try normalizeDim(d)
        var out = try prodKernel(n)
        if !keepDim && dim > 0 { out = try GradMode.withNoGrad { try out.squeeze(dim: n).detach() } }
        return Autograd.record(.prod(dim: n, keepDim: keepDim), inputs: [self], saving: [self], output: out)
    }

    /// Product along `d` keeping the dim; int and bool inputs give int64.
    private func prodKernel(_ d: Int) throws -> Tensor {
        let target: DType = dtype.isFloatingPoint ? dtype : .int64
        let moved = try GradMode.withNoGrad { try detach().transpose(d, -1).materialized(as: target, copyAlways: true) }
        let run = dim == 0 ? 1 : shape[d]
        let runs = run == 0 ? moved.numel : moved.numel / run
        let out = Tensor(uninitialized: Array(moved.shape.dropLast()) + [1], dtype: target)
        func scan<T: TensorElement & Numeric>(_: T.Type) {
            let p = moved.storage.pointer(T.self), o = out.storage.pointer(T.self)
            for r in 0..<runs {
                var acc = T.oneValue
                for i in 0..<run { acc = acc * p[r * run + i] }
                o[r] = acc
            }
        }
        switch target {
        case .float32: scan(Float.self)
        case .float64: scan(Double.self)
        default: scan(Int64.self)
        }
        return try GradMode.withNoGrad { try out.transpose(d, -1).detach() }
    }

    /// Gradient of a product: each element gets the product of all the others (exact with zeros).
    static func prodBackward(_ g: Tensor, input: Tensor, dim d: Int?, keepDim: Bool) throws -> Tensor {
        let x: Tensor
        if let d { x = try input.transpose(d, -1) } else { x = try input.reshape([input.numel]) }
        let work = x.materialized(as: .float64, copyAlways: true)
        let run = work.shape.last ?? 1
        let p = work.storage.pointer(Double.self)
        let runs = run == 0 ? 0 : work.numel / run
        var others = [Double](repeating: 0, count: work.numel)
        for r in 0..<runs {
            var prefix = 1.0
            for i in 0..<run { others[r * run + i] = prefix; prefix *= p[r * run + i] }
            var suffix = 1.0
            for i in stride(from: run - 1, through: 0, by: -1) { others[r * run + i] *= suffix; suffix *= p[r * run + i] }
        }
        var local = Tensor(values: others, shape: work.shape, dtype: input.dtype)
        if let d { local = try local.transpose(d, -1) } else { local = try local.reshape(input.shape) }
        var gk = g
        if let d, !keepDim { gk = try g.unsqueeze(d) }
        return try local.mul(gk)
    }

    /// `t.cumsum(dim)`: grad_fn `CumsumBackward0`. Float sums accumulate in double, as ATen's CPU kernel does.
    public func cumsum(dim d: Int) throws -> Tensor {
        let n = try normalizeDim(d)
        let out = try cumsumKernel(n, reverse: false)
        return Autograd.record(.cumsum(dim: n), inputs: [self], output: out)
    }

    func cumsumKernel(_ d: Int, reverse: Bool) throws -> Tensor {
        let target: DType = dtype.isFloatingPoint ? dtype : .int64
        let moved = try GradMode.withNoGrad { try detach().transpose(d, -1).materialized(as: target, copyAlways: true) }
        let run = dim == 0 ? 1 : shape[d]
        let runs = run == 0 ? 0 : moved.numel / run
        func scan<T: TensorElement>(_: T.Type, _ add: (T, T) -> T, _ zero: T) {
            let p = moved.storage.pointer(T.self)
            for r in 0..<runs {
                var acc = zero
                for k in 0..<run {
                    let i = reverse ? run - 1 - k : k
                    acc = add(acc, p[r * run + i])
                    p[r * run + i] = acc
                }
            }
        }
        switch target {
        case .float32:
            let p = moved.storage.pointer(Float.self)
            for r in 0..<runs {
                var acc = 0.0
                for k in 0..<run {
                    let i = reverse ? run - 1 - k : k
                    acc += Double(p[r * run + i])
                    p[r * run + i] = Float(acc)
                }
            }
        case .float64: scan(Double.self, +, 0)
        default: scan(Int64.self, &+, 0)
        }
        return try GradMode.withNoGrad { try moved.transpose(d, -1).contiguous().detach() }
    }

    /// `t.nonzero()`: int64 coordinates of the non-zero elements, one row each.
    public func nonzero() -> Tensor {
        let flags = toBoolArray()
        let st = Tensor.contiguousStrides(shape)
        var coords: [Int64] = []
        for (i, f) in flags.enumerated() where f {
            for d in 0..<dim { coords.append(Int64((i / Swift.max(st[d], 1)) % Swift.max(shape[d], 1))) }
        }
        let count = flags.lazy.filter { $0 }.count
        return Tensor(int64Values: coords, shape: [count, dim])
    }

    /// `t.all()` / `t.any()`: bool 0-d results.
    public func all() -> Tensor { Tensor(boolValues: [toBoolArray().allSatisfy { $0 }], shape: []) }
    public func any() -> Tensor { Tensor(boolValues: [toBoolArray().contains(true)], shape: []) }

    public func all(dim d: Int, keepDim: Bool = false) throws -> Tensor {
        try materialized(as: .bool).logicalNot().to(.int64).sum(dim: d, keepDim: keepDim).eq(0)
    }

    public func any(dim d: Int, keepDim: Bool = false) throws -> Tensor {
        try materialized(as: .bool).to(.int64).sum(dim: d, keepDim: keepDim).gt(0)
    }

    public func isNaN() -> Tensor { dtype.isFloatingPoint ? ((try? ne(self)) ?? Tensor.zeros(shape, dtype: .bool)) : Tensor.zeros(shape, dtype: .bool) }
    public func isInf() -> Tensor {
        guard dtype.isFloatingPoint else { return Tensor.zeros(shape, dtype: .bool) }
        return (try? GradMode.withNoGrad { try detach().abs().eq(.double(.infinity)) }) ?? Tensor.zeros(shape, dtype: .bool)
    }
    public func isFinite() -> Tensor {
        (try? isNaN().logicalOr(isInf()).logicalNot()) ?? Tensor.zeros(shape, dtype: .bool)
    }

    /// `torch.tril(t, diagonal)` / `torch.triu`: zero above (below) the diagonal, via `masked_fill`.
    public func tril(diagonal: Int = 0) throws -> Tensor { try triangle(diagonal: diagonal, lower: true) }
    public func triu(diagonal: Int = 0) throws -> Tensor { try triangle(diagonal: diagonal, lower: false) }

    private func triangle(diagonal: Int, lower: Bool) throws -> Tensor {
        if dim < 2 { throw TensorError.runtime("\(lower ? "tril" : "triu"): input tensor must have at least 2 dimensions") }
        let (r, c) = (shape[dim - 2], shape[dim - 1])
        var mask = [Bool](repeating: false, count: r * c)
        for i in 0..<r { for j in 0..<c { mask[i * c + j] = lower ? j - i > diagonal : j - i < diagonal } }
        return try maskedFill(Tensor(boolValues: mask, shape: [r, c]), value: 0)
    }

    /// `torch.norm(t)` / `t.norm(p)` over all elements, built from primitives.
    public func norm(p: Double = 2) throws -> Tensor {
        if p == 1 { return try abs().sum() }
        if p == .infinity { return try abs().max() }
        if p == 2 { return try mul(self).sum().sqrt() }
        return try abs().pow(.double(p)).sum().pow(.double(1 / p))
    }
}
