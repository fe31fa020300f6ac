import Testing
import NN
import TensorEngine

/// Behaviour of the Module core: routing, ordering, traversal, training flags.
@Suite struct ModuleTests {
    @Test func setAttributeRoutesEachValueToOneStore() throws {
        let m = Module()
        #expect(try m.setAttribute("weight1", .tensor(Parameter.make(Tensor.ones([2, 2])))))
        #expect(try !m.setAttribute("weight2", .tensor(Tensor.ones([2, 2]))))  // plain attribute: caller keeps it
        #expect(try m.setAttribute("child", .module(ReLU())))
        try m.registerParameter("w4", nil)
        #expect(m.parameterStore.keys == ["weight1", "w4"])
        #expect(m.namedParameters().map { $0.0 } == ["weight1"])
        #expect(m.stateDict().map { $0.0 } == ["weight1"])
        // Assigning a Parameter over a module moves the name to the parameter store.
        #expect(try m.setAttribute("child", .tensor(Parameter.make(Tensor.ones([1])))))
        #expect(m.moduleStore.isEmpty && m.parameterStore.keys == ["weight1", "w4", "child"])
        // None over a parameter keeps the key.
        #expect(try m.setAttribute("weight1", .none))
        #expect(m.parameter("weight1") == nil && m.parameterStore.contains("weight1"))
        #expect(m.description == "Module()")
    }

