import Foundation
import TensorEngine

/// `torch.nn.init`: every initialiser computes its bounds in Double, as Python does, then draws with
/// `uniform_`/`normal_` under `no_grad` and returns the same tensor.
public enum Init {
    /// `calculate_gain`'s result: the int `1` for linear/conv/sigmoid, otherwise a float.
    public enum Gain: Equatable, CustomStringConvertible, Sendable {
        case int(Int)
        case double(Double)

        public var value: Double {
            switch self {
            case .int(let i): Double(i)
            case .double(let d): d
            }
        }

        /// Python's repr: `1` or `1.4142135623730951`.
        public var description: String {
            switch self {
            case .int(let i): String(i)
            case .double(let d): pythonFloatRepr(d)
            }
        }
    }

    /// `calculate_gain`'s `param`: absent, a number, or something else (shown by its Python `str`).
    public enum GainParameter: Equatable, Sendable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
        case none
        case number(Double)
        case invalid(String)

        public init(floatLiteral value: Double) { self = .number(value) }
        public init(integerLiteral value: Int) { self = .number(Double(value)) }
    }

    static let linearNames: Set<String> = [
        "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
    ]

    /// `calculate_gain(nonlinearity, param)`.
    public static func calculateGain(_ nonlinearity: String, param: GainParameter = .none) throws -> Gain {
        if linearNames.contains(nonlinearity) || nonlinearity == "sigmoid" { return .int(1) }
        switch nonlinearity {
        case "tanh": return .double(5.0 / 3)
        case "relu": return .double(2.0.squareRoot())
        case "leaky_relu":
            let slope: Double
            switch param {
            case .none: slope = 0.01
            case .number(let x): slope = x
            case .invalid(let text): throw TensorError(.value, "negative_slope \(text) not a valid number")
            }
            return .double((2.0 / (1 + slope * slope)).squareRoot())
        case "selu": return .double(3.0 / 4)
        default: throw TensorError(.value, "Unsupported nonlinearity \(nonlinearity)")
        }
    }

    /// `_calculate_fan_in_and_fan_out`: (shape[1]·receptive, shape[0]·receptive).
    public static func fanInAndFanOut(_ tensor: Tensor) throws -> (fanIn: Int, fanOut: Int) {
        let shape = tensor.shape
        guard shape.count >= 2 else {
            throw TensorError(.value, "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
        }
        // Wrapping, as Python's ints never trap and these only feed a bound: huge empty shapes must not crash.
        let receptive = shape.dropFirst(2).reduce(1, &*)
        return (shape[1] &* receptive, shape[0] &* receptive)
    }

    /// `_calculate_correct_fan`: `mode` is lower-cased first.
    public static func correctFan(_ tensor: Tensor, mode: String) throws -> Int {
        let mode = mode.lowercased()
        guard mode == "fan_in" || mode == "fan_out" else {
            throw TensorError(.value, "Mode \(mode) not supported, please use one of ['fan_in', 'fan_out']")
        }
        let fans = try fanInAndFanOut(tensor)
        return mode == "fan_in" ? fans.fanIn : fans.fanOut
    }

    // MARK: Direct fills and draws

    @discardableResult
    public static func uniform_(_ tensor: Tensor, a: Double = 0, b: Double = 1,
                                generator: Generator = .default) throws -> Tensor {
        try checkInitialized(tensor, "uniform_")
        return try GradMode.withNoGrad { try tensor.uniform_(from: a, to: b, generator: generator) }
    }

    @discardableResult
    public static func normal_(_ tensor: Tensor, mean: Double = 0, std: Double = 1,
                               generator: Generator = .default) throws -> Tensor {
        try checkInitialized(tensor, "normal_")
        return try GradMode.withNoGrad { try tensor.normal_(mean: mean, std: std, generator: generator) }
    }

    @discardableResult
    public static func constant_(_ tensor: Tensor, _ value: Double) throws -> Tensor {
        try checkInitialized(tensor, "constant_")
        return try GradMode.withNoGrad { try tensor.fill_(value) }
    }

    @discardableResult
    public static func ones_(_ tensor: Tensor) throws -> Tensor {
        try checkInitialized(tensor, "ones_")
        return try GradMode.withNoGrad { try tensor.fill_(1) }
    }

    @discardableResult
    public static func zeros_(_ tensor: Tensor) throws -> Tensor {
        try checkInitialized(tensor, "zeros_")
        return try GradMode.withNoGrad { try tensor.zero_() }
    }

    /// `eye_`: ones on the diagonal of a 2-D tensor.
    @discardableResult
    public static func eye_(_ tensor: Tensor) throws -> Tensor {
        try checkInitialized(tensor, "eye_")
        guard tensor.dim == 2 else { throw TensorError(.value, "Only tensors with 2 dimensions are supported") }
        let (rows, cols) = (tensor.shape[0], tensor.shape[1])
        var values = [Double](repeating: 0, count: rows * cols)
        for i in 0..<min(rows, cols) { values[i * cols + i] = 1 }
        return try fill(tensor, values)
    }

    /// `dirac_(tensor, groups)`: identity convolution kernels for 3-, 4- or 5-D weights.
    @discardableResult
    public static func dirac_(_ tensor: Tensor, groups: Int = 1) throws -> Tensor {
        try checkInitialized(tensor, "dirac_")
        let shape = tensor.shape
        guard (3...5).contains(shape.count) else {
            throw TensorError(.value, "Only tensors with 3, 4, or 5 dimensions are supported")
        }
        guard groups != 0 else { throw TensorError(.runtime, "ZeroDivisionError: integer modulo by zero") }
        guard pythonMod(shape[0], groups) == 0 else { throw TensorError(.value, "dim 0 must be divisible by groups") }
        let perGroup = shape[0] / groups
        let minDim = min(perGroup, shape[1])
        if groups > 0 && minDim > 0, let d = shape.dropFirst(2).firstIndex(of: 0) {  // the centre index is 0
            throw TensorError(.index, "index 0 is out of bounds for dimension \(d) with size 0")
        }
        var values = [Double](repeating: 0, count: shape.reduce(1, *))
        let strides = contiguousStrides(shape)
        for g in 0..<max(groups, 0) {
            for d in 0..<max(minDim, 0) {
                var index = [g * perGroup + d, d] + shape.dropFirst(2).map { $0 / 2 }
                index = zip(index, strides).map { $0 * $1 }
                values[index.reduce(0, +)] = 1
            }
        }
        return try fill(tensor, values)
    }

    // MARK: Fan-based initialisers

    @discardableResult
    public static func xavierUniform_(_ tensor: Tensor, gain: Double = 1, generator: Generator = .default) throws -> Tensor {
        try checkInitialized(tensor, "xavier_uniform_")
        let (fanIn, fanOut) = try fanInAndFanOut(tensor)
        let std = gain * (2.0 / Double(fanIn + fanOut)).squareRoot()
        let a = 3.0.squareRoot() * std
        return try GradMode.withNoGrad { try tensor.uniform_(from: -a, to: a, generator: generator) }
    }

    @discardableResult
    public static func xavierNormal_(_ tensor: Tensor, gain: Double = 1, generator: Generator = .default) throws -> Tensor {
        try checkInitialized(tensor, "xavier_normal_")
        let (fanIn, fanOut) = try fanInAndFanOut(tensor)
        let std = gain * (2.0 / Double(fanIn + fanOut)).squareRoot()
        return try GradMode.withNoGrad { try tensor.normal_(mean: 0, std: std, generator: generator) }
    }

    /// gain / √fan for the Kaiming initialisers; nil (after PyTorch's warning) for a zero-element tensor,
    /// which they leave as it is.
    private static func kaimingStd(_ tensor: Tensor, a: Double, mode: String, nonlinearity: String,
                                   function: String) throws -> Double? {
        try checkInitialized(tensor, function)
        if tensor.shape.contains(0) {
            NNWarnings.warn("Initializing zero-element tensors is a no-op")
            return nil
        }
        let fan = try correctFan(tensor, mode: mode)
        let gain = try calculateGain(nonlinearity, param: .number(a)).value
        return gain / Double(fan).squareRoot()
    }

    /// `kaiming_uniform_(t, a, mode, nonlinearity)`: bound = √3 · gain / √fan.
    @discardableResult
    public static func kaimingUniform_(_ tensor: Tensor, a: Double = 0, mode: String = "fan_in",
                                       nonlinearity: String = "leaky_relu", generator: Generator = .default) throws -> Tensor {
        guard let std = try kaimingStd(tensor, a: a, mode: mode, nonlinearity: nonlinearity, function: "kaiming_uniform_") else {
            return tensor
        }
        let bound = 3.0.squareRoot() * std
        return try GradMode.withNoGrad { try tensor.uniform_(from: -bound, to: bound, generator: generator) }
    }

    /// `kaiming_normal_(t, a, mode, nonlinearity)`: std = gain / √fan.
    @discardableResult
    public static func kaimingNormal_(_ tensor: Tensor, a: Double = 0, mode: String = "fan_in",
                                      nonlinearity: String = "leaky_relu", generator: Generator = .default) throws -> Tensor {
        guard let std = try kaimingStd(tensor, a: a, mode: mode, nonlinearity: nonlinearity, function: "kaiming_normal_") else {
            return tensor
        }
        return try GradMode.withNoGrad { try tensor.normal_(mean: 0, std: std, generator: generator) }
    }

    // MARK: Helpers

    /// Nearly every tensor operation on an `UninitializedParameter` raises this ValueError.
    static func checkInitialized(_ tensor: Tensor, _ function: String) throws {
        guard tensor.isUninitializedParameter else { return }
        throw uninitializedError("<function \(function) at 0x7f0000000000>")
    }

    public static func uninitializedError(_ what: String) -> TensorError {
        TensorError(.value, "Attempted to use an uninitialized parameter in \(what). This error happens when you "
            + "are using a `LazyModule` or explicitly manipulating `torch.nn.parameter.UninitializedParameter` "
            + "objects. When using LazyModules Call `forward` with a dummy batch to initialize the parameters "
            + "before calling torch functions")
    }

    /// Writes row-major `values` into `tensor` in place, without recording grad.
    static func fill(_ tensor: Tensor, _ values: [Double]) throws -> Tensor {
        let source = Tensor(values: values, shape: tensor.shape, dtype: tensor.dtype)
        return try GradMode.withNoGrad { try tensor.copy_(source) }
    }
}

func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var running = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
        strides[i] = running
        running *= max(shape[i], 1)
    }
    return strides
}

/// Python's `%` (result has the divisor's sign).
func pythonMod(_ a: Int, _ b: Int) -> Int {
    let r = a % b
    return (r != 0 && (r < 0) != (b < 0)) ? r + b : r
}

/// Python's `repr(float)`: shortest round-trip digits, `1.0` for integers, `1e-05` style exponents.
public func pythonFloatRepr(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    var s = "\(x)"  // Swift also prints the shortest round-trip digits
    if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        var mantissa = String(s[..<e])
        var exponent = String(s[s.index(after: e)...])
        if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
        var sign = "+"
        if exponent.hasPrefix("-") { sign = "-"; exponent.removeFirst() } else if exponent.hasPrefix("+") { exponent.removeFirst() }
        if exponent.count < 2 { exponent = "0" + exponent }
        s = mantissa + "e" + sign + exponent
        return s
    }
    return s
}
