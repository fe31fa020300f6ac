import TensorEngine

/// Writes a `SavedValue` as the protocol-2 pickle `torch.save` puts in `data.pkl`; tensor data goes to
/// `storages`, referenced from the pickle by persistent id (`('storage', torch.FloatStorage, '0', 'cpu', n)`).
struct Pickler {
    private(set) var bytes: [UInt8] = [0x80, 2]
    private(set) var storages = StorageTable()
    private var tensorMemo: [ObjectIdentifier: UInt32] = [:]
    private var nextMemo: UInt32 = 0
    static let maxDepth = 1000

    /// Sizes every storage before writing, since a later view can extend a storage an earlier one opened.
    init(registering root: SavedValue) {
        var pending = [root]
        while let v = pending.popLast() {
            switch v {
            case .tensor(let t): _ = storages.index(of: t)
            case .list(let items), .tuple(let items): pending += items.reversed()
            case .dict(let entries):
                for (k, v) in entries.reversed() { pending += [v, k] }
            case .orderedDict(let entries, let metadata):
                if let metadata { pending.append(metadata) }
                for (k, v) in entries.reversed() { pending += [v, k] }
            case .none, .bool, .int, .float, .string, .size: break
            }
        }
    }

    mutating func finish() -> [UInt8] {
        bytes.append(Op.stop)
        return bytes
    }

    mutating func write(_ value: SavedValue, depth: Int = 0) throws {
        guard depth < Self.maxDepth else {
            throw SerializationError(.runtime, "maximum recursion depth exceeded while pickling an object")
        }
        switch value {
        case .none: bytes.append(Op.none)
        case .bool(let b): bytes.append(b ? Op.newTrue : Op.newFalse)
        case .int(let i): writeInt(i)
        case .float(let d):
            bytes.append(Op.binFloat)
            bytes += withUnsafeBytes(of: d.bitPattern.bigEndian) { Array($0) }
        case .string(let s): writeString(s)
        case .tuple(let items): try writeTuple(items, depth)
        case .list(let items):
            bytes.append(Op.emptyList)
            for chunk in stride(from: 0, to: items.count, by: 1000) {
                bytes.append(Op.mark)
                for item in items[chunk..<min(chunk + 1000, items.count)] { try write(item, depth: depth + 1) }
                bytes.append(Op.appends)
            }
        case .dict(let entries):
            bytes.append(Op.emptyDict)
            try writeItems(entries, depth)
        case .orderedDict(let entries, let metadata):
            writeGlobal("collections", "OrderedDict")
            bytes += [Op.emptyTuple, Op.reduce]
            try writeItems(entries, depth)
            if let metadata {
                bytes.append(Op.emptyDict)
                writeString("_metadata")
                try write(metadata, depth: depth + 1)
                bytes += [Op.setItem, Op.build]
            }
        case .size(let shape):
            writeGlobal("torch", "Size")
            try writeTuple(shape.map { .int($0) }, depth)
            bytes += [Op.tuple1, Op.reduce]
        case .tensor(let t): writeTensor(t)
        }
    }

    private mutating func writeItems(_ entries: [(key: SavedValue, value: SavedValue)], _ depth: Int) throws {
        for chunk in stride(from: 0, to: entries.count, by: 1000) {
            bytes.append(Op.mark)
            for (k, v) in entries[chunk..<min(chunk + 1000, entries.count)] {
                try write(k, depth: depth + 1)
                try write(v, depth: depth + 1)
            }
            bytes.append(Op.setItems)
        }
    }

    private mutating func writeTuple(_ items: [SavedValue], _ depth: Int) throws {
        if items.isEmpty { bytes.append(Op.emptyTuple); return }
        if items.count > 3 { bytes.append(Op.mark) }
        for item in items { try write(item, depth: depth + 1) }
        bytes.append([Op.tuple1, Op.tuple2, Op.tuple3][safe: items.count - 1] ?? Op.tuple)
    }

    private mutating func writeInt(_ i: Int) {
        if i >= 0 && i < 256 {
            bytes += [Op.binInt1, UInt8(i)]
        } else if i >= 0 && i < 65536 {
            bytes.append(Op.binInt2); bytes.le16(UInt16(i))
        } else if let i32 = Int32(exactly: i) {
            bytes.append(Op.binInt); bytes.le32(UInt32(bitPattern: i32))
        } else {
            // LONG1: the shortest little-endian two's complement.
            var le = withUnsafeBytes(of: Int64(i).littleEndian) { Array($0) }
            while le.count > 1, (le[le.count - 1] == 0 && le[le.count - 2] & 0x80 == 0)
                    || (le[le.count - 1] == 0xFF && le[le.count - 2] & 0x80 != 0) {
                le.removeLast()
            }
            bytes += [Op.long1, UInt8(le.count)] + le
        }
    }

