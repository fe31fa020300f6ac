import Language
import NN
import TensorEngine

/// `nn.RNN`, `nn.LSTM`, `nn.GRU` and their `*Cell`s: PyTorch's constructor checks (made in Python by
/// `RNNBase.__init__`, so its argument errors name `RNNBase.__init__()`), tuple-returning `forward`s and
/// the plain attributes tutorials read (`hidden_size`, `num_layers`, `bidirectional`, ...).
extension TorchLibrary {
    func installRecurrentLayers(_ nn: PyModule) {
        for kind in [RecurrentMode.rnnTanh, .lstm, .gru] {
            recurrentLayer(nn, kind.typeName) { [unowned self] args, kwargs in try makeRecurrent(kind, args, kwargs) }
        }
        recurrentLayer(nn, "RNNCell") { args, kwargs in
            let a = try cellArguments("RNNCell", args, kwargs, ["input_size", "hidden_size", "bias", "nonlinearity", "device", "dtype"])
            return try RNNCell(try a.int("input_size"), try a.int("hidden_size"), bias: try a.bool("bias", default: true),
                               nonlinearity: try a.string("nonlinearity", default: "tanh"), dtype: try a.dtype() ?? .float32)
        }
        recurrentLayer(nn, "LSTMCell") { args, kwargs in
            let a = try cellArguments("LSTMCell", args, kwargs, ["input_size", "hidden_size", "bias", "device", "dtype"])
            return try LSTMCell(try a.int("input_size"), try a.int("hidden_size"), bias: try a.bool("bias", default: true),
                                dtype: try a.dtype() ?? .float32)
        }
        recurrentLayer(nn, "GRUCell") { args, kwargs in
            let a = try cellArguments("GRUCell", args, kwargs, ["input_size", "hidden_size", "bias", "device", "dtype"])
            return try GRUCell(try a.int("input_size"), try a.int("hidden_size"), bias: try a.bool("bias", default: true),
                               dtype: try a.dtype() ?? .float32)
        }
        installRecurrentForwards(nn)
        installRecurrentAttributes(nn)
    }

    /// Registers `nn.<name>` from `torch.nn.modules.rnn`; a user subclass gets a Python module, as `layer` does.
    private func recurrentLayer(_ nn: PyModule, _ name: String, _ make: @escaping ([Value], Kwargs) throws -> Module) {
        let t = PyType(name: name, module: "torch.nn.modules.rnn", base: types.module)
        t.newInstance = { [unowned self] interp, args, kwargs in
            guard case .object(let cls as PyType)? = args.first else { throw PyError.typeError("\(name).__new__: no class") }
            if cls !== t { return try types.module.newInstance!(interp, args, kwargs) }
            return wrap(try bridged { try make(Array(args.dropFirst()), kwargs) })
        }
        registerModuleType(t)
        nn.dict[name] = .object(t)
    }

    /// `RNN.__init__` / `LSTM.__init__` / `GRU.__init__`, then `RNNBase.__init__`'s checks in its order.
    private func makeRecurrent(_ kind: RecurrentMode, _ args: [Value], _ kwargs: Kwargs) throws -> Module {
        var args = args, kwargs = kwargs
        if kind != .lstm && kwargs.contains(where: { $0.0 == "proj_size" }) {
            throw PyError.valueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        }
        var nonlinearity = Value.str("tanh")
        if kind == .rnnTanh {
            if args.count > 3 {
                nonlinearity = args.remove(at: 3)
            } else if let i = kwargs.firstIndex(where: { $0.0 == "nonlinearity" }) {
                nonlinearity = kwargs.remove(at: i).1
            }
            guard case .str(let s) = nonlinearity, s == "tanh" || s == "relu" else {
                throw PyError.valueError("Unknown nonlinearity '\(plainStr(nonlinearity))'. Select from 'tanh' or 'relu'.")
            }
        }
        let names = ["input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional",
                     "proj_size", "device", "dtype"]
        let function = "RNNBase.__init__"
        if args.count > names.count {
            throw PyError.typeError("\(function)() takes from 4 to 12 positional arguments but \(args.count + 2) were given")
        }
        let a = try Arguments(function, args, kwargs, names, ignoreUnknown: [])
        try requirePositional(a, function, ["input_size", "hidden_size"])
        let (dropout, dropoutText) = try dropoutArgument(a.has("dropout") ? try a.required("dropout") : .float(0))
        let bias = try strictBool(a, "bias", default: true), batchFirst = try strictBool(a, "batch_first", default: false)
        let inputSize = try strictInt(a, "input_size")
        try RNNBase.checkPositive(inputSize, "input_size")
        let hiddenSize = try strictInt(a, "hidden_size")
        try RNNBase.checkPositive(hiddenSize, "hidden_size")
        let numLayers = try rangeInt(a, "num_layers", default: 1)
        let bidirectional = try a.bool("bidirectional", default: false)
        let projSize = try a.int("proj_size", default: 0)
        let dtype = try a.dtype() ?? .float32
        switch kind {
        case .lstm:
            return try LSTM(inputSize, hiddenSize, numLayers: numLayers, bias: bias, batchFirst: batchFirst, dropout: dropout,
                            bidirectional: bidirectional, projSize: projSize, dropoutText: dropoutText, dtype: dtype)
        case .gru:
            return try GRU(inputSize, hiddenSize, numLayers: numLayers, bias: bias, batchFirst: batchFirst, dropout: dropout,
                           bidirectional: bidirectional, dropoutText: dropoutText, dtype: dtype)
        case .rnnTanh, .rnnRelu:
            guard case .str(let s) = nonlinearity else { throw PyError.valueError("Unknown nonlinearity") }
            return try RNN(inputSize, hiddenSize, numLayers: numLayers, nonlinearity: s, bias: bias, batchFirst: batchFirst,
                           dropout: dropout, bidirectional: bidirectional, dropoutText: dropoutText, dtype: dtype)
        }
    }
}

