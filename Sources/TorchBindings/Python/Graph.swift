import Language
import NN
import TensorEngine

/// `graph(t)` (a builtin and `nnrepl.graph`): the autograd graph behind a tensor, drawn as a tree from the
/// tensor's `grad_fn` down to the leaves whose `.grad` a `backward()` fills. Beyond PyTorch, for teaching.
///
///     >>> w = torch.tensor([0.5, -1.0], requires_grad=True)
///     >>> x = torch.tensor([1.0, 2.0], requires_grad=True)
///     >>> graph(((w * x).sum() - 1) ** 2)
///     PowBackward0
///     └── SubBackward0
///         └── SumBackward0
///             └── MulBackward0
///                 ├── AccumulateGrad → w.grad  (2,)
///                 └── AccumulateGrad → x.grad  (2,)
///
/// Leaves are named after the session's variables (`w`, or `net.0.weight` for a module's parameter).
/// Inputs that need no gradient (constants, tensors without `requires_grad`) are left out, as in
/// `next_functions`, where they show as `None`. A node reached a second time is not expanded again, and a
/// chain of same-named nodes (a loop's `c = c + 1`) is one line, `AddBackward0 ×300`.
extension TorchLibrary {
    /// Enough to read; a graph built by a long loop is cut here with a count of what was left out.
    static let graphLineLimit = 200
    /// Deeper than this, a branch ends in `…`: the indentation would run off any screen.
    static let graphDepthLimit = 24

    func graphText(_ root: Value, interpreter: Interpreter) throws -> String {
        let names = leafNames(interpreter)
        if let fn = root.native(as: GradFn.self) { return render(fn, names) }
        if let leaf = root.native(as: AccumulateGradNode.self) { return leafLine(leaf.variable, names) + "\n" }
        let t = try requireTensor(root, "graph(): input")
        if let fn = t.gradFn { return render(fn, names) }
        if t.requiresGrad { return leafLine(t, names) + "\n" }
        return "no graph: this tensor does not require grad. Give a leaf requires_grad=True, then compute from it.\n"
    }

    private func render(_ root: GradFn, _ names: [ObjectIdentifier: String]) -> String {
        var lines: [String] = []
        var seen: Set<ObjectIdentifier> = []
        // Depth-first, children in argument order; each entry carries the prefix its subtree is drawn under.
        var pending: [(input: GraphInput, shape: [Int], prefix: String, isLast: Bool, depth: Int)] = []
        func children(_ node: GradFn) -> [(GraphInput, [Int])] {
            zip(node.graphInputs, node.graphInputShapes).filter {
                if case .constant = $0.0 { return false }
                return true
            }
        }
        /// Draws `node` (and the run of same-named nodes below it, as one line) and queues its children.
        func visit(_ node: GradFn, branch: String, childPrefix: String, depth: Int) {
            var last = node, run = 1
            seen.insert(ObjectIdentifier(node))
            while case let inputs = children(last), inputs.count == 1, case .node(let next) = inputs[0].0,
                  next.name == node.name, seen.insert(ObjectIdentifier(next)).inserted {
                last = next
                run += 1
            }
            lines.append(branch + node.name + (run > 1 ? " ×\(run)" : ""))
            let below = children(last)
            if !below.isEmpty && depth >= Self.graphDepthLimit {
                lines.append(childPrefix + "└── …")
                return
            }
            for (i, child) in below.enumerated().reversed() {
                pending.append((child.0, child.1, childPrefix, i == below.count - 1, depth + 1))
            }
        }
        visit(root, branch: "", childPrefix: "", depth: 0)
        var omitted = 0
        while let entry = pending.popLast() {
            if lines.count >= Self.graphLineLimit {
                omitted += 1
                continue
            }
            let branch = entry.prefix + (entry.isLast ? "└── " : "├── ")
            let childPrefix = entry.prefix + (entry.isLast ? "    " : "│   ")
            switch entry.input {
            case .node(let n):
                if seen.contains(ObjectIdentifier(n)) {
                    lines.append(branch + n.name + " (shown above)")
                } else {
                    visit(n, branch: branch, childPrefix: childPrefix, depth: entry.depth)
                }
            case .leaf(let t):
                lines.append(branch + leafLine(t, names))
            case .constant:
                break
            }
        }
        if omitted > 0 { lines.append("... \(omitted) more inputs not shown") }
        return lines.joined(separator: "\n") + "\n"
    }

    private func leafLine(_ t: Tensor, _ names: [ObjectIdentifier: String]) -> String {
        let target = names[ObjectIdentifier(t)].map { $0 + ".grad" } ?? ".grad"
        return "AccumulateGrad → \(target)  \(shapeTuple(t.shape))"
    }

    /// Names for the tensors the session can reach: its variables first, then its modules' parameters.
    private func leafNames(_ interpreter: Interpreter) -> [ObjectIdentifier: String] {
        var names: [ObjectIdentifier: String] = [:]
        let globals = interpreter.mainModule.dict.items.compactMap { item -> (String, Value)? in
            guard case .str(let name) = item.key, !name.hasPrefix("_") else { return nil }
            return (name, item.value)
        }
        for (name, value) in globals {
            if let t = tensor(value), names[ObjectIdentifier(t)] == nil { names[ObjectIdentifier(t)] = name }
        }
        for (name, value) in globals {
            guard let m = module(value) else { continue }
            for (path, p) in m.namedParameters() where names[ObjectIdentifier(p)] == nil {
                names[ObjectIdentifier(p)] = name + "." + path
            }
        }
        return names
    }

    /// `(2,)`, `(3, 4)`, `()`: the shape as a Python tuple prints.
    func shapeTuple(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
