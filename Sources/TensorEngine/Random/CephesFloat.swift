/// The float32 Cephes `log` and `sincos` that torch's AVX2/AVX512 `normal_` block path uses
/// (`log256_ps`/`sincos256_ps`), lane by lane, with exactly the multiply-adds GCC fuses there
/// (reference §1.3.2). Not libm: these differ from `logf`/`sinf`/`cosf` in the last bits.
///
/// Constants are given as bit patterns so no literal conversion can round them twice.
enum CephesFloat {
    private static let sqrtHalf = Float(bitPattern: 0x3F35_04F3)
    private static let logP: [Float] = [
        0x3D90_21BB, 0xBDEB_D1B8, 0x3DEF_251A, 0xBDFE_5D4F, 0x3E11_E9BF,
        0xBE2A_AE50, 0x3E4C_CEAC, 0xBE7F_FFFC, 0x3EAA_AAAA,
    ].map { Float(bitPattern: $0) }
    private static let logQ1 = Float(bitPattern: 0xB95E_8083)   // -2.12194440e-4
    private static let logQ2 = Float(bitPattern: 0x3F31_8000)   // 0.693359375
    private static let dp1 = Float(bitPattern: 0xBF49_0000)     // -0.78515625
    private static let dp2 = Float(bitPattern: 0xB97D_A000)
    private static let dp3 = Float(bitPattern: 0xB322_2169)
    private static let sinP0 = Float(bitPattern: 0xB94C_A1F9)
    private static let sinP1 = Float(bitPattern: 0x3C08_839E)
    private static let sinP2 = Float(bitPattern: 0xBE2A_AAA3)
    private static let cosP0 = Float(bitPattern: 0x37CC_F5CE)
    private static let cosP1 = Float(bitPattern: 0xBAB6_061A)
    private static let cosP2 = Float(bitPattern: 0x3D2A_AAA5)
    private static let fourOverPi = Float(bitPattern: 0x3FA2_F983)
    /// f32(2*pi) = 6.2831855
    static let twoPi = Float(bitPattern: 0x40C9_0FDB)

    /// Natural log of a positive normal float (here 1 - u, in [2^-24, 1]).
    static func log(_ x: Float) -> Float {
        let b = x.bitPattern
        var e = Float(Int32(bitPattern: b >> 23) - 127) + 1
        var m = Float(bitPattern: (b & 0x807F_FFFF) | 0x3F00_0000)   // mantissa in [0.5, 1)
        if m < sqrtHalf {
            e = e - 1
            m = (m - 1) + m
        } else {
            m = m - 1
        }
        let z = m * m
        var y = logP[0]
        for k in 1..<logP.count { y = logP[k].addingProduct(y, m) }
        y = y * m
        y = (e * logQ1).addingProduct(y, z)     // y*z fused, e*q1 rounded on its own
        y = y - 0.5 * z                         // 0.5*z is exact
        return (m + y) + e * logQ2              // e*q2 is exact
    }

    /// (sin x, cos x) for x in [0, 2*pi).
    static func sincos(_ xIn: Float) -> (sin: Float, cos: Float) {
        let negative = xIn.sign == .minus
        var x = abs(xIn)
        var j = Int32(x * fourOverPi)          // truncation
        j = (j &+ 1) & ~1
        let y = Float(j)
        let sinNegative = negative != ((j & 4) != 0)
        let cosNegative = (~(j &- 2) & 4) != 0
        x = x.addingProduct(y, dp1)
        x = x.addingProduct(y, dp2)
        x = x.addingProduct(y, dp3)
        let z = x * x
        var yc = cosP1.addingProduct(cosP0, z)
        yc = cosP2.addingProduct(yc, z)
        yc = yc * z
        yc = (-(z * 0.5)).addingProduct(yc, z)
        yc = yc + 1
        var ys = sinP1.addingProduct(sinP0, z)
        ys = sinP2.addingProduct(ys, z)
        ys = ys * z
        ys = x.addingProduct(ys, x)
        var (s, c) = (j & 2) == 0 ? (ys, yc) : (yc, ys)
        s = s + 0
        c = c + 0
        return (sinNegative ? -s : s, cosNegative ? -c : c)
    }
}
