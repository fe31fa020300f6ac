#!/usr/bin/env python3
"""Writes Tests/NNTests/NNGoldens.swift from real PyTorch 2.15 (CPU).

Run: .venv-torch/bin/python scripts/golden_nn.py
Every expected value in the fixture comes from running the Python side of a case; the Swift side of
each case is the same program written against the NN target's API.
"""
import math, os, sys, warnings
from collections import OrderedDict
import torch
from torch import nn
from torch.nn import init

warnings.simplefilter("ignore")
OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "NNTests", "NNGoldens.swift")


def swift_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def swift_doubles(t):
    vals = [float(x) for x in t.detach().reshape(-1).tolist()]
    return "[" + ", ".join(repr(v) for v in vals) + "]"


def swift_strs(xs):
    return "[" + ", ".join(swift_str(x) for x in xs) + "]"


lines = []
emit = lines.append

# ---------------------------------------------------------------- Linear init, seeds 0..20
emit("    static let linearInit: [LinearInitGolden] = [")
for seed in range(21):
    for (i, o, b) in [(4, 3, True), (3, 1, True), (2, 2, True), (1, 1, False), (5, 2, False), (20, 7, True), (0, 2, True)]:
        torch.manual_seed(seed)
        lin = nn.Linear(i, o, bias=b)
        bias = swift_doubles(lin.bias) if b else "[]"
        emit(f"        LinearInitGolden(seed: {seed}, inFeatures: {i}, outFeatures: {o}, bias: {'true' if b else 'false'}, "
             f"weight: {swift_doubles(lin.weight)}, biasValues: {bias}),")
emit("    ]")

