/// Activation functions with their own grad_fn, computed with ATen's scalar formulas.
enum Activation: Sendable, Equatable {
    case gelu, geluTanh, silu, erf
    case leakyRelu(slope: Double)
    case elu(alpha: Double)
    case softplus(beta: Double, threshold: Double)
    case hardtanh(min: Double, max: Double)
    case tan, asin, acos, atan, sinh, cosh, log2, log10

    /// Pointwise math that, like `erf`, computes integer inputs in float32.
    var promotesIntegers: Bool {
        switch self {
        case .erf, .tan, .asin, .acos, .atan, .sinh, .cosh, .log2, .log10: true
        default: false
        }
    }

    var backwardName: String {
        switch self {
        case .gelu, .geluTanh: "GeluBackward0"
        case .silu: "SiluBackward0"
        case .erf: "ErfBackward0"
        case .leakyRelu: "LeakyReluBackward0"
        case .elu: "EluBackward0"
        case .softplus: "SoftplusBackward0"
        case .hardtanh: "HardtanhBackward0"
        case .tan: "TanBackward0"
        case .asin: "AsinBackward0"
        case .acos: "AcosBackward0"
        case .atan: "AtanBackward0"
        case .sinh: "SinhBackward0"
        case .cosh: "CoshBackward0"
        case .log2: "Log2Backward0"
        case .log10: "Log10Backward0"
        }
    }

    /// The ATen kernel named in "not implemented for 'Long'" errors.
    var kernelName: String {
        switch self {
        case .gelu, .geluTanh: "GeluKernelImpl"
        case .silu: "silu_cpu"
        case .erf: "erf_vml_cpu"
        case .leakyRelu: "leaky_relu_cpu"
        case .elu: "elu_cpu"
        case .softplus: "softplus_cpu"
        case .hardtanh: "clamp_cpu"
        default: "\(self)"
        }
    }

    /// `M_2_SQRTPI * M_SQRT1_2 * 0.5` and `M_SQRT2 * M_2_SQRTPI * 0.5`, as in ATen's GeluKernel.
    static let geluPdfScale = 1.1283791670955126 * 0.7071067811865476 * 0.5
    static let geluTanhBeta = 1.4142135623730951 * 1.1283791670955126 * 0.5
    static let geluTanhKappa = 0.044715

    func forward<T: FloatElement>(_ x: T) -> T {
        switch self {
        case .gelu: return x * T(0.5) * (1 + T.erfValue(x * T(0.7071067811865476)))
        case .geluTanh:
            let inner = T(Self.geluTanhBeta) * (x + T(Self.geluTanhKappa) * x * x * x)
            return T(0.5) * x * (1 + T.tanhValue(inner))
        case .silu: return x / (1 + T.expValue(-x))
        case .erf: return T.erfValue(x)
        case .leakyRelu(let slope): return x > 0 ? x : x * T(slope)
        case .elu(let alpha): return x > 0 ? x : T(alpha) * T.expm1Value(x)
        case .softplus(let beta, let threshold):
            return x * T(beta) > T(threshold) ? x : T.log1pValue(T.expValue(x * T(beta))) / T(beta)
        case .hardtanh(let lo, let hi): return x.isNaN ? x : Swift.min(Swift.max(x, T(lo)), T(hi))
        case .tan: return T.tanValue(x)
        case .asin: return T.asinValue(x)
        case .acos: return T.acosValue(x)
        case .atan: return T.atanValue(x)
        case .sinh: return T.sinhValue(x)
        case .cosh: return T.coshValue(x)
        case .log2: return T.log2Value(x)
        case .log10: return T.log10Value(x)
        }
    }

