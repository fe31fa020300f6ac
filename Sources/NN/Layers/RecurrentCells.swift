import Foundation
import TensorEngine

/// `nn.RNNCellBase`: one step of a recurrence on a batch (or one sample). Holds `weight_ih`
/// (chunks·hidden, input), `weight_hh` (chunks·hidden, hidden) and, with `bias`, `bias_ih`/`bias_hh`
/// (registered as None without); all drawn uniform in ±1/√hidden_size in that order.
open class RNNCellBase: Module {
    public let inputSize: Int
    public let hiddenSize: Int
    /// `self.bias`.
    public let hasBias: Bool
    let generator: Generator

    init(inputSize: Int, hiddenSize: Int, bias: Bool, chunks: Int, dtype: DType, generator: Generator) throws {
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.hasBias = bias
        self.generator = generator
        super.init()
        let (rows, overflow) = chunks.multipliedReportingOverflow(by: hiddenSize)
        if overflow { throw TensorError(.runtime, "Storage size calculation overflowed with sizes=[\(hiddenSize)]") }
        try Parameter.checkShape([rows, inputSize])
        try registerParameter("weight_ih", Parameter.make(Tensor.empty([rows, inputSize], dtype: dtype)))
        try Parameter.checkShape([rows, hiddenSize])
        try registerParameter("weight_hh", Parameter.make(Tensor.empty([rows, hiddenSize], dtype: dtype)))
        try registerParameter("bias_ih", bias ? Parameter.make(Tensor.empty([rows], dtype: dtype)) : nil)
        try registerParameter("bias_hh", bias ? Parameter.make(Tensor.empty([rows], dtype: dtype)) : nil)
        try resetParameters()
    }

    open override var pythonModuleName: String { "torch.nn.modules.rnn" }
    open override var builtinAttributeNames: Set<String> {
        super.builtinAttributeNames.union(["input_size", "hidden_size", "bias", "reset_parameters"])
    }

    open override func resetParameters() throws {
        // Python's bound is the int 0 for a zero hidden size, so the range is (0, 0).
        let bound = hiddenSize > 0 ? 1 / Double(hiddenSize).squareRoot() : 0
        for case let p? in parameterStore.values {
            try Init.uniform_(p, a: hiddenSize > 0 ? -bound : 0, b: bound, generator: generator)
        }
    }

    open override func extraRepr() -> String {
        "\(inputSize), \(hiddenSize)" + (hasBias ? "" : ", bias=False")
    }

    /// The current weights; a parameter set to None fails as ATen's argument parsing would.
    func cellWeights() throws -> RecurrentWeights {
        guard let ih = parameter("weight_ih"), let hh = parameter("weight_hh") else {
            throw TensorError(.type, "\(typeName): weight_ih and weight_hh must be Tensors, not None")
        }
        return RecurrentWeights(ih: ih, hh: hh, biasIH: parameter("bias_ih"), biasHH: parameter("bias_hh"), hr: nil)
    }

    /// `Expected input to be 1D or 2D` from the Python wrapper.
    func checkRank(_ t: Tensor, _ what: String) throws {
        if t.dim != 1 && t.dim != 2 {
            throw TensorError(.value, "\(typeName): Expected \(what) to be 1D or 2D, got \(t.dim)D instead")
        }
    }

    /// ATen's `check_rnn_cell_forward_input`, then `check_rnn_cell_forward_hidden` for each state.
    func checkCellArguments(_ x: Tensor, _ states: [Tensor], _ w: RecurrentWeights) throws {
        let inputSize = w.ih.shape[1], hiddenSize = w.hh.shape[1]
        if x.shape[1] != inputSize {
            throw TensorError(.runtime, "input has inconsistent input_size: got \(x.shape[1]) expected \(inputSize)")
        }
        for (k, h) in states.enumerated() {
            if h.dim != 2 {
                throw TensorError(.runtime, "Expected 2D hidden\(k) (batch x hidden_size), but got \(h.dim)D tensor")
            }
            if h.shape[0] != x.shape[0] {
                throw TensorError(.runtime, "Input batch size \(x.shape[0]) doesn't match hidden\(k) batch size \(h.shape[0])")
            }
            if h.shape[1] != hiddenSize {
                throw TensorError(.runtime, "hidden\(k) has inconsistent hidden_size: got \(h.shape[1]), expected \(hiddenSize)")
            }
        }
    }

    /// Containers pass one tensor; the cells take an optional state (and an LSTM cell returns two).
    open override func forward(_ input: Tensor) throws -> Tensor {
        throw TensorError(.type, "\(typeName) needs its state; call it directly, not inside Sequential")
    }

    /// `torch.zeros(batch, hidden_size)`, refused with PyTorch's message when it cannot be allocated.
    func zeroState(_ x: Tensor) throws -> Tensor {
        try Tensor.validateShape([x.shape[0], hiddenSize], dtype: x.dtype)
        return Tensor.zeros([x.shape[0], hiddenSize], dtype: x.dtype)
    }