# ---------------------------------------------------------------- init functions
INIT_CASES = [
    # label, shape, dtype, python (t), swift (t, g)
    ("uniform_ default", (3, 5), "float32", "init.uniform_(t)", "try Init.uniform_(t, generator: g)"),
    ("uniform_(-3.7, 2.1)", (4, 5), "float32", "init.uniform_(t, -3.7, 2.1)", "try Init.uniform_(t, a: -3.7, b: 2.1, generator: g)"),
    ("normal_ small path", (3, 5), "float32", "init.normal_(t)", "try Init.normal_(t, generator: g)"),
    ("normal_(0.5, 2) block path", (4, 5), "float32", "init.normal_(t, 0.5, 2)", "try Init.normal_(t, mean: 0.5, std: 2, generator: g)"),
    ("normal_ std 0.01", (3, 4), "float32", "init.normal_(t, mean=0, std=0.01)", "try Init.normal_(t, mean: 0, std: 0.01, generator: g)"),
    ("constant_", (2, 3), "float32", "init.constant_(t, 3)", "try Init.constant_(t, 3)"),
    ("ones_", (2, 3), "float32", "init.ones_(t)", "try Init.ones_(t)"),
    ("zeros_", (2, 3), "float32", "init.zeros_(t)", "try Init.zeros_(t)"),
    ("eye_ 3x5", (3, 5), "float32", "init.eye_(t)", "try Init.eye_(t)"),
    ("eye_ 4x2", (4, 2), "float32", "init.eye_(t)", "try Init.eye_(t)"),
    ("dirac_ 3-D", (4, 2, 3), "float32", "init.dirac_(t)", "try Init.dirac_(t)"),
    ("dirac_ 4-D groups 2", (4, 2, 3, 3), "float32", "init.dirac_(t, groups=2)", "try Init.dirac_(t, groups: 2)"),
    ("xavier_uniform_", (3, 5), "float32", "init.xavier_uniform_(t)", "try Init.xavierUniform_(t, generator: g)"),
    ("xavier_uniform_ relu gain", (3, 5), "float32", "init.xavier_uniform_(t, gain=init.calculate_gain('relu'))",
     "try Init.xavierUniform_(t, gain: Init.calculateGain(\"relu\").value, generator: g)"),
    ("xavier_normal_", (6, 4), "float32", "init.xavier_normal_(t)", "try Init.xavierNormal_(t, generator: g)"),
    ("kaiming_uniform_ default", (3, 5), "float32", "init.kaiming_uniform_(t)", "try Init.kaimingUniform_(t, generator: g)"),
    ("kaiming_uniform_ fan_in relu", (3, 5), "float32", "init.kaiming_uniform_(t, mode='fan_in', nonlinearity='relu')",
     "try Init.kaimingUniform_(t, mode: \"fan_in\", nonlinearity: \"relu\", generator: g)"),
    ("kaiming_uniform_ FAN_OUT", (3, 5), "float32", "init.kaiming_uniform_(t, mode='FAN_OUT')",
     "try Init.kaimingUniform_(t, mode: \"FAN_OUT\", generator: g)"),
    ("kaiming_uniform_ a=sqrt5 conv", (4, 3, 2, 2), "float32", "init.kaiming_uniform_(t, a=math.sqrt(5))",
     "try Init.kaimingUniform_(t, a: 5.0.squareRoot(), generator: g)"),
    ("kaiming_uniform_ float64", (3, 4), "float64", "init.kaiming_uniform_(t)", "try Init.kaimingUniform_(t, generator: g)"),
    ("kaiming_normal_ fan_out relu", (3, 5), "float32", "init.kaiming_normal_(t, mode='fan_out', nonlinearity='relu')",
     "try Init.kaimingNormal_(t, mode: \"fan_out\", nonlinearity: \"relu\", generator: g)"),
    ("kaiming_normal_ block", (8, 4), "float32", "init.kaiming_normal_(t)", "try Init.kaimingNormal_(t, generator: g)"),
    ("kaiming_uniform_ zero-element", (0, 4), "float32", "init.kaiming_uniform_(t)", "try Init.kaimingUniform_(t, generator: g)"),
    ("trunc_normal_ default", (4, 5), "float32", "init.trunc_normal_(t)", "try Init.truncNormal_(t, generator: g)"),
    ("trunc_normal_ small", (3, 3), "float32", "init.trunc_normal_(t, std=0.02)", "try Init.truncNormal_(t, std: 0.02, generator: g)"),
    ("trunc_normal_ tight window", (4, 5), "float32", "init.trunc_normal_(t, mean=0, std=1, a=-0.5, b=0.5)",
     "try Init.truncNormal_(t, mean: 0, std: 1, a: -0.5, b: 0.5, generator: g)"),
    ("trunc_normal_ narrow branch", (4, 5), "float32", "init.trunc_normal_(t, mean=0, std=1, a=1.0, b=1.5)",
     "try Init.truncNormal_(t, mean: 0, std: 1, a: 1.0, b: 1.5, generator: g)"),
    ("trunc_normal_ far mean", (3, 3), "float32", "init.trunc_normal_(t, mean=5, std=1, a=-1, b=1)",
     "try Init.truncNormal_(t, mean: 5, std: 1, a: -1, b: 1, generator: g)"),
    ("sparse_", (5, 3), "float32", "init.sparse_(t, 0.4)", "try Init.sparse_(t, sparsity: 0.4, generator: g, permutationGenerator: g)"),
    ("sparse_ std", (4, 4), "float32", "init.sparse_(t, 0.5, std=1.0)", "try Init.sparse_(t, sparsity: 0.5, std: 1.0, generator: g, permutationGenerator: g)"),
]
emit("    static let initCases: [InitGolden] = [")
for seed in (0, 1, 7, 42):
    for label, shape, dtype, py, sw in INIT_CASES:
        torch.manual_seed(seed)
        t = torch.empty(shape, dtype=getattr(torch, dtype))
        r = eval(py, {"init": init, "t": t, "math": math})
        assert r is t
        after = torch.rand(1).item()  # checks the number of draws consumed
        emit(f"        InitGolden(label: {swift_str(label)}, seed: {seed}, shape: {list(shape)}, dtype: .{dtype}, "
             f"run: {{ t, g in {sw} }}, values: {swift_doubles(t)}, nextUniform: {float(after)!r}),")
