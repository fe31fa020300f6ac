#if canImport(Glibc)
import Glibc
#endif

/// Factory functions (`torch.tensor`, `zeros`, `ones`, `full`, `arange`, ...).
extension Tensor {
    /// A tensor from row-major values. `values.count` must equal the product of `shape` (missing values read as 0).
    public convenience init(values: [Double], shape: [Int], dtype: DType = .float32) {
        self.init(uninitialized: shape, dtype: dtype)
        let n = Swift.min(values.count, numel)
        switch dtype {
        case .float32: fill(Float.self, n) { Float(values[$0]) }
        case .float64: fill(Double.self, n) { values[$0] }
        case .int64: fill(Int64.self, n) { Int64(fromDouble: values[$0]) }
        case .bool: fill(Bool.self, n) { values[$0] != 0 }
        }
    }

    /// An int64 tensor from exact integers.
    public convenience init(int64Values values: [Int64], shape: [Int]) {
        self.init(uninitialized: shape, dtype: .int64)
        fill(Int64.self, Swift.min(values.count, numel)) { values[$0] }
    }

    /// A bool tensor.
    public convenience init(boolValues values: [Bool], shape: [Int]) {
        self.init(uninitialized: shape, dtype: .bool)
        fill(Bool.self, Swift.min(values.count, numel)) { values[$0] }
    }

    private func fill<T: TensorElement>(_: T.Type, _ n: Int, _ value: (Int) -> T) {
        let p = storage.pointer(T.self)
        for i in 0..<n { p[i] = value(i) }
    }

    /// Rejects negative sizes as the factories do; the non-throwing factories clamp them to 0.
    /// `torch.zeros` says `zeros: Dimension size must be non-negative.`; pass `op: "zeros"` for that text.
    public static func validateShape(_ shape: [Int], op: String? = nil, dtype: DType = .float32) throws {
        if let bad = shape.first(where: { $0 < 0 }) {
            if let op { throw TensorError.runtime("\(op): Dimension size must be non-negative.") }
            throw TensorError.runtime("Trying to create tensor with negative dimension \(bad): \(shapeList(shape))")
        }
        try checkAllocation(shape, dtype: dtype)
    }

    /// Refuses allocations larger than physical memory with PyTorch's allocator message, instead of trapping.
    static func checkAllocation(_ shape: [Int], dtype: DType) throws {
        var bytes = dtype.itemSize
        var overflow = false
        for s in shape where !overflow {
            (bytes, overflow) = bytes.multipliedReportingOverflow(by: Swift.max(s, 0))
        }
        if overflow {
            throw TensorError.runtime("Storage size calculation overflowed with sizes=\(shapeList(shape))")
        }
        if bytes > physicalMemory {
            throw TensorError.runtime("[enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate \(bytes) bytes. Error code 12 (Cannot allocate memory)")
        }
    }

