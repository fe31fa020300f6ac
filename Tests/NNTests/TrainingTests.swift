import Testing
import NN
import TensorEngine

/// Layer forwards, losses and optimiser steps against PyTorch.
@Suite struct TrainingTests {
    @Test(arguments: NNGoldens.forwards)
    func layerForward(_ c: ForwardGolden) throws {
        let y = try c.make()(Tensor(values: c.input, shape: c.shape))
        #expect(y.shape == c.outputShape)
        #expect(close(y.toDoubleArray(), c.output, tolerance: 1e-6))
    }

    @Test(arguments: NNGoldens.losses)
    func lossValueAndGradient(_ c: LossGolden) throws {
        let loss = try c.make()
        #expect(loss.description == c.repr)
        let x = Tensor(values: c.input, shape: [3, 4])
        try x.setRequiresGrad(true)
        let l = try loss(x, c.target())
        #expect(abs(try l.item() - c.loss) <= 1e-6 * max(1, abs(c.loss)))
        try l.backward()
        #expect(close(try #require(x.grad).toDoubleArray(), c.grad, tolerance: 1e-6))
    }

    @Test(arguments: NNGoldens.optimizers)
    func optimizerSteps(_ c: OptimGolden) throws {
        let g = Generator(seed: 0)
        let lin = try Linear(3, 2, generator: g)
        let x = try Tensor.empty([4, 3]).uniform_(generator: g)
        let y = try Tensor.empty([4, 2]).uniform_(generator: g)
        let opt = try c.make(lin.parameters())
        #expect(opt.description == c.repr)
        for _ in 0..<3 {
            try opt.zeroGrad()
            try Tensor.mseLoss(try lin(x), y).backward()
            try opt.step()
        }
        for (p, expected) in zip(lin.parameters(), c.values) {
            #expect(close(p.toDoubleArray(), expected, tolerance: 1e-6))  // grads differ by ulps (BLAS), so not bit-exact
        }
    }
}
