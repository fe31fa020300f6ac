@testable import TensorEngine
import Testing

/// Every differentiable op, checked against finite differences.
struct GradientTests {
    @Test func arithmetic() throws {
        try checkGradients("add broadcast", [[2, 3], [3]]) { try $0[0].add($0[1]) }
        try checkGradients("add alpha", [[2, 3], [2, 3]]) { try $0[0].add($0[1], alpha: 2.5) }
        try checkGradients("sub broadcast", [[2, 1], [1, 3]]) { try $0[0].sub($0[1]) }
        try checkGradients("sub alpha", [[3], [3]]) { try $0[0].sub($0[1], alpha: -2) }
        try checkGradients("rsub", [[4]]) { try $0[0].rsub(1.5) }
        try checkGradients("mul", [[2, 3], [2, 1]]) { try $0[0].mul($0[1]) }
        try checkGradients("mul scalar", [[2, 3]]) { try $0[0].mul(3) }
        try checkGradients("div", [[2, 3], [3]], range: (0.5, 2)) { try $0[0].div($0[1]) }
        try checkGradients("rdiv", [[3]], range: (0.5, 2)) { try $0[0].rdiv(2) }
        try checkGradients("neg", [[3]]) { try $0[0].neg() }
        try checkGradients("pow 3", [[5]]) { try $0[0].pow(3) }
        try checkGradients("pow 2.5", [[5]], range: (0.5, 2)) { try $0[0].pow(2.5) }
        try checkGradients("pow tensor", [[4], [4]], range: (0.5, 2)) { try $0[0].pow($0[1]) }
        try checkGradients("rpow", [[4]]) { try $0[0].rpow(2) }
        try checkGradients("maximum", [[6], [6]]) { try $0[0].maximum($0[1]) }
        try checkGradients("minimum", [[2, 3], [3]]) { try $0[0].minimum($0[1]) }
    }

    @Test func pointwise() throws {
        try checkGradients("exp", [[2, 3]]) { try $0[0].exp() }
        try checkGradients("log", [[2, 3]], range: (0.2, 3)) { try $0[0].log() }
        try checkGradients("sqrt", [[4]], range: (0.2, 3)) { try $0[0].sqrt() }
        try checkGradients("rsqrt", [[4]], range: (0.2, 3)) { try $0[0].rsqrt() }
        try checkGradients("sin", [[4]]) { try $0[0].sin() }
        try checkGradients("cos", [[4]]) { try $0[0].cos() }
        try checkGradients("tanh", [[4]]) { try $0[0].tanh() }
        try checkGradients("sigmoid", [[4]]) { try $0[0].sigmoid() }
        try checkGradients("relu", [[8]]) { try $0[0].relu() }
        try checkGradients("abs", [[8]]) { try $0[0].abs() }
        try checkGradients("log1p", [[4]], range: (0, 2)) { try $0[0].log1p() }
        try checkGradients("expm1", [[4]]) { try $0[0].expm1() }
        try checkGradients("reciprocal", [[4]], range: (0.5, 2)) { try $0[0].reciprocal() }
        try checkGradients("clamp", [[8]]) { try $0[0].clamp(min: -0.5, max: 0.5) }
        try checkGradients("clamp min", [[8]]) { try $0[0].clamp(min: 0.1) }
        try checkGradients("where", [[2, 3], [2, 3]]) { try Tensor.where(try $0[0].gt(0), $0[0], $0[1]) }
        try checkGradients("masked fill", [[2, 3]]) { try $0[0].maskedFill(try $0[0].lt(0), value: 2) }
        try checkGradients("leaky relu", [[6]]) { try $0[0].leakyRelu(negativeSlope: 0.2) }
        try checkGradients("gelu", [[6]], range: (-3, 3)) { try $0[0].gelu() }
        try checkGradients("gelu tanh", [[6]], range: (-3, 3)) { try $0[0].gelu(tanhApproximation: true) }
        try checkGradients("silu", [[6]], range: (-3, 3)) { try $0[0].silu() }
        try checkGradients("erf", [[6]]) { try $0[0].erf() }
        try checkGradients("elu", [[6]]) { try $0[0].elu(alpha: 1.5) }
        try checkGradients("softplus", [[6]], range: (-3, 3)) { try $0[0].softplus(beta: 2, threshold: 4) }
        try checkGradients("hardtanh", [[8]], range: (-2, 2)) { try $0[0].hardtanh(min: -1, max: 0.5) }
        try checkGradients("tan", [[5]]) { try $0[0].tan() }
        try checkGradients("asin", [[5]], range: (-0.9, 0.9)) { try $0[0].asin() }
        try checkGradients("acos", [[5]], range: (-0.9, 0.9)) { try $0[0].acos() }
        try checkGradients("atan", [[5]], range: (-3, 3)) { try $0[0].atan() }
        try checkGradients("sinh", [[5]]) { try $0[0].sinh() }
        try checkGradients("cosh", [[5]]) { try $0[0].cosh() }
        try checkGradients("log2", [[5]], range: (0.2, 3)) { try $0[0].log2() }
        try checkGradients("log10", [[5]], range: (0.2, 3)) { try $0[0].log10() }
    }

