import TensorEngine

/// `RNN.forward`, `LSTM.forward`, `GRU.forward` for tensors (not `PackedSequence`): the Python wrapper's
/// checks and unbatched handling, then ATen's CPU `_rnn_impl` (`FullLayer`/`FullBidirectionalLayer`).
extension RNNBase {
    /// `module(input, hx)`. `hx` is `[h_0]`, or `[h_0, c_0]` for an LSTM; nil means zeros. Returns the
    /// output and `[h_n]` / `[h_n, c_n]`, shaped as PyTorch returns them.
    public func forward(_ input: Tensor, _ hx: [Tensor]?) throws -> (output: Tensor, hidden: [Tensor]) {
        guard input.dim == 2 || input.dim == 3 else {
            let tensorWord = mode == .lstm || mode == .gru ? "" : " tensor"
            throw TensorError(.value, "\(typeName): Expected input to be 2D or 3D, got \(input.dim)D\(tensorWord) instead")
        }
        let batched = input.dim == 3
        let batchDim = batchFirst ? 0 : 1
        let x = batched ? input : try input.unsqueeze(batchDim)
        let states = try initialStates(x, hx, batched: batched)
        try checkForwardArguments(x, states)
        let sequence = batchFirst ? try x.transpose(0, 1) : x
        guard sequence.shape[0] > 0 else {
            throw TensorError(.runtime, "Expected sequence length to be larger than 0 in RNN")
        }
        var (output, hidden) = try runLayers(sequence, states)
        // PyTorch runs a float32 LSTM through oneDNN, whose autograd node and transpose differ by name only.
        let oneDNN = mode == .lstm && projSize == 0 && input.dtype == .float32 && input.numel > 0
        if batchFirst {
            output = try output.transpose(0, 1).labelingGradFn(oneDNN ? "TransposeBackward0" : "TransposeBackward1")
        } else if oneDNN && !bidirectional {
            output.labelingGradFn("MkldnnRnnLayerBackward0")
        }
        if !batched {
            output = try output.squeeze(dim: batchDim)
            hidden = try hidden.map { try $0.squeeze(dim: 1) }
        }
        return (output, hidden)
    }

    /// The given states (each unsqueezed for unbatched input) or zeros of the expected sizes.
    private func initialStates(_ x: Tensor, _ hx: [Tensor]?, batched: Bool) throws -> [Tensor] {
        guard let hx else {
            let batch = x.shape[batchFirst ? 0 : 1]
            func zeros(_ size: Int) throws -> Tensor {
                let shape = [numLayers * numDirections, batch, size]
                try Tensor.validateShape(shape, dtype: x.dtype)  // a huge batch fails as torch.zeros does
                return Tensor.zeros(shape, dtype: x.dtype)
            }
            let h = try zeros(projSize > 0 ? projSize : hiddenSize)
            return mode == .lstm ? [h, try zeros(hiddenSize)] : [h]
        }
        let want = batched ? 3 : 2
        if mode == .lstm {
            guard hx.count == 2 else { throw TensorError(.index, "tuple index out of range") }
            if hx[0].dim != want || hx[1].dim != want {
                throw TensorError(.runtime, "For \(batched ? "batched 3-D" : "unbatched 2-D") input, hx and cx should also be "
                    + "\(want)-D but got (\(hx[0].dim)-D, \(hx[1].dim)-D) tensors")
            }
        } else if let h = hx.first, h.dim != want {
            throw TensorError(.runtime, "For \(batched ? "batched 3-D" : "unbatched 2-D") input, hx should also be "
                + "\(want)-D but got \(h.dim)-D tensor")
        }
        return batched ? hx : try hx.map { try $0.unsqueeze(1) }
    }

