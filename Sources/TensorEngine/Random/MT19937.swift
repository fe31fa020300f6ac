/// The standard 32-bit Mersenne Twister (mt19937), kept exactly as `at::mt19937` keeps it
/// (`left`/`next` counters included) so `get_rng_state` bytes match torch's.
///
/// Only the low 32 bits of a seed matter. The first draw after seeding twists.
///
///     var mt = MT19937(seed: 0)
///     mt.next()   // 2357136044
struct MT19937: Sendable, Equatable {
    static let n = 624
    static let m = 397

    var words: [UInt32]
    /// Draws left before the next twist, plus one (1 right after seeding: the first draw twists).
    var left: Int
    /// Index of the next word to temper.
    var nextIndex: Int

    init(seed: UInt64) {
        var s = [UInt32](repeating: 0, count: Self.n)
        s[0] = UInt32(truncatingIfNeeded: seed)
        for i in 1..<Self.n {
            let prev = s[i - 1]
            s[i] = 1_812_433_253 &* (prev ^ (prev >> 30)) &+ UInt32(i)
        }
        words = s
        left = 1
        nextIndex = 0
    }

    init(words: [UInt32], left: Int, nextIndex: Int) {
        self.words = words
        self.left = left
        self.nextIndex = nextIndex
    }

    private mutating func twist() {
        words.withUnsafeMutableBufferPointer { mt in
            let n = Self.n, m = Self.m
            for i in 0..<n {
                let y = (mt[i] & 0x8000_0000) | (mt[i + 1 == n ? 0 : i + 1] & 0x7FFF_FFFF)
                let k = i + m < n ? i + m : i + m - n
                mt[i] = mt[k] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : 0x9908_B0DF)
            }
        }
        left = Self.n
        nextIndex = 0
    }

    mutating func next() -> UInt32 {
        left -= 1
        if left == 0 { twist() }
        var y = words[nextIndex]
        nextIndex += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }
}
