#!/usr/bin/env python3
"""Runs each snippet under CPython 3.11 and writes Tests/LanguageTests/StdlibGoldens.swift.

Covers the native standard-library modules (math, random, time, typing, __future__). Each golden records
the snippet, its stdout, and the `Type: message` last line of an uncaught exception (empty when it finishes).
Each snippet runs in a fresh `python3` process, so `random`'s state starts unseeded every time.
Usage: python3 scripts/golden_stdlib.py
"""
import os, subprocess, sys

SNIPPETS = []
def S(src): SNIPPETS.append(src.strip("\n"))

# ---- random: bit-identical streams for many seeds
for seed in [0, 1, 42, -7, 12345, 2**31 - 1, 2**32, 2**32 + 5, 2**40 + 7, 2**62 + 3, -(2**63 - 1), 9223372036854775807]:
    S(f"import random\nrandom.seed({seed})\nprint([random.random() for _ in range(4)])\n"
      f"print(random.randint(1, 100), random.randrange(10), random.randrange(5, 50, 7), random.randrange(100, 0, -3), random.getrandbits(1), random.getrandbits(31), random.getrandbits(32), random.getrandbits(63))")
for seed in [0, 3, 42, 2024]:
    S(f"import random\nrandom.seed({seed})\nprint(random.gauss(), random.gauss(), random.gauss(5, 2), random.normalvariate(), random.normalvariate(1.5, 0.5), random.uniform(-1, 1), random.expovariate(0.5))")
    S(f"import random\nrandom.seed({seed})\nl = list(range(25))\nrandom.shuffle(l)\nprint(l)\nprint(random.choice('abcdefg'), random.choice([10, 20, 30]), random.sample(range(100), 8), random.sample(list('abcdefghij'), 5), random.sample(range(1000), 30))")
    S(f"import random\nrandom.seed({seed})\nprint(random.choices('abc', k=6), random.choices([1, 2, 3], weights=[1, 5, 2], k=6), random.choices('xy', cum_weights=[0.3, 1.0], k=4))")
