#!/usr/bin/env python3
"""Runs hundreds of small hostile programs through nnrepl and reports every one that crashes it.

    scripts/hostile_inputs.py [--quick] [--binary PATH] [--jobs N] [--filter TEXT] [--show]

A run fails when nnrepl dies by a signal, exits with a code other than 0/1, runs past the timeout and
then ignores SIGINT (Ctrl-C), or prints
`Fatal error` / `Precondition failed` / `Program crashed`. Programs are generated combinatorially: every
name that `dir(torch)`, `dir(torch.Tensor)`, `dir(torch.nn)`, `dir(torch.nn.functional)` and
`dir(torch.nn.init)` list inside nnrepl itself, called with pathological arguments, plus language-level
abuse (deep nesting, recursion, huge repetition, self-referencing containers), plus whole source files
(`SOURCES`: NUL bytes, reproducers from scripts/fuzz.sh) run unwrapped, one per process.

To keep the sweep fast, programs run in batches, each wrapped in `try/except BaseException`; a batch that
fails is re-run one program at a time to name the culprits. `--quick` runs the language-level programs
plus a fixed sample of 6,000 (~1 minute on 2 cores when clean, longer while crashes are being isolated);
`--sample N --seed S` draws another sample; the default runs all ~400,000 (~20 minutes). Each run gets a
`ulimit -v 8000000` address-space limit. Exits 1 if any program fails; the last line is `N passed, M failed`.
"""
import argparse
import itertools
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARKERS = ("Fatal error", "Precondition failed", "Program crashed", "Assertion failed", "Illegal instruction")
MEMORY_LIMIT = 8_000_000 * 1024  # bytes of address space (ulimit -v 8000000)
PRELUDE = "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n"

# Pathological arguments, as source text.
INTS = ["0", "-1", "-5", "1", "3", "2**62", "-2**62", "2**63-1", "-2**63", "10**12", "2**31", "2**32+1", "10**18"]
FLOATS = ["float('nan')", "float('inf')", "-float('inf')", "1e308", "-0.0", "1e-320", "0.5", "-2.5"]
OTHERS = ["None", "True", "False", "'a'", "''", "[]", "[[]]", "[1, [2]]", "[[1, 2], [3]]", "{}", "{'a': 1}", "()",
          "(1, -1)", "(2**62, 2**62)", "(-1, -1)", "(0, 0)", "lambda x: x", "nn.Linear(2, 2)", "torch", "print",
          "torch.float64", "torch.int64", "torch.bool", "slice(None)", "...", "object()", "b'ab'", "[2**62] * 3",
          "[float('nan')]", "[[1], [2, 3]]", "[None]", "['a']", "[True, 2, 3.5]", "range(5)", "1j" ]
TENSORS = ["torch.tensor(3.)", "torch.tensor([])", "torch.zeros(0, 3)", "torch.zeros(2, 3)", "torch.tensor([1, 2, 3])",
           "torch.tensor([True, False])", "torch.tensor([float('nan'), float('inf'), -float('inf')])",
           "torch.ones(2, 3, 4)", "torch.arange(6).reshape(2, 3)", "torch.zeros(3, 0, 2)", "torch.tensor(7)",
           "torch.randn(4, 4, requires_grad=True)", "torch.ones(1, 1, 5, 5)", "torch.tensor([2**62, -2**62])",
           "torch.zeros(5).expand(3, 5)", "torch.arange(12.).reshape(3, 4).t()", "torch.ones(2, 1, 3)[:, :, ::2]"]
VALUES = INTS + FLOATS + OTHERS + TENSORS
SMALL_TENSORS = ["torch.tensor(3.)", "torch.zeros(0, 3)", "torch.zeros(2, 3)", "torch.tensor([1, 2, 3])",
                 "torch.tensor([True, False])", "torch.ones(2, 3, 4)", "torch.randn(4, 4, requires_grad=True)",
                 "torch.ones(1, 1, 5, 5)", "torch.tensor([2**62, -2**62])", "torch.arange(12.).reshape(3, 4).t()"]
SIZE_INTS = ["0", "-1", "2**62", "-2**63", "10**12", "2**31", "3"]

