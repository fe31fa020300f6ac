/// CPython's `random` generator core (`Modules/_randommodule.c`): mt19937 seeded by `init_by_array`, with the
/// state index kept the way `random.getstate()` exposes it. Copied from the algorithm, not shared with
/// TensorEngine (torch's generator keeps its counters differently and Language must not depend on it).
///
///     var mt = PythonMT(); mt.seed(magnitude: 42)
///     mt.random()   // 0.6394267984578837, like `random.seed(42); random.random()`
struct PythonMT {
    static let n = 624
    static let m = 397
    var state = [UInt32](repeating: 0, count: PythonMT.n)
    var index = PythonMT.n

    private mutating func initGenrand(_ s: UInt32) {
        state[0] = s
        for i in 1..<Self.n {
            let prev = state[i - 1]
            state[i] = 1_812_433_253 &* (prev ^ (prev >> 30)) &+ UInt32(i)
        }
        index = Self.n
    }

    /// `init_by_array`: the key is the seed's 32-bit words, least significant first.
    mutating func seed(key: [UInt32]) {
        let key = key.isEmpty ? [0] : key
        initGenrand(19_650_218)
        var i = 1, j = 0
        for _ in 0..<max(Self.n, key.count) {
            let prev = state[i - 1]
            state[i] = (state[i] ^ ((prev ^ (prev >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(truncatingIfNeeded: j)
            i += 1; j += 1
            if i >= Self.n { state[0] = state[Self.n - 1]; i = 1 }
            if j >= key.count { j = 0 }
        }
        for _ in 0..<(Self.n - 1) {
            let prev = state[i - 1]
            state[i] = (state[i] ^ ((prev ^ (prev >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= Self.n { state[0] = state[Self.n - 1]; i = 1 }
        }
        state[0] = 0x8000_0000
    }

    /// Seeds from a non-negative integer given as its magnitude (CPython seeds with `abs(a)`).
    mutating func seed(magnitude: UInt64) {
        var key: [UInt32] = [UInt32(truncatingIfNeeded: magnitude)]
        if magnitude >> 32 != 0 { key.append(UInt32(truncatingIfNeeded: magnitude >> 32)) }
        seed(key: key)
    }

    private mutating func twist() {
        let n = Self.n, m = Self.m
        for k in 0..<n {
            let y = (state[k] & 0x8000_0000) | (state[(k + 1) % n] & 0x7FFF_FFFF)
            state[k] = state[(k + m) % n] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : 0x9908_B0DF)
        }
        index = 0
    }

    mutating func next32() -> UInt32 {
        if index >= Self.n { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// `genrand_res53`: a double in [0, 1) with 53 random bits.
    mutating func random() -> Double {
        let a = Double(next32() >> 5), b = Double(next32() >> 6)
        return (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for 0 <= k <= 64, as an unsigned value (words filled least significant first).
    mutating func bits(_ k: Int) -> UInt64 {
        if k == 0 { return 0 }
        if k <= 32 { return UInt64(next32() >> (32 - k)) }
        let low = UInt64(next32())
        let high = UInt64(next32() >> (64 - k))
        return low | (high << 32)
    }
}