    @Test func reductions() throws {
        try checkGradients("sum", [[2, 3]]) { try $0[0].sum() }
        try checkGradients("sum dim", [[2, 3, 4]]) { try $0[0].sum(dims: [0, 2]) }
        try checkGradients("sum keepdim", [[2, 3]]) { try $0[0].sum(dim: -1, keepDim: true) }
        try checkGradients("mean", [[2, 3]]) { try $0[0].mean() }
        try checkGradients("mean dim", [[2, 3, 4]]) { try $0[0].mean(dims: [1]) }
        try checkGradients("max", [[2, 3]]) { try $0[0].max() }
        try checkGradients("min", [[5]]) { try $0[0].min() }
        try checkGradients("max dim", [[3, 4]]) { try $0[0].max(dim: 1).values }
        try checkGradients("min dim keepdim", [[3, 4]]) { try $0[0].min(dim: 0, keepDim: true).values }
        try checkGradients("softmax", [[3, 4]]) { try $0[0].softmax(dim: 1) }
        try checkGradients("softmax dim0", [[3, 4]]) { try $0[0].softmax(dim: 0) }
        try checkGradients("log softmax", [[3, 4]]) { try $0[0].logSoftmax(dim: -1) }
        try checkGradients("variance", [[3, 4]]) { try $0[0].variance(dims: [1]) }
        try checkGradients("std", [[6]]) { try $0[0].std() }
        try checkGradients("logsumexp", [[3, 4]]) { try $0[0].logSumExp(dims: [1]) }
    }

