import Testing
import NN
import TensorEngine

/// The seed tutorials (shared/seeds 000–003) as programs, checked against PyTorch's values.
@Suite struct TutorialTests {
    @Test(arguments: NNGoldens.tutorial)
    func mlpForwardBackwardAndCustomInit(_ c: TutorialGolden) throws {
        let g = Generator(seed: c.seed)
        let net = Sequential([try Linear(4, 3, generator: g), ReLU(), try Linear(3, 1, generator: g)])
        let x = try Tensor.empty([2, 4]).uniform_(generator: g)
        #expect(bits(x.toDoubleArray()) == bits(c.input))
        let y = try net(x).sum()
        #expect(abs(try y.item() - c.sum) < 1e-5)
        let w0 = try #require(net.parameters().first)
        #expect(w0.grad == nil)
        try y.backward()
        #expect(close(try #require(w0.grad).toDoubleArray(), c.weight0Grad))

        // init_weight_: uniform(-10, 10), then zero where |w| < 5; then bias.data += 1.
        for (name, p) in net.namedParameters() where name.contains("weight") {
            try GradMode.withNoGrad {
                try p.uniform_(from: -10, to: 10, generator: g)
                let mask = try p.abs().ge(.double(5)).to(.float32)
                try p.copy_(try p.mul(mask))
            }
        }
        for (name, p) in net.namedParameters() where name.contains("bias") {
            p.data = try p.data.add(.double(1))
        }
        #expect(net.stateDict().map { bits($0.1.toDoubleArray()) } == c.afterCustomInit.map(bits))
    }

    @Test func sharedLinearAccumulatesGradient() throws {
        let lin = try Linear(1, 1, bias: false, generator: Generator(seed: 0))
        let net = Sequential([lin, lin])
        #expect(net.description == "Sequential(\n  (0): Linear(in_features=1, out_features=1, bias=False)\n  (1): Linear(in_features=1, out_features=1, bias=False)\n)")
        for (_, p) in net.namedParameters() { try Init.constant_(p, 3) }
        #expect(net.namedParameters().map { $0.0 } == ["0.weight"])
        #expect(net.stateDict().map { $0.0 } == ["0.weight", "1.weight"])
        #expect(try net.module(at: 0) === net.module(at: 1))
        let y = try net(Tensor.ones([1, 1])).sum()
        #expect(try y.item() == 9)
        #expect(y.description == "tensor(9., grad_fn=<SumBackward0>)")
        try y.backward()
        #expect(lin.weight?.grad?.toDoubleArray() == [6])
    }

    @Test func parameterVersusPlainTensorAttribute() throws {
        // class MyModel: self.weight1 = nn.Parameter(torch.rand(20, 20)); self.weight2 = torch.rand(20, 20)
        let m = Module()
        let g = Generator(seed: 0)
        #expect(try m.setAttribute("weight1", .tensor(Parameter.make(Tensor.rand([20, 20], generator: g)))))
        #expect(try !m.setAttribute("weight2", .tensor(Tensor.rand([20, 20], generator: g))))
        #expect(m.namedParameters().map { $0.0 } == ["weight1"])
    }
}
