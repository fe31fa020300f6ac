import Testing
import NN
import TensorEngine

/// One layer built under a seed, run on a fixed input: everything PyTorch 2.15 showed for it
/// (scripts/golden_layers2.py).
struct Layer2Golden: @unchecked Sendable, CustomStringConvertible {
    let label: String, seed: UInt64
    let make: (Generator) throws -> Module
    let repr: String, reprAfter: String
    let parameterNames: [String], stateDictKeys: [String]
    let parameterNamesAfter: [String], stateDictKeysAfter: [String]
    /// state_dict values at construction; nil for an `UninitializedParameter`.
    let initial: [[Double]?]
    let eval: Bool, steps: Int
    let intInput: [Int64]?, input: [Double], shape: [Int]
    let output: [Double], outputShape: [Int]
    let cotangent: [Double], inputGrad: [Double]
    /// Gradients of (output · cotangent).sum() for each parameter, in named_parameters order.
    let parameterGrads: [[Double]]
    let stateAfter: [[Double]]
    let indices: [Int64]?
    var description: String { "\(label) seed \(seed)" }
}

struct Layer2ErrorGolden: @unchecked Sendable, CustomStringConvertible {
    let label: String
    let run: (Generator) throws -> Void
    let expected: String
    var description: String { label }
}

/// An `F.*` call on tensors drawn with `randn` from `Generator(seed:)` (torch.manual_seed in the script).
struct Layer2FunctionalGolden: @unchecked Sendable, CustomStringConvertible {
    let label: String, seed: UInt64
    let run: (_ randn: ([Int]) -> Tensor) throws -> Tensor
    let shape: [Int], output: [Double]
    var description: String { label }
}

/// Forward/backward values agree with PyTorch up to float32 summation order.
private func near(_ a: [Double], _ b: [Double], rtol: Double = 1e-5, atol: Double = 1e-5) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= atol + rtol * abs($1) }
}

@Suite struct Layers2Tests {
    @Test(arguments: Layers2Goldens.cases)
    func layerMatchesPyTorch(_ c: Layer2Golden) throws {
        let m = try c.make(Generator(seed: c.seed))
        #expect(m.description == c.repr)
        #expect(m.namedParameters().map(\.0) == c.parameterNames)
        let sd = m.stateDict()
        #expect(sd.map(\.0) == c.stateDictKeys)
        for ((name, t), expected) in zip(sd, c.initial) {
            if let expected {
                #expect(bits(t.toDoubleArray()) == bits(expected), "initial \(name)")
            } else {
                #expect(t.isUninitializedParameter, "\(name) should be uninitialized")
            }
        }

        if c.eval { _ = m.eval() }
        let x: Tensor
        if let intInput = c.intInput {
            x = Tensor(int64Values: intInput, shape: c.shape)
        } else {
            x = Tensor(values: c.input, shape: c.shape)
            try x.setRequiresGrad(true)
        }
        var out = x
        var indices: Tensor?
        for _ in 0..<c.steps {
            if let pool = m as? MaxPool2d, pool.returnIndices {
                (out, indices) = try pool.forwardWithIndices(x)
            } else {
                out = try m(x)
            }
        }
        #expect(out.shape == c.outputShape)
        #expect(near(out.toDoubleArray(), c.output), "output")
        if let expected = c.indices { #expect(indices?.toInt64Array() == expected, "indices") }

        try out.mul(Tensor(values: c.cotangent, shape: c.outputShape)).sum().backward()
        if c.intInput == nil { #expect(near(x.grad?.toDoubleArray() ?? [], c.inputGrad), "input grad") }
        let params = m.namedParameters()
        #expect(params.map(\.0) == c.parameterNamesAfter)
        for ((name, p), expected) in zip(params, c.parameterGrads) {
            #expect(near(p.grad?.toDoubleArray() ?? [], expected, rtol: 1e-4), "grad of \(name)")
        }

        #expect(m.description == c.reprAfter)
        let after = m.stateDict()
        #expect(after.map(\.0) == c.stateDictKeysAfter)
        for ((name, t), expected) in zip(after, c.stateAfter) {
            #expect(near(t.toDoubleArray(), expected), "state \(name)")
        }
    }

    @Test(arguments: Layers2Goldens.errors)
    func errorText(_ c: Layer2ErrorGolden) {
        do {
            try c.run(Generator(seed: 0))
            Issue.record("no error thrown")
        } catch {
            #expect("\(error)" == c.expected)
        }
    }

    @Test(arguments: Layers2Goldens.functional)
    func functionalMatchesPyTorch(_ c: Layer2FunctionalGolden) throws {
        let g = Generator(seed: c.seed)
        let out = try c.run { Tensor.randn($0, generator: g) }
        #expect(out.shape == c.shape)
        #expect(near(out.toDoubleArray(), c.output))
    }

    @Test func numBatchesTrackedIsInt64Scalar() throws {
        let bn = try BatchNorm2d(2)
        let count = try #require(bn.numBatchesTracked)
        #expect(count.dtype == .int64 && count.shape == [])
        _ = try bn(Tensor.randn([3, 2, 2, 2], generator: Generator(seed: 0)))
        _ = try bn(Tensor.randn([3, 2, 2, 2], generator: Generator(seed: 1)))
        #expect(count.toInt64Array() == [2])
        _ = bn.eval()
        _ = try bn(Tensor.randn([3, 2, 2, 2], generator: Generator(seed: 2)))
        #expect(count.toInt64Array() == [2])
    }

    @Test func embeddingPaddingRowGetsNoGradient() throws {
        let e = try Embedding(4, 2, paddingIdx: 0, generator: Generator(seed: 0))
        try e(Tensor(int64Values: [0, 1, 0], shape: [3])).sum().backward()
        #expect(e.weight?.grad?.toDoubleArray() == [0, 0, 1, 1, 0, 0, 0, 0])
    }

    @Test func lazyConvDrawsNothingUntilForward() throws {
        let g = Generator(seed: 0)
        let lazy = try LazyConv2d(3, kernelSize: 2, generator: g)
        let next = try Tensor.empty([1]).uniform_(generator: g).item()
        #expect(next == (try Tensor.empty([1]).uniform_(generator: Generator(seed: 0)).item()))
        #expect(lazy.description == "LazyConv2d(0, 3, kernel_size=(2, 2), stride=(1, 1))")
    }
}