    @Test func matrixProducts() throws {
        try checkGradients("mm", [[2, 3], [3, 4]]) { try $0[0].mm($0[1]) }
        try checkGradients("mv", [[2, 3], [3]]) { try $0[0].mv($0[1]) }
        try checkGradients("dot", [[5], [5]]) { try $0[0].dot($0[1]) }
        try checkGradients("bmm", [[2, 2, 3], [2, 3, 2]]) { try $0[0].bmm($0[1]) }
        try checkGradients("addmm", [[4], [2, 3], [3, 4]]) { try Tensor.addmm($0[0], $0[1], $0[2]) }
        try checkGradients("addmm beta alpha", [[2, 4], [2, 3], [3, 4]]) { try Tensor.addmm($0[0], $0[1], $0[2], beta: 0.5, alpha: 2) }
        try checkGradients("matmul 1d 2d", [[3], [3, 2]]) { try $0[0].matmul($0[1]) }
        try checkGradients("matmul 3d 2d", [[2, 2, 3], [3, 2]]) { try $0[0].matmul($0[1]) }
        try checkGradients("matmul 3d 1d", [[2, 2, 3], [3]]) { try $0[0].matmul($0[1]) }
        try checkGradients("matmul broadcast", [[2, 1, 2, 3], [3, 3, 2]]) { try $0[0].matmul($0[1]) }
        try checkGradients("linear 2d", [[2, 3], [4, 3], [4]]) { try Tensor.linear($0[0], weight: $0[1], bias: $0[2]) }
        try checkGradients("linear 2d no bias", [[2, 3], [4, 3]]) { try Tensor.linear($0[0], weight: $0[1], bias: nil) }
        try checkGradients("linear 1d", [[3], [4, 3], [4]]) { try Tensor.linear($0[0], weight: $0[1], bias: $0[2]) }
        try checkGradients("linear 1d no bias", [[3], [4, 3]]) { try Tensor.linear($0[0], weight: $0[1], bias: nil) }
        try checkGradients("linear 3d", [[2, 2, 3], [4, 3], [4]]) { try Tensor.linear($0[0], weight: $0[1], bias: $0[2]) }
        try checkGradients("linear 3d no bias", [[2, 2, 3], [4, 3]]) { try Tensor.linear($0[0], weight: $0[1], bias: nil) }
    }

    @Test func views() throws {
        try checkGradients("view", [[2, 3]]) { try $0[0].view([3, 2]) }
        try checkGradients("reshape copy", [[2, 3]]) { try $0[0].t().reshape([6]) }
        try checkGradients("t", [[2, 3]]) { try $0[0].t().mul(try Tensor.arange(0, 2, dtype: .float64)) }
        try checkGradients("transpose", [[2, 3, 4]]) { try $0[0].transpose(0, 2) }
        try checkGradients("permute", [[2, 3, 4]]) { try $0[0].permute([1, 2, 0]) }
        try checkGradients("expand", [[3, 1]]) { try $0[0].expand([2, 3, 4]) }
        try checkGradients("squeeze", [[3, 1, 2]]) { try $0[0].squeeze() }
        try checkGradients("unsqueeze", [[3, 2]]) { try $0[0].unsqueeze(1) }
        try checkGradients("select", [[3, 4]]) { try $0[0].select(dim: 1, index: -1) }
        try checkGradients("slice", [[5, 2]]) { try $0[0].slice(dim: 0, start: 1, end: nil, step: 2) }
        try checkGradients("narrow", [[5, 2]]) { try $0[0].narrow(dim: 0, start: 1, length: 3) }
        try checkGradients("flatten", [[2, 3, 2]]) { try $0[0].flatten(startDim: 1) }
        try checkGradients("index select", [[4, 2]]) { try $0[0].indexSelect(dim: 0, index: Tensor(int64Values: [3, 0, 3], shape: [3])) }
        try checkGradients("index", [[4, 2]]) { try $0[0].index(Tensor(int64Values: [1, 1, 2, 0], shape: [2, 2])) }
        try checkGradients("mask index", [[2, 3]]) { try $0[0].index(try $0[0].gt(0)) }
        try checkGradients("cat", [[2, 3], [1, 3]]) { try Tensor.cat([$0[0], $0[1]], dim: 0) }
        try checkGradients("stack", [[2, 3], [2, 3]]) { try Tensor.stack([$0[0], $0[1]], dim: 1) }
        try checkGradients("clone", [[2, 3]]) { try $0[0].clone() }
        try checkGradients("contiguous", [[2, 3]]) { try $0[0].t().contiguous() }
        try checkGradients("split", [[5]]) { try $0[0].split(2)[2].add(try $0[0].chunk(2)[0].sum()) }
    }