LANGUAGE = [
    # unbounded allocation
    "[0] * 10**12", "'a' * 10**12", "b'a' * 10**12", "list(range(10**18))", "tuple(range(10**18))",
    "[1, 2] * 2**62", "(1,) * 2**62", "'ab' * -1", "[0] * (2**63 - 1)", "'x'.center(10**12)", "'x'.ljust(2**62)",
    "'x'.zfill(10**12)", "'{:1000000000000}'.format(1)", "'{:.1000000000000f}'.format(1.5)", "'%*d' % (10**12, 1)",
    "'%.*f' % (10**12, 1.5)", "f'{1:{10**12}}'", "'x' * 2**31 * 2**31", "bytes(10**12)", "set(range(10**18))",
    "sorted(range(10**18))", "sum(range(10**18))", "' '.join(['a'] * 10**9)", "[x for x in range(10**18)]",
    "dict.fromkeys(range(10**18))", "'a\\tb'.expandtabs(10**12)", "list(zip(range(10**18), range(10**18)))",
    "'abc'.replace('', 'x' * 10**6, 10**12)", "list(reversed(range(10**18)))", "len(range(-2**63, 2**63-1))",
    "range(-2**63, 2**63-1)[2**62]", "range(0, 10, 0)", "range(2**62)[::-1][0]", "list(range(0, 2**63-1, 2**62))",
    "list(enumerate(range(3), 2**63-1))", "[1, 2, 3][::-(2**63)]", "[1, 2, 3][-2**63:2**63-1:2**62]",
    "'abc'[::-(2**63)]", "(1, 2)[2**63-1:-2**63:-1]", "'abc'[2**62:]", "[1][-2**63]", "'a'[2**63-1]",
    # integer arithmetic
    "(2**63 - 1) + 1", "-2**63 - 1", "(-2**63) // -1", "(-2**63) % -1", "abs(-2**63)", "-(-2**63)", "2**63",
    "2**-2**62", "(-2**63) * -1", "divmod(-2**63, -1)", "pow(2, 10**18)", "pow(2, -1, 0)", "pow(-2**63, 2, -1)",
    "1 // 0", "1 % 0", "divmod(1, 0)", "1 << 2**62", "1 << -1", "1 >> 2**62", "-1 >> 2**62", "2**62 << 2",
    "10**10**10", "int('9' * 5000)", "int('1' * 100, 2)", "int('z', 36)", "int('0x' + 'f' * 40, 16)", "~(-2**63)",
    "hash(-2**63)", "round(1.5, 2**62)", "round(1.5, -2**62)", "round(2**62, -2**62)", "round(-2**63, -1)",
    "round(float('inf'))", "round(float('nan'))", "round(1e308, -308)", "round(2**63-1, -1)",
    "int(float('inf'))", "int(float('nan'))", "int(1e308)", "int(-1e19)", "int(9.3e18)", "float(2**63-1) // 1",
    "1e308 * 10", "1e308 // 1e-308", "divmod(1e308, 1e-308)", "float('inf') // 1", "float('nan') % 1",
    "2.0 ** 10000", "(-8.0) ** (1/3)", "0.0 ** -1", "10 ** -400", "int(1e308) if False else 1",
    "(2**62).bit_length()", "(-2**63).to_bytes(8, 'big')", "int.from_bytes(b'\\xff' * 100, 'big')",
    "chr(-1)", "chr(2**62)", "chr(0x110000)", "chr(0xD800)", "ord('')", "ord('ab')", "'%c' % -1", "'%c' % 2**62",
    "'{:c}'.format(0xD800)", "'{:c}'.format(2**62)", "'%c' % 0xD800", "str(b'\\xff', 'utf-8')",
    "'%d' % float('nan')", "'%d' % float('inf')", "'%x' % -2**63", "'{:x}'.format(-2**63)", "format(-2**63, 'b')",
    "'{:,}'.format(-2**63)", "'{:e}'.format(-2**63)", "'%.1000000f' % 1", "'%e' % 1e308", "'%g' % float('nan')",
    "'{:%}'.format(float('inf'))", "'{0[2**62]}'.format([1])", "'{0[-1]}'.format([1])",
    "'{999999999999999999999}'.format(1)", "'{:{}}'.format(1, 2**62)", "'{' * 10**5", "format(1, '0' * 10**5 + '1')",
    "[1, 2, 3].index(1, 2**62)", "[1, 2, 3].insert(-2**63, 0)", "[1, 2, 3].pop(-2**63)", "'abc'.find('a', -2**63)",
    "'abc'.count('', -2**63, 2**63-1)", "'abc'.split(None, 2**63-1)", "'abc'.rsplit('b', -2**63)",
    "'abc'.replace('a', 'b', -2**63)", "'abc'.startswith('a', 2**63-1)", "[0] * 5 == [0] * 2**62",
    "x = [1, 2, 3]; del x[-2**63:2**63-1:2**62]", "x = [1, 2, 3]; x[::2**62] = []", "x = [1, 2, 3]; x[::0] = [1]",
    "x = [1, 2, 3]; x[2**62:2**62] = [1]", "x = [1] * 3; x *= 2**62", "x = 'a'; x *= 2**62",
    "x = [1, 2, 3]; x[::-1] = [1, 2]", "x = list(range(10)); x[1:9:3] = 'abc'", "x = [1]; x.extend(x); x.extend(x)",
    "x = [1]; x[0:0] = x; print(x)", "import sys; sys.setrecursionlimit(10**9)", "sorted([3, 1, 2], key=2)",
    "sorted([1, 'a', None])", "max([])", "min(1)", "sum([[1]], [])", "sum(['a'], '')", "iter(5)", "next(iter([]))",
    "zip(*[1])", "map(None, [1])", "list(map(lambda: 1, [1]))", "divmod(2**62, 0.0)", "float('1e400')",
    # recursion
    "def f(): return f()\nf()", "def f(n): return f(n + 1) + 1\nf(0)", "def g(): return [g()]\ng()",
    "f = lambda: f()\nf()", "class A:\n    def __repr__(self): return repr(self)\nrepr(A())",
    "class A:\n    def __getattr__(self, k): return self.k\nA().x",
    "class A:\n    def __getattribute__(self, k): return self.k\nA().x",
    "class A:\n    def __eq__(self, o): return self == o\nA() == A()",
    "class A:\n    def __len__(self): return len(self)\nlen(A())",
    "class A:\n    def __str__(self): return str(self)\nprint(A())",
    "class A:\n    def __hash__(self): return hash(self)\n{A(): 1}",
    "class A:\n    def __bool__(self): return not self\nif A(): pass",
    "class A:\n    def __iter__(self): return self\n    def __next__(self): return 1\nlist(A())",
    "class A:\n    def __len__(self): return -1\nlen(A())", "class A:\n    def __len__(self): return 2**63-1\nlen(A())",
    "class A:\n    def __index__(self): return 2**62\n[1][A()]", "class A:\n    def __len__(self): return 'x'\nlen(A())",
    "class A:\n    def __init__(self): self.a = A()\nA()", "class A(A): pass", "class A: pass\nclass B(A, A): pass",
    "class A:\n    @property\n    def x(self): return self.x\nA().x",
    "class A:\n    def __add__(self, o): return self + o\nA() + 1",
    "class A:\n    def __lt__(self, o): return self < o\nsorted([A(), A()])",
    "class A:\n    def __setattr__(self, k, v): setattr(self, k, v)\nA().x = 1",
    "class A:\n    def __getitem__(self, i): return self[i]\nA()[0]",
    "class A:\n    def __call__(self): return self()\nA()()", "class A:\n    def __contains__(self, x): return x in self\n1 in A()",
    "class A:\n    def __format__(self, s): return format(self, s)\nf'{A()}'",
    "def f(): yield from f()\nlist(f())",  # (not `try: return f() finally: return f()`: CPython ignores Ctrl-C there too)
    "def f():\n    try:\n        f()\n    except RecursionError:\n        f()\nf()",
    "def f(x=[]):\n    x.append(x)\n    return x\nprint(f())",
    # self-reference and deep nesting
    "x = []; x.append(x); print(x)", "x = {}; x['a'] = x; print(x)", "x = [1]; x.append((x,)); print(repr(x))",
    "x = []; x.append(x); x == x", "x = []; x.append(x); hash(str(x))", "x = []; x.append(x); sorted([x, x])",
    "x = []; x.append(x); y = []; y.append(y); x == y", "x = []; x.append(x); torch.tensor(x)",
    "x = []; x.append(x); str(x).count('[')", "x = {}; x[1] = x; x == x.copy()", "x = []; x.append(x); list(x) == x",
    "x = []\nfor i in range(100000): x = [x]\nprint(len(str(x)))", "x = []\nfor i in range(100000): x = [x]\nx == x[0]",
    "x = []\nfor i in range(100000): x = [x]\ntorch.tensor(x)", "x = 1\nfor i in range(100000): x = (x,)\nhash(x)",
    "x = []\nfor i in range(100000): x = [x]\ndel x", "x = {}\nfor i in range(100000): x = {'a': x}\nprint(x)",
    "x = None\nfor i in range(100000): x = lambda x=x: x\nx", "x = []\nfor i in range(100000): x = [x]\nlist(x) == x",
    "m = nn.Linear(1, 1)\nfor i in range(10000): m = nn.Sequential(m)\nprint(m)",
    "m = nn.Linear(1, 1)\nfor i in range(10000): m = nn.Sequential(m)\nlist(m.parameters())",
    "m = nn.Linear(1, 1)\nfor i in range(10000): m = nn.Sequential(m)\nm.state_dict()",
    "m = nn.Linear(1, 1)\nfor i in range(10000): m = nn.Sequential(m)\nm(torch.ones(1))",
    "m = nn.Sequential()\nm.add_module('a', m)\nprint(m)", "m = nn.Sequential()\nm.append(m)\nlist(m.modules())",
    "m = nn.Module()\nm.a = m\nprint(m)", "m = nn.Module()\nm.a = m\nm.state_dict()", "m = nn.Module()\nm.a = m\nm.zero_grad()",
    "m = nn.Module()\nm.a = m\nlist(m.named_modules())", "m = nn.ModuleList()\nm.append(m)\nprint(m)",
    "m = nn.Module()\nm.a = m\nm.train()", "m = nn.Module()\nm.a = m\nm.to(torch.float64)", "m = nn.Module()\nm.a = m\nm.apply(print)",
    "t = torch.ones(2, requires_grad=True)\nfor i in range(100000): t = t * 1\nt.sum().backward()",
    "t = torch.ones(2, requires_grad=True)\nfor i in range(100000): t = t + t\nprint(t)",
    "[" * 100000, "(" * 100000 + ")" * 100000, "-" * 100000 + "1", "not " * 100000 + "1", "1" + "+1" * 100000,
    "a." * 100000 + "b", "f(" * 100000 + ")" * 100000, "lambda: " * 100000 + "1", "1 if 1 else " * 100000 + "1",
    "x[" * 100000 + "0" + "]" * 100000, "{" * 100000 + "}" * 100000, "1" + "**1" * 100000, "-" * 10**6 + "1",
    "~" * 100000 + "1", "[" * 1000 + "]" * 1000, "(" * 1000 + ")" * 1000, "x = " + "[" * 100000 + "]" * 100000,
    "".join(" " * i + "if 1:\n" for i in range(1000)) + " " * 1000 + "pass", "x = 1\n" * 100000,
    "\n".join("def f%d(): return f%d()" % (i, i + 1) for i in range(10000)) + "\nf0()", "f'" + "{" * 10000 + "1" + "}" * 10000 + "'",
    "'" + "\\" * 100001 + "'", "x" * 10**6 + " = 1", "1" * 10**6, "0x" + "f" * 10**5, "1e" + "9" * 1000, "1." + "0" * 10**5 + "1",
    "torch.tensor(" + "[" * 100000 + "1" + "]" * 100000 + ")",
    # tensors of huge or degenerate size
    "torch.zeros(10**12)", "torch.ones(2**62)", "torch.empty(2**31, 2**31)", "torch.zeros(2**32, 2**32)",
    "torch.zeros(3, 2**62, 2**62)", "torch.zeros(2**62, 0, 2**62)", "torch.zeros(-1)", "torch.zeros(0, -1)",
    "torch.zeros(*([1] * 1000))", "torch.zeros(*([2] * 64))", "torch.zeros(*([1] * 100000))", "torch.zeros(10**9)",
    "torch.arange(10**12)", "torch.arange(0, 1, 1e-15)", "torch.arange(0, 2**62, 1e-20)", "torch.arange(-2**63, 2**63-1)",
    "torch.arange(0, 10, 0)", "torch.arange(float('nan'))", "torch.arange(float('inf'))", "torch.arange(0, float('inf'), 1)",
    "torch.arange(0, 1e308, 1e-308)", "torch.arange(1e308)", "torch.arange(-1e19, 1e19, 1e18)",
    "torch.linspace(0, 1, 10**12)", "torch.linspace(0, 1, -1)", "torch.linspace(0, 1, 2**62)",
    "torch.linspace(float('nan'), float('inf'), 5)", "torch.linspace(-1e308, 1e308, 5)", "torch.eye(10**12)",
    "torch.eye(2**62, 2**62)", "torch.eye(-1)", "torch.eye(3, -1)", "torch.full((2**62,), 1)", "torch.full((-1,), 1)",
    "torch.randn(2**62)", "torch.rand(10**12)", "torch.randint(0, 10, (2**62,))", "torch.randint(10, 0, (3,))",
    "torch.randint(-2**63, 2**63-1, (3,))", "torch.randint(0, 2**62, (3,))", "torch.randperm(-1)", "torch.randperm(10**12)",
    "torch.randperm(2**62)", "torch.randperm(0)", "torch.randint(5, (3,), dtype=torch.bool)",
    "torch.ones(3).repeat(2**62)", "torch.ones(3).repeat(2**31, 2**31)", "torch.ones(3).repeat(-1)",
    "torch.ones(3).expand(2**62, 3)", "torch.ones(3).expand(2**62, 2**62, 3).sum()", "torch.ones(1).expand(2**62).clone()",
    "torch.ones(1).expand(2**62).contiguous()", "print(torch.ones(1).expand(2**62))", "torch.ones(1).expand(10**12).sum()",
    "torch.ones(1).expand(2**62) + 1", "torch.ones(1, 1).expand(2**31, 2**31).reshape(-1)",
    "torch.ones(1, 1).expand(2**31, 2**31).t() @ torch.ones(2**31, 1)", "torch.ones(1).expand(2**40).tolist()",
    "torch.ones(6).view(-1, -1)", "torch.ones(6).view(0, -1)", "torch.zeros(0).view(-1, 0)", "torch.zeros(0).reshape(2**62, 0, -1)",
    "torch.ones(6).reshape(2**62, -1)", "torch.ones(6).view(2**32, 2**32)", "torch.ones(2**62 // 2**40)",
    "torch.ones(6)[::2**62]", "torch.ones(6)[::-1]", "torch.ones(6)[::0]", "torch.ones(6)[-2**63:2**63-1:2**62]",
    "torch.ones(6)[2**63-1]", "torch.ones(6)[-2**63]", "torch.ones(6)[[2**62]]", "torch.ones(6)[torch.tensor([-2**63])]",
    "torch.ones(6)[None, None, ..., None]", "torch.ones(6)[..., ...]", "torch.ones(6)[(None,) * 100]", "torch.ones(6)[(0,) * 100]",
    "torch.ones(6)[(None,) * 100000]", "t = torch.ones(6); t[::2**62] = 5", "t = torch.ones(6); t[2**62] = 5",
    "t = torch.ones(6); t[-2**63:] = 5", "t = torch.ones(6); t[torch.tensor([True])] = 1", "t = torch.ones(6); t[[1, 2]] = torch.ones(5)",
    "t = torch.ones(6); t[...] = torch.ones(2, 6)", "t = torch.ones(6); t[None] = 2", "t = torch.ones(2, 3); t[:, 2**62:] = 1",
    "torch.ones(2, 3).narrow(1, 2**62, 2**62)", "torch.ones(2, 3).narrow(1, -2**63, 1)", "torch.ones(2, 3).narrow(-2**63, 0, 1)",
    "torch.ones(2, 3).select(1, -2**63)", "torch.ones(2, 3).sum(-2**63)", "torch.ones(2, 3).sum((0, 0))", "torch.ones(2, 3).transpose(2**62, 0)",
    "torch.ones(2, 3).permute(0, 0)", "torch.ones(2, 3).permute(2**62, 0)", "torch.ones(2, 3).permute(-2**63, 0)",
    "torch.ones(2, 3).unsqueeze(2**62)", "torch.ones(2, 3).unsqueeze(-2**63)", "torch.ones(2, 3).flatten(2**62)",
    "torch.ones(2, 3).flatten(1, 0)", "torch.ones(2, 3).chunk(0)", "torch.ones(2, 3).chunk(-1)", "torch.ones(2, 3).chunk(2**62)",
    "torch.ones(2, 3).split(0)", "torch.ones(2, 3).split(-1)", "torch.ones(2, 3).split([2**62, -2**62+2])", "torch.ones(2, 3).split(2**62)",
    "torch.ones(2, 3).split([-1, 3])", "torch.ones(0).split(0)", "torch.zeros(0).chunk(3)", "torch.ones(2, 3).std(correction=2**62)",
    "torch.ones(2, 3).var(correction=-2**63)", "torch.ones(2, 3).std(correction=float('nan'))", "torch.ones(2, 3).var(correction=1e300)",
    "torch.ones(3, dtype=torch.int64) // 0", "torch.ones(3, dtype=torch.int64) % 0", "torch.tensor([-2**63]) // -1",
    "torch.tensor([-2**63]) % -1", "torch.tensor(-2**63).abs()", "-torch.tensor(-2**63)", "torch.tensor([2**62]) * 4",
    "torch.tensor([2**62]).sum() * 4", "torch.tensor([2**62] * 8).sum()", "torch.tensor([2**62] * 8).prod()", "torch.tensor([3]) ** 100",
    "torch.tensor([3]) ** -1", "torch.tensor([0]) ** -1", "torch.tensor(2) ** torch.tensor(2**62)", "torch.tensor([-2**63]).float().long()",
    "torch.tensor([float('nan'), float('inf'), 1e300]).long()", "torch.tensor([float('nan')]).int()", "torch.tensor(float('inf')).item().__int__()",
    "int(torch.tensor(float('nan')))", "int(torch.tensor(float('inf')))", "int(torch.tensor(1e300))", "torch.tensor([1e300]).to(torch.int64)",
    "torch.tensor(float('nan')).long()", "torch.tensor([float('nan')]).round().long()", "torch.full((2,), float('nan'), dtype=torch.int64)",
    "torch.full((2,), 1e300, dtype=torch.int64)", "torch.tensor([1e300], dtype=torch.int64)", "torch.tensor(float('inf'), dtype=torch.int64)",
    "torch.zeros(3, dtype=torch.int64).fill_(float('nan'))", "torch.zeros(3, dtype=torch.int64).add_(float('inf'))",
    "torch.zeros(3, dtype=torch.int64) + float('nan')", "torch.zeros(3, dtype=torch.int64).clamp(float('nan'))",
    "torch.zeros(3, dtype=torch.int64).masked_fill(torch.tensor([True, False, True]), float('nan'))",
    "torch.zeros(3, dtype=torch.int64).uniform_(-1e300, 1e300)", "torch.zeros(3, dtype=torch.int64).normal_(0, 1e300)",
    "torch.arange(10, dtype=torch.int64).div(0, rounding_mode='floor')", "torch.arange(10).div(0, rounding_mode='trunc')",
    "torch.tensor([-2**63]).div(-1, rounding_mode='floor')", "torch.tensor([-2**63]).div(-1, rounding_mode='trunc')",
    "torch.tensor([-2**63]).remainder(-1)", "torch.tensor([-2**63]).floor_divide(-1)", "torch.tensor(5).remainder(0)",
    "torch.tensor([5]).floor_divide(torch.tensor([0]))", "torch.tensor(-2**63).sign()", "torch.tensor(-2**63).neg()",
    "torch.tensor([-2**63]).clamp(min=-2**63, max=2**63-1)", "torch.ones(2).gather(0, torch.tensor([2**62]))",
    "torch.ones(2).gather(0, torch.tensor([-2**63]))", "torch.ones(2).index_select(0, torch.tensor([-2**63]))",
    "torch.ones(2).index_select(0, torch.tensor([2**62]))", "torch.ones(2, 2).gather(1, torch.ones(5, 5, dtype=torch.int64))",
    "torch.ones(2, 2).gather(1, torch.ones(1, 1, 1, dtype=torch.int64))", "torch.ones(3)[torch.tensor([2**62])]",
    "torch.ones(3)[torch.tensor([True, False])]", "torch.ones(3)[torch.tensor([[True]])]", "torch.ones(3).masked_fill(torch.ones(4, dtype=torch.bool), 1)",
    "torch.nn.functional.one_hot(torch.tensor([2**62]))" , "torch.nn.functional.one_hot(torch.tensor([-1]))",
    "torch.nn.functional.one_hot(torch.tensor([1]), 2**62)", "torch.nn.functional.cross_entropy(torch.ones(2, 3), torch.tensor([2**62, 0]))",
    "torch.nn.functional.cross_entropy(torch.ones(2, 3), torch.tensor([-2**63, 0]))", "torch.nn.functional.nll_loss(torch.ones(2, 3), torch.tensor([5, -7]))",
    "torch.nn.functional.cross_entropy(torch.ones(2, 3), torch.tensor([0, -100]), ignore_index=-100)",
    "torch.nn.functional.cross_entropy(torch.ones(2, 3), torch.tensor([0, 1]), ignore_index=2**62)",
    "torch.nn.functional.cross_entropy(torch.ones(2, 0), torch.tensor([0, 1]))", "torch.nn.functional.cross_entropy(torch.ones(0, 3), torch.zeros(0, dtype=torch.int64))",
    "torch.nn.functional.cross_entropy(torch.ones(2, 3), torch.tensor([0.5, 1.0]))", "torch.nn.functional.cross_entropy(torch.ones(3), torch.tensor(5))",
    "torch.nn.functional.nll_loss(torch.ones(3), torch.tensor(-2))", "torch.nn.functional.cross_entropy(torch.ones(2, 3, 4), torch.ones(2, 4, dtype=torch.int64) * 9)",
    "torch.nn.functional.cross_entropy(torch.ones(2, 3), torch.tensor([float('nan'), 1.0]).long())",
    "torch.nn.functional.cross_entropy(torch.ones(2, 3), torch.tensor([0, 1]), weight=torch.ones(1))",
    "torch.nn.functional.cross_entropy(torch.ones(2, 3), torch.tensor([0, 1]), label_smoothing=float('nan'))",
    "nn.Embedding(2**62, 2**62)", "nn.Embedding(10, 3)(torch.tensor([2**62]))", "nn.Embedding(10, 3)(torch.tensor([-1]))",
    "nn.Embedding(10, 3, padding_idx=2**62)", "nn.Embedding(10, 3, padding_idx=-11)", "nn.Embedding(10, 3, padding_idx=-10)(torch.tensor([0]))",
    "nn.Embedding(0, 3)(torch.tensor([0]))", "nn.Embedding(-1, 3)", "nn.Embedding(3, -1)", "nn.Embedding(10, 3, max_norm=float('nan'))(torch.tensor([1]))",
    "nn.Embedding.from_pretrained(torch.ones(3))", "nn.Embedding(10, 3)(torch.tensor([1.5]))", "nn.Embedding(10, 3)(torch.tensor([], dtype=torch.int64))",
    "nn.Linear(2**62, 2**62)", "nn.Linear(2**31, 2**31)", "nn.Linear(-1, 2)", "nn.Linear(0, 0)(torch.ones(0))", "nn.Linear(10**6, 10**6)",
    "nn.Linear(2, 3)(torch.ones(3))", "nn.Linear(2, 3)(torch.ones(0, 2))", "nn.Linear(2, 3)(torch.tensor(1.))", "nn.Linear(2, 3)(torch.ones(2, dtype=torch.int64))",
    "nn.Bilinear(2**62, 2, 2)", "nn.Bilinear(2, 2, 2)(torch.ones(3, 2), torch.ones(2, 2))", "nn.LazyLinear(2**62)(torch.ones(2))",
    "nn.LazyLinear(3)(torch.ones(2**62 // 2**62))", "nn.Conv2d(2**62, 1, 1)", "nn.Conv2d(1, 1, 2**62)", "nn.Conv2d(1, 1, 0)",
    "nn.Conv2d(1, 1, -1)", "nn.Conv2d(1, 1, 3, stride=0)", "nn.Conv2d(1, 1, 3, stride=2**62)(torch.ones(1, 1, 5, 5))",
    "nn.Conv2d(1, 1, 3, padding=2**62)(torch.ones(1, 1, 5, 5))", "nn.Conv2d(1, 1, 3, padding=-1)(torch.ones(1, 1, 5, 5))",
    "nn.Conv2d(1, 1, 3, dilation=2**62)(torch.ones(1, 1, 5, 5))", "nn.Conv2d(1, 1, 3, dilation=0)(torch.ones(1, 1, 5, 5))",
    "nn.Conv2d(1, 1, 3, groups=0)", "nn.Conv2d(2, 4, 3, groups=-2)", "nn.Conv2d(3, 4, 3, groups=2)", "nn.Conv2d(1, 1, 9)(torch.ones(1, 1, 5, 5))",
    "nn.Conv2d(1, 1, 3)(torch.ones(1, 2, 5, 5))", "nn.Conv2d(1, 1, 3)(torch.ones(5, 5))", "nn.Conv2d(1, 1, 3)(torch.ones(1, 1, 1, 1, 5, 5))",
    "nn.Conv2d(1, 1, 3, padding='same', stride=2)", "nn.Conv2d(1, 1, 3, padding='bogus')", "nn.Conv2d(1, 1, (3, 3, 3))",
    "nn.Conv2d(1, 1, 3, padding_mode='circular', padding=2**62)(torch.ones(1, 1, 5, 5))", "nn.Conv2d(1, 1, 3, padding_mode='reflect', padding=9)(torch.ones(1, 1, 5, 5))",
    "nn.Conv1d(1, 1, 3)(torch.ones(1, 1, 2))", "nn.Conv1d(1, 1, 3, stride=0)", "nn.Conv1d(1, 1, 3, padding=2**62)(torch.ones(1, 1, 5))",
    "nn.MaxPool2d(0)(torch.ones(1, 1, 5, 5))", "nn.MaxPool2d(2**62)(torch.ones(1, 1, 5, 5))", "nn.MaxPool2d(3, stride=0)(torch.ones(1, 1, 5, 5))",
    "nn.MaxPool2d(3, padding=2)(torch.ones(1, 1, 5, 5))", "nn.MaxPool2d(3, padding=-1)(torch.ones(1, 1, 5, 5))", "nn.MaxPool2d(3, dilation=0)(torch.ones(1, 1, 5, 5))",
    "nn.MaxPool2d(3, dilation=2**62)(torch.ones(1, 1, 5, 5))", "nn.MaxPool2d(2, return_indices=True)(torch.ones(1, 1, 0, 5))", "nn.MaxPool2d(2, ceil_mode=True)(torch.ones(1, 1, 5, 5))",
    "nn.MaxPool2d(3)(torch.ones(1, 1, 2, 2))", "nn.AvgPool2d(0)(torch.ones(1, 1, 5, 5))", "nn.AvgPool2d(3, stride=0)(torch.ones(1, 1, 5, 5))",
    "nn.AvgPool2d(3, padding=2)(torch.ones(1, 1, 5, 5))", "nn.AvgPool2d(2, divisor_override=0)(torch.ones(1, 1, 4, 4))", "nn.AvgPool2d(2**62)(torch.ones(1, 1, 4, 4))",
    "nn.AdaptiveAvgPool2d(0)(torch.ones(1, 1, 4, 4))", "nn.AdaptiveAvgPool2d(2**62)(torch.ones(1, 1, 4, 4))", "nn.AdaptiveAvgPool2d(-1)(torch.ones(1, 1, 4, 4))",
    "nn.AdaptiveAvgPool2d(3)(torch.ones(1, 1, 0, 4))", "nn.AdaptiveMaxPool2d(2**62)(torch.ones(1, 1, 4, 4))", "nn.MaxPool1d(0)(torch.ones(1, 1, 5))",
    "nn.BatchNorm2d(2**62)", "nn.BatchNorm2d(-1)", "nn.BatchNorm2d(3)(torch.ones(1, 2, 2, 2))", "nn.BatchNorm1d(3)(torch.ones(1, 3))",
    "nn.BatchNorm1d(3, momentum=float('nan'))(torch.ones(4, 3))", "nn.BatchNorm1d(0)(torch.ones(4, 0))", "nn.BatchNorm2d(3)(torch.ones(0, 3, 2, 2))",
    "nn.LayerNorm(2**62)", "nn.LayerNorm([])", "nn.LayerNorm(-1)", "nn.LayerNorm(3)(torch.ones(2, 4))", "nn.LayerNorm([2, 3])(torch.ones(3))",
    "nn.LayerNorm(0)(torch.ones(2, 0))", "nn.GroupNorm(0, 4)", "nn.GroupNorm(3, 4)", "nn.GroupNorm(2**62, 2**62)", "nn.GroupNorm(2, 4)(torch.ones(2, 3))",
    "nn.Dropout(float('nan'))", "nn.Dropout(2.0)", "nn.Dropout(-1)", "nn.Dropout(1.0)(torch.ones(3))", "nn.Flatten(2**62)(torch.ones(2, 3))",
    "nn.Flatten(1, 0)(torch.ones(2, 3))", "nn.Unflatten(1, (2**62, 2**62))(torch.ones(2, 4))", "nn.Unflatten(1, (-1, -1))(torch.ones(2, 4))",
    "nn.Unflatten(1, (0, -1))(torch.ones(2, 4))", "nn.Unflatten(1, ())(torch.ones(2, 4))", "nn.Unflatten(1, (2, 2))(torch.ones(2, 0))",
    "nn.Softmax(2**62)(torch.ones(3))", "nn.LogSoftmax(-2**63)(torch.ones(3))", "nn.LeakyReLU(float('nan'))(torch.ones(3))",
    "nn.Sequential(*[nn.ReLU()] * 100000)(torch.ones(1))", "nn.Sequential()[2**62]", "nn.Sequential(nn.ReLU())[-2**63]",
    "nn.Sequential(nn.ReLU())[::0]", "nn.Sequential(nn.ReLU())[::-2**63]", "nn.ModuleList([nn.ReLU()])[2**62]",
    "nn.ModuleList([nn.ReLU()]).insert(-2**63, nn.ReLU())", "nn.ModuleList([nn.ReLU()]).insert(2**62, nn.ReLU())",
    "del nn.Sequential(nn.ReLU())[2**62]", "del nn.Sequential(nn.ReLU())[::0]", "del nn.ModuleList([nn.ReLU()])[-2**63]",
    "nn.ParameterList([nn.Parameter(torch.ones(1))])[2**62]", "nn.ParameterList([])[-1]", "nn.Sequential(nn.ReLU())[-2]",
    "nn.init.orthogonal_(torch.ones(0, 3))", "nn.init.orthogonal_(torch.ones(3))", "nn.init.orthogonal_(torch.ones(3, 3), gain=float('nan'))",
    "nn.init.sparse_(torch.ones(3, 3), float('nan'))", "nn.init.sparse_(torch.ones(3, 3), 2.0)", "nn.init.sparse_(torch.ones(3, 3), -1e300)",
    "nn.init.sparse_(torch.ones(3, 3), 1e300)", "nn.init.sparse_(torch.ones(3, 3), float('inf'))", "nn.init.sparse_(torch.ones(0, 3), 0.5)",
    "nn.init.sparse_(torch.ones(3), 0.5)", "nn.init.dirac_(torch.ones(3, 3))", "nn.init.dirac_(torch.ones(3, 3, 3), groups=0)",
    "nn.init.dirac_(torch.ones(3, 3, 3), groups=2**62)", "nn.init.dirac_(torch.ones(6, 3, 3), groups=-2)", "nn.init.eye_(torch.ones(3))",
    "nn.init.kaiming_uniform_(torch.ones(3))", "nn.init.kaiming_uniform_(torch.ones(0, 3))", "nn.init.kaiming_uniform_(torch.ones(3, 3), a=float('nan'))",
    "nn.init.kaiming_normal_(torch.ones(3, 3), mode='x')", "nn.init.xavier_uniform_(torch.ones(0, 0))", "nn.init.xavier_normal_(torch.ones(3))",
    "nn.init.trunc_normal_(torch.ones(3), a=5, b=-5)", "nn.init.trunc_normal_(torch.ones(3), std=0)", "nn.init.trunc_normal_(torch.ones(3), mean=1e300, a=-1, b=1)",
    "nn.init.trunc_normal_(torch.ones(3), a=float('nan'), b=float('nan'))", "nn.init.trunc_normal_(torch.ones(3), std=float('inf'))",
    "nn.init.uniform_(torch.ones(3), float('inf'), float('nan'))", "nn.init.normal_(torch.ones(3), 0, -1)", "nn.init.calculate_gain('leaky_relu', float('nan'))",
    "nn.init.calculate_gain('bogus')", "nn.init._calculate_fan_in_and_fan_out(torch.ones(3))", "nn.init.constant_(torch.ones(3, dtype=torch.int64), float('nan'))",
    "torch.tensor([1, 2]).uniform_()", "torch.tensor([True]).normal_()", "torch.ones(3).uniform_(float('nan'), float('inf'))",
    "torch.ones(3).uniform_(1e308, -1e308)", "torch.ones(3).normal_(0, -1)", "torch.ones(3).normal_(float('nan'), float('inf'))",
    "torch.manual_seed(-1)", "torch.manual_seed(2**63-1)", "torch.manual_seed(-2**63)", "torch.manual_seed(float('nan'))",
    "torch.manual_seed('a')", "torch.set_rng_state(torch.zeros(3))", "torch.set_rng_state(torch.zeros(5056, dtype=torch.uint8) if hasattr(torch, 'uint8') else torch.zeros(5056))",
    "s = torch.get_rng_state(); s[0:8] = 255; torch.set_rng_state(s); torch.rand(3)", "s = torch.get_rng_state(); s[:] = 255; torch.set_rng_state(s); torch.randn(3)",
    "s = torch.get_rng_state(); s[-16:] = 255; torch.set_rng_state(s); torch.randn(3)", "s = torch.get_rng_state(); s[-24:] = 0; torch.set_rng_state(s); torch.randn(3)",
    "s = torch.get_rng_state(); s[:] = 0; torch.set_rng_state(s); torch.randperm(5)", "torch.set_rng_state(torch.get_rng_state()[:-1])",
    "torch.set_rng_state(torch.get_rng_state().float())", "g = torch.Generator(); g.manual_seed(-2**63); torch.rand(2, generator=g)",
    "g = torch.Generator(); g.set_state(torch.zeros(2)); g", "torch.Generator().set_state(torch.get_rng_state()[:100])",
    "torch.set_printoptions(precision=2**62); print(torch.ones(2))", "torch.set_printoptions(precision=-1); print(torch.ones(2))",
    "torch.set_printoptions(linewidth=0); print(torch.ones(20))", "torch.set_printoptions(linewidth=-2**63); print(torch.ones(20))",
    "torch.set_printoptions(linewidth=2**62); print(torch.ones(20))", "torch.set_printoptions(threshold=-1); print(torch.ones(20))",
    "torch.set_printoptions(threshold=0, edgeitems=2**62); print(torch.ones(20))", "torch.set_printoptions(edgeitems=-1, threshold=1); print(torch.ones(20))",
    "torch.set_printoptions(edgeitems=-2**63, threshold=1); print(torch.ones(3, 20))", "torch.set_printoptions(precision=10**6); print(torch.ones(2))",
    "torch.set_printoptions(sci_mode=True, precision=2**31); print(torch.tensor([1e-8]))", "torch.set_printoptions(precision=0); print(torch.tensor([1e308, 1e-308, float('nan')]))",
    "print(torch.tensor([1e308, -1e308, 1e-320, float('nan'), float('inf')]))", "print(torch.tensor([2**63-1, -2**63]))",
    "print(torch.tensor([[1e308, 1e-320]] * 1000))", "print(torch.zeros(0, 2**62))", "print(torch.zeros(2**62, 0))", "print(torch.zeros(0, 0, 0, 0))",
    "repr(torch.zeros(*([1] * 64)))", "torch.zeros(*([1] * 64)).sum(dim=63)", "print(torch.tensor([1e-320] * 3))", "print(torch.tensor([5e-324]))",
    "'%s' % torch.tensor(float('nan'))", "format(torch.tensor(2.5), '.1000000000f')", "format(torch.tensor(2.5), '1000000000000')",
    "f'{torch.tensor(2**62):,}'", "format(torch.tensor(1e308), '.2f')", "round(torch.tensor(2.5), 2**62)",
    "torch.ones(3) @ torch.ones(4)", "torch.ones(0, 3) @ torch.ones(3, 0)", "torch.ones(2, 0) @ torch.ones(0, 2)", "torch.ones(3) @ torch.tensor(1.)",
    "torch.mm(torch.ones(2, 3), torch.ones(2, 3))", "torch.bmm(torch.ones(2, 3, 4), torch.ones(3, 4, 5))", "torch.matmul(torch.ones(2, 1, 3, 4), torch.ones(5, 4, 2))",
    "torch.matmul(torch.ones(1, 1).expand(2**31, 2**31), torch.ones(1, 1).expand(2**31, 2**31))", "torch.dot(torch.ones(3), torch.ones(2**62 // 2**61))",
    "torch.addmm(torch.ones(2, 2), torch.ones(2, 3), torch.ones(3, 2), beta=float('nan'), alpha=float('inf'))", "torch.mv(torch.ones(2, 3), torch.ones(2))",
    "torch.cat([])", "torch.cat([torch.ones(2), torch.ones(2, 2)])", "torch.cat([torch.ones(2)], dim=2**62)", "torch.cat([torch.ones(2)] * 100000)",
    "torch.cat([torch.ones(0), torch.ones(2, 2)])", "torch.cat([torch.ones(1).expand(2**61), torch.ones(1).expand(2**61)])", "torch.cat([torch.ones(1).expand(2**62), torch.ones(1).expand(2**62)])",
    "torch.stack([])", "torch.stack([torch.ones(2), torch.ones(3)])", "torch.stack([torch.ones(2)], dim=-2**63)", "torch.stack([torch.ones(2)] * 100000)",
    "torch.stack([torch.ones(1).expand(2**62)] * 4)", "torch.where(torch.tensor([True]), torch.ones(2), torch.ones(3))", "torch.where(torch.ones(2))",
    "torch.where(torch.ones(2, dtype=torch.bool), 1e308, -2**63)", "torch.allclose(torch.ones(2), torch.ones(3))", "torch.allclose(torch.ones(2), torch.ones(2), rtol=float('nan'))",
    "torch.ones(2).max(dim=2**62)", "torch.zeros(0).max()", "torch.zeros(0).argmax()", "torch.zeros(0, 3).max(dim=0)", "torch.zeros(0, 3).min(dim=1)",
    "torch.zeros(0).amax()", "torch.zeros(0).logsumexp(0)", "torch.zeros(0).prod()", "torch.zeros(0).std()", "torch.zeros(0).var(correction=0)",
    "torch.zeros(0, 3).argmin(dim=0)", "torch.tensor(2.).max(dim=0)", "torch.tensor(2.).max(dim=1)", "torch.tensor(2.).amax(dim=(0, 0))",
    "torch.tensor(2.).sum(dim=(0, 0))", "torch.tensor(2.).squeeze(5)", "torch.tensor(2.).unbind()", "torch.tensor(2.).split(1)",
    "torch.tensor(2.).t()", "torch.tensor(2.).T", "torch.tensor(2.).mT", "torch.ones(2).mT", "torch.tensor(2.).flatten(1)",
    "torch.tensor(2.).chunk(2)", "torch.tensor(2.).narrow(0, 0, 1)", "torch.tensor(2.).select(0, 0)", "torch.tensor(2.).index_select(0, torch.tensor([0]))",
    "torch.tensor(2.).gather(0, torch.tensor(0))", "torch.tensor(2.).gather(0, torch.tensor([5]))", "torch.tensor(2.)[0]", "torch.tensor(2.)[None][0]",
    "torch.tensor(2.).tolist()", "torch.tensor(2.).view(-1)", "torch.tensor(2.).expand(0)", "torch.tensor(2.).expand(-1)", "torch.tensor(2.).expand(2**62)",
    "torch.tensor(2.).repeat()", "torch.tensor(2.).repeat(0)", "torch.tensor(2.).permute()", "torch.tensor(2.).transpose(0, 0)", "torch.tensor(2.).softmax(0)",
    "torch.tensor(2.).log_softmax(1)", "torch.tensor(2.).logsumexp(dim=())", "torch.tensor(2.).mean(dim=())", "torch.tensor(2.).sum(dim=[])", "torch.ones(2, 3).sum(dim=[])",
    "torch.tensor(2., requires_grad=True).backward(torch.ones(5))", "torch.ones(2, requires_grad=True).backward()", "torch.ones(2).backward()",
    "x = torch.ones(2, requires_grad=True); y = x * 2; y.sum().backward(); y.sum().backward()", "x = torch.ones(2, requires_grad=True); x.add_(1)",
    "x = torch.ones(2, requires_grad=True); y = x[0]; y.backward(torch.ones(2**62 // 2**62))", "x = torch.ones(2, requires_grad=True); x.grad = torch.ones(3); (x * 2).sum().backward()",
    "x = torch.ones(2, requires_grad=True); x.grad = 5", "x = torch.ones(2, requires_grad=True); x.grad = torch.ones(2, dtype=torch.int64)",
    "x = torch.ones(2, requires_grad=True); x.data = torch.ones(5); (x * 2).sum().backward()", "x = torch.ones(2); x.data = 5",
    "x = torch.ones(2, requires_grad=True); x.retain_grad(); x.requires_grad_(False)", "torch.ones(2, dtype=torch.int64, requires_grad=True)",
    "torch.ones(2, dtype=torch.int64).requires_grad_()", "x = torch.ones(2, requires_grad=True); (x ** float('nan')).sum().backward(); x.grad",
    "x = torch.zeros(2, requires_grad=True); (x ** 0.5).sum().backward(); print(x.grad)", "x = torch.zeros(2, requires_grad=True); x.sqrt().sum().backward()",
    "x = torch.zeros(2, requires_grad=True); x.log().sum().backward(); print(x.grad)", "x = torch.zeros(0, requires_grad=True); x.max()",
    "x = torch.zeros(0, 3, requires_grad=True); x.max(0)[0].sum().backward()", "x = torch.ones(2, requires_grad=True); y = x.expand(2**62, 2); y.sum().backward()",
    "x = torch.ones(3, requires_grad=True); x[::2].sum().backward(); x[torch.tensor([0, 0, 0])].sum().backward()",
    "x = torch.ones(2, requires_grad=True); y = x.view(2)\nfor i in range(100000): y = y.view(2)\ny.sum().backward()",
    "x = torch.ones(2, requires_grad=True); y = x\nfor i in range(100000): y = y.exp().log()\nprint(y.grad_fn)",
    "torch.ones(2).to('cuda')", "torch.ones(2).to(2**62)", "torch.ones(2).to(None)", "torch.ones(2).type('torch.BogusTensor')", "torch.ones(2).type(5)",
    "torch.ones(2).view(torch.int64)", "torch.ones(2).view(torch.bool)", "torch.ones(2).view(-2**63)", "torch.ones(2).view((2**62,))", "torch.ones(2).data_ptr() // 0",
    "torch.Size([2**62, -1])", "torch.Size([-2**63])", "torch.Size(5)", "torch.Size([1, 'a'])", "torch.Size([2**62, 2**62]).numel()", "torch.Size([3])[2**62]",
    "torch.ones(2).size(2**62)", "torch.ones(2).size(-2**63)", "torch.ones(2).stride(2**62)", "torch.ones(2).shape[-2**63]", "torch.ones(2).numpy()",
    "torch.tensor([[1, 2], [3]])", "torch.tensor([[1, 2], 3])", "torch.tensor([1, 'a'])", "torch.tensor([1, None])", "torch.tensor({})", "torch.tensor(None)",
    "torch.tensor([torch.ones(2), torch.ones(3)])", "torch.tensor([torch.ones(2), 1])", "torch.tensor(range(10**18))", "torch.tensor([2**63])",
    "torch.tensor([1e400])", "torch.tensor([[[]]] * 3)", "torch.tensor([[]] * 2**20)", "torch.tensor([True, 2**62, 1.5])", "torch.tensor(2**62, dtype=torch.float64).long() + 2**62",
    "torch.tensor([2**62], dtype=torch.float32).long()", "torch.tensor([9.3e18]).long()", "torch.tensor([-9.3e18]).long()", "torch.tensor([1.5]).bool().long() // 0",
    "torch.as_tensor([1, 2], dtype='float')", "torch.tensor([1], dtype=5)", "torch.ones(2, dtype=torch.Tensor)", "torch.ones(2, dtype=None) + None",
    "torch.ones(2).masked_fill(torch.ones(2), 1)", "torch.ones(2).masked_fill(torch.ones(2, dtype=torch.bool), torch.ones(2))", "torch.ones(2).copy_(torch.ones(3))",
    "torch.ones(2).copy_(torch.ones(1).expand(2))", "t = torch.ones(3); t.expand(2, 3).copy_(torch.ones(2, 3))", "t = torch.ones(1).expand(3); t.add_(1)",
    "t = torch.ones(1).expand(3); t.zero_(); t.fill_(2); t.mul_(torch.ones(3))", "t = torch.ones(3); t[::2].mul_(torch.ones(5))", "torch.ones(3).add_(torch.ones(2, 3))",
    "torch.ones(3, dtype=torch.int64).div_(2)", "torch.ones(3, dtype=torch.bool).add_(1)", "torch.ones(3, dtype=torch.int64).sqrt_()", "torch.ones(3, dtype=torch.int64).exp_()",
    "torch.ones(3, dtype=torch.int64).pow_(-1)", "torch.ones(3, dtype=torch.int64).pow_(2**62)", "torch.tensor([2], dtype=torch.int64).pow(2**62)", "torch.tensor([2], dtype=torch.int64).pow(-2**63)",
    "torch.tensor([-1], dtype=torch.int64).pow(-2**63)", "torch.tensor([0]).pow(-2)", "torch.tensor(2) ** 63", "torch.tensor(-2) ** 63", "torch.tensor([2**62]) << 4" ,
    "torch.tensor([5]) & torch.tensor([3])", "torch.tensor([5]) ^ 2**62", "~torch.tensor([5])", "~torch.tensor([5.])", "torch.tensor([5]) | True", "torch.tensor([True]) - torch.tensor([True])",
    "-torch.tensor([True])", "torch.tensor([True]).neg()", "torch.tensor([True]).sum().item() // 0", "abs(torch.tensor([-2**63]))", "torch.tensor([-2**63]).abs_()",
    "torch.ones(2, 2).t_()" , "torch.ones(2).bool().float().long().double().int().bool()", "torch.ones(2).element_size() // 0", "torch.ones(2).storage_offset() - 2**63",
    "len(torch.tensor(2.))", "iter(torch.tensor(2.))", "list(torch.zeros(0, 3))", "list(torch.zeros(3, 0))", "bool(torch.zeros(0))", "bool(torch.ones(2))", "float(torch.ones(2))",
    "int(torch.zeros(0))", "torch.ones(2) in torch.ones(3)", "hash(torch.ones(2))", "{torch.ones(2): 1}", "torch.ones(2) == None", "torch.ones(2) < 'a'", "sorted([torch.ones(2), torch.ones(2)])",
    "max(torch.ones(3))", "sum(torch.zeros(0, 3))", "torch.ones(2).__getitem__(2**62)", "torch.ones(2).tolist()[2**62]", "torch.ones(2, 3).unbind(2**62)", "torch.ones(2, 3).swapaxes(2**62, -2**63)",
    "torch.softmax(torch.ones(3), dim=2**62)", "torch.log_softmax(torch.zeros(0), dim=0)", "torch.logsumexp(torch.tensor([float('inf'), -float('inf')]), 0)",
    "torch.logsumexp(torch.tensor([-float('inf')] * 3), 0)", "torch.softmax(torch.tensor([float('inf')] * 3), 0)", "torch.std(torch.ones(1))", "torch.var(torch.ones(1), correction=1)",
    "torch.prod(torch.tensor([2**62, 2**62]))", "torch.sum(torch.tensor([2**63-1, 1]))", "torch.mean(torch.tensor([1, 2]))", "torch.tensor([2**62] * 3).float().mean()",
    "torch.clamp(torch.ones(3), min=float('nan'))", "torch.clamp(torch.ones(3), min=5, max=-5)", "torch.clamp(torch.ones(3, dtype=torch.int64), min=2**62 * 1.5)",
    "torch.round(torch.tensor([1e308]), decimals=2**62)", "torch.round(torch.tensor([1.5]), decimals=-2**63)", "torch.round(torch.tensor([1.5]), decimals=400)",
    "torch.round(torch.tensor([2**62]), decimals=-30)", "torch.round(torch.tensor([5]), decimals=-2**63)", "torch.pow(2**62, torch.tensor([2]))", "torch.pow(torch.tensor([2**62]), 2)",
    "torch.remainder(torch.tensor([5]), torch.tensor([0]))", "torch.remainder(-2**63, torch.tensor([-1]))", "torch.floor_divide(torch.tensor([5]), 0)", "torch.div(torch.tensor([5]), 0, rounding_mode='floor')",
    "torch.true_divide(torch.tensor([5]), 0)", "torch.tensor([5]) / torch.tensor([0])", "torch.tensor([5]) // torch.tensor([0])", "torch.tensor([5]) % torch.tensor([0])",
    "5 // torch.tensor([0])", "5 % torch.tensor([0])", "-2**63 // torch.tensor([-1])", "torch.tensor([-2**63]) // torch.tensor([-1])", "torch.tensor([-2**63]) * -1",
    "torch.tensor([-2**63]) - 1", "torch.tensor([2**63-1]) + 1", "torch.tensor([2**63-1]).add(1, alpha=2**62)", "torch.tensor([1]).add(torch.tensor([1]), alpha=0.5)",
    "torch.tensor([1]).sub(torch.tensor([1]), alpha=float('nan'))", "torch.tensor([1]).add(torch.tensor([1]), alpha=1e300)", "torch.ones(3).add(torch.ones(3), alpha=True)",
    "torch.eq(torch.ones(2), torch.ones(3))", "torch.equal(torch.ones(2), 5)", "torch.maximum(torch.ones(2), torch.ones(3))", "torch.minimum(torch.tensor([float('nan')]), torch.tensor([1.]))",
    "torch.chunk(torch.ones(5), 2**62)", "torch.split(torch.ones(5), [2**62, 2**62])", "torch.split(torch.ones(5), [2**63 - 1, 1, -5])",
    "torch.narrow(torch.ones(5), 0, 2**63-1, 1)", "torch.narrow(torch.ones(5), 0, 3, 2**63-1)", "torch.narrow(torch.ones(5), 0, -2**63, 2**63-1)",
    "torch.narrow(torch.ones(5), 0, torch.tensor(2**62), 1)", "torch.narrow(torch.ones(5), 0, 2, -1)", "torch.select(torch.ones(5), 0, 2**63-1)", "torch.unbind(torch.ones(0, 3), 1)",
    "torch.flatten(torch.ones(2, 3), -2**63)", "torch.squeeze(torch.ones(2, 1), (0, 0, 2**62))", "torch.squeeze(torch.ones(2, 1), dim=-2**63)", "torch.reshape(torch.ones(6), (-1,) * 3)",
    "torch.reshape(torch.ones(0), (-1, 0))", "torch.reshape(torch.ones(0), (0, -1))", "torch.reshape(torch.ones(6), (2**32, 2**32, 0))", "torch.reshape(torch.ones(6), (2**32, 2**32, -1))",
    "torch.ones(6).view(3, 2).t().view(6)", "torch.permute(torch.ones(2, 3), (0,))", "torch.permute(torch.ones(2, 3), (0, 1, 2))", "torch.transpose(torch.ones(2, 3), -3, 1)",
    "torch.swapaxes(torch.ones(2, 3), 0, 2**62)", "torch.t(torch.ones(2, 3, 4))", "torch.unsqueeze(torch.ones(2), 3)", "torch.unsqueeze(torch.ones(2), -4)", "torch.ones(2).unsqueeze(-2**63)",
    "torch.ones(2)[:, None, None, ..., None, 0]", "torch.ones(2, 2)[torch.tensor([[0, 1]]), torch.tensor([[0], [5]])]", "torch.ones(2, 2)[[0, 1], [0, 1, 2]]",
    "torch.ones(2, 2)[[[0, 1]]]", "torch.ones(2, 2)[[]]", "torch.ones(2, 2)[[True, False, True]]", "torch.ones(2, 2)[torch.tensor([], dtype=torch.int64)]",
    "torch.ones(2, 2)[torch.tensor([0.5])]", "torch.ones(2, 2)[torch.tensor(1)]", "torch.ones(2, 2)[torch.tensor(1.)]", "torch.ones(2, 2)['a']", "torch.ones(2, 2)[{}]",
    "torch.ones(2, 2)[1.5]", "torch.ones(2, 2)[::1.5]", "torch.ones(2, 2)[:'a']", "torch.ones(2, 2)[torch.ones(2, 2, dtype=torch.bool)]", "torch.ones(2, 2)[torch.ones(3, 3, dtype=torch.bool)]",
    "t = torch.ones(2, 2); t[torch.ones(2, 2, dtype=torch.bool)] = torch.ones(5)", "t = torch.ones(2, 2); t[[0, 0, 5]] = 1", "t = torch.ones(2, 2); t[0] = torch.ones(3)",
    "t = torch.ones(2, 2); t[0] = 'a'", "t = torch.ones(2, 2); t[0] = None", "t = torch.ones(2, 2); t[0] = [1, 2, 3]", "t = torch.ones(2, 2); t[0] = float('nan')",
    "t = torch.ones(2, 2, dtype=torch.int64); t[0] = float('nan')", "t = torch.ones(2, 2, dtype=torch.int64); t[0] = 1e300", "t = torch.ones(2, 2, dtype=torch.int64); t[0] = torch.tensor([1e300, 1.])",
    "t = torch.ones(2, 2); del t[0]", "t = torch.ones(2, 2); t[0][0][0] = 1", "t = torch.ones(2, requires_grad=True); t[0] = 5",
    "nn.Module().register_buffer('a', 5)", "nn.Module().register_buffer('', torch.ones(1))", "nn.Module().register_buffer('a.b', torch.ones(1))",
    "nn.Module().register_parameter('a', torch.ones(1))", "nn.Module().add_module('', nn.ReLU())", "nn.Module().add_module('a.b', nn.ReLU())", "nn.Module().add_module(5, nn.ReLU())",
    "nn.Module().load_state_dict({'a': 5})", "m = nn.Linear(2, 2); m.load_state_dict({'weight': torch.ones(3, 3), 'bias': torch.ones(2)})",
    "m = nn.Linear(2, 2); m.load_state_dict({'weight': 5, 'bias': None})", "m = nn.Linear(2, 2); m.load_state_dict(5)", "m = nn.Linear(2, 2); m.weight = 5",
    "m = nn.Linear(2, 2); m.weight = None; m(torch.ones(2))", "m = nn.Linear(2, 2); m.weight = nn.Parameter(torch.ones(5, 5)); m(torch.ones(2))",
    "m = nn.Linear(2, 2); m.in_features = 2**62; print(m)", "m = nn.Linear(2, 2); del m.weight; m(torch.ones(2))", "m = nn.Linear(2, 2); m.bias = nn.Parameter(torch.ones(7)); m(torch.ones(2))",
    "m = nn.Conv2d(1, 1, 3); m.stride = (0, 0); m(torch.ones(1, 1, 5, 5))", "m = nn.Conv2d(1, 1, 3); m.padding = (2**62, 2**62); m(torch.ones(1, 1, 5, 5))",
    "m = nn.Conv2d(1, 1, 3); m.kernel_size = (2**62, 1); m(torch.ones(1, 1, 5, 5))", "m = nn.Conv2d(1, 1, 3); m.dilation = (0, -1); m(torch.ones(1, 1, 5, 5))",
    "m = nn.Conv2d(1, 1, 3); m.weight = nn.Parameter(torch.ones(1, 1, 2**62 // 2**61, 0)); m(torch.ones(1, 1, 5, 5))", "m = nn.Conv2d(1, 1, 3); m.groups = 0; m(torch.ones(1, 1, 5, 5))",
    "m = nn.Conv2d(2, 2, 3); m.groups = 3; m(torch.ones(1, 2, 5, 5))", "m = nn.MaxPool2d(2); m.stride = 0; m(torch.ones(1, 1, 5, 5))", "m = nn.MaxPool2d(2); m.kernel_size = -1; m(torch.ones(1, 1, 5, 5))",
    "m = nn.AvgPool2d(2); m.stride = 0; m(torch.ones(1, 1, 5, 5))", "m = nn.AvgPool2d(2); m.padding = 2**62; m(torch.ones(1, 1, 5, 5))", "m = nn.Embedding(5, 2); m.padding_idx = 2**62; m(torch.tensor([1]))",
    "m = nn.Embedding(5, 2); m.weight = nn.Parameter(torch.ones(0)); m(torch.tensor([1]))", "m = nn.Flatten(); m.start_dim = 2**62; m(torch.ones(2, 2))", "m = nn.Softmax(0); m.dim = -2**63; m(torch.ones(2))",
    "m = nn.BatchNorm1d(2); m.running_mean = torch.ones(7); m(torch.ones(3, 2))", "m = nn.BatchNorm1d(2); m.eval(); m.running_var = torch.ones(7); m(torch.ones(3, 2))",
    "m = nn.BatchNorm1d(2); m.num_batches_tracked = None; m(torch.ones(3, 2))", "m = nn.BatchNorm1d(2); m.momentum = None; m(torch.ones(3, 2))", "m = nn.LayerNorm(2); m.normalized_shape = (2**62,); m(torch.ones(2))",
    "m = nn.LayerNorm(2); m.weight = nn.Parameter(torch.ones(9)); m(torch.ones(2))", "m = nn.GroupNorm(2, 4); m.num_groups = 0; m(torch.ones(2, 4))", "m = nn.Dropout(); m.p = float('nan'); m(torch.ones(2))",
    "m = nn.Unflatten(1, (2, 2)); m.unflattened_size = (2**62, 2**62); m(torch.ones(2, 4))", "m = nn.LeakyReLU(); m.negative_slope = 'a'; m(torch.ones(2))",
    "opt = torch.optim.SGD([], lr=0.1)", "opt = torch.optim.SGD([torch.ones(2)], lr=-1)", "opt = torch.optim.SGD([torch.ones(2, requires_grad=True)], lr=float('nan')); opt.step()",
    "opt = torch.optim.Adam([torch.ones(2, requires_grad=True)], betas=(2.0, 0.5))", "opt = torch.optim.Adam([torch.ones(2, requires_grad=True)], eps=-1)",
    "x = torch.ones(2, requires_grad=True); opt = torch.optim.Adam([x]); x.grad = torch.ones(3); opt.step()",
    "x = torch.ones(2, requires_grad=True); opt = torch.optim.SGD([x], lr=0.1, momentum=0.9); x.grad = torch.ones(2); opt.step(); x.grad = torch.ones(5); opt.step()",
    "x = torch.ones(2, requires_grad=True); opt = torch.optim.SGD([x, x], lr=0.1)", "x = torch.ones(2, requires_grad=True); opt = torch.optim.SGD([{'params': 5}], lr=0.1)",
    "x = torch.ones(2, requires_grad=True); opt = torch.optim.SGD([x], lr=0.1); opt.load_state_dict({})", "x = torch.ones(2, requires_grad=True); opt = torch.optim.SGD([x], lr=0.1); opt.load_state_dict({'state': {}, 'param_groups': [{'params': [2**62]}]})",
    "x = torch.ones(2, requires_grad=True); opt = torch.optim.Adam([x]); opt.load_state_dict({'state': {0: {'step': None, 'exp_avg': torch.ones(5)}}, 'param_groups': [{'params': [0], 'lr': 1, 'betas': (0.9, 0.9), 'eps': 1e-8, 'weight_decay': 0, 'amsgrad': False}]}); x.grad = torch.ones(2); opt.step()",
    "x = torch.ones(2, requires_grad=True); opt = torch.optim.SGD([x], lr=0.1); opt.param_groups[0]['lr'] = 'a'; x.grad = torch.ones(2); opt.step()",
    "x = torch.ones(2, requires_grad=True); opt = torch.optim.SGD([x], lr=0.1); opt.param_groups[0]['params'] = [5]; opt.step()", "x = torch.ones(2, requires_grad=True); opt = torch.optim.SGD([x], lr=0.1); opt.param_groups.clear(); opt.step()",
    "torch.optim.lr_scheduler.StepLR(torch.optim.SGD([torch.ones(1, requires_grad=True)], lr=1), step_size=0).step()",
    "torch.optim.lr_scheduler.StepLR(torch.optim.SGD([torch.ones(1, requires_grad=True)], lr=1), step_size=-1).step()",
    "torch.utils.data.DataLoader(list(range(10)), batch_size=0)", "torch.utils.data.DataLoader(list(range(10)), batch_size=-1)", "list(torch.utils.data.DataLoader(list(range(10)), batch_size=2**62))",
    "list(torch.utils.data.DataLoader(list(range(10)), batch_size=3, shuffle=True))", "list(torch.utils.data.DataLoader([], batch_size=3))", "list(torch.utils.data.DataLoader([1, 'a', None], batch_size=3))",
    "list(torch.utils.data.DataLoader([torch.ones(2), torch.ones(3)], batch_size=2))", "list(torch.utils.data.DataLoader([[1], [1, 2]], batch_size=2))", "torch.utils.data.TensorDataset(torch.ones(2), torch.ones(3))",
    "torch.utils.data.TensorDataset(torch.ones(3))[2**62]", "torch.utils.data.TensorDataset(torch.ones(3))[-2**63]", "torch.utils.data.random_split(range(10), [2**62, -2**62 + 10])",
    "torch.utils.data.random_split(range(10), [0.5, float('nan')])", "torch.utils.data.random_split(range(10), [-1, 11])", "torch.utils.data.random_split(range(10), [1e300, -1e300])",
    "torch.utils.data.Subset(range(3), [2**62])[0]", "len(torch.utils.data.DataLoader(range(2**62), batch_size=1))", "list(torch.utils.data.DataLoader(range(10), batch_size=3, drop_last=True, shuffle=True))",
    "torch.save(torch.ones(2), '/nonexistent/x.pt')", "torch.load('/etc/passwd')", "torch.load('')", "torch.load(5)", "torch.save(lambda: 1, 'x.pt')",
    "x = []; x.append(x); torch.save(x, 'x.pt')", "d = {}; d['a'] = d; torch.save(d, 'x.pt')", "torch.save(torch.ones(1).expand(2**62), 'x.pt')",
]


