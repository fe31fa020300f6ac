/// Matrix products: `mm`, `mv`, `dot`, `bmm`, `addmm`, `matmul` (`@`) and `linear`.
extension Tensor {
    /// C[m,n] = A[m,k] B[k,n] for contiguous row-major operands, into a new tensor. No checks, no autograd.
    static func gemm(_ a: Tensor, _ b: Tensor, m: Int, k: Int, n: Int) -> Tensor {
        let dt = a.dtype
        let out = Tensor(uninitialized: [m, n], dtype: dt)
        if m == 0 || n == 0 || k == 0 { return out }
        let x = a.materialized(), y = b.materialized()
        if dt.isFloatingPoint && m * n * k >= BLAS.threshold && m < Int(Int32.max) && n < Int(Int32.max) && k < Int(Int32.max),
           let blas = BLAS.functions {
            if dt == .float32 {
                blas.sgemm(BLAS.rowMajor, BLAS.noTrans, BLAS.noTrans, Int32(m), Int32(n), Int32(k), 1,
                           x.storage.pointer(Float.self), Int32(k), y.storage.pointer(Float.self), Int32(n), 0,
                           out.storage.pointer(Float.self), Int32(n))
            } else {
                blas.dgemm(BLAS.rowMajor, BLAS.noTrans, BLAS.noTrans, Int32(m), Int32(n), Int32(k), 1,
                           x.storage.pointer(Double.self), Int32(k), y.storage.pointer(Double.self), Int32(n), 0,
                           out.storage.pointer(Double.self), Int32(n))
            }
            return out
        }
        switch dt {
        case .float32: naiveGemm(Float.self, x, y, out, m, k, n, +, *)
        case .float64: naiveGemm(Double.self, x, y, out, m, k, n, +, *)
        default: naiveGemm(Int64.self, x, y, out, m, k, n, &+, &*)
        }
        return out
    }

    /// i-k-j loop: streams rows of B and C, so it stays cache friendly without blocking.
    @inline(__always)
    private static func naiveGemm<T: TensorElement>(_: T.Type, _ a: Tensor, _ b: Tensor, _ c: Tensor,
                                                    _ m: Int, _ k: Int, _ n: Int,
                                                    _ add: (T, T) -> T, _ mul: (T, T) -> T) {
        let pa = a.storage.pointer(T.self), pb = b.storage.pointer(T.self), pc = c.storage.pointer(T.self)
        for i in 0..<m {
            let row = pc + i * n
            for p in 0..<k {
                let s = pa[i * k + p]
                let brow = pb + p * n
                for j in 0..<n { row[j] = add(row[j], mul(s, brow[j])) }
            }
        }
    }

    func checkMatmulDType(_ other: Tensor, _ op: String) throws {
        if dtype != other.dtype {
            throw TensorError.runtime("expected m1 and m2 to have the same dtype, but got: \(dtype.cTypeName) != \(other.dtype.cTypeName)")
        }
        if dtype == .bool {
            throw TensorError.notImplemented("\"\(op)\" not implemented for 'Bool'")
        }
        // Expanded operands are copied to dense ones, and the product can dwarf both: refuse what cannot fit.
        try Tensor.checkAllocation(shape, dtype: dtype)
        try Tensor.checkAllocation(other.shape, dtype: dtype)
        try Tensor.checkAllocation(Array(shape.dropLast()) + (other.dim >= 2 ? [other.shape[other.dim - 1]] : []), dtype: dtype)
    }

    /// `torch.mm`: grad_fn `MmBackward0`.
    public func mm(_ other: Tensor) throws -> Tensor {
        if dim != 2 { throw TensorError.runtime("mm: self must be a matrix, got \(dim)-D tensor") }
        if other.dim != 2 { throw TensorError.runtime("mm: mat2 must be a matrix, got \(other.dim)-D tensor") }
        if shape[1] != other.shape[0] {
            throw TensorError.runtime("mm: mat1 and mat2 shapes cannot be multiplied (\(shape[0])x\(shape[1]) and \(other.shape[0])x\(other.shape[1]))")
        }
        try checkMatmulDType(other, "addmm_impl_cpu_")
        let out = Tensor.gemm(self, other, m: shape[0], k: shape[1], n: other.shape[1])
        return Autograd.record(.mm, inputs: [self, other], saving: [self, other], output: out)
    }

    /// `torch.mv`: grad_fn `MvBackward0`.
    public func mv(_ vec: Tensor) throws -> Tensor {
        if dim != 2 || vec.dim != 1 {
            throw TensorError.runtime("vector + matrix @ vector expected, got \(vec.dim), \(dim), \(vec.dim)")
        }
        if shape[1] != vec.shape[0] {
            throw TensorError.runtime("size mismatch, got input (\(shape[0])), mat (\(shape[0])x\(shape[1])), vec (\(vec.shape[0]))")
        }
        try checkMatmulDType(vec, "addmv_impl_cpu")
        let out = Tensor.gemm(self, vec, m: shape[0], k: shape[1], n: 1)
        out.shape = [shape[0]]
        out.strides = [1]
        return Autograd.record(.mv, inputs: [self, vec], saving: [self, vec], output: out)
    }

