#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Generator {
    /// `Tensor.normal_(mean, std)` on float32 storage.
    ///
    /// `blockPath` is torch's choice `numel >= 16 && contiguous` (reference §1.3): the float32 Box-Muller
    /// over blocks of 16. Otherwise every element takes the double scalar path with the cached sample.
    public func fillNormal(_ out: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double, blockPath: Bool) {
        guard blockPath, out.count >= 16, let base = out.baseAddress else {
            for i in out.indices { out[i] = Float(nextNormal(mean: mean, std: std)) }
            return
        }
        let n = out.count
        for i in 0..<n { base[i] = uniform01Float() }
        let m = Float(mean), s = Float(std)
        var i = 0
        while i + 16 <= n {
            Self.boxMuller16(base + i, mean: m, std: s)
            i += 16
        }
        if n % 16 != 0 {
            // The tail re-draws 16 uniforms and overwrites the last 16 slots, already-transformed ones included.
            var tail = [Float](repeating: 0, count: 16)
            for k in 0..<16 { tail[k] = uniform01Float() }
            tail.withUnsafeMutableBufferPointer { Self.boxMuller16($0.baseAddress!, mean: m, std: s) }
            for k in 0..<16 { base[n - 16 + k] = tail[k] }
        }
    }

    /// `Tensor.normal_(mean, std)` on float64 storage; same paths, double arithmetic and glibc `log/sin/cos`.
    public func fillNormal(_ out: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double, blockPath: Bool) {
        guard blockPath, out.count >= 16, let base = out.baseAddress else {
            for i in out.indices { out[i] = nextNormal(mean: mean, std: std) }
            return
        }
        let n = out.count
        for i in 0..<n { base[i] = uniform01Double() }
        var i = 0
        while i + 16 <= n {
            Self.boxMuller16(base + i, mean: mean, std: std)
            i += 16
        }
        if n % 16 != 0 {
            var tail = [Double](repeating: 0, count: 16)
            for k in 0..<16 { tail[k] = uniform01Double() }
            tail.withUnsafeMutableBufferPointer { Self.boxMuller16($0.baseAddress!, mean: mean, std: std) }
            for k in 0..<16 { base[n - 16 + k] = tail[k] }
        }
    }

    /// `at::normal_distribution<double>`: Box-Muller from two 53-bit uniforms. The *second* uniform
    /// feeds the radius; the sine half is cached for the next scalar-path element, whatever call it is in.
    func nextNormal(mean: Double, std: Double) -> Double {
        let z: Double
        if let cached = nextDoubleNormal {
            nextDoubleNormal = nil
            z = cached
        } else {
            let u1 = uniform01Double()
            let u2 = uniform01Double()
            let r = (-2.0 * log1p(-u2)).squareRoot()
            let theta = 2.0 * Double.pi * u1
            nextDoubleNormal = r * sin(theta)
            z = r * cos(theta)
        }
        return mean.addingProduct(z, std)
    }

    /// Slot j pairs with j+8; the *first* uniform of the pair feeds the radius.
    private static func boxMuller16(_ d: UnsafeMutablePointer<Float>, mean: Float, std: Float) {
        for j in 0..<8 {
            let u1 = 1 - d[j]
            let u2 = d[j + 8]
            let radius = (-2 * CephesFloat.log(u1)).squareRoot()
            let theta = CephesFloat.twoPi * u2
            let (s, c) = CephesFloat.sincos(theta)
            d[j] = mean.addingProduct(radius * c, std)
            d[j + 8] = mean.addingProduct(radius * s, std)
        }
    }

    private static func boxMuller16(_ d: UnsafeMutablePointer<Double>, mean: Double, std: Double) {
        for j in 0..<8 {
            let u1 = 1 - d[j]
            let u2 = d[j + 8]
            let radius = (-2 * log(u1)).squareRoot()
            let theta = 2 * Double.pi * u2
            d[j] = mean.addingProduct(radius * cos(theta), std)
            d[j + 8] = mean.addingProduct(radius * sin(theta), std)
        }
    }
}