    /// The input with a batch dimension, and the state given (likewise) or zeros.
    func batchedInputs(_ input: Tensor, _ hx: Tensor?) throws -> (Tensor, Tensor) {
        let batched = input.dim == 2
        let x = batched ? input : try input.unsqueeze(0)
        let h = try hx.map { batched ? $0 : try $0.unsqueeze(0) } ?? zeroState(x)
        return (x, h)
    }
}

/// `nn.RNNCell(input_size, hidden_size, bias=True, nonlinearity='tanh')`: h' = act(W_ih x + b_ih + W_hh h + b_hh).
/// `nonlinearity` is not checked until `forward`, as in PyTorch.
open class RNNCell: RNNCellBase {
    public let nonlinearity: String

    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, nonlinearity: String = "tanh",
                dtype: DType = .float32, generator: Generator = .default) throws {
        self.nonlinearity = nonlinearity
        try super.init(inputSize: inputSize, hiddenSize: hiddenSize, bias: bias, chunks: 1, dtype: dtype, generator: generator)
    }

    open override var typeName: String { "RNNCell" }
    open override var builtinAttributeNames: Set<String> { super.builtinAttributeNames.union(["nonlinearity"]) }
    open override func extraRepr() -> String {
        super.extraRepr() + (nonlinearity != "tanh" ? ", nonlinearity=\(nonlinearity)" : "")
    }

    /// `cell(input, hx=None)`.
    public func forward(_ input: Tensor, _ hx: Tensor?) throws -> Tensor {
        try checkRank(input, "input")
        if let hx { try checkRank(hx, "hidden") }
        let (x, h) = try batchedInputs(input, hx)
        guard nonlinearity == "tanh" || nonlinearity == "relu" else {
            throw TensorError(.runtime, "Unknown nonlinearity: \(nonlinearity)")
        }
        let w = try cellWeights()
        try checkCellArguments(x, [h], w)
        let igates = try Tensor.linear(x, weight: w.ih, bias: w.biasIH)
        let out = try RecurrentCellMath.rnn(igates, h, w, relu: nonlinearity == "relu")
        return input.dim == 2 ? out : try out.squeeze(dim: 0)
    }
}

/// `nn.LSTMCell(input_size, hidden_size, bias=True)`: returns `(h', c')`.
open class LSTMCell: RNNCellBase {
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, dtype: DType = .float32,
                generator: Generator = .default) throws {
        try super.init(inputSize: inputSize, hiddenSize: hiddenSize, bias: bias, chunks: 4, dtype: dtype, generator: generator)
    }

    open override var typeName: String { "LSTMCell" }

    /// `cell(input, (h, c))`; `hx` nil means zeros.
    public func forward(_ input: Tensor, _ hx: [Tensor]?) throws -> (Tensor, Tensor) {
        try checkRank(input, "input")
        for (k, t) in (hx ?? []).enumerated() { try checkRank(t, "hx[\(k)]") }
        let batched = input.dim == 2
        let x = batched ? input : try input.unsqueeze(0)
        let states: [Tensor]
        if let hx {
            guard hx.count == 2 else { throw TensorError(.runtime, "lstm_cell expects two hidden states") }
            states = batched ? hx : try hx.map { try $0.unsqueeze(0) }
        } else {
            let zeros = try zeroState(x)
            states = [zeros, zeros]
        }
        let w = try cellWeights()
        try checkCellArguments(x, states, w)
        let igates = try Tensor.linear(x, weight: w.ih, bias: w.biasIH)
        let (h, c) = try RecurrentCellMath.lstm(igates, states[0], states[1], w)
        return batched ? (h, c) : (try h.squeeze(dim: 0), try c.squeeze(dim: 0))
    }
}

/// `nn.GRUCell(input_size, hidden_size, bias=True)`.
open class GRUCell: RNNCellBase {
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, dtype: DType = .float32,
                generator: Generator = .default) throws {
        try super.init(inputSize: inputSize, hiddenSize: hiddenSize, bias: bias, chunks: 3, dtype: dtype, generator: generator)
    }

    open override var typeName: String { "GRUCell" }

    /// `cell(input, hx=None)`.
    public func forward(_ input: Tensor, _ hx: Tensor?) throws -> Tensor {
        try checkRank(input, "input")
        if let hx { try checkRank(hx, "hidden") }
        let (x, h) = try batchedInputs(input, hx)
        let w = try cellWeights()
        try checkCellArguments(x, [h], w)
        let igates = try Tensor.linear(x, weight: w.ih, bias: w.biasIH)
        let out = try RecurrentCellMath.gru(igates, h, w)
        return input.dim == 2 ? out : try out.squeeze(dim: 0)
    }
}
