#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A CPU random generator that reproduces `at::CPUGeneratorImpl` bit for bit:
/// an mt19937 engine plus the cached second Box-Muller sample of the scalar normal path.
///
///     let g = Generator(seed: 0)
///     g.random32()   // 2357136044, as torch.manual_seed(0) then the first draw
///
/// Callers fill buffers in storage order (reference §1.2, item 6 of "easy to get wrong").
public final class Generator: @unchecked Sendable {
    /// The process-wide generator behind `torch.manual_seed`, `torch.rand`, ...
    /// Like torch, it starts from a nondeterministic seed.
    public static let `default` = Generator(seed: Generator.nondeterministicSeed())

    /// The seed of a fresh `torch.Generator()`.
    public static let torchDefaultSeed: UInt64 = 67_280_421_310_721

    var engine: MT19937
    var seedValue: UInt64
    /// `next_double_normal_sample`: persists across calls, shared by float32 and float64; cleared by seeding.
    var nextDoubleNormal: Double?
    /// `next_float_normal_sample`: never used by CPU kernels, kept so the state round-trips.
    var nextFloatNormal: Float?

    public convenience init() { self.init(seed: Generator.torchDefaultSeed) }

    public init(seed: UInt64) {
        engine = MT19937(seed: seed)
        seedValue = seed
    }

    /// `torch.manual_seed(s)`: only the low 32 bits reach the engine; the cached normal is dropped.
    /// Negative Python seeds arrive here as `UInt64(bitPattern:)`.
    public func manualSeed(_ seed: UInt64) {
        engine = MT19937(seed: seed)
        seedValue = seed
        nextDoubleNormal = nil
        nextFloatNormal = nil
    }

    /// `torch.initial_seed()`.
    public var initialSeed: UInt64 { seedValue }

    /// `torch.seed()`: reseeds from a nondeterministic source and returns the new seed.
    public func seed() -> UInt64 {
        let s = Generator.nondeterministicSeed()
        manualSeed(s)
        return s
    }

    static func nondeterministicSeed() -> UInt64 {
        var rng = SystemRandomNumberGenerator()
        return rng.next()
    }

    /// One 32-bit mt19937 draw.
    @inline(__always)
    public func random32() -> UInt32 { engine.next() }

    /// Two draws; the first is the high word.
    @inline(__always)
    public func random64() -> UInt64 {
        let hi = UInt64(engine.next())
        let lo = UInt64(engine.next())
        return hi << 32 | lo
    }

    /// `uniform_real_distribution<float>(0, 1)`: 24 random bits, exact, in [0, 1 - 2^-24].
    @inline(__always)
    func uniform01Float() -> Float {
        Float(random32() & 0xFF_FFFF) * (1.0 / 16_777_216.0)
    }

    /// `uniform_real_distribution<double>(0, 1)`: 53 random bits of `random64()`, in [0, 1 - 2^-53].
    @inline(__always)
    func uniform01Double() -> Double {
        Double(random64() & (1 << 53 - 1)) * (1.0 / 9_007_199_254_740_992.0)
    }
}
