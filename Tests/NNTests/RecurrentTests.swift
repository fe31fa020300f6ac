import Testing
import NN
import TensorEngine

/// A recurrent module built under a seed and run once: what PyTorch 2.15 showed (scripts/golden_recurrent.py).
struct RecurrentGolden: @unchecked Sendable, CustomStringConvertible {
    enum Kind { case layer, rnncell, grucell, lstmcell }
    let label: String, seed: UInt64, kind: Kind
    let make: (Generator) throws -> Module
    let repr: String, parameterNames: [String]
    /// Parameter values at construction, in named_parameters order (compared bit for bit).
    let initial: [[Double]]
    let input: [Double], shape: [Int]
    let states: [[Double]]?, stateShapes: [[Int]]?
    let output: [Double], outputShape: [Int]
    /// The returned states besides the output: `[h_n]`, `[h_n, c_n]`, or a cell's `[c']`.
    let hidden: [[Double]], hiddenShapes: [[Int]]
    let cotangent: [Double], inputGrad: [Double]
    let stateGrads: [[Double]]?
    let parameterGrads: [[Double]]
    var description: String { "\(label) seed \(seed)" }
}

struct RecurrentErrorGolden: @unchecked Sendable, CustomStringConvertible {
    let label: String
    let run: (Generator) throws -> Void
    let expected: String
    var description: String { label }
}

/// Values agree with PyTorch up to the matrix products' float32 summation order (the recurrence itself is
/// op for op ATen's; its gemm and oneDNN's LSTM kernel may round a product differently).
private func near(_ a: [Double], _ b: [Double], rtol: Double = 1e-5, atol: Double = 1e-5) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= atol + rtol * abs($1) }
}

@Suite struct RecurrentTests {
    @Test(arguments: RecurrentGoldens.cases)
    func moduleMatchesPyTorch(_ c: RecurrentGolden) throws {
        let m = try c.make(Generator(seed: c.seed))
        #expect(m.description == c.repr)
        let params = m.namedParameters()
        #expect(params.map(\.0) == c.parameterNames)
        #expect(m.stateDict().map(\.0) == c.parameterNames)
        for ((name, p), expected) in zip(params, c.initial) {
            #expect(bits(p.toDoubleArray()) == bits(expected), "initial \(name)")
        }

        let x = Tensor(values: c.input, shape: c.shape)
        try x.setRequiresGrad(true)
        let states = try zip(c.states ?? [], c.stateShapes ?? []).map { values, shape in
            let t = Tensor(values: values, shape: shape)
            try t.setRequiresGrad(true)
            return t
        }
        let given = c.states == nil ? nil : states
        let (out, hidden) = try run(m, c.kind, x, given)
        #expect(out.shape == c.outputShape)
        #expect(near(out.toDoubleArray(), c.output), "output")
        #expect(hidden.map(\.shape) == c.hiddenShapes)
        for (h, expected) in zip(hidden, c.hidden) { #expect(near(h.toDoubleArray(), expected), "state") }

        var loss = try out.mul(Tensor(values: c.cotangent, shape: c.outputShape)).sum()
        for h in hidden { loss = try loss.add(try h.sum()) }
        try loss.backward()
        #expect(near(x.grad?.toDoubleArray() ?? [], c.inputGrad, rtol: 1e-4), "input grad")
        for (s, expected) in zip(states, c.stateGrads ?? []) {
            #expect(near(s.grad?.toDoubleArray() ?? [], expected, rtol: 1e-4), "state grad")
        }
        for ((name, p), expected) in zip(m.namedParameters(), c.parameterGrads) {
            #expect(near(p.grad?.toDoubleArray() ?? [], expected, rtol: 1e-4), "grad of \(name)")
        }
    }

    private func run(_ m: Module, _ kind: RecurrentGolden.Kind, _ x: Tensor, _ states: [Tensor]?) throws -> (Tensor, [Tensor]) {
        switch kind {
        case .layer:
            let layer = try #require(m as? RNNBase)
            return try layer.forward(x, states)
        case .rnncell:
            return (try #require(m as? RNNCell).forward(x, states?.first), [])
        case .grucell:
            return (try #require(m as? GRUCell).forward(x, states?.first), [])
        case .lstmcell:
            let (h, c) = try #require(m as? LSTMCell).forward(x, states)
            return (h, [c])
        }
    }

    @Test(arguments: RecurrentGoldens.errors)
    func errorText(_ c: RecurrentErrorGolden) {
        do {
            try c.run(Generator(seed: 0))
            Issue.record("no error thrown")
        } catch {
            #expect("\(error)" == c.expected)
        }
    }

    /// Same inputs, same generator: a module's forward is deterministic and builds no graph without grad.
    @Test func noGradBuildsNoGraph() throws {
        let lstm = try LSTM(3, 4, numLayers: 2, generator: Generator(seed: 0))
        let x = Tensor.randn([5, 2, 3], generator: Generator(seed: 1))
        let (a, _) = try lstm.forward(x, nil)
        let (b, hidden) = try GradMode.withNoGrad { try lstm.forward(x, nil) }
        #expect(a.toDoubleArray() == b.toDoubleArray())
        #expect(a.gradFn?.name == "MkldnnRnnLayerBackward0")
        #expect(b.gradFn == nil && hidden.allSatisfy { $0.gradFn == nil })
    }

    /// Inter-layer dropout draws only in training mode.
    @Test func dropoutOnlyInTraining() throws {
        let gru = try GRU(2, 3, numLayers: 2, dropout: 0.5, generator: Generator(seed: 0))
        let x = Tensor.randn([4, 1, 2], generator: Generator(seed: 1))
        _ = gru.eval()
        let (a, _) = try gru.forward(x, nil)
        let (b, _) = try gru.forward(x, nil)
        #expect(a.toDoubleArray() == b.toDoubleArray())
        #expect(gru.description == "GRU(2, 3, num_layers=2, dropout=0.5)")
    }
}
