@testable import TensorEngine
import Testing

/// How tensor ops drive `Generator`: storage order, paths, and PyTorch's error texts.
struct StorageOrderFillTests {
    @Test func transposedViewFillsInStorageOrder() throws {
        let plain = Tensor.empty([3, 4])
        try plain.uniform_(generator: Generator(seed: 7))
        let base = Tensor.empty([3, 4])
        try base.t().uniform_(generator: Generator(seed: 7))
        #expect(base.toDoubleArray() == plain.toDoubleArray())
        // A strided (gappy) view fills its elements in ascending storage order.
        let gappy = Tensor.zeros([4, 4])
        try gappy.slice(dim: 1, start: 0, end: 4, step: 2).t().normal_(generator: Generator(seed: 3))
        let expected = Tensor.empty([8])
        try expected.normal_(generator: Generator(seed: 3))
        let got = try gappy.slice(dim: 1, start: 0, end: 4, step: 2).reshape([8]).toDoubleArray()
        #expect(got == expected.toDoubleArray())
    }

    @Test func errors() throws {
        #expect(throws: TensorError(.runtime, "uniform_ expects to return a [from, to) range, but found from=1 > to=0")) {
            try Tensor.empty([2]).uniform_(from: 1, to: 0)
        }
        #expect(throws: TensorError(.notImplemented, "\"check_uniform_bounds\" not implemented for 'Long'")) {
            try Tensor.empty([2], dtype: .int64).uniform_()
        }
        #expect(throws: TensorError(.notImplemented, "\"normal_kernel_cpu\" not implemented for 'Long'")) {
            try Tensor.empty([2], dtype: .int64).normal_()
        }
        #expect(throws: TensorError(.runtime, "normal expects std >= 0.0, but found std -1")) {
            try Tensor.empty([2]).normal_(mean: 0, std: -1)
        }
    }

    @Test func factoriesUseTheGivenGenerator() throws {
        let a = Tensor.randn([20], generator: Generator(seed: 1))
        let b = Tensor.randn([20], generator: Generator(seed: 1))
        #expect(a.toDoubleArray() == b.toDoubleArray())
        let r = Tensor.rand([100], dtype: .float64, generator: Generator(seed: 2)).toDoubleArray()
        #expect(r.allSatisfy { $0 >= 0 && $0 < 1 })
    }
}
