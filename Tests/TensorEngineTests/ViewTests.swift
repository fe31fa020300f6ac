@testable import TensorEngine
import Testing

/// Views share storage and version counter; indexing and slicing follow Python's rules.
struct ViewTests {
    func grid() -> Tensor { Tensor(values: (0..<12).map(Double.init), shape: [3, 4]) }

    @Test func viewsShareStorage() throws {
        let a = grid()
        let views = [try a.view([4, 3]), try a.t(), try a.transpose(0, 1), try a.permute([1, 0]),
                     try a.select(dim: 0, index: 1), try a.slice(dim: 1, start: 1, end: 3), try a.unsqueeze(0),
                     try a.view([12]).expand([2, 12]), a.detach(), a.data, try a.narrow(dim: 0, start: 1, length: 2)]
        for v in views { #expect(v.sharesStorage(with: a)) }
        try a.select(dim: 0, index: 1).fill_(-1)
        #expect(a.toDoubleArray()[4..<8].allSatisfy { $0 == -1 })
        try a.t().select(dim: 0, index: 0).fill_(7)
        #expect(try a.slice(dim: 1, end: 1).toDoubleArray() == [7, 7, 7])
        #expect(!(try a.t().isContiguous) && a.isContiguous)
        #expect(try a.t().strides == [1, 4])
        #expect(try a.t().contiguous().isContiguous)
        #expect(!(try a.t().contiguous().sharesStorage(with: a)))
    }

    @Test func viewsShareVersionCounter() throws {
        let a = grid()
        let v = try a.select(dim: 0, index: 0)
        try v.add_(1)
        #expect(a.version == 1)
        try a.data.add_(1)
        #expect(a.version == 1)
    }

    @Test func reshapeCopiesOnlyWhenNeeded() throws {
        let a = grid()
        #expect(try a.reshape([2, 6]).sharesStorage(with: a))
        let r = try a.t().reshape([12])
        #expect(!r.sharesStorage(with: a))
        #expect(r.toDoubleArray() == [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11])
        #expect(try a.view([2, -1]).shape == [2, 6])
        #expect(throws: TensorError(.runtime, "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.")) {
            try a.t().view([12])
        }
        #expect(throws: TensorError(.runtime, "shape '[4, -1]' is invalid for input of size 6")) { try Tensor.ones([6]).view([4, -1]) }
        #expect(throws: TensorError(.runtime, "only one dimension can be inferred")) { try Tensor.ones([2]).reshape([-1, -1]) }
        // A transposed view of a non-contiguous tensor can still be viewed when strides allow it.
        let b = Tensor.zeros([2, 3, 4])
        #expect(try b.permute([1, 0, 2]).view([3, 2, 2, 2]).shape == [3, 2, 2, 2])
    }

    @Test func slicingFollowsPython() throws {
        let v = Tensor(values: (0..<10).map(Double.init), shape: [10])
        #expect(try v.slice(dim: 0, start: -3).toDoubleArray() == [7, 8, 9])
        #expect(try v.slice(dim: 0, start: 1, end: 100, step: 3).toDoubleArray() == [1, 4, 7])
        #expect(try v.slice(dim: 0, start: 8, end: 2).numel == 0)
        #expect(try v.select(dim: 0, index: -1).item() == 9)
        #expect(throws: TensorError(.index, "index 5 is out of bounds for dimension 0 with size 2")) { try Tensor.ones([2, 3]).select(dim: 0, index: 5) }
        #expect(throws: TensorError(.index, "Dimension out of range (expected to be in range of [-2, 1], but got 5)")) { try Tensor.ones([2, 3]).sum(dim: 5) }
        #expect(throws: TensorError(.index, "select() cannot be applied to a 0-dim tensor.")) { try Tensor.scalar(1).select(dim: 0, index: 0) }
    }

    @Test func expandSqueezeUnsqueeze() throws {
        let a = Tensor(values: [1, 2, 3], shape: [3, 1])
        let e = try a.expand([2, 3, 4])
        #expect(e.shape == [2, 3, 4] && e.strides == [0, 1, 0])
        #expect(try e.sum().item() == 48)
        #expect(throws: TensorError(.runtime, "The expanded size of the tensor (3) must match the existing size (2) at non-singleton dimension 0.  Target sizes: [3, 3].  Tensor sizes: [2, 3]")) {
            try Tensor.ones([2, 3]).expand([3, 3])
        }
        #expect(try a.squeeze().shape == [3])
        #expect(try a.squeeze(dim: 0).shape == [3, 1])
        #expect(try a.unsqueeze(-1).shape == [3, 1, 1])
        #expect(try a.flatten().shape == [3])
    }

    @Test func indexingWithTensors() throws {
        let a = grid()
        #expect(try a.index(Tensor(int64Values: [2, 0], shape: [2])).toDoubleArray() == [8, 9, 10, 11, 0, 1, 2, 3])
        #expect(try a.index(try a.gt(9)).toDoubleArray() == [10, 11])
        #expect(try a.indexSelect(dim: 1, index: Tensor(int64Values: [3], shape: [1])).toDoubleArray() == [3, 7, 11])
        #expect(try a.gt(9).nonzero().toInt64Array() == [2, 2, 2, 3])
        #expect(try a.gather(dim: 1, index: Tensor(int64Values: [0, 1, 2], shape: [3, 1])).toDoubleArray() == [0, 5, 10])
        #expect(throws: TensorError(.index, "index 3 is out of bounds for dimension 0 with size 2")) {
            try Tensor.ones([2]).index(Tensor(int64Values: [3], shape: [1]))
        }
        #expect(throws: TensorError(.index, "The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [2, 3] at index 0")) {
            try Tensor.ones([2, 3]).index(Tensor(boolValues: [true, false, true], shape: [3]))
        }
    }

    @Test func catAndStack() throws {
        let a = Tensor.ones([2, 3]), b = Tensor.zeros([1, 3])
        #expect(try Tensor.cat([a, b]).shape == [3, 3])
        #expect(try Tensor.cat([a, a], dim: 1).toDoubleArray() == [Double](repeating: 1, count: 12))
        #expect(try Tensor.stack([a, a], dim: 2).shape == [2, 3, 2])
        #expect(throws: TensorError(.runtime, "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.")) {
            try Tensor.cat([Tensor.ones([2, 3]), Tensor.ones([2, 4])])
        }
        #expect(throws: TensorError(.runtime, "stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [2, 4] at entry 1")) {
            try Tensor.stack([Tensor.ones([2, 3]), Tensor.ones([2, 4])])
        }
    }

    @Test func reductionsValues() throws {
        let a = Tensor(values: [3, 1, 4, 1, 5, 9, 2, 6], shape: [2, 4])
        let (values, indices) = try a.max(dim: 1)
        #expect(values.toDoubleArray() == [4, 9] && indices.toInt64Array() == [2, 1])
        #expect(try a.argmin().item() == 1)
        #expect(try a.sum(dims: [0, 1]).item() == 31)
        #expect(try Tensor.ones([2], dtype: .bool).sum().dtype == .int64)
        #expect(throws: TensorError(.notImplemented, "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long")) {
            try Tensor.ones([2], dtype: .int64).mean()
        }
        #expect(throws: TensorError(.runtime, "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")) {
            try Tensor.ones([0]).max()
        }
        let s = try a.softmax(dim: 1).sum(dim: 1).toDoubleArray()
        #expect(s.allSatisfy { Swift.abs($0 - 1) < 1e-6 })
    }
}
