import Language
import TensorEngine

/// The payload of an `AccumulateGrad` node: the leaf whose `.grad` it fills (`node.variable`).
final class AccumulateGradNode {
    let variable: Tensor
    init(_ variable: Tensor) { self.variable = variable }
}

/// `t.grad_fn` objects (`torch.autograd.graph.Node`): `name()`, `next_functions`, and the `AccumulateGrad`
/// nodes `next_functions` reaches at the leaves.
extension TorchLibrary {
    func installGradFnType() {
        types.gradFnBase.method("name") { _, args, _ in
            args[0].native(as: AccumulateGradNode.self) != nil ? .str("torch::autograd::AccumulateGrad") : .str(args[0].typeName)
        }
        // `((<MulBackward0 object at 0x…>, 0), (None, 0))`: each input's node, and which of its outputs.
        types.gradFnBase.property("next_functions") { [unowned self] _, obj in
            guard let g = obj.native(as: GradFn.self) else { return .object(PyTuple([])) }
            return .object(PyTuple(g.graphInputs.map { input in
                let node: Value
                switch input {
                case .node(let n): node = wrap(n)
                case .leaf(let t): node = accumulateGrad(t)
                case .constant: node = .none
                }
                return .object(PyTuple([node, .int(0)]))
            }))
        }
        types.accumulateGrad.property("variable") { [unowned self] _, obj in
            wrap(obj.native(as: AccumulateGradNode.self)?.variable)
        }
    }

    /// One node per leaf while anyone holds it, so `is` agrees across `next_functions` lookups as in PyTorch.
    private func accumulateGrad(_ leaf: Tensor) -> Value {
        let key = ObjectIdentifier(leaf)
        let node = accumulateGradNodes[key]?.node.flatMap { $0.variable === leaf ? $0 : nil } ?? AccumulateGradNode(leaf)
        if accumulateGradNodes.count > 4096 { accumulateGradNodes = accumulateGradNodes.filter { $0.value.node != nil } }
        accumulateGradNodes[key] = WeakAccumulateGrad(node: node)
        return .object(gradFnWrappers.wrapper(for: node) { PyObject(type: types.accumulateGrad) })
    }
}

struct WeakAccumulateGrad {
    weak var node: AccumulateGradNode?
}