    private mutating func writeString(_ s: String) {
        let utf8 = Array(s.utf8)
        bytes.append(Op.binUnicode); bytes.le32(UInt32(utf8.count)); bytes += utf8
    }

    private mutating func writeGlobal(_ module: String, _ name: String) {
        bytes.append(Op.global)
        bytes += Array("\(module)\n\(name)\n".utf8)
    }

    private mutating func writeTensor(_ t: Tensor) {
        if let slot = tensorMemo[ObjectIdentifier(t)] {
            bytes.append(Op.longBinGet); bytes.le32(slot)
            return
        }
        if t.isParameter { writeGlobal("torch._utils", "_rebuild_parameter") }
        writeGlobal("torch._utils", "_rebuild_tensor_v2")
        bytes.append(Op.mark)
        let key = storages.registeredIndex(of: t)
        bytes.append(Op.mark)
        writeString("storage")
        writeGlobal("torch", t.dtype.storageClassName)
        writeString(String(key))
        writeString("cpu")
        writeInt(storages.entries[key].count)
        bytes += [Op.tuple, Op.binPersId]
        writeInt(t.storageOffset)
        try? writeTuple(t.shape.map { .int($0) }, 0)
        try? writeTuple(t.strides.map { .int($0) }, 0)
        bytes.append(!t.isParameter && t.requiresGrad ? Op.newTrue : Op.newFalse)
        writeEmptyOrderedDict()
        bytes += [Op.tuple, Op.reduce]
        if t.isParameter {
            bytes.append(t.requiresGrad ? Op.newTrue : Op.newFalse)
            writeEmptyOrderedDict()
            bytes += [Op.tuple3, Op.reduce]
        }
        tensorMemo[ObjectIdentifier(t)] = nextMemo
        bytes.append(Op.longBinPut); bytes.le32(nextMemo)
        nextMemo += 1
    }

    private mutating func writeEmptyOrderedDict() {
        writeGlobal("collections", "OrderedDict")
        bytes += [Op.emptyTuple, Op.reduce]
    }
}

/// Pickle opcodes (CPython `Lib/pickle.py`).
enum Op {
    static let mark: UInt8 = 0x28, stop: UInt8 = 0x2E, pop: UInt8 = 0x30, popMark: UInt8 = 0x31, dup: UInt8 = 0x32
    static let binInt: UInt8 = 0x4A, binInt1: UInt8 = 0x4B, binInt2: UInt8 = 0x4D, none: UInt8 = 0x4E
    static let binPersId: UInt8 = 0x51, reduce: UInt8 = 0x52, binUnicode: UInt8 = 0x58
    static let emptyList: UInt8 = 0x5D, append: UInt8 = 0x61, build: UInt8 = 0x62, global: UInt8 = 0x63
    static let dict: UInt8 = 0x64, emptyDict: UInt8 = 0x7D, appends: UInt8 = 0x65, get: UInt8 = 0x67
    static let binGet: UInt8 = 0x68, longBinGet: UInt8 = 0x6A, list: UInt8 = 0x6C
    static let binPut: UInt8 = 0x71, longBinPut: UInt8 = 0x72, setItem: UInt8 = 0x73, tuple: UInt8 = 0x74
    static let setItems: UInt8 = 0x75, emptyTuple: UInt8 = 0x29, binFloat: UInt8 = 0x47
    static let proto: UInt8 = 0x80, newObj: UInt8 = 0x81, tuple1: UInt8 = 0x85, tuple2: UInt8 = 0x86
    static let tuple3: UInt8 = 0x87, newTrue: UInt8 = 0x88, newFalse: UInt8 = 0x89, long1: UInt8 = 0x8A
    static let long4: UInt8 = 0x8B, shortBinUnicode: UInt8 = 0x8C, binUnicode8: UInt8 = 0x8D
    static let stackGlobal: UInt8 = 0x93, memoize: UInt8 = 0x94, frame: UInt8 = 0x95
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