    @Test func plainAttributeHookMakesRegistrationFail() throws {
        let m = Module()
        m.plainAttributeExists = { $0 == "weight2" }
        #expect(throws: NNError(.key, "\"attribute 'weight2' already exists\"")) {
            try m.registerParameter("weight2", nil)
        }
        #expect(throws: NNError(.key, "\"attribute 'forward' already exists\"")) {
            try m.registerBuffer("forward", nil)
        }
    }

    @Test func buffersComeAfterParametersInStateDict() throws {
        let m = Module()
        try m.registerBuffer("running", Tensor.zeros([2]))
        try m.registerBuffer("scratch", Tensor.zeros([2]), persistent: false)
        try m.registerParameter("w", Parameter.make(Tensor.ones([2])))
        #expect(m.stateDict().map { $0.0 } == ["w", "running"])
        #expect(m.namedBuffers().map { $0.0 } == ["running", "scratch"])
        #expect(try !m.setAttribute("other", .tensor(Tensor.ones([1]))))
        #expect(try m.setAttribute("running", .tensor(Tensor.ones([3]))))
        #expect(m.buffer("running")?.shape == [3])
    }

    @Test func stateDictIsDetachedAndSharesStorage() throws {
        let lin = try Linear(3, 2, generator: Generator(seed: 1))
        let sd = lin.stateDict()
        let w = try #require(lin.weight)
        #expect(sd[0].1 !== w)
        #expect(sd[0].1.sharesStorage(with: w))
        #expect(!sd[0].1.requiresGrad && !sd[0].1.isParameter)
        #expect(w.requiresGrad && w.isParameter && w.isLeaf)
        let keep = lin.stateDict(keepVars: true)
        #expect(keep[0].1 === w)
    }

    @Test func loadStateDictCopiesValues() throws {
        let a = try Linear(3, 2, generator: Generator(seed: 1))
        let b = try Linear(3, 2, generator: Generator(seed: 2))
        let result = try b.loadStateDict(a.stateDict())
        #expect(result.description == "<All keys matched successfully>")
        #expect(b.weight?.toDoubleArray() == a.weight?.toDoubleArray())
        #expect(b.bias?.toDoubleArray() == a.bias?.toDoubleArray())
        #expect(b.weight?.requiresGrad == true)
    }

    @Test func applyVisitsChildrenFirst() throws {
        let g = Generator(seed: 0)
        let net = Sequential([try Linear(4, 3, generator: g), ReLU(), try Linear(3, 1, generator: g)])
        var seen: [String] = []
        let r = net.apply { seen.append($0.typeName) }
        #expect(r === net)
        #expect(seen == ["Linear", "ReLU", "Linear", "Sequential"])
    }

    @Test func sharedModuleIsVisitedOnce() throws {
        let lin = try Linear(1, 1, bias: false, generator: Generator(seed: 0))
        let net = Sequential([lin, ReLU(), lin])
        #expect(net.parameters().count == 1)
        #expect(net.children().count == 2)
        #expect(net.stateDict().map { $0.0 } == ["0.weight", "2.weight"])
        #expect(net.namedModules(removeDuplicate: false).map { $0.0 } == ["", "0", "1", "2"])
        #expect(net.namedParameters(removeDuplicate: false).map { $0.0 } == ["0.weight", "2.weight"])
        #expect(try net.module(at: 0) === net.module(at: -1))
    }

    @Test func trainAndEvalPropagate() throws {
        let inner = Sequential([ReLU()])
        let net = Sequential([inner, try Dropout()])
        net.eval()
        let relu = try #require(try inner.module(at: 0))
        #expect(!net.training && !inner.training && !relu.training)
        net.train()
        #expect(net.training && inner.training)
    }

    @Test func sequentialSliceKeepsKeysAndIndexingCountsPositions() throws {
        let net = try Sequential(named: [("a", ReLU()), ("b", Tanh()), ("c", Sigmoid())])
        let s = try net.slice(start: 1, stop: nil)
        #expect(s.moduleStore.keys == ["b", "c"])
        #expect(try s.module(at: 0)?.typeName == "Tanh")
        #expect(try net.slice(start: nil, stop: nil, step: -1).moduleStore.keys == ["c", "b", "a"])
        try net.append(Identity())
        #expect(net.moduleStore.keys == ["a", "b", "c", "3"])
        #expect(try net.getSubmodule("b").typeName == "Tanh")
    }

    @Test func lazyLinearBeforeAndAfterForward() throws {
        let g = Generator(seed: 3)
        let lazy = try LazyLinear(3, bias: false, generator: g)
        let w = try #require(lazy.weight)
        #expect(lazy.typeName == "LazyLinear")
        #expect(lazy.description == "LazyLinear(in_features=0, out_features=3, bias=False)")
        #expect(w.isUninitializedParameter && w.requiresGrad && w.shape == [0])
        #expect(throws: TensorError.self) { try Init.normal_(w) }
        _ = try lazy(Tensor.ones([2, 4]))
        #expect(lazy.typeName == "Linear")
        #expect(lazy.description == "Linear(in_features=4, out_features=3, bias=False)")
        #expect(lazy.weight === w && !w.isUninitializedParameter && w.shape == [3, 4])
        // Same draws as a Linear created at that moment.
        let reference = try Linear(4, 3, bias: false, generator: Generator(seed: 3))
        #expect(w.toDoubleArray() == reference.weight?.toDoubleArray())
        #expect(throws: TensorError.self) { _ = try lazy(Tensor.ones([2, 5])) }
    }

    @Test func zeroGradSetsGradsToNone() throws {
        let lin = try Linear(2, 1, generator: Generator(seed: 0))
        lin.weight?.grad = Tensor.ones([1, 2])
        try lin.zeroGrad()
        #expect(lin.weight?.grad == nil)
    }

    @Test func requiresGradToggle() throws {
        let lin = try Linear(2, 1, generator: Generator(seed: 0))
        try lin.requiresGrad_(false)
        #expect(lin.parameters().allSatisfy { !$0.requiresGrad })
    }

    @Test func fans() throws {
        #expect(try Init.fanInAndFanOut(Tensor.empty([3, 4])) == (4, 3))
        #expect(try Init.fanInAndFanOut(Tensor.empty([8, 4, 3, 3])) == (36, 72))
        #expect(try Init.fanInAndFanOut(Tensor.empty([5, 3, 2])) == (6, 10))
        #expect(try Init.fanInAndFanOut(Tensor.empty([0, 4])) == (4, 0))
    }

    @Test func orthogonalGivesOrthonormalRows() throws {
        let t = Tensor.empty([3, 5])
        try Init.orthogonal_(t, generator: Generator(seed: 0))
        let v = t.toDoubleArray()
        for i in 0..<3 {
            for j in 0..<3 {
                let dot = (0..<5).reduce(0.0) { $0 + v[i * 5 + $1] * v[j * 5 + $1] }
                #expect(abs(dot - (i == j ? 1 : 0)) < 1e-5)
            }
        }
    }
}
