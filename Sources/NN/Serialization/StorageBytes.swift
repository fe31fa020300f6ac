import TensorEngine

/// Tensors grouped by the storage they view, as `torch.save` writes them: one `data/N` record per storage,
/// each tensor an (offset, shape, strides) view into it.
struct StorageTable {
    struct Entry {
        let dtype: DType
        var tensors: [Tensor]
        /// Elements written: enough to cover every view of this storage that was saved.
        var count: Int
    }

    private(set) var entries: [Entry] = []

    /// The storage index `t` is saved into (records a new storage the first time one is seen).
    mutating func index(of t: Tensor) -> Int {
        let extent = Self.extent(offset: t.storageOffset, shape: t.shape, strides: t.strides) ?? 0
        if let i = entries.firstIndex(where: { $0.dtype == t.dtype && $0.tensors[0].sharesStorage(with: t) }) {
            if !entries[i].tensors.contains(where: { $0 === t }) { entries[i].tensors.append(t) }
            entries[i].count = max(entries[i].count, extent)
            return i
        }
        entries.append(Entry(dtype: t.dtype, tensors: [t], count: extent))
        return entries.count - 1
    }

    func registeredIndex(of t: Tensor) -> Int {
        entries.firstIndex { $0.dtype == t.dtype && $0.tensors[0].sharesStorage(with: t) }!
    }

    /// Elements a view needs: 1 + its highest storage index (0 for an empty view); nil on overflow.
    static func extent(offset: Int, shape: [Int], strides: [Int]) -> Int? {
        if shape.contains(0) { return 0 }
        var last = offset
        for (n, s) in zip(shape, strides) {
            let (step, o1) = (n - 1).multipliedReportingOverflow(by: s)
            let (sum, o2) = last.addingReportingOverflow(step)
            if o1 || o2 { return nil }
            last = sum
        }
        let (end, o) = last.addingReportingOverflow(1)
        return o ? nil : end
    }

    /// The little-endian bytes of storage `i`; elements no saved view covers are zero.
    func bytes(_ i: Int) -> [UInt8] {
        let e = entries[i]
        var out = [UInt8](repeating: 0, count: e.count * e.dtype.byteWidth)
        for t in e.tensors.map(Self.withoutRepeats) where t.numel > 0 {
            let positions = Self.storagePositions(t)
            switch e.dtype {
            case .float32:
                for (p, v) in zip(positions, t.toDoubleArray()) { put(Float(v).bitPattern, &out, p * 4) }
            case .float64:
                for (p, v) in zip(positions, t.toDoubleArray()) { put(v.bitPattern, &out, p * 8) }
            case .int64:
                for (p, v) in zip(positions, t.toInt64Array()) { put(UInt64(bitPattern: v), &out, p * 8) }
            case .bool:
                for (p, v) in zip(positions, t.toBoolArray()) { out[p] = v ? 1 : 0 }
            }
        }
        return out
    }

    /// `t` with its stride-0 (expanded) dimensions cut to one element: the same storage positions, without
    /// walking the 2^62 repeats of `ones(1).expand(2**62)`.
    static func withoutRepeats(_ t: Tensor) -> Tensor {
        var v = t.detach()
        for d in 0..<v.dim where v.strides[d] == 0 && v.shape[d] > 1 {
            v = (try? v.narrow(dim: d, start: 0, length: 1)) ?? v
        }
        return v
    }

    /// `t`'s elements in row-major order as little-endian bytes.
    static func contiguousBytes(_ t: Tensor) throws -> [UInt8] {
        var table = StorageTable()
        let copy = try t.detach().clone()
        _ = table.index(of: copy)
        return table.bytes(0)
    }

    /// Storage index of each element of `t`, in row-major order.
    static func storagePositions(_ t: Tensor) -> [Int] {
        var result = [Int]()
        result.reserveCapacity(t.numel)
        var index = [Int](repeating: 0, count: t.dim)
        for _ in 0..<t.numel {
            var p = t.storageOffset
            for d in 0..<t.dim { p += index[d] * t.strides[d] }
            result.append(p)
            var d = t.dim - 1
            while d >= 0 {
                index[d] += 1
                if index[d] < t.shape[d] { break }
                index[d] = 0
                d -= 1
            }
        }
        return result
    }
}

private func put<T: FixedWidthInteger>(_ value: T, _ out: inout [UInt8], _ at: Int) {
    withUnsafeBytes(of: value.littleEndian) { raw in
        for (k, b) in raw.enumerated() { out[at + k] = b }
    }
}

/// Decodes `count` little-endian elements of `dtype` into a 1-d tensor of `length` ≥ count (zero padded).
func decodeStorage(_ bytes: ArraySlice<UInt8>, dtype: DType, count: Int, length: Int) -> Tensor {
    let w = dtype.byteWidth
    let start = bytes.startIndex
    func word(_ i: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in stride(from: w - 1, through: 0, by: -1) { v = v << 8 | UInt64(bytes[start + i * w + k]) }
        return v
    }
    switch dtype {
    case .float32, .float64:
        var values = [Double](repeating: 0, count: length)
        for i in 0..<count {
            values[i] = dtype == .float32 ? Double(Float(bitPattern: UInt32(word(i)))) : Double(bitPattern: word(i))
        }
        return Tensor(values: values, shape: [length], dtype: dtype)
    case .int64:
        var values = [Int64](repeating: 0, count: length)
        for i in 0..<count { values[i] = Int64(bitPattern: word(i)) }
        return Tensor(int64Values: values, shape: [length])
    case .bool:
        var values = [Bool](repeating: false, count: length)
        for i in 0..<count { values[i] = bytes[start + i] != 0 }
        return Tensor(boolValues: values, shape: [length])
    }
}
