@testable import TensorEngine
import Testing

/// Advanced indexing and index_put_: values and shapes from torch 2.15, gradients by finite differences.
@Suite struct AdvancedIndexingTests {
    private func idx(_ v: [Int64]) -> Tensor { Tensor(int64Values: v, shape: [v.count]) }

    @Test func resultShapesFollowAdjacency() throws {
        let x = try Tensor.arange(0, 24).reshape([2, 3, 4])
        // torch: x[[0, 1], :, [1, 2]] -> [[1, 5, 9], [14, 18, 22]]; x[:, [0, 1], [1, 2]] -> [[1, 6], [13, 18]]
        let split = try x.index([idx([0, 1]), nil, idx([1, 2])])
        #expect(split.shape == [2, 3])
        #expect(split.toInt64Array() == [1, 5, 9, 14, 18, 22])
        let adjacent = try x.index([nil, idx([0, 1]), idx([1, 2])])
        #expect(adjacent.shape == [2, 2])
        #expect(adjacent.toInt64Array() == [1, 6, 13, 18])
        // x[[[0], [1]], :, [0, 1, 2]].shape == [2, 3, 3]; a 2-d mask covers two dims.
        #expect(try x.index([Tensor(int64Values: [0, 1], shape: [2, 1]), nil, idx([0, 1, 2])]).shape == [2, 3, 3])
        let mask = Tensor(boolValues: [true, false, true, false, false, true], shape: [2, 3])
        #expect(try x.index([mask]).toInt64Array() == [0, 1, 2, 3, 8, 9, 10, 11, 20, 21, 22, 23])
    }

    @Test(arguments: [
        ([[5]], "index 5 is out of bounds for dimension 0 with size 2"),
        ([[0, 1], [0, 7]], "index 7 is out of bounds for dimension 1 with size 3"),
        ([[0, 1], [0, 1, 2]], "shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]"),
    ] as [([[Int64]], String)])
    func errorsMatchPyTorch(_ lists: [[Int64]], _ message: String) throws {
        let x = try Tensor.arange(0, 24).reshape([2, 3, 4])
        #expect(throws: TensorError.index(message)) { try x.index(lists.map { self.idx($0) }) }
    }

    @Test func gradients() throws {
        try checkGradients("index repeated", [[3, 4]]) { try $0[0].index([self.idx([0, 0, 2]), self.idx([1, 1, -1])]) }
        try checkGradients("index split dims", [[2, 3, 4]]) { try $0[0].index([self.idx([1, 0]), nil, self.idx([3, 2])]) }
        try checkGradients("index_put", [[3, 4], [2]]) { inputs in
            let base = try inputs[0].mul(1)
            try base.indexPut_([self.idx([0, 2]), self.idx([1, 3])], values: inputs[1])
            return base
        }
        try checkGradients("index_put accumulate", [[3, 4], [4]]) { inputs in
            let base = try inputs[0].mul(1)
            try base.indexPut_([self.idx([1])], values: inputs[1], accumulate: true)
            return base
        }
        try checkGradients("norm", [[7]]) { try $0[0].vectorNorm() }
    }

    @Test func twoNormMatchesTorchBits() throws {
        // torch.arange(203, dtype=torch.float32).div(7).norm().item() (ATen's 8-lane order)
        let x = try Tensor.arange(0, 203).to(.float32).div(7)
        #expect(try x.vectorNorm().item() == 237.6717529296875)
    }
}
