@testable import TensorEngine
import Testing

/// float sums rounded exactly as PyTorch's CPU kernel rounds them (scripts/golden_tensor_sums.py).
struct CascadeSumTests {
    @Test(arguments: goldenSumValues.map(\.name))
    func matchesPyTorchBitForBit(_ name: String) throws {
        guard let c = goldenSumValues.first(where: { $0.name == name }) else { return }
        let dtype: DType = c.dtype == "float32" ? .float32 : .float64
        let n = c.shape.reduce(1, *)
        let x = try Tensor.arange(0, .int(Int64(n)), dtype: dtype).mul(0.731).remainder(1.7).sub(0.8).reshape(c.shape)
        let result: Tensor
        switch c.reduce {
        case "all": result = try x.sum()
        case let r where r.hasPrefix("mean"): result = try x.mean(dim: Int(r.dropFirst(4)) ?? 0)
        default: result = try x.sum(dim: Int(c.reduce) ?? 0)
        }
        let got: [UInt64] = dtype == .float32
            ? result.toDoubleArray().map { UInt64(Float($0).bitPattern) }
            : result.toDoubleArray().map(\.bitPattern)
        #expect(got == c.bits)
    }
}
