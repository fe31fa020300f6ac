/// Binary arithmetic with broadcasting, type promotion and autograd (`+ - * / **`, `maximum`, ...).
extension Tensor {
    public func add(_ other: Tensor, alpha: Scalar = 1) throws -> Tensor {
        let out = try Tensor.arithmetic(.add, self, other, alpha: alpha.doubleValue)
        if !Autograd.tracks(self, other) { return out }
        return Autograd.record(.add(alpha: alpha.doubleValue), inputs: [self, other], output: out)
    }

    public func add(_ other: Scalar, alpha: Scalar = 1) throws -> Tensor { try add(.wrapping(other), alpha: alpha) }

    public func sub(_ other: Tensor, alpha: Scalar = 1) throws -> Tensor {
        let out = try Tensor.arithmetic(.sub, self, other, alpha: alpha.doubleValue)
        if !Autograd.tracks(self, other) { return out }
        return Autograd.record(.sub(alpha: alpha.doubleValue), inputs: [self, other], output: out)
    }

    public func sub(_ other: Scalar, alpha: Scalar = 1) throws -> Tensor { try sub(.wrapping(other), alpha: alpha) }

    /// `other - alpha * self` (`1 - t` in Python): grad_fn `RsubBackward1`.
    public func rsub(_ other: Scalar, alpha: Scalar = 1) throws -> Tensor {
        let out = try Tensor.arithmetic(.sub, .wrapping(other), self, alpha: alpha.doubleValue)
        return Autograd.record(.rsub(alpha: alpha.doubleValue), inputs: [self], output: out)
    }

    public func mul(_ other: Tensor) throws -> Tensor {
        let out = try Tensor.arithmetic(.mul, self, other)
        if !Autograd.tracks(self, other) { return out }
        return Autograd.record(.mul, inputs: [self, other], saving: [self, other], output: out)
    }

    public func mul(_ other: Scalar) throws -> Tensor { try mul(.wrapping(other)) }

    /// True division: integer inputs give float32.
    public func div(_ other: Tensor) throws -> Tensor {
        let out = try Tensor.arithmetic(.div, self, other)
        if !Autograd.tracks(self, other) { return out }
        return Autograd.record(.div, inputs: [self, other], saving: [self, other], output: out)
    }

    public func div(_ other: Scalar) throws -> Tensor { try div(.wrapping(other)) }

    /// `scalar / t`, which PyTorch computes as `t.reciprocal() * scalar`.
    public func rdiv(_ other: Scalar) throws -> Tensor { try reciprocal().mul(other) }

    public func pow(_ exponent: Tensor) throws -> Tensor {
        let out = try Tensor.arithmetic(.pow, self, exponent)
        return Autograd.record(.powTensor, inputs: [self, exponent], saving: [self, exponent, out], output: out)
    }

    public func pow(_ exponent: Scalar) throws -> Tensor {
        let out = try powerForward(exponent)
        return Autograd.record(.powScalar(exponent.doubleValue), inputs: [self], saving: [self], output: out)
    }

    /// ATen's `pow_tensor_scalar_optimized_kernel`: for floating tensors the common exponents are computed
    /// as products, square roots and reciprocals, not with `pow`, so `x ** 2` and `x ** 3` round exactly as
    /// in PyTorch (a general `powf` may differ in the last bit).
    private func powerForward(_ exponent: Scalar) throws -> Tensor {
        guard dtype.isFloatingPoint, case let e = exponent.doubleValue, [0.5, 2, 3, -0.5, -1, -2].contains(e) else {
            return try Tensor.arithmetic(.pow, self, .wrapping(exponent))
        }
        switch e {
        case 0.5: return try Tensor.unary(.sqrt, self)
        case 2: return try Tensor.arithmetic(.mul, self, self)
        case 3: return try Tensor.arithmetic(.mul, try Tensor.arithmetic(.mul, self, self), self)
        case -0.5: return try Tensor.unary(.rsqrt, self)
        case -1: return try Tensor.unary(.reciprocal, self)
        default: return try Tensor.unary(.reciprocal, try Tensor.arithmetic(.mul, self, self))
        }
    }

    /// `scalar ** t`: grad_fn `PowBackward2`.
    public func rpow(_ base: Scalar) throws -> Tensor {
        let out = try Tensor.arithmetic(.pow, .wrapping(base), self)
        return Autograd.record(.powScalarBase(base.doubleValue), inputs: [self], saving: [out], output: out)
    }

