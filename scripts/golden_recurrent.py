#!/usr/bin/env python3
"""Goldens for the recurrent layers (RNN, LSTM, GRU) and cells (RNNCell, LSTMCell, GRUCell).

For each case this builds the module with real PyTorch under a seed and records its repr, parameter names and
initial values (float32, compared bit for bit: the draw order is PyTorch's), then runs it on a fixed input
(and initial state, when the case gives one) and records the outputs and the gradients of
sum(output * cotangent) + sum(each returned state) w.r.t. the input, the state and every parameter.
A second table records error texts. Writes Tests/NNTests/RecurrentGoldens.swift.

Run: .venv-torch/bin/python scripts/golden_recurrent.py
"""
import json
import os
import torch
import torch.nn as nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "NNTests", "RecurrentGoldens.swift")

# (python constructor, swift constructor using generator `g`, kind, input shape, state shapes or None, seeds)
# kind: layer (RNN/LSTM/GRU), rnncell, grucell, lstmcell.
CASES = [
    ("nn.LSTM(3, 3)", "LSTM(3, 3, generator: g)", "layer", [5, 1, 3], [[1, 1, 3], [1, 1, 3]], [1, 2]),
    ("nn.LSTM(6, 6)", "LSTM(6, 6, generator: g)", "layer", [5, 1, 6], None, [0]),
    ("nn.LSTM(4, 5, num_layers=2)", "LSTM(4, 5, numLayers: 2, generator: g)", "layer", [3, 2, 4], None, [0]),
    ("nn.LSTM(3, 4, batch_first=True, bidirectional=True)",
     "LSTM(3, 4, batchFirst: true, bidirectional: true, generator: g)", "layer", [2, 4, 3], [[2, 2, 4], [2, 2, 4]], [0]),
    ("nn.LSTM(3, 4, proj_size=2)", "LSTM(3, 4, projSize: 2, generator: g)", "layer", [4, 2, 3], None, [0]),
    ("nn.LSTM(2, 3, bias=False)", "LSTM(2, 3, bias: false, generator: g)", "layer", [4, 2], None, [0]),
    ("nn.GRU(3, 4)", "GRU(3, 4, generator: g)", "layer", [5, 2, 3], [[1, 2, 4]], [0, 3]),
    ("nn.GRU(2, 3, num_layers=2, bidirectional=True)", "GRU(2, 3, numLayers: 2, bidirectional: true, generator: g)",
     "layer", [4, 2, 2], None, [0]),
    ("nn.GRU(3, 2, batch_first=True)", "GRU(3, 2, batchFirst: true, generator: g)", "layer", [4, 3], [[1, 2]], [0]),
    ("nn.RNN(3, 4)", "RNN(3, 4, generator: g)", "layer", [5, 2, 3], None, [0]),
    ("nn.RNN(2, 3, nonlinearity='relu', num_layers=2)", "RNN(2, 3, numLayers: 2, nonlinearity: \"relu\", generator: g)",
     "layer", [4, 3, 2], [[2, 3, 3]], [0]),
    ("nn.RNN(3, 2, bidirectional=True, bias=False, batch_first=True)",
     "RNN(3, 2, bias: false, batchFirst: true, bidirectional: true, generator: g)", "layer", [2, 3, 3], None, [0]),
    ("nn.RNNCell(3, 4)", "RNNCell(3, 4, generator: g)", "rnncell", [2, 3], [[2, 4]], [0]),
    ("nn.RNNCell(3, 2, nonlinearity='relu', bias=False)",
     "RNNCell(3, 2, bias: false, nonlinearity: \"relu\", generator: g)", "rnncell", [3], None, [0]),
    ("nn.GRUCell(3, 4)", "GRUCell(3, 4, generator: g)", "grucell", [2, 3], [[2, 4]], [0, 5]),
    ("nn.GRUCell(2, 3)", "GRUCell(2, 3, generator: g)", "grucell", [2], None, [0]),
    ("nn.LSTMCell(3, 4)", "LSTMCell(3, 4, generator: g)", "lstmcell", [2, 3], [[2, 4], [2, 4]], [0]),
    ("nn.LSTMCell(2, 3, bias=False)", "LSTMCell(2, 3, bias: false, generator: g)", "lstmcell", [4, 2], None, [0]),
]

