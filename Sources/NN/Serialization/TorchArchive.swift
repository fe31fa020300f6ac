import TensorEngine

/// `torch.save` / `torch.load(weights_only=True)` files: a ZIP of `<name>/data.pkl`, one `<name>/data/<key>`
/// record of raw little-endian bytes per storage, and the small records PyTorch 2.15 writes beside them.
public enum TorchArchive {
    /// The bytes of a file `torch.load` reads back as `value`. `name` is the archive folder
    /// (PyTorch uses the file name without its extension).
    public static func encode(_ value: SavedValue, name: String = "archive") throws -> [UInt8] {
        var pickler = Pickler(registering: value)
        try pickler.write(value)
        let pickle = pickler.finish()
        var files: [(name: String, bytes: [UInt8])] = [
            ("\(name)/data.pkl", pickle),
            ("\(name)/.format_version", Array("1".utf8)),
            ("\(name)/.storage_alignment", Array("64".utf8)),
            ("\(name)/byteorder", Array("little".utf8)),
        ]
        for i in pickler.storages.entries.indices {
            files.append(("\(name)/data/\(i)", pickler.storages.bytes(i)))
        }
        files.append(("\(name)/version", Array("3\n".utf8)))
        files.append(("\(name)/.data/serialization_id", Array(serializationID().utf8)))
        return try ZipArchive.write(files)
    }

    /// The value a `torch.save` file holds, read without running anything from it.
    public static func decode(_ bytes: [UInt8]) throws -> SavedValue {
        let zip = try ZipArchive(bytes: bytes)
        guard let pickle = zip.entries.first(where: { $0.name.hasSuffix("data.pkl") && !$0.name.contains("/data/") }) else {
            throw SerializationError.corrupt("no data.pkl record (not a torch.save archive)")
        }
        let prefix = String(pickle.name.dropLast("data.pkl".count))
        if let order = zip.entry(prefix + "byteorder"), Array(order.data) != Array("little".utf8) {
            throw SerializationError(.runtime, "nnrepl only loads little-endian checkpoints")
        }
        var records: [String: ArraySlice<UInt8>] = [:]
        for e in zip.entries where e.name.hasPrefix(prefix + "data/") {
            records[String(e.name.dropFirst(prefix.count + 5))] = e.data
        }
        var unpickler = Unpickler(pickle.data, storageSizes: records.mapValues(\.count))
        defer { unpickler.dismantle() }
        let root = try unpickler.load()
        try materialize(unpickler.requests, records)
        var converter = Converter()
        return try converter.convert(root, depth: 0)
    }

    /// Builds each storage once, at its padded length, and cuts every requested view from it.
    private static func materialize(_ requests: [Unpickler.TensorRequest], _ records: [String: ArraySlice<UInt8>]) throws {
        var lengths: [String: Int] = [:]
        for r in requests {
            let padded = StorageViews.paddedLength(offset: r.offset, shape: r.shape, strides: r.strides) ?? 0
            lengths[r.storage.key] = max(lengths[r.storage.key] ?? r.storage.count, padded, r.storage.count)
        }
        var bases: [String: Tensor] = [:]
        for r in requests {
            let key = r.storage.key
            let base = bases[key] ?? decodeStorage(records[key]!, dtype: r.storage.dtype, count: r.storage.count,
                                                   length: max(lengths[key]!, 1))
            bases[key] = base
            guard base.dtype == r.storage.dtype else {
                throw SerializationError.corrupt("storage data/\(key) is used with two dtypes")
            }
            if StorageViews.strideChain(shape: r.shape, strides: r.strides) == nil,
               r.shape.reduce(1, *) > 4 * r.storage.count + 4096 {
                throw SerializationError(.runtime, "nnrepl cannot load a tensor of \(r.shape) elements overlapping in a storage of \(r.storage.count)")
            }
            let t = try StorageViews.view(of: base, offset: r.offset, shape: r.shape, strides: r.strides).detach()
            if r.isParameter { t.isParameter = true }
            if r.requiresGrad { try t.setRequiresGrad(true) }
            r.tensor = t
        }
    }

    /// A decimal id like PyTorch's (40 digits), different for each file.
    private static func serializationID() -> String {
        (0..<40).map { _ in String(Int.random(in: 0...9)) }.joined()
    }
}

/// Turns the unpickler's items into `SavedValue`s. It first measures the value as it would be expanded
/// (each shared container once), refusing cycles, deep nesting and shared-reference bombs (a list holding
/// the previous list twice, 80 levels deep) before building anything.
private struct Converter {
    private var onPath = Set<ObjectIdentifier>()
    private var sizes: [ObjectIdentifier: Int] = [:]
    static let maxObjects = 10_000_000
    static let maxDepth = 1000

    mutating func convert(_ item: Unpickler.Item, depth: Int) throws -> SavedValue {
        guard try measure(item, depth: 0) <= Self.maxObjects else {
            throw SerializationError.unpickling("The pickle expands to more than \(Self.maxObjects) objects.")
        }
        return build(item)
    }

    /// Objects in the expanded value, saturating just above the limit.
    private mutating func measure(_ item: Unpickler.Item, depth: Int) throws -> Int {
        guard depth < Self.maxDepth else { throw SerializationError.unpickling("The pickle nests deeper than \(Self.maxDepth) levels.") }
        let box: AnyObject
        let children: [Unpickler.Item]
        switch item {
        case .tuple(let b): box = b; children = b.items
        case .list(let b): box = b; children = b.items
        case .dict(let b):
            box = b
            for (k, _) in b.entries {
                switch k {
                case .list, .dict, .tensor, .global, .storage:
                    throw SerializationError.unpickling("A dict key in the pickle is not hashable.")
                default: break
                }
            }
            children = b.entries.flatMap { [$0.0, $0.1] } + (b.metadata.map { [$0] } ?? [])
        case .global, .storage: throw SerializationError.unpickling("A global or storage appears as a value in the pickle.")
        default: return 1
        }
        let id = ObjectIdentifier(box)
        if let known = sizes[id] { return known }
        guard onPath.insert(id).inserted else {
            throw SerializationError.unpickling("The pickle contains a container that holds itself.")
        }
        defer { onPath.remove(id) }
        var total = 1
        for child in children { total = min(total + (try measure(child, depth: depth + 1)), Self.maxObjects + 1) }
        sizes[id] = total
        return total
    }

    private func build(_ item: Unpickler.Item) -> SavedValue {
        switch item {
        case .none: return .none
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .string(let s): return .string(s)
        case .size(let s): return .size(s)
        case .tensor(let r): return .tensor(r.tensor!)
        case .tuple(let box): return .tuple(box.items.map(build))
        case .list(let box): return .list(box.items.map(build))
        case .dict(let box):
            let entries = box.entries.map { (key: build($0.0), value: build($0.1)) }
            return box.ordered ? .orderedDict(entries, metadata: box.metadata.map(build)) : .dict(entries)
        case .global, .storage: return .none  // refused by measure
        }
    }
}
