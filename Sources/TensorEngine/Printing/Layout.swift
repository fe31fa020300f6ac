/// The nested-bracket layout of §3.3 and the summarisation of §3.4 over a row-major shape.
struct Layout {
    let shape: [Int]
    let strides: [Int]
    let options: PrintOptions
    let summarize: Bool

    init(shape: [Int], options: PrintOptions, summarize: Bool) {
        self.shape = shape
        var s = [Int](repeating: 1, count: shape.count)
        for d in shape.indices.reversed().dropFirst() { s[d] = s[d + 1] * shape[d + 1] }
        strides = s
        self.options = options
        self.summarize = summarize
    }

    private var edge: Int { Swift.max(options.edgeItems, 0) }  // set_printoptions takes any int

    /// Indices kept along a dimension of length n: all, or the first and last `edgeItems`.
    private func kept(_ n: Int) -> [Int] {
        summarize && edge <= (n - 1) / 2 ? Array(0..<edge) + Array((n - edge)..<n) : Array(0..<n)
    }

    /// Flat indices of the values the formatter sizes itself on (torch's `get_summarized_data`).
    func shownIndices() -> [Int] {
        guard !shape.isEmpty else { return [0] }
        if summarize && edge == 0 {
            // torch: a 1-D `t[:0]` + `t[-0:]` keeps everything; higher dims keep nothing.
            return shape.count == 1 ? Array(0..<shape[0]) : []
        }
        var out: [Int] = []
        func walk(_ d: Int, _ base: Int) {
            for i in kept(shape[d]) {
                if d == shape.count - 1 { out.append(base + i) } else { walk(d + 1, base + i * strides[d]) }
            }
        }
        walk(0, 0)
        return out
    }

    func render(_ f: ElementFormatter, indent: Int) -> String {
        render(f, dim: 0, base: 0, indent: indent)
    }

    private func render(_ f: ElementFormatter, dim: Int, base: Int, indent: Int) -> String {
        if dim == shape.count { return f.format(base) }
        let n = shape[dim]
        let elided = summarize && edge <= (n - 1) / 2
        if dim == shape.count - 1 {
            var items: [String]
            if summarize && edge == 0 {
                items = ["..."]
            } else if elided {
                items = (0..<edge).map { f.format(base + $0) } + [" ..."] + ((n - edge)..<n).map { f.format(base + $0) }
            } else {
                items = (0..<n).map { f.format(base + $0) }
            }
            let room = Swift.max(options.lineWidth, 0) - indent
            let perLine = max(1, Int((Double(room) / Double(f.width + 2)).rounded(.down)))
            let lines = stride(from: 0, to: items.count, by: perLine).map {
                items[$0..<min($0 + perLine, items.count)].joined(separator: ", ")
            }
            return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
        }
        let sub = { (i: Int) in self.render(f, dim: dim + 1, base: base + i * self.strides[dim], indent: indent + 1) }
        let parts = elided ? (0..<edge).map(sub) + ["..."] + ((n - edge)..<n).map(sub) : (0..<n).map(sub)
        let separator = "," + String(repeating: "\n", count: shape.count - dim - 1) + String(repeating: " ", count: indent + 1)
        return "[" + parts.joined(separator: separator) + "]"
    }
}
