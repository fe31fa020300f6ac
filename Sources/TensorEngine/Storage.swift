import CKernels

/// A flat, typed, reference-counted buffer shared by every view of a tensor, with their version counter.
///
/// One allocation for small tensors: their elements live in the object itself (`ManagedBuffer` tail storage,
/// 8-byte aligned, which plain `malloc` gives); larger ones keep a separate 64-byte aligned buffer. Small ops
/// are dominated by such per-result costs (issue 3).
///
/// The header is reached through its pointer: `ManagedBuffer.header` is a class property, and its run-time
/// exclusivity check would cost more than the rest of a small op's storage handling.
final class Storage: ManagedBuffer<StorageHeader, UInt64> {
    /// Up to this many bytes live inside the object.
    static let inlineLimit = 4096

    /// Zero-filled unless `zeroed` is false, for kernels that overwrite every element.
    static func make(dtype: DType, count: Int, zeroed: Bool = true) -> Storage {
        let bytes = max(1, count) * dtype.itemSize
        let inline = bytes <= inlineLimit
        if !inline { _ = largeBlocksStayInHeap }
        let buffer = create(minimumCapacity: inline ? (bytes + 7) / 8 : 0) { buffer in
            let raw = inline
                ? buffer.withUnsafeMutablePointerToElements { UnsafeMutableRawPointer($0) }
                : LargeBufferPool.allocate(bytes)
            return StorageHeader(dtype: dtype, count: count, raw: raw, isInline: inline)
        }
        // `create` makes an instance of the class it is called on, so this is always a `Storage`.
        let storage = unsafeDowncast(buffer, to: Storage.self)
        // Zero is valid for all four types; unzeroed memory is only handed to kernels that write every element.
        if zeroed || dtype == .bool { storage.raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes) }
        return storage
    }

    /// A large result is allocated and freed once per op. With glibc's defaults its pages go back to the
    /// kernel in between (heap trimming, or mmap for big blocks), so each 4 MB result pays about a thousand
    /// page faults, far more than the op itself. Freed memory up to these bounds stays for the next op.
    private static let largeBlocksStayInHeap: Bool = {
        ck_keep_large_blocks_in_heap()
        return true
    }()

    deinit {
        if !head.pointee.isInline { LargeBufferPool.release(head.pointee.raw, bytes: max(1, count) * dtype.itemSize) }
    }

    /// The header's address, stable for the object's lifetime.
    @inline(__always) private var head: UnsafeMutablePointer<StorageHeader> {
        withUnsafeMutablePointerToHeader { $0 }
    }

    var dtype: DType { head.pointee.dtype }
    var count: Int { head.pointee.count }
    var raw: UnsafeMutableRawPointer { head.pointee.raw }

    @inline(__always) func pointer<T: TensorElement>(_: T.Type) -> UnsafeMutablePointer<T> {
        head.pointee.raw.assumingMemoryBound(to: T.self)
    }

    /// The version of the tensors that use this storage's counter (see `Tensor.versionOverride`).
    var version: Int {
        get { head.pointee.movedCounter?.value ?? head.pointee.version }
        set {
            if let moved = head.pointee.movedCounter { moved.value = newValue } else { head.pointee.version = newValue }
        }
    }

    /// This storage's counter as an object, so a tensor leaving the storage (`t.data = other`) can keep it.
    func counterObject() -> VersionCounter {
        if let moved = head.pointee.movedCounter { return moved }
        let counter = VersionCounter(value: head.pointee.version)
        head.pointee.movedCounter = counter
        return counter
    }
}

struct StorageHeader {
    let dtype: DType
    let count: Int
    let raw: UnsafeMutableRawPointer
    let isInline: Bool
    /// Counts in-place modifications, so backward can detect a saved tensor that changed (reference §5.4).
    var version = 0
    /// Set once a tensor sharing this counter moved to other storage; from then on this object is the counter.
    var movedCounter: VersionCounter?
}

/// A version counter of its own, for `t.data` (and what shares its counter) and for tensors that moved storage.
final class VersionCounter {
    var value: Int
    init(value: Int = 0) { self.value = value }
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
