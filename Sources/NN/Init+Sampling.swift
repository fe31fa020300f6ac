import Foundation
import TensorEngine

/// The initialisers that post-process their draws: `trunc_normal_` (2.15's rejection sampling),
/// `sparse_` and `orthogonal_`.
extension Init {
    /// `trunc_normal_(t, mean, std, a, b)`: normal values redrawn until all lie in [a, b] (a, b absolute).
    ///
    /// When the window holds more than 30% of the mass, out-of-range values are replaced from whole fresh
    /// `normal_` tensors; otherwise uniform proposals on [a, b] are accepted with probability pdf/peak,
    /// every step rounded as PyTorch's float32 tensor ops round it.
    @discardableResult
    public static func truncNormal_(_ tensor: Tensor, mean: Double = 0, std: Double = 1, a: Double = -2, b: Double = 2,
                                    generator: Generator = .default) throws -> Tensor {
        try checkInitialized(tensor, "trunc_normal_")
        func normCdf(_ x: Double) -> Double { (1 + erf(x / 2.0.squareRoot())) / 2 }
        if mean < a - 2 * std || mean > b + 2 * std {
            NNWarnings.warn("mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of values may be incorrect.")
        }
        let isFloat = tensor.dtype == .float32
        let cast: (Double) -> Double = isFloat ? { Double(Float($0)) } : { $0 }
        let p = normCdf((b - mean) / std) - normCdf((a - mean) / std)
        return try GradMode.withNoGrad {
            var result: [Double]
            if p > 0.3 {
                let (lo, hi) = (cast(a), cast(b))
                try tensor.normal_(mean: mean, std: std, generator: generator)
                result = tensor.toDoubleArray()
                while true {
                    let mask = result.map { $0 < lo || $0 > hi }
                    if !mask.contains(true) { break }
                    let fresh = try Tensor.empty(tensor.shape, dtype: tensor.dtype)
                        .normal_(mean: mean, std: std, generator: generator).toDoubleArray()
                    for i in result.indices where mask[i] { result[i] = fresh[i] }
                }
            } else {
                let mode = max(a, min(mean, b))
                let z = (mode - mean) / std
                let logPeak = cast(-0.5 * (z * z))
                let (m, s) = (cast(mean), cast(std))
                func logPdf(_ v: Double) -> Double {
                    var w = cast(v - m)
                    w = cast(w / s)
                    w = cast(w * w)
                    w = cast(w * -0.5)
                    return cast(w - logPeak)
                }
                func logU(_ u: Double) -> Double { u == 0 ? -.infinity : cast(Foundation.log(u)) }
                func draw(_ lo: Double, _ hi: Double) throws -> [Double] {
                    try Tensor.empty(tensor.shape, dtype: tensor.dtype).uniform_(from: lo, to: hi, generator: generator).toDoubleArray()
                }
                try tensor.uniform_(from: a, to: b, generator: generator)
                result = tensor.toDoubleArray()
                var candidates = result.map(logPdf)
                var accept = try draw(0, 1)
                var pending = zip(accept, candidates).map { logU($0) > $1 }
                while pending.contains(true) {
                    let proposals = try draw(a, b)
                    for i in result.indices where pending[i] { result[i] = proposals[i] }
                    candidates = proposals.map(logPdf)
                    accept = try draw(0, 1)
                    for i in pending.indices where pending[i] { pending[i] = logU(accept[i]) > candidates[i] }
                }
            }
            return try fill(tensor, result)
        }
    }

