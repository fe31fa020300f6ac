/// The element types a tensor can hold, named as PyTorch names them.
public enum DType: Sendable, Hashable, CaseIterable {
    case float32, float64, int64, bool

    /// `torch.float32` etc., as `repr(t.dtype)` prints it.
    public var torchName: String {
        switch self {
        case .float32: "torch.float32"
        case .float64: "torch.float64"
        case .int64: "torch.int64"
        case .bool: "torch.bool"
        }
    }

    /// The name PyTorch uses inside error messages (`Float`, `Double`, `Long`, `Bool`).
    public var scalarTypeName: String {
        switch self {
        case .float32: "Float"
        case .float64: "Double"
        case .int64: "Long"
        case .bool: "Bool"
        }
    }

    /// `torch.FloatTensor` etc., as in `cannot assign 'torch.FloatTensor' object ...`.
    public var legacyTensorTypeName: String { "torch.\(scalarTypeName)Tensor" }

    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }
}
