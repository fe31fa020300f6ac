#!/usr/bin/env python3
"""Goldens for the CNN/normalisation/embedding layers (Conv, pooling, BatchNorm, LayerNorm, Embedding, GELU).

For each case this builds the layer with real PyTorch under a seed and records its repr, parameter names,
state_dict keys and initial values (float32, compared bit for bit), the output for a fixed input, the
gradients of (out * cotangent).sum() w.r.t. the input and every parameter, and the state_dict afterwards
(running statistics). A second table records error texts. Writes Tests/NNTests/Layers2Goldens.swift.

Run: .venv-torch/bin/python scripts/golden_layers2.py
"""
import os
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "NNTests", "Layers2Goldens.swift")

# (python constructor, swift constructor using generator `g`, input shape, options)
# options: seeds, eval, steps, int_input (num embeddings), relu (non-negative input with ties)
CASES = [
    ("nn.Conv2d(1, 6, 5)", "Conv2d(1, 6, kernelSize: 5, generator: g)", [2, 1, 8, 8], {"seeds": [0, 1, 7]}),
    ("nn.Conv2d(3, 4, (3, 2), stride=2, padding=1)",
     "Conv2d(3, 4, kernelSize: [3, 2], stride: 2, padding: 1, generator: g)", [2, 3, 7, 6], {"seeds": [0, 3]}),
    ("nn.Conv2d(4, 6, 3, padding='same', dilation=2, groups=2, bias=False)",
     "Conv2d(4, 6, kernelSize: 3, padding: \"same\", dilation: 2, groups: 2, bias: false, generator: g)",
     [1, 4, 6, 6], {}),
    ("nn.Conv2d(2, 3, 3, padding=(1, 2), padding_mode='reflect')",
     "Conv2d(2, 3, kernelSize: 3, padding: [1, 2], paddingMode: \"reflect\", generator: g)", [2, 2, 5, 5], {}),
    ("nn.Conv2d(2, 2, 2, padding=1, padding_mode='circular')",
     "Conv2d(2, 2, kernelSize: 2, padding: 1, paddingMode: \"circular\", generator: g)", [1, 2, 4, 3], {}),
    ("nn.Conv2d(2, 2, 3, stride=(2, 1), padding=1, padding_mode='replicate')",
     "Conv2d(2, 2, kernelSize: 3, stride: [2, 1], padding: 1, paddingMode: \"replicate\", generator: g)",
     [2, 5, 5], {}),
    ("nn.Conv2d(1, 2, 4, padding='same')", "Conv2d(1, 2, kernelSize: 4, padding: \"same\", generator: g)",
     [1, 1, 5, 5], {}),
    ("nn.Conv2d(3, 2, 1, padding='valid')", "Conv2d(3, 2, kernelSize: 1, padding: \"valid\", generator: g)",
     [1, 3, 3, 3], {}),
    ("nn.Conv2d(8, 8, 3, padding=1)", "Conv2d(8, 8, kernelSize: 3, padding: 1, generator: g)",
     [2, 8, 5, 5], {}),
    ("nn.Conv1d(2, 3, 3)", "Conv1d(2, 3, kernelSize: 3, generator: g)", [2, 2, 7], {"seeds": [0, 5]}),
    ("nn.Conv1d(4, 2, 2, stride=2, padding=1, groups=2)",
     "Conv1d(4, 2, kernelSize: 2, stride: 2, padding: 1, groups: 2, generator: g)", [4, 9], {}),
    ("nn.LazyConv2d(4, 3)", "LazyConv2d(4, kernelSize: 3, generator: g)", [2, 3, 6, 6], {"seeds": [0, 2]}),
    ("nn.LazyConv2d(4, 2, stride=2, groups=2, bias=False)",
     "LazyConv2d(4, kernelSize: 2, stride: 2, groups: 2, bias: false, generator: g)", [2, 5, 5], {}),
    ("nn.MaxPool2d(2)", "MaxPool2d(kernelSize: 2)", [2, 3, 6, 6], {}),
    ("nn.MaxPool2d(2, return_indices=True)", "MaxPool2d(kernelSize: 2, returnIndices: true)", [1, 2, 4, 4],
     {"relu": True}),
    ("nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True, return_indices=True)",
     "MaxPool2d(kernelSize: 3, stride: 2, padding: 1, returnIndices: true, ceilMode: true)", [1, 2, 7, 8], {}),
    ("nn.MaxPool2d((2, 3), stride=1, dilation=2, return_indices=True)",
     "MaxPool2d(kernelSize: [2, 3], stride: 1, dilation: 2, returnIndices: true)", [2, 5, 7], {}),
    ("nn.AvgPool2d(2)", "AvgPool2d(kernelSize: 2)", [2, 2, 4, 4], {}),
    ("nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True, count_include_pad=False)",
     "AvgPool2d(kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false)", [1, 2, 6, 7], {}),
    ("nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True)",
     "AvgPool2d(kernelSize: 3, stride: 2, padding: 1, ceilMode: true)", [1, 1, 6, 6], {}),
    ("nn.AvgPool2d((2, 3), stride=(1, 2), padding=1, divisor_override=5)",
     "AvgPool2d(kernelSize: [2, 3], stride: [1, 2], padding: 1, divisorOverride: 5)", [2, 5, 5], {}),
    ("nn.AdaptiveAvgPool2d((2, 3))", "AdaptiveAvgPool2d([2, 3])", [2, 2, 5, 7], {}),
    ("nn.AdaptiveAvgPool2d(1)", "AdaptiveAvgPool2d(1)", [2, 3, 4, 4], {}),
    ("nn.AdaptiveAvgPool2d((None, 2))", "AdaptiveAvgPool2d(outputSize: [nil, 2])", [1, 3, 4], {}),
    ("nn.BatchNorm2d(3)", "BatchNorm2d(3)", [4, 3, 2, 2], {"steps": 2}),
    ("nn.BatchNorm2d(3, momentum=None)", "BatchNorm2d(3, momentum: nil)", [2, 3, 3, 2], {"steps": 3}),
    ("nn.BatchNorm2d(3)", "BatchNorm2d(3)", [2, 3, 2, 2], {"eval": True}),
    ("nn.BatchNorm2d(2, bias=False, eps=1e-3, momentum=0.3)", "BatchNorm2d(2, eps: 1e-3, momentum: 0.3, bias: false)",
     [3, 2, 2, 2], {"steps": 2}),
    ("nn.BatchNorm1d(4)", "BatchNorm1d(4)", [5, 4], {}),
    ("nn.BatchNorm1d(3, affine=False)", "BatchNorm1d(3, affine: false)", [2, 3, 5], {}),
    ("nn.BatchNorm1d(3, track_running_stats=False)", "BatchNorm1d(3, trackRunningStats: false)", [4, 3],
     {"eval": True}),
    ("nn.LayerNorm(5)", "LayerNorm(5)", [3, 5], {}),
    ("nn.LayerNorm([3, 4], eps=1e-3)", "LayerNorm([3, 4], eps: 1e-3)", [2, 3, 4], {}),
    ("nn.LayerNorm(4, elementwise_affine=False)", "LayerNorm(4, elementwiseAffine: false)", [2, 4], {}),
    ("nn.LayerNorm(4, bias=False)", "LayerNorm(4, bias: false)", [3, 4], {}),
    ("nn.Embedding(10, 3)", "Embedding(10, 3, generator: g)", [2, 4], {"int_input": 10, "seeds": [0, 1, 4]}),
    ("nn.Embedding(5, 2, padding_idx=1)", "Embedding(5, 2, paddingIdx: 1, generator: g)", [7],
     {"int_input": 5, "seeds": [0, 3]}),
    ("nn.Embedding(20, 4, padding_idx=-1)", "Embedding(20, 4, paddingIdx: -1, generator: g)", [3, 3],
     {"int_input": 20}),
    ("nn.GELU()", "GELU()", [4, 5], {}),
    ("nn.GELU(approximate='tanh')", "GELU(approximate: \"tanh\")", [3], {}),
    ("nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(36, 5))",
     "Sequential([Conv2d(1, 4, kernelSize: 3, generator: g), BatchNorm2d(4), ReLU(), MaxPool2d(kernelSize: 2), "
     "Flatten(), Linear(36, 5, generator: g)])", [2, 1, 8, 8], {"seeds": [0, 1]}),
]