def discover(binary):
    code = PRELUDE + (
        "print('|'.join(x for x in dir(torch) if not x.startswith('_')))\n"
        "print('|'.join(x for x in dir(torch.Tensor) if not x.startswith('_')))\n"
        "print('|'.join(x for x in dir(nn) if not x.startswith('_')))\n"
        "print('|'.join(x for x in dir(F) if not x.startswith('_')))\n"
        "print('|'.join(x for x in dir(nn.init) if not x.startswith('__')))\n")
    out = subprocess.run([binary, "-c", code], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)
    lines = out.stdout.strip().split("\n")
    if out.returncode != 0 or len(lines) != 5:
        sys.exit(f"could not list the bindings: {out.stderr[-2000:]}")
    return [line.split("|") for line in lines]


SKIP_TORCH = {"nn", "autograd", "Tensor", "default_generator", "optim", "utils", "functional", "set_printoptions"}


def generate(binary):
    torch_names, tensor_names, nn_names, f_names, init_names = discover(binary)
    progs = []
    torch_fns = [n for n in torch_names if n not in SKIP_TORCH and not n[0].isupper() and n not in
                 ("float32", "float64", "int64", "bool", "dtype", "uint8", "int32", "float16")]
    # torch.f(a), torch.f(T, a), torch.f(a, b) on sizes
    for name in torch_fns:
        for a in VALUES:
            progs.append(f"torch.{name}({a})")
        for t in SMALL_TENSORS:
            for a in VALUES:
                progs.append(f"torch.{name}({t}, {a})")
            progs.append(f"torch.{name}({t}, dim=2**62)")
            progs.append(f"torch.{name}({t}, -2**63)")
        for a, b in itertools.product(SIZE_INTS, repeat=2):
            progs.append(f"torch.{name}({a}, {b})")
            progs.append(f"torch.{name}(({a}, {b}))")
        for a, b, c in itertools.product(["0", "-1", "2**62", "float('nan')", "1e-300", "10**12"], repeat=3):
            progs.append(f"torch.{name}({a}, {b}, {c})")
    # t.m(a), t.m(a, b), t.m(), attribute reads
    for name in tensor_names:
        for t in SMALL_TENSORS:
            progs.append(f"x = {t}.{name}\nx() if callable(x) else x")
            for a in VALUES:
                progs.append(f"{t}.{name}({a})")
            for a, b in itertools.product(SIZE_INTS, repeat=2):
                progs.append(f"{t}.{name}({a}, {b})")
            progs.append(f"{t}.{name}(dim=2**62)")
            progs.append(f"{t}.{name}(*([1] * 70))")
    # nn layers: constructors and calls
    for name in nn_names:
        if name in ("functional", "init", "parameter", "Module"):
            continue
        for a in VALUES:
            progs.append(f"nn.{name}({a})")
        for a, b in itertools.product(SIZE_INTS + ["float('nan')"], repeat=2):
            progs.append(f"nn.{name}({a}, {b})")
            progs.append(f"nn.{name}({a}, {b}, {a})")
        for args in ("", "2", "2, 2", "3, 3, 3", "1, 1, 3", "4", "2, 4"):
            for t in SMALL_TENSORS + ["torch.tensor([1, 2**62])", "torch.ones(0, 2, 0, 2)", "torch.ones(1, 2, 3, 4, 5, 6, 7)"]:
                progs.append(f"m = nn.{name}({args})\nm({t})")
                progs.append(f"m = nn.{name}({args})\nm({t}, {t})")
            progs.append(f"m = nn.{name}({args})\nprint(m); m.state_dict(); m.double(); list(m.named_parameters())")
    for name in f_names:
        for t in SMALL_TENSORS:
            for a in VALUES:
                progs.append(f"F.{name}({t}, {a})")
        for a in VALUES:
            progs.append(f"F.{name}({a})")
    for name in init_names:
        for t in SMALL_TENSORS + ["torch.ones(0, 0)", "torch.ones(3, 3, 3)", "torch.ones(2, 3, 0, 1)"]:
            progs.append(f"nn.init.{name}({t})")
            for a in ["0", "-1", "2**62", "float('nan')", "float('inf')", "1e300", "'relu'", "None", "[]"]:
                progs.append(f"nn.init.{name}({t}, {a})")
                progs.append(f"nn.init.{name}({t}, {a}, {a})")
    # operators and indexing
    for t in SMALL_TENSORS:
        for a in VALUES:
            for op in ("+", "-", "*", "/", "//", "%", "**", "@", "<", "==", "&", "|", "^", "<<", ">>"):
                progs.append(f"{t} {op} {a}")
                progs.append(f"{a} {op} {t}")
            progs.append(f"{t}[{a}]")
            progs.append(f"x = {t}; x[{a}] = 1")
            progs.append(f"x = {t}; x[0] = {a}")
            progs.append(f"x = {t}; x += {a}")
        for a, b, c in itertools.product(["None", "0", "-1", "2**62", "-2**63", "2**63-1"], repeat=3):
            progs.append(f"{t}[{a}:{b}:{c}]")
    progs += LANGUAGE
    return progs


