/// Reductions: `sum`, `mean`, `max`/`min` (all or along a dim), `argmax`, `softmax`, `logSoftmax`, ...
extension Tensor {
    /// The input rearranged so each output element reduces one contiguous run: (runs, run length, kept shape).
    private func reductionLayout(_ dims: [Int], keepDim: Bool, as target: DType) throws -> (Tensor, Int, [Int]) {
        let norm = Set(try dims.map { try normalizeDim($0) })
        let kept = (0..<dim).filter { !norm.contains($0) }
        let reduced = (0..<dim).filter { norm.contains($0) }
        let permuted = makeView(shape: (kept + reduced).map { shape[$0] }, strides: (kept + reduced).map { strides[$0] }, offset: offset)
        let runLength = reduced.reduce(1) { $0 * shape[$1] }
        let outShape = keepDim ? (0..<dim).map { norm.contains($0) ? 1 : shape[$0] } : kept.map { shape[$0] }
        try Tensor.checkAllocation(permuted.shape, dtype: target)  // an expanded view can be larger than memory
        return (permuted.materialized(as: target), runLength, outShape)
    }

    private func normalizedDims(_ dims: [Int]?) -> [Int] { dims ?? Array(0..<dim) }

    /// Sum over `dims` (all when nil). Float sums accumulate in double; bool and int64 sum to int64.
    private func sumKernel(_ dims: [Int], keepDim: Bool) throws -> Tensor {
        let target: DType = dtype.isFloatingPoint ? dtype : .int64
        let norm = try dims.map { try normalizeDim($0) }
        let cascadeShape = keepDim ? (0..<dim).map { norm.contains($0) ? 1 : shape[$0] } : (0..<dim).filter { !norm.contains($0) }.map { shape[$0] }
        if dtype == .float32, let out = CascadeSum.sum(Float.self, self, dims: norm, outShape: cascadeShape) { return out }
        if dtype == .float64, let out = CascadeSum.sum(Double.self, self, dims: norm, outShape: cascadeShape) { return out }
        let (src, run, outShape) = try reductionLayout(dims, keepDim: keepDim, as: target)
        let out = Tensor(uninitialized: outShape, dtype: target)
        let runs = out.numel
        switch target {
        case .float32:
            let p = src.storage.pointer(Float.self), o = out.storage.pointer(Float.self)
            for r in 0..<runs {
                var acc = 0.0
                for i in 0..<run { acc += Double(p[r * run + i]) }
                o[r] = Float(acc)
            }
        case .float64:
            let p = src.storage.pointer(Double.self), o = out.storage.pointer(Double.self)
            for r in 0..<runs {
                var acc = 0.0
                for i in 0..<run { acc += p[r * run + i] }
                o[r] = acc
            }
        default:
            let p = src.storage.pointer(Int64.self), o = out.storage.pointer(Int64.self)
            for r in 0..<runs {
                var acc: Int64 = 0
                for i in 0..<run { acc = acc &+ p[r * run + i] }
                o[r] = acc
            }
        }
        return out
    }

    /// `t.sum()`: grad_fn `SumBackward0`.
    public func sum() throws -> Tensor {
        let out = try sumKernel(Array(0..<dim), keepDim: false)
        return Autograd.record(.sum(inputShape: shape), inputs: [self], output: out)
    }

    /// `t.sum(dim, keepdim)`: grad_fn `SumBackward1`.
    public func sum(dims: [Int], keepDim: Bool = false) throws -> Tensor {
        let norm = try dims.map { try normalizeDim($0) }
        if Set(norm).count != norm.count {
            throw TensorError.runtime("dim \(norm.first { d in norm.filter { $0 == d }.count > 1 } ?? 0) appears multiple times in the list of dims")
        }
        let out = try sumKernel(norm, keepDim: keepDim)
        return Autograd.record(.sumDims(inputShape: shape, dims: norm, keepDim: keepDim), inputs: [self], output: out)
    }

    public func sum(dim d: Int, keepDim: Bool = false) throws -> Tensor { try sum(dims: [d], keepDim: keepDim) }

    private func checkMeanDType() throws {
        if !dtype.isFloatingPoint {
            throw TensorError.notImplemented("mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(dtype.scalarTypeName)")
        }
    }

    /// `t.mean()`: grad_fn `MeanBackward0`.
    public func mean() throws -> Tensor {
        try checkMeanDType()
        let out = try GradMode.withNoGrad { try sumKernel(Array(0..<dim), keepDim: false).div(.int(Int64(numel))) }
        return Autograd.record(.mean(inputShape: shape), inputs: [self], output: out)
    }

    /// `t.mean(dim, keepdim)`: grad_fn `MeanBackward1`.
    public func mean(dims: [Int], keepDim: Bool = false) throws -> Tensor {
        try checkMeanDType()
        let norm = try dims.map { try normalizeDim($0) }
        let count = norm.reduce(1) { $0 &* (dim == 0 ? 1 : shape[$1]) }  // a 0-d tensor reduces over dim 0 or -1
        let out = try GradMode.withNoGrad { try sumKernel(norm, keepDim: keepDim).div(.int(Int64(count))) }
        return Autograd.record(.meanDims(inputShape: shape, dims: norm, keepDim: keepDim), inputs: [self], output: out)
    }

