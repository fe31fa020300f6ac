import Testing
import NN
import TensorEngine

/// Table-driven checks against values captured from PyTorch 2.15 (scripts/golden_nn.py).
@Suite struct GoldenTests {
    @Test(arguments: NNGoldens.linearInit)
    func linearInitIsBitIdentical(_ c: LinearInitGolden) throws {
        let g = Generator(seed: c.seed)
        let lin = try Linear(c.inFeatures, c.outFeatures, bias: c.bias, generator: g)
        #expect(lin.weight?.shape == [c.outFeatures, c.inFeatures])
        #expect(bits(lin.weight?.toDoubleArray() ?? []) == bits(c.weight))
        #expect(bits(lin.bias?.toDoubleArray() ?? []) == bits(c.biasValues))
    }

    @Test(arguments: NNGoldens.initCases)
    func initFunctionMatchesPyTorch(_ c: InitGolden) throws {
        let g = Generator(seed: c.seed)
        let t = Tensor.empty(c.shape, dtype: c.dtype)
        let r = try c.run(t, g)
        #expect(r === t)
        #expect(t.toDoubleArray() == c.values)
        // The same number of draws was consumed.
        let next = try Tensor.empty([1]).uniform_(generator: g).item()
        #expect(next == c.nextUniform)
    }

    @Test(arguments: NNGoldens.gains)
    func calculateGainRepr(_ c: GainGolden) throws {
        #expect(try Init.calculateGain(c.name, param: c.param).description == c.repr)
    }

    @Test(arguments: NNGoldens.modules)
    func moduleStructure(_ c: ModuleGolden) throws {
        let m = try c.make(Generator(seed: 0))
        #expect(m.description == c.repr)
        #expect(m.namedParameters().map { $0.0 } == c.parameterNames)
        let sd = m.stateDict()
        #expect(sd.map { $0.0 } == c.stateDictKeys)
        #expect(m.namedModules().map { $0.0 } == c.moduleNames)
        #expect(m.children().count == c.childCount)
        for ((_, t), expected) in zip(sd, c.stateDictValues) {
            if let expected {
                #expect(!t.isUninitializedParameter)
                #expect(bits(t.toDoubleArray()) == bits(expected))
                #expect(!t.requiresGrad && !t.isParameter)
            } else {
                #expect(t.isUninitializedParameter)
            }
        }
    }

    @Test(arguments: NNGoldens.errors)
    func errorText(_ c: ErrorGolden) {
        do {
            try c.run(Generator(seed: 0))
            Issue.record("no error thrown")
        } catch {
            #expect("\(error)" == c.expected)
        }
    }

    @Test func loadStateDictResults() throws {
        let g = Generator(seed: 0)
        let a = try Linear(2, 2, generator: g).loadStateDict(try Linear(2, 2, generator: g).stateDict())
        #expect(a.description == NNGoldens.loadResults[0].1)
        let b = try Linear(2, 2, generator: g).loadStateDict([("weight", Tensor.zeros([2, 2])), ("x", Tensor.zeros([1]))], strict: false)
        #expect(b.description == NNGoldens.loadResults[1].1)
    }

    @Test(arguments: NNGoldens.lazy)
    func lazyLinearMaterialisesOnFirstForward(_ c: LazyGolden) throws {
        let g = Generator(seed: c.seed)
        let x = try Tensor.empty([2, 20]).uniform_(generator: g)
        #expect(bits(x.toDoubleArray()) == bits(c.input))
        let net = Sequential([try LazyLinear(8, generator: g), ReLU(), try LazyLinear(3, generator: g)])
        #expect(net.stateDict().allSatisfy { $0.1.isUninitializedParameter })
        let y = try net(x)
        #expect(net.description == c.repr)
        #expect(net.stateDict().map { $0.0 } == c.stateDictKeys)
        #expect(net.stateDict().map { bits($0.1.toDoubleArray()) } == c.stateDictValues.map(bits))
        #expect(close(y.toDoubleArray(), c.output))
        #expect(try Tensor.empty([1]).uniform_(generator: g).item() == c.nextUniform)
    }
}
