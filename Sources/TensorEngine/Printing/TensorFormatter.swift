/// A tensor's elements in row-major logical order; float32 values widened to Double.
public enum PrintableElements: Sendable {
    case floating([Double]), integer([Int64]), boolean([Bool])

    var count: Int {
        switch self {
        case .floating(let v): v.count
        case .integer(let v): v.count
        case .boolean(let v): v.count
        }
    }
}

/// `repr(t)` for a dense tensor, character for character as torch 2.15 prints it (reference §3).
///
///     TensorFormatter.format(.floating([1.5, 2.25, -3]), shape: [3], dtype: .float32,
///                            gradFnName: nil, requiresGrad: false, isParameter: false)
///     // tensor([ 1.5000,  2.2500, -3.0000])
public enum TensorFormatter {
    static let prefix = "tensor("

    /// The whole `repr(t)`: "tensor(...)" with suffixes, or "Parameter containing:\ntensor(...)".
    public static func format(_ elements: PrintableElements, shape: [Int], dtype: DType,
                              gradFnName: String?, requiresGrad: Bool, isParameter: Bool,
                              options: PrintOptions = .current, summarizedFrom fullShape: [Int]? = nil) -> String {
        let numel = shape.reduce(1, &*)
        guard elements.count == numel else {
            // Callers pass exactly `numel` values; if one ever did not, show it rather than stop the session.
            return prefix + "<\(elements.count) values for shape \(shape)>)"
        }
        // `fullShape`: `elements` hold only the edges of a huge tensor (see `Tensor.description`).
        let summarize = fullShape != nil || numel > options.threshold
        let indent = prefix.count
        var suffixes: [String] = []
        let body: String
        if numel == 0 {
            if shape.count != 1 { suffixes.append("size=" + pythonTuple(shape)) }
            if dtype != .float32 { suffixes.append("dtype=" + dtype.torchName) }
            body = "[]"
        } else {
            // torch shows the shape when edgeitems == 0, since the body is then only "[...]".
            if options.edgeItems == 0 { suffixes.append("size=" + pythonTuple(fullShape ?? shape)) }
            // float32 is the default dtype; int64 and bool are inferred from the values.
            if dtype == .float64 { suffixes.append("dtype=" + dtype.torchName) }
            let layout = Layout(shape: shape, options: options, summarize: summarize)
            let formatter = ElementFormatter(elements, shown: layout.shownIndices(), options: options)
            body = layout.render(formatter, indent: indent)
        }
        if let name = gradFnName {
            suffixes.append("grad_fn=<\(name)>")
        } else if requiresGrad {
            suffixes.append("requires_grad=True")
        }
        let text = addSuffixes(prefix + body, suffixes, indent: indent, lineWidth: options.lineWidth)
        return isParameter ? "Parameter containing:\n" + text : text
    }

    /// torch's `_add_suffixes`: a suffix that would pass the line width starts a new line.
    static func addSuffixes(_ text: String, _ suffixes: [String], indent: Int, lineWidth: Int) -> String {
        var out = text
        let lastNewline = text.lastIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) } ?? -1
        var lastLineLength = text.count - lastNewline + 1
        for s in suffixes {
            if lastLineLength + s.count + 2 > lineWidth {
                out += ",\n" + String(repeating: " ", count: indent) + s
                lastLineLength = indent + s.count
            } else {
                out += ", " + s
                lastLineLength += s.count + 2
            }
        }
        return out + ")"
    }

    /// Python's `str(tuple)`: `(0, 3)`, `(2,)`, `()`.
    static func pythonTuple(_ xs: [Int]) -> String {
        xs.count == 1 ? "(\(xs[0]),)" : "(" + xs.map(String.init).joined(separator: ", ") + ")"
    }
}
