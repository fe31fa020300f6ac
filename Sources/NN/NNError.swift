import TensorEngine

/// A failure whose Python class is not one of `TensorError.Kind`'s (`KeyError`, `AttributeError`).
///
/// `message` is the exact text Python prints after `KeyError: `; for a `KeyError` that is the repr of the
/// key, quotes included: `KeyError: 'parameter name can\'t contain "."'`.
public struct NNError: Error, CustomStringConvertible, Equatable {
    public enum Kind: Sendable {
        case key, attribute

        public var pythonName: String {
            switch self {
            case .key: "KeyError"
            case .attribute: "AttributeError"
            }
        }
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// `KeyError(text)`: Python shows the repr of its argument.
    static func key(_ text: String) -> NNError { NNError(.key, pythonStringRepr(text)) }
    static func attribute(_ text: String) -> NNError { NNError(.attribute, text) }

    public var description: String { "\(kind.pythonName): \(message)" }
}

extension TensorError {
    static func valueError(_ message: String) -> TensorError { TensorError(.value, message) }
    static func typeError(_ message: String) -> TensorError { TensorError(.type, message) }
}

/// Python's `repr(str)`: single quotes unless the text contains `'` and no `"`.
func pythonStringRepr(_ s: String) -> String {
    let quote: Character = (s.contains("'") && !s.contains("\"")) ? "\"" : "'"
    var out = String(quote)
    for ch in s {
        switch ch {
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case quote: out += "\\" + String(quote)
        default: out.append(ch)
        }
    }
    out.append(quote)
    return out
}

/// Where `UserWarning`s from nn go; the bindings replace it to print Python-style warnings.
public enum NNWarnings {
    nonisolated(unsafe) public static var handler: (_ category: String, _ message: String) -> Void = { _, _ in }

    static func warn(_ message: String, category: String = "UserWarning") { handler(category, message) }
}
