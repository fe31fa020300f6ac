/// The derivative table: one row per primitive op. Each row maps the output gradient `g` (and saved tensors)
/// to one gradient per input; broadcasting reduction and dtype casts happen in the backward loop.
/// Rules are written as PyTorch's `derivatives.yaml` writes them, so float32 results match bit for bit.
enum BackwardOp {
    case add(alpha: Double), sub(alpha: Double), rsub(alpha: Double), mul, div, neg, remainder
    case powScalar(Double), powTensor, powScalarBase(Double)
    case exp, log, sqrt, rsqrt, sin, cos, tanh, sigmoid, relu, abs, log1p, expm1, reciprocal
    case zeroGrad(String)
    case activation(Activation)
    case clamp(min: Double?, max: Double?), `where`, maskedFill, maximum, minimum
    case sum(inputShape: [Int]), sumDims(inputShape: [Int], dims: [Int], keepDim: Bool)
    case mean(inputShape: [Int]), meanDims(inputShape: [Int], dims: [Int], keepDim: Bool)
    case extremum(name: String), extremumDim(name: String, inputShape: [Int], dim: Int, keepDim: Bool)
    case softmax(dim: Int), logSoftmax(dim: Int)
    case mm, mv, dot, bmm, addmm(beta: Double, alpha: Double)
    case view(name: String, inputShape: [Int]), transpose(name: String, Int, Int), permute([Int])
    case expand(inputShape: [Int]), squeeze(name: String, inputShape: [Int]), unsqueeze(dim: Int)
    case select(inputShape: [Int], dim: Int, index: Int)
    case slice(inputShape: [Int], dim: Int, start: Int, end: Int, step: Int)
    case indexSelect(inputShape: [Int], dim: Int), index(inputShape: [Int])
    case cat(dim: Int, sizes: [Int]), stack(dim: Int, count: Int)
    case clone, toCopy
    case indexPut(leading: Int, indexedShape: [Int], accumulate: Bool)
    case prod(dim: Int?, keepDim: Bool), cumsum(dim: Int)
    case flip(dims: [Int]), `repeat`(repeats: [Int], paddedShape: [Int])
    case copySlices(shape: [Int], strides: [Int], offset: Int)
    case mseLoss(reduction: Reduction), nllLoss(reduction: Reduction, ignoreIndex: Int)

