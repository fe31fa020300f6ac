import Foundation
import TensorEngine

/// The recurrence an `RNNBase` runs, named as PyTorch's `self.mode`.
public enum RecurrentMode: String, Sendable {
    case rnnTanh = "RNN_TANH"
    case rnnRelu = "RNN_RELU"
    case lstm = "LSTM"
    case gru = "GRU"

    /// Rows of `weight_ih` per hidden unit: LSTM's i, f, g, o gates, GRU's r, z, n, a plain RNN's one.
    public var gateCount: Int {
        switch self {
        case .rnnTanh, .rnnRelu: 1
        case .lstm: 4
        case .gru: 3
        }
    }

    /// The class name, which error messages and repr use.
    public var typeName: String {
        switch self {
        case .rnnTanh, .rnnRelu: "RNN"
        case .lstm: "LSTM"
        case .gru: "GRU"
        }
    }
}

/// `nn.RNN`, `nn.LSTM`, `nn.GRU`: a stack of `numLayers` recurrent layers, each optionally run both ways.
///
/// Parameters are registered as PyTorch's `_flat_weights_names`: per layer and direction `weight_ih_l{k}`,
/// `weight_hh_l{k}`, `bias_ih_l{k}`, `bias_hh_l{k}` (and LSTM's `weight_hr_l{k}`), `_reverse` after the
/// forward direction's. `reset_parameters` draws each, in that order, uniform in ±1/√hidden_size.
///
///     try LSTM(10, 20, numLayers: 2, batchFirst: true, bidirectional: true).description
///         == "LSTM(10, 20, num_layers=2, batch_first=True, bidirectional=True)"
open class RNNBase: Module {
    public let mode: RecurrentMode
    public let inputSize: Int
    public let hiddenSize: Int
    public let numLayers: Int
    /// `self.bias`: whether the four bias vectors exist.
    public let hasBias: Bool
    public let batchFirst: Bool
    public let dropout: Double
    public let bidirectional: Bool
    public let projSize: Int
    /// `_flat_weights_names`, the order `forward` reads parameters in.
    public let flatWeightNames: [String]
    let generator: Generator

    /// Validates as `RNNBase.__init__` does, in its order; `dropoutText` is the argument as Python shows it
    /// (`1` or `0.5`) for the single-layer warning.
    public init(mode: RecurrentMode, inputSize: Int, hiddenSize: Int, numLayers: Int = 1, bias: Bool = true,
                batchFirst: Bool = false, dropout: Double = 0, bidirectional: Bool = false, projSize: Int = 0,
                dropoutText: String? = nil, dtype: DType = .float32, generator: Generator = .default) throws {
        guard dropout >= 0 && dropout <= 1 else { throw RNNBase.dropoutRangeError }
        if dropout > 0 && numLayers == 1 {
            NNWarnings.warn("dropout option adds dropout after all but last recurrent layer, so non-zero dropout "
                + "expects num_layers greater than 1, but got dropout=\(dropoutText ?? pythonFloatRepr(dropout)) "
                + "and num_layers=\(numLayers)")
        }
        try RNNBase.checkPositive(inputSize, "input_size")
        try RNNBase.checkPositive(hiddenSize, "hidden_size")
        try RNNBase.checkPositive(numLayers, "num_layers")
        if projSize < 0 {
            throw TensorError(.value, "proj_size should be a positive integer or zero to disable projections")
        }
        if projSize >= hiddenSize { throw TensorError(.value, "proj_size has to be smaller than hidden_size") }
        if projSize != 0 && mode != .lstm {
            throw TensorError(.value, "proj_size argument is only supported for LSTM, not RNN or GRU")
        }
        self.mode = mode
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.hasBias = bias
        self.batchFirst = batchFirst
        self.dropout = dropout
        self.bidirectional = bidirectional
        self.projSize = projSize
        self.generator = generator
        var names: [String] = []
        var shapes: [[Int]] = []
        let (gates, gatesOverflow) = mode.gateCount.multipliedReportingOverflow(by: hiddenSize)
        let realHidden = projSize > 0 ? projSize : hiddenSize
        if gatesOverflow { throw TensorError(.runtime, "Storage size calculation overflowed with sizes=[\(hiddenSize)]") }
        try RNNBase.checkTotalSize(gates: gates, inputSize: inputSize, realHidden: realHidden, hiddenSize: hiddenSize,
                                   projSize: projSize, layers: numLayers, directions: bidirectional ? 2 : 1)
        for layer in 0..<numLayers {
            for direction in 0..<(bidirectional ? 2 : 1) {
                let suffix = "_l\(layer)" + (direction == 1 ? "_reverse" : "")
                let layerInput = layer == 0 ? inputSize : realHidden * (bidirectional ? 2 : 1)
                names += ["weight_ih" + suffix, "weight_hh" + suffix]
                shapes += [[gates, layerInput], [gates, realHidden]]
                if bias {
                    names += ["bias_ih" + suffix, "bias_hh" + suffix]
                    shapes += [[gates], [gates]]
                }
                if projSize > 0 {
                    names.append("weight_hr" + suffix)
                    shapes.append([projSize, hiddenSize])
                }
            }
        }
        flatWeightNames = names
        super.init()
        for (name, shape) in zip(names, shapes) {
            try Parameter.checkShape(shape)
            try registerParameter(name, Parameter.make(Tensor.empty(shape, dtype: dtype)))
        }
        try resetParameters()
    }