emit("    ]")

# ---------------------------------------------------------------- calculate_gain
GAINS = [("linear", None), ("conv2d", None), ("sigmoid", None), ("tanh", None), ("tanh", 3), ("relu", None),
         ("leaky_relu", None), ("leaky_relu", 0.2), ("leaky_relu", 0), ("leaky_relu", math.sqrt(5)), ("selu", None),
         ("conv_transpose3d", None)]
emit("    static let gains: [GainGolden] = [")
for name, param in GAINS:
    v = init.calculate_gain(name, param)
    p = ".none" if param is None else f".number({float(param)!r})"
    emit(f"        GainGolden(name: {swift_str(name)}, param: {p}, repr: {swift_str(repr(v))}),")
emit("    ]")

# ---------------------------------------------------------------- module structure
MODULES = [
    ("mlp", "m = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 1))",
     "Sequential([try Linear(4, 3, generator: g), ReLU(), try Linear(3, 1, generator: g)])"),
    ("nested", "m = nn.Sequential(nn.Sequential(nn.Linear(1, 2), nn.ReLU()), nn.Sequential(nn.Linear(2, 2)))",
     "Sequential([Sequential([try Linear(1, 2, generator: g), ReLU()]), Sequential([try Linear(2, 2, generator: g)])])"),
    ("shared", "lin = nn.Linear(1, 1, bias=False)\nm = nn.Sequential(lin, nn.ReLU(), lin)",
     "let lin = try Linear(1, 1, bias: false, generator: g); return Sequential([lin, ReLU(), lin])"),
    ("shared twice", "lin = nn.Linear(1, 1, bias=False)\nm = nn.Sequential(lin, lin)",
     "let lin = try Linear(1, 1, bias: false, generator: g); return Sequential([lin, lin])"),
    ("named", "m = nn.Sequential(OrderedDict([('hidden', nn.Linear(2, 3)), ('act', nn.ReLU()), ('output', nn.Linear(3, 1))]))",
     "try Sequential(named: [(\"hidden\", try Linear(2, 3, generator: g)), (\"act\", ReLU()), (\"output\", try Linear(3, 1, generator: g))])"),
    ("slice", "m = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1), nn.Sigmoid())[1:3]",
     "try Sequential([try Linear(2, 3, generator: g), ReLU(), try Linear(3, 1, generator: g), Sigmoid()]).slice(start: 1, stop: 3)"),
    ("append insert", "m = nn.Sequential(nn.Linear(2, 2)).append(nn.ReLU()).insert(1, nn.Tanh())",
     "try Sequential([try Linear(2, 2, generator: g)]).append(ReLU()).insert(1, Tanh())"),
    ("add_module", "m = nn.Sequential(nn.Linear(2, 2))\nm.add_module('relu', nn.ReLU())",
     "let m = Sequential([try Linear(2, 2, generator: g)]); try m.addModule(\"relu\", ReLU()); return m"),
    ("delete", "m = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Tanh())\ndel m[0]",
     "let m = Sequential([try Linear(2, 2, generator: g), ReLU(), Tanh()]); try m.remove(at: 0); return m"),
    ("modulelist", "m = nn.ModuleList([nn.Linear(2, 2) for _ in range(3)] + [nn.ReLU(), nn.ReLU(), nn.Linear(2, 1)])",
     "ModuleList([try Linear(2, 2, generator: g), try Linear(2, 2, generator: g), try Linear(2, 2, generator: g), ReLU(), ReLU(), try Linear(2, 1, generator: g)])"),
    ("modulelist nested", "m = nn.ModuleList([nn.Sequential(nn.Linear(1, 1), nn.ReLU()) for _ in range(2)])",
     "ModuleList([Sequential([try Linear(1, 1, generator: g), ReLU()]), Sequential([try Linear(1, 1, generator: g), ReLU()])])"),
    ("modulelist empty", "m = nn.ModuleList()", "ModuleList()"),
    ("moduledict", "m = nn.ModuleDict({'conv': nn.Linear(2, 2), 'act': nn.ReLU()})",
     "try ModuleDict([(\"conv\", try Linear(2, 2, generator: g)), (\"act\", ReLU())])"),
    ("parameterlist", "m = nn.ParameterList([nn.Parameter(torch.ones(2, 3)), torch.zeros(4)])",
     "try ParameterList([try Parameter.make(Tensor.ones([2, 3])), Tensor.zeros([4])])"),
    ("parameterdict", "m = nn.ParameterDict({'a': nn.Parameter(torch.ones(2)), 'b': torch.zeros(1, 3)})",
     "try ParameterDict([(\"a\", try Parameter.make(Tensor.ones([2]))), (\"b\", Tensor.zeros([1, 3]))])"),
    ("linear nobias", "m = nn.Linear(4, 3, bias=False)", "try Linear(4, 3, bias: false, generator: g)"),
    ("bilinear", "m = nn.Bilinear(2, 3, 4)", "try Bilinear(2, 3, 4, generator: g)"),
    ("lazy", "m = nn.Sequential(nn.LazyLinear(256), nn.ReLU(), nn.LazyLinear(10))",
     "Sequential([try LazyLinear(256, generator: g), ReLU(), try LazyLinear(10, generator: g)])"),
    ("lazy nobias", "m = nn.LazyLinear(3, bias=False)", "try LazyLinear(3, bias: false, generator: g)"),
    ("activations", "m = nn.Sequential(nn.Identity(), nn.Flatten(), nn.Unflatten(1, (2, 5)), nn.LeakyReLU(), nn.LeakyReLU(0.2), "
     "nn.GELU(), nn.GELU(approximate='tanh'), nn.Sigmoid(), nn.Tanh(), nn.Softmax(dim=1), nn.LogSoftmax(dim=-1), nn.Softmax(), "
     "nn.Dropout(), nn.Dropout(0.2), nn.ReLU(inplace=True), nn.Flatten(0, 2))",
     "Sequential([Identity(), Flatten(), try Unflatten(1, [2, 5]), LeakyReLU(), LeakyReLU(negativeSlope: 0.2), GELU(), "
     "try GELU(approximate: \"tanh\"), Sigmoid(), Tanh(), Softmax(dim: 1), LogSoftmax(dim: -1), Softmax(), try Dropout(), "
     "try Dropout(p: 0.2), ReLU(inplace: true), Flatten(startDim: 0, endDim: 2)])"),
    ("empty module", "m = nn.Module()", "Module()"),
]

