/// A node of the autograd graph: the backward of one primitive op (`t.grad_fn`).
///
/// Nodes hold their inputs' edges and saved tensors (detached, so no node refers back to its output);
/// the graph is freed as soon as nothing references its output.
public final class GradFn {
    let op: BackwardOp
    private(set) var next: [Edge]
    let inputShapes: [[Int]]
    let inputDTypes: [DType]
    private var saved: [SavedTensor]
    private let hadSaved: Bool
    private(set) var isReleased = false
    /// The output whose `.grad` should be filled (`retain_grad()`); weak, so the graph never owns its outputs.
    weak var retainedOutput: Tensor?

    /// `output` identifies saved tensors that are this node's own result (named in version errors).
    init(op: BackwardOp, inputs: [Tensor], saving: [Tensor], output: Tensor? = nil) {
        self.op = op
        next = inputs.map(Edge.init)
        inputShapes = inputs.map(\.shape)
        inputDTypes = inputs.map(\.dtype)
        saved = saving.map { SavedTensor($0, producer: $0 === output ? op.name : $0.gradFn?.name) }
        hadSaved = !saving.isEmpty
    }

    /// `AddmmBackward0` etc.
    public var name: String { label ?? op.name }
    /// The name PyTorch gives the fused op a composite ends with (`ConvolutionBackward0`); see `labelingGradFn`.
    var label: String?

    /// Saved tensors, checking they were neither freed nor modified in place since they were saved.
    func unpackSaved() throws -> [Tensor] {
        if isReleased && hadSaved { throw TensorError.runtime(freedGraphMessage) }
        return try saved.map { try $0.unpack() }
    }

    func release() {
        saved = []
        isReleased = true
    }

    /// Frees a long chain of nodes (100k ops in a loop) one at a time: the default, recursive release of
    /// `next` would overflow the stack.
    deinit {
        var pending: [GradFn] = []
        for case .node(let n) in next { pending.append(n) }
        if pending.isEmpty { return }
        next = []
        while var node = pending.popLast() {
            guard isKnownUniquelyReferenced(&node) else { continue }  // still in use elsewhere: freed later
            for case .node(let n) in node.next { pending.append(n) }
            node.next = []
        }
    }
}

let freedGraphMessage = "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward."

/// Where the gradient for one input of a node goes.
enum Edge {
    case none
    case node(GradFn)
    case leaf(Tensor)

    init(_ t: Tensor) {
        if let fn = t.gradFn { self = .node(fn) } else if t.requiresGradFlag { self = .leaf(t) } else { self = .none }
    }
}

/// A tensor saved for backward with the version it had, so in-place changes are detected.
struct SavedTensor {
    let tensor: Tensor
    let savedVersion: Int
    /// The producing node's name (`ExpBackward0`), shortened only when the error is raised: searching the
    /// string would cost more than the rest of recording an op.
    let producer: String?
    let isView: Bool

    init(_ t: Tensor, producer: String?) {
        tensor = t.detach()
        savedVersion = t.version
        self.producer = producer
        isView = t.viewBase != nil
    }

    func unpack() throws -> Tensor {
        if tensor.version != savedVersion {
            // `Exp` in "which is output 0 of Exp": the producing node's name without `Backward<n>`.
            let origin = producer.map { name in
                let short = isView ? "AsStrided" : String(name[..<(name.firstRange(of: "Backward")?.lowerBound ?? name.endIndex)])
                return ", which is output 0 of \(short),"
            } ?? ""
            throw TensorError.runtime("one of the variables needed for gradient computation has been modified by an inplace operation: [\(tensor.dtype.legacyTensorTypeName) \(shapeList(tensor.shape))]\(origin) is at version \(tensor.version); expected version \(savedVersion) instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).")
        }
        return tensor
    }
}

enum Autograd {
    /// Attaches a node computing `op`'s backward to `output` if grad mode is on and an input requires grad.
    @discardableResult
    static func record(_ op: BackwardOp, inputs: [Tensor], saving: [Tensor] = [], output: Tensor) -> Tensor {
        guard GradMode.isEnabled, inputs.contains(where: \.requiresGrad) else { return output }
        output.gradFn = GradFn(op: op, inputs: inputs, saving: saving, output: output)
        return output
    }

    static var isRecording: Bool { GradMode.isEnabled }

    /// Whether a binary op on `a` and `b` gets a node; checked first so untracked ops build no input arrays.
    @inline(__always) static func tracks(_ a: Tensor, _ b: Tensor) -> Bool {
        (a.requiresGrad || b.requiresGrad) && GradMode.isEnabled
    }
}

extension Tensor {
    /// Names this result's graph node as PyTorch names the fused op it stands for. Layers such as Conv2d
    /// are composed of primitives here (their gradients come from the primitives' rules), but a learner
    /// printing `grad_fn` should see PyTorch's `ConvolutionBackward0`, not the last primitive's name.
    @discardableResult
    public func labelingGradFn(_ name: String) -> Tensor {
        gradFn?.label = name
        return self
    }
}