# (label, python statement, swift statement using `g`); the expected text is PyTorch's exception.
ERRORS = [
    ("conv same strided", "nn.Conv2d(1, 6, 3, padding='same', stride=2)",
     "_ = try Conv2d(1, 6, kernelSize: 3, stride: 2, padding: \"same\", generator: g)"),
    ("conv in groups", "nn.Conv2d(3, 6, 3, groups=2)", "_ = try Conv2d(3, 6, kernelSize: 3, groups: 2, generator: g)"),
    ("conv out groups", "nn.Conv2d(4, 6, 3, groups=4)", "_ = try Conv2d(4, 6, kernelSize: 3, groups: 4, generator: g)"),
    ("conv groups 0", "nn.Conv2d(4, 6, 3, groups=0)", "_ = try Conv2d(4, 6, kernelSize: 3, groups: 0, generator: g)"),
    ("conv 2d input", "nn.Conv2d(1, 6, 5)(torch.zeros(2, 3))",
     "_ = try Conv2d(1, 6, kernelSize: 5, generator: g)(Tensor.zeros([2, 3]))"),
    ("conv channels", "nn.Conv2d(1, 6, 5)(torch.zeros(1, 3, 28, 28))",
     "_ = try Conv2d(1, 6, kernelSize: 5, generator: g)(Tensor.zeros([1, 3, 28, 28]))"),
    ("conv channels unbatched", "nn.Conv2d(1, 6, 5)(torch.zeros(3, 28, 28))",
     "_ = try Conv2d(1, 6, kernelSize: 5, generator: g)(Tensor.zeros([3, 28, 28]))"),
    ("conv too small", "nn.Conv2d(1, 6, 5)(torch.zeros(1, 1, 2, 2))",
     "_ = try Conv2d(1, 6, kernelSize: 5, generator: g)(Tensor.zeros([1, 1, 2, 2]))"),
    ("conv dilated too small", "nn.Conv2d(1, 6, 3, dilation=2, padding=1)(torch.zeros(1, 1, 2, 3))",
     "_ = try Conv2d(1, 6, kernelSize: 3, padding: 1, dilation: 2, generator: g)(Tensor.zeros([1, 1, 2, 3]))"),
    ("conv double input", "nn.Conv2d(1, 6, 5)(torch.zeros(1, 1, 8, 8, dtype=torch.double))",
     "_ = try Conv2d(1, 6, kernelSize: 5, generator: g)(Tensor.zeros([1, 1, 8, 8], dtype: .float64))"),
    ("conv1d channels", "nn.Conv1d(2, 3, 3)(torch.zeros(1, 4, 5))",
     "_ = try Conv1d(2, 3, kernelSize: 3, generator: g)(Tensor.zeros([1, 4, 5]))"),
    ("conv1d too small", "nn.Conv1d(2, 3, 3)(torch.zeros(1, 2, 2))",
     "_ = try Conv1d(2, 3, kernelSize: 3, generator: g)(Tensor.zeros([1, 2, 2]))"),
    ("lazy conv 2d input", "nn.LazyConv2d(16, 3)(torch.zeros(4, 5))",
     "_ = try LazyConv2d(16, kernelSize: 3, generator: g)(Tensor.zeros([4, 5]))"),
    ("lazy conv groups", "nn.LazyConv2d(16, 3, groups=2)(torch.zeros(1, 3, 5, 5))",
     "_ = try LazyConv2d(16, kernelSize: 3, groups: 2, generator: g)(Tensor.zeros([1, 3, 5, 5]))"),
    ("maxpool 2d input", "nn.MaxPool2d(2)(torch.zeros(2, 3))", "_ = try MaxPool2d(kernelSize: 2)(Tensor.zeros([2, 3]))"),
    ("maxpool too small", "nn.MaxPool2d(2)(torch.zeros(1, 1, 1, 1))",
     "_ = try MaxPool2d(kernelSize: 2)(Tensor.zeros([1, 1, 1, 1]))"),
    ("maxpool pad", "nn.MaxPool2d(2, padding=2)(torch.zeros(1, 1, 8, 8))",
     "_ = try MaxPool2d(kernelSize: 2, padding: 2)(Tensor.zeros([1, 1, 8, 8]))"),
    ("avgpool too small", "nn.AvgPool2d(2)(torch.zeros(1, 1, 1, 1))",
     "_ = try AvgPool2d(kernelSize: 2)(Tensor.zeros([1, 1, 1, 1]))"),
    ("avgpool 2d input", "nn.AvgPool2d(2)(torch.zeros(1, 1))", "_ = try AvgPool2d(kernelSize: 2)(Tensor.zeros([1, 1]))"),
    ("avgpool pad", "nn.AvgPool2d(2, padding=2)(torch.zeros(1, 1, 8, 8))",
     "_ = try AvgPool2d(kernelSize: 2, padding: 2)(Tensor.zeros([1, 1, 8, 8]))"),
    ("bn2d 3d input", "nn.BatchNorm2d(3)(torch.zeros(3, 4, 4))", "_ = try BatchNorm2d(3)(Tensor.zeros([3, 4, 4]))"),
    ("bn1d 4d input", "nn.BatchNorm1d(3)(torch.zeros(3, 3, 4, 4))", "_ = try BatchNorm1d(3)(Tensor.zeros([3, 3, 4, 4]))"),
    ("bn1d one value", "nn.BatchNorm1d(3)(torch.zeros(1, 3))", "_ = try BatchNorm1d(3)(Tensor.zeros([1, 3]))"),
    ("bn2d one value", "nn.BatchNorm2d(3)(torch.zeros(1, 3, 1, 1))", "_ = try BatchNorm2d(3)(Tensor.zeros([1, 3, 1, 1]))"),
    ("bn channels", "nn.BatchNorm2d(3)(torch.zeros(2, 4, 2, 2))", "_ = try BatchNorm2d(3)(Tensor.zeros([2, 4, 2, 2]))"),
    ("bn channels eval", "nn.BatchNorm2d(3).eval()(torch.zeros(2, 4, 2, 2))",
     "_ = try BatchNorm2d(3).eval()(Tensor.zeros([2, 4, 2, 2]))"),
    ("layernorm shape", "nn.LayerNorm(10)(torch.zeros(2, 5))", "_ = try LayerNorm(10)(Tensor.zeros([2, 5]))"),
    ("layernorm shape 2", "nn.LayerNorm([3, 4])(torch.zeros(2, 4, 3))", "_ = try LayerNorm([3, 4])(Tensor.zeros([2, 4, 3]))"),
    ("embedding padding_idx", "nn.Embedding(10, 3, padding_idx=10)",
     "_ = try Embedding(10, 3, paddingIdx: 10, generator: g)"),
    ("embedding padding_idx neg", "nn.Embedding(10, 3, padding_idx=-11)",
     "_ = try Embedding(10, 3, paddingIdx: -11, generator: g)"),
    ("embedding out of range", "nn.Embedding(10, 3)(torch.tensor([3, 10]))",
     "_ = try Embedding(10, 3, generator: g)(Tensor(int64Values: [3, 10], shape: [2]))"),
    ("embedding negative", "nn.Embedding(10, 3)(torch.tensor([-1]))",
     "_ = try Embedding(10, 3, generator: g)(Tensor(int64Values: [-1], shape: [1]))"),
    ("embedding float", "nn.Embedding(10, 3)(torch.tensor([1.0]))",
     "_ = try Embedding(10, 3, generator: g)(Tensor(values: [1], shape: [1]))"),
    ("reflect pad too big", "nn.Conv2d(1, 1, 3, padding=2, padding_mode='reflect')(torch.zeros(1, 1, 2, 2))",
     "_ = try Conv2d(1, 1, kernelSize: 3, padding: 2, paddingMode: \"reflect\", generator: g)(Tensor.zeros([1, 1, 2, 2]))"),
]

