@testable import TensorEngine
import Testing

/// Matrix products: dispatch shapes, PyTorch's error texts, and the OpenBLAS path against the naive loop.
struct MatmulTests {
    @Test(arguments: [
        ([3], [3], [Int]()), ([2, 3], [3], [2]), ([3], [3, 4], [4]), ([2, 3], [3, 4], [2, 4]),
        ([5, 2, 3], [3, 4], [5, 2, 4]), ([5, 2, 3], [3], [5, 2]), ([3], [5, 3, 4], [5, 4]),
        ([2, 1, 2, 3], [4, 3, 2], [2, 4, 2, 2]),
    ])
    func matmulShapes(_ a: [Int], _ b: [Int], _ expected: [Int]) throws {
        #expect(try Tensor.ones(a).matmul(Tensor.ones(b)).shape == expected)
    }

    @Test(arguments: [
        ([2, 3], [2, 3], "mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)"),
        ([3], [4], "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively"),
        ([2, 3], [4], "size mismatch, got input (2), mat (2x3), vec (4)"),
        ([2, 3, 4], [2, 5, 6], "Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [2, 5]."),
        ([2, 3, 4], [5, 6], "mm: mat1 and mat2 shapes cannot be multiplied (6x4 and 5x6)"),
        ([2, 3, 4], [5], "size mismatch, got input (6), mat (6x4), vec (5)"),
    ])
    func matmulErrors(_ a: [Int], _ b: [Int], _ message: String) throws {
        #expect(throws: TensorError(.runtime, message)) { try Tensor.ones(a).matmul(Tensor.ones(b)) }
    }

    @Test func dtypeErrors() throws {
        #expect(throws: TensorError(.runtime, "expected m1 and m2 to have the same dtype, but got: double != float")) {
            try Tensor.ones([2, 3], dtype: .float64).matmul(Tensor.ones([3, 2]))
        }
        #expect(throws: TensorError(.runtime, "dot : expected both vectors to have same dtype, but found Float and Double")) {
            try Tensor.ones([2]).dot(Tensor.ones([2], dtype: .float64))
        }
        #expect(throws: TensorError(.runtime, "mm: mat2 must be a matrix, got 1-D tensor")) { try Tensor.ones([2, 3]).mm(Tensor.ones([3])) }
    }

    @Test(arguments: [
        ([2, 5], true, "addmm: mat1 and mat2 shapes cannot be multiplied (2x5 and 4x3)"),
        ([5], true, "addmm: mat1 and mat2 shapes cannot be multiplied (1x5 and 4x3)"),
        ([1, 5], false, "mm: mat1 and mat2 shapes cannot be multiplied (1x5 and 4x3)"),
        ([5], false, "mm: mat1 and mat2 shapes cannot be multiplied (1x5 and 4x3)"),
    ])
    func linearShapeErrors(_ input: [Int], _ hasBias: Bool, _ message: String) throws {
        let weight = Tensor.ones([3, 4]), bias = Tensor.ones([3])
        #expect(throws: TensorError(.runtime, message)) {
            try Tensor.linear(Tensor.ones(input), weight: weight, bias: hasBias ? bias : nil)
        }
    }

    @Test func linearThreeDimensionalAndDTypeErrors() throws {
        #expect(throws: TensorError(.runtime, "addmm: mat1 and mat2 shapes cannot be multiplied (12x5 and 2x3)")) {
            try Tensor.linear(Tensor.ones([4, 3, 5]), weight: Tensor.ones([3, 2]), bias: Tensor.ones([3]))
        }
        #expect(throws: TensorError(.runtime, "mat1 and mat2 must have the same dtype, but got Double and Float")) {
            try Tensor.linear(Tensor.ones([2, 4], dtype: .float64), weight: Tensor.ones([3, 4]), bias: Tensor.ones([3]))
        }
        #expect(throws: TensorError(.runtime, "expected m1 and m2 to have the same dtype, but got: long int != float")) {
            try Tensor.linear(Tensor.ones([2, 2, 4], dtype: .int64), weight: Tensor.ones([3, 4]), bias: nil)
        }
        #expect(throws: TensorError(.runtime, "mat1 and mat2 must have the same dtype, but got Long and Float")) {
            try Tensor.linear(Tensor.ones([2, 2, 4], dtype: .int64), weight: Tensor.ones([3, 4]), bias: Tensor.ones([3]))
        }
        #expect(throws: TensorError(.runtime, "self and mat2 must have the same dtype, but got Double and Float")) {
            try Tensor.linear(Tensor.ones([2, 4]), weight: Tensor.ones([3, 4]), bias: Tensor.ones([3], dtype: .float64))
        }
        #expect(throws: TensorError(.runtime, "both arguments to linear need to be at least 1D, but they are 0D and 2D")) {
            try Tensor.linear(Tensor.scalar(1), weight: Tensor.ones([3, 4]), bias: nil)
        }
        #expect(throws: TensorError(.runtime, "mm: mat1 and mat2 shapes cannot be multiplied (4x5 and 4x3)")) {
            try Tensor.linear(Tensor.ones([2, 2, 5]), weight: Tensor.ones([3, 4]), bias: nil)
        }
        #expect(throws: TensorError(.notImplemented, "\"addmm_impl_cpu_\" not implemented for 'Bool'")) {
            try Tensor.ones([2, 2], dtype: .bool).matmul(Tensor.ones([2, 2], dtype: .bool))
        }
        #expect(throws: TensorError(.runtime, "mm: self must be a matrix, got 1-D tensor")) { try Tensor.ones([3]).mm(Tensor.ones([3, 2])) }
        #expect(try Tensor.linear(Tensor.ones([4, 2, 5]), weight: Tensor.ones([3, 5]), bias: Tensor.ones([3])).shape == [4, 2, 3])
    }

    @Test(arguments: [DType.float32, .float64])
    func largeProductsMatchNaiveLoop(_ dtype: DType) throws {
        var rng = TestValues()
        let (m, k, n) = (70, 90, 80)
        let a = rng.tensor([m, k], dtype: dtype), b = rng.tensor([k, n], dtype: dtype)
        #expect(m * k * n >= BLAS.threshold)
        let fast = try a.mm(b).toDoubleArray()
        let av = a.toDoubleArray(), bv = b.toDoubleArray()
        for i in stride(from: 0, to: m, by: 7) {
            for j in stride(from: 0, to: n, by: 5) {
                let exact = (0..<k).reduce(0.0) { $0 + av[i * k + $1] * bv[$1 * n + j] }
                #expect(Swift.abs(fast[i * n + j] - exact) < (dtype == .float32 ? 1e-4 : 1e-12))
            }
        }
        // Non-contiguous operands go through the same path.
        let t = try b.t().contiguous().t()
        #expect(try a.mm(t).toDoubleArray() == fast)
    }

    @Test func openBLASLoadsLazilyWithCoreType() throws {
        #expect(BLAS.functions != nil)
        if let core = BLAS.detectCoreType() {
            #expect(["SkylakeX", "Haswell"].contains(core))
        }
    }

    @Test func integerMatmul() throws {
        let a = Tensor(int64Values: [1, 2, 3, 4], shape: [2, 2])
        #expect(try a.mm(a).toInt64Array() == [7, 10, 15, 22])
    }
}