emit("    static let modules: [ModuleGolden] = [")
for label, py, sw in MODULES:
    torch.manual_seed(0)
    env = {"nn": nn, "torch": torch, "OrderedDict": OrderedDict}
    exec(py, env)
    m = env["m"]
    sd = m.state_dict()
    sd_values = []
    for k, v in sd.items():
        if isinstance(v, nn.parameter.UninitializedParameter):
            sd_values.append("nil")
        else:
            sd_values.append(swift_doubles(v))
    body = sw if ";" in sw else "return " + sw
    emit(f"        ModuleGolden(label: {swift_str(label)}, make: {{ g in {body} }},")
    emit(f"            repr: {swift_str(repr(m))},")
    emit(f"            parameterNames: {swift_strs([n for n, _ in m.named_parameters()])},")
    emit(f"            stateDictKeys: {swift_strs(list(sd.keys()))},")
    emit(f"            moduleNames: {swift_strs([n for n, _ in m.named_modules()])},")
    emit(f"            childCount: {len(list(m.children()))},")
    emit(f"            stateDictValues: [{', '.join(sd_values)}]),")
emit("    ]")

# ---------------------------------------------------------------- error texts
ERRORS = [
    ("register_parameter dot", "nn.Module().register_parameter('bad.name', nn.Parameter(torch.ones(1)))",
     "try Module().registerParameter(\"bad.name\", try Parameter.make(Tensor.ones([1])))"),
    ("register_parameter empty", "nn.Module().register_parameter('', None)", "try Module().registerParameter(\"\", nil)"),
    ("register_parameter existing buffer", "m = nn.Module(); m.register_buffer('w', torch.ones(1)); m.register_parameter('w', None)",
     "let m = Module(); try m.registerBuffer(\"w\", Tensor.ones([1])); try m.registerParameter(\"w\", nil)"),
    ("register_parameter plain tensor", "nn.Module().register_parameter('w5', torch.ones(1))",
     "try Module().registerParameter(\"w5\", Tensor.ones([1]))"),
    ("register_buffer dot", "nn.Module().register_buffer('a.b', None)", "try Module().registerBuffer(\"a.b\", nil)"),
    ("register_buffer empty", "nn.Module().register_buffer('', None)", "try Module().registerBuffer(\"\", nil)"),
    ("register_buffer existing", "m = nn.Linear(1, 1); m.register_buffer('weight', None)",
     "let m = try Linear(1, 1, generator: g); try m.registerBuffer(\"weight\", nil)"),
    ("add_module dot", "nn.Module().add_module('a.b', nn.ReLU())", "try Module().addModule(\"a.b\", ReLU())"),
    ("add_module empty", "nn.Module().add_module('', nn.ReLU())", "try Module().addModule(\"\", ReLU())"),
    ("add_module existing", "m = nn.Linear(1, 1); m.add_module('bias', nn.ReLU())",
     "let m = try Linear(1, 1, generator: g); try m.addModule(\"bias\", ReLU())"),
    ("setattr tensor over parameter", "m = nn.Linear(1, 1); m.weight = torch.ones(1, 1)",
     "let m = try Linear(1, 1, generator: g); try m.setAttribute(\"weight\", .tensor(Tensor.ones([1, 1])))"),
    ("setattr module over parameter", "m = nn.Linear(1, 1); m.weight = nn.ReLU()",
     "let m = try Linear(1, 1, generator: g); try m.setAttribute(\"weight\", .module(ReLU()))"),
    ("setattr int over module", "m = nn.Sequential(nn.ReLU()); setattr(m, '0', 3)",
     "let m = Sequential([ReLU()]); try m.setAttribute(\"0\", .other(typeName: \"int\"))"),
    ("setattr tensor over module", "m = nn.Sequential(nn.ReLU()); setattr(m, '0', torch.ones(1))",
     "let m = Sequential([ReLU()]); try m.setAttribute(\"0\", .tensor(Tensor.ones([1])))"),
    ("setattr int over buffer", "m = nn.Module(); m.register_buffer('b', None); m.b = 3",
     "let m = Module(); try m.registerBuffer(\"b\", nil); try m.setAttribute(\"b\", .other(typeName: \"int\"))"),
    ("getattr missing", "nn.Sequential().foo", "_ = try Sequential().attribute(\"foo\")"),
    ("getattr missing linear", "nn.Linear(1, 1).foo", "_ = try Linear(1, 1, generator: g).attribute(\"foo\")"),
    ("sequential index", "nn.Sequential(nn.ReLU(), nn.ReLU())[5]", "_ = try Sequential([ReLU(), ReLU()]).module(at: 5)"),
    ("sequential negative index", "nn.Sequential(nn.ReLU(), nn.ReLU())[-3]", "_ = try Sequential([ReLU(), ReLU()]).module(at: -3)"),
    ("sequential insert", "nn.Sequential(nn.ReLU()).insert(3, nn.ReLU())", "try Sequential([ReLU()]).insert(3, ReLU())"),
    ("modulelist index", "nn.ModuleList([nn.ReLU()])[1]", "_ = try ModuleList([ReLU()]).module(at: 1)"),
    ("moduledict key", "nn.ModuleDict()['x']", "_ = try ModuleDict().module(forKey: \"x\")"),
    ("forward missing", "nn.Module()(torch.ones(1))", "_ = try Module()(Tensor.ones([1]))"),
    ("parameterlist call", "nn.ParameterList()(torch.ones(1))", "_ = try ParameterList()(Tensor.ones([1]))"),
    ("kaiming bad mode", "init.kaiming_uniform_(torch.empty(3, 4), mode='fan_avg')",
     "try Init.kaimingUniform_(Tensor.empty([3, 4]), mode: \"fan_avg\", generator: g)"),
    ("kaiming 1-D", "init.kaiming_normal_(torch.empty(3))", "try Init.kaimingNormal_(Tensor.empty([3]), generator: g)"),
    ("xavier 0-D", "init.xavier_uniform_(torch.empty(()))", "try Init.xavierUniform_(Tensor.empty([]), generator: g)"),
    ("gain ReLU", "init.calculate_gain('ReLU')", "_ = try Init.calculateGain(\"ReLU\")"),
    ("gain gelu", "init.calculate_gain('gelu')", "_ = try Init.calculateGain(\"gelu\")"),
    ("gain leaky bool", "init.calculate_gain('leaky_relu', True)", "_ = try Init.calculateGain(\"leaky_relu\", param: .invalid(\"True\"))"),
    ("eye 3-D", "init.eye_(torch.empty(2, 2, 2))", "try Init.eye_(Tensor.empty([2, 2, 2]))"),
    ("dirac 2-D", "init.dirac_(torch.empty(2, 2))", "try Init.dirac_(Tensor.empty([2, 2]))"),
    ("dirac groups", "init.dirac_(torch.empty(3, 2, 2), groups=2)", "try Init.dirac_(Tensor.empty([3, 2, 2]), groups: 2)"),
    ("sparse 3-D", "init.sparse_(torch.empty(2, 2, 2), 0.5)", "try Init.sparse_(Tensor.empty([2, 2, 2]), sparsity: 0.5)"),
    ("orthogonal 1-D", "init.orthogonal_(torch.empty(3))", "try Init.orthogonal_(Tensor.empty([3]), generator: g)"),
    ("linear negative", "nn.Linear(-1, 3)", "_ = try Linear(-1, 3, generator: g)"),
    ("load missing", "nn.Linear(2, 2).load_state_dict({'weight': torch.zeros(2, 2)})",
     "try Linear(2, 2, generator: g).loadStateDict([(\"weight\", Tensor.zeros([2, 2]))])"),
    ("load unexpected and missing", "nn.Sequential(nn.Linear(2, 2)).load_state_dict({'0.weight': torch.zeros(2, 2), 'x': torch.zeros(1), '0.foo.bar': torch.zeros(1), '1.w': torch.zeros(1)})",
     "try Sequential([try Linear(2, 2, generator: g)]).loadStateDict([(\"0.weight\", Tensor.zeros([2, 2])), (\"x\", Tensor.zeros([1])), (\"0.foo.bar\", Tensor.zeros([1])), (\"1.w\", Tensor.zeros([1]))])"),
    ("load size mismatch", "nn.Linear(2, 2).load_state_dict({'weight': torch.zeros(3, 2), 'bias': torch.zeros(1)})",
     "try Linear(2, 2, generator: g).loadStateDict([(\"weight\", Tensor.zeros([3, 2])), (\"bias\", Tensor.zeros([1]))])"),
    ("dropout p", "nn.Dropout(1.5)", "_ = try Dropout(p: 1.5)"),
    ("gelu approximate", "nn.GELU(approximate='foo')(torch.ones(1))", "_ = try GELU(approximate: \"foo\")(Tensor.ones([1]))"),
]
emit("    static let errors: [ErrorGolden] = [")
for label, py, sw in ERRORS:
    torch.manual_seed(0)
    try:
        exec(py, {"nn": nn, "torch": torch, "init": init})
    except Exception as e:
        text = f"{type(e).__name__}: {e}"
    else:
        raise SystemExit(f"no error for {label}")
    emit(f"        ErrorGolden(label: {swift_str(label)}, run: {{ g in {sw} }}, expected: {swift_str(text)}),")
