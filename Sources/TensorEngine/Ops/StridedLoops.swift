/// Odometer loops over strided views. The innermost dimension runs as a tight loop; bodies are inlined.

/// Calls `body(i, a)` for each logical element `i` (row-major) with its storage offset `a`.
@inline(__always)
func stridedLoop(_ shape: [Int], _ sA: [Int], _ oA: Int, _ body: (Int, Int) -> Void) {
    let n = shape.count
    let total = shape.reduce(1, &*)
    if total == 0 { return }
    if n == 0 { body(0, oA); return }
    var idx = [Int](repeating: 0, count: n)
    let inner = shape[n - 1], ia = sA[n - 1]
    var a = oA, linear = 0
    while true {
        var p = a
        for _ in 0..<inner { body(linear, p); linear += 1; p += ia }
        var d = n - 2
        while d >= 0 {
            idx[d] += 1; a += sA[d]
            if idx[d] < shape[d] { break }
            a -= sA[d] * shape[d]; idx[d] = 0; d -= 1
        }
        if d < 0 { return }
    }
}

/// Two-operand version: `body(i, a, b)`.
@inline(__always)
func stridedLoop2(_ shape: [Int], _ sA: [Int], _ oA: Int, _ sB: [Int], _ oB: Int, _ body: (Int, Int, Int) -> Void) {
    let n = shape.count
    let total = shape.reduce(1, &*)
    if total == 0 { return }
    if n == 0 { body(0, oA, oB); return }
    var idx = [Int](repeating: 0, count: n)
    let inner = shape[n - 1], ia = sA[n - 1], ib = sB[n - 1]
    var a = oA, b = oB, linear = 0
    while true {
        var p = a, q = b
        for _ in 0..<inner { body(linear, p, q); linear += 1; p += ia; q += ib }
        var d = n - 2
        while d >= 0 {
            idx[d] += 1; a += sA[d]; b += sB[d]
            if idx[d] < shape[d] { break }
            a -= sA[d] * shape[d]; b -= sB[d] * shape[d]; idx[d] = 0; d -= 1
        }
        if d < 0 { return }
    }
}

/// Three-operand version: `body(i, a, b, c)`.
@inline(__always)
func stridedLoop3(_ shape: [Int], _ sA: [Int], _ oA: Int, _ sB: [Int], _ oB: Int, _ sC: [Int], _ oC: Int,
                  _ body: (Int, Int, Int, Int) -> Void) {
    let n = shape.count
    let total = shape.reduce(1, &*)
    if total == 0 { return }
    if n == 0 { body(0, oA, oB, oC); return }
    var idx = [Int](repeating: 0, count: n)
    var a = oA, b = oB, c = oC, linear = 0
    while true {
        body(linear, a, b, c); linear += 1
        var d = n - 1
        while d >= 0 {
            idx[d] += 1; a += sA[d]; b += sB[d]; c += sC[d]
            if idx[d] < shape[d] { break }
            a -= sA[d] * shape[d]; b -= sB[d] * shape[d]; c -= sC[d] * shape[d]; idx[d] = 0; d -= 1
        }
        if d < 0 { return }
    }
}

extension Tensor {
    /// Calls `body` with a pointer to element 0 of the storage (offsets are absolute).
    @inline(__always)
    func withBase<T: TensorElement, R>(_: T.Type, _ body: (UnsafeMutablePointer<T>) throws -> R) rethrows -> R {
        try body(storage.pointer(T.self))
    }

    /// The logical elements, row-major, converted to `T`.
    func elements<T: TensorElement>(as _: T.Type) -> [T] {
        var out = [T](repeating: T.zeroValue, count: numel)
        out.withUnsafeMutableBufferPointer { dst in
            switch dtype {
            case .float32: gather(Float.self, into: dst) { T(fromDouble: Double($0)) }
            case .float64: gather(Double.self, into: dst) { T(fromDouble: $0) }
            case .int64: gather(Int64.self, into: dst) { T(fromInt64: $0) }
            case .bool: gather(Bool.self, into: dst) { T(fromInt64: $0 ? 1 : 0) }
            }
        }
        return out
    }

    @inline(__always)
    private func gather<S: TensorElement, T>(_: S.Type, into dst: UnsafeMutableBufferPointer<T>, _ convert: (S) -> T) {
        let src = storage.pointer(S.self)
        stridedLoop(shape, strides, offset) { i, a in dst[i] = convert(src[a]) }
    }

    /// A contiguous copy converted to `dtype` (no autograd). Returns `self` when nothing needs to change and `copyAlways` is false.
    func materialized(as target: DType? = nil, copyAlways: Bool = false) -> Tensor {
        let target = target ?? dtype
        if !copyAlways && target == dtype && isContiguous && offset == 0 && storage.count == numel { return self }
        let out = Tensor(uninitialized: shape, dtype: target)
        out.copyElements(from: self)
        return out
    }

    /// Writes `source`'s elements (same shape) into this view, converting dtype. No checks, no autograd.
    func copyElements(from source: Tensor) {
        switch dtype {
        case .float32: copyElements(Float.self, from: source)
        case .float64: copyElements(Double.self, from: source)
        case .int64: copyElements(Int64.self, from: source)
        case .bool: copyElements(Bool.self, from: source)
        }
    }

    private func copyElements<T: TensorElement>(_: T.Type, from source: Tensor) {
        let dst = storage.pointer(T.self)
        let sh = shape, ds = strides, doff = offset, ss = source.strides, soff = source.offset
        switch source.dtype {
        case .float32:
            let src = source.storage.pointer(Float.self)
            if T.self == Float.self {
                let d = storage.pointer(Float.self)
                stridedLoop2(sh, ds, doff, ss, soff) { _, a, b in d[a] = src[b] }
            } else {
                stridedLoop2(sh, ds, doff, ss, soff) { _, a, b in dst[a] = T(fromDouble: Double(src[b])) }
            }
        case .float64:
            let src = source.storage.pointer(Double.self)
            if T.self == Float.self {
                let d = storage.pointer(Float.self)
                stridedLoop2(sh, ds, doff, ss, soff) { _, a, b in d[a] = Float(src[b]) }
            } else {
                stridedLoop2(sh, ds, doff, ss, soff) { _, a, b in dst[a] = T(fromDouble: src[b]) }
            }
        case .int64:
            let src = source.storage.pointer(Int64.self)
            stridedLoop2(sh, ds, doff, ss, soff) { _, a, b in dst[a] = T(fromInt64: src[b]) }
        case .bool:
            let src = source.storage.pointer(Bool.self)
            stridedLoop2(sh, ds, doff, ss, soff) { _, a, b in dst[a] = T(fromInt64: src[b] ? 1 : 0) }
        }
    }

    /// Storage offsets of every element, in ascending memory order (RNG fills in storage order).
    func storageOffsetsAscending() -> [Int] {
        var offsets = [Int](repeating: 0, count: numel)
        stridedLoop(shape, strides, offset) { i, a in offsets[i] = a }
        offsets.sort()
        return offsets
    }
}
