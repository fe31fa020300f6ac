import TensorEngine

/// A restricted unpickler: it accepts what `torch.load(weights_only=True)` accepts (containers, numbers,
/// strings, OrderedDict, torch.Size, tensors and parameters) and never calls anything it reads; any other
/// global is refused. Every length is checked against the bytes present.
struct Unpickler {
    /// A value under construction; lists and dicts are classes because pickle fills them after memoizing.
    indirect enum Item {
        case none, bool(Bool), int(Int), float(Double), string(String)
        case tuple(TupleBox), list(ListBox), dict(DictBox)
        case size([Int])
        case tensor(TensorRequest)
        case global(Global)
        case storage(StorageRef)
    }

    /// Tuples are boxed too, so a value shared through the memo is measured once (see `Converter`).
    final class TupleBox { var items: [Item]; init(_ items: [Item]) { self.items = items } }
    final class ListBox { var items: [Item] = [] }
    final class DictBox {
        var entries: [(Item, Item)] = []
        let ordered: Bool
        var metadata: Item?
        init(ordered: Bool) { self.ordered = ordered }
    }

    enum Global: Equatable {
        case orderedDict, rebuildTensor, rebuildParameter, size
        case storageType(DType?)  // nil: an untyped or unsupported storage class
        case namedStorage(String)
    }

    struct StorageRef {
        let key: String
        let dtype: DType
        let count: Int
    }

    /// One `_rebuild_tensor_v2` call; the tensors are made once every view of each storage is known.
    final class TensorRequest {
        let storage: StorageRef
        let offset: Int
        let shape: [Int]
        let strides: [Int]
        var requiresGrad: Bool
        var isParameter = false
        var tensor: Tensor?
        init(storage: StorageRef, offset: Int, shape: [Int], strides: [Int], requiresGrad: Bool) {
            (self.storage, self.offset, self.shape, self.strides, self.requiresGrad) = (storage, offset, shape, strides, requiresGrad)
        }
    }

    private let bytes: ArraySlice<UInt8>
    private var pos: Int
    private var stack: [Item] = []
    private var marks: [Int] = []
    private var memo: [Int: Item] = [:]
    private(set) var requests: [TensorRequest] = []
    /// Every container made, so `dismantle` can free a million-deep nesting without recursive releases.
    private var boxes: [AnyObject] = []
    /// Storage records: key → (byte count available). Used to validate persistent ids.
    private let storageSizes: [String: Int]

    init(_ bytes: ArraySlice<UInt8>, storageSizes: [String: Int]) {
        self.bytes = bytes
        self.pos = bytes.startIndex
        self.storageSizes = storageSizes
    }

    private func fail(_ detail: String) -> SerializationError { .unpickling(detail) }

