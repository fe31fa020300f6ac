/// Why `torch.set_rng_state` rejected a byte string.
public enum GeneratorStateError: Error, Equatable, CustomStringConvertible {
    case wrongSize(Int)
    case invalidPosition(left: Int, next: Int)

    public var description: String {
        switch self {
        case .wrongSize(let n):
            "Expected a CPUGeneratorImplState of size \(Generator.stateByteCount) but found the input RNG state size to be \(n)"
        case .invalidPosition(let left, let next):
            "RNG state is corrupt: left=\(left), next=\(next)"
        }
    }
}

extension Generator {
    /// Size of torch's `CPUGeneratorImplState` (what `torch.get_rng_state()` returns).
    public static let stateByteCount = 5056

    // Byte layout of CPUGeneratorImplState (little endian, C struct padding):
    //   0 u64 the_initial_seed | 8 i32 left | 12 i32 seeded | 16 u64 next | 24 u64 state[624]
    //   5016 f64 normal_x | 5024 f64 normal_y | 5032 f64 normal_rho | 5040 i32 normal_is_valid
    //   5048 f32 next_float_normal_sample | 5052 u8 is_next_float_normal_sample_valid
    private enum Offset {
        static let seed = 0, left = 8, seeded = 12, next = 16, words = 24
        static let normalY = 5024, normalValid = 5040, floatNormal = 5048, floatNormalValid = 5052
    }

    /// `torch.get_rng_state()`: torch's own 5056-byte encoding (`setState(_:)` restores it).
    public var state: [UInt8] {
        get {
            var b = [UInt8](repeating: 0, count: Self.stateByteCount)
            func put(_ v: UInt64, at o: Int, bytes: Int = 8) {
                for k in 0..<bytes { b[o + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(k))) }
            }
            put(initialSeed, at: Offset.seed)
            put(UInt64(engine.left), at: Offset.left, bytes: 4)
            put(1, at: Offset.seeded, bytes: 4)
            put(UInt64(engine.nextIndex), at: Offset.next)
            for (i, w) in engine.words.enumerated() { put(UInt64(w), at: Offset.words + 8 * i) }
            if let z = nextDoubleNormal {
                put(z.bitPattern, at: Offset.normalY)
                put(1, at: Offset.normalValid, bytes: 4)
            }
            if let f = nextFloatNormal {
                put(UInt64(f.bitPattern), at: Offset.floatNormal, bytes: 4)
                b[Offset.floatNormalValid] = 1
            }
            return b
        }
    }

    /// `torch.set_rng_state(bytes)`, throwing torch's error for a wrong size.
    public func setState(_ b: [UInt8]) throws(GeneratorStateError) {
        guard b.count == Self.stateByteCount else { throw .wrongSize(b.count) }
        func get(_ o: Int, bytes: Int = 8) -> UInt64 {
            (0..<bytes).reduce(UInt64(0)) { $0 | UInt64(b[o + $1]) << (8 * UInt64($1)) }
        }
        let left = Int(Int32(bitPattern: UInt32(get(Offset.left, bytes: 4))))
        let next = Int(truncatingIfNeeded: get(Offset.next))  // any bytes: out-of-range values are rejected below
        guard (1...MT19937.n).contains(left), (0...MT19937.n).contains(next) else {
            throw .invalidPosition(left: left, next: next)
        }
        let words = (0..<MT19937.n).map { UInt32(truncatingIfNeeded: get(Offset.words + 8 * $0)) }
        engine = MT19937(words: words, left: left, nextIndex: next)
        seedValue = get(Offset.seed)
        nextDoubleNormal = get(Offset.normalValid, bytes: 4) != 0 ? Double(bitPattern: get(Offset.normalY)) : nil
        nextFloatNormal = b[Offset.floatNormalValid] != 0
            ? Float(bitPattern: UInt32(get(Offset.floatNormal, bytes: 4))) : nil
    }
}
