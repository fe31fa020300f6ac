/// What flows into a node of the autograd graph, for tools that draw the graph (`graph(loss)`).
public enum GraphInput {
    /// Another op's backward.
    case node(GradFn)
    /// A leaf that requires grad: its gradient is accumulated into `.grad` (PyTorch's `AccumulateGrad`).
    case leaf(Tensor)
    /// An input that needs no gradient.
    case constant
}

extension GradFn {
    /// This node's inputs in argument order, as `grad_fn.next_functions` lists them.
    public var graphInputs: [GraphInput] {
        next.map {
            switch $0 {
            case .none: .constant
            case .node(let n): .node(n)
            case .leaf(let t): .leaf(t)
            }
        }
    }

    /// The shape of each input, in the same order as `graphInputs`.
    public var graphInputShapes: [[Int]] { inputShapes }
}
