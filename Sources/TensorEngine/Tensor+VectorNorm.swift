/// `t.norm()` / `torch.norm(t)` / `torch.linalg.vector_norm`: grad_fn `LinalgVectorNormBackward0`.
extension Tensor {
    /// The 2-norm of all elements with ATen's CPU summation order, so the bits match PyTorch's: 8 float
    /// (4 double) lanes of running sums of squares, the lanes added left to right, then the tail, then sqrt
    /// (ATen's `norm_kernel_tensor_iterator_impl` fast path, checked against torch 2.15 on an AVX512 CPU).
    func twoNormValue() -> Tensor {
        let src = materialized()
        switch dtype {
        case .float64: return Tensor.scalar(Tensor.laneSumOfSquares(src.storage.pointer(Double.self), numel, lanes: 4).squareRoot(), dtype: .float64)
        default: return Tensor.scalar(Double(Tensor.laneSumOfSquares(src.storage.pointer(Float.self), numel, lanes: 8).squareRoot()), dtype: .float32)
        }
    }

    private static func laneSumOfSquares<T: BinaryFloatingPoint>(_ p: UnsafeMutablePointer<T>, _ n: Int, lanes: Int) -> T {
        var acc = [T](repeating: 0, count: lanes)
        var d = 0
        while d + lanes <= n {
            for j in 0..<lanes {
                let square = p[d + j] * p[d + j]
                acc[j] = acc[j] + square
            }
            d += lanes
        }
        var total = acc[0]
        for j in 1..<lanes { total = total + acc[j] }
        while d < n {
            let square = p[d] * p[d]
            total = total + square
            d += 1
        }
        return total
    }

    /// `t.norm(p, dim, keepdim)`: p-norm over `dims` (all elements when nil). Built from primitives, so the
    /// gradient comes for free; the full 2-norm's value is then replaced by the bit-exact one.
    public func vectorNorm(p: Double = 2, dims: [Int]? = nil, keepDim: Bool = false) throws -> Tensor {
        if !dtype.isFloatingPoint {
            throw TensorError.notImplemented("linalg.vector_norm: Expected a floating point or complex tensor as input. Got \(dtype.scalarTypeName)")
        }
        let out: Tensor
        if let dims {
            let magnitude = try abs()
            if p == 2 {
                out = try mul(self).sum(dims: dims, keepDim: keepDim).sqrt()
            } else if p == 1 {
                out = try magnitude.sum(dims: dims, keepDim: keepDim)
            } else if p == .infinity {
                out = try magnitude.amaxDims(dims, keepDim: keepDim)
            } else {
                out = try magnitude.pow(.double(p)).sum(dims: dims, keepDim: keepDim).pow(.double(1 / p))
            }
        } else if p == 2 {
            out = try mul(self).sum().sqrt()
            out.copyElements(from: twoNormValue())
            if keepDim { return try out.reshape([Int](repeating: 1, count: dim)).labelingGradFn("LinalgVectorNormBackward0") }
        } else {
            out = try norm(p: p)
            if keepDim { return try out.reshape([Int](repeating: 1, count: dim)).labelingGradFn("LinalgVectorNormBackward0") }
        }
        return out.labelingGradFn("LinalgVectorNormBackward0")
    }

    private func amaxDims(_ dims: [Int], keepDim: Bool) throws -> Tensor {
        var r = self
        for d in try dims.map({ try normalizeDim($0) }).sorted(by: >) { r = try r.max(dim: d, keepDim: keepDim).values }
        return r
    }
}