    /// `torch.dot`: grad_fn `DotBackward0`.
    public func dot(_ other: Tensor) throws -> Tensor {
        if dim != 1 || other.dim != 1 {
            throw TensorError.runtime("1D tensors expected, but got \(dim)D and \(other.dim)D tensors")
        }
        if shape[0] != other.shape[0] {
            throw TensorError.runtime("inconsistent tensor size, expected tensor [\(shape[0])] and src [\(other.shape[0])] to have the same number of elements, but got \(shape[0]) and \(other.shape[0]) elements respectively")
        }
        if dtype != other.dtype {
            throw TensorError.runtime("dot : expected both vectors to have same dtype, but found \(dtype.scalarTypeName) and \(other.dtype.scalarTypeName)")
        }
        try checkMatmulDType(other, "dot")
        let out = Tensor.gemm(self.makeView(shape: [1, shape[0]], strides: [strides[0], strides[0]], offset: offset),
                              other, m: 1, k: shape[0], n: 1)
        out.shape = []
        out.strides = []
        return Autograd.record(.dot, inputs: [self, other], saving: [self, other], output: out)
    }

    /// `torch.bmm`: grad_fn `BmmBackward0`.
    public func bmm(_ other: Tensor) throws -> Tensor {
        if dim != 3 { throw TensorError.runtime("batch1 must be a 3D tensor") }
        if other.dim != 3 { throw TensorError.runtime("batch2 must be a 3D tensor") }
        if shape[0] != other.shape[0] || shape[2] != other.shape[1] {
            throw TensorError.runtime("Expected size for first two dimensions of batch2 tensor to be: [\(shape[0]), \(shape[2])] but got: [\(other.shape[0]), \(other.shape[1])].")
        }
        try checkMatmulDType(other, "bmm")
        let (b, m, k, n) = (shape[0], shape[1], shape[2], other.shape[2])
        let out = Tensor(uninitialized: [b, m, n], dtype: dtype)
        for i in 0..<b {
            let a = materializedSlice(i), c = other.materializedSlice(i)
            out.makeView(shape: [m, n], strides: [n, 1], offset: i * m * n).copyElements(from: Tensor.gemm(a, c, m: m, k: k, n: n))
        }
        return Autograd.record(.bmm, inputs: [self, other], saving: [self, other], output: out)
    }

    private func materializedSlice(_ i: Int) -> Tensor {
        makeView(shape: Array(shape.dropFirst()), strides: Array(strides.dropFirst()), offset: offset + i * strides[0]).materialized()
    }

    /// `torch.addmm(self, mat1, mat2, beta, alpha)`: grad_fn `AddmmBackward0`.
    public static func addmm(_ input: Tensor, _ mat1: Tensor, _ mat2: Tensor, beta: Double = 1, alpha: Double = 1) throws -> Tensor {
        if mat1.dim != 2 { throw TensorError.runtime("mat1 must be a matrix, got \(mat1.dim)-D tensor") }
        if mat2.dim != 2 { throw TensorError.runtime("mat2 must be a matrix, got \(mat2.dim)-D tensor") }
        if mat1.shape[1] != mat2.shape[0] {
            throw TensorError.runtime("addmm: mat1 and mat2 shapes cannot be multiplied (\(mat1.shape[0])x\(mat1.shape[1]) and \(mat2.shape[0])x\(mat2.shape[1]))")
        }
        if mat1.dtype != mat2.dtype {
            throw TensorError.runtime("mat1 and mat2 must have the same dtype, but got \(mat1.dtype.scalarTypeName) and \(mat2.dtype.scalarTypeName)")
        }
        if input.dtype != mat2.dtype {
            throw TensorError.runtime("self and mat2 must have the same dtype, but got \(input.dtype.scalarTypeName) and \(mat2.dtype.scalarTypeName)")
        }
        if mat1.dtype == .bool { throw TensorError.notImplemented("\"addmm_impl_cpu_\" not implemented for 'Bool'") }
        let outShape = [mat1.shape[0], mat2.shape[1]]
        _ = try broadcastShapes(input.shape, outShape)
        let out = try GradMode.withNoGrad { () -> Tensor in
            var prod = gemm(mat1, mat2, m: mat1.shape[0], k: mat1.shape[1], n: mat2.shape[1])
            if alpha != 1 { prod = try prod.mul(.double(alpha)) }
            let bias = beta == 1 ? input : try input.mul(.double(beta))
            return try bias.expand(to: outShape).add(prod)
        }
        return Autograd.record(.addmm(beta: beta, alpha: alpha), inputs: [input, mat1, mat2], saving: [mat1, mat2], output: out)
    }

