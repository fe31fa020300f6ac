/// A flat, typed, reference-counted buffer shared by every view of a tensor.
final class Storage {
    let dtype: DType
    let count: Int
    let raw: UnsafeMutableRawPointer

    /// Zero-filled unless `zeroed` is false, for kernels that overwrite every element.
    init(dtype: DType, count: Int, zeroed: Bool = true) {
        self.dtype = dtype
        self.count = count
        let bytes = max(1, count) * dtype.itemSize
        raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        // Zero is valid for all four types; unzeroed memory is only handed to kernels that write every element.
        if zeroed || dtype == .bool { raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes) }
    }

    deinit { raw.deallocate() }

    @inline(__always) func pointer<T: TensorElement>(_: T.Type) -> UnsafeMutablePointer<T> {
        raw.assumingMemoryBound(to: T.self)
    }
}

/// Counts in-place modifications, so backward can detect a saved tensor that changed (reference §5.4).
final class VersionCounter {
    var value = 0
}

extension DType {
    var itemSize: Int {
        switch self {
        case .float32: 4
        case .float64, .int64: 8
        case .bool: 1
        }
    }

    var isIntegral: Bool { self == .int64 || self == .bool }

    /// Type category for promotion: bool < integer < floating.
    var category: Int {
        switch self {
        case .bool: 0
        case .int64: 1
        case .float32, .float64: 2
        }
    }

    /// `torch.promote_types`.
    static func promote(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        if a == .float64 || b == .float64 { return .float64 }
        if a == .float32 || b == .float32 { return .float32 }
        return .int64
    }
}

/// The Swift types that back each `DType`.
protocol TensorElement {
    static var dtype: DType { get }
    init(fromDouble value: Double)
    init(fromInt64 value: Int64)
    var asDouble: Double { get }
    var asInt64: Int64 { get }
    static var zeroValue: Self { get }
    static var oneValue: Self { get }
}

extension Float: TensorElement {
    static var dtype: DType { .float32 }
    @inline(__always) init(fromDouble value: Double) { self = Float(value) }
    @inline(__always) init(fromInt64 value: Int64) { self = Float(value) }
    @inline(__always) var asDouble: Double { Double(self) }
    @inline(__always) var asInt64: Int64 { Double(self).truncatedInt64 }
    static var zeroValue: Float { 0 }
    static var oneValue: Float { 1 }
}

extension Double: TensorElement {
    static var dtype: DType { .float64 }
    @inline(__always) init(fromDouble value: Double) { self = value }
    @inline(__always) init(fromInt64 value: Int64) { self = Double(value) }
    @inline(__always) var asDouble: Double { self }
    @inline(__always) var asInt64: Int64 { truncatedInt64 }
    static var zeroValue: Double { 0 }
    static var oneValue: Double { 1 }

    /// C's truncating conversion; out-of-range and NaN give INT64_MIN as x86 `cvttsd2si` does, instead of trapping.
    @inline(__always) var truncatedInt64: Int64 {
        if self.isNaN || self >= 9.223372036854775807e18 || self < -9.223372036854775808e18 { return Int64.min }
        return Int64(self)
    }
}

extension Int64: TensorElement {
    static var dtype: DType { .int64 }
    @inline(__always) init(fromDouble value: Double) { self = value.truncatedInt64 }
    @inline(__always) init(fromInt64 value: Int64) { self = value }
    @inline(__always) var asDouble: Double { Double(self) }
    @inline(__always) var asInt64: Int64 { self }
    static var zeroValue: Int64 { 0 }
    static var oneValue: Int64 { 1 }
}

extension Bool: TensorElement {
    static var dtype: DType { .bool }
    @inline(__always) init(fromDouble value: Double) { self = value != 0 }
    @inline(__always) init(fromInt64 value: Int64) { self = value != 0 }
    @inline(__always) var asDouble: Double { self ? 1 : 0 }
    @inline(__always) var asInt64: Int64 { self ? 1 : 0 }
    static var zeroValue: Bool { false }
    static var oneValue: Bool { true }
}

/// A Python number as it appears in `t + 1`, `t * 2.5` or `t == True`: its kind affects type promotion.
public enum Scalar: Sendable, Equatable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral {
    case int(Int64)
    case double(Double)
    case bool(Bool)

    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    public var doubleValue: Double {
        switch self {
        case .int(let v): Double(v)
        case .double(let v): v
        case .bool(let v): v ? 1 : 0
        }
    }

    /// The dtype of the 0-d tensor PyTorch wraps this number in.
    var wrappedDType: DType {
        switch self {
        case .int: .int64
        case .double: .float64
        case .bool: .bool
        }
    }
}
