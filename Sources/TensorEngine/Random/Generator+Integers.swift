extension Generator {
    /// `torch.randint(low, high, size)` (`random_from_to`): one 32-bit draw per element when
    /// `high - low < 2^28`, else one `random64()`; the draw modulo the range, plus `low`.
    /// (2^28 is the public build's threshold; torch's source shows 2^32 only under FBCODE_CAFFE2.)
    /// Callers report torch's error when `low >= high`; such a call here fills `low` and draws nothing.
    public func fillRandInt(_ out: UnsafeMutableBufferPointer<Int64>, low: Int64, high: Int64) {
        guard low < high else {
            out.update(repeating: low)
            return
        }
        let range = UInt64(bitPattern: high &- low)
        let wide = range >= 1 << 28
        for i in out.indices {
            let draw = wide ? random64() : UInt64(random32())
            out[i] = Int64(bitPattern: draw % range &+ UInt64(bitPattern: low))
        }
    }

    /// `torch.randperm(n)` on the CPU: identity, then for each i < n-1 swap i with
    /// i + `random32() % (n - i)`. (torch switches to a `random64()` inside-out shuffle only for
    /// n >= 2^32/20, which no tensor here can hold; that variant is kept for completeness.)
    /// A negative `n` (which callers reject with torch's error) gives an empty permutation.
    public func randperm(_ n: Int) -> [Int64] {
        guard n > 0 else { return [] }
        var r = (0..<Int64(n)).map { $0 }
        if n < Int(UInt32.max / 20) {
            var i = 0
            while i < n - 1 {
                let z = Int(UInt64(random32()) % UInt64(n - i))
                r.swapAt(i, i + z)
                i += 1
            }
        } else {
            for i in 0..<n {
                let z = Int(random64() % UInt64(i + 1))
                r[i] = r[z]
                r[z] = Int64(i)
            }
        }
        return r
    }
}
