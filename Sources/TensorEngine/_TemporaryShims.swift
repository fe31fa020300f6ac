// Temporary stand-in for Sources/TensorEngine/Printing (another engineer's); delete when theirs lands.
public struct PrintOptions {
    public static var current = PrintOptions()
}

public enum PrintableElements {
    case floating([Double]), integer([Int64]), boolean([Bool])
}

public enum TensorFormatter {
    public static func format(_ elements: PrintableElements, shape: [Int], dtype: DType,
                              gradFnName: String?, requiresGrad: Bool, isParameter: Bool,
                              options: PrintOptions = .current) -> String {
        let body: String
        switch elements {
        case .floating(let v): body = v.map { "\($0)" }.joined(separator: ", ")
        case .integer(let v): body = v.map { "\($0)" }.joined(separator: ", ")
        case .boolean(let v): body = v.map { $0 ? "True" : "False" }.joined(separator: ", ")
        }
        var s = "tensor([\(body)], shape=\(shape)"
        if let g = gradFnName { s += ", grad_fn=<\(g)>" } else if requiresGrad { s += ", requires_grad=True" }
        return (isParameter ? "Parameter containing:\n" : "") + s + ")"
    }
}
