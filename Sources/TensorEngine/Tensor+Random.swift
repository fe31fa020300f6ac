/// Random fills, delegating the draws to `Generator` and writing values in storage order (reference §1).
extension Tensor {
    public static func rand(_ shape: [Int], dtype: DType = .float32, generator: Generator = .default) -> Tensor {
        let t = empty(shape, dtype: dtype)
        _ = try? GradMode.withNoGrad { try t.uniform_(generator: generator) }
        return t
    }

    public static func randn(_ shape: [Int], dtype: DType = .float32, generator: Generator = .default) -> Tensor {
        let t = empty(shape, dtype: dtype)
        _ = try? GradMode.withNoGrad { try t.normal_(generator: generator) }
        return t
    }

    /// `torch.randint(low, high, shape)`.
    public static func randint(low: Int64 = 0, high: Int64, _ shape: [Int], generator: Generator = .default) throws -> Tensor {
        if low >= high {
            throw TensorError.runtime("random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)")
        }
        try validateShape(shape, dtype: .int64)
        let t = empty(shape, dtype: .int64)
        let p = t.storage.pointer(Int64.self)
        generator.fillRandInt(UnsafeMutableBufferPointer(start: p, count: t.numel), low: low, high: high)
        return t
    }

    /// `torch.randperm(n)`, with torch's errors for a negative or unallocatable `n`.
    public static func randperm(count n: Int, generator: Generator = .default) throws -> Tensor {
        try validateShape([n], dtype: .int64)
        return randperm(n, generator: generator)
    }

    /// `torch.randperm(n)` for an `n` already checked (a negative one gives an empty tensor).
    public static func randperm(_ n: Int, generator: Generator = .default) -> Tensor {
        let values = generator.randperm(Swift.max(n, 0))
        return Tensor(int64Values: values, shape: [values.count])
    }

    /// Fills the view in storage order: dense views directly, others through a temporary (reference §1, rule 6).
    private func fillInStorageOrder(_ fill: (Tensor) -> Void) {
        let dense = isContiguous || storageOffsetsAreDense()
        if dense {
            let start = numel == 0 ? offset : (strides.enumerated().reduce(offset) { acc, e in
                e.element < 0 ? acc + e.element * (shape[e.offset] - 1) : acc })
            fill(Tensor(storage: storage, shape: [numel], strides: [1], offset: start))
            return
        }
        let offsets = storageOffsetsAscending()
        let temp = Tensor(uninitialized: [numel], dtype: dtype)
        fill(temp)
        for (i, o) in offsets.enumerated() { copyElementRaw(o, from: temp, at: i) }
    }

    /// True when the view covers a gap-free range of storage (e.g. a transpose of a contiguous tensor).
    private func storageOffsetsAreDense() -> Bool {
        let offsets = storageOffsetsAscending()
        guard let first = offsets.first else { return true }
        return offsets.enumerated().allSatisfy { $0.element == first + $0.offset }
    }

    private func checkFloatForRandom(_ kernel: String) throws {
        if !dtype.isFloatingPoint {
            throw TensorError.notImplemented("\"\(kernel)\" not implemented for '\(dtype.scalarTypeName)'")
        }
    }

    private func checkRandomInPlace() throws {
        if GradMode.isEnabled && isLeaf && requiresGrad {
            throw TensorError.runtime("a leaf Variable that requires grad is being used in an in-place operation.")
        }
    }

    @discardableResult
    public func uniform_(from: Double = 0, to: Double = 1, generator: Generator = .default) throws -> Tensor {
        try checkRandomInPlace()
        try checkFloatForRandom("check_uniform_bounds")
        if from > to {
            throw TensorError.runtime("uniform_ expects to return a [from, to) range, but found from=\(formatNumber(from)) > to=\(formatNumber(to))")
        }
        fillInStorageOrder { t in
            let n = t.numel
            if t.dtype == .float32 {
                generator.fillUniform(UnsafeMutableBufferPointer(start: t.storage.pointer(Float.self) + t.offset, count: n), from: from, to: to)
            } else {
                generator.fillUniform(UnsafeMutableBufferPointer(start: t.storage.pointer(Double.self) + t.offset, count: n), from: from, to: to)
            }
        }
        bumpVersion()
        return self
    }

    @discardableResult
    public func normal_(mean: Double = 0, std: Double = 1, generator: Generator = .default) throws -> Tensor {
        try checkRandomInPlace()
        try checkFloatForRandom("normal_kernel_cpu")
        if std < 0 { throw TensorError.runtime("normal expects std >= 0.0, but found std \(formatNumber(std))") }
        let block = numel >= 16 && isContiguous
        fillInStorageOrder { t in
            let n = t.numel
            if t.dtype == .float32 {
                generator.fillNormal(UnsafeMutableBufferPointer(start: t.storage.pointer(Float.self) + t.offset, count: n), mean: mean, std: std, blockPath: block)
            } else {
                generator.fillNormal(UnsafeMutableBufferPointer(start: t.storage.pointer(Double.self) + t.offset, count: n), mean: mean, std: std, blockPath: block)
            }
        }
        bumpVersion()
        return self
    }
}

/// A Python-style number in messages: `1` for integral values, `0.5` otherwise (C++ `<<` on a double).
func formatNumber(_ v: Double) -> String {
    if v.isFinite && v == v.rounded() && Swift.abs(v) < 1e15 { return String(Int64(v)) }
    return "\(v)"
}
