import Language
import TensorEngine

/// `torch.tensor(data)`: nested lists of numbers (or one-element tensors) to a tensor, with PyTorch's
/// dtype inference (any float → float32, else any int → int64, else bool).
extension TorchLibrary {
    func tensorFromData(_ data: Value, dtype requested: DType?) throws -> Tensor {
        if let t = tensor(data) {
            let copy = try t.detach().clone()
            return try requested.map { try copy.to($0) } ?? copy
        }
        var shape: [Int] = []
        var leaves: [Scalar] = []
        try flatten(data, depth: 0, shape: &shape, into: &leaves)
        let inferred: DType
        if leaves.contains(where: { if case .double = $0 { return true }; return false }) {
            inferred = .float32
        } else if leaves.contains(where: { if case .int = $0 { return true }; return false }) {
            inferred = .int64
        } else if leaves.isEmpty {
            inferred = .float32
        } else {
            inferred = .bool
        }
        return try makeTensor(leaves, shape: shape, dtype: requested ?? inferred)
    }

    func makeTensor(_ leaves: [Scalar], shape: [Int], dtype: DType) throws -> Tensor {
        switch dtype {
        case .int64:
            return Tensor(int64Values: try leaves.map { s throws -> Int64 in
                switch s {
                case .int(let i): return i
                case .bool(let b): return b ? 1 : 0
                case .double(let d):
                    guard let v = Int64(exactly: d.rounded(.towardZero)) else {  // NaN, inf, beyond int64
                        throw PyError.runtimeError("value cannot be converted to type int64 without overflow")
                    }
                    return v
                }
            }, shape: shape)
        case .bool:
            return Tensor(boolValues: leaves.map { $0.doubleValue != 0 }, shape: shape)
        default:
            return Tensor(values: leaves.map(\.doubleValue), shape: shape, dtype: dtype)
        }
    }

    private func flatten(_ v: Value, depth: Int, shape: inout [Int], into leaves: inout [Scalar]) throws {
        if let items = Convert.sequenceItems(v) {
            if depth == shape.count {
                shape.append(items.count)
            } else if depth > shape.count || shape[depth] != items.count {
                if depth >= shape.count {
                    throw PyError.valueError("expected sequence of length 0 at dim \(depth) (got \(items.count))")
                }
                throw PyError.valueError("expected sequence of length \(shape[depth]) at dim \(depth) (got \(items.count))")
            }
            for item in items { try flatten(item, depth: depth + 1, shape: &shape, into: &leaves) }
            return
        }
        if depth < shape.count {
            throw PyError.valueError("expected sequence of length \(shape[depth]) at dim \(depth) (got \(v.typeName))")
        }
        if let s = Convert.scalar(v) {
            leaves.append(s)
        } else if let t = tensor(v) {
            if t.numel != 1 || t.dim != 0 {
                if t.numel == 1 {
                    leaves.append(try t.itemScalar())
                    return
                }
                throw PyError.valueError("only one element tensors can be converted to Python scalars")
            }
            leaves.append(try t.itemScalar())
        } else {
            throw PyError.typeError("new(): invalid data type '\(v.typeName)'")
        }
    }

    /// `t.tolist()`: nested Python lists of ints, floats or bools.
    func toList(_ t: Tensor) -> Value {
        let flat: [Value]
        switch t.dtype {
        case .int64: flat = t.toInt64Array().map { .int(Int($0)) }
        case .bool: flat = t.toBoolArray().map { .bool($0) }
        default: flat = t.toDoubleArray().map { .float($0) }
        }
        if t.dim == 0 { return flat[0] }
        var index = 0
        func build(_ d: Int) -> Value {
            var items: [Value] = []
            for _ in 0..<t.shape[d] {
                if d == t.dim - 1 { items.append(flat[index]); index += 1 } else { items.append(build(d + 1)) }
            }
            return .object(PyList(items))
        }
        return build(0)
    }

    /// `t.item()` as a Python number.
    func item(_ t: Tensor) throws -> Value {
        switch try t.itemScalar() {
        case .int(let i): return .int(Int(i))
        case .bool(let b): return .bool(b)
        case .double(let d): return .float(d)
        }
    }
}
