/// An n-dimensional array: a view (shape, strides, offset) onto a shared `Storage`, plus autograd state.
///
/// Stored properties are `@exclusivity(unchecked)`: every op reads several of them, and the run-time
/// exclusivity check costs about 75 instructions per access, a fifth of a small op (issue 3). No code takes
/// overlapping accesses to one of them.
public final class Tensor {
    @exclusivity(unchecked) var storage: Storage
    @exclusivity(unchecked) public internal(set) var shape: [Int]
    @exclusivity(unchecked) public internal(set) var strides: [Int]
    @exclusivity(unchecked) var offset: Int
    /// nil: the version counter is the storage's, shared by every view and `detach()` of it. Set for `t.data`
    /// (a counter of its own, shared with its views) and for a tensor that moved to another storage.
    @exclusivity(unchecked) var versionOverride: VersionCounter?
    @exclusivity(unchecked) var requiresGradFlag = false
    @exclusivity(unchecked) public internal(set) var gradFn: GradFn?
    @exclusivity(unchecked) var gradStore: Tensor?
    /// `nn.Parameter`: printing shows `Parameter containing:`.
    @exclusivity(unchecked) public var isParameter = false
    /// LazyLinear's `<UninitializedParameter>`.
    @exclusivity(unchecked) public var isUninitializedParameter = false
    /// A Python number wrapped as a 0-d tensor; it ranks lowest in type promotion.
    @exclusivity(unchecked) var isWrappedNumber = false
    /// The tensor this one is a view of (autograd needs it for in-place ops on views); nil for non-views.
    @exclusivity(unchecked) var viewBase: Tensor?
    /// The bindings' one Python object for this tensor, kept here so wrapping needs no table lookup.
    /// Not counted (the wrapper owns the tensor, and a weak reference would put every wrapper on Swift's slow
    /// reference-counting path); the wrapper clears it when it dies, so it is never left dangling.
    @exclusivity(unchecked) public unowned(unsafe) var wrapperObject: AnyObject?

    init(storage: Storage, shape: [Int], strides: [Int], offset: Int, versionOverride: VersionCounter? = nil) {
        self.storage = storage
        self.shape = shape
        self.strides = strides
        self.offset = offset
        self.versionOverride = versionOverride
    }

    /// A fresh contiguous tensor; its contents are zero.
    convenience init(uninitialized shape: [Int], dtype: DType) {
        let shape = shape.allSatisfy { $0 >= 0 } ? shape : shape.map { Swift.max($0, 0) }  // negative sizes are rejected by `validateShape`, never trap here
        let count = shape.reduce(1, &*)  // 0 when any size is 0, even if the others overflow
        self.init(storage: Storage.make(dtype: dtype, count: count), shape: shape,
                  strides: Tensor.contiguousStrides(shape), offset: 0)
    }

    /// A fresh contiguous tensor whose contents are garbage: only for kernels that write every element.
    convenience init(overwritten shape: [Int], dtype: DType) {
        let shape = shape.allSatisfy { $0 >= 0 } ? shape : shape.map { Swift.max($0, 0) }
        let count = shape.reduce(1, &*)  // 0 when any size is 0, even if the others overflow
        self.init(storage: Storage.make(dtype: dtype, count: count, zeroed: false), shape: shape,
                  strides: Tensor.contiguousStrides(shape), offset: 0)
    }

    /// A fresh tensor of `template`'s shape whose contents are garbage, for kernels that write every element.
    /// A template with the standard contiguous strides lends its shape and strides arrays (a retain each,
    /// not an allocation).
    convenience init(overwrittenLike template: Tensor, dtype: DType) {
        let shape = template.shape
        guard template.hasStandardStrides else {
            self.init(overwritten: shape, dtype: dtype)
            return
        }
        self.init(storage: Storage.make(dtype: dtype, count: shape.reduce(1, &*), zeroed: false), shape: shape,
                  strides: template.strides, offset: 0)
    }