# F.* calls: (python expression, swift expression). `R(shape)` draws torch.randn from the seeded default
# generator in both languages (Swift: `Tensor.randn(shape, generator: g)`), in argument order.
FUNCTIONAL = [
    ("F.conv2d(R(1, 2, 5, 5), R(4, 2, 3, 3), R(4), stride=2, padding=1)",
     "Functional.conv2d(R([1, 2, 5, 5]), weight: R([4, 2, 3, 3]), bias: R([4]), stride: 2, padding: 1)"),
    ("F.conv2d(R(2, 2, 6, 5), R(3, 2, 3, 2), padding='same', dilation=2)",
     "Functional.conv2d(R([2, 2, 6, 5]), weight: R([3, 2, 3, 2]), padding: \"same\", dilation: 2)"),
    ("F.conv2d(R(1, 4, 4, 4), R(6, 2, 2, 2), groups=2)",
     "Functional.conv2d(R([1, 4, 4, 4]), weight: R([6, 2, 2, 2]), groups: 2)"),
    ("F.conv1d(R(2, 3, 6), R(2, 3, 3), R(2), padding=2)",
     "Functional.conv1d(R([2, 3, 6]), weight: R([2, 3, 3]), bias: R([2]), padding: 2)"),
    ("F.pad(R(2, 3, 4), [1, 2])", "Functional.pad(R([2, 3, 4]), [1, 2])"),
    ("F.pad(R(2, 3, 4), [1, -1, 2, 0], value=3.5)", "Functional.pad(R([2, 3, 4]), [1, -1, 2, 0], value: 3.5)"),
    ("F.pad(R(1, 2, 4, 5), [2, 1, 1, 3], mode='reflect')",
     "Functional.pad(R([1, 2, 4, 5]), [2, 1, 1, 3], mode: \"reflect\")"),
    ("F.pad(R(2, 4, 3), [2, 3], mode='replicate')", "Functional.pad(R([2, 4, 3]), [2, 3], mode: \"replicate\")"),
    ("F.pad(R(1, 1, 3, 4), [1, 2, 3, 0], mode='circular')",
     "Functional.pad(R([1, 1, 3, 4]), [1, 2, 3, 0], mode: \"circular\")"),
    ("F.max_pool2d(R(2, 2, 5, 5), 2)", "Functional.maxPool2d(R([2, 2, 5, 5]), kernelSize: 2).values"),
    ("F.avg_pool2d(R(1, 2, 5, 4), 3, stride=1, padding=1)",
     "Functional.avgPool2d(R([1, 2, 5, 4]), kernelSize: 3, stride: 1, padding: 1)"),
    ("F.adaptive_avg_pool2d(R(2, 3, 7, 5), (3, 2))", "Functional.adaptiveAvgPool2d(R([2, 3, 7, 5]), outputSize: [3, 2])"),
    ("F.batch_norm(R(4, 3, 2), torch.zeros(3), torch.ones(3), training=True)",
     "Functional.batchNorm(R([4, 3, 2]), runningMean: Tensor.zeros([3]), runningVar: Tensor.ones([3]), training: true)"),
    ("F.batch_norm(R(4, 3), R(3), R(3).abs(), R(3), R(3), eps=0.1)",
     "Functional.batchNorm(R([4, 3]), runningMean: R([3]), runningVar: R([3]).abs(), weight: R([3]), bias: R([3]), eps: 0.1)"),
    ("F.layer_norm(R(2, 3, 4), [3, 4], R(3, 4), R(3, 4))",
     "Functional.layerNorm(R([2, 3, 4]), normalizedShape: [3, 4], weight: R([3, 4]), bias: R([3, 4]))"),
    ("F.embedding(torch.tensor([[0, 2], [1, 0]]), R(3, 4), padding_idx=0)",
     "Functional.embedding(Tensor(int64Values: [0, 2, 1, 0], shape: [2, 2]), weight: R([3, 4]), paddingIdx: 0)"),
]