emit("    ]")

# ---------------------------------------------------------------- load_state_dict results
emit("    static let loadResults: [(String, String)] = [")
r1 = nn.Linear(2, 2).load_state_dict(nn.Linear(2, 2).state_dict())
r2 = nn.Linear(2, 2).load_state_dict({"weight": torch.zeros(2, 2), "x": torch.zeros(1)}, strict=False)
emit(f"        (\"match\", {swift_str(repr(r1))}),")
emit(f"        (\"nonstrict\", {swift_str(repr(r2))}),")
emit("    ]")

# ---------------------------------------------------------------- lazy materialisation and forward
emit("    static let lazy: [LazyGolden] = [")
for seed in range(4):
    torch.manual_seed(seed)
    X = torch.rand(2, 20)
    net = nn.Sequential(nn.LazyLinear(8), nn.ReLU(), nn.LazyLinear(3))
    y = net(X)
    after = torch.rand(1).item()
    emit(f"        LazyGolden(seed: {seed}, input: {swift_doubles(X)}, repr: {swift_str(repr(net))}, "
         f"stateDictKeys: {swift_strs(list(net.state_dict().keys()))}, "
         f"stateDictValues: [{', '.join(swift_doubles(v) for v in net.state_dict().values())}], "
         f"output: {swift_doubles(y)}, nextUniform: {float(after)!r}),")
