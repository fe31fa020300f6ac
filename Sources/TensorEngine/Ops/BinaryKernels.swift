/// The arithmetic primitives behind `add`, `mul`, `pow`, comparisons, ...: promotion, then one typed kernel.
enum BinaryOp: Sendable {
    case add, sub, mul, div, pow, maximum, minimum, remainder, floorDivide, atan2
}

enum CompareOp: Sendable {
    case eq, ne, lt, le, gt, ge, logicalAnd, logicalOr, logicalXor
}

extension Tensor {
    /// Broadcasts and promotes `a` and `b`, then applies `op` (no autograd).
    static func arithmetic(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, alpha: Double = 1) throws -> Tensor {
        if alpha == 1, let out = smallDenseFloat32(op, a, b) { return out }
        let shape = try broadcastShapes(a.shape, b.shape)
        // A non-wrapped operand of the shared dtype decides the result; skips building an array.
        var ct = a.dtype == b.dtype && !a.isWrappedNumber ? a.dtype : resultType([a, b])
        if op == .div || op == .atan2 || (op == .pow && ct == .bool) { ct = floatResultType(ct) }
        if op == .sub && a.dtype == .bool && b.dtype == .bool {
            throw TensorError.notImplemented("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")
        }
        let x = a.dtype == ct ? a : a.materialized(as: ct)
        let y = b.dtype == ct ? b : b.materialized(as: ct)
        if ct == .float32 && alpha == 1, let out = denseFloat32(op, x, y, shape) { return out }
        switch ct {
        case .float32: return floatKernel(Float.self, op, x, y, shape, alpha)
        case .float64: return floatKernel(Double.self, op, x, y, shape, alpha)
        case .int64: return try intKernel(op, x, y, shape, Int64(fromDouble: alpha))
        case .bool: return try boolKernel(op, x, y, shape)
        }
    }

    private static func floatKernel<T: FloatElement>(_: T.Type, _ op: BinaryOp, _ a: Tensor, _ b: Tensor,
                                                     _ shape: [Int], _ alpha: Double) -> Tensor {
        let al = T(alpha)
        switch op {
        case .add where alpha == 1: return binaryMap(a, b, shape) { (x: T, y: T) in x + y }
        case .add: return binaryMap(a, b, shape) { (x: T, y: T) in x.addingProduct(y, al) }
        case .sub where alpha == 1: return binaryMap(a, b, shape) { (x: T, y: T) in x - y }
        case .sub: return binaryMap(a, b, shape) { (x: T, y: T) in x.addingProduct(y, -al) }
        case .mul: return binaryMap(a, b, shape) { (x: T, y: T) in x * y }
        case .div: return binaryMap(a, b, shape) { (x: T, y: T) in x / y }
        case .pow:
            if b.numel == 1 && b.dim == 0 {
                let e = b.storage.pointer(T.self)[b.offset]
                return unaryMap(a) { (x: T) in powScalarExponent(x, e) }
            }
            return binaryMap(a, b, shape) { (x: T, y: T) in T.power(x, y) }
        case .maximum: return binaryMap(a, b, shape) { (x: T, y: T) in x.isNaN || y.isNaN ? T.nan : Swift.max(x, y) }
        case .minimum: return binaryMap(a, b, shape) { (x: T, y: T) in x.isNaN || y.isNaN ? T.nan : Swift.min(x, y) }
        case .remainder:
            return binaryMap(a, b, shape) { (x: T, y: T) in
                var r = T.fmodValue(x, y)
                if r != 0 && (r < 0) != (y < 0) { r += y }
                return r
            }
        case .floorDivide:
            return binaryMap(a, b, shape) { (x: T, y: T) in
                if y == 0 { return x / y }
                let mod = T.fmodValue(x, y)
                var div = (x - mod) / y
                if mod != 0 && (y < 0) != (mod < 0) { div -= 1 }
                if div == 0 { return (x / y).sign == .minus ? -0.0 : 0 }
                var fl = T.floorValue(div)
                if div - fl > 0.5 { fl += 1 }
                return fl
            }
        case .atan2: return binaryMap(a, b, shape) { (x: T, y: T) in T.atan2Value(x, y) }
        }
    }

    /// Operands of at most this many elements take `smallDenseFloat32`.
    static let smallOpLimit = 256

    /// Tiny same-shape contiguous float32 operands (`x + x` on a 2x4 tensor), where per-op overhead is the
    /// whole cost: no promotion, broadcasting or parallel dispatch, and the result borrows `a`'s shape and
    /// strides arrays, so it costs two allocations (tensor, storage). Same arithmetic as `denseFloat32`.
    @inline(__always)
    private static func smallDenseFloat32(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) -> Tensor? {
        guard a.storage.dtype == .float32, b.storage.dtype == .float32, !a.isWrappedNumber, !b.isWrappedNumber,
              a.shape == b.shape, a.hasStandardStrides, b.strides == a.strides || b.isContiguous else { return nil }
        switch op {
        case .add, .sub, .mul, .div: break
        default: return nil
        }
        let n = a.shape.reduce(1, &*)
        guard n <= smallOpLimit else { return nil }
        let storage = Storage.make(dtype: .float32, count: n, zeroed: false)
        let out = Tensor(storage: storage, shape: a.shape, strides: a.strides, offset: 0)
        let o = storage.pointer(Float.self)
        let x = a.storage.pointer(Float.self) + a.offset, y = b.storage.pointer(Float.self) + b.offset
        switch op {
        case .add: for i in 0..<n { o[i] = x[i] + y[i] }
        case .sub: for i in 0..<n { o[i] = x[i] - y[i] }
        case .mul: for i in 0..<n { o[i] = x[i] * y[i] }
        default: for i in 0..<n { o[i] = x[i] / y[i] }
        }
        return out
    }