    private static let physicalMemory: Int = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        let physical = pages > 0 && size > 0 ? pages * size : Int.max
        // Under `ulimit -v`, half the address space: the rest holds the program and the inputs.
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return physical }
        return Swift.min(physical, Int(clamping: limit.rlim_cur / 2))
    }()

    public static func scalar(_ value: Double, dtype: DType = .float32) -> Tensor {
        Tensor(values: [value], shape: [], dtype: dtype)
    }

    /// A 0-d tensor holding a Python number; it ranks lowest in type promotion.
    public static func wrapping(_ value: Scalar) -> Tensor {
        let t: Tensor
        switch value {
        case .int(let v): t = Tensor(int64Values: [v], shape: [])
        case .double(let v): t = Tensor(values: [v], shape: [], dtype: .float64)
        case .bool(let v): t = Tensor(boolValues: [v], shape: [])
        }
        t.isWrappedNumber = true
        return t
    }

    public static func zeros(_ shape: [Int], dtype: DType = .float32) -> Tensor {
        Tensor(uninitialized: shape, dtype: dtype)
    }

    public static func ones(_ shape: [Int], dtype: DType = .float32) -> Tensor {
        full(shape, value: 1, dtype: dtype)
    }

    public static func full(_ shape: [Int], value: Double, dtype: DType = .float32) -> Tensor {
        let t = Tensor(uninitialized: shape, dtype: dtype)
        if value != 0 { t.fillRaw(value) }
        return t
    }

    /// `torch.empty`: zero-filled here (PyTorch leaves garbage, which nobody may rely on).
    public static func empty(_ shape: [Int], dtype: DType = .float32) -> Tensor {
        Tensor(uninitialized: shape, dtype: dtype)
    }

    public static func zeros(like other: Tensor) -> Tensor { zeros(other.shape, dtype: other.dtype) }
    public static func ones(like other: Tensor) -> Tensor { ones(other.shape, dtype: other.dtype) }
    public static func full(like other: Tensor, value: Double) -> Tensor { full(other.shape, value: value, dtype: other.dtype) }

    /// `torch.eye(n, m)`.
    public static func eye(_ n: Int, _ m: Int? = nil, dtype: DType = .float32) -> Tensor {
        let cols = m ?? n
        let t = zeros([n, cols], dtype: dtype)
        for i in 0..<Swift.max(Swift.min(n, cols), 0) { t.setRaw(i * cols + i, 1) }  // callers reject n, m < 0
        return t
    }

    /// `torch.arange(start, end, step)`; the dtype is int64 unless any argument is a float (then float32) or given.
    public static func arange(_ start: Scalar = 0, _ end: Scalar, step: Scalar = 1, dtype: DType? = nil) throws -> Tensor {
        let isFloat = [start, end, step].contains { if case .double = $0 { return true } else { return false } }
        let dt = dtype ?? (isFloat ? .float32 : .int64)
        let s = start.doubleValue, e = end.doubleValue, st = step.doubleValue
        if !st.isFinite { throw TensorError.runtime("step must be finite but got \(st.isNaN ? "nan" : st < 0 ? "-inf" : "inf")") }
        if st == 0 { throw TensorError.runtime("step must be nonzero") }
        if !s.isFinite || !e.isFinite { throw TensorError.runtime("unsupported range: \(formatNumber(s)) -> \(formatNumber(e))") }
        if (st > 0 && s > e) || (st < 0 && s < e) {
            throw TensorError.runtime("upper bound and larger bound inconsistent with step sign")
        }
        let count = ((e - s) / st).rounded(.up)
        if count > 9e15 { throw TensorError.runtime("arange: the number of elements \(formatNumber(count)) is too large") }
        let n = Int(count)
        try checkAllocation([n], dtype: dt)
        let t = zeros([Swift.max(n, 0)], dtype: dt)
        for i in 0..<Swift.max(n, 0) { t.setRaw(i, s + Double(i) * st) }
        return t
    }

    /// `torch.linspace(start, end, steps)`, computed like ATen (symmetric from both ends).
    public static func linspace(_ start: Double, _ end: Double, steps: Int, dtype: DType = .float32) throws -> Tensor {
        if steps < 0 { throw TensorError.runtime("number of steps must be non-negative") }
        try checkAllocation([steps], dtype: dtype)
        let t = zeros([steps], dtype: dtype)
        if steps == 1 { t.setRaw(0, start) }
        guard steps > 1 else { return t }
        // ATen's linspace kernel, element by element in the tensor's own precision (double for integer
        // dtypes), each value one fused multiply-add from whichever end is nearer.
        let half = steps / 2
        if dtype == .float32 {
            let (from, to) = (Float(start), Float(end))
            let step = (to - from) / Float(steps - 1)
            let out = t.storage.pointer(Float.self)
            for i in 0..<steps {
                out[i] = i < half ? from.addingProduct(step, Float(i)) : to.addingProduct(-step, Float(steps - i - 1))
            }
        } else {
            let step = (end - start) / Double(steps - 1)
            for i in 0..<steps {
                t.setRaw(i, i < half ? start.addingProduct(step, Double(i)) : end.addingProduct(-step, Double(steps - i - 1)))
            }
        }
        return t
    }

    /// Sets storage element `index` (absolute) from a double.
    func setRaw(_ index: Int, _ value: Double) {
        switch dtype {
        case .float32: storage.pointer(Float.self)[index] = Float(value)
        case .float64: storage.pointer(Double.self)[index] = value
        case .int64: storage.pointer(Int64.self)[index] = Int64(fromDouble: value)
        case .bool: storage.pointer(Bool.self)[index] = value != 0
        }
    }

    /// Fills this view with `value` (no checks, no version bump).
    func fillRaw(_ value: Double) {
        switch dtype {
        case .float32: fillView(Float(value))
        case .float64: fillView(value)
        case .int64: fillView(Int64(fromDouble: value))
        case .bool: fillView(value != 0)
        }
    }

    private func fillView<T: TensorElement>(_ value: T) {
        let p = storage.pointer(T.self)
        if isContiguous {
            (p + offset).update(repeating: value, count: numel)
        } else {
            stridedLoop(shape, strides, offset) { _, a in p[a] = value }
        }
    }
}
