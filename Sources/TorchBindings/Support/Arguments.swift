import Language
import NN
import TensorEngine

/// Binds Python call arguments to parameter names, the way a `def f(a, b=..., *, c=...)` would.
///
///     let a = try Arguments("linear", args, kwargs, ["in_features", "out_features", "bias"])
///     let n = try a.int("in_features")
struct Arguments {
    let function: String
    private var values: [String: Value] = [:]
    /// Positional arguments beyond the named ones (only when `varargs` is set).
    private(set) var rest: [Value] = []

    /// `names` are bound positionally then by keyword (keyword-only with `varargs`); `dropSelf` skips `args[0]`.
    init(_ function: String, _ args: [Value], _ kwargs: Kwargs, _ names: [String], dropSelf: Bool = false,
         varargs: Bool = false, ignoreUnknown: Set<String> = ["device", "layout", "pin_memory", "memory_format"]) throws {
        self.function = function
        let positional = dropSelf ? Array(args.dropFirst()) : args
        if positional.count > names.count && !varargs {
            throw PyError.typeError("\(function)() takes \(names.count) positional argument\(names.count == 1 ? "" : "s") "
                + "but \(positional.count) were given")
        }
        // With varargs (`zeros(*size, dtype=...)`) every name is keyword-only.
        for (i, v) in positional.enumerated() {
            if i < names.count && !varargs { values[names[i]] = v } else { rest.append(v) }
        }
        for (key, v) in kwargs {
            // PyTorch's argument parser takes NumPy's spellings too: `axis` for `dim`, `keepdims` for `keepdim`.
            let k = key == "axis" && names.contains("dim") ? "dim" : key == "keepdims" && names.contains("keepdim") ? "keepdim" : key
            if names.contains(k) {
                if values[k] != nil {
                    throw PyError.typeError("\(function)() got multiple values for argument '\(k)'")
                }
                values[k] = v
            } else if !ignoreUnknown.contains(k) {
                throw PyError.typeError("\(function)() got an unexpected keyword argument '\(k)'")
            }
        }
    }

    /// The argument, nil when absent or None.
    subscript(_ name: String) -> Value? {
        guard let v = values[name], !v.isNone else { return nil }
        return v
    }

    func has(_ name: String) -> Bool { values[name] != nil }

    func required(_ name: String) throws -> Value {
        guard let v = values[name] else {
            throw PyError.typeError("\(function)() missing 1 required positional argument: '\(name)'")
        }
        return v
    }

    func tensor(_ name: String) throws -> Tensor {
        let v = try required(name)
        guard let t = v.native(as: Tensor.self) else {
            throw PyError.typeError("\(function)(): argument '\(name)' must be Tensor, not \(v.typeName)")
        }
        return t
    }

    func optionalTensor(_ name: String) throws -> Tensor? {
        guard let v = self[name] else { return nil }
        guard let t = v.native(as: Tensor.self) else {
            throw PyError.typeError("\(function)(): argument '\(name)' must be Tensor, not \(v.typeName)")
        }
        return t
    }

    func int(_ name: String) throws -> Int { try Convert.int(try required(name), function, name) }
    func int(_ name: String, default d: Int) throws -> Int {
        guard let v = self[name] else { return d }
        return try Convert.int(v, function, name)
    }
    func optionalInt(_ name: String) throws -> Int? {
        guard let v = self[name] else { return nil }
        return try Convert.int(v, function, name)
    }
    func double(_ name: String) throws -> Double { try Convert.double(try required(name), function, name) }
    func double(_ name: String, default d: Double) throws -> Double {
        guard let v = self[name] else { return d }
        return try Convert.double(v, function, name)
    }
    func optionalDouble(_ name: String) throws -> Double? {
        guard let v = self[name] else { return nil }
        return try Convert.double(v, function, name)
    }
    func bool(_ name: String, default d: Bool) throws -> Bool {
        guard let v = self[name] else { return d }
        return try Convert.bool(v, function, name)
    }
    func string(_ name: String, default d: String) throws -> String {
        guard let v = self[name] else { return d }
        guard case .str(let s) = v else {
            throw PyError.typeError("\(function)(): argument '\(name)' must be str, not \(v.typeName)")
        }
        return s
    }
    func dtype(_ name: String = "dtype") throws -> DType? {
        guard let v = self[name] else { return nil }
        guard let d = v.native(as: DTypeBox.self) else {
            throw PyError.typeError("\(function)(): argument '\(name)' must be torch.dtype, not \(v.typeName)")
        }
        return d.dtype
    }
    func scalar(_ name: String) throws -> Scalar {
        let v = try required(name)
        guard let s = Convert.scalar(v) else {
            throw PyError.typeError("\(function)(): argument '\(name)' must be Number, not \(v.typeName)")
        }
        return s
    }
    func optionalScalar(_ name: String) throws -> Scalar? {
        guard let v = self[name] else { return nil }
        guard let s = Convert.scalar(v) else {
            throw PyError.typeError("\(function)(): argument '\(name)' must be Number, not \(v.typeName)")
        }
        return s
    }
    /// `dim` given as an int or a tuple/list of ints.
    func dims(_ name: String = "dim") throws -> [Int]? {
        guard let v = self[name] else { return nil }
        if let items = Convert.sequenceItems(v) { return try items.map { try Convert.int($0, function, name) } }
        return [try Convert.int(v, function, name)]
    }
}