emit("    ]")

# ---------------------------------------------------------------- seed tutorial 000: MLP forward/backward and custom init
emit("    static let tutorial: [TutorialGolden] = [")
for seed in range(4):
    torch.manual_seed(seed)
    net = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 1))
    X = torch.rand(2, 4)
    Y = net(X).sum()
    Y.backward()
    grad0 = net[0].weight.grad
    def init_weight_(tensor):
        with torch.no_grad():
            tensor.uniform_(-10, 10)
            tensor *= (tensor.abs() >= 5).float()
    for name, param in net.named_parameters():
        if 'weight' in name:
            init_weight_(param)
    for name, param in net.named_parameters():
        if 'bias' in name:
            param.data += 1
    emit(f"        TutorialGolden(seed: {seed}, input: {swift_doubles(X)}, sum: {float(Y)!r}, weight0Grad: {swift_doubles(grad0)}, "
         f"afterCustomInit: [{', '.join(swift_doubles(v) for v in net.state_dict().values())}]),")
emit("    ]")

# ---------------------------------------------------------------- optimisers: 3 steps of a Linear(3, 2) on MSE
OPTIMS = [
    ("SGD lr=0.1", "torch.optim.SGD(ps, lr=0.1)", "try SGD(ps, lr: 0.1)"),
    ("SGD momentum nesterov wd", "torch.optim.SGD(ps, lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01)",
     "try SGD(ps, lr: 0.05, momentum: 0.9, weightDecay: 0.01, nesterov: true)"),
    ("SGD dampening maximize", "torch.optim.SGD(ps, lr=0.05, momentum=0.5, dampening=0.3, maximize=True)",
     "try SGD(ps, lr: 0.05, momentum: 0.5, dampening: 0.3, maximize: true)"),
    ("Adam", "torch.optim.Adam(ps, lr=0.01)", "try Adam(ps, lr: 0.01)"),
    ("Adam wd", "torch.optim.Adam(ps, lr=0.01, weight_decay=0.1, betas=(0.8, 0.99))",
     "try Adam(ps, lr: 0.01, betas: (0.8, 0.99), weightDecay: 0.1)"),
    ("AdamW", "torch.optim.AdamW(ps, lr=0.01)", "try AdamW(ps, lr: 0.01)"),
]
emit("    static let optimizers: [OptimGolden] = [")
for label, py, sw in OPTIMS:
    torch.manual_seed(0)
    lin = nn.Linear(3, 2)
    X = torch.rand(4, 3)
    Y = torch.rand(4, 2)
    ps = list(lin.parameters())
    opt = eval(py, {"torch": torch, "ps": ps})
    for _ in range(3):
        opt.zero_grad()
        loss = nn.functional.mse_loss(lin(X), Y)
        loss.backward()
        opt.step()
    emit(f"        OptimGolden(label: {swift_str(label)}, make: {{ ps in {sw} }}, repr: {swift_str(repr(opt))}, "
         f"values: [{', '.join(swift_doubles(p) for p in ps)}]),")