    /// Refuses, before the first allocation, a stack whose parameters could not fit in memory (each
    /// tensor's own overhead counted too), so a huge `num_layers` fails at once instead of looping for minutes.
    static func checkTotalSize(gates: Int, inputSize: Int, realHidden: Int, hiddenSize: Int, projSize: Int,
                               layers: Int, directions: Int) throws {
        try Parameter.checkShape([gates, inputSize])
        try Parameter.checkShape([gates, realHidden])
        try Parameter.checkShape([projSize, hiddenSize])
        // Estimated in Double: only whether it fits matters, and Double cannot overflow here.
        let g = Double(gates), d = Double(directions)
        let perLayer = g * Swift.max(Double(inputSize), Double(realHidden) * d) + g * (Double(realHidden) + 2)
            + Double(projSize) * Double(hiddenSize) + 1024
        let total = perLayer * Double(layers) * d
        guard total < 0x1p60 else {
            throw TensorError(.runtime, "Storage size calculation overflowed with sizes=[\(gates), \(inputSize)]")
        }
        try Tensor.validateShape([Int(total)])
    }

    /// PyTorch's "dropout should be a number in range [0, 1] ..." ValueError.
    public static let dropoutRangeError = TensorError(.value, "dropout should be a number in range [0, 1] "
        + "representing the probability of an element being zeroed")

    /// `input_size must be greater than zero` and its siblings.
    public static func checkPositive(_ value: Int, _ name: String) throws {
        if value <= 0 { throw TensorError(.value, "\(name) must be greater than zero") }
    }

    open override var typeName: String { mode.typeName }
    open override var pythonModuleName: String { "torch.nn.modules.rnn" }
    open override var builtinAttributeNames: Set<String> {
        super.builtinAttributeNames.union(["mode", "input_size", "hidden_size", "num_layers", "bias", "batch_first",
                                           "dropout", "bidirectional", "proj_size", "all_weights", "flatten_parameters",
                                           "reset_parameters", "_flat_weights", "_flat_weights_names", "_all_weights"])
    }

    public var numDirections: Int { bidirectional ? 2 : 1 }

    /// `_all_weights`: the parameter names of each layer and direction.
    public var allWeightNames: [[String]] {
        let perLayer = 2 + (hasBias ? 2 : 0) + (projSize > 0 ? 1 : 0)
        return stride(from: 0, to: flatWeightNames.count, by: perLayer).map { Array(flatWeightNames[$0..<($0 + perLayer)]) }
    }

    /// `reset_parameters`: every parameter, in registration order, uniform in ±1/√hidden_size.
    open override func resetParameters() throws {
        let bound = 1 / Double(hiddenSize).squareRoot()
        for case let p? in parameterStore.values { try Init.uniform_(p, a: -bound, b: bound, generator: generator) }
    }

    open override func extraRepr() -> String {
        var s = "\(inputSize), \(hiddenSize)"
        if projSize != 0 { s += ", proj_size=\(projSize)" }
        if numLayers != 1 { s += ", num_layers=\(numLayers)" }
        if !hasBias { s += ", bias=False" }
        if batchFirst { s += ", batch_first=True" }
        if dropout != 0 { s += ", dropout=\(pythonFloatRepr(dropout))" }
        if bidirectional { s += ", bidirectional=True" }
        return s
    }

    /// Containers pass one tensor and expect one back; a recurrent layer returns `(output, h_n)`.
    open override func forward(_ input: Tensor) throws -> Tensor {
        throw TensorError(.type, "\(typeName) returns a tuple (output, hidden); call it directly, not inside Sequential")
    }
}

/// `nn.RNN(input_size, hidden_size, num_layers=1, nonlinearity='tanh', ...)`: hₜ = act(W_ih xₜ + b_ih + W_hh hₜ₋₁ + b_hh).
open class RNN: RNNBase {
    /// `nonlinearity`: `tanh` or `relu`.
    public var nonlinearity: String { mode == .rnnRelu ? "relu" : "tanh" }

    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, nonlinearity: String = "tanh",
                bias: Bool = true, batchFirst: Bool = false, dropout: Double = 0, bidirectional: Bool = false,
                dropoutText: String? = nil, dtype: DType = .float32, generator: Generator = .default) throws {
        let mode: RecurrentMode
        switch nonlinearity {
        case "tanh": mode = .rnnTanh
        case "relu": mode = .rnnRelu
        default: throw TensorError(.value, "Unknown nonlinearity '\(nonlinearity)'. Select from 'tanh' or 'relu'.")
        }
        try super.init(mode: mode, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias,
                       batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional, dropoutText: dropoutText,
                       dtype: dtype, generator: generator)
    }

    open override var builtinAttributeNames: Set<String> { super.builtinAttributeNames.union(["nonlinearity"]) }
}

/// `nn.LSTM(input_size, hidden_size, ..., proj_size=0)`: gates i, f, g, o; returns `(output, (h_n, c_n))`.
open class LSTM: RNNBase {
    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
                dropout: Double = 0, bidirectional: Bool = false, projSize: Int = 0, dropoutText: String? = nil,
                dtype: DType = .float32, generator: Generator = .default) throws {
        try super.init(mode: .lstm, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias,
                       batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional, projSize: projSize,
                       dropoutText: dropoutText, dtype: dtype, generator: generator)
    }
}

/// `nn.GRU(input_size, hidden_size, ...)`: gates r, z, n.
open class GRU: RNNBase {
    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
                dropout: Double = 0, bidirectional: Bool = false, dropoutText: String? = nil, dtype: DType = .float32,
                generator: Generator = .default) throws {
        try super.init(mode: .gru, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias,
                       batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional, dropoutText: dropoutText,
                       dtype: dtype, generator: generator)
    }
}
