import Language
import NN
import TensorEngine

/// The recurrent layers' `forward(input, hx=None)` (returning PyTorch's tuples) and their attributes.
extension TorchLibrary {
    func installRecurrentForwards(_ nn: PyModule) {
        for name in ["RNN", "LSTM", "GRU"] {
            type(nn, name).method("forward") { [unowned self] _, args, kwargs in
                guard let m = try requireModule(args[0]) as? RNNBase else { throw PyError.typeError("\(name).forward: not a \(name)") }
                let (input, hxValue) = try forwardArguments(name, args, kwargs)
                let hx = try hxValue.map { try hiddenStates($0, isLSTM: m.mode == .lstm) }
                let (output, hidden) = try m.forward(input, hx)
                let state = hidden.count == 2 ? Value.object(PyTuple(hidden.map { wrap($0) })) : wrap(hidden[0])
                return .object(PyTuple([wrap(output), state]))
            }
        }
        type(nn, "RNNCell").method("forward") { [unowned self] _, args, kwargs in
            guard let m = try requireModule(args[0]) as? RNNCell else { throw PyError.typeError("RNNCell.forward: not an RNNCell") }
            let (input, hx) = try forwardArguments("RNNCell", args, kwargs)
            return wrap(try m.forward(input, try hx.map { try cellState($0) }))
        }
        type(nn, "GRUCell").method("forward") { [unowned self] _, args, kwargs in
            guard let m = try requireModule(args[0]) as? GRUCell else { throw PyError.typeError("GRUCell.forward: not a GRUCell") }
            let (input, hx) = try forwardArguments("GRUCell", args, kwargs)
            return wrap(try m.forward(input, try hx.map { try cellState($0) }))
        }
        type(nn, "LSTMCell").method("forward") { [unowned self] _, args, kwargs in
            guard let m = try requireModule(args[0]) as? LSTMCell else { throw PyError.typeError("LSTMCell.forward: not an LSTMCell") }
            let (input, hx) = try forwardArguments("LSTMCell", args, kwargs)
            var states: [Tensor]?
            if let hx {
                guard let items = Convert.sequenceItems(hx) else {
                    throw PyError.typeError("lstm_cell(): argument 'hx' (position 2) must be tuple of Tensors, not \(hx.typeName)")
                }
                states = try items.map { try cellState($0) }
            }
            let (h, c) = try m.forward(input, states)
            return .object(PyTuple([wrap(h), wrap(c)]))
        }
    }

    private func type(_ nn: PyModule, _ name: String) -> PyType {
        // Registered just before by installRecurrentLayers.
        nn.dict[name]!.as(PyType.self)!
    }

    /// `forward(self, input, hx=None)`: the input (a tensor; PackedSequence is not supported) and hx.
    private func forwardArguments(_ name: String, _ args: [Value], _ kwargs: Kwargs) throws -> (Tensor, Value?) {
        if args.count > 3 {
            throw PyError.typeError("\(name).forward() takes from 2 to 3 positional arguments but \(args.count) were given")
        }
        let a = try Arguments("\(name).forward", args, kwargs, ["input", "hx"], dropSelf: true, ignoreUnknown: [])
        let v = try a.required("input")
        guard let input = tensor(v) else { throw PyError.attributeError("'\(v.typeName)' object has no attribute 'dim'") }
        return (input, a["hx"])
    }

    /// `hx` of a layer: a tensor, or for an LSTM the `(h_0, c_0)` pair (a tensor there is indexed as Python would).
    private func hiddenStates(_ v: Value, isLSTM: Bool) throws -> [Tensor] {
        if !isLSTM {
            guard let t = tensor(v) else { throw PyError.attributeError("'\(v.typeName)' object has no attribute 'dim'") }
            return [t]
        }
        if let t = tensor(v) { return try bridged { try (0..<2).map { try t.select(dim: 0, index: $0) } } }
        guard let items = Convert.sequenceItems(v) else {
            throw PyError.typeError("'\(v.typeName)' object is not subscriptable")
        }
        if items.count < 2 { throw PyError.indexError("tuple index out of range") }
        return try items.prefix(2).map { item in
            guard let t = tensor(item) else { throw PyError.attributeError("'\(item.typeName)' object has no attribute 'dim'") }
            return t
        }
    }

    private func cellState(_ v: Value) throws -> Tensor {
        guard let t = tensor(v) else { throw PyError.attributeError("'\(v.typeName)' object has no attribute 'dim'") }
        return t
    }

    func installRecurrentAttributes(_ nn: PyModule) {
        for name in ["RNN", "LSTM", "GRU"] {
            let t = type(nn, name)
            let props: [(String, (RNNBase) -> Value)] = [
                ("mode", { .str($0.mode.rawValue) }), ("input_size", { .int($0.inputSize) }),
                ("hidden_size", { .int($0.hiddenSize) }), ("num_layers", { .int($0.numLayers) }),
                ("bias", { .bool($0.hasBias) }), ("batch_first", { .bool($0.batchFirst) }),
                ("dropout", { .float($0.dropout) }), ("bidirectional", { .bool($0.bidirectional) }),
                ("proj_size", { .int($0.projSize) }),
                ("_flat_weights_names", { .object(PyList($0.flatWeightNames.map { .str($0) })) }),
                ("_all_weights", { .object(PyList($0.allWeightNames.map { .object(PyList($0.map { .str($0) })) })) }),
            ]
            for (prop, get) in props {
                t.property(prop) { [unowned self] _, o in
                    guard let m = try requireModule(o) as? RNNBase else { return .none }
                    return get(m)
                }
            }
            t.property("_flat_weights") { [unowned self] _, o in
                guard let m = try requireModule(o) as? RNNBase else { return .none }
                return .object(PyList(m.flatWeightNames.map { wrap(m.parameter($0)) }))
            }
            t.property("all_weights") { [unowned self] _, o in
                guard let m = try requireModule(o) as? RNNBase else { return .none }
                return .object(PyList(m.allWeightNames.map { names in .object(PyList(names.map { wrap(m.parameter($0)) })) }))
            }
            t.method("flatten_parameters") { _, _, _ in .none }  // only cuDNN packs weights
        }
        type(nn, "RNN").property("nonlinearity") { [unowned self] _, o in
            .str((try requireModule(o) as? RNN)?.nonlinearity ?? "tanh")
        }
        for name in ["RNNCell", "LSTMCell", "GRUCell"] {
            let t = type(nn, name)
            t.property("input_size") { [unowned self] _, o in .int((try requireModule(o) as? RNNCellBase)?.inputSize ?? 0) }
            t.property("hidden_size") { [unowned self] _, o in .int((try requireModule(o) as? RNNCellBase)?.hiddenSize ?? 0) }
            t.property("bias") { [unowned self] _, o in .bool((try requireModule(o) as? RNNCellBase)?.hasBias ?? true) }
        }
        type(nn, "RNNCell").property("nonlinearity") { [unowned self] _, o in
            .str((try requireModule(o) as? RNNCell)?.nonlinearity ?? "tanh")
        }
    }
}
