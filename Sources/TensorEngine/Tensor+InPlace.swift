/// In-place operations (`add_`, `mul_`, `fill_`, `copy_`, ...). They bump the version counter, refuse leaves
/// that require grad while recording, and make a non-leaf take over the op's grad_fn.
extension Tensor {
    func checkInPlace() throws {
        guard GradMode.isEnabled else { return }
        if isLeaf && requiresGrad {
            throw TensorError.runtime("a leaf Variable that requires grad is being used in an in-place operation.")
        }
        if let base = viewBase, requiresGrad, base.isLeaf, base.requiresGrad {
            throw TensorError.runtime("a view of a leaf Variable that requires grad is being used in an in-place operation.")
        }
    }

    /// After an in-place op on a view, routes the base's gradient through `CopySlices`, as PyTorch does.
    private func rebaseHistory(_ result: Tensor) {
        guard GradMode.isEnabled, let base = viewBase, result.requiresGrad || base.requiresGrad,
              base.isContiguous, base.offset == 0 else { return }
        let op = BackwardOp.copySlices(shape: shape, strides: strides, offset: offset - base.offset)
        base.gradFn = GradFn(op: op, inputs: [base, result], saving: [])
    }

    /// Runs the out-of-place `compute`, writes its result into this view and adopts its grad_fn.
    @discardableResult
    func applyInPlace(_ compute: (Tensor) throws -> Tensor) throws -> Tensor {
        try checkInPlace()
        // While recording, the op sees a copy carrying this tensor's history, so what it saves of
        // `self` keeps the original values (PyTorch's `original_self`).
        var input = self
        if GradMode.isEnabled && requiresGrad {
            input = materialized(copyAlways: true)
            input.gradFn = gradFn
        }
        let result = try compute(input)
        if result.shape != shape {
            throw TensorError.runtime("output with shape \(shapeList(shape)) doesn't match the broadcast shape \(shapeList(result.shape))")
        }
        if !Tensor.canCast(from: result.dtype, to: dtype) {
            throw TensorError.runtime("result type \(result.dtype.scalarTypeName) can't be cast to the desired output type \(dtype.scalarTypeName)")
        }
        copyElements(from: result)
        bumpVersion()
        rebaseHistory(result)
        if let fn = result.gradFn { gradFn = fn }
        return self
    }

    @discardableResult public func add_(_ other: Tensor, alpha: Scalar = 1) throws -> Tensor { try applyInPlace { try $0.add(other, alpha: alpha) } }
    @discardableResult public func add_(_ other: Scalar, alpha: Scalar = 1) throws -> Tensor { try applyInPlace { try $0.add(other, alpha: alpha) } }
    @discardableResult public func sub_(_ other: Tensor, alpha: Scalar = 1) throws -> Tensor { try applyInPlace { try $0.sub(other, alpha: alpha) } }
    @discardableResult public func sub_(_ other: Scalar, alpha: Scalar = 1) throws -> Tensor { try applyInPlace { try $0.sub(other, alpha: alpha) } }
    @discardableResult public func mul_(_ other: Tensor) throws -> Tensor { try applyInPlace { try $0.mul(other) } }
    @discardableResult public func mul_(_ other: Scalar) throws -> Tensor { try applyInPlace { try $0.mul(other) } }
    @discardableResult public func div_(_ other: Tensor) throws -> Tensor { try applyInPlace { try $0.div(other) } }
    @discardableResult public func div_(_ other: Scalar) throws -> Tensor { try applyInPlace { try $0.div(other) } }
    @discardableResult public func pow_(_ exponent: Scalar) throws -> Tensor { try applyInPlace { try $0.pow(exponent) } }
    @discardableResult public func neg_() throws -> Tensor { try applyInPlace { try $0.neg() } }
    @discardableResult public func exp_() throws -> Tensor { try applyInPlace { try $0.exp() } }
    @discardableResult public func log_() throws -> Tensor { try applyInPlace { try $0.log() } }
    @discardableResult public func sqrt_() throws -> Tensor { try applyInPlace { try $0.sqrt() } }
    @discardableResult public func abs_() throws -> Tensor { try applyInPlace { try $0.abs() } }
    @discardableResult public func relu_() throws -> Tensor { try applyInPlace { try $0.relu() } }
    @discardableResult public func sigmoid_() throws -> Tensor { try applyInPlace { try $0.sigmoid() } }
    @discardableResult public func tanh_() throws -> Tensor { try applyInPlace { try $0.tanh() } }
    @discardableResult public func clamp_(min lo: Scalar? = nil, max hi: Scalar? = nil) throws -> Tensor {
        try applyInPlace { try $0.clamp(min: lo, max: hi) }
    }
    @discardableResult public func maskedFill_(_ mask: Tensor, value: Scalar) throws -> Tensor {
        try applyInPlace { try $0.maskedFill(mask, value: value) }
    }

    /// `t.addcmul_(a, b, value)`: `t += value * a * b` (used by optimisers under no_grad).
    @discardableResult public func addcmul_(_ a: Tensor, _ b: Tensor, value: Scalar = 1) throws -> Tensor {
        try applyInPlace { try $0.add(try a.mul(b).mul(value)) }
    }

    /// `t.addcdiv_(a, b, value)`: `t += value * a / b`.
    @discardableResult public func addcdiv_(_ a: Tensor, _ b: Tensor, value: Scalar = 1) throws -> Tensor {
        try applyInPlace { try $0.add(try a.div(b).mul(value)) }
    }

    /// `t.fill_(value)`.
    @discardableResult public func fill_(_ value: Double) throws -> Tensor {
        try checkInPlace()
        fillRaw(value)
        bumpVersion()
        if requiresGrad && GradMode.isEnabled && !isLeaf {
            gradFn = GradFn(op: .zeroGrad("FillBackward0"), inputs: [Tensor.zeros([])], saving: [])
        }
        return self
    }

    /// `t.zero_()`.
    @discardableResult public func zero_() throws -> Tensor { try fill_(0) }

    /// `t.copy_(source)`: broadcasts `source` into this view, converting dtype.
    @discardableResult public func copy_(_ source: Tensor) throws -> Tensor {
        try checkInPlace()
        let src = try GradMode.withNoGrad { try source.detach().expand(to: shape).detach() }
        if src.storage === storage {
            copyElements(from: src.materialized(copyAlways: true))
        } else {
            copyElements(from: src)
        }
        bumpVersion()
        if GradMode.isEnabled && (source.requiresGrad || requiresGrad) {
            let result = source.shape == shape ? source : try source.expand(to: shape)
            let tracked = Tensor(storage: storage, shape: shape, strides: strides, offset: offset)
            tracked.gradFn = result.requiresGrad ? GradFn(op: .clone, inputs: [result], saving: []) : nil
            rebaseHistory(tracked)
            gradFn = tracked.gradFn
        }
        return self
    }

    /// In-place add of a same-shape tensor with no checks or autograd (gradient accumulation).
    func addRawInPlace(_ other: Tensor) throws {
        let sum = try GradMode.withNoGrad { try detach().add(other.detach()) }
        copyElements(from: sum)
    }
}
