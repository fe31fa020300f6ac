@testable import TensorEngine
import Testing

/// Broadcasting and PyTorch's type promotion.
struct BroadcastingTests {
    @Test func shapesBroadcast() throws {
        let a = Tensor(values: [1, 2, 3], shape: [3, 1])
        let b = Tensor(values: [10, 20], shape: [2])
        let c = try a.add(b)
        #expect(c.shape == [3, 2])
        #expect(c.toDoubleArray() == [11, 21, 12, 22, 13, 23])
        #expect(throws: TensorError(.runtime, "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1")) {
            try Tensor.ones([2, 3]).add(Tensor.ones([2, 2]))
        }
    }

    @Test(arguments: [
        (DType.int64, Scalar.double(2.5), DType.float32),
        (.float32, .double(2.5), .float32),
        (.bool, .int(1), .int64),
        (.int64, .int(2), .int64),
        (.float64, .int(2), .float64),
        (.bool, .bool(true), .bool),
    ])
    func tensorScalarPromotion(_ dtype: DType, _ scalar: Scalar, _ expected: DType) throws {
        #expect(try Tensor.ones([2], dtype: dtype).add(scalar).dtype == expected)
    }

    @Test func tensorTensorPromotion() throws {
        #expect(try Tensor.ones([2], dtype: .int64).add(Tensor.ones([2])).dtype == .float32)
        #expect(try Tensor.ones([2], dtype: .bool).add(Tensor.ones([2], dtype: .int64)).dtype == .int64)
        #expect(try Tensor.ones([2]).add(Tensor.ones([2], dtype: .float64)).dtype == .float64)
        // A 0-d tensor of the same category does not promote a dimensioned one.
        #expect(try Tensor.ones([2]).add(Tensor.scalar(1, dtype: .float64)).dtype == .float32)
        #expect(try Tensor.ones([2], dtype: .int64).add(Tensor.scalar(1, dtype: .float64)).dtype == .float64)
        #expect(try Tensor.ones([2], dtype: .int64).div(Tensor.ones([2], dtype: .int64)).dtype == .float32)
        #expect(try Tensor.ones([2], dtype: .int64).eq(1).dtype == .bool)
    }

    @Test func hugeOrNegativeShapesThrowInsteadOfTrapping() throws {
        #expect(throws: TensorError(.runtime, "Trying to create tensor with negative dimension -1: [2, -1]")) {
            try Tensor.validateShape([2, -1])
        }
        #expect(throws: TensorError(.runtime, "zeros: Dimension size must be non-negative.")) { try Tensor.validateShape([-1], op: "zeros") }
        #expect(throws: TensorError(.runtime, "Storage size calculation overflowed with sizes=[1099511627776, 1099511627776]")) {
            try Tensor.validateShape([1 << 40, 1 << 40])
        }
        #expect(throws: TensorError.self) {
            try Tensor.ones([1 << 20, 1]).add(Tensor.ones([1 << 22]))  // 16 TiB result
        }
        #expect(Tensor.zeros([-3]).numel == 0)
        #expect(throws: TensorError.self) { try Tensor.arange(0, .double(.infinity)) }
    }

    @Test func integerArithmetic() throws {
        let a = Tensor(int64Values: [7, -7, 7, -7], shape: [4])
        let b = Tensor(int64Values: [2, 2, -2, -2], shape: [4])
        #expect(try a.floorDivide(b).toInt64Array() == [3, -4, -4, 3])
        #expect(try a.remainder(b).toInt64Array() == [1, 1, -1, -1])
        #expect(try a.div(b).toDoubleArray() == [3.5, -3.5, -3.5, 3.5])
        #expect(try a.pow(2).toInt64Array() == [49, 49, 49, 49])
        #expect(throws: TensorError(.runtime, "Integers to negative integer powers are not allowed.")) { try a.pow(-1) }
    }

    @Test func boolErrors() throws {
        let t = Tensor(boolValues: [true, false], shape: [2])
        #expect(throws: TensorError(.notImplemented, "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")) {
            try t.sub(t)
        }
        #expect(try t.add(t).dtype == .bool)
    }

    @Test func inPlaceCastingAndShapeRules() throws {
        #expect(throws: TensorError(.runtime, "result type Float can't be cast to the desired output type Long")) {
            try Tensor.ones([2], dtype: .int64).add_(1.5)
        }
        #expect(throws: TensorError(.runtime, "output with shape [2] doesn't match the broadcast shape [2, 2]")) {
            try Tensor.ones([2]).add_(Tensor.ones([2, 2]))
        }
        let t = Tensor.ones([2, 2])
        try t.add_(Tensor(values: [1, 2], shape: [2]))
        #expect(t.toDoubleArray() == [2, 3, 2, 3])
    }

    @Test func float32ArithmeticIsSinglePrecision() throws {
        // 0.1f + 0.2f rounds differently from the double sum rounded to float.
        let a = Tensor(values: [0.1], shape: [1]), b = Tensor(values: [0.2], shape: [1])
        let sum = try a.add(b).toDoubleArray()[0]
        #expect(Float(sum) == Float(0.1) + Float(0.2))
        let scaled = try a.mul(.double(1.0 / 3.0)).toDoubleArray()[0]
        #expect(Float(scaled) == Float(0.1) * Float(1.0 / 3.0))
    }
}