/// Conversions between Python values and engine values.
enum Convert {
    static func int(_ v: Value, _ function: String = "", _ name: String = "") throws -> Int {
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .object(let o):
            if let t = o.native as? Tensor, t.numel == 1, !t.dtype.isFloatingPoint, t.dtype != .bool {
                return Int(t.toInt64Array()[0])
            }
        default: break
        }
        throw PyError.typeError("\(function)(): argument '\(name)' must be int, not \(v.typeName)")
    }

    static func double(_ v: Value, _ function: String = "", _ name: String = "") throws -> Double {
        switch v {
        case .int(let i): return Double(i)
        case .float(let d): return d
        case .bool(let b): return b ? 1 : 0
        case .object(let o):
            if let t = o.native as? Tensor, t.numel == 1 { return try t.item() }
        default: break
        }
        throw PyError.typeError("\(function)(): argument '\(name)' must be float, not \(v.typeName)")
    }

    static func bool(_ v: Value, _ function: String = "", _ name: String = "") throws -> Bool {
        switch v {
        case .bool(let b): return b
        case .int(let i): return i != 0
        default:
            throw PyError.typeError("\(function)(): argument '\(name)' must be bool, not \(v.typeName)")
        }
    }

    /// A Python number as an engine scalar (0-d tensors count, as PyTorch's Number arguments accept them).
    static func scalar(_ v: Value) -> Scalar? {
        switch v {
        case .int(let i): return .int(Int64(i))
        case .float(let d): return .double(d)
        case .bool(let b): return .bool(b)
        default: return nil
        }
    }

    /// The items of a list, tuple (or `torch.Size`), else nil.
    static func sequenceItems(_ v: Value) -> [Value]? {
        if let l = v.as(PyList.self) { return l.items }
        if let t = v.as(PyTuple.self) { return t.items }
        return nil
    }

    /// Sizes given as varargs (`zeros(2, 3)`) or as one sequence (`zeros((2, 3))`, `zeros([2, 3])`).
    static func shape(_ args: [Value], _ function: String) throws -> [Int] {
        if args.count == 1, let items = sequenceItems(args[0]) {
            return try items.map { try int($0, function, "size") }
        }
        return try args.map { v in
            guard case .int(let i) = v else {
                throw PyError.typeError("\(function)(): argument 'size' must be tuple of ints, but found element of type \(v.typeName) at pos 0")
            }
            return i
        }
    }
}

/// Runs engine code, turning engine and nn errors into the Python exceptions PyTorch raises.
@inline(__always)
func bridged<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as TensorError {
        throw PyError(typeName: e.kind.pythonName, e.message)
    } catch let e as NNError {
        switch e.kind {
        case .key:
            // NNError carries the repr of the key; KeyError shows repr(arg), so pass the raw text back.
            throw PyError(PyException(type: Types.keyError, args: [.str(unquote(e.message))]))
        case .attribute:
            throw PyError.attributeError(e.message)
        }
    } catch let e as NNAssertionError {
        throw PyError(typeName: "AssertionError", e.message)
    }
}

/// Undoes `pythonStringRepr` for KeyError messages (the interpreter re-quotes the argument).
private func unquote(_ s: String) -> String {
    guard s.count >= 2, let q = s.first, q == "'" || q == "\"", s.last == q else { return s }
    var out = ""
    var escaping = false
    for ch in s.dropFirst().dropLast() {
        if escaping { out.append(ch == "n" ? "\n" : ch == "t" ? "\t" : ch); escaping = false }
        else if ch == "\\" { escaping = true }
        else { out.append(ch) }
    }
    return out
}

extension PyType {
    /// `addMethod` with engine errors mapped to Python exceptions.
    func method(_ name: String, _ body: @escaping NativeFunction) {
        addMethod(name) { interp, args, kwargs in try bridged { try body(interp, args, kwargs) } }
    }

    func property(_ name: String, get: @escaping (Interpreter, Value) throws -> Value,
                  set: ((Interpreter, Value, Value) throws -> Void)? = nil) {
        addProperty(name, get: { i, o in try bridged { try get(i, o) } },
                    set: set.map { s in { i, o, v in try bridged { try s(i, o, v) } } })
    }
}

/// A native function (not a method) with engine errors mapped.
func function(_ name: String, _ body: @escaping NativeFunction) -> Value {
    .object(PyBuiltinFunction(name: name, owner: nil) { interp, args, kwargs in
        try bridged { try body(interp, args, kwargs) }
    })
}

extension PyModule {
    /// A module function; every one also takes PyTorch's `out=` keyword: the result is written into
    /// that tensor (which takes the result's shape if it differs) and the tensor is returned.
    func define(_ name: String, _ body: @escaping NativeFunction) {
        dict[name] = function(name) { interp, args, kwargs in
            guard let outIndex = kwargs.firstIndex(where: { $0.0 == "out" }) else { return try body(interp, args, kwargs) }
            let outValue = kwargs[outIndex].1
            let result = try body(interp, args, kwargs.filter { $0.0 != "out" })
            guard let out = outValue.object?.native as? Tensor, let value = result.object?.native as? Tensor else {
                throw PyError.typeError("\(name)(): argument 'out' must be Tensor, not \(outValue.typeName)")
            }
            if value.requiresGrad && GradMode.isEnabled {
                throw PyError.runtimeError("\(name)(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad.")
            }
            try GradMode.withNoGrad {
                if out.shape == value.shape { _ = try out.copy_(value) } else { out.data = try value.to(out.dtype) }
            }
            return outValue
        }
    }
}
