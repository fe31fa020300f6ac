import CKernels
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

/// Contiguous float32 loops run by CKernels (AVX-512, AVX2 or baseline copies, chosen at run time), split
/// across cores like `at::parallel_for`. Results do not depend on the split, except sigmoid's, whose
/// scalar tail is per chunk as in ATen: the chunks must be `Parallel.forRange`'s.
enum DenseKernels {
    /// `o[i] = x[i] op y[i]` for add/sub/mul/div: one IEEE operation per element, as ATen's loops.
    static func binary(_ op: BinaryOp, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
                       _ o: UnsafeMutablePointer<Float>, _ n: Int) {
        let kernelOp: ck_binary_op
        switch op {
        case .add: kernelOp = CK_ADD
        case .sub: kernelOp = CK_SUB
        case .mul: kernelOp = CK_MUL
        default: kernelOp = CK_DIV
        }
        Parallel.forRange(n) { begin, end in ck_binary_f32(kernelOp, x + begin, y + begin, o + begin, end - begin) }
    }

    /// `exp` computed in double and rounded once: the correctly rounded float in all but rare near-halfway
    /// cases. (PyTorch's CPU `exp` is MKL's vsExp, whose own last-bit choices differ in about 1% of inputs.)
    static func exp(_ x: UnsafePointer<Float>, _ o: UnsafeMutablePointer<Float>, _ n: Int) {
        Parallel.forRange(n) { begin, end in ck_exp_f32(x + begin, o + begin, end - begin) }
    }

    /// The ISA level CKernels runs at (0 baseline, 1 AVX2+FMA, 2 AVX-512) and the highest this CPU has.
    static var isaLevel: Int { Int(ck_isa_level()) }
    static var maxISALevel: Int { Int(ck_max_isa_level()) }

    /// Runs `body` with CKernels held at `level` or below, for tests comparing the levels.
    static func withISALevel<R>(_ level: Int, _ body: () throws -> R) rethrows -> R {
        ck_force_isa_level(Int32(level))
        defer { ck_force_isa_level(-1) }
        return try body()
    }

    /// PyTorch's sigmoid bit for bit: SLEEF's expf on blocks of 32, glibc's on each chunk's last n % 32.
    static func sigmoid(_ x: UnsafePointer<Float>, _ o: UnsafeMutablePointer<Float>, _ n: Int) {
        Parallel.forRange(n) { begin, end in ck_sigmoid_f32(x + begin, o + begin, end - begin) }
    }

    static func neg(_ x: UnsafePointer<Float>, _ o: UnsafeMutablePointer<Float>, _ n: Int) {
        Parallel.forRange(n) { begin, end in ck_neg_f32(x + begin, o + begin, end - begin) }
    }

    /// `max(x, 0)` keeping NaN, -0.0 becoming +0.0.
    static func relu(_ x: UnsafePointer<Float>, _ o: UnsafeMutablePointer<Float>, _ n: Int) {
        Parallel.forRange(n) { begin, end in ck_relu_f32(x + begin, o + begin, end - begin) }
    }
}
