import Foundation
import TensorEngine

/// A hyper-parameter as Python holds it, so the optimiser repr prints `0` vs `0.0`, `(0.9, 0.999)`.
public enum OptimValue: Equatable, CustomStringConvertible, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case none
    indirect case pair(OptimValue, OptimValue)

    public init(floatLiteral value: Double) { self = .double(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    public var doubleValue: Double {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        case .bool(let b): b ? 1 : 0
        case .none, .pair: 0
        }
    }

    public var boolValue: Bool {
        if case .bool(let b) = self { return b }
        return doubleValue != 0
    }

    public var description: String {
        switch self {
        case .int(let i): String(i)
        case .double(let d): pythonFloatRepr(d)
        case .bool(let b): b ? "True" : "False"
        case .none: "None"
        case .pair(let a, let b): "(\(a), \(b))"
        }
    }
}

/// One `param_groups` entry: its parameters and options.
public struct ParamGroup {
    public var params: [Tensor]
    public var options: [String: OptimValue]

    public subscript(_ key: String) -> Double { options[key]?.doubleValue ?? 0 }
}

/// `torch.optim.Optimizer`: parameter groups, per-parameter state, `zero_grad`, `step`.
open class Optimizer: CustomStringConvertible {
    public var paramGroups: [ParamGroup]
    /// Per-parameter state (`momentum_buffer`, `exp_avg`, …) as row-major values and a step count.
    var state: [ObjectIdentifier: [String: [Double]]] = [:]
    var steps: [ObjectIdentifier: Int] = [:]

    public init(_ params: [Tensor], defaults: [String: OptimValue]) throws {
        guard !params.isEmpty else { throw TensorError(.value, "optimizer got an empty parameter list") }
        paramGroups = [ParamGroup(params: params, options: defaults)]
    }

    open var typeName: String { "Optimizer" }

    /// `zero_grad(set_to_none=True)`.
    public func zeroGrad(setToNone: Bool = true) throws {
        for p in paramGroups.flatMap(\.params) {
            guard let g = p.grad else { continue }
            if setToNone { p.grad = nil } else { try GradMode.withNoGrad { _ = try g.zero_() } }
        }
    }

    /// `step()`: updates every parameter that has a gradient, under `no_grad`.
    open func step() throws {}

    /// One parameter's entry of `state_dict()['state']`, in PyTorch's key order (`step` first, as a
    /// float32 scalar tensor); empty while the parameter has no state.
    public func savedState(for parameter: Tensor) -> [(key: String, value: Tensor)] {
        let id = ObjectIdentifier(parameter)
        guard let entries = state[id] else { return [] }
        var saved: [(key: String, value: Tensor)] = []
        if let step = steps[id] { saved.append(("step", Tensor.scalar(Double(step), dtype: .float32))) }
        for key in ["square_avg", "momentum_buffer", "grad_avg", "sum", "exp_avg", "exp_avg_sq", "max_exp_avg_sq"] {
            if let values = entries[key] {
                saved.append((key, Tensor(values: values, shape: parameter.shape, dtype: parameter.dtype)))
            }
        }
        return saved
    }

    /// `Optimizer.__repr__`: options sorted by name, one group after another.
    public var description: String {
        var text = typeName + " ("
        for (i, group) in paramGroups.enumerated() {
            text += "\nParameter Group \(i)"
            for key in group.options.keys.sorted() { text += "\n    \(key): \(group.options[key] ?? .none)" }
        }
        return text + "\n)"
    }

    /// Runs `update` on (param, grad) as Float or Double arrays and writes the result back in place.
    func update(_ p: Tensor, _ body: (inout [Double], [Double], ObjectIdentifier) throws -> Void) throws {
        guard let grad = p.grad else { return }
        var values = p.toDoubleArray()
        try body(&values, grad.toDoubleArray(), ObjectIdentifier(p))
        let source = Tensor(values: values, shape: p.shape, dtype: p.dtype)
        try GradMode.withNoGrad { _ = try p.copy_(source) }
    }
}

/// Float arithmetic in the parameter's precision, with FMAs where ATen's kernels use them.
struct Arith {
    let isFloat: Bool
    func r(_ x: Double) -> Double { isFloat ? Double(Float(x)) : x }
    /// a + alpha·b, fused (ATen's `add(a, b, alpha)`).
    func addScaled(_ a: Double, _ b: Double, _ alpha: Double) -> Double {
        isFloat ? Double(Float(a).addingProduct(Float(b), Float(alpha))) : a.addingProduct(b, alpha)
    }
    func mul(_ a: Double, _ b: Double) -> Double { r(r(a) * r(b)) }
    func add(_ a: Double, _ b: Double) -> Double { r(a + b) }
    func sub(_ a: Double, _ b: Double) -> Double { r(a - b) }
    func div(_ a: Double, _ b: Double) -> Double { r(a / b) }
    func sqrt(_ a: Double) -> Double { isFloat ? Double(Float(a).squareRoot()) : a.squareRoot() }
    /// ATen's `lerp(self, end, w)`.
    func lerp(_ s: Double, _ e: Double, _ w: Double) -> Double {
        let w = r(w)
        let diff = sub(e, s)
        return abs(w) < 0.5 ? addScaled(s, diff, w) : addScaled(e, diff, r(w - 1))
    }
}