FUNCTIONAL_ERRORS = [
    ("F.conv2d same strided", "F.conv2d(torch.zeros(1, 2, 5, 5), torch.zeros(4, 2, 3, 3), padding='same', stride=2)",
     "_ = try Functional.conv2d(Tensor.zeros([1, 2, 5, 5]), weight: Tensor.zeros([4, 2, 3, 3]), stride: 2, padding: \"same\")"),
    ("F.conv2d bad padding", "F.conv2d(torch.zeros(1, 2, 5, 5), torch.zeros(4, 2, 3, 3), padding='foo')",
     "_ = try Functional.conv2d(Tensor.zeros([1, 2, 5, 5]), weight: Tensor.zeros([4, 2, 3, 3]), padding: \"foo\")"),
    ("F.conv2d groups channels", "F.conv2d(torch.zeros(1, 2, 5, 5), torch.zeros(4, 2, 3, 3), groups=2)",
     "_ = try Functional.conv2d(Tensor.zeros([1, 2, 5, 5]), weight: Tensor.zeros([4, 2, 3, 3]), groups: 2)"),
    ("F.conv2d groups weight", "F.conv2d(torch.zeros(1, 2, 5, 5), torch.zeros(3, 1, 3, 3), groups=2)",
     "_ = try Functional.conv2d(Tensor.zeros([1, 2, 5, 5]), weight: Tensor.zeros([3, 1, 3, 3]), groups: 2)"),
    ("F.conv2d bias size", "F.conv2d(torch.zeros(1, 2, 5, 5), torch.zeros(4, 2, 3, 3), torch.zeros(3))",
     "_ = try Functional.conv2d(Tensor.zeros([1, 2, 5, 5]), weight: Tensor.zeros([4, 2, 3, 3]), bias: Tensor.zeros([3]))"),
    ("F.pad odd", "F.pad(torch.zeros(1, 2, 5, 5), [1, 2, 3])", "_ = try Functional.pad(Tensor.zeros([1, 2, 5, 5]), [1, 2, 3])"),
    ("F.pad long", "F.pad(torch.zeros(1, 2, 5, 5), [1] * 10)",
     "_ = try Functional.pad(Tensor.zeros([1, 2, 5, 5]), Array(repeating: 1, count: 10))"),
    ("F.pad mode", "F.pad(torch.zeros(1, 2, 5, 5), [1, 1], mode='foo')",
     "_ = try Functional.pad(Tensor.zeros([1, 2, 5, 5]), [1, 1], mode: \"foo\")"),
    ("F.pad reflect 2d", "F.pad(torch.zeros(5, 5), [1, 1, 1, 1], mode='reflect')",
     "_ = try Functional.pad(Tensor.zeros([5, 5]), [1, 1, 1, 1], mode: \"reflect\")"),
    ("F.batch_norm eval without stats", "F.batch_norm(torch.zeros(2, 3), None, None)",
     "_ = try Functional.batchNorm(Tensor.zeros([2, 3]), runningMean: nil, runningVar: nil)"),
]


