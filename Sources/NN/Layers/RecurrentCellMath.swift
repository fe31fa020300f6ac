import TensorEngine

/// One layer's weights as ATen's `CellParams` holds them.
struct RecurrentWeights {
    let ih: Tensor
    let hh: Tensor
    let biasIH: Tensor?
    let biasHH: Tensor?
    /// LSTM's projection `weight_hr` (proj_size > 0).
    let hr: Tensor?
}

/// One time step of each recurrence, as ATen's CPU cells in `RNN.cpp` compute it, op for op, so the float
/// rounding is PyTorch's: `igates` is the input's share `linear(x, w_ih, b_ih)`, already computed (a whole
/// sequence at once for the layers, one step for the `*Cell` modules), and the hidden share
/// `linear(h, w_hh, b_hh)` is added to it. Everything is an engine op, so autograd needs no rule of its own.
enum RecurrentCellMath {
    /// `SimpleCell`: act(linear_hh(h) + igates).
    static func rnn(_ igates: Tensor, _ h: Tensor, _ w: RecurrentWeights, relu: Bool) throws -> Tensor {
        let pre = try Tensor.linear(h, weight: w.hh, bias: w.biasHH).add(igates)
        return relu ? try pre.relu() : try pre.tanh()
    }

    /// `LSTMCell`: gates = linear_hh(h) + igates, split i, f, g, o; c' = f·c + i·g; h' = o·tanh(c'),
    /// then projected by `weight_hr` when there is one.
    static func lstm(_ igates: Tensor, _ h: Tensor, _ c: Tensor, _ w: RecurrentWeights) throws -> (Tensor, Tensor) {
        let gates = try Tensor.linear(h, weight: w.hh, bias: w.biasHH).add(igates)
        let g = try chunks(gates, 4)
        let (i, f, cell, o) = (try g[0].sigmoid(), try g[1].sigmoid(), try g[2].tanh(), try g[3].sigmoid())
        let cy = try f.mul(c).add(try i.mul(cell))
        let hy = try o.mul(try cy.tanh())
        guard let hr = w.hr else { return (hy, cy) }
        return (try hy.matmul(try hr.t()), cy)
    }

    /// `GRUCell`: r = σ(hr + ir), z = σ(hz + iz), n = tanh(in + hn·r), h' = (h − n)·z + n.
    static func gru(_ igates: Tensor, _ h: Tensor, _ w: RecurrentWeights) throws -> Tensor {
        let ig = try chunks(igates, 3)
        let hg = try chunks(try Tensor.linear(h, weight: w.hh, bias: w.biasHH), 3)
        let reset = try hg[0].add(ig[0]).sigmoid()
        let update = try hg[1].add(ig[1]).sigmoid()
        let new = try ig[2].add(try hg[2].mul(reset)).tanh()
        return try h.sub(new).mul(update).add(new)
    }

    /// `unsafe_chunk(n, 1)` of gates that are `n * hidden` wide; narrow works for a zero hidden size too.
    private static func chunks(_ gates: Tensor, _ n: Int) throws -> [Tensor] {
        let width = gates.shape[1] / n
        return try (0..<n).map { try gates.narrow(dim: 1, start: $0 * width, length: width) }
    }
}