    @Test func lessCommonOps() throws {
        try checkGradients("prod", [[2, 3]]) { try $0[0].prod() }
        try checkGradients("prod dim", [[3, 4]]) { try $0[0].prod(dim: 1) }
        try checkGradients("prod with a zero", [[4]]) { try $0[0].mul(Tensor(values: [1, 0, 1, 1], shape: [4], dtype: .float64)).prod() }
        try checkGradients("cumsum", [[3, 4]]) { try $0[0].cumsum(dim: 1) }
        try checkGradients("cumsum dim0", [[3, 4]]) { try $0[0].cumsum(dim: 0) }
        try checkGradients("tril", [[3, 3]]) { try $0[0].tril() }
        try checkGradients("norm", [[5]]) { try $0[0].norm() }
        try checkGradients("sort", [[3, 4]]) { try $0[0].sort(dim: 1, descending: true).values }
        try checkGradients("topk", [[3, 4]]) { try $0[0].topk(2, dim: 0).values }
        try checkGradients("flip", [[3, 4]]) { try $0[0].flip([0, 1]) }
        try checkGradients("repeat", [[2, 3]]) { try $0[0].repeat([2, 1, 3]) }
        let rows = Tensor(int64Values: [2, 0], shape: [2])
        try checkGradients("index put", [[3, 2], [2, 2]]) { try $0[0].indexPut(rows, values: $0[1]) }
        try checkGradients("index put broadcast", [[3, 2], [2]]) { try $0[0].indexPut(rows, values: $0[1]) }
        try checkGradients("index put accumulate", [[3, 2], [2, 2]]) { try $0[0].indexPut(rows, values: $0[1], accumulate: true) }
        let mask = Tensor(boolValues: [true, false, true], shape: [3])
        try checkGradients("index put mask", [[3, 2], [1]]) { try $0[0].indexPut(mask, values: $0[1]) }
        try checkGradients("setitem on non-leaf", [[3, 2], [2]]) { x in
            let y = try x[0].mul(1)
            try y.indexPut_(rows, values: x[1])
            return try y.mul(y)
        }
    }

    @Test func losses() throws {
        try checkGradients("mse", [[2, 3], [2, 3]]) { try Tensor.mseLoss($0[0], $0[1]) }
        try checkGradients("mse sum", [[4], [4]]) { try Tensor.mseLoss($0[0], $0[1], reduction: .sum) }
        try checkGradients("mse none", [[4], [4]]) { try Tensor.mseLoss($0[0], $0[1], reduction: .none) }
        let target = Tensor(int64Values: [2, 0, 1], shape: [3])
        try checkGradients("nll", [[3, 4]]) { try Tensor.nllLoss($0[0], target) }
        let weight = Tensor(values: [0.5, 2, 1, 1.5], shape: [4], dtype: .float64)
        try checkGradients("nll weighted", [[3, 4]]) { try Tensor.nllLoss($0[0], target, weight: weight) }
        try checkGradients("nll none", [[3, 4]]) { try Tensor.nllLoss($0[0], target, weight: weight, reduction: .none) }
        try checkGradients("nll 1d", [[4]]) { try Tensor.nllLoss($0[0], Tensor(int64Values: [1], shape: [])) }
        try checkGradients("cross entropy", [[3, 4]]) { try Tensor.crossEntropy($0[0], target) }
        try checkGradients("cross entropy sum", [[3, 4]]) { try Tensor.crossEntropy($0[0], target, reduction: .sum) }
    }

    @Test func inPlaceOnNonLeaf() throws {
        try checkGradients("mul_ then relu_", [[6]]) { x in
            let y = try x[0].mul(2)
            try y.add_(1)
            return try y.relu_()
        }
        try checkGradients("in-place on a view (CopySlices)", [[3, 4], [4]]) { x in
            let y = try x[0].mul(2)
            try y.select(dim: 0, index: 1).mul_(x[1])
            return try y.exp()
        }
        try checkGradients("copy_ into a view of a plain tensor", [[2, 3]]) { x in
            let z = Tensor.zeros([3, 3], dtype: .float64)
            try z.slice(dim: 0, start: 1).copy_(try x[0].pow(2))
            return try z.mul(z)
        }
    }
}
