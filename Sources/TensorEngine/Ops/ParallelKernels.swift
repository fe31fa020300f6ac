import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splitting large contiguous loops across cores the way ATen's `at::parallel_for` does.
enum Parallel {
    /// ATen's `internal::GRAIN_SIZE`: below this, work stays on the calling thread.
    static let grainSize = 32768

    /// ATen's default thread count is the number of cores.
    static let threadCount = Swift.max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))

    /// `at::parallel_for(0, n, grainSize, body)`: `min(threads, ceil(n / grain))` chunks of `ceil(n / chunks)`
    /// elements, `body(begin, end)` once per chunk, chunk `k` always covering the same range.
    static func forRange(_ n: Int, _ body: (Int, Int) -> Void) {
        let chunks = chunkCount(n)
        if chunks <= 1 { body(0, n); return }
        let size = (n + chunks - 1) / chunks
        DispatchQueue.concurrentPerform(iterations: chunks) { k in
            let begin = k * size
            if begin < n { body(begin, Swift.min(n, begin + size)) }
        }
    }

    static func chunkCount(_ n: Int) -> Int {
        if n <= grainSize || threadCount == 1 { return 1 }
        return Swift.min(threadCount, (n + grainSize - 1) / grainSize)
    }
}

/// A float32 `exp` that LLVM can vectorise (no libm call): Cephes' `expf` reduction and polynomial,
/// within 1 ulp of glibc's `expf` on its fast range; inputs outside it (overflow, subnormal results, NaN)
/// take glibc's `expf`, block by block.
enum FastExp {
    private static let blockSize = 64

    static func apply(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        while i < n {
            let m = Swift.min(blockSize, n - i)
            if inFastRange(src + i, m) {
                block(src + i, dst + i, m)
            } else {
                for k in i..<(i + m) { dst[k] = expf(src[k]) }
            }
            i += m
        }
    }

    /// True when every input gives a normal, finite result (NaN compares false, so it is excluded).
    @inline(__always)
    private static func inFastRange(_ x: UnsafePointer<Float>, _ m: Int) -> Bool {
        var bad: Int32 = 0
        for k in 0..<m { bad |= (x[k] >= -87.0 && x[k] <= 88.0) ? 0 : 1 }
        return bad == 0
    }

    @inline(__always)
    private static func block(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ m: Int) {
        for k in 0..<m {
            let v = x[k]
            // Round v / ln 2 to an integer with the 1.5 * 2^23 trick (SSE2 has no vector round).
            let shifted = v * 1.44269504088896341 + 12582912.0
            let nf = shifted - 12582912.0
            let ni = Int32(bitPattern: shifted.bitPattern) &- 0x4B40_0000
            let r = (v - nf * 0.693359375) - nf * -2.12194440e-4
            let r2 = r * r
            var p: Float = 1.9875691500e-4
            p = p * r + 1.3981999507e-3
            p = p * r + 8.3334519073e-3
            p = p * r + 4.1665795894e-2
            p = p * r + 1.6666665459e-1
            p = p * r + 5.0000001201e-1
            let e = p * r2 + r + 1.0
            y[k] = e * Float(bitPattern: UInt32(bitPattern: (ni &+ 127) &<< 23))
        }
    }
}
