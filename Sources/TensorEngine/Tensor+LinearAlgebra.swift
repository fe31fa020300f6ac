/// `det`, `inv`, `solve` for small matrices: LU with partial pivoting (LAPACK's getrf pivot choice: the
/// first largest magnitude), written as row operations on tensors so autograd comes from the primitives,
/// in the input's dtype as LAPACK's float routines compute. Batches are solved matrix by matrix.
extension Tensor {
    private struct Elimination {
        var upper: [Tensor]      // rows of U
        var rhs: [Tensor]        // rows of the right-hand side, permuted and eliminated alongside
        var sign: Double
        var firstZeroPivot: Int? // 1-based, as LAPACK's info
    }

    private func checkSquare(_ op: String) throws {
        if dim < 2 {
            throw TensorError.runtime("\(op): The input tensor A must have at least 2 dimensions.")
        }
        if shape[dim - 1] != shape[dim - 2] {
            throw TensorError.runtime("\(op): A must be batches of square matrices, but they are \(shape[dim - 2]) by \(shape[dim - 1]) matrices")
        }
        if !dtype.isFloatingPoint {
            throw TensorError.runtime("\(op): Expected a floating point or complex tensor as input. Got \(dtype.scalarTypeName)")
        }
    }

    /// Gaussian elimination of this [n, n] matrix, applying the same row operations to `rhs` rows.
    private func eliminate(rhs: Tensor?) throws -> Elimination {
        let n = shape[0]
        var e = Elimination(upper: try unbind(dim: 0), rhs: try rhs?.unbind(dim: 0) ?? [], sign: 1, firstZeroPivot: nil)
        for k in 0..<n {
            let column = try (k..<n).map { try e.upper[$0].select(dim: 0, index: k).detach().toDoubleArray()[0] }
            var p = 0
            for (i, v) in column.enumerated() where Swift.abs(v) > Swift.abs(column[p]) || (v.isNaN && !column[p].isNaN) { p = i }
            p += k
            if p != k {
                e.upper.swapAt(p, k)
                if !e.rhs.isEmpty { e.rhs.swapAt(p, k) }
                e.sign = -e.sign
            }
            let pivot = try e.upper[k].select(dim: 0, index: k)
            if column[p - k] == 0 {
                if e.firstZeroPivot == nil { e.firstZeroPivot = k + 1 }
                continue
            }
            for i in (k + 1)..<Swift.max(n, k + 1) {
                let f = try e.upper[i].select(dim: 0, index: k).div(pivot)
                e.upper[i] = try e.upper[i].sub(e.upper[k].mul(f))
                if !e.rhs.isEmpty { e.rhs[i] = try e.rhs[i].sub(e.rhs[k].mul(f)) }
            }
        }
        return e
    }

    /// Applies `body` to each matrix of a batch and stacks the results.
    private func perMatrix(_ body: (Tensor) throws -> Tensor) throws -> Tensor {
        if dim == 2 { return try body(self) }
        let batch = Array(shape.dropLast(2))
        let flat = try reshape([batch.reduce(1, *)] + shape.suffix(2))
        let results = try flat.unbind(dim: 0).map(body)
        guard let first = results.first else { return Tensor.empty(batch, dtype: dtype) }
        return try Tensor.stack(results, dim: 0).reshape(batch + first.shape)
    }

    /// `torch.linalg.det(A)` / `torch.det`: grad_fn `LinalgDetBackward0`.
    public func det() throws -> Tensor {
        try checkSquare("linalg.det")
        let out = try perMatrix { a in
            let n = a.shape[0]
            if n == 0 { return Tensor.ones([], dtype: a.dtype) }
            let e = try a.eliminate(rhs: nil)
            var d = try e.upper[0].select(dim: 0, index: 0)
            for k in 1..<n { d = try d.mul(e.upper[k].select(dim: 0, index: k)) }
            return e.sign < 0 ? try d.neg() : d
        }
        return out.labelingGradFn("LinalgDetBackward0")
    }

    /// `torch.linalg.solve(A, B)`: B a matrix (or a vector, solved as one column).
    public func solve(_ b: Tensor, op: String = "linalg.solve") throws -> Tensor {
        try checkSquare(op)
        let vector = b.dim == 1
        let rhs = vector ? try b.unsqueeze(1) : b
        if rhs.dim != 2 || dim != 2 { throw TensorError.runtime("\(op): only single (unbatched) systems are supported") }
        if rhs.shape[0] != shape[0] {
            throw TensorError.runtime("\(op): Incompatible shapes of A and B for the equation AX = B (\(shape[0])x\(shape[1]) and \(rhs.shape[0])x\(rhs.shape[1]))")
        }
        let n = shape[0]
        let e = try eliminate(rhs: try rhs.to(DType.promote(dtype, rhs.dtype)))
        if e.firstZeroPivot != nil {
            throw TensorError.runtime("\(op): The solver failed because the input matrix is singular.")
        }
        var x = [Tensor?](repeating: nil, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var acc = e.rhs[i]
            for j in (i + 1)..<Swift.max(n, i + 1) {
                if let xj = x[j] { acc = try acc.sub(xj.mul(try e.upper[i].select(dim: 0, index: j))) }
            }
            x[i] = try acc.div(try e.upper[i].select(dim: 0, index: i))
        }
        let out = try Tensor.stack(x.compactMap { $0 }, dim: 0)
        return vector ? try out.squeeze(dim: 1) : out
    }

    /// `torch.linalg.inv(A)` / `torch.inverse`: grad_fn `LinalgInvExBackward0`.
    public func inv() throws -> Tensor {
        try checkSquare("linalg.inv")
        let out = try perMatrix { a in
            let n = a.shape[0]
            if n == 0 { return try a.clone() }
            let e = try a.eliminate(rhs: nil)
            if let k = e.firstZeroPivot {
                throw TensorError.runtime("linalg.inv: The diagonal element \(k) is zero, the inversion could not be completed because the input matrix is singular.")
            }
            return try a.solve(Tensor.eye(n, dtype: a.dtype), op: "linalg.inv")
        }
        return out.labelingGradFn("LinalgInvExBackward0")
    }
}