    /// `torch.matmul` / `@`, dispatching as ATen does: dot, mv, mm, folded mm or batched bmm.
    public func matmul(_ other: Tensor) throws -> Tensor {
        switch (dim, other.dim) {
        case (0, _), (_, 0):
            throw TensorError.runtime("both arguments to matmul need to be at least 1D, but they are \(dim)D and \(other.dim)D")
        case (1, 1): return try dot(other)
        case (2, 1): return try mv(other)
        case (1, 2): return try unsqueeze(0).mm(other).squeeze(dim: 0, name: "SqueezeBackward4")
        case (2, 2): return try mm(other)
        case (3..., 1), (3..., 2):
            let k = shape[dim - 1]
            let folded = try reshape([-1, k])
            let rhs = other.dim == 1 ? try other.unsqueeze(1) : other
            if rhs.shape[0] != k {
                if other.dim == 1 {
                    throw TensorError.runtime("size mismatch, got input (\(folded.shape[0])), mat (\(folded.shape[0])x\(k)), vec (\(other.shape[0]))")
                }
                throw TensorError.runtime("mm: mat1 and mat2 shapes cannot be multiplied (\(folded.shape[0])x\(k) and \(rhs.shape[0])x\(rhs.shape[1]))")
            }
            let prod = other.dim == 1 ? try folded.mv(other) : try folded.mm(rhs)
            return try prod.unsafeView(Array(shape.dropLast()) + (other.dim == 1 ? [] : [rhs.shape[1]]))
        default:
            return try batchedMatmul(other)
        }
    }

    private func batchedMatmul(_ other: Tensor) throws -> Tensor {
        let a = dim == 1 ? try unsqueeze(0) : self
        let b = other.dim == 1 ? try other.unsqueeze(-1) : other
        let (n, k) = (a.shape[a.dim - 2], a.shape[a.dim - 1])
        let (k2, p) = (b.shape[b.dim - 2], b.shape[b.dim - 1])
        let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
        let batch = try Tensor.broadcastShapes(batchA, batchB)
        if k != k2 {
            throw TensorError.runtime("Expected size for first two dimensions of batch2 tensor to be: [\(batch.reduce(1, &*)), \(k)] but got: [\(batch.reduce(1, &*)), \(k2)].")
        }
        let count = batch.reduce(1, &*)
        let a3 = try a.expand(to: batch + [n, k]).reshape([count, n, k])
        let b3 = try b.expand(to: batch + [k2, p]).reshape([count, k2, p])
        var outShape = batch
        if dim > 1 { outShape.append(n) }
        if other.dim > 1 { outShape.append(p) }
        return try a3.bmm(b3).unsafeView(outShape)
    }

    /// `F.linear(input, weight, bias)`: `input @ weight.T + bias`, with PyTorch's grad_fn per input rank.
    public static func linear(_ input: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor {
        if weight.dim < 2 && input.dim >= 1 {  // `input @ weight.T` with a vector (or 0-d) weight: matmul's rules
            let out = try input.matmul(weight)
            return try bias.map { try out.add($0) } ?? out
        }
        let wt = try weight.t()
        if bias != nil && input.dtype != weight.dtype {
            throw TensorError.runtime("mat1 and mat2 must have the same dtype, but got \(input.dtype.scalarTypeName) and \(weight.dtype.scalarTypeName)")
        }
        if input.dim == 2 {
            if let bias { return try addmm(bias, input, wt) }
            return try input.mm(wt)
        }
        if input.dim == 0 {
            throw TensorError.runtime("both arguments to linear need to be at least 1D, but they are 0D and \(weight.dim)D")
        }
        if let bias {
            let flat = try input.reshape([-1, input.shape[input.dim - 1]])
            let out = try addmm(bias, flat, wt)
            return try out.unsafeView(Array(input.shape.dropLast()) + [wt.shape[1]])
        }
        try input.checkMatmulDType(wt, "addmm_impl_cpu_")
        if input.dim == 1 {
            if input.shape[0] != wt.shape[0] {
                throw TensorError.runtime("mm: mat1 and mat2 shapes cannot be multiplied (1x\(input.shape[0]) and \(wt.shape[0])x\(wt.shape[1]))")
            }
            return try input.unsqueeze(0).mm(wt).squeeze(dim: 0, name: "SqueezeBackward4")
        }
        let flat = try input.reshape([-1, input.shape[input.dim - 1]])
        if flat.shape[1] != wt.shape[0] {
            throw TensorError.runtime("mm: mat1 and mat2 shapes cannot be multiplied (\(flat.shape[0])x\(flat.shape[1]) and \(wt.shape[0])x\(wt.shape[1]))")
        }
        return try flat.mm(wt).unsafeView(Array(input.shape.dropLast()) + [wt.shape[1]])
    }
}

extension DType {
    /// The C++ type name used in some ATen messages (`float`, `double`, `long int`, `bool`).
    var cTypeName: String {
        switch self {
        case .float32: "float"
        case .float64: "double"
        case .int64: "long int"
        case .bool: "bool"
        }
    }
}
