import Language
import TensorEngine

/// `t[...]` and `t[...] = v`, as PyTorch's `THPVariable_getitem` / `setitem` do it: ints, slices, None and
/// Ellipsis become views (ATen's `applySlicing`); index tensors, lists and bools are left over as advanced
/// indices, one per remaining dimension, and select a copy (`index`) or write through `index_put_`.
extension TorchLibrary {
    func installTensorIndexing(_ t: PyType) {
        t.method("__getitem__") { [unowned self] _, args, _ in
            let x = try requireTensor(args[0], "self")
            return wrap(try getItem(x, args[1]))
        }
        t.method("__setitem__") { [unowned self] _, args, _ in
            try setItem(try requireTensor(args[0], "self"), args[1], args[2])
            return .none
        }
    }

    private func getItem(_ x: Tensor, _ key: Value) throws -> Tensor {
        // One int64 tensor or mask: the row-wise kernel (index_select) is faster than the element-wise one.
        if let idx = tensor(key), idx.dim > 0, idx.dtype == .int64 || idx.dtype == .bool {
            return try bridged { try x.index(idx) }
        }
        let (sliced, indices) = try applySlicing(x, key)
        if indices.isEmpty { return sliced === x ? try x.view(x.shape) : sliced }
        if indices.count == 1, let rows = indices[0], rows.dtype == .int64, rows.dim > 0 {
            return try bridged { try sliced.index(rows) }  // `x[[0, 2]]`: whole rows, the faster kernel
        }
        return try bridged { try sliced.index(indices) }
    }

    private func setItem(_ x: Tensor, _ key: Value, _ value: Value) throws {
        let scalar = Convert.scalar(value)
        let valueTensor = tensor(value)
        if scalar == nil && valueTensor == nil && Convert.sequenceItems(value) == nil {
            throw PyError.typeError("can't assign a \(value.typeName) to a \(x.dtype.legacyTensorTypeName)")
        }
        if case .bool(let b) = key {  // ATen's set_item: `t[False] = v` does nothing, `t[True] = v` copies
            if b { try copy(into: try x.unsqueeze(0), value, x.dtype) }
            return
        }
        let (sliced, indices) = try applySlicing(x, key)
        if indices.isEmpty {
            try copy(into: sliced === x ? try x.view(x.shape) : sliced, value, x.dtype)
            return
        }
        try bridged {
            if let s = scalar {
                if let mask = try sliced.fillMask(indices) {
                    try sliced.maskedFill_(mask, value: s)
                } else if indices.compactMap({ $0 }).count == 1, indices.contains(where: { $0?.dtype == .int64 }) {
                    try sliced.indexFill_(indices, value: s)
                } else {
                    try sliced.indexPut_(indices, values: Tensor.full([], value: s.doubleValue, dtype: sliced.dtype))
                }
                return
            }
            guard let v = valueTensor else {
                throw PyError.typeError("can't assign a \(value.typeName) to a \(x.dtype.legacyTensorTypeName)")
            }
            // ATen strips leading 1s from the value's shape before broadcasting it to the indexing result.
            let leadingOnes = v.shape.prefix { $0 == 1 }.count
            try sliced.indexPut_(indices, values: leadingOnes > 0 ? try v.view(Array(v.shape.dropFirst(leadingOnes))) : v)
        }
    }

    private func copy(into target: Tensor, _ value: Value, _ dtype: DType) throws {
        if let s = Convert.scalar(value) {
            try target.fill_(s.doubleValue)
        } else if let v = tensor(value) {
            try target.copy_(v)
        } else {
            try target.copy_(try tensorFromData(value, dtype: dtype))
        }
    }

