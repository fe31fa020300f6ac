@testable import TensorEngine
import Testing

/// Version counters and storage sharing after the counter moved into `Storage` (issue 3, item 6).
/// Expected versions and messages come from PyTorch 2.15 (`t._version`, the RuntimeError text).
struct VersionCounterTests {
    let inplaceHint = "Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False)."

    @Test func viewsAndDetachShareTheBaseCounter() throws {
        let x = Tensor.ones([2, 3])
        let v = try x.view([6]), d = x.detach(), t = try x.t()
        try d.add_(1)
        #expect([x, v, t, d].map(\.version) == [1, 1, 1, 1])
        try v.mul_(2)
        #expect([x, v, t, d].map(\.version) == [2, 2, 2, 2])
    }

    @Test func dataHasItsOwnCounterSharedWithItsViews() throws {
        let x = Tensor.ones([2, 3])
        let dd = x.data
        let dv = try dd.view([6]), ddd = dd.detach()
        try dv.add_(1)
        #expect([x, dd, dv, ddd].map(\.version) == [0, 1, 1, 1])
        try x.add_(1)
        #expect([x, dd, dv].map(\.version) == [1, 1, 1])
        #expect(dd.sharesStorage(with: x))
    }

    /// `x.data = y` keeps `x`'s counter, still shared with the views taken before.
    @Test func assigningDataKeepsTheCounter() throws {
        let x = Tensor.ones([3]), y = Tensor.zeros([3])
        let v = try x.slice(dim: 0, end: 2)
        try x.add_(1)
        #expect([x, v, y].map(\.version) == [1, 1, 0])
        x.data = y
        #expect([x, v, y].map(\.version) == [1, 1, 0])
        #expect(x.sharesStorage(with: y) && !v.sharesStorage(with: x))
        try x.add_(1)
        #expect([x, v, y].map(\.version) == [2, 2, 0])
        #expect(y.toDoubleArray() == [1, 1, 1])
        try v.add_(1)
        #expect([x, v, y].map(\.version) == [3, 3, 0])
        let w = try x.view([3])
        try w.add_(1)
        #expect([x, v, y, w].map(\.version) == [4, 4, 0, 4])
    }

    @Test func inPlaceOnAViewOfASavedOutputIsCaught() throws {
        let a = Tensor(values: [1, 2], shape: [2])
        try a.setRequiresGrad(true)
        let b = try a.exp()
        try b.slice(dim: 0, start: 0, end: 1).add_(1)
        #expect(throws: TensorError(.runtime, "one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2]], which is output 0 of Exp, is at version 1; expected version 0 instead. \(inplaceHint)")) {
            try b.sum().backward()
        }
    }

    @Test func inPlaceOnAViewOfADetachedSavedInputIsCaught() throws {
        let a = Tensor(values: [1, 2], shape: [2])
        try a.setRequiresGrad(true)
        let c = try a.mul(1)
        let s = try c.sin()
        try c.detach().view([2]).mul_(3)
        #expect(throws: TensorError(.runtime, "one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2]], which is output 0 of Mul, is at version 1; expected version 0 instead. \(inplaceHint)")) {
            try s.sum().backward()
        }
    }

    /// Small storages live inside the storage object, large ones in a separate buffer; views work alike.
    @Test(arguments: [8, 2000])
    func viewsWriteThroughToTheBase(count: Int) throws {
        let base = Tensor.zeros([count])
        let tail = try base.slice(dim: 0, start: count / 2)
        try tail.add_(2)
        let values = base.toDoubleArray()
        #expect(values[count / 2 - 1] == 0 && values[count / 2] == 2 && base.version == 1)
        let strided = try base.slice(dim: 0, step: 2), copy = try strided.contiguous()
        #expect(tail.sharesStorage(with: base) && strided.sharesStorage(with: base) && !copy.sharesStorage(with: base))
        #expect(copy.toDoubleArray() == strided.toDoubleArray())
        #expect(Int(bitPattern: base.storage.raw) % 8 == 0)
    }

    /// A same-shape result borrows its operand's shape and strides arrays instead of allocating them.
    @Test func sameShapeResultsShareShapeArrays() throws {
        let x = Tensor.ones([2, 4])
        for y in [try x.add(x), try x.mul(x), try x.maximum(x)] {
            #expect(y.shape == [2, 4] && y.strides == [4, 1] && !y.sharesStorage(with: x))
            x.shape.withUnsafeBufferPointer { xs in
                y.shape.withUnsafeBufferPointer { ys in #expect(xs.baseAddress == ys.baseAddress) }
            }
        }
        let z = try x.add(x)
        #expect(z.toDoubleArray() == Array(repeating: 2, count: 8))
    }
}