    public func maximum(_ other: Tensor) throws -> Tensor {
        let out = try Tensor.arithmetic(.maximum, self, other)
        return Autograd.record(.maximum, inputs: [self, other], saving: [self, other], output: out)
    }

    public func minimum(_ other: Tensor) throws -> Tensor {
        let out = try Tensor.arithmetic(.minimum, self, other)
        return Autograd.record(.minimum, inputs: [self, other], saving: [self, other], output: out)
    }

    /// Python's `%` (sign of the divisor).
    public func remainder(_ other: Tensor) throws -> Tensor {
        let out = try Tensor.arithmetic(.remainder, self, other)
        return Autograd.record(.remainder, inputs: [self, other], output: out)
    }

    public func remainder(_ other: Scalar) throws -> Tensor { try remainder(.wrapping(other)) }

    /// Python's `//`.
    public func floorDivide(_ other: Tensor) throws -> Tensor { try Tensor.arithmetic(.floorDivide, self, other) }
    public func floorDivide(_ other: Scalar) throws -> Tensor { try floorDivide(.wrapping(other)) }

    public func atan2(_ other: Tensor) throws -> Tensor { try Tensor.arithmetic(.atan2, self, other) }

    // MARK: Comparisons (bool results, never tracked)

    public func eq(_ other: Tensor) throws -> Tensor { try Tensor.compare(.eq, self, other) }
    public func ne(_ other: Tensor) throws -> Tensor { try Tensor.compare(.ne, self, other) }
    public func lt(_ other: Tensor) throws -> Tensor { try Tensor.compare(.lt, self, other) }
    public func le(_ other: Tensor) throws -> Tensor { try Tensor.compare(.le, self, other) }
    public func gt(_ other: Tensor) throws -> Tensor { try Tensor.compare(.gt, self, other) }
    public func ge(_ other: Tensor) throws -> Tensor { try Tensor.compare(.ge, self, other) }
    public func eq(_ other: Scalar) throws -> Tensor { try eq(.wrapping(other)) }
    public func ne(_ other: Scalar) throws -> Tensor { try ne(.wrapping(other)) }
    public func lt(_ other: Scalar) throws -> Tensor { try lt(.wrapping(other)) }
    public func le(_ other: Scalar) throws -> Tensor { try le(.wrapping(other)) }
    public func gt(_ other: Scalar) throws -> Tensor { try gt(.wrapping(other)) }
    public func ge(_ other: Scalar) throws -> Tensor { try ge(.wrapping(other)) }
    public func logicalAnd(_ other: Tensor) throws -> Tensor { try Tensor.compare(.logicalAnd, self, other) }
    public func logicalOr(_ other: Tensor) throws -> Tensor { try Tensor.compare(.logicalOr, self, other) }
    public func logicalXor(_ other: Tensor) throws -> Tensor { try Tensor.compare(.logicalXor, self, other) }
    public func logicalNot() -> Tensor { unaryMap(materialized(as: .bool)) { (x: Bool) in !x } }

    /// `torch.equal`: same shape and same values.
    public func equal(_ other: Tensor) -> Bool {
        shape == other.shape && ((try? eq(other).toBoolArray().allSatisfy { $0 }) ?? false)
    }

    /// `torch.allclose`.
    public func allClose(_ other: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8) throws -> Bool {
        _ = try Tensor.broadcastShapes(shape, other.shape)
        let a = try sub(other).detach().abs().toDoubleArray()
        let b = try other.detach().abs().mul(.double(rtol)).add(.double(atol)).expand(to: try Tensor.broadcastShapes(shape, other.shape)).toDoubleArray()
        return zip(a, b).allSatisfy { $0 <= $1 }
    }
}

// MARK: Operators (`try a + b`)

extension Tensor {
    public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.add(rhs) }
    public static func + (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.add(rhs) }
    public static func + (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.add(lhs) }
    public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.sub(rhs) }
    public static func - (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.sub(rhs) }
    public static func - (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.rsub(lhs) }
    public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.mul(rhs) }
    public static func * (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.mul(rhs) }
    public static func * (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.mul(lhs) }
    public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.div(rhs) }
    public static func / (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.div(rhs) }
    public static func / (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.rdiv(lhs) }
    public static prefix func - (operand: Tensor) throws -> Tensor { try operand.neg() }
}