    /// `check_forward_args`: dtype, feature size, then each state's size.
    private func checkForwardArguments(_ x: Tensor, _ states: [Tensor]) throws {
        if let w = parameter(flatWeightNames[0]), x.dtype != w.dtype {
            throw TensorError(.value, "RNN input dtype (\(x.dtype.torchName)) does not match weight dtype (\(w.dtype.torchName)). "
                + "Convert input: input.to(\(w.dtype.torchName)), or convert model: model.to(\(x.dtype.torchName))")
        }
        if x.shape[2] != inputSize {
            throw TensorError(.runtime, "input.size(-1) must be equal to input_size. Expected \(inputSize), got \(x.shape[2])")
        }
        let batch = x.shape[batchFirst ? 0 : 1]
        let sizes = [projSize > 0 ? projSize : hiddenSize, hiddenSize]
        for (k, state) in states.enumerated() {
            let expected = [numLayers * numDirections, batch, sizes[k]]
            if state.shape != expected {
                let label = mode == .lstm ? "hidden[\(k)] size" : "hidden size"
                throw TensorError(.runtime, "Expected \(label) (\(expected.map(String.init).joined(separator: ", "))), "
                    + "got [\(state.shape.map(String.init).joined(separator: ", "))]")
            }
        }
    }

    /// `apply_layer_stack`: each layer reads the previous one's output (dropped out between layers when
    /// training); `h_n` (and `c_n`) stack every layer's and direction's final state.
    private func runLayers(_ sequence: Tensor, _ states: [Tensor]) throws -> (Tensor, [Tensor]) {
        let starts = try states.map { try $0.unbind(dim: 0) }
        var finals: [[Tensor]] = []
        var layerInput = sequence
        for layer in 0..<numLayers {
            var outputs: [Tensor] = []
            for direction in 0..<numDirections {
                let index = layer * numDirections + direction
                let (out, final) = try runDirection(layerInput, starts.map { $0[index] }, try weights(index),
                                                    reversed: direction == 1)
                outputs.append(out)
                finals.append(final)
            }
            layerInput = outputs.count == 1 ? outputs[0] : try Tensor.cat(outputs, dim: outputs[0].dim - 1)
            if dropout != 0 && training && layer < numLayers - 1 {
                layerInput = try layerInput.nnDropout(p: dropout, training: true, generator: generator)
            }
        }
        let hidden = try (0..<states.count).map { k in try Tensor.stack(finals.map { $0[k] }, dim: 0) }
        return (layerInput, hidden)
    }

    /// `FullLayer` on CPU: the input's share of every step in one `linear`, then the cell step by step
    /// (last to first for the reverse direction, whose outputs are put back in time order).
    private func runDirection(_ input: Tensor, _ start: [Tensor], _ w: RecurrentWeights,
                              reversed: Bool) throws -> (Tensor, [Tensor]) {
        var steps = try Tensor.linear(input, weight: w.ih, bias: w.biasIH).unbind(dim: 0)
        if reversed { steps.reverse() }
        var state = start
        var outputs: [Tensor] = []
        outputs.reserveCapacity(steps.count)
        for igates in steps {
            switch mode {
            case .rnnTanh, .rnnRelu: state = [try RecurrentCellMath.rnn(igates, state[0], w, relu: mode == .rnnRelu)]
            case .gru: state = [try RecurrentCellMath.gru(igates, state[0], w)]
            case .lstm:
                let (h, c) = try RecurrentCellMath.lstm(igates, state[0], state[1], w)
                state = [h, c]
            }
            outputs.append(state[0])
        }
        if reversed { outputs.reverse() }
        return (try Tensor.stack(outputs, dim: 0), state)
    }

    /// The parameters of layer-and-direction `index`, read by name as `_flat_weights` is.
    private func weights(_ index: Int) throws -> RecurrentWeights {
        let names = allWeightNames[index]
        func get(_ i: Int) throws -> Tensor {
            guard let p = parameter(names[i]) else {
                throw TensorError(.type, "\(typeName): parameter '\(names[i])' is None")
            }
            return p
        }
        return RecurrentWeights(ih: try get(0), hh: try get(1), biasIH: hasBias ? try get(2) : nil,
                                biasHH: hasBias ? try get(3) : nil, hr: projSize > 0 ? try get(names.count - 1) : nil)
    }
}
