@testable import TensorEngine
import Testing

/// Deterministic pseudo-random doubles in [lo, hi) (a 64-bit LCG; the values only need to be generic).
struct TestValues {
    var state: UInt64
    init(seed: UInt64 = 0x9E37_79B9_7F4A_7C15) { state = seed }
    mutating func next(_ lo: Double = -1, _ hi: Double = 1) -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return lo + (hi - lo) * Double(state >> 11) / Double(1 << 53)
    }
    mutating func tensor(_ shape: [Int], _ lo: Double = -1, _ hi: Double = 1, dtype: DType = .float64) -> Tensor {
        Tensor(values: (0..<shape.reduce(1, *)).map { _ in next(lo, hi) }, shape: shape, dtype: dtype)
    }
}

/// Compares autograd's gradients of `sum(f(inputs) * w)` with central finite differences, in float64.
func checkGradients(_ label: String, _ shapes: [[Int]], range: (Double, Double) = (-1, 1),
                    sourceLocation: SourceLocation = #_sourceLocation,
                    _ f: ([Tensor]) throws -> Tensor) throws {
    var rng = TestValues()
    let inputs = shapes.map { rng.tensor($0, range.0, range.1) }
    for x in inputs { try x.setRequiresGrad(true) }
    let out = try f(inputs)
    let weights = rng.tensor(out.shape, 0.5, 1.5)
    try out.mul(weights).sum().backward()
    let eps = 1e-6
    func loss() throws -> Double { try GradMode.withNoGrad { try f(inputs).mul(weights).sum().item() } }
    for (k, x) in inputs.enumerated() {
        guard let grad = x.grad else {
            Issue.record("\(label): input \(k) got no gradient", sourceLocation: sourceLocation)
            continue
        }
        #expect(grad.shape == x.shape, "\(label): grad shape", sourceLocation: sourceLocation)
        let analytic = grad.toDoubleArray()
        for i in 0..<x.numel {
            let original = x.elementAsDouble(i)
            x.setRaw(i, original + eps)
            let plus = try loss()
            x.setRaw(i, original - eps)
            let minus = try loss()
            x.setRaw(i, original)
            let numeric = (plus - minus) / (2 * eps)
            #expect(Swift.abs(analytic[i] - numeric) <= 1e-6 + 1e-5 * Swift.abs(numeric),
                    "\(label): input \(k)[\(i)] analytic \(analytic[i]) numeric \(numeric)", sourceLocation: sourceLocation)
        }
    }
}
