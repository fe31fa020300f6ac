@testable import TensorEngine
import Testing

/// Autograd semantics from reference §5: accumulation, errors, no_grad, graph lifetime, version counters.
struct AutogradTests {
    func leaf(_ values: [Double], _ shape: [Int], dtype: DType = .float32) throws -> Tensor {
        let t = Tensor(values: values, shape: shape, dtype: dtype)
        try t.setRequiresGrad(true)
        return t
    }

    @Test func backwardTwiceWithRetainGraphDoublesGrads() throws {
        let x = try leaf([1, 1, 1, 1], [2, 2])
        let y = try x.mul(3).sum()
        try y.backward(retainGraph: true)
        #expect(x.grad?.toDoubleArray() == [3, 3, 3, 3])
        try y.backward()
        #expect(x.grad?.toDoubleArray() == [6, 6, 6, 6])
    }

    @Test func freshGraphsAccumulateToo() throws {
        let x = try leaf([1, 2], [2])
        try x.mul(3).sum().backward()
        try x.mul(3).sum().backward()
        #expect(x.grad?.toDoubleArray() == [6, 6])
    }

    @Test func tensorUsedTwiceSumsContributions() throws {
        // d/dx (x*x + x) = 2x + 1; `w` used twice in a chain as in Sequential(lin, lin): d/dw (w*(w*1)) = 2w.
        let x = try leaf([1, 2, 3], [3])
        try x.mul(x).add(x).sum().backward()
        #expect(x.grad?.toDoubleArray() == [3, 5, 7])
        let w = try leaf([3], [1, 1])
        let out = try Tensor.linear(try Tensor.linear(Tensor.ones([1, 1]), weight: w, bias: nil), weight: w, bias: nil).sum()
        #expect(try out.item() == 9)
        try out.backward()
        #expect(w.grad?.toDoubleArray() == [6])
    }

    @Test func retainGradFillsNonLeafGrad() throws {
        let x = try leaf([1, 2], [2])
        let y = try x.mul(3)
        try y.retainGrad()
        #expect(y.retainsGrad)
        try y.mul(y).sum().backward()
        #expect(y.grad?.toDoubleArray() == [6, 12])
        #expect(x.grad?.toDoubleArray() == [18, 36])
    }

    @Test func secondBackwardThroughFreedGraphThrows() throws {
        let x = try leaf([1, 2], [2])
        let y = try x.mul(x).sum()
        try y.backward()
        #expect(throws: TensorError(.runtime, freedGraphMessage)) { try y.backward() }
    }

