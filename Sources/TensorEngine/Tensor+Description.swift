extension Tensor: CustomStringConvertible {
    /// PyTorch's `repr(t)`, rendered by `TensorFormatter`.
    public var description: String {
        if isUninitializedParameter { return "<UninitializedParameter>" }
        let options = PrintOptions.current
        let shown = numel > Swift.max(options.threshold, 1 << 16) ? (try? printedEdges(options)) : nil
        let source = shown ?? self
        let elements: PrintableElements
        switch dtype {
        case .float32, .float64: elements = .floating(source.toDoubleArray())
        case .int64: elements = .integer(source.elements(as: Int64.self))
        case .bool: elements = .boolean(source.elements(as: Bool.self))
        }
        return TensorFormatter.format(elements, shape: source.shape, dtype: dtype, gradFnName: gradFn?.name,
                                      requiresGrad: requiresGrad, isParameter: isParameter, options: options,
                                      summarizedFrom: shown == nil ? nil : shape)
    }

    /// Only what a summarised repr reads: the first `edgeitems` + 1 and last `edgeitems` along each long
    /// dimension (the extra middle item is elided). Reading every element of a huge, possibly expanded,
    /// tensor would need more memory than exists.
    private func printedEdges(_ options: PrintOptions) throws -> Tensor {
        let edge = Swift.min(Swift.max(options.edgeItems, 0), 1 << 40)
        return try GradMode.withNoGrad {
            var t = detach()
            for d in 0..<dim where t.shape[d] > 2 * edge + 1 {
                let head = try t.narrow(dim: d, start: 0, length: edge + 1)
                t = edge == 0 ? head : try Tensor.cat([head, try t.narrow(dim: d, start: t.shape[d] - edge, length: edge)], dim: d)
            }
            try Tensor.checkAllocation(t.shape, dtype: .float64)
            return t
        }
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
