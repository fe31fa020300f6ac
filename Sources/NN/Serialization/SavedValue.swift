import TensorEngine

/// What `torch.save` can write and `torch.load(weights_only=True)` can read back: Python's plain data
/// (None, bool, int, float, str, list, tuple, dict, OrderedDict), tensors and `torch.Size`.
///
/// Tensors are held by reference: the same `Tensor` twice is saved once and loads as one object, and
/// tensors viewing one storage (`x` and `x[1:]`) are saved as one storage with offsets and strides,
/// as PyTorch does. An `nn.Parameter` is a tensor whose `isParameter` flag is set.
public indirect enum SavedValue {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case list([SavedValue])
    case tuple([SavedValue])
    /// A plain `dict`; entries keep their insertion order.
    case dict([(key: SavedValue, value: SavedValue)])
    /// `collections.OrderedDict`. `metadata` is the `_metadata` attribute `state_dict()` attaches
    /// (an OrderedDict of module prefix → `{"version": n}`), nil when absent.
    case orderedDict([(key: SavedValue, value: SavedValue)], metadata: SavedValue?)
    case tensor(Tensor)
    /// `torch.Size([2, 3])`.
    case size([Int])
}

/// A file nnrepl cannot save or load; `kind` names the Python exception PyTorch raises in its place.
public struct SerializationError: Error, CustomStringConvertible, Equatable {
    public enum Kind: String, Sendable {
        /// `_pickle.UnpicklingError`: a forbidden or malformed pickle.
        case unpickling = "UnpicklingError"
        case runtime = "RuntimeError"
        case value = "ValueError"
        case type = "TypeError"
        case os = "OSError"
        case fileNotFound = "FileNotFoundError"
        case permission = "PermissionError"
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }

    static func corrupt(_ detail: String) -> SerializationError {
        SerializationError(.runtime, "PytorchStreamReader failed reading file: \(detail). The checkpoint file is likely corrupted or truncated.")
    }

    static func unpickling(_ detail: String) -> SerializationError {
        SerializationError(.unpickling, "Weights only load failed. \(detail)")
    }
}

extension DType {
    /// The legacy storage class `torch.save` names in its pickle (`torch.FloatStorage`).
    var storageClassName: String { "\(scalarTypeName)Storage" }

    init?(storageClassName name: String) {
        guard let d = DType.allCases.first(where: { $0.storageClassName == name }) else { return nil }
        self = d
    }

    var byteWidth: Int {
        switch self {
        case .float32: 4
        case .float64, .int64: 8
        case .bool: 1
        }
    }
}
