/// Broadcasting and PyTorch's type promotion (`torch.result_type`).
extension Tensor {
    /// NumPy broadcasting of two shapes, with PyTorch's error text.
    public static func broadcastShapes(_ a: [Int], _ b: [Int]) throws -> [Int] {
        if a == b {  // the common case, without allocating
            try checkAllocation(a, dtype: .float32)  // an expanded view can be larger than memory
            return a
        }
        let n = Swift.max(a.count, b.count)
        var out = [Int](repeating: 1, count: n)
        // From the last dimension backwards, as ATen's infer_size reports the first mismatch it meets.
        for i in stride(from: n - 1, through: 0, by: -1) {
            let da = i < n - a.count ? 1 : a[i - (n - a.count)]
            let db = i < n - b.count ? 1 : b[i - (n - b.count)]
            if da != db && da != 1 && db != 1 {
                throw TensorError.runtime("The size of tensor a (\(da)) must match the size of tensor b (\(db)) at non-singleton dimension \(i)")
            }
            out[i] = da == 1 ? db : da
        }
        try checkAllocation(out, dtype: .float32)  // also when an input is an expanded view larger than memory
        return out
    }

    /// Strides that read this tensor as if expanded to `target` (0 along broadcast dimensions).
    func broadcastStrides(to target: [Int]) -> [Int] {
        let lead = target.count - shape.count
        var out = [Int](repeating: 0, count: target.count)
        for d in 0..<shape.count where shape[d] != 1 || target[d + lead] == 1 {
            out[d + lead] = shape[d] == 1 ? 0 : strides[d]
        }
        return out
    }

    /// `torch.result_type`: dimensioned tensors outrank 0-d tensors, which outrank Python numbers,
    /// unless a lower-ranked operand is of a higher category (bool < int < float).
    static func resultType(_ operands: [Tensor]) -> DType {
        var dimResult: DType?, zeroResult: DType?, wrappedResult: DType?
        func merge(_ acc: DType?, _ t: DType) -> DType { acc.map { DType.promote($0, t) } ?? t }
        for t in operands {
            if t.isWrappedNumber {
                wrappedResult = merge(wrappedResult, t.dtype == .float64 ? .float32 : t.dtype)
            } else if t.dim == 0 {
                zeroResult = merge(zeroResult, t.dtype)
            } else {
                dimResult = merge(dimResult, t.dtype)
            }
        }
        return combine(dimResult, combine(zeroResult, wrappedResult)) ?? .float32
    }

    private static func combine(_ higher: DType?, _ lower: DType?) -> DType? {
        guard let h = higher else { return lower }
        guard let l = lower else { return h }
        if h.isFloatingPoint { return h }
        if h == .bool || l.isFloatingPoint { return DType.promote(h, l) }
        return h
    }

    /// Whether a value of `from` may be written into a tensor of `to` (`torch.can_cast`).
    static func canCast(from: DType, to: DType) -> Bool {
        if from.isFloatingPoint && to.isIntegral { return false }
        if from != .bool && to == .bool { return false }
        return true
    }

    /// The default float dtype for results of integer inputs (true division, mean, exp, ...).
    static func floatResultType(_ dt: DType) -> DType { dt.isFloatingPoint ? dt : .float32 }
}