def f32(t):
    return [float(v) for v in t.detach().reshape(-1).double().tolist()]


def lit(values):
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


def ints(values):
    return "[" + ", ".join(str(int(v)) for v in values) + "]"


def strs(values):
    return "[" + ", ".join(swift_str(v) for v in values) + "]"


def swift_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def run_case(index, py, sw, shape, opts, seed):
    gx = torch.Generator().manual_seed(1000 + index)
    if "int_input" in opts:
        x = torch.randint(0, opts["int_input"], shape, generator=gx)
        if "padding_idx" in py:
            m_probe = eval(py)
            x.view(-1)[0] = m_probe.padding_idx  # make sure the padding row is looked up
    else:
        x = torch.randn(shape, generator=gx)
        if opts.get("relu"):
            x = torch.relu(x.round())  # many ties (zeros and small integers)
        x.requires_grad_(True)
    torch.manual_seed(seed)
    m = eval(py)
    repr0 = repr(m)
    names = [n for n, _ in m.named_parameters()]
    sd0 = m.state_dict()
    keys0 = list(sd0.keys())
    init = [f32(v) if not isinstance(v, nn.parameter.UninitializedParameter) else None for v in sd0.values()]
    if opts.get("eval"):
        m.eval()
    indices = None
    for _ in range(opts.get("steps", 1)):
        out = m(x)
        if isinstance(out, tuple):
            out, indices = out
    cot = torch.randn(out.shape, generator=gx)
    (out * cot).sum().backward()
    params = list(m.named_parameters())
    sd1 = m.state_dict()
    return {
        "seed": seed, "repr": repr0, "reprAfter": repr(m), "names": names, "keys": keys0, "init": init,
        "namesAfter": [n for n, _ in params], "keysAfter": list(sd1.keys()),
        "input": x.reshape(-1).tolist() if "int_input" in opts else f32(x), "shape": list(x.shape),
        "output": f32(out), "outShape": list(out.shape), "cotangent": f32(cot),
        "inputGrad": [] if "int_input" in opts else f32(x.grad),
        "paramGrads": [f32(p.grad) if p.grad is not None else [] for _, p in params],
        "stateAfter": [f32(v) for v in sd1.values()],
        "indices": None if indices is None else [int(i) for i in indices.reshape(-1).tolist()],
    }