    @Test func errorTexts() throws {
        let x = try leaf([1, 2], [2])
        #expect(throws: TensorError(.runtime, "grad can be implicitly created only for scalar outputs")) {
            try x.mul(2).backward()
        }
        #expect(throws: TensorError(.runtime, "element 0 of tensors does not require grad and does not have a grad_fn")) {
            try Tensor.ones([1]).sum().backward()
        }
        #expect(throws: TensorError(.runtime, "Mismatch in shape: grad_output[0] has a shape of torch.Size([3]) and output[0] has a shape of torch.Size([2]).")) {
            try x.mul(2).backward(gradient: Tensor.ones([3]))
        }
        #expect(throws: TensorError(.runtime, "Only Tensors of floating point and complex dtype can require gradients")) {
            try Tensor.zeros([2], dtype: .int64).setRequiresGrad(true)
        }
        #expect(throws: TensorError(.runtime, "attempting to assign a gradient of size '[3]' to a tensor of size '[2]'. Please ensure that the gradient and the tensor are the same size")) {
            try x.setGrad(Tensor.ones([3]))
        }
    }

    @Test func inPlaceOnLeafRequiringGrad() throws {
        let leafError = TensorError(.runtime, "a leaf Variable that requires grad is being used in an in-place operation.")
        let p = try leaf([1, 2], [2])
        #expect(throws: leafError) { try p.add_(1) }
        #expect(throws: leafError) { try p.fill_(0) }
        #expect(throws: leafError) { try p.uniform_() }
        #expect(throws: TensorError(.runtime, "a view of a leaf Variable that requires grad is being used in an in-place operation.")) {
            try p.select(dim: 0, index: 0).mul_(2)
        }
        _ = try GradMode.withNoGrad { try p.add_(1) }
        #expect(p.toDoubleArray() == [2, 3])
        try p.data.add_(1)
        #expect(p.toDoubleArray() == [3, 4])
        p.isParameter = true
        _ = try GradMode.withNoGrad { try p.normal_(mean: 0, std: 1) }
        #expect(p.requiresGrad && p.isLeaf)
    }

    @Test func noGradProducesUntrackedResultsAndRestoresMode() throws {
        let x = try leaf([1, 2], [2])
        let y = try GradMode.withNoGrad { () -> Tensor in
            #expect(!GradMode.isEnabled)
            return try x.mul(2)
        }
        #expect(GradMode.isEnabled)
        #expect(!y.requiresGrad && y.gradFn == nil)
        #expect(throws: TensorError.self) { try y.sum().backward() }
    }

    @Test func graphIsFreedWhenOutputIsDropped() throws {
        let x = try leaf([1, 2, 3], [3])
        weak var node: GradFn?
        weak var inner: GradFn?
        do {
            let y = try x.exp().mul(x).sum()
            node = y.gradFn
            inner = y.gradFn?.next.first.flatMap { if case .node(let n) = $0 { n } else { nil } }
            #expect(node != nil && inner != nil)
        }
        #expect(node == nil)
        #expect(inner == nil)
    }

    @Test func detachSharesVersionCounterButDataDoesNot() throws {
        let x = try leaf([1, 2], [2])
        let y = try x.exp()
        let d = y.detach()
        try d.add_(1)  // ExpBackward0 saved its result, which is now modified
        #expect(throws: TensorError(.runtime, "one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2]], which is output 0 of Exp, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).")) {
            try y.sum().backward()
        }
        let leafSaved = try x.mul(x)
        try x.detach().add_(1)
        #expect(throws: TensorError(.runtime, "one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2]] is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).")) {
            try leafSaved.sum().backward()
        }
        let w = try x.mul(1)
        try w.mul_(w)  // `other` is saved and then overwritten
        #expect(throws: TensorError(.runtime, "one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2]], which is output 0 of Mul, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).")) {
            try w.sum().backward()
        }
        let z = try x.exp()
        try z.data.mul_(0)  // unnoticed: backward silently uses the new values
        try z.sum().backward()
        #expect(x.grad?.toDoubleArray() == [0, 0])
        #expect(d.sharesStorage(with: y) && z.data.sharesStorage(with: z))
    }

    @Test func gradFnNames() throws {
        let a = try leaf([1, 2, 3, 4, 5, 6], [2, 3])
        let v = try leaf([1, 2, 3], [3])
        let cases: [(Tensor, String)] = [
            (try a.add(1), "AddBackward0"), (try a.sub(a), "SubBackward0"), (try a.rsub(1), "RsubBackward1"),
            (try a.mul(2), "MulBackward0"), (try a.div(2), "DivBackward0"), (try a.neg(), "NegBackward0"),
            (try a.pow(2), "PowBackward0"), (try a.sum(), "SumBackward0"), (try a.sum(dim: 0), "SumBackward1"),
            (try a.mean(), "MeanBackward0"), (try a.mean(dim: 0), "MeanBackward1"), (try a.relu(), "ReluBackward0"),
            (try a.sigmoid(), "SigmoidBackward0"), (try a.tanh(), "TanhBackward0"), (try a.exp(), "ExpBackward0"),
            (try a.log(), "LogBackward0"), (try a.abs(), "AbsBackward0"), (try a.mm(try a.t()), "MmBackward0"),
            (try a.mv(v), "MvBackward0"), (try v.dot(v), "DotBackward0"), (try a.matmul(v), "MvBackward0"),
            (try Tensor.linear(a, weight: a, bias: v.slice(dim: 0, end: 2)), "AddmmBackward0"),
            (try Tensor.linear(a, weight: a, bias: nil), "MmBackward0"),
            (try Tensor.linear(v, weight: a, bias: nil), "SqueezeBackward4"),
            (try Tensor.linear(v, weight: a, bias: v.slice(dim: 0, end: 2)), "UnsafeViewBackward0"),
            (try Tensor.linear(a.unsqueeze(0), weight: a, bias: nil), "UnsafeViewBackward0"),
            (try a.view([6]), "ViewBackward0"), (try a.reshape([3, 2]), "ViewBackward0"),
            (try a.t().reshape([6]), "UnsafeViewBackward0"), (try a.t(), "TBackward0"),
            (try a.reversedDims(), "PermuteBackward0"), (try a.select(dim: 0, index: 0), "SelectBackward0"),
            (try a.slice(dim: 0, end: 4), "SliceBackward0"), (try Tensor.cat([a, a]), "CatBackward0"),
            (try Tensor.stack([a, a]), "StackBackward0"), (try a.max(), "MaxBackward1"), (try a.max(dim: 0).values, "MaxBackward0"),
            (try a.clone(), "CloneBackward0"), (try a.to(.float64), "ToCopyBackward0"),
            (try Tensor.mseLoss(a, a.detach()), "MseLossBackward0"), (try a.clamp(min: 0), "ClampBackward1"),
            (try a.transpose(0, 1), "TransposeBackward0"), (try a.unsqueeze(0), "UnsqueezeBackward0"),
            (try a.expand([2, 2, 3]), "ExpandBackward0"), (try a.softmax(dim: 1), "SoftmaxBackward0"),
            (try a.logSoftmax(dim: 1), "LogSoftmaxBackward0"), (try a.rdiv(2), "MulBackward0"),
            (try a.pow(a), "PowBackward1"), (try a.rpow(2), "PowBackward2"),
            (try a.maskedFill(try a.gt(2), value: 0), "MaskedFillBackward0"),
            (try a.index(Tensor(int64Values: [0], shape: [1])), "IndexBackward0"),
            (try Tensor.crossEntropy(a, Tensor(int64Values: [0, 1], shape: [2])), "NllLossBackward0"),
            (try a.gelu(), "GeluBackward0"), (try a.silu(), "SiluBackward0"), (try a.leakyRelu(), "LeakyReluBackward0"),
            (try a.elu(), "EluBackward0"), (try a.softplus(), "SoftplusBackward0"), (try a.hardtanh(), "HardtanhBackward0"),
        ]
        for (t, name) in cases { #expect(t.gradFn?.name == name) }
        let y = try a.mul(1)
        try y.select(dim: 0, index: 0).add_(1)
        #expect(y.gradFn?.name == "CopySlices")
        #expect(try a.to(.float32) === a)
        #expect(try a.to(.int64).requiresGrad == false)
    }

    @Test func gradsKeepLeafDTypeAcrossPromotion() throws {
        let x = try leaf([1, 2], [2])
        let y = try leaf([3, 4], [2], dtype: .float64)
        let z = try x.mul(y).sum()
        #expect(z.dtype == .float64)
        try z.backward()
        #expect(x.grad?.dtype == .float32 && y.grad?.dtype == .float64)
        #expect(x.grad?.toDoubleArray() == [3, 4] && y.grad?.toDoubleArray() == [1, 2])
    }
}
