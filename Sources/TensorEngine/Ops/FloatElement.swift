#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Float and Double, with the libm functions the kernels need (float32 math stays in Float).
protocol FloatElement: BinaryFloatingPoint, TensorElement {
    static func power(_ a: Self, _ b: Self) -> Self
    static func expValue(_ x: Self) -> Self
    static func logValue(_ x: Self) -> Self
    static func tanhValue(_ x: Self) -> Self
    static func sinValue(_ x: Self) -> Self
    static func cosValue(_ x: Self) -> Self
    static func log1pValue(_ x: Self) -> Self
    static func expm1Value(_ x: Self) -> Self
    static func atan2Value(_ a: Self, _ b: Self) -> Self
    static func fmodValue(_ a: Self, _ b: Self) -> Self
    static func floorValue(_ x: Self) -> Self
    static func erfValue(_ x: Self) -> Self
    static func tanValue(_ x: Self) -> Self
    static func asinValue(_ x: Self) -> Self
    static func acosValue(_ x: Self) -> Self
    static func atanValue(_ x: Self) -> Self
    static func sinhValue(_ x: Self) -> Self
    static func coshValue(_ x: Self) -> Self
    static func log2Value(_ x: Self) -> Self
    static func log10Value(_ x: Self) -> Self
}

extension Float: FloatElement {
    @inline(__always) static func power(_ a: Float, _ b: Float) -> Float { powf(a, b) }
    @inline(__always) static func expValue(_ x: Float) -> Float { expf(x) }
    @inline(__always) static func logValue(_ x: Float) -> Float { logf(x) }
    @inline(__always) static func tanhValue(_ x: Float) -> Float { tanhf(x) }
    @inline(__always) static func sinValue(_ x: Float) -> Float { sinf(x) }
    @inline(__always) static func cosValue(_ x: Float) -> Float { cosf(x) }
    @inline(__always) static func log1pValue(_ x: Float) -> Float { log1pf(x) }
    @inline(__always) static func expm1Value(_ x: Float) -> Float { expm1f(x) }
    @inline(__always) static func atan2Value(_ a: Float, _ b: Float) -> Float { atan2f(a, b) }
    @inline(__always) static func fmodValue(_ a: Float, _ b: Float) -> Float { fmodf(a, b) }
    @inline(__always) static func floorValue(_ x: Float) -> Float { floorf(x) }
    @inline(__always) static func erfValue(_ x: Float) -> Float { erff(x) }
    @inline(__always) static func tanValue(_ x: Float) -> Float { tanf(x) }
    @inline(__always) static func asinValue(_ x: Float) -> Float { asinf(x) }
    @inline(__always) static func acosValue(_ x: Float) -> Float { acosf(x) }
    @inline(__always) static func atanValue(_ x: Float) -> Float { atanf(x) }
    @inline(__always) static func sinhValue(_ x: Float) -> Float { sinhf(x) }
    @inline(__always) static func coshValue(_ x: Float) -> Float { coshf(x) }
    @inline(__always) static func log2Value(_ x: Float) -> Float { log2f(x) }
    @inline(__always) static func log10Value(_ x: Float) -> Float { log10f(x) }
}

extension Double: FloatElement {
    @inline(__always) static func power(_ a: Double, _ b: Double) -> Double { pow(a, b) }
    @inline(__always) static func expValue(_ x: Double) -> Double { exp(x) }
    @inline(__always) static func logValue(_ x: Double) -> Double { log(x) }
    @inline(__always) static func tanhValue(_ x: Double) -> Double { tanh(x) }
    @inline(__always) static func sinValue(_ x: Double) -> Double { sin(x) }
    @inline(__always) static func cosValue(_ x: Double) -> Double { cos(x) }
    @inline(__always) static func log1pValue(_ x: Double) -> Double { log1p(x) }
    @inline(__always) static func expm1Value(_ x: Double) -> Double { expm1(x) }
    @inline(__always) static func atan2Value(_ a: Double, _ b: Double) -> Double { atan2(a, b) }
    @inline(__always) static func fmodValue(_ a: Double, _ b: Double) -> Double { fmod(a, b) }
    @inline(__always) static func floorValue(_ x: Double) -> Double { floor(x) }
    @inline(__always) static func erfValue(_ x: Double) -> Double { erf(x) }
    @inline(__always) static func tanValue(_ x: Double) -> Double { tan(x) }
    @inline(__always) static func asinValue(_ x: Double) -> Double { asin(x) }
    @inline(__always) static func acosValue(_ x: Double) -> Double { acos(x) }
    @inline(__always) static func atanValue(_ x: Double) -> Double { atan(x) }
    @inline(__always) static func sinhValue(_ x: Double) -> Double { sinh(x) }
    @inline(__always) static func coshValue(_ x: Double) -> Double { cosh(x) }
    @inline(__always) static func log2Value(_ x: Double) -> Double { log2(x) }
    @inline(__always) static func log10Value(_ x: Double) -> Double { log10(x) }
}
