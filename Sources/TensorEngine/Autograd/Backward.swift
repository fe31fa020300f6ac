extension Tensor {
    /// `t.backward(gradient, retain_graph)`: accumulates d(self)/d(leaf) into every reachable leaf's `.grad`.
    public func backward(gradient: Tensor? = nil, retainGraph: Bool = false) throws {
        guard requiresGrad else {
            throw TensorError.runtime("element 0 of tensors does not require grad and does not have a grad_fn")
        }
        let seed: Tensor
        if let g = gradient {
            if g.shape != shape {
                throw TensorError.runtime("Mismatch in shape: grad_output[0] has a shape of \(torchSize(g.shape)) and output[0] has a shape of \(torchSize(shape)).")
            }
            seed = g.materialized(as: dtype)
        } else {
            if numel != 1 { throw TensorError.runtime("grad can be implicitly created only for scalar outputs") }
            seed = Tensor.ones(shape, dtype: dtype)
        }
        try GradMode.withNoGrad {
            guard let root = gradFn else {
                try accumulateGrad(seed)
                return
            }
            try Tensor.runBackward(root: root, seed: seed, retainGraph: retainGraph)
        }
    }

    static func runBackward(root: GradFn, seed: Tensor, retainGraph: Bool) throws {
        if GradientHooks.isActive { _ = try runHooked(roots: [(root, seed)], retainGraph: retainGraph, capture: nil); return }
        let order = topologicalOrder(root)
        var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): seed]
        for node in order {
            guard let gradOut = pending.removeValue(forKey: ObjectIdentifier(node)) else { continue }
            if let output = node.retainedOutput { try output.accumulateGrad(gradOut) }
            try node.propagate(gradOut, retainGraph: retainGraph) { edge, g in
                switch edge {
                case .none: break
                case .leaf(let leaf): try leaf.accumulateGrad(g)
                case .node(let next):
                    let key = ObjectIdentifier(next)
                    pending[key] = try pending[key].map { try $0.add(g) } ?? g
                }
            }
        }
    }

    /// Nodes reachable from `root`, each before all nodes it feeds gradients into (iterative DFS).
    static func topologicalOrder(_ root: GradFn) -> [GradFn] {
        var visited: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
        var postOrder: [GradFn] = []
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
        postOrder.reverse()  // in place: `reversed()` would allocate a second array
        return postOrder
    }

    /// `t.retain_grad()`: a non-leaf's `.grad` is filled by later backward passes.
    public func retainGrad() throws {
        if !requiresGrad { throw TensorError.runtime("can't retain_grad on Tensor that has requires_grad=False") }
        gradFn?.retainedOutput = self
    }

    /// `t.retains_grad`.
    public var retainsGrad: Bool { gradFn.map { $0.retainedOutput === self } ?? false }

    /// Adds into `.grad` in place (a fresh copy the first time), as AccumulateGrad does.
    func accumulateGrad(_ g: Tensor) throws {
        if let existing = gradStore {
            try existing.addRawInPlace(g)
        } else {
            gradStore = g.materialized(as: dtype, copyAlways: true)
        }
    }
}

extension GradFn {
    /// Runs this node's backward on `gradOut` and hands each input that takes a gradient its share, summed
    /// to the input's shape and cast to its dtype (broadcasting and promotion undone). Both backward runners
    /// use it, so they differ only in where the shares go.
    func propagate(_ gradOut: Tensor, retainGraph: Bool, to deliver: (Edge, Tensor) throws -> Void) throws {
        let grads = try op.backward(gradOut, saved: try unpackSaved(), node: self)
        if !retainGraph { release() }
        for (i, edge) in next.enumerated() {
            guard i < grads.count, var g = grads[i] else { continue }
            if case .none = edge { continue }
            if g.shape != inputShapes[i] { g = try g.sumTo(inputShapes[i]) }
            if g.dtype != inputDTypes[i] { g = g.materialized(as: inputDTypes[i]) }
            try deliver(edge, g)
        }
    }
}
