/// A failure a user can cause, carrying PyTorch's exact message and Python exception class.
public struct TensorError: Error, CustomStringConvertible, Equatable {
    /// The Python exception class the message belongs to.
    public enum Kind: Sendable {
        case runtime, value, type, index, notImplemented

        /// `RuntimeError` etc.
        public var pythonName: String {
            switch self {
            case .runtime: "RuntimeError"
            case .value: "ValueError"
            case .type: "TypeError"
            case .index: "IndexError"
            case .notImplemented: "NotImplementedError"
            }
        }
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.pythonName): \(message)" }

    static func runtime(_ message: String) -> TensorError { TensorError(.runtime, message) }
    static func index(_ message: String) -> TensorError { TensorError(.index, message) }
    static func value(_ message: String) -> TensorError { TensorError(.value, message) }
    static func notImplemented(_ message: String) -> TensorError { TensorError(.notImplemented, message) }
}