emit("    ]")

# ---------------------------------------------------------------- layer forwards
FORWARDS = [
    ("relu", "nn.ReLU()", "ReLU()"), ("leaky", "nn.LeakyReLU(0.2)", "LeakyReLU(negativeSlope: 0.2)"),
    ("sigmoid", "nn.Sigmoid()", "Sigmoid()"), ("tanh", "nn.Tanh()", "Tanh()"),
    ("gelu tanh", "nn.GELU(approximate='tanh')", "GELU(approximate: \"tanh\")"),
    ("softmax", "nn.Softmax(dim=1)", "Softmax(dim: 1)"), ("logsoftmax", "nn.LogSoftmax(dim=0)", "LogSoftmax(dim: 0)"),
    ("flatten", "nn.Flatten(0)", "Flatten(startDim: 0)"), ("unflatten", "nn.Unflatten(1, (2, 2))", "try Unflatten(1, [2, 2])"),
    ("identity", "nn.Identity()", "Identity()"), ("dropout eval", "nn.Dropout().eval()", "try Dropout().eval()"),
]
emit("    static let forwards: [ForwardGolden] = [")
torch.manual_seed(5)
x = torch.randn(3, 4)
for label, py, sw in FORWARDS:
    y = eval(py, {"nn": nn})(x)
    emit(f"        ForwardGolden(label: {swift_str(label)}, make: {{ {sw} }}, input: {swift_doubles(x)}, shape: {list(x.shape)}, "
         f"output: {swift_doubles(y)}, outputShape: {list(y.shape)}),")