    /// The hot case, written out: same-shape contiguous float32 operands, one tight loop per op.
    private static func denseFloat32(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, _ shape: [Int]) -> Tensor? {
        guard a.shape == shape, b.shape == shape, a.isContiguous, b.isContiguous else { return nil }
        switch op {
        case .add, .sub, .mul, .div: break
        default: return nil
        }
        let n = shape.reduce(1, &*)
        let out = Tensor(overwritten: shape, dtype: .float32)
        let o = out.storage.pointer(Float.self)
        let x = UnsafePointer(a.storage.pointer(Float.self) + a.offset)
        let y = UnsafePointer(b.storage.pointer(Float.self) + b.offset)
        DenseKernels.binary(op, x, y, o, n)
        return out
    }

    /// ATen's `pow(tensor, scalar)` special cases, then libm `pow`.
    @inline(__always)
    static func powScalarExponent<T: FloatElement>(_ x: T, _ e: T) -> T {
        if e == 2 { return x * x }
        if e == 3 { return x * x * x }
        if e == 0.5 { return x.squareRoot() }
        if e == -0.5 { return 1 / x.squareRoot() }
        if e == -1 { return 1 / x }
        if e == -2 { return 1 / (x * x) }
        return T.power(x, e)
    }

    private static func intKernel(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, _ shape: [Int], _ alpha: Int64) throws -> Tensor {
        switch op {
        case .add: return binaryMap(a, b, shape) { (x: Int64, y: Int64) in x &+ alpha &* y }
        case .sub: return binaryMap(a, b, shape) { (x: Int64, y: Int64) in x &- alpha &* y }
        case .mul: return binaryMap(a, b, shape) { (x: Int64, y: Int64) in x &* y }
        case .maximum: return binaryMap(a, b, shape) { (x: Int64, y: Int64) in Swift.max(x, y) }
        case .minimum: return binaryMap(a, b, shape) { (x: Int64, y: Int64) in Swift.min(x, y) }
        case .pow:
            if b.toInt64Array().contains(where: { $0 < 0 }) {
                throw TensorError.runtime("Integers to negative integer powers are not allowed.")
            }
            return binaryMap(a, b, shape) { (x: Int64, y: Int64) in
                var result: Int64 = 1, base = x, e = y
                while e > 0 {
                    if e & 1 == 1 { result = result &* base }
                    base = base &* base
                    e >>= 1
                }
                return result
            }
        case .remainder, .floorDivide:
            if b.toInt64Array().contains(0) { throw TensorError.runtime("ZeroDivisionError") }
            let floor = op == .floorDivide
            return binaryMap(a, b, shape) { (x: Int64, y: Int64) in
                if y == -1 { return floor ? 0 &- x : 0 }
                var q = x / y, r = x % y
                if r != 0 && (r < 0) != (y < 0) { q -= 1; r += y }
                return floor ? q : r
            }
        case .div, .atan2:
            return floatKernel(Float.self, op, a.materialized(as: .float32), b.materialized(as: .float32), shape, 1)
        }
    }

    private static func boolKernel(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, _ shape: [Int]) throws -> Tensor {
        switch op {
        case .add, .maximum: return binaryMap(a, b, shape) { (x: Bool, y: Bool) in x || y }
        case .mul, .minimum: return binaryMap(a, b, shape) { (x: Bool, y: Bool) in x && y }
        default:
            return try intKernel(op, a.materialized(as: .int64), b.materialized(as: .int64), shape, 1)
        }
    }

    /// Comparisons and logical ops: compare in the promoted type, produce bool.
    static func compare(_ op: CompareOp, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let shape = try broadcastShapes(a.shape, b.shape)
        switch op {
        case .logicalAnd, .logicalOr, .logicalXor:
            let x = a.materialized(as: .bool), y = b.materialized(as: .bool)
            switch op {
            case .logicalAnd: return binaryMap(x, y, shape) { (p: Bool, q: Bool) in p && q }
            case .logicalOr: return binaryMap(x, y, shape) { (p: Bool, q: Bool) in p || q }
            default: return binaryMap(x, y, shape) { (p: Bool, q: Bool) in p != q }
            }
        default: break
        }
        let ct = resultType([a, b])
        let x = a.materialized(as: ct), y = b.materialized(as: ct)
        switch ct {
        case .float32: return compareKernel(Float.self, op, x, y, shape)
        case .float64: return compareKernel(Double.self, op, x, y, shape)
        case .int64: return compareKernel(Int64.self, op, x, y, shape)
        case .bool: return compareKernel(Int64.self, op, x.materialized(as: .int64), y.materialized(as: .int64), shape)
        }
    }

    private static func compareKernel<T: TensorElement & Comparable>(_: T.Type, _ op: CompareOp, _ a: Tensor,
                                                                     _ b: Tensor, _ shape: [Int]) -> Tensor {
        switch op {
        case .eq: return binaryMap(a, b, shape) { (x: T, y: T) in x == y }
        case .ne: return binaryMap(a, b, shape) { (x: T, y: T) in x != y }
        case .lt: return binaryMap(a, b, shape) { (x: T, y: T) in x < y }
        case .le: return binaryMap(a, b, shape) { (x: T, y: T) in x <= y }
        case .gt: return binaryMap(a, b, shape) { (x: T, y: T) in x > y }
        case .ge: return binaryMap(a, b, shape) { (x: T, y: T) in x >= y }
        default: return binaryMap(a, b, shape) { (_: T, _: T) in false }
        }
    }
}
