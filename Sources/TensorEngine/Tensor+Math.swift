/// Pointwise functions with autograd (`exp`, `log`, `relu`, `sigmoid`, `clamp`, `where`, ...).
extension Tensor {
    private func pointwise(_ op: UnaryOp, _ backward: BackwardOp?, savingInput: Bool = false, savingResult: Bool = false) throws -> Tensor {
        let out = try Tensor.unary(op, self)
        guard let backward else { return out }
        var saving: [Tensor] = []
        if savingInput { saving.append(self) }
        if savingResult { saving.append(out) }
        return Autograd.record(backward, inputs: [self], saving: saving, output: out)
    }

    public func neg() throws -> Tensor { try pointwise(.neg, .neg) }
    public func exp() throws -> Tensor { try pointwise(.exp, .exp, savingResult: true) }
    public func log() throws -> Tensor { try pointwise(.log, .log, savingInput: true) }
    public func sqrt() throws -> Tensor { try pointwise(.sqrt, .sqrt, savingResult: true) }
    public func rsqrt() throws -> Tensor { try pointwise(.rsqrt, .rsqrt, savingResult: true) }
    public func sin() throws -> Tensor { try pointwise(.sin, .sin, savingInput: true) }
    public func cos() throws -> Tensor { try pointwise(.cos, .cos, savingInput: true) }
    public func tanh() throws -> Tensor { try pointwise(.tanh, .tanh, savingResult: true) }
    public func sigmoid() throws -> Tensor { try pointwise(.sigmoid, .sigmoid, savingResult: true) }
    public func relu() throws -> Tensor { try pointwise(.relu, .relu, savingResult: true) }
    public func abs() throws -> Tensor { try pointwise(.abs, .abs, savingInput: true) }
    public func log1p() throws -> Tensor { try pointwise(.log1p, .log1p, savingInput: true) }
    public func expm1() throws -> Tensor { try pointwise(.expm1, .expm1, savingResult: true) }
    public func reciprocal() throws -> Tensor { try pointwise(.reciprocal, .reciprocal, savingResult: true) }
    public func sign() throws -> Tensor { try pointwise(.sign, .zeroGrad("SignBackward0")) }
    public func floor() throws -> Tensor { try pointwise(.floor, .zeroGrad("FloorBackward0")) }
    public func ceil() throws -> Tensor { try pointwise(.ceil, .zeroGrad("CeilBackward0")) }
    public func round() throws -> Tensor { try pointwise(.round, .zeroGrad("RoundBackward0")) }
    public func trunc() throws -> Tensor { try pointwise(.trunc, .zeroGrad("TruncBackward0")) }
    /// `x * x` as `x.pow(2)` (grad_fn `PowBackward0`).
    public func square() throws -> Tensor { try pow(2) }

    /// `torch.clamp(min, max)`; either bound may be omitted. grad_fn `ClampBackward1` (`ClampMinBackward0`/`ClampMaxBackward0` for one bound).
    public func clamp(min lo: Scalar? = nil, max hi: Scalar? = nil) throws -> Tensor {
        if lo == nil && hi == nil {
            throw TensorError.runtime("torch.clamp: At least one of 'min' or 'max' must not be None")
        }
        var out = self.detach()
        try GradMode.withNoGrad {
            if let lo { out = try out.maximumKeepingNaN(.wrapping(lo)) }
            if let hi { out = try out.minimumKeepingNaN(.wrapping(hi)) }
        }
        return Autograd.record(.clamp(min: lo?.doubleValue, max: hi?.doubleValue), inputs: [self], saving: [self], output: out)
    }

    /// `Swift.max(x, bound)` that leaves NaN in `x` as NaN, promoting like `clamp`.
    private func maximumKeepingNaN(_ bound: Tensor) throws -> Tensor {
        let out = try Tensor.arithmetic(.maximum, self, bound)
        return out
    }

    private func minimumKeepingNaN(_ bound: Tensor) throws -> Tensor {
        try Tensor.arithmetic(.minimum, self, bound)
    }

    /// `torch.where(condition, self, other)`.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        if condition.dtype != .bool {
            throw TensorError.runtime("where expected condition to be a boolean tensor, but got a tensor with dtype \(condition.dtype.scalarTypeName)")
        }
        let shape = try broadcastShapes(condition.shape, try broadcastShapes(a.shape, b.shape))
        let ct = resultType([a, b])
        let x = a.materialized(as: ct == a.dtype ? nil : ct), y = b.materialized(as: ct == b.dtype ? nil : ct)
        let out: Tensor
        switch ct {
        case .float32: out = ternaryMap(condition, x, y, shape) { (c: Bool, p: Float, q: Float) in c ? p : q }
        case .float64: out = ternaryMap(condition, x, y, shape) { (c: Bool, p: Double, q: Double) in c ? p : q }
        case .int64: out = ternaryMap(condition, x, y, shape) { (c: Bool, p: Int64, q: Int64) in c ? p : q }
        case .bool: out = ternaryMap(condition, x, y, shape) { (c: Bool, p: Bool, q: Bool) in c ? p : q }
        }
        return Autograd.record(.where, inputs: [a, b], saving: [condition], output: out)
    }

    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Scalar) throws -> Tensor {
        try `where`(condition, a, .wrapping(b))
    }

    /// `t.masked_fill(mask, value)`.
    public func maskedFill(_ mask: Tensor, value: Scalar) throws -> Tensor {
        if mask.dtype != .bool {
            throw TensorError.runtime("masked_fill_ only supports boolean masks, but got mask with dtype \(mask.dtype.pythonName)")
        }
        let v = Tensor.wrapping(value).materialized(as: dtype)
        let out = try GradMode.withNoGrad { try Tensor.where(mask, v, self.detach()) }
        if out.shape != shape {
            throw TensorError.runtime("output with shape \(shapeList(shape)) doesn't match the broadcast shape \(shapeList(out.shape))")
        }
        return Autograd.record(.maskedFill, inputs: [self], saving: [mask], output: out)
    }

}