    var name: String {
        switch self {
        case .add: "AddBackward0"
        case .sub: "SubBackward0"
        case .rsub: "RsubBackward1"
        case .mul: "MulBackward0"
        case .div: "DivBackward0"
        case .neg: "NegBackward0"
        case .remainder: "RemainderBackward0"
        case .powScalar: "PowBackward0"
        case .powTensor: "PowBackward1"
        case .powScalarBase: "PowBackward2"
        case .exp: "ExpBackward0"
        case .log: "LogBackward0"
        case .sqrt: "SqrtBackward0"
        case .rsqrt: "RsqrtBackward0"
        case .sin: "SinBackward0"
        case .cos: "CosBackward0"
        case .tanh: "TanhBackward0"
        case .sigmoid: "SigmoidBackward0"
        case .relu: "ReluBackward0"
        case .abs: "AbsBackward0"
        case .log1p: "Log1PBackward0"
        case .expm1: "Expm1Backward0"
        case .reciprocal: "ReciprocalBackward0"
        case .zeroGrad(let name): name
        case .activation(let kind): kind.backwardName
        case .clamp: "ClampBackward1"
        case .where: "WhereBackward0"
        case .maskedFill: "MaskedFillBackward0"
        case .maximum: "MaximumBackward0"
        case .minimum: "MinimumBackward0"
        case .sum: "SumBackward0"
        case .sumDims: "SumBackward1"
        case .mean: "MeanBackward0"
        case .meanDims: "MeanBackward1"
        case .extremum(let name): name
        case .extremumDim(let name, _, _, _): name
        case .softmax: "SoftmaxBackward0"
        case .logSoftmax: "LogSoftmaxBackward0"
        case .mm: "MmBackward0"
        case .mv: "MvBackward0"
        case .dot: "DotBackward0"
        case .bmm: "BmmBackward0"
        case .addmm: "AddmmBackward0"
        case .view(let name, _): name
        case .transpose(let name, _, _): name
        case .permute: "PermuteBackward0"
        case .expand: "ExpandBackward0"
        case .squeeze(let name, _): name
        case .unsqueeze: "UnsqueezeBackward0"
        case .select: "SelectBackward0"
        case .slice: "SliceBackward0"
        case .indexSelect: "IndexSelectBackward0"
        case .index: "IndexBackward0"
        case .cat: "CatBackward0"
        case .stack: "StackBackward0"
        case .clone: "CloneBackward0"
        case .toCopy: "ToCopyBackward0"
        case .indexPut: "IndexPutBackward0"
        case .prod(let dim, _): dim == nil ? "ProdBackward0" : "ProdBackward1"
        case .cumsum: "CumsumBackward0"
        case .flip: "FlipBackward0"
        case .repeat: "RepeatBackward0"
        case .copySlices: "CopySlices"
        case .mseLoss: "MseLossBackward0"
        case .nllLoss: "NllLossBackward0"
        }
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    func backward(_ g: Tensor, saved s: [Tensor], node: GradFn) throws -> [Tensor?] {
        switch self {
        case .add(let alpha): return [g, alpha == 1 ? g : try g.mul(.double(alpha))]
        case .sub(let alpha): return [g, alpha == 1 ? try g.neg() : try g.neg().mul(.double(alpha))]
        case .rsub(let alpha): return [alpha == 1 ? try g.neg() : try g.neg().mul(.double(alpha))]
        case .mul: return [try g.mul(s[1]), try g.mul(s[0])]
        case .div: return [try g.div(s[1]), try g.neg().mul(s[0]).div(try s[1].mul(s[1]))]
        case .neg: return [try g.neg()]
        case .remainder: return [g, nil]
        case .powScalar(let e):
            if e == 0 { return [Tensor.zeros(like: s[0])] }
            return [try g.mul(try s[0].pow(.double(e - 1)).mul(.double(e)))]
        case .powTensor:
            let (x, e, result) = (s[0], s[1], s[2])
            let gx = try g.mul(try e.mul(try x.pow(try e.sub(1))))
            let zeroBase = try x.eq(0).logicalAnd(try e.ge(0))
            let ge = try Tensor.where(zeroBase, Tensor.zeros(like: result), try g.mul(try result.mul(try x.log())))
            return [gx, ge]
        case .powScalarBase(let base):
            return [try g.mul(try s[0].mul(.double(_log(base))))]
        case .exp: return [try g.mul(s[0])]
        case .log: return [try g.div(s[0])]
        case .sqrt: return [try g.div(try s[0].mul(2))]
        case .rsqrt: return [try g.mul(-0.5).mul(try s[0].pow(3))]
        case .sin: return [try g.mul(try s[0].cos())]
        case .cos: return [try g.mul(try s[0].sin().neg())]
        case .tanh: return [try g.mul(try s[0].mul(s[0]).rsub(1))]
        case .sigmoid: return [try g.mul(try s[0].rsub(1)).mul(s[0])]
        case .relu: return [try Tensor.where(try s[0].le(0), Tensor.zeros(like: g), g)]
        case .abs: return [try g.mul(try s[0].sign())]
        case .log1p: return [try g.div(try s[0].add(1))]
        case .expm1: return [try g.mul(try s[0].add(1))]
        case .reciprocal: return [try g.neg().mul(try s[0].mul(s[0]))]
        case .zeroGrad: return [Tensor.zeros(like: g)]
        case .activation(let kind): return [try Tensor.activationBackward(kind, input: s[0], grad: g)]
        case .clamp(let lo, let hi):
            var mask = Tensor.ones(s[0].shape, dtype: .bool)
            if let lo { mask = try mask.logicalAnd(try s[0].ge(.double(lo))) }
            if let hi { mask = try mask.logicalAnd(try s[0].le(.double(hi))) }
            return [try Tensor.where(mask, g, Tensor.zeros(like: g))]
        case .where:
            let zero = Tensor.zeros([], dtype: g.dtype)
            return [try Tensor.where(s[0], g, zero), try Tensor.where(s[0], zero, g)]
        case .maskedFill:
            return [try Tensor.where(s[0], Tensor.zeros([], dtype: g.dtype), g)]
        case .maximum, .minimum:
            // Ties split the gradient in half, as ATen's masked formulas do.
            let isMax: Bool = if case .maximum = self { true } else { false }
            let (a, b) = (s[0], s[1])
            let aWins = try isMax ? a.gt(b) : a.lt(b)
            let tie = try a.eq(b)
            let half = try g.div(2)
            let zero = Tensor.zeros([], dtype: g.dtype)
            let ga = try Tensor.where(tie, half, try Tensor.where(aWins, g, zero))
            let gb = try Tensor.where(tie, half, try Tensor.where(aWins, zero, g))
            return [ga, gb]
        case .sum(let shape): return [try g.expand(to: shape)]
        case .sumDims(let shape, let dims, let keepDim):
            return [try g.unsqueezing(dims, keepDim: keepDim).expand(to: shape)]
        case .mean(let shape):
            return [try g.expand(to: shape).div(.int(Int64(shape.reduce(1, &*))))]
        case .meanDims(let shape, let dims, let keepDim):
            let count = dims.reduce(1) { $0 * shape[$1] }
            return [try g.unsqueezing(dims, keepDim: keepDim).expand(to: shape).div(.int(Int64(count)))]
        case .extremum:
            // All positions equal to the extremum share the gradient evenly.
            let mask = try s[0].eq(s[1])
            let count = try mask.sum()
            return [try Tensor.where(mask, try g.div(count).expand(to: s[0].shape), Tensor.zeros([], dtype: g.dtype))]
        case .extremumDim(_, let shape, let dim, let keepDim):
            let indices = keepDim ? s[0] : try s[0].unsqueeze(dim)
            let gk = keepDim ? g : try g.unsqueeze(dim)
            return [try Tensor.zeros(shape, dtype: g.dtype).scatter(dim: dim, index: indices, source: gk)]
        case .softmax(let dim):
            let y = s[0]
            return [try y.mul(try g.sub(try g.mul(y).sum(dims: [dim], keepDim: true)))]
        case .logSoftmax(let dim):
            return [try g.sub(try s[0].exp().mul(try g.sum(dims: [dim], keepDim: true)))]
        case .mm: return [try g.mm(try s[1].t()), try s[0].t().mm(g)]
        case .mv: return [try g.unsqueeze(1).mm(try s[1].unsqueeze(0)), try s[0].t().mv(g)]
        case .dot: return [try s[1].mul(g), try s[0].mul(g)]
        case .bmm: return [try g.bmm(try s[1].transpose(1, 2)), try s[0].transpose(1, 2).bmm(g)]
        case .addmm(let beta, let alpha):
            let gSelf = beta == 1 ? g : try g.mul(.double(beta))
            var g1 = try g.mm(try s[1].t()), g2 = try s[0].t().mm(g)
            if alpha != 1 { g1 = try g1.mul(.double(alpha)); g2 = try g2.mul(.double(alpha)) }
            return [gSelf, g1, g2]
        case .view(_, let shape): return [try g.reshape(shape)]
        case .transpose(_, let d0, let d1): return [try g.transpose(d0, d1)]
        case .permute(let dims):
            var inverse = [Int](repeating: 0, count: dims.count)
            for (i, d) in dims.enumerated() { inverse[d] = i }
            return [try g.permute(inverse)]
        case .expand(let shape): return [try g.sumTo(shape)]
        case .squeeze(_, let shape): return [try g.reshape(shape)]
        case .unsqueeze(let dim): return [try g.squeeze(dim: dim)]
        case .select(let shape, let dim, let index):
            let out = Tensor.zeros(shape, dtype: g.dtype)
            try out.select(dim: dim, index: index).copyElements(from: g)
            return [out]
        case .slice(let shape, let dim, let start, let end, let step):
            let out = Tensor.zeros(shape, dtype: g.dtype)
            try out.slice(dim: dim, start: start, end: end, step: step).copyElements(from: g)
            return [out]
        case .indexSelect(let shape, let dim):
            return [try Tensor.zeros(shape, dtype: g.dtype).indexAdd(dim: dim, index: s[0], source: g), nil]
        case .index(let shape):
            return [try Tensor.zeros(shape, dtype: g.dtype).indexPutAccumulate(s, values: g)]
        case .cat(let dim, let sizes):
            var start = 0
            return try sizes.map { size in
                defer { start += size }
                return try g.narrow(dim: dim, start: start, length: size)
            }
        case .stack(let dim, let count):
            return try (0..<count).map { try g.select(dim: dim, index: $0) }
        case .clone, .toCopy: return [g]
        case .indexPut(let leading, let indexedShape, let accumulate):
            return try Tensor.indexPutBackward(g, rows: s[0], leading: leading, indexedShape: indexedShape, accumulate: accumulate)
        case .prod(let dim, let keepDim): return [try Tensor.prodBackward(g, input: s[0], dim: dim, keepDim: keepDim)]
        case .cumsum(let dim): return [try g.cumsumKernel(dim, reverse: true)]
        case .flip(let dims): return [try g.flip(dims)]
        case .repeat(let repeats, let padded):
            var interleaved: [Int] = []
            for (r, s) in zip(repeats, padded) { interleaved += [r, s] }
            let summed = try g.reshape(interleaved).sum(dims: Array(stride(from: 0, to: interleaved.count, by: 2)))
            return [try summed.reshape(node.inputShapes[0])]
        case .copySlices(let shape, let strides, let offset):
            // The base keeps the gradient outside the overwritten region; the region's goes to the op.
            let full = g.materialized(copyAlways: true)
            let region = full.makeView(shape: shape, strides: strides, offset: offset)
            let regionGrad = region.materialized(copyAlways: true)
            region.fillRaw(0)
            return [full, regionGrad]
        case .mseLoss(let reduction):
            let grad = try Tensor.mseLossBackward(g, s[0], s[1], reduction: reduction)
            return [grad, try grad.neg()]
        case .nllLoss(let reduction, let ignoreIndex):
            return [try Tensor.nllLossBackward(g, target: s[0], weight: s.count > 1 ? s[1] : nil,
                                               inputShape: node.inputShapes[0], reduction: reduction,
                                               ignoreIndex: ignoreIndex, totalWeight: s.count > 2 ? s[2] : nil), nil]
        }
    }
}

/// How a loss reduces over the batch.
public enum Reduction: Sendable, Equatable {
    case none, mean, sum
}

private func _log(_ x: Double) -> Double {
    Double.logValue(x)
}