def swift_case(index, py, sw, opts, r):
    init = "[" + ", ".join("nil" if v is None else lit(v) for v in r["init"]) + "]"
    after = "[" + ", ".join(lit(v) for v in r["stateAfter"]) + "]"
    grads = "[" + ", ".join(lit(v) for v in r["paramGrads"]) + "]"
    idx = "nil" if r["indices"] is None else ints(r["indices"])
    input_field = (f"intInput: {ints(r['input'])}, input: []" if "int_input" in opts
                   else f"intInput: nil, input: {lit(r['input'])}")
    return (f"        Layer2Golden(label: {swift_str(py)}, seed: {r['seed']}, make: {{ g in try {sw} }},\n"
            f"            repr: {swift_str(r['repr'])}, reprAfter: {swift_str(r['reprAfter'])},\n"
            f"            parameterNames: {strs(r['names'])}, stateDictKeys: {strs(r['keys'])},\n"
            f"            parameterNamesAfter: {strs(r['namesAfter'])}, stateDictKeysAfter: {strs(r['keysAfter'])},\n"
            f"            initial: {init},\n"
            f"            eval: {'true' if opts.get('eval') else 'false'}, steps: {opts.get('steps', 1)},\n"
            f"            {input_field}, shape: {ints(r['shape'])},\n"
            f"            output: {lit(r['output'])}, outputShape: {ints(r['outShape'])},\n"
            f"            cotangent: {lit(r['cotangent'])}, inputGrad: {lit(r['inputGrad'])},\n"
            f"            parameterGrads: {grads},\n"
            f"            stateAfter: {after}, indices: {idx}),\n")


