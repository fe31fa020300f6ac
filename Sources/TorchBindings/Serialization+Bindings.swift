import Language
import NN
import TensorEngine

/// Adds `torch.save(obj, f)` and `torch.load(f, weights_only=True, map_location=None)` to `torch`.
///
/// Paths go through `FileSandbox`; a path ending in `.safetensors` uses that format (a dict of tensors),
/// any other the `torch.save` ZIP archive. Loading never runs code from the file: only tensors, numbers,
/// strings, None, lists, tuples, dicts, OrderedDicts and torch.Size come back.
public func installSerialization(torch: PyModule, interpreter: Interpreter, allowedPaths: [String]) {
    let sandbox = FileSandbox(allowedPaths: allowedPaths)
    let unpicklingError = PyType(name: "UnpicklingError", module: "_pickle",
                                 base: Types.exceptions["Exception"] ?? Types.object)

    func library() throws -> TorchLibrary {
        guard let lib = torch.dict["_C"]?.native(as: TorchLibrary.self) else {
            throw PyError.runtimeError("torch.save/torch.load need the torch bindings installed first")
        }
        return lib
    }

    func bridgedFile<T>(_ body: () throws -> T) throws -> T {
        do {
            return try bridged(body)
        } catch let e as SerializationError {
            if e.kind == .unpickling { throw PyError(type: unpicklingError, e.message) }
            throw PyError(typeName: e.kind.rawValue, e.message)
        }
    }

    torch.dict["save"] = .object(PyBuiltinFunction(name: "save", owner: nil) { _, args, kwargs in
        let a = try Arguments("save", args, kwargs, ["obj", "f", "pickle_module", "pickle_protocol",
                                                     "_use_new_zipfile_serialization", "_disable_byteorder_record"])
        let given = try filePath(try a.required("f"), "save")
        let path = try resolve(sandbox, given)
        var converter = SavedValueConverter(lib: try library())
        let value = try converter.saved(try a.required("obj"), depth: 0)
        try bridgedFile { try SavedFile.save(value, to: path, displayPath: given) }
        return .none
    })

    torch.dict["load"] = .object(PyBuiltinFunction(name: "load", owner: nil) { _, args, kwargs in
        let a = try Arguments("load", args, kwargs, ["f", "map_location", "pickle_module", "weights_only", "mmap"])
        let given = try filePath(try a.required("f"), "load")
        let path = try resolve(sandbox, given)
        let value = try bridgedFile { try SavedFile.load(from: path, displayPath: given) }
        let converter = SavedValueConverter(lib: try library())
        return try converter.python(value)
    })
}

/// The sandboxed real path, or the PermissionError / FileNotFoundError Python sees.
func resolve(_ sandbox: FileSandbox, _ path: String) throws -> String {
    do {
        return try sandbox.resolve(path)
    } catch let e as FileSandboxError {
        throw PyError(typeName: e.kind.rawValue, e.message)
    }
}

private func filePath(_ v: Value, _ function: String) throws -> String {
    guard case .str(let s) = v else {
        throw PyError.typeError("nnrepl's torch.\(function) takes a file name (str), not \(v.typeName)")
    }
    return s
}

/// Python values ↔ `SavedValue`.
private struct SavedValueConverter {
    let lib: TorchLibrary
    private var onPath = Set<ObjectIdentifier>()

    init(lib: TorchLibrary) { self.lib = lib }

    mutating func saved(_ v: Value, depth: Int) throws -> SavedValue {
        guard depth < 1000 else { throw PyError(typeName: "RecursionError", "maximum recursion depth exceeded while pickling an object") }
        switch v {
        case .none: return .none
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .str(let s): return .string(s)
        case .object(let o):
            if let t = o.native as? Tensor {
                if t.isUninitializedParameter { throw PyError.runtimeError("Can't save an UninitializedParameter; run a forward pass first") }
                return .tensor(t)
            }
            if let size = o as? PyTuple, o.type === lib.types.size {
                return .size(try size.items.map { v in
                    guard case .int(let i) = v else { throw PyError.typeError("torch.Size holds ints") }
                    return i
                })
            }
            let id = ObjectIdentifier(o)
            guard onPath.insert(id).inserted else {
                throw PyError.valueError("nnrepl cannot save a container that contains itself")
            }
            defer { onPath.remove(id) }
            if let t = o as? PyTuple { return .tuple(try t.items.map { try saved($0, depth: depth + 1) }) }
            if let l = o as? PyList { return .list(try l.items.map { try saved($0, depth: depth + 1) }) }
            if let d = o as? PyDict {
                let entries = try d.items.map { (key: try saved($0.key, depth: depth + 1), value: try saved($0.value, depth: depth + 1)) }
                if !d.type.mro.contains(where: { $0 === lib.types.orderedDict }) { return .dict(entries) }
                let metadata = try o.attributes?["_metadata"].map { try saved($0, depth: depth + 1) }
                return .orderedDict(entries, metadata: metadata)
            }
            let hint = o.native is Module ? " (save model.state_dict() instead)" : ""
            throw PyError.typeError("nnrepl can only save tensors, numbers, strings, None, torch.Size and lists, tuples and dicts of them, not '\(o.type.name)'\(hint)")
        }
    }

    func python(_ v: SavedValue) throws -> Value {
        switch v {
        case .none: return .none
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .string(let s): return .str(s)
        case .tensor(let t): return lib.wrap(t)
        case .size(let s): return lib.size(s)
        case .tuple(let items): return .object(PyTuple(try items.map(python)))
        case .list(let items): return .object(PyList(try items.map(python)))
        case .dict(let entries):
            let d = PyDict()
            for (k, x) in entries { try d.set(try python(k), try python(x)) }
            return .object(d)
        case .orderedDict(let entries, let metadata):
            let d = PyDict(type: lib.types.orderedDict)
            for (k, x) in entries { try d.set(try python(k), try python(x)) }
            if let metadata {
                if d.attributes == nil { d.attributes = StrDict() }
                d.attributes?["_metadata"] = try python(metadata)
            }
            return .object(d)
        }
    }
}
