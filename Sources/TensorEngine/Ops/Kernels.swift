/// Elementwise map kernels. Dense same-shape operands take a tight pointer loop; the rest go through strided loops.

/// `f` over two operands already converted to `T`, broadcast to `shape`.
@inline(__always)
func binaryMap<T: TensorElement, R: TensorElement>(_ a: Tensor, _ b: Tensor, _ shape: [Int], _ f: (T, T) -> R) -> Tensor {
    let out = Tensor.overwrittenResult(shape, R.dtype, a, b)
    let po = out.storage.pointer(R.self)
    let pa = a.storage.pointer(T.self), pb = b.storage.pointer(T.self)
    let n = out.numel
    let aDense = a.shape == shape && a.isContiguous, bDense = b.shape == shape && b.isContiguous
    if aDense && bDense {
        let xa = pa + a.offset, xb = pb + b.offset
        for i in 0..<n { po[i] = f(xa[i], xb[i]) }
    } else if aDense && b.numel == 1 {
        let xa = pa + a.offset, s = pb[b.offset]
        for i in 0..<n { po[i] = f(xa[i], s) }
    } else if bDense && a.numel == 1 {
        let xb = pb + b.offset, s = pa[a.offset]
        for i in 0..<n { po[i] = f(s, xb[i]) }
    } else {
        stridedLoop2(shape, a.broadcastStrides(to: shape), a.offset, b.broadcastStrides(to: shape), b.offset) { i, x, y in
            po[i] = f(pa[x], pb[y])
        }
    }
    return out
}

/// `f` over one operand of type `T`.
@inline(__always)
func unaryMap<T: TensorElement, R: TensorElement>(_ a: Tensor, _ f: (T) -> R) -> Tensor {
    let out = Tensor(overwrittenLike: a, dtype: R.dtype)
    let po = out.storage.pointer(R.self)
    let pa = a.storage.pointer(T.self)
    if a.isContiguous {
        let xa = pa + a.offset
        for i in 0..<out.numel { po[i] = f(xa[i]) }
    } else {
        stridedLoop(a.shape, a.strides, a.offset) { i, x in po[i] = f(pa[x]) }
    }
    return out
}

/// `f` over three operands broadcast to `shape` (used by `where`).
@inline(__always)
func ternaryMap<A: TensorElement, T: TensorElement>(_ c: Tensor, _ a: Tensor, _ b: Tensor, _ shape: [Int],
                                                    _ f: (A, T, T) -> T) -> Tensor {
    let out = Tensor(overwritten: shape, dtype: T.dtype)
    let po = out.storage.pointer(T.self)
    let pc = c.storage.pointer(A.self), pa = a.storage.pointer(T.self), pb = b.storage.pointer(T.self)
    stridedLoop3(shape, c.broadcastStrides(to: shape), c.offset, a.broadcastStrides(to: shape), a.offset,
                 b.broadcastStrides(to: shape), b.offset) { i, x, y, z in po[i] = f(pc[x], pa[y], pb[z]) }
    return out
}

extension Tensor {
    /// A fresh result of `shape` for a kernel that writes every element, borrowing an operand's shape and
    /// strides arrays when it has that shape with standard strides.
    static func overwrittenResult(_ shape: [Int], _ dtype: DType, _ a: Tensor, _ b: Tensor) -> Tensor {
        if a.shape == shape && a.hasStandardStrides { return Tensor(overwrittenLike: a, dtype: dtype) }
        if b.shape == shape && b.hasStandardStrides { return Tensor(overwrittenLike: b, dtype: dtype) }
        return Tensor(overwritten: shape, dtype: dtype)
    }
}