def run_functional(index, py):
    torch.manual_seed(index)
    R = lambda *shape: torch.randn(shape)  # noqa: E731, F841 - used by eval
    out = eval(py)
    return out[0] if isinstance(out, tuple) else out


def error_text(stmt):
    torch.manual_seed(0)
    try:
        eval(stmt)
    except Exception as e:  # noqa: BLE001 - we record whatever PyTorch raises
        return f"{type(e).__name__}: {e}"
    raise SystemExit(f"no error from {stmt}")


def main():
    lines = [
        f"// Generated by scripts/golden_layers2.py from PyTorch {torch.__version__}; do not edit.\n",
        "// Regenerate: .venv-torch/bin/python scripts/golden_layers2.py\n",
        "import NN\nimport TensorEngine\n\n",
        "enum Layers2Goldens {\n",
        "    static let cases: [Layer2Golden] = [\n",
    ]
    for i, (py, sw, shape, opts) in enumerate(CASES):
        for seed in opts.get("seeds", [0]):
            lines.append(swift_case(i, py, sw, opts, run_case(i, py, sw, shape, opts, seed)))
    lines.append("    ]\n\n    static let errors: [Layer2ErrorGolden] = [\n")
    for label, py, sw in ERRORS:
        lines.append(f"        Layer2ErrorGolden(label: {swift_str(label)}, run: {{ g in {sw} }},\n"
                     f"            expected: {swift_str(error_text(py))}),\n")
    for label, py, sw in FUNCTIONAL_ERRORS:
        lines.append(f"        Layer2ErrorGolden(label: {swift_str(label)}, run: {{ g in {sw} }},\n"
                     f"            expected: {swift_str(error_text(py))}),\n")
    lines.append("    ]\n\n    static let functional: [Layer2FunctionalGolden] = [\n")
    for i, (py, sw) in enumerate(FUNCTIONAL):
        out = run_functional(i, py)
        lines.append(f"        Layer2FunctionalGolden(label: {swift_str(py)}, seed: {i}, run: {{ R in try {sw} }},\n"
                     f"            shape: {ints(out.shape)}, output: {lit(f32(out))}),\n")
    lines.append("    ]\n}\n")
    with open(OUT, "w") as f:
        f.write("".join(lines))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
