@testable import TensorEngine
import Testing

/// Finite-difference checks of the composed ops' gradients (einsum, scatter/gather, roll, cumprod,
/// linear algebra, order statistics), in float64.
@Suite(.serialized) struct MoreOpsGradientTests {
    @Test func einsumPatterns() throws {
        try checkGradients("ij,jk->ik", [[2, 3], [3, 4]]) { try Tensor.einsum("ij,jk->ik", $0) }
        try checkGradients("bij,bjk", [[2, 2, 3], [2, 3, 2]]) { try Tensor.einsum("bij,bjk", $0) }
        try checkGradients("ii", [[3, 3]]) { try Tensor.einsum("ii", $0) }
        try checkGradients("...i,i->...", [[2, 3, 4], [4]]) { try Tensor.einsum("...i,i->...", $0) }
        try checkGradients("i,j,k->ijk", [[2], [3], [2]]) { try Tensor.einsum("i,j,k->ijk", $0) }
    }

    @Test func orderingAndMovement() throws {
        try checkGradients("sort", [[2, 4]]) { try $0[0].sort(dim: 1).values }
        try checkGradients("topk", [[5]]) { try $0[0].topk(2).values }
        try checkGradients("roll", [[3, 4]]) { try $0[0].roll(shifts: [1, -2], dims: [0, 1]) }
        try checkGradients("flip", [[3, 4]]) { try $0[0].flip([1]) }
        try checkGradients("kthvalue", [[3, 4]]) { try $0[0].kthvalue(2, dim: 1).values }
        try checkGradients("median", [[5]]) { try $0[0].median() }
        try checkGradients("quantile", [[6]]) { try $0[0].quantile([0.3, 0.8], scalarQ: false, dim: nil, keepDim: false) }
    }

    @Test func scatterGather() throws {
        let index = Tensor(int64Values: [2, 0, 1, 1], shape: [2, 2])
        try checkGradients("gather", [[3, 2]]) { try $0[0].gatherWithGrad(dim: 0, index: index) }
        let perm = Tensor(int64Values: [0, 2, 1, 3], shape: [2, 2])
        try checkGradients("scatter", [[4, 2], [2, 2]]) { try $0[0].scatter(dim: 0, index: perm, source: $0[1], accumulate: false) }
        try checkGradients("scatter_add", [[3, 2], [2, 2]]) { try $0[0].scatter(dim: 0, index: index, source: $0[1], accumulate: true) }
        let rows = Tensor(int64Values: [1, 0, 1], shape: [3])
        try checkGradients("index_add", [[2, 3], [3, 3]]) { try $0[0].indexAlong(dim: 0, index: rows, source: $0[1], accumulate: true, name: "index_add") }
    }

    @Test func compositesAndScans() throws {
        try checkGradients("cumprod", [[2, 4]], range: (0.5, 1.5)) { try $0[0].cumprod(dim: 1) }
        try checkGradients("cummax", [[6]]) { try $0[0].cumulativeExtremum(dim: 0, isMax: true).values }
        try checkGradients("logcumsumexp", [[2, 4]]) { try $0[0].logcumsumexp(dim: 1) }
        try checkGradients("trace", [[3, 3]]) { try $0[0].trace() }
        try checkGradients("diag", [[3]]) { try $0[0].diag(1) }
        try checkGradients("kron", [[2, 2], [2, 3]]) { try $0[0].kron($0[1]) }
        try checkGradients("lerp", [[4], [4], [4]]) { try $0[0].lerp($0[1], weight: $0[2]) }
        try checkGradients("cdist", [[3, 2], [2, 2]]) { try $0[0].cdist($0[1]) }
        try checkGradients("nan_to_num", [[4]]) { try $0[0].nanToNum() }
        try checkGradients("block_diag", [[2, 2], [1, 3]]) { try Tensor.blockDiag($0) }
    }

    @Test func linearAlgebra() throws {
        try checkGradients("det", [[3, 3]]) { try $0[0].det() }
        try checkGradients("inv", [[3, 3]], range: (0.5, 2)) { try $0[0].add(Tensor.eye(3, dtype: .float64).mul(.double(3))).inv() }
        try checkGradients("solve", [[2, 2], [2, 3]]) { try $0[0].add(Tensor.eye(2, dtype: .float64).mul(.double(3))).solve($0[1]) }
        try checkGradients("batched det", [[2, 2, 2]]) { try $0[0].det() }
    }

    @Test func linearAlgebraValuesAndErrors() throws {
        let a = Tensor(values: [4, 3, 6, 3], shape: [2, 2], dtype: .float64)
        #expect(try a.det().item() == -6)
        #expect(throws: TensorError.self) { try Tensor.ones([2, 2], dtype: .float64).inv() }
        #expect(try Tensor.ones([2, 2], dtype: .float64).det().item() == 0)
    }
}
