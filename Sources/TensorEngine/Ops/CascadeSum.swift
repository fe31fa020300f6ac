import CKernels

/// ATen's CPU float summation (`SumKernel.cpp`, `cascade_sum`), reproduced so that `sum`/`mean` round
/// like PyTorch: 4-way interleaved partial sums over a 4-level cascade, with 256-bit vectors (8 float or
/// 4 double lanes) when a reduced run is contiguous and long enough. The sum kernel runs with AVX2-width
/// vectors even on AVX512 machines (checked against torch 2.15 on an AVX512 CPU). Full reductions over more
/// than 32768 elements are split into `at::parallel_for` chunks as ATen does (`parallelInnerSum`).
enum CascadeSum {
    /// `CeilLog2` of SumKernel.cpp.
    @inline(__always) static func ceilLog2(_ x: Int) -> Int {
        if x <= 2 { return 1 }
        return (Int.bitWidth - (x - 1).leadingZeroBitCount - 1) + 1
    }

    /// `multi_row_sum`: `nrows` (at most 4) independent columns (element `load(i, k)`), cascaded over
    /// `size` rows, written to `out[0..<nrows]`.
    @inline(__always)
    static func multiRowSum<T: FloatElement>(_ nrows: Int, _ size: Int, into out: UnsafeMutablePointer<T>,
                                             _ load: (Int, Int) -> T) {
        let levels = 4
        let levelPower = Swift.max(4, ceilLog2(size) / levels)
        let levelStep = 1 << levelPower
        let levelMask = levelStep - 1
        withUnsafeTemporaryAllocation(of: T.self, capacity: levels * 4) { buffer in
            guard let acc = buffer.baseAddress else { return }
            acc.initialize(repeating: 0, count: levels * 4)
            var i = 0
            while i + levelStep <= size {
                for _ in 0..<levelStep {
                    for k in 0..<nrows { acc[k] += load(i, k) }
                    i += 1
                }
                for j in 1..<levels {
                    for k in 0..<nrows { acc[j * 4 + k] += acc[(j - 1) * 4 + k]; acc[(j - 1) * 4 + k] = 0 }
                    if i & (levelMask << (j * levelPower)) != 0 { break }
                }
            }
            while i < size {
                for k in 0..<nrows { acc[k] += load(i, k) }
                i += 1
            }
            for j in 1..<levels { for k in 0..<nrows { acc[k] += acc[j * 4 + k] } }
            for k in 0..<nrows { out[k] = acc[k] }
        }
    }

    /// A full reduction as ATen's `two_pass_reduction` runs it: one zero-initialised slot per thread, each
    /// `parallel_for` chunk cascaded into its slot, then the slots themselves cascade-summed.
    /// With one chunk this is `innerSum + 0`.
    static func parallelInnerSum<T: FloatElement>(_ p: UnsafePointer<T>, _ n: Int) -> T {
        let chunks = Parallel.chunkCount(n)
        if chunks <= 1 { return innerSum(p, n) + 0 }
        let threads = Parallel.threadCount
        return withUnsafeTemporaryAllocation(of: T.self, capacity: threads) { buffer -> T in
            guard let slots = buffer.baseAddress else { return innerSum(p, n) + 0 }
            slots.initialize(repeating: 0, count: threads)
            let size = (n + chunks - 1) / chunks
            Parallel.forRange(n) { begin, end in slots[begin / size] = 0 + innerSum(p + begin, end - begin) }
            return innerSum(slots, threads) + 0
        }
    }

    /// `row_sum`: element `load(i)` for i in 0..<size, through 4 interleaved partial sums.
    @inline(__always)
    static func rowSum<T: FloatElement>(_ size: Int, _ load: (Int) -> T) -> T {
        let ilp = 4
        let sizeIlp = size / ilp
        return withUnsafeTemporaryAllocation(of: T.self, capacity: ilp) { buffer -> T in
            guard let partial = buffer.baseAddress else { return 0 }
            multiRowSum(ilp, sizeIlp, into: partial) { i, k in load(i * ilp + k) }
            for i in (sizeIlp * ilp)..<Swift.max(size, sizeIlp * ilp) { partial[0] += load(i) }
            for k in 1..<ilp { partial[0] += partial[k] }
            return partial[0]
        }
    }

    /// One column's plain cascade (a vector lane of `vectorized_outer_sum`'s 4-vector blocks).
    @inline(__always)
    static func cascade<T: FloatElement>(_ size: Int, _ load: (Int) -> T) -> T {
        withUnsafeTemporaryAllocation(of: T.self, capacity: 1) { buffer -> T in
            guard let out = buffer.baseAddress else { return 0 }
            multiRowSum(1, size, into: out) { i, _ in load(i) }
            return out[0]
        }
    }

    static func lanes<T: FloatElement>(_: T.Type) -> Int { T.self == Float.self ? 8 : 4 }

    /// Sum of a contiguous run (`vectorized_inner_sum` when it holds at least one vector, else `row_sum`).
    static func innerSum<T: FloatElement>(_ p: UnsafePointer<T>, _ n: Int) -> T {
        // CKernels runs the same additions in the same order (ck_inner_sum_*), with AVX2/AVX-512 loads.
        if T.self == Float.self {
            return T(ck_inner_sum_f32(UnsafeRawPointer(p).assumingMemoryBound(to: Float.self), n))
        }
        if T.self == Double.self {
            return T(ck_inner_sum_f64(UnsafeRawPointer(p).assumingMemoryBound(to: Double.self), n))
        }
        return swiftInnerSum(p, n)
    }

