/// Gradient hooks (`Tensor.register_hook`) and `torch.autograd.grad`: a second backward runner beside
/// `runBackward`, used only while a hook is registered or when gradients are asked for rather than accumulated,
/// so the common `loss.backward()` keeps its short loop.
public enum GradientHooks {
    /// A leaf's hooks are keyed by the tensor, a non-leaf's by its `grad_fn` (the gradient arrives there).
    struct Entry {
        let id: Int
        weak var leaf: Tensor?
        weak var node: GradFn?
        let body: (Tensor) throws -> Tensor?
    }

    nonisolated(unsafe) static var entries: [Entry] = []
    nonisolated(unsafe) static var nextID = 0

    /// `t.register_hook(fn)`: `fn(grad)` may return a replacement gradient. Returns the handle's id.
    public static func register(on t: Tensor, _ body: @escaping (Tensor) throws -> Tensor?) throws -> Int {
        guard t.requiresGrad else {
            throw TensorError.runtime("cannot register a hook on a tensor that doesn't require gradient")
        }
        nextID += 1
        entries.removeAll { $0.leaf == nil && $0.node == nil }
        entries.append(Entry(id: nextID, leaf: t.gradFn == nil ? t : nil, node: t.gradFn, body: body))
        return nextID
    }

    public static func remove(_ id: Int) { entries.removeAll { $0.id == id } }

    static var isActive: Bool { !entries.isEmpty }

    static func apply(node: GradFn?, leaf: Tensor?, _ grad: Tensor) throws -> Tensor {
        var g = grad
        for e in entries where (node != nil && e.node === node) || (leaf != nil && e.leaf === leaf) {
            if let replaced = try e.body(g) { g = replaced }
        }
        return g
    }
}

extension Tensor {
    /// `torch.autograd.grad(outputs, inputs, grad_outputs)` without `create_graph`: the gradients of the outputs
    /// with respect to `inputs`, leaving every `.grad` untouched; nil for an input the outputs do not depend on.
    public static func gradients(of outputs: [Tensor], seeds: [Tensor?], wrt inputs: [Tensor],
                                 retainGraph: Bool) throws -> [Tensor?] {
        for t in inputs where !t.requiresGrad {
            throw TensorError.runtime("One of the differentiated Tensors does not require grad")
        }
        var roots: [(GradFn, Tensor)] = []
        var direct: [ObjectIdentifier: Tensor] = [:]
        for (i, out) in outputs.enumerated() {
            guard out.requiresGrad else {
                throw TensorError.runtime("element \(i) of tensors does not require grad and does not have a grad_fn")
            }
            let seed: Tensor
            if let g = i < seeds.count ? seeds[i] : nil {
                if g.shape != out.shape {
                    throw TensorError.runtime("Mismatch in shape: grad_output[\(i)] has a shape of \(torchSize(g.shape)) and output[\(i)] has a shape of \(torchSize(out.shape)).")
                }
                seed = g.materialized(as: out.dtype)
            } else {
                if out.numel != 1 { throw TensorError.runtime("grad can be implicitly created only for scalar outputs") }
                seed = Tensor.ones(out.shape, dtype: out.dtype)
            }
            if let fn = out.gradFn { roots.append((fn, seed)) } else { direct[ObjectIdentifier(out)] = seed }
        }
        var captured = try GradMode.withNoGrad {
            try runHooked(roots: roots, retainGraph: retainGraph, capture: inputs)
        }
        for (key, seed) in direct { captured[key] = try captured[key].map { try $0.add(seed) } ?? seed }
        return inputs.map { captured[ObjectIdentifier($0)] }
    }

    /// Runs backward from `roots`; with `capture`, returns those tensors' gradients instead of accumulating
    /// into leaves. Tensor hooks see (and may replace) each gradient first; a leaf's hooks see its summed gradient.
    static func runHooked(roots: [(GradFn, Tensor)], retainGraph: Bool, capture: [Tensor]?) throws -> [ObjectIdentifier: Tensor] {
        let order = topologicalOrder(roots: roots.map(\.0))
        var pending: [ObjectIdentifier: Tensor] = [:]
        for (root, seed) in roots {
            let key = ObjectIdentifier(root)
            pending[key] = try pending[key].map { try $0.add(seed) } ?? seed
        }
        var captureNodes: [ObjectIdentifier: ObjectIdentifier] = [:]
        for t in capture ?? [] { if let fn = t.gradFn { captureNodes[ObjectIdentifier(fn)] = ObjectIdentifier(t) } }
        var leaves: [Tensor] = []
        var leafGrads: [ObjectIdentifier: Tensor] = [:]
        var captured: [ObjectIdentifier: Tensor] = [:]
        for node in order {
            guard var gradOut = pending.removeValue(forKey: ObjectIdentifier(node)) else { continue }
            gradOut = try GradientHooks.apply(node: node, leaf: nil, gradOut)
            if let input = captureNodes[ObjectIdentifier(node)] { captured[input] = gradOut }
            if capture == nil, let output = node.retainedOutput { try output.accumulateGrad(gradOut) }
            try node.propagate(gradOut, retainGraph: retainGraph) { edge, g in
                switch edge {
                case .none: break
                case .leaf(let leaf):
                    let key = ObjectIdentifier(leaf)
                    if let existing = leafGrads[key] { leafGrads[key] = try existing.add(g) } else {
                        leaves.append(leaf)
                        leafGrads[key] = g
                    }
                case .node(let next):
                    let key = ObjectIdentifier(next)
                    pending[key] = try pending[key].map { try $0.add(g) } ?? g
                }
            }
        }
        let wanted = Set((capture ?? []).map(ObjectIdentifier.init))
        for leaf in leaves {
            let key = ObjectIdentifier(leaf)
            guard let g = leafGrads[key] else { continue }
            let hooked = try GradientHooks.apply(node: nil, leaf: leaf, g)
            if capture == nil { try leaf.accumulateGrad(hooked) } else if wanted.contains(key) { captured[key] = hooked }
        }
        return captured
    }

    /// `topologicalOrder` over several roots (one DFS with a shared visited set).
    static func topologicalOrder(roots: [GradFn]) -> [GradFn] {
        var visited: Set<ObjectIdentifier> = []
        var postOrder: [GradFn] = []
        for root in roots where visited.insert(ObjectIdentifier(root)).inserted {
            var stack: [(GradFn, Int)] = [(root, 0)]
            while let (node, i) = stack.popLast() {
                if i < node.next.count {
                    stack.append((node, i + 1))
                    if case .node(let child) = node.next[i], visited.insert(ObjectIdentifier(child)).inserted {
                        stack.append((child, 0))
                    }
                } else {
                    postOrder.append(node)
                }
            }
        }
        postOrder.reverse()
        return postOrder
    }
}