    /// `sparse_(t, sparsity, std)`: normal(0, std) values, then in each column `ceil(sparsity·rows)` rows
    /// picked by `randperm` are zeroed. PyTorch always draws the permutations from the default generator,
    /// whatever `generator` is; `permutationGenerator` makes that explicit.
    @discardableResult
    public static func sparse_(_ tensor: Tensor, sparsity: Double, std: Double = 0.01, generator: Generator = .default,
                               permutationGenerator: Generator = .default) throws -> Tensor {
        try checkInitialized(tensor, "sparse_")
        guard tensor.dim == 2 else { throw TensorError(.value, "Only tensors with 2 dimensions are supported") }
        let (rows, cols) = (tensor.shape[0], tensor.shape[1])
        let exact = (sparsity * Double(rows)).rounded(.up)  // Python's math.ceil, with its errors
        if exact.isNaN { throw TensorError(.value, "cannot convert float NaN to integer") }
        if exact.isInfinite { throw TensorError(.value, "cannot convert float infinity to integer") }
        let zeros = Int(Swift.min(Swift.max(exact, -1), Double(rows) + 1))
        return try GradMode.withNoGrad {
            try tensor.normal_(mean: 0, std: std, generator: generator)
            var values = tensor.toDoubleArray()
            for col in 0..<cols {
                let perm = permutationGenerator.randperm(rows)
                for r in perm.prefix(max(zeros, 0)) { values[Int(r) * cols + col] = 0 }
            }
            return try fill(tensor, values)
        }
    }

    /// `orthogonal_(t, gain)`: Q of the QR decomposition of a normal(0, 1) matrix (rows × numel/rows),
    /// signs fixed so R has a positive diagonal, times `gain`. Equal to PyTorch's up to rounding (its QR is
    /// LAPACK's).
    @discardableResult
    public static func orthogonal_(_ tensor: Tensor, gain: Double = 1, generator: Generator = .default) throws -> Tensor {
        try checkInitialized(tensor, "orthogonal_")
        guard tensor.dim >= 2 else { throw TensorError(.value, "Only tensors with 2 or more dimensions are supported") }
        if tensor.numel == 0 { return tensor }
        let rows = tensor.shape[0]
        let cols = tensor.numel / rows
        return try GradMode.withNoGrad {
            let flat = try Tensor.empty([rows, cols], dtype: tensor.dtype).normal_(mean: 0, std: 1, generator: generator).toDoubleArray()
            // Work on the tall orientation (m ≥ n), as PyTorch does by transposing.
            let transpose = rows < cols
            let (m, n) = transpose ? (cols, rows) : (rows, cols)
            var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: m)
            for i in 0..<rows { for j in 0..<cols { if transpose { a[j][i] = flat[i * cols + j] } else { a[i][j] = flat[i * cols + j] } } }
            let q = householderQ(a, m: m, n: n)
            var out = [Double](repeating: 0, count: rows * cols)
            for i in 0..<rows { for j in 0..<cols { out[i * cols + j] = (transpose ? q[j][i] : q[i][j]) * gain } }
            return try fill(tensor, out)
        }
    }
}

/// The m×n Q factor of `a` (m ≥ n), with columns signed so that R's diagonal is non-negative.
private func householderQ(_ input: [[Double]], m: Int, n: Int) -> [[Double]] {
    var r = input
    var vs: [[Double]] = []
    for k in 0..<n {
        var v = (k..<m).map { r[$0][k] }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        v[0] += v[0] >= 0 ? norm : -norm
        let vnorm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if vnorm > 0 { v = v.map { $0 / vnorm } }
        vs.append(v)
        for j in k..<n {
            var dot = 0.0
            for i in k..<m { dot += v[i - k] * r[i][j] }
            for i in k..<m { r[i][j] -= 2 * v[i - k] * dot }
        }
    }
    // Q = H0 H1 … H(n-1) applied to the first n columns of the identity.
    var q = [[Double]](repeating: [Double](repeating: 0, count: n), count: m)
    for i in 0..<n { q[i][i] = 1 }
    for k in stride(from: n - 1, through: 0, by: -1) {
        let v = vs[k]
        for j in 0..<n {
            var dot = 0.0
            for i in k..<m { dot += v[i - k] * q[i][j] }
            for i in k..<m { q[i][j] -= 2 * v[i - k] * dot }
        }
    }
    for j in 0..<n where r[j][j] < 0 {
        for i in 0..<m { q[i][j] = -q[i][j] }
    }
    return q
}