    /// d(out)/dx times `dy`.
    func backward<T: FloatElement>(_ x: T, _ dy: T) -> T {
        switch self {
        case .gelu:
            let cdf = T(0.5) * (1 + T.erfValue(x * T(0.7071067811865476)))
            let pdf = T.expValue(T(-0.5) * x * x) * T(Self.geluPdfScale)
            return dy * (cdf + x * pdf)
        case .geluTanh:
            let (beta, kappa) = (T(Self.geluTanhBeta), T(Self.geluTanhKappa))
            let xSq = x * x, xCube = xSq * x
            let tanhInner = T.tanhValue(beta * (x + kappa * xCube))
            let left = T(0.5) * x, right = 1 + tanhInner
            let leftDerivative = T(0.5) * right
            let rightDerivative = (1 - tanhInner * tanhInner) * beta * (1 + 3 * kappa * xSq)
            return dy * (leftDerivative + left * rightDerivative)
        case .silu:
            let sigmoid = 1 / (1 + T.expValue(-x))
            return dy * sigmoid * (1 + x * (1 - sigmoid))
        case .erf: return dy * T(1.1283791670955126) * T.expValue(-(x * x))
        case .leakyRelu(let slope): return x > 0 ? dy : dy * T(slope)
        case .elu(let alpha): return x <= 0 ? dy * T(alpha) * T.expValue(x) : dy
        case .softplus(let beta, let threshold):
            let z = T.expValue(x * T(beta))
            return x * T(beta) > T(threshold) ? dy : dy * z / (z + 1)
        case .hardtanh(let lo, let hi): return x <= T(lo) || x >= T(hi) ? 0 : dy
        case .tan:
            let t = T.tanValue(x)
            return dy * (1 + t * t)
        case .asin, .acos:
            let one: T = 1
            let root: T = (one - x * x).squareRoot()
            let d: T = dy / root
            return self == .asin ? d : -d
        case .atan: return dy / (x * x + 1)
        case .sinh: return dy * T.coshValue(x)
        case .cosh: return dy * T.sinhValue(x)
        case .log2: return dy / (x * T(0.6931471805599453))
        case .log10: return dy / (x * T(2.302585092994046))
        }
    }
}

extension Tensor {
    func activation(_ kind: Activation) throws -> Tensor {
        if !dtype.isFloatingPoint && !kind.promotesIntegers {
            throw TensorError.notImplemented("\"\(kind.kernelName)\" not implemented for '\(dtype.scalarTypeName)'")
        }
        let out: Tensor = dtype == .float64
            ? unaryMap(self) { (x: Double) in kind.forward(x) }
            : unaryMap(materialized(as: .float32)) { (x: Float) in kind.forward(x) }
        return Autograd.record(.activation(kind), inputs: [self], saving: [self], output: out)
    }

    /// The backward kernel: `dy` and the saved input, elementwise.
    static func activationBackward(_ kind: Activation, input: Tensor, grad: Tensor) throws -> Tensor {
        let shape = try broadcastShapes(input.shape, grad.shape)
        if input.dtype == .float64 {
            return binaryMap(input, grad.materialized(as: .float64), shape) { (x: Double, dy: Double) in kind.backward(x, dy) }
        }
        return binaryMap(input.materialized(as: .float32), grad.materialized(as: .float32), shape) { (x: Float, dy: Float) in kind.backward(x, dy) }
    }

    /// `F.gelu(x, approximate: "none" | "tanh")`: grad_fn `GeluBackward0`.
    public func gelu(tanhApproximation: Bool = false) throws -> Tensor { try activation(tanhApproximation ? .geluTanh : .gelu) }
    /// `F.silu(x)`: grad_fn `SiluBackward0`.
    public func silu() throws -> Tensor { try activation(.silu) }
    /// `torch.erf(x)`: grad_fn `ErfBackward0`.
    public func erf() throws -> Tensor { try activation(.erf) }
    /// `F.leaky_relu(x, negative_slope)`: grad_fn `LeakyReluBackward0`.
    public func leakyRelu(negativeSlope: Double = 0.01) throws -> Tensor { try activation(.leakyRelu(slope: negativeSlope)) }
    /// `F.elu(x, alpha)`: grad_fn `EluBackward0`.
    public func elu(alpha: Double = 1) throws -> Tensor { try activation(.elu(alpha: alpha)) }
    /// `F.softplus(x, beta, threshold)`: grad_fn `SoftplusBackward0`.
    public func softplus(beta: Double = 1, threshold: Double = 20) throws -> Tensor { try activation(.softplus(beta: beta, threshold: threshold)) }
    public func tan() throws -> Tensor { try activation(.tan) }
    public func asin() throws -> Tensor { try activation(.asin) }
    public func acos() throws -> Tensor { try activation(.acos) }
    public func atan() throws -> Tensor { try activation(.atan) }
    public func sinh() throws -> Tensor { try activation(.sinh) }
    public func cosh() throws -> Tensor { try activation(.cosh) }
    public func log2() throws -> Tensor { try activation(.log2) }
    public func log10() throws -> Tensor { try activation(.log10) }

    /// `F.hardtanh(x, min_val, max_val)`: grad_fn `HardtanhBackward0`.
    public func hardtanh(min lo: Double = -1, max hi: Double = 1) throws -> Tensor { try activation(.hardtanh(min: lo, max: hi)) }
}
