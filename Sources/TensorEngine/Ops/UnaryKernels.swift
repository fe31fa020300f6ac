/// Pointwise functions of one tensor. Float math stays in the tensor's own precision.
enum UnaryOp: Sendable {
    case neg, exp, log, sqrt, rsqrt, sin, cos, tanh, sigmoid, relu, abs, sign, log1p, expm1
    case floor, ceil, round, trunc, reciprocal

    /// Ops whose integer inputs keep their dtype; the rest compute in float32 for integer inputs.
    var keepsIntegerType: Bool {
        switch self {
        case .neg, .relu, .abs, .sign, .floor, .ceil, .round, .trunc: true
        default: false
        }
    }
}

extension Tensor {
    static func unary(_ op: UnaryOp, _ a: Tensor) throws -> Tensor {
        if op == .neg && a.dtype == .bool {
            throw TensorError.runtime("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        }
        try checkAllocation(a.shape, dtype: a.dtype)  // an expanded view can be larger than memory
        if a.dtype.isIntegral && op.keepsIntegerType {
            let x = a.materialized(as: .int64)
            let out: Tensor
            switch op {
            case .neg: out = unaryMap(x) { (v: Int64) in 0 &- v }
            case .relu: out = unaryMap(x) { (v: Int64) in Swift.max(v, 0) }
            case .abs: out = unaryMap(x) { (v: Int64) in v < 0 ? 0 &- v : v }
            case .sign: out = unaryMap(x) { (v: Int64) in v > 0 ? 1 : (v < 0 ? -1 : 0) }
            default: out = x.materialized(copyAlways: true)
            }
            return a.dtype == .bool ? out.materialized(as: .bool) : out
        }
        let ct = floatResultType(a.dtype)
        let x = a.materialized(as: ct == a.dtype ? nil : ct)
        switch ct {
        case .float64: return floatUnary(Double.self, op, x)
        default: return floatUnary(Float.self, op, x)
        }
    }

    private static func floatUnary<T: FloatElement>(_: T.Type, _ op: UnaryOp, _ a: Tensor) -> Tensor {
        switch op {
        case .neg:
            if T.self == Float.self && a.isContiguous { return denseFloat32(a, DenseKernels.neg) }
            return unaryMap(a) { (x: T) in -x }
        case .exp:
            if T.self == Float.self && a.isContiguous { return denseFloat32(a, DenseKernels.exp) }
            return unaryMap(a) { (x: T) in T.expValue(x) }
        case .log: return unaryMap(a) { (x: T) in T.logValue(x) }
        case .sqrt: return unaryMap(a) { (x: T) in x.squareRoot() }
        case .rsqrt: return unaryMap(a) { (x: T) in 1 / x.squareRoot() }
        case .sin: return unaryMap(a) { (x: T) in T.sinValue(x) }
        case .cos: return unaryMap(a) { (x: T) in T.cosValue(x) }
        case .tanh: return unaryMap(a) { (x: T) in T.tanhValue(x) }
        case .sigmoid:
            if T.self == Float.self && a.isContiguous { return denseFloat32(a, DenseKernels.sigmoid) }
            return unaryMap(a) { (x: T) in 1 / (1 + T.expValue(-x)) }
        case .relu:
            if T.self == Float.self && a.isContiguous { return denseFloat32(a, DenseKernels.relu) }
            return unaryMap(a) { (x: T) in x.isNaN ? x : (x > 0 ? x : 0) }
        case .abs: return unaryMap(a) { (x: T) in Swift.abs(x) }
        case .sign: return unaryMap(a) { (x: T) in x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0)) }
        case .log1p: return unaryMap(a) { (x: T) in T.log1pValue(x) }
        case .expm1: return unaryMap(a) { (x: T) in T.expm1Value(x) }
        case .floor: return unaryMap(a) { (x: T) in x.rounded(.down) }
        case .ceil: return unaryMap(a) { (x: T) in x.rounded(.up) }
        case .round: return unaryMap(a) { (x: T) in x.rounded(.toNearestOrEven) }
        case .trunc: return unaryMap(a) { (x: T) in x.rounded(.towardZero) }
        case .reciprocal: return unaryMap(a) { (x: T) in 1 / x }
        }
    }

    /// A contiguous float32 op through one of `DenseKernels`' loops.
    private static func denseFloat32(_ a: Tensor,
                                     _ kernel: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void) -> Tensor {
        let out = Tensor(overwritten: a.shape, dtype: .float32)
        kernel(UnsafePointer(a.storage.pointer(Float.self) + a.offset), out.storage.pointer(Float.self), a.numel)
        return out
    }
}