emit("    ]")

LOSSES = [
    ("mse", "nn.MSELoss()", "try MSELoss()", "regress"), ("mse sum", "nn.MSELoss(reduction='sum')", "try MSELoss(reduction: \"sum\")", "regress"),
    ("l1", "nn.L1Loss()", "try L1Loss()", "regress"),
    ("bce", "nn.BCELoss()", "try BCELoss()", "prob"), ("bce logits", "nn.BCEWithLogitsLoss()", "try BCEWithLogitsLoss()", "regress"),
    ("cross entropy", "nn.CrossEntropyLoss()", "try CrossEntropyLoss()", "class"),
    ("nll", "nn.NLLLoss()", "try NLLLoss()", "class"),
]
emit("    static let losses: [LossGolden] = [")
torch.manual_seed(6)
inp = torch.randn(3, 4)
prob = torch.rand(3, 4)
tgt_r = torch.rand(3, 4)
tgt_c = torch.tensor([1, 0, 3])
for label, py, sw, kind in LOSSES:
    xin = (prob if kind == "prob" else inp).clone().requires_grad_(True)
    tgt = tgt_c if kind == "class" else tgt_r
    loss = eval(py, {"nn": nn})(xin, tgt)
    loss.backward()
    tv = "Tensor(int64Values: [1, 0, 3], shape: [3])" if kind == "class" else f"Tensor(values: {swift_doubles(tgt)}, shape: [3, 4])"
    emit(f"        LossGolden(label: {swift_str(label)}, make: {{ {sw} }}, input: {swift_doubles(xin)}, target: {{ {tv} }}, "
         f"repr: {swift_str(repr(eval(py, {'nn': nn})))}, loss: {float(loss)!r}, grad: {swift_doubles(xin.grad)}),")
emit("    ]")

header = f"""// Generated by scripts/golden_nn.py from PyTorch {torch.__version__}; do not edit.
// Regenerate: .venv-torch/bin/python scripts/golden_nn.py
import NN
import TensorEngine

enum NNGoldens {{
"""
with open(OUT, "w") as f:
    f.write(header + "\n".join(lines) + "\n}\n")
print("wrote", OUT, len(lines), "lines")