    public func mean(dim d: Int, keepDim: Bool = false) throws -> Tensor { try mean(dims: [d], keepDim: keepDim) }

    /// Index of the extreme element of each run (first occurrence; NaN wins).
    private func extremumKernel(_ d: Int, keepDim: Bool, isMax: Bool) throws -> (values: Tensor, indices: Tensor) {
        let work: DType = dtype == .bool ? .int64 : dtype
        let (src, run, outShape) = try reductionLayout([d], keepDim: keepDim, as: work == .float32 ? .float32 : (work == .int64 ? .int64 : .float64))
        let indices = Tensor(uninitialized: outShape, dtype: .int64)
        let ip = indices.storage.pointer(Int64.self)
        func scan<T: TensorElement & Comparable>(_: T.Type, isNaN: (T) -> Bool) {
            let p = src.storage.pointer(T.self)
            for r in 0..<indices.numel {
                var best = 0
                for i in 1..<Swift.max(run, 1) {
                    let v = p[r * run + i], b = p[r * run + best]
                    if isNaN(b) { break }
                    if isNaN(v) || (isMax ? v > b : v < b) { best = i }
                }
                ip[r] = Int64(best)
            }
        }
        switch src.dtype {
        case .float32: scan(Float.self) { $0.isNaN }
        case .float64: scan(Double.self) { $0.isNaN }
        default: scan(Int64.self) { _ in false }
        }
        let values = Tensor(uninitialized: outShape, dtype: dtype)
        let flat = src.makeView(shape: [indices.numel, run], strides: [run, 1], offset: 0)
        for r in 0..<indices.numel {
            values.copyElementRaw(r, from: flat, at: r * run + Int(ip[r]))
        }
        return (values, indices)
    }

    /// Copies one storage element between tensors of possibly different dtypes.
    func copyElementRaw(_ index: Int, from src: Tensor, at srcIndex: Int) {
        switch (dtype, src.dtype) {
        case (.float32, .float32): storage.pointer(Float.self)[index] = src.storage.pointer(Float.self)[srcIndex]
        case (.float64, .float64): storage.pointer(Double.self)[index] = src.storage.pointer(Double.self)[srcIndex]
        case (.int64, .int64): storage.pointer(Int64.self)[index] = src.storage.pointer(Int64.self)[srcIndex]
        case (.bool, .int64): storage.pointer(Bool.self)[index] = src.storage.pointer(Int64.self)[srcIndex] != 0
        default: setRaw(index, src.materialized().elementAsDouble(srcIndex))
        }
    }

    func elementAsDouble(_ storageIndex: Int) -> Double {
        switch dtype {
        case .float32: Double(storage.pointer(Float.self)[storageIndex])
        case .float64: storage.pointer(Double.self)[storageIndex]
        case .int64: Double(storage.pointer(Int64.self)[storageIndex])
        case .bool: storage.pointer(Bool.self)[storageIndex] ? 1 : 0
        }
    }

    private func allExtremum(isMax: Bool) throws -> Tensor {
        if numel == 0 {
            throw TensorError.runtime("\(isMax ? "max" : "min")(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")
        }
        let flat = try GradMode.withNoGrad { try reshape([numel]) }
        let values = try flat.extremumKernel(0, keepDim: false, isMax: isMax).values
        return Autograd.record(.extremum(name: isMax ? "MaxBackward1" : "MinBackward1"), inputs: [self], saving: [self, values], output: values)
    }

    /// `t.max()`: grad_fn `MaxBackward1` (ties share the gradient).
    public func max() throws -> Tensor { try allExtremum(isMax: true) }
    public func min() throws -> Tensor { try allExtremum(isMax: false) }

    private func dimExtremum(_ d: Int, keepDim: Bool, isMax: Bool) throws -> (values: Tensor, indices: Tensor) {
        let n = try normalizeDim(d)
        if dim > 0 && shape[n] == 0 {
            throw TensorError.index("\(isMax ? "max" : "min")(): Expected reduction dim \(n) to have non-zero size.")
        }
        let (values, indices) = try extremumKernel(n, keepDim: keepDim, isMax: isMax)
        let op = BackwardOp.extremumDim(name: isMax ? "MaxBackward0" : "MinBackward0", inputShape: shape, dim: dim == 0 ? 0 : n, keepDim: keepDim)
        return (Autograd.record(op, inputs: [self], saving: [indices], output: values), indices)
    }

    /// `t.max(dim, keepdim)`: (values, indices), grad_fn `MaxBackward0`.
    public func max(dim d: Int, keepDim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try dimExtremum(d, keepDim: keepDim, isMax: true)
    }