S("import random\nrandom.seed(1.5)\nprint(random.random())\nrandom.seed(-0.25)\nprint(random.random())\nrandom.seed(1e10)\nprint(random.random())\nrandom.seed(True)\nprint(random.random())")
S("import random\nrandom.seed('hello')\nprint(random.random())\nrandom.seed('')\nprint(random.random())\nrandom.seed('a longer seed string, with unicode é')\nprint(random.random())")
S("import random\nrandom.seed(7)\nrandom.gauss()\ns = random.getstate()\na = [random.random(), random.gauss()]\nrandom.setstate(s)\nprint(a == [random.random(), random.gauss()], len(s[1]), s[0])")
S("import random\nr = random.Random(5)\nrandom.seed(5)\nprint(r.random() == random.random(), r.randint(0, 9), random.randint(0, 9))")
S("import random\nrandom.seed(3)\nrandom.gauss()\nrandom.seed(3)\nprint(random.gauss())")
S("import random\nrandom.seed(0)\nprint(random.randrange(1), random.randint(5, 5), random.randrange(2**62), random.randint(-10, 10))")
S("import random\nrandom.seed()\nx = random.random()\nprint(0.0 <= x < 1.0)")
S("import random\nrandom.seed(11)\nprint(random.sample(range(2**62), 3), random.randrange(-2**62, 2**62), random.randrange(2**62, -2**62, -3), random.choice(range(10**15)))")
S("import random\nrandom.randrange(0)")
S("import random\nrandom.randrange(5, 5)")
S("import random\nrandom.randrange(0, 10, 0)")
S("import random\nrandom.randrange(1.5)")
S("import random\nrandom.choice([])")
S("import random\nrandom.sample([1, 2], 3)")
S("import random\nrandom.sample({1, 2}, 1)")
S("import random\nrandom.getrandbits(-1)")
S("import random\nrandom.seed([1])")
S("import random\nrandom.choices('ab', weights=[1], k=2)")
S("from random import randint, seed\nseed(10)\nprint(randint(0, 10))")
# ---- math
S("import math\nprint(repr(math.pi), repr(math.e), repr(math.tau), math.inf, -math.inf, math.nan)")
S("import math\nprint(repr(math.sqrt(2)), repr(math.exp(1)), repr(math.exp(-745.5)), repr(math.log(10)), repr(math.log(8, 2)), repr(math.log(100, 10)), repr(math.log2(10)), repr(math.log10(2)))")
S("import math\nprint(repr(math.log1p(1e-10)), repr(math.expm1(1e-10)), repr(math.pow(2, 0.5)), repr(math.pow(2, 10)), math.pow(0.0, 0), math.pow(float('inf'), -1), math.pow(-2, 3), math.pow(1, float('nan')))")
S("import math\nfor f in [math.sin, math.cos, math.tan, math.atan, math.sinh, math.cosh, math.tanh]:\n    print(repr(f(0.5)), repr(f(-2.0)), repr(f(3)))")
S("import math\nprint(repr(math.asin(0.5)), repr(math.acos(-0.3)), repr(math.atan2(1, -1)), repr(math.atan2(-0.0, -1)), repr(math.hypot(3, 4)), repr(math.hypot(1, 1)), repr(math.hypot(1, 2, 3)), math.hypot(), math.hypot(-5))")
S("import math\nprint([repr(math.hypot(*v)) for v in [(0.1, 0.2), (1e-310, 3e-310), (1e308, 1e308), (2, 3, 6), (0.3, 0.4, 0.5, 0.6), (1.1, -2.2), (7, 24), (1e-200, 1e-200)]])")
S("import math\nprint(math.floor(2.7), math.floor(-2.5), math.ceil(2.1), math.ceil(-2.9), math.trunc(-3.7), math.floor(5), math.ceil(True), type(math.floor(1.5)).__name__)")
S("import math\nprint(repr(math.fabs(-3)), math.factorial(0), math.factorial(20), math.gcd(12, 18), math.gcd(), math.gcd(-4, 6, 10), math.gcd(0, 0))")
S("import math\nprint(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1, 1.1), math.isclose(1, 1.1, rel_tol=0.2), math.isclose(0, 1e-12, abs_tol=1e-9), math.isclose(math.inf, math.inf))")
S("import math\nprint(math.isnan(math.nan), math.isnan(1), math.isinf(-math.inf), math.isinf(1e308), math.isfinite(1e308), math.isfinite(math.nan))")
S("import math\nprint(math.prod([1, 2, 3, 4]), math.prod([]), math.prod([1.5, 2]), math.prod([2, 3], start=10), repr(math.fsum([0.1] * 10)), sum([0.1] * 10), repr(math.fsum([1e100, 1.0, -1e100, 1e-100])), math.fsum([]))")
S("import math\nprint(repr(math.degrees(math.pi)), repr(math.degrees(1)), repr(math.radians(180)), repr(math.radians(45)), math.copysign(3, -0.0), math.copysign(-2.5, 1))")
S("import math\nprint(math.comb(5, 2), math.comb(10, 0), math.comb(3, 5), math.comb(60, 30), math.perm(5, 2), math.perm(5), math.perm(3, 5), math.isqrt(17), math.fmod(7, 3), math.fmod(-7, 3), math.modf(2.5), math.modf(-1.25))")
S("import math\nprint(repr(math.erf(0.5)), repr(math.erfc(0.5)), repr(math.exp(710) if False else math.exp(709)))")
S("import math\nprint(math.degrees(1e308), math.radians(-1e308), math.fabs(-math.inf), math.fabs(-0.0))")
S("import math\nmath.sqrt(-1)")
S("import math\nmath.log(0)")
S("import math\nmath.log(-1)")
S("import math\nmath.log(2, 1)")
S("import math\nmath.exp(1000)")
S("import math\nmath.pow(10, 400)")
S("import math\nmath.pow(0, -1)")
S("import math\nmath.pow(-8, 1/3)")
S("import math\nmath.acos(2)")
S("import math\nmath.cosh(1000)")
S("import math\nmath.sin(math.inf)")
S("import math\nmath.floor(math.inf)")
S("import math\nmath.ceil(math.nan)")
S("import math\nmath.factorial(-1)")
S("import math\nmath.factorial(3.0)")
S("import math\nmath.comb(-1, 2)")
S("import math\nmath.sqrt('x')")
S("import math\nmath.fsum([math.inf, -math.inf])")
S("import math\nmath.isclose(1, 2, rel_tol=-1)")
S("import math\nmath.log1p(-1)")
S("from math import sqrt, pi\nprint(sqrt(pi))")
# ---- time
S("import time\nt0 = time.perf_counter()\ntime.sleep(0.01)\nt1 = time.perf_counter()\nprint(t1 - t0 >= 0.009, time.monotonic() > 0, time.time() > 1.6e9, time.process_time() >= 0, type(time.time_ns()).__name__)")
S("import time\ntime.sleep(-1)")
# ---- typing and __future__
S("from typing import List, Tuple, Dict, Set, Optional, Union, Any, Callable, Iterable, Iterator, Sequence\n"
  "print(List[int], Tuple[int, str], Tuple[int, ...], Dict[str, List[int]], Set[float])\n"
  "print(Optional[int], Union[int, str], Union[int, None], Optional[List[int]], Any, List)\n"
  "print(Callable[[int, str], bool], Iterable[int], Iterator[str], Sequence[Tuple[int, int]])")