# (label, python statement, swift statement using `g`); the expected text is PyTorch's exception.
ERRORS = [
    ("rnn nonlinearity", "nn.RNN(3, 4, nonlinearity='sigmoid')",
     "_ = try RNN(3, 4, nonlinearity: \"sigmoid\", generator: g)"),
    ("proj too big", "nn.LSTM(3, 4, proj_size=4)", "_ = try LSTM(3, 4, projSize: 4, generator: g)"),
    ("proj negative", "nn.LSTM(3, 4, proj_size=-1)", "_ = try LSTM(3, 4, projSize: -1, generator: g)"),
    ("dropout range", "nn.GRU(3, 4, dropout=1.5)", "_ = try GRU(3, 4, dropout: 1.5, generator: g)"),
    ("num_layers", "nn.GRU(3, 4, num_layers=0)", "_ = try GRU(3, 4, numLayers: 0, generator: g)"),
    ("input_size", "nn.LSTM(0, 4)", "_ = try LSTM(0, 4, generator: g)"),
    ("hidden_size", "nn.RNN(3, 0)", "_ = try RNN(3, 0, generator: g)"),
    ("cell negative", "nn.LSTMCell(3, -1)", "_ = try LSTMCell(3, -1, generator: g)"),
    ("input size", "nn.LSTM(3, 4)(torch.zeros(5, 2, 4))",
     "_ = try LSTM(3, 4, generator: g).forward(Tensor.zeros([5, 2, 4]), nil)"),
    ("input rank lstm", "nn.LSTM(3, 4)(torch.zeros(5))", "_ = try LSTM(3, 4, generator: g).forward(Tensor.zeros([5]), nil)"),
    ("input rank rnn", "nn.RNN(3, 4)(torch.zeros(1, 5, 2, 3))",
     "_ = try RNN(3, 4, generator: g).forward(Tensor.zeros([1, 5, 2, 3]), nil)"),
    ("hidden[0] size", "nn.LSTM(3, 4)(torch.zeros(5, 2, 3), (torch.zeros(1, 3, 4), torch.zeros(1, 2, 4)))",
     "_ = try LSTM(3, 4, generator: g).forward(Tensor.zeros([5, 2, 3]), [Tensor.zeros([1, 3, 4]), Tensor.zeros([1, 2, 4])])"),
    ("hidden[1] size", "nn.LSTM(3, 4, proj_size=2)(torch.zeros(5, 2, 3), (torch.zeros(1, 2, 2), torch.zeros(1, 2, 2)))",
     "_ = try LSTM(3, 4, projSize: 2, generator: g).forward(Tensor.zeros([5, 2, 3]), [Tensor.zeros([1, 2, 2]), Tensor.zeros([1, 2, 2])])"),
    ("lstm hx rank", "nn.LSTM(3, 4)(torch.zeros(5, 3), (torch.zeros(1, 1, 4), torch.zeros(1, 4)))",
     "_ = try LSTM(3, 4, generator: g).forward(Tensor.zeros([5, 3]), [Tensor.zeros([1, 1, 4]), Tensor.zeros([1, 4])])"),
    ("gru hidden size", "nn.GRU(3, 4, num_layers=2)(torch.zeros(5, 2, 3), torch.zeros(1, 2, 4))",
     "_ = try GRU(3, 4, numLayers: 2, generator: g).forward(Tensor.zeros([5, 2, 3]), [Tensor.zeros([1, 2, 4])])"),
    ("gru hx rank", "nn.GRU(3, 4)(torch.zeros(5, 2, 3), torch.zeros(2, 4))",
     "_ = try GRU(3, 4, generator: g).forward(Tensor.zeros([5, 2, 3]), [Tensor.zeros([2, 4])])"),
    ("dtype", "nn.GRU(3, 4)(torch.zeros(5, 2, 3, dtype=torch.float64))",
     "_ = try GRU(3, 4, generator: g).forward(Tensor.zeros([5, 2, 3], dtype: .float64), nil)"),
    ("empty sequence", "nn.LSTM(3, 4)(torch.zeros(0, 2, 3))",
     "_ = try LSTM(3, 4, generator: g).forward(Tensor.zeros([0, 2, 3]), nil)"),
    ("cell input size", "nn.GRUCell(3, 4)(torch.zeros(2, 4))", "_ = try GRUCell(3, 4, generator: g).forward(Tensor.zeros([2, 4]), nil)"),
    ("cell input rank", "nn.RNNCell(3, 4)(torch.zeros(1, 2, 3))",
     "_ = try RNNCell(3, 4, generator: g).forward(Tensor.zeros([1, 2, 3]), nil)"),
    ("cell hidden rank", "nn.GRUCell(3, 4)(torch.zeros(3), torch.zeros(1, 4))",
     "_ = try GRUCell(3, 4, generator: g).forward(Tensor.zeros([3]), Tensor.zeros([1, 4]))"),
    ("cell batch", "nn.LSTMCell(3, 4)(torch.zeros(2, 3), (torch.zeros(3, 4), torch.zeros(2, 4)))",
     "_ = try LSTMCell(3, 4, generator: g).forward(Tensor.zeros([2, 3]), [Tensor.zeros([3, 4]), Tensor.zeros([2, 4])])"),
    ("cell hidden size", "nn.LSTMCell(3, 4)(torch.zeros(2, 3), (torch.zeros(2, 4), torch.zeros(2, 5)))",
     "_ = try LSTMCell(3, 4, generator: g).forward(Tensor.zeros([2, 3]), [Tensor.zeros([2, 4]), Tensor.zeros([2, 5])])"),
    ("cell hx rank", "nn.LSTMCell(3, 4)(torch.zeros(2, 3), (torch.zeros(2, 2, 4), torch.zeros(2, 4)))",
     "_ = try LSTMCell(3, 4, generator: g).forward(Tensor.zeros([2, 3]), [Tensor.zeros([2, 2, 4]), Tensor.zeros([2, 4])])"),
    ("cell nonlinearity", "nn.RNNCell(3, 4, nonlinearity='sigmoid')(torch.zeros(3))",
     "_ = try RNNCell(3, 4, nonlinearity: \"sigmoid\", generator: g).forward(Tensor.zeros([3]), nil)"),
]