    /// `innerSum` in Swift: the reference the C kernel is tested against.
    static func swiftInnerSum<T: FloatElement>(_ p: UnsafePointer<T>, _ n: Int) -> T {
        let width = lanes(T.self)
        if n < width { return rowSum(n) { p[$0] } }
        let vectors = n / width
        var final: T = 0
        for k in (vectors * width)..<n { final += p[k] }
        // All lanes at once: each SIMD lane performs exactly the scalar `row_sum` of its column.
        let raw = UnsafeRawPointer(p)
        if T.self == Float.self {
            let lanes = vectorRowSum(vectors) { raw.loadUnaligned(fromByteOffset: $0 * 32, as: SIMD8<Float>.self) }
            for l in 0..<width { final += T(lanes[l]) }
        } else {
            let lanes = vectorRowSum(vectors) { raw.loadUnaligned(fromByteOffset: $0 * 32, as: SIMD4<Double>.self) }
            for l in 0..<width { final += T(lanes[l]) }
        }
        return final
    }

    /// `row_sum` (and its `multi_row_sum(4, ...)`) with SIMD vectors as elements: the same additions, lane by lane.
    @inline(__always)
    static func vectorRowSum<V: SIMD>(_ size: Int, _ load: (Int) -> V) -> V where V.Scalar: FloatingPoint {
        let ilp = 4, levels = 4
        let rows = size / ilp
        let levelPower = Swift.max(4, ceilLog2(rows) / levels)
        let levelStep = 1 << levelPower
        let levelMask = levelStep - 1
        var a0 = V.zero, a1 = V.zero, a2 = V.zero, a3 = V.zero  // level 0, one per ILP column
        var upper = [V](repeating: .zero, count: (levels - 1) * ilp)  // levels 1...3
        var i = 0
        while i + levelStep <= rows {
            for _ in 0..<levelStep {
                a0 += load(i * ilp); a1 += load(i * ilp + 1); a2 += load(i * ilp + 2); a3 += load(i * ilp + 3)
                i += 1
            }
            upper[0] += a0; upper[1] += a1; upper[2] += a2; upper[3] += a3
            a0 = .zero; a1 = .zero; a2 = .zero; a3 = .zero
            if i & (levelMask << levelPower) != 0 { continue }
            for j in 2..<levels {
                for k in 0..<ilp { upper[(j - 1) * ilp + k] += upper[(j - 2) * ilp + k]; upper[(j - 2) * ilp + k] = .zero }
                if i & (levelMask << (j * levelPower)) != 0 { break }
            }
        }
        while i < rows {
            a0 += load(i * ilp); a1 += load(i * ilp + 1); a2 += load(i * ilp + 2); a3 += load(i * ilp + 3)
            i += 1
        }
        for j in 0..<(levels - 1) {
            a0 += upper[j * ilp]; a1 += upper[j * ilp + 1]; a2 += upper[j * ilp + 2]; a3 += upper[j * ilp + 3]
        }
        for t in (rows * ilp)..<Swift.max(size, rows * ilp) { a0 += load(t) }
        return ((a0 + a1) + a2) + a3
    }

    /// Column sums of a contiguous `rows x cols` block (`vectorized_outer_sum` / `scalar_outer_sum`).
    static func outerSums<T: FloatElement>(_ p: UnsafePointer<T>, rows: Int, cols: Int, into out: UnsafeMutablePointer<T>) {
        let width = lanes(T.self)
        var j = 0
        if cols >= width {
            // Vector lanes are independent columns: 4 vectors at once (plain cascade), then single vectors (row_sum).
            while j + 4 * width <= cols {
                for c in j..<(j + 4 * width) { out[c] = cascade(rows) { p[$0 * cols + c] } }
                j += 4 * width
            }
            while j + width <= cols {
                for c in j..<(j + width) { out[c] = rowSum(rows) { p[$0 * cols + c] } }
                j += width
            }
        } else {
            // scalar_outer_sum: groups of 4 columns share one cascade.
            while j + 3 < cols {
                let col = j
                multiRowSum(4, rows, into: out + j) { i, k in p[i * cols + col + k] }
                j += 4
            }
        }
        for c in j..<cols { out[c] = rowSum(rows) { p[$0 * cols + c] } }
    }

    /// Sum over `dims` of a contiguous float tensor in ATen's order, or nil when the layout is not
    /// one of the reproduced cases (all dims, or a single dim).
    static func sum<T: FloatElement>(_: T.Type, _ t: Tensor, dims: [Int], outShape: [Int]) -> Tensor? {
        guard t.isContiguous, t.numel > 0 else { return nil }
        let p = UnsafePointer(t.storage.pointer(T.self) + t.offset)
        let out = Tensor(uninitialized: outShape, dtype: T.dtype)
        let o = out.storage.pointer(T.self)
        let reduced = Set(dims)
        let kept = (0..<t.dim).filter { !reduced.contains($0) && t.shape[$0] != 1 }
        if kept.isEmpty {
            o[0] = parallelInnerSum(p, t.numel)
            return out
        }
        let real = dims.filter { t.shape[$0] != 1 }
        guard real.count == 1, let d = real.first else { return nil }
        let rows = t.shape[d]
        let inner = t.shape[(d + 1)...].reduce(1, &*)
        let outer = t.shape[..<d].reduce(1, &*)
        for b in 0..<outer {
            let block = p + b * rows * inner
            if inner == 1 {
                o[b] = innerSum(block, rows) + 0
            } else {
                outerSums(block, rows: rows, cols: inner, into: o + b * inner)
                for c in 0..<inner { o[b * inner + c] += 0 }
            }
        }
        return out
    }
}