    private mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, n <= bytes.endIndex - pos else { throw fail("The pickle data was truncated.") }
        defer { pos += n }
        return bytes[pos..<(pos + n)]
    }

    private mutating func uint(_ n: Int) throws -> UInt64 {
        var v: UInt64 = 0
        for b in try take(n).reversed() { v = v << 8 | UInt64(b) }
        return v
    }

    private mutating func line() throws -> String {
        guard let end = bytes[pos...].firstIndex(of: 0x0A) else { throw fail("The pickle data was truncated.") }
        defer { pos = end + 1 }
        return String(decoding: bytes[pos..<end], as: UTF8.self)
    }

    private mutating func pop() throws -> Item {
        guard let top = stack.popLast(), stack.count >= (marks.last ?? 0) else { throw fail("unpickling stack underflow") }
        return top
    }

    private mutating func popMark() throws -> [Item] {
        guard let m = marks.popLast(), m <= stack.count else { throw fail("could not find MARK") }
        defer { stack.removeSubrange(m...) }
        return Array(stack[m...])
    }

    private mutating func string(_ n: Int) throws -> Item {
        guard let s = String(validating: try take(n), as: UTF8.self) else { throw fail("invalid UTF-8 in a string") }
        return .string(s)
    }

    private mutating func length(_ width: Int) throws -> Int {
        let n = try uint(width)
        guard n <= UInt64(bytes.endIndex - pos) else { throw fail("The pickle data was truncated.") }
        return Int(n)
    }

    /// Runs the pickle to its STOP and returns the top of the stack.
    mutating func load() throws -> Item {
        while true {
            let op = try take(1).first!
            switch op {
            case Op.proto: _ = try take(1)
            case Op.frame: _ = try take(8)
            case Op.stop:
                guard stack.count == 1, marks.isEmpty else { throw fail("unbalanced pickle stack at STOP") }
                return stack[0]
            case Op.mark: marks.append(stack.count)
            case Op.pop: _ = try pop()
            case Op.popMark: _ = try popMark()
            case Op.dup: let top = try pop(); stack += [top, top]
            case Op.none: stack.append(.none)
            case Op.newTrue: stack.append(.bool(true))
            case Op.newFalse: stack.append(.bool(false))
            case Op.binInt: stack.append(.int(Int(Int32(bitPattern: UInt32(try uint(4))))))
            case Op.binInt1: stack.append(.int(Int(try uint(1))))
            case Op.binInt2: stack.append(.int(Int(try uint(2))))
            case Op.long1: stack.append(try long(Int(try uint(1))))
            case Op.long4: stack.append(try long(try length(4)))
            case Op.binFloat: stack.append(.float(Double(bitPattern: try uint(8).byteSwapped)))  // big-endian
            case Op.binUnicode: stack.append(try string(try length(4)))
            case Op.shortBinUnicode: stack.append(try string(try length(1)))
            case Op.binUnicode8: stack.append(try string(try length(8)))
            case Op.emptyList: stack.append(.list(listBox()))
            case Op.emptyDict: stack.append(.dict(dictBox(ordered: false)))
            case Op.emptyTuple: stack.append(.tuple(tupleBox([])))
            case Op.tuple: stack.append(.tuple(tupleBox(try popMark())))
            case Op.tuple1, Op.tuple2, Op.tuple3:
                let n = Int(op - Op.tuple1) + 1
                var items = [Item]()
                for _ in 0..<n { items.insert(try pop(), at: 0) }
                stack.append(.tuple(tupleBox(items)))
            case Op.list:
                let box = listBox(); box.items = try popMark(); stack.append(.list(box))
            case Op.dict:
                let box = dictBox(ordered: false)
                try setItems(box, try popMark())
                stack.append(.dict(box))
            case Op.append:
                let v = try pop()
                guard case .list(let box)? = stack.last else { throw fail("APPEND to a non-list") }
                box.items.append(v)
            case Op.appends:
                let items = try popMark()
                guard case .list(let box)? = stack.last else { throw fail("APPENDS to a non-list") }
                box.items += items
            case Op.setItem:
                let v = try pop(), k = try pop()
                guard case .dict(let box)? = stack.last else { throw fail("SETITEM on a non-dict") }
                try setItems(box, [k, v])
            case Op.setItems:
                let items = try popMark()
                guard case .dict(let box)? = stack.last else { throw fail("SETITEMS on a non-dict") }
                try setItems(box, items)
            case Op.binPut: try put(Int(try uint(1)))
            case Op.longBinPut: try put(Int(try uint(4)))
            case Op.memoize: try put(memo.count)
            case Op.binGet: try get(Int(try uint(1)))
            case Op.longBinGet: try get(Int(try uint(4)))
            case Op.global:
                let module = try line(), name = try line()
                stack.append(.global(try resolve(module, name)))
            case Op.stackGlobal:
                guard case .string(let name) = try pop(), case .string(let module) = try pop() else {
                    throw fail("STACK_GLOBAL requires str")
                }
                stack.append(.global(try resolve(module, name)))
            case Op.reduce:
                let args = try pop(), callable = try pop()
                guard case .tuple(let a) = args else { throw fail("REDUCE arguments must be a tuple") }
                stack.append(try call(callable, a.items))
            case Op.newObj:
                let args = try pop(), cls = try pop()
                guard case .tuple(let a) = args, case .global(.orderedDict) = cls else {
                    throw fail("NEWOBJ is only allowed for collections.OrderedDict")
                }
                stack.append(try call(cls, a.items))
            case Op.build:
                let state = try pop()
                guard let target = stack.last else { throw fail("unpickling stack underflow") }
                try build(target, state)
            case Op.binPersId:
                stack.append(try persistentLoad(try pop()))
            default:
                throw fail("Unsupported operand \(op) (opcode 0x\(String(op, radix: 16))) in the pickle.")
            }
        }
    }

    private mutating func tupleBox(_ items: [Item]) -> TupleBox { let b = TupleBox(items); boxes.append(b); return b }
    private mutating func listBox() -> ListBox { let b = ListBox(); boxes.append(b); return b }
    private mutating func dictBox(ordered: Bool) -> DictBox { let b = DictBox(ordered: ordered); boxes.append(b); return b }

    /// Empties every container so releasing them never recurses through a deep nesting.
    mutating func dismantle() {
        for b in boxes {
            if let t = b as? TupleBox { t.items = [] }
            if let l = b as? ListBox { l.items = [] }
            if let d = b as? DictBox { d.entries = []; d.metadata = nil }
        }
        stack = []
        memo = [:]
        boxes = []
    }

    /// LONG1/LONG4: little-endian two's complement; nnrepl's ints are 64-bit.
    private mutating func long(_ n: Int) throws -> Item {
        guard n <= 8 else { _ = try take(n); throw fail("integer in the pickle does not fit in 64 bits") }
        if n == 0 { return .int(0) }
        let raw = try uint(n)
        let shift = UInt64(64 - 8 * n)
        return .int(Int(Int64(bitPattern: raw << shift) >> Int64(shift)))
    }

    private mutating func put(_ index: Int) throws {
        guard let top = stack.last else { throw fail("unpickling stack underflow") }
        memo[index] = top
    }

    private mutating func get(_ index: Int) throws {
        guard let v = memo[index] else { throw fail("Memo value not found at index \(index)") }
        stack.append(v)
    }

    private func setItems(_ box: DictBox, _ items: [Item]) throws {
        guard items.count % 2 == 0 else { throw fail("odd number of items for SETITEMS") }
        for i in stride(from: 0, to: items.count, by: 2) { box.entries.append((items[i], items[i + 1])) }
    }

    private func resolve(_ module: String, _ name: String) throws -> Global {
        switch (module, name) {
        case ("collections", "OrderedDict"): return .orderedDict
        case ("torch._utils", "_rebuild_tensor_v2"): return .rebuildTensor
        case ("torch._utils", "_rebuild_parameter"): return .rebuildParameter
        case ("torch", "Size"): return .size
        case ("torch.storage", "UntypedStorage"), ("torch", "UntypedStorage"): return .storageType(nil)
        case ("torch", _) where name.hasSuffix("Storage"):
            if let d = DType(storageClassName: name) { return .storageType(d) }
            return .namedStorage(name)
        default:
            throw fail("Trying to load unsupported GLOBAL \(module).\(name); nnrepl only loads tensors, numbers, strings and containers.")
        }
    }

    private mutating func call(_ callable: Item, _ args: [Item]) throws -> Item {
        guard case .global(let g) = callable else { throw fail("REDUCE target is not an allowed global") }
        switch g {
        case .orderedDict:
            let box = dictBox(ordered: true)
            if case .list(let pairs)? = args.first {
                for case .tuple(let kv) in pairs.items where kv.items.count == 2 { box.entries.append((kv.items[0], kv.items[1])) }
            }
            return .dict(box)
        case .size:
            guard args.count == 1, case .tuple(let dims) = args[0] else { throw fail("torch.Size expects one tuple") }
            return .size(try dims.items.map(int))
        case .rebuildTensor:
            guard args.count >= 5, case .storage(let ref) = args[0], case .tuple(let shape) = args[2],
                  case .tuple(let strides) = args[3], case .bool(let grad) = args[4] else {
                throw fail("malformed _rebuild_tensor_v2 arguments")
            }
            let request = TensorRequest(storage: ref, offset: try int(args[1]), shape: try shape.items.map(int),
                                        strides: try strides.items.map(int), requiresGrad: grad)
            try validate(request)
            requests.append(request)
            return .tensor(request)
        case .rebuildParameter:
            guard args.count >= 2, case .tensor(let data) = args[0], case .bool(let grad) = args[1] else {
                throw fail("malformed _rebuild_parameter arguments")
            }
            if grad && !data.storage.dtype.isFloatingPoint {
                throw SerializationError(.runtime, "Only Tensors of floating point and complex dtype can require gradients")
            }
            data.isParameter = true
            data.requiresGrad = grad
            return .tensor(data)
        case .storageType, .namedStorage:
            throw fail("storage classes cannot be called")
        }
    }

    private func int(_ item: Item) throws -> Int {
        guard case .int(let i) = item else { throw fail("expected an int in tensor metadata") }
        return i
    }

    private func build(_ target: Item, _ state: Item) throws {
        guard case .dict(let box) = target, box.ordered, case .dict(let attributes) = state else {
            throw fail("BUILD is only allowed to set OrderedDict attributes")
        }
        for (k, v) in attributes.entries {
            guard case .string("_metadata") = k else { throw fail("unexpected OrderedDict attribute") }
            box.metadata = v
        }
    }

    /// `('storage', torch.FloatStorage, '0', 'cpu', numel)` → the record `data/0`, checked for size.
    private func persistentLoad(_ pid: Item) throws -> Item {
        guard case .tuple(let box) = pid, case let t = box.items, t.count == 5, case .string("storage") = t[0],
              case .global(let storageType) = t[1], case .string(let key) = t[2], case .string = t[3] else {
            throw fail("unsupported persistent id")
        }
        let count = try int(t[4])
        let dtype: DType
        switch storageType {
        case .storageType(let d?): dtype = d
        case .storageType(nil):
            throw SerializationError(.runtime, "nnrepl cannot load untyped (uint8) storages")
        case .namedStorage(let name):
            throw SerializationError(.runtime, "nnrepl supports float32, float64, int64 and bool tensors; this file has torch.\(name)")
        default: throw fail("unsupported persistent id")
        }
        guard let available = storageSizes[key] else {
            throw SerializationError.corrupt("missing storage record data/\(key)")
        }
        let (needed, overflow) = count.multipliedReportingOverflow(by: dtype.byteWidth)
        guard count >= 0, !overflow, needed <= available else {
            throw SerializationError.corrupt("storage data/\(key) declares \(count) elements but holds \(available) bytes")
        }
        return .storage(StorageRef(key: key, dtype: dtype, count: count))
    }

    /// The view must lie inside its storage, with a numel that fits in an Int.
    private func validate(_ r: TensorRequest) throws {
        guard r.shape.count == r.strides.count, r.offset >= 0, r.shape.allSatisfy({ $0 >= 0 }),
              r.strides.allSatisfy({ $0 >= 0 }) else {
            throw fail("invalid tensor size, stride or offset")
        }
        var numel = 1
        for n in r.shape {
            let (p, o) = numel.multipliedReportingOverflow(by: n)
            guard !o else { throw fail("tensor size overflows") }
            numel = p
        }
        guard let extent = StorageTable.extent(offset: r.offset, shape: r.shape, strides: r.strides),
              extent <= r.storage.count else {
            throw SerializationError(.runtime, "setStorage: sizes \(r.shape), strides \(r.strides), storage offset \(r.offset) are out of bounds for storage of \(r.storage.count) elements")
        }
    }
}
