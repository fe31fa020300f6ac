import Language
import TensorEngine

/// `t[...]` and `t[...] = v`: ints, slices, None, Ellipsis and tuples of them become views; an int64
/// tensor or list, or a bool mask, selects (a copy).
extension TorchLibrary {
    func installTensorIndexing(_ t: PyType) {
        t.method("__getitem__") { [unowned self] interp, args, _ in
            let x = try requireTensor(args[0], "self")
            return wrap(try index(x, args[1], interp))
        }
        t.method("__setitem__") { [unowned self] interp, args, _ in
            let x = try requireTensor(args[0], "self")
            let value = args[2]
            // A mask or index tensor: write through masked_fill_ / element copies.
            if let mask = tensor(args[1]), mask.dtype == .bool {
                if let s = Convert.scalar(value) {
                    try x.maskedFill_(mask, value: s)
                    return .none
                }
                if let v = tensor(value), v.numel == 1 {
                    try x.maskedFill_(mask, value: try v.itemScalar())
                    return .none
                }
                throw PyError.notImplemented("assigning a tensor through a boolean mask is not supported yet")
            }
            let target = try index(x, args[1], interp, viewOnly: true)
            if let s = Convert.scalar(value) {
                try target.fill_(s.doubleValue)
            } else if let v = tensor(value) {
                try target.copy_(v)
            } else if Convert.sequenceItems(value) != nil {
                try target.copy_(try tensorFromData(value, dtype: x.dtype))
            } else {
                throw PyError.typeError("can't assign a \(value.typeName) to a \(x.dtype.legacyTensorTypeName)")
            }
            return .none
        }
    }

    private func index(_ x: Tensor, _ key: Value, _ interp: Interpreter, viewOnly: Bool = false) throws -> Tensor {
        if let idx = tensor(key), !(idx.dim == 0 && idx.dtype == .int64) {
            if viewOnly { throw PyError.notImplemented("assignment through an index tensor is not supported yet") }
            return try x.index(idx)
        }
        if let l = key.as(PyList.self) {
            if viewOnly { throw PyError.notImplemented("assignment through an index list is not supported yet") }
            return try x.index(try tensorFromData(.object(l), dtype: nil))
        }
        let items: [Value] = key.as(PyTuple.self).map(\.items) ?? [key]
        let consuming = items.filter { !$0.isNone && !isEllipsis($0) }.count
        if items.filter(isEllipsis).count > 1 {
            throw PyError.indexError("an index can only have a single ellipsis ('...')")
        }
        if consuming > x.dim {
            throw PyError.indexError("too many indices for tensor of dimension \(x.dim)")
        }
        var result = x
        var d = 0
        for item in items {
            if item.isNone {
                result = try result.unsqueeze(d)
                d += 1
            } else if isEllipsis(item) {
                d += x.dim - consuming
            } else if let s = item.as(PySlice.self) {
                let step = s.step.isNone ? 1 : try Convert.int(s.step, "slice", "step")
                if step <= 0 { throw PyError.valueError("step must be greater than zero") }
                let start = s.start.isNone ? nil : try Convert.int(s.start, "slice", "start")
                let stop = s.stop.isNone ? nil : try Convert.int(s.stop, "slice", "stop")
                result = try result.slice(dim: d, start: start, end: stop, step: step)
                d += 1
            } else if case .int(let i) = item {
                result = try select(result, d, i, originalDim: d)
            } else if case .bool(let b) = item {
                result = try result.unsqueeze(d)
                if !b { result = try result.slice(dim: d, start: 0, end: 0) }
                d += 1
            } else if let t = tensor(item), t.dim == 0, t.dtype == .int64 {
                result = try select(result, d, Int(t.toInt64Array()[0]), originalDim: d)
            } else {
                throw PyError.indexError("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got \(item.typeName))")
            }
        }
        if result === x { result = try x.view(x.shape) }
        return result
    }

    private func select(_ t: Tensor, _ d: Int, _ i: Int, originalDim: Int) throws -> Tensor {
        let size = t.shape[d]
        if i < -size || i >= size {
            throw PyError.indexError("index \(i) is out of bounds for dimension \(originalDim) with size \(size)")
        }
        return try t.select(dim: d, index: i)
    }

    private func isEllipsis(_ v: Value) -> Bool {
        if case .object(let o) = v { return o.type === Types.ellipsisType }
        return false
    }
}