# Whole source files, run unwrapped and one per process: inputs that may not even parse (a syntax error would
# stop a whole batch), mostly reproducers found by scripts/fuzz.sh. Always run, also under --quick.
SOURCES = [
    # NUL bytes: "source code cannot contain null bytes" on the NUL's line, like CPython 3.11
    "a\x00b", "x = 1\na\x00b\n", "s = \"\"\"abc\n\x00\"\"\"\n", "x = (1,\n\x00)\n", "f'{\x00}'", "# \x00\n",
]


def wrap(programs):
    out = [PRELUDE]
    for p in programs:
        body = "\n".join("    " + line for line in p.split("\n"))
        out.append(f"try:\n{body}\nexcept BaseException:\n    pass\n")
    return "".join(out)


def limit():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    os.setsid()


def run(binary, code, timeout):
    """Returns None if nnrepl survived `code`, else a short reason."""
    env = dict(os.environ, SWIFT_BACKTRACE="enable=no")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryDirectory() as cwd:
        try:
            path = os.path.join(cwd, "prog.py")
            with open(path, "w") as f:
                f.write(code)
            proc = subprocess.Popen([binary, path], stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                    preexec_fn=limit, env=env, cwd=cwd)
        except OSError as e:  # e.g. the program text is too long for argv
            return f"could not start: {e}"
        try:
            rc = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            # A long computation is fine if Ctrl-C reaches it (CPython's sum(range(10**18)) runs for ages too).
            os.kill(proc.pid, signal.SIGINT)
            try:
                rc = proc.wait(timeout=10)  # tearing down a huge container takes a while
                rc = 1 if rc in (130, -signal.SIGINT) else rc
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
                proc.wait()
                return f"hung for {timeout}s and ignored SIGINT"
        out.seek(0, 2)
        size = out.tell()
        out.seek(max(0, size - 20000))
        tail = out.read().decode("utf-8", "replace")
    for m in MARKERS:
        if m in tail:
            line = next(l for l in tail.split("\n") if m in l)
            return f"rc={rc}: {line.strip()[:300]}"
    if rc < 0:
        return f"killed by signal {-rc}"
    if rc not in (0, 1):
        return f"exit code {rc}: {tail.strip()[-300:]}"
    return None