S("import typing\nprint(typing.TYPE_CHECKING, typing.List[typing.Any], typing.Optional[dict])")
S("from __future__ import annotations\nfrom typing import List, Optional\n"
  "def f(xs: List[int], scale: Optional[float] = None) -> List[int]:\n    return [x * (scale or 1) for x in xs]\nprint(f([1, 2]), f([1], 2.5))")
S("from typing import Dict, List\nclass Net:\n    layers: List[int] = [1, 2]\n    def forward(self, x: Dict[str, int]) -> int:\n        return x['a']\nprint(Net().forward({'a': 3}), Net.layers)")
S("from typing import TYPE_CHECKING, cast\nif TYPE_CHECKING:\n    import nothing\nprint(cast(int, 5))")
# ---- functools and itertools
S("from functools import reduce, partial\nprint(reduce(lambda a, b: a * b, [1, 2, 3, 4]), reduce(lambda a, b: a + b, [], 10), reduce(max, [3, 9, 2]))\n"
  "def f(a, b, c=0):\n    return (a, b, c)\ng = partial(f, 1, c=5)\nprint(g(2), g(3, c=7), g.args, g.keywords, g.func is f, partial(g, 9)())")
S("from functools import reduce\nreduce(lambda a, b: a, [])")
S("import functools\n@functools.lru_cache(maxsize=None)\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint(fib(80))\n"
  "@functools.cache\ndef sq(x):\n    print('computing', x)\n    return x * x\nprint(sq(3), sq(3), sq(4))\n"
  "def deco(fn):\n    @functools.wraps(fn)\n    def inner(*a):\n        return fn(*a)\n    return inner\n@deco\ndef named(x):\n    return x\nprint(named.__name__, named(4))")
S("import itertools as it\nprint(list(it.islice(it.count(), 5)), list(it.islice(it.count(10, 2.5), 3)), list(it.repeat('x', 3)), list(it.islice(it.cycle('ab'), 5)))")
S("import itertools as it\nprint(list(it.chain([1, 2], (3,), 'ab')), list(it.chain.from_iterable([[1], [2, 3]])), list(it.islice(range(10), 2, 8, 3)), list(it.islice('abcdef', None, 4)), list(it.islice(range(5), 3, None)))")
S("import itertools as it\nprint(list(it.zip_longest('abc', [1], fillvalue='-')), list(it.product('ab', [0, 1])), list(it.product([0, 1], repeat=3)), list(it.product()), list(it.product([], [1])))")
S("import itertools as it\nprint(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3], initial=100)), list(it.accumulate([3, 1, 4, 1, 5], max)), list(it.pairwise('abcd')), list(it.starmap(pow, [(2, 3), (3, 2)])))")
S("import itertools as it\nprint(list(it.takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(it.dropwhile(lambda x: x < 3, [1, 2, 3, 1])), list(it.combinations('abcd', 2)), list(it.combinations(range(3), 0)), list(it.combinations('ab', 3)))")
S("import itertools as it\nprint(list(it.permutations('abc')), list(it.permutations(range(4), 2)), list(it.permutations('ab', 0)), list(it.permutations('ab', 3)), list(it.combinations_with_replacement('abc', 2)))")
S("import itertools\nitertools.islice(range(3), -1)")
S("import itertools\nx = itertools.count()\nprint(next(x), next(x), next(iter(x)))")
S("import mathz")


def run(src):
    r = subprocess.run([sys.executable, "-c", src], capture_output=True, text=True, timeout=60)
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    return r.stdout, (lines[-1] if r.returncode != 0 and lines else "")


def swift_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def main():
    entries = []
    for s in SNIPPETS:
        out, err = run(s)
        entries.append(f"    StdlibGolden(source: {swift_str(s)},\n                 stdout: {swift_str(out)},\n                 error: {swift_str(err)}),")
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "Tests", "LanguageTests", "StdlibGoldens.swift")
    with open(path, "w") as f:
        f.write("// Generated by scripts/golden_stdlib.py from CPython " + sys.version.split()[0] + ". Do not edit.\n\n")
        f.write("struct StdlibGolden: Sendable, CustomStringConvertible {\n    let source: String\n    let stdout: String\n    let error: String\n    var description: String { source }\n}\n\n")
        f.write("let stdlibGoldens: [StdlibGolden] = [\n")
        f.write("\n".join(entries))
        f.write("\n]\n")
    print(f"wrote {len(entries)} goldens to {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
