import Language
import NN
import TensorEngine

/// `summary(net)` (a builtin and `nnrepl.summary`): one row per parameter with its name, shape and number
/// of elements, then the total. Beyond PyTorch, for teaching.
///
///     >>> summary(nn.Sequential(nn.LazyLinear(256), nn.ReLU(), nn.Linear(256, 10)))
///     Parameter  Shape      Count
///     ---------  ---------  -----
///     0.weight   (256, -1)      ?
///     0.bias     (256,)       256
///     2.weight   (10, 256)  2,560
///     2.bias     (10,)         10
///     ---------  ---------  -----
///     Total                 2,826
///     ? not yet known: a lazy layer sizes its parameters (-1 dimensions) on its first forward.
///
/// An uninitialised lazy parameter shows `-1` for what the first input decides (as MXNet's
/// `collect_params` does) and is left out of the total.
extension TorchLibrary {
    func summaryText(_ m: Module) -> String {
        var rows: [(name: String, shape: String, count: String)] = []
        var total = 0
        var pending = false
        for (prefix, owner) in m.namedModules() {
            for (name, p) in owner.namedParameters(recurse: false) {
                let fullName = prefix.isEmpty ? name : prefix + "." + name
                if p.isUninitializedParameter {
                    pending = true
                    rows.append((fullName, shapeTuple(lazyShape(owner, name)), "?"))
                } else {
                    total += p.numel
                    rows.append((fullName, shapeTuple(p.shape), grouped(p.numel)))
                }
            }
        }
        let header = ("Parameter", "Shape", "Count")
        let w0 = max(header.0.count, rows.map(\.name.count).max() ?? 0, "Total".count)
        let w1 = max(header.1.count, rows.map(\.shape.count).max() ?? 0)
        let w2 = max(header.2.count, rows.map(\.count.count).max() ?? 0, grouped(total).count)
        func line(_ a: String, _ b: String, _ c: String) -> String {
            let text = a.padding(toLength: w0, withPad: " ", startingAt: 0) + "  "
                + b.padding(toLength: w1, withPad: " ", startingAt: 0) + "  "
                + String(repeating: " ", count: w2 - c.count) + c
            return String(text.reversed().drop { $0 == " " }.reversed())
        }
        let rule = line(String(repeating: "-", count: w0), String(repeating: "-", count: w1), String(repeating: "-", count: w2))
        var out = [line(header.0, header.1, header.2), rule]
        out += rows.map { line($0.name, $0.shape, $0.count) }
        out += [rule, line("Total", "", grouped(total))]
        if pending { out.append("? not yet known: a lazy layer sizes its parameters (-1 dimensions) on its first forward.") }
        return out.joined(separator: "\n") + "\n"
    }

    /// The shape an uninitialised parameter will get, `-1` where the input decides.
    private func lazyShape(_ owner: Module, _ name: String) -> [Int] {
        if let lin = owner as? Linear { return name == "weight" ? [lin.outFeatures, -1] : [lin.outFeatures] }
        if let conv = owner as? ConvNd { return name == "weight" ? [conv.outChannels, -1] + conv.kernelSize : [conv.outChannels] }
        return [-1]
    }

    func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}