    public func min(dim d: Int, keepDim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try dimExtremum(d, keepDim: keepDim, isMax: false)
    }

    /// `t.argmax(dim)`; nil flattens first.
    public func argmax(dim d: Int? = nil, keepDim: Bool = false) throws -> Tensor {
        guard let d else { return try GradMode.withNoGrad { try reshape([numel]).extremumKernel(0, keepDim: false, isMax: true).indices } }
        return try extremumKernel(try normalizeDim(d), keepDim: keepDim, isMax: true).indices
    }

    public func argmin(dim d: Int? = nil, keepDim: Bool = false) throws -> Tensor {
        guard let d else { return try GradMode.withNoGrad { try reshape([numel]).extremumKernel(0, keepDim: false, isMax: false).indices } }
        return try extremumKernel(try normalizeDim(d), keepDim: keepDim, isMax: false).indices
    }

    /// `t.var(dim, correction)` as a composite of primitives.
    public func variance(dims: [Int]? = nil, correction: Int = 1, keepDim: Bool = false) throws -> Tensor {
        let ds = normalizedDims(dims)
        let n = try ds.reduce(1) { $0 &* (dim == 0 ? 1 : shape[try normalizeDim($1)]) }
        let centered = try sub(try mean(dims: ds, keepDim: true))
        return try centered.mul(centered).sum(dims: ds, keepDim: keepDim).div(.int(Int64(Swift.max(n - correction, 0))))
    }

    public func std(dims: [Int]? = nil, correction: Int = 1, keepDim: Bool = false) throws -> Tensor {
        try variance(dims: dims, correction: correction, keepDim: keepDim).sqrt()
    }

    /// `torch.logsumexp(t, dim)`.
    public func logSumExp(dims: [Int], keepDim: Bool = false) throws -> Tensor {
        let m = try GradMode.withNoGrad { try detach().amax(dims: dims, keepDim: true) }
        let safe = try Tensor.where(try m.abs().eq(.double(.infinity)), Tensor.zeros(like: m), m)
        let s = try sub(safe).exp().sum(dims: dims, keepDim: true).log().add(safe)
        return keepDim ? s : try s.squeezing(dims)
    }

    /// Max over several dims (no autograd needed by callers here).
    func amax(dims: [Int], keepDim: Bool) throws -> Tensor {
        var out = self
        for d in try dims.map({ try normalizeDim($0) }).sorted(by: >) {
            out = try out.max(dim: d, keepDim: true).values
        }
        return keepDim ? out : try out.squeezing(dims)
    }

    func squeezing(_ dims: [Int]) throws -> Tensor {
        var out = self
        for d in try dims.map({ try normalizeDim($0) }).sorted(by: >) { out = try out.squeeze(dim: d) }
        return out
    }

    /// `torch.softmax(t, dim)`: grad_fn `SoftmaxBackward0`.
    public func softmax(dim d: Int) throws -> Tensor {
        let n = try normalizeDim(d)
        let out = try softmaxKernel(n, log: false)
        return Autograd.record(.softmax(dim: n), inputs: [self], saving: [out], output: out)
    }

    /// `torch.log_softmax(t, dim)`: grad_fn `LogSoftmaxBackward0`.
    public func logSoftmax(dim d: Int) throws -> Tensor {
        let n = try normalizeDim(d)
        let out = try softmaxKernel(n, log: true)
        return Autograd.record(.logSoftmax(dim: n), inputs: [self], saving: [out], output: out)
    }

    private func softmaxKernel(_ d: Int, log: Bool) throws -> Tensor {
        let target = Tensor.floatResultType(dtype)
        if dim == 0 { return log ? Tensor.zeros([], dtype: target) : Tensor.ones([], dtype: target) }
        // Move `d` last, compute per contiguous run, move it back.
        let moved = try GradMode.withNoGrad { try transpose(d, -1).detach() }
        let src = moved.materialized(as: target, copyAlways: true)
        let run = shape[d]
        switch target {
        case .float64: Tensor.softmaxRuns(Double.self, src, run: run, log: log)
        default: Tensor.softmaxRuns(Float.self, src, run: run, log: log)
        }
        return try GradMode.withNoGrad { try src.transpose(d, -1).contiguous().detach() }
    }

    private static func softmaxRuns<T: FloatElement>(_: T.Type, _ t: Tensor, run: Int, log: Bool) {
        let p = t.storage.pointer(T.self)
        guard run > 0 else { return }
        for r in 0..<(t.numel / run) {
            let x = p + r * run
            var m = x[0]
            for i in 0..<run where x[i] > m || x[i].isNaN { m = x[i] }
            var sum: T = 0
            if log {
                for i in 0..<run { sum += T.expValue(x[i] - m) }
                let lse = T.logValue(sum)
                for i in 0..<run { x[i] = x[i] - m - lse }
            } else {
                for i in 0..<run { x[i] = T.expValue(x[i] - m); sum += x[i] }
                let inv = 1 / sum
                for i in 0..<run { x[i] *= inv }
            }
        }
    }
}