def sweep(binary, programs, jobs, batch, timeout, single_timeout):
    batches = [programs[i:i + batch] for i in range(0, len(programs), batch)]
    failures = []
    done = [0]

    def one(b):
        if run(binary, wrap(b), timeout) is None:
            return []
        bad = []
        for p in b:
            reason = run(binary, wrap([p]), single_timeout)
            if reason:
                bad.append((p, reason))
        return bad

    with ThreadPoolExecutor(jobs) as pool:
        for bad in pool.map(one, batches):
            done[0] += 1
            for p, reason in bad:
                failures.append((p, reason))
                shown = repr(p) if len(p) < 300 else repr(p[:150]) + f" ... ({len(p)} characters)"
                print(f"FAIL: {reason}\n    {shown}", flush=True)
            if done[0] % 50 == 0:
                print(f"... {done[0]}/{len(batches)} batches", file=sys.stderr, flush=True)
    return failures


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a fixed sample, ~2-3 minutes")
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build/release/nnrepl"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--filter", default=None, help="only programs containing this text")
    ap.add_argument("--list", action="store_true", help="print the programs and exit")
    ap.add_argument("--sample", type=int, default=0, help="run this many programs drawn at random (see --seed)")
    ap.add_argument("--seed", type=int, default=1234, help="seed of --quick's and --sample's draw")
    ap.add_argument("--batch", type=int, default=60)
    ap.add_argument("--timeout", type=float, default=20, help="seconds per batch")
    ap.add_argument("--single-timeout", type=float, default=5, help="seconds per program when isolating")
    args = ap.parse_args()
    args.binary = os.path.abspath(args.binary)  # the sweep runs programs from a scratch folder
    programs = generate(args.binary)
    if args.filter:
        programs = [p for p in programs if args.filter in p]
    if args.quick or args.sample:
        rng = random.Random(args.seed)
        drawn = rng.sample(programs, min(len(programs), args.sample or 6000))
        programs = list(dict.fromkeys((LANGUAGE if args.quick else []) + drawn))
    if args.list:
        print("\n".join(programs + SOURCES))
        return
    print(f"{len(programs)} programs, batches of {args.batch}, {args.jobs} jobs", file=sys.stderr)
    failures = sweep(args.binary, programs, args.jobs, args.batch, args.timeout, args.single_timeout)
    for source in SOURCES if not args.filter else [s for s in SOURCES if args.filter in s]:
        reason = run(binary=args.binary, code=source, timeout=args.single_timeout)
        if reason:
            failures.append((source, reason))
            print(f"FAIL: {reason}\n    {source[:300]!r}", flush=True)
    programs = programs + SOURCES
    print(f"{len(programs) - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