    /// The product of `sizes`, or PyTorch's error when it overflows (expanded views can be larger than memory).
    static func checkedNumel(_ sizes: [Int]) throws -> Int {
        if sizes.contains(0) { return 0 }
        var count = 1
        for size in sizes {
            let (p, overflow) = count.multipliedReportingOverflow(by: size)
            if overflow { throw TensorError.runtime("numel: integer multiplication overflow") }
            count = p
        }
        return count
    }

    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        // Written in place: this runs for every op's result, and small ops are dominated by such overheads.
        let n = shape.count
        return [Int](unsafeUninitializedCapacity: n) { strides, count in
            var acc = 1
            var d = n - 1
            while d >= 0 {
                strides[d] = acc
                acc = acc &* Swift.max(shape[d], 1)
                d -= 1
            }
            count = n
        }
    }

    public var dtype: DType { storage.dtype }
    /// `&*`: a shape with a 0 may have a product of the others that overflows (`randn(2**62, 10**12, 0)`);
    /// every other shape was checked when its tensor was made.
    public var numel: Int { shape.reduce(1, &*) }
    public var dim: Int { shape.count }
    /// `t.storage_offset()`.
    public var storageOffset: Int { offset }

    /// Whether `strides` is exactly `contiguousStrides(shape)` (stricter than `isContiguous`, which ignores
    /// the strides of size-1 dimensions).
    var hasStandardStrides: Bool {
        let n = shape.count
        guard strides.count == n else { return false }
        var expected = 1
        var d = n - 1
        while d >= 0 {
            if strides[d] != expected { return false }
            expected = expected &* Swift.max(shape[d], 1)
            d -= 1
        }
        return true
    }

    public var isContiguous: Bool {
        var expected = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) where shape[d] != 1 {
            if strides[d] != expected { return false }
            expected *= shape[d]
        }
        return true
    }

    /// True when both tensors view the same storage (`a.untyped_storage().data_ptr() == ...`).
    public func sharesStorage(with other: Tensor) -> Bool { storage === other.storage }

    /// `t.size(dim)` with Python-style negative dims.
    public func size(_ dim: Int) throws -> Int { shape[try normalizeDim(dim)] }

    // MARK: Autograd state

    public var requiresGrad: Bool { requiresGradFlag || gradFn != nil }
    public var isLeaf: Bool { gradFn == nil }

    /// Which spelling asked for gradients; PyTorch words the integer-dtype error differently for each.
    public enum RequiresGradRoute: Sendable {
        case factory    // `torch.tensor(..., requires_grad=True)`, `nn.Parameter(t)`
        case method     // `t.requires_grad_()`
        case attribute  // `t.requires_grad = True`
    }

    /// `t.requires_grad_(flag)` and its other spellings (see `RequiresGradRoute`).
    public func setRequiresGrad(_ flag: Bool, route: RequiresGradRoute = .factory) throws {
        if !isLeaf {
            if flag { return }
            throw TensorError.runtime("you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().")
        }
        if flag && !dtype.isFloatingPoint {
            switch route {
            case .factory: throw TensorError.runtime("Only Tensors of floating point and complex dtype can require gradients")
            case .method: throw TensorError.runtime("only Tensors of floating point dtype can require gradients")
            case .attribute: throw TensorError.runtime("only Tensors of floating point and complex dtype can require gradients")
            }
        }
        requiresGradFlag = flag
    }

    /// The accumulated gradient of a leaf (None for non-leaves).
    public var grad: Tensor? {
        get { gradStore }
        set { gradStore = newValue }
    }

    /// `p.grad = g` with PyTorch's checks.
    public func setGrad(_ newGrad: Tensor?) throws {
        if let g = newGrad {
            if g.shape != shape {
                throw TensorError.runtime("attempting to assign a gradient of size '\(shapeList(g.shape))' to a tensor of size '\(shapeList(shape))'. Please ensure that the gradient and the tensor are the same size")
            }
            if g.dtype != dtype {
                throw TensorError.runtime("attempting to assign a gradient with dtype '\(g.dtype.pythonName)' to a tensor with dtype '\(dtype.pythonName)'. Please ensure that the gradient and the tensor have the same dtype")
            }
        }
        gradStore = newGrad
    }

    /// A view sharing storage and version counter, cut from the graph (`t.detach()`).
    public func detach() -> Tensor {
        Tensor(storage: storage, shape: shape, strides: strides, offset: offset, versionOverride: versionOverride)
    }

    /// `t.data`: shares storage, but has its own version counter (shared with its views); assigning replaces
    /// this tensor's contents and keeps its counter, as PyTorch's `set_data` does.
    public var data: Tensor {
        get { Tensor(storage: storage, shape: shape, strides: strides, offset: offset, versionOverride: VersionCounter()) }
        set {
            if versionOverride == nil { versionOverride = storage.counterObject() }
            storage = newValue.storage
            shape = newValue.shape
            strides = newValue.strides
            offset = newValue.offset
        }
    }

    /// `t._version`: how many in-place modifications this tensor's counter has seen.
    var version: Int { versionOverride?.value ?? storage.version }

    func bumpVersion() {
        if let counter = versionOverride { counter.value += 1 } else { storage.version += 1 }
    }
}

func shapeList(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }

/// `torch.Size([2, 3])`.
public func torchSize(_ shape: [Int]) -> String { "torch.Size(\(shapeList(shape)))" }

extension DType {
    /// `torch.float32` without the prefix, as in some error messages.
    var pythonName: String { String(torchName.dropFirst(6)) }
}

extension Tensor {
    func normalizeDim(_ dim: Int, rank: Int? = nil) throws -> Int {
        let r = rank ?? self.dim
        let lo = r == 0 ? -1 : -r
        let hi = r == 0 ? 0 : r - 1
        if dim < lo || dim > hi {
            throw TensorError.index("Dimension out of range (expected to be in range of [\(lo), \(hi)], but got \(dim))")
        }
        return dim < 0 ? dim + Swift.max(r, 1) : dim
    }
}