def floats(values):
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


def flat(t):
    return t.detach().reshape(-1).tolist()


def run(module, kind, x, states):
    if kind == "layer":
        hx = None if states is None else (tuple(states) if len(states) == 2 else states[0])
        out, hidden = module(x, hx)
        return out, list(hidden) if isinstance(hidden, tuple) else [hidden]
    if kind == "lstmcell":
        h, c = module(x, None if states is None else tuple(states))
        return h, [c]
    return module(x, None if states is None else states[0]), []


def case_entry(py, swift, kind, shape, state_shapes, seed):
    torch.manual_seed(seed)
    m = eval(py)
    repr_text = repr(m)
    names = [n for n, _ in m.named_parameters()]
    initial = [flat(p) for _, p in m.named_parameters()]
    x = torch.randn(*shape, requires_grad=True)
    states = None if state_shapes is None else [torch.randn(*s, requires_grad=True) for s in state_shapes]
    out, hidden = run(m, kind, x, states)
    cotangent = torch.randn(*out.shape)
    loss = (out * cotangent).sum() + sum(h.sum() for h in hidden)
    loss.backward()
    lines = [
        f"        RecurrentGolden(label: {json.dumps(py)}, seed: {seed}, kind: .{kind}, make: {{ g in try {swift} }},",
        f"            repr: {json.dumps(repr_text)}, parameterNames: {json.dumps(names)},",
        f"            initial: [{', '.join(floats(v) for v in initial)}],",
        f"            input: {floats(flat(x))}, shape: {shape},",
        "            states: " + ("nil" if states is None else "[" + ", ".join(floats(flat(s)) for s in states) + "]")
        + ", stateShapes: " + ("nil" if states is None else repr(state_shapes)) + ",",
        f"            output: {floats(flat(out))}, outputShape: {list(out.shape)},",
        f"            hidden: [{', '.join(floats(flat(h)) for h in hidden)}], hiddenShapes: {[list(h.shape) for h in hidden]},",
        f"            cotangent: {floats(flat(cotangent))}, inputGrad: {floats(flat(x.grad))},",
        "            stateGrads: " + ("nil" if states is None else "[" + ", ".join(floats(flat(s.grad)) for s in states) + "]") + ",",
        f"            parameterGrads: [{', '.join(floats(flat(p.grad)) for _, p in m.named_parameters())}]),",
    ]
    return "\n".join(lines)


def error_entry(label, py, swift):
    try:
        exec(py)
    except Exception as e:  # the text PyTorch shows
        expected = f"{type(e).__name__}: {e}"
    else:
        raise SystemExit(f"{label}: no error")
    return f"        RecurrentErrorGolden(label: {json.dumps(label)}, run: {{ g in {swift} }}, expected: {json.dumps(expected)}),"


def main():
    out = [f"// Generated by scripts/golden_recurrent.py from PyTorch {torch.__version__}; do not edit.",
           "// Regenerate: .venv-torch/bin/python scripts/golden_recurrent.py",
           "import NN", "import TensorEngine", "", "enum RecurrentGoldens {", "    static let cases: [RecurrentGolden] = ["]
    for py, swift, kind, shape, state_shapes, seeds in CASES:
        for seed in seeds:
            out.append(case_entry(py, swift, kind, shape, state_shapes, seed))
    out += ["    ]", "", "    static let errors: [RecurrentErrorGolden] = ["]
    out += [error_entry(*e) for e in ERRORS]
    out += ["    ]", "}", ""]
    with open(OUT, "w") as f:
        f.write("\n".join(out))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    import warnings
    warnings.simplefilter("ignore")
    main()