    /// ATen's `applySlicing`: the basic indices applied as views, and the advanced indices left over
    /// (empty when there are none; otherwise one entry per dimension of the result so far, `nil` = whole).
    private func applySlicing(_ x: Tensor, _ key: Value) throws -> (Tensor, [Tensor?]) {
        let items = indexItems(key)
        let specified = items.reduce(0) { n, item in
            if let t = tensor(item) { return n + (t.dtype == .bool ? t.dim : 1) }
            if item.isNone || isEllipsis(item) { return n }
            if case .bool = item { return n }
            return n + 1
        }
        if items.filter(isEllipsis).count > 1 {
            throw PyError.indexError("an index can only have a single ellipsis ('...')")
        }
        // A lone int on a 0-d tensor reaches applySelect, whose error names the 0-d case.
        let loneInt: Bool = if items.count == 1, case .int = items[0] { true } else { false }
        if specified > x.dim && !loneInt { throw PyError.indexError("too many indices for tensor of dimension \(x.dim)") }
        var result = x
        var d = 0
        var indices: [Tensor?] = []
        func record(_ t: Tensor) {
            if indices.isEmpty { indices = [Tensor?](repeating: nil, count: d) }
            indices.append(t)
            d += t.dtype == .bool ? t.dim : 1
        }
        func skip(_ n: Int) {
            d += n
            if !indices.isEmpty { indices += [Tensor?](repeating: nil, count: n) }
        }
        for (position, item) in items.enumerated() {
            if item.isNone {
                result = try result.unsqueeze(d)
                skip(1)
            } else if isEllipsis(item) {
                skip(x.dim - specified)
            } else if let s = item.as(PySlice.self) {
                let step = s.step.isNone ? 1 : try Convert.int(s.step, "slice", "step")
                if step <= 0 { throw PyError.valueError("step must be greater than zero") }
                let start = s.start.isNone ? nil : try Convert.int(s.start, "slice", "start")
                let stop = s.stop.isNone ? nil : try Convert.int(s.stop, "slice", "stop")
                result = try result.slice(dim: d, start: start, end: stop, step: step)
                skip(1)
            } else if case .bool(let b) = item {
                result = try result.unsqueeze(d)
                record(Tensor(int64Values: b ? [0] : [], shape: [b ? 1 : 0]))
            } else if case .int(let i) = item {
                result = try select(result, d, i, realDim: position)
            } else if let t = tensor(item) {
                if t.dim == 0 && t.dtype == .int64 {
                    result = try select(result, d, Int(t.toInt64Array()[0]), realDim: position)
                } else if t.dim == 0 && t.dtype == .bool {
                    result = try result.unsqueeze(d)
                    record(Tensor(int64Values: t.toBoolArray()[0] ? [0] : [], shape: [t.toBoolArray()[0] ? 1 : 0]))
                } else {
                    record(t)
                }
            } else if let seq = sequenceValues(item) {
                record(try indexingTensor(.object(PyList(seq))))
            } else {
                throw PyError.indexError("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got \(item.typeName))")
            }
        }
        return (result, indices)
    }

    /// The key as a tuple of items. A list is one index unless NumPy's rule reads it as a tuple: fewer
    /// than 32 items, one of which is a tensor, a sequence, a slice, Ellipsis or None.
    private func indexItems(_ key: Value) -> [Value] {
        if let t = key.as(PyTuple.self) { return t.items }
        if let l = key.as(PyList.self), l.items.count < 32, l.items.contains(where: { item in
            tensor(item) != nil || sequenceValues(item) != nil || item.as(PySlice.self) != nil
                || item.isNone || isEllipsis(item)
        }) {
            return l.items
        }
        return [key]
    }

    private func sequenceValues(_ v: Value) -> [Value]? {
        if let items = Convert.sequenceItems(v) { return items }
        if let r = v.as(PyRange.self), r.count < 1 << 31 { return (0..<r.count).map { .int(r.element($0)) } }
        return nil
    }

    /// PyTorch's `indexing_tensor_from_data`: bool data gives a mask, anything else an int64 index.
    private func indexingTensor(_ data: Value) throws -> Tensor {
        let inferred = try tensorFromData(data, dtype: nil)
        return inferred.dtype == .bool ? inferred : try tensorFromData(data, dtype: .int64)
    }

    private func select(_ t: Tensor, _ d: Int, _ i: Int, realDim: Int) throws -> Tensor {
        if t.dim == 0 {
            if i == 0 {
                throw PyError.indexError("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
            }
            throw PyError.indexError("index \(i) is out of bounds for dimension 0 with size 0")
        }
        let size = t.shape[d]
        if i < -size || i >= size {
            throw PyError.indexError("index \(i) is out of bounds for dimension \(realDim) with size \(size)")
        }
        return try t.select(dim: d, index: i)
    }

    private func isEllipsis(_ v: Value) -> Bool {
        if case .object(let o) = v { return o.type === Types.ellipsisType }
        return false
    }
}
