extension Tensor: CustomStringConvertible {
    /// PyTorch's `repr(t)`, rendered by `TensorFormatter`.
    public var description: String {
        if isUninitializedParameter { return "<UninitializedParameter>" }
        let elements: PrintableElements
        switch dtype {
        case .float32, .float64: elements = .floating(toDoubleArray())
        case .int64: elements = .integer(self.elements(as: Int64.self))
        case .bool: elements = .boolean(self.elements(as: Bool.self))
        }
        return TensorFormatter.format(elements, shape: shape, dtype: dtype, gradFnName: gradFn?.name,
                                      requiresGrad: requiresGrad, isParameter: isParameter)
    }

    /// The logical elements, row-major, as doubles.
    public func toDoubleArray() -> [Double] { elements(as: Double.self) }

    /// The logical elements as exact integers (floats truncate toward zero).
    public func toInt64Array() -> [Int64] { elements(as: Int64.self) }

    /// The logical elements as booleans (non-zero is true).
    public func toBoolArray() -> [Bool] { elements(as: Bool.self) }

    /// `t.item()`: the value of a one-element tensor.
    public func item() throws -> Double {
        if numel != 1 {
            throw TensorError.runtime("a Tensor with \(numel) elements cannot be converted to Scalar")
        }
        return toDoubleArray()[0]
    }

    /// `t.item()` keeping the Python type: int for int64, bool for bool, float otherwise.
    public func itemScalar() throws -> Scalar {
        let v = try item()
        switch dtype {
        case .int64: return .int(toInt64Array()[0])
        case .bool: return .bool(v != 0)
        default: return .double(v)
        }
    }
}