/// `TypeError: f() missing 2 required positional arguments: 'input_size' and 'hidden_size'`.
private func requirePositional(_ a: Arguments, _ function: String, _ names: [String]) throws {
    let missing = names.filter { !a.has($0) }
    guard !missing.isEmpty else { return }
    let quoted = missing.map { "'\($0)'" }
    let list = quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " and " + quoted[quoted.count - 1]
    throw PyError.typeError("\(function)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)")
}

/// The cells' `__init__` argument binding, with their own function name in errors.
private func cellArguments(_ name: String, _ args: [Value], _ kwargs: Kwargs, _ names: [String]) throws -> Arguments {
    let function = "\(name).__init__"
    if args.count > names.count {
        throw PyError.typeError("\(function)() takes from 3 to \(names.count + 1) positional arguments but \(args.count + 1) were given")
    }
    let a = try Arguments(function, args, kwargs, names, ignoreUnknown: [])
    try requirePositional(a, function, ["input_size", "hidden_size"])
    return a
}

/// `float(dropout)`, then the `isinstance(dropout, numbers.Number)` / range / not-bool check; also the
/// value as Python would show it in the single-layer warning.
private func dropoutArgument(_ v: Value) throws -> (Double, String) {
    switch v {
    case .int(let i):
        guard i >= 0 && i <= 1 else { throw RNNBase.dropoutRangeError }
        return (Double(i), String(i))
    case .float(let d):
        guard d >= 0 && d <= 1 else { throw RNNBase.dropoutRangeError }
        return (d, formatFloatRepr(d))
    case .bool:
        throw RNNBase.dropoutRangeError
    case .str(let s):
        if Double(s.trimmingCharacters(in: .whitespaces)) != nil { throw RNNBase.dropoutRangeError }
        throw PyError.valueError("could not convert string to float: \(formatStringRepr(s))")
    default:
        throw PyError.typeError("float() argument must be a string or a real number, not '\(v.typeName)'")
    }
}

/// `isinstance(x, bool)` or PyTorch's TypeError.
private func strictBool(_ a: Arguments, _ name: String, default d: Bool) throws -> Bool {
    guard a.has(name) else { return d }
    guard case .bool(let b) = try a.required(name) else {
        throw PyError.typeError("\(name) should be of type bool, got: \(try a.required(name).typeName)")
    }
    return b
}

/// `isinstance(x, int)` (bools are ints) or PyTorch's TypeError.
private func strictInt(_ a: Arguments, _ name: String) throws -> Int {
    switch try a.required(name) {
    case .int(let i): return i
    case .bool(let b): return b ? 1 : 0
    case let v: throw PyError.typeError("\(name) should be of type int, got: \(v.typeName)")
    }
}

/// `num_layers`: compared with 0 first, then used by `range()`, which refuses floats.
private func rangeInt(_ a: Arguments, _ name: String, default d: Int) throws -> Int {
    guard a.has(name) else { return d }
    switch try a.required(name) {
    case .int(let i): return i
    case .bool(let b): return b ? 1 : 0
    case .float(let f):
        try RNNBase.checkPositive(f > 0 ? 1 : 0, name)
        throw PyError.typeError("'float' object cannot be interpreted as an integer")
    case let v: throw PyError.typeError("'<=' not supported between instances of '\(v.typeName)' and 'int'")
    }
}

/// `str(v)` for the scalar values an argument error shows.
private func plainStr(_ v: Value) -> String {
    switch v {
    case .str(let s): s
    case .int(let i): String(i)
    case .float(let d): formatFloatRepr(d)
    case .bool(let b): b ? "True" : "False"
    case .none: "None"
    default: v.typeName
    }
}
