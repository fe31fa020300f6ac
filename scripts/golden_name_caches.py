#!/usr/bin/env python3
"""Runs the name-cache edge cases under CPython 3.11 and writes Tests/LanguageTests/NameCacheGoldens.swift.

The interpreter caches where a global or builtin name lives (and which native method `a + b` resolves to);
these snippets rebind, delete and shadow names inside loops and functions so a stale cache would show.
Same format and runner as scripts/golden_python.py. Usage: python3 scripts/golden_name_caches.py
"""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_python import run, swift_str  # noqa: E402

SNIPPETS = []
def S(src): SNIPPETS.append(src.strip("\n"))

# globals rebound while a cached load site is hot
S("x = 1\ndef f():\n    return x\nfor i in range(3):\n    print(f())\n    x = x + 10")
S("def g():\n    global y\n    y = y * 2\ny = 3\nfor i in range(4):\n    g()\n    print(y)")
S("x = 5\nfor i in range(3):\n    print(x)\n    globals()['x'] = i * 100")
S("x = 1\nfor i in range(3):\n    print(x)\n    del x\n    x = i + 7")
S("x = 1\nfor i in range(3):\n    print(x)\n    if i == 1:\n        del x")
S("def f():\n    return x\nx = 1\nprint(f())\ndel x\nprint(f())")
S("for i in range(3):\n    print(i, len([1, 2]))\n    if i == 0:\n        len = lambda s: 'shadowed'\n    if i == 1:\n        del len")
S("def f():\n    return len('ab')\nprint(f())\nlen = lambda s: 99\nprint(f())\ndel len\nprint(f())")
S("def f():\n    return abs(-2)\nprint(f())\nglobals()['abs'] = str\nprint(repr(f()))\nglobals().pop('abs')\nprint(f())")
S("def f():\n    return zzz\ntry:\n    f()\nexcept NameError as e:\n    print(e)\n__builtins__.zzz = 4\nprint(f())\ndel __builtins__.zzz\nf()")
S("for i in range(3):\n    try:\n        print(undefined_name)\n    except NameError as e:\n        print(e)\n    undefined_name = i")
S("valuee = 1\nfor i in range(2):\n    pass\nprint(value)")
S("a = 1\nb = 2\nfor i in range(3):\n    a, b = b, a + b\n    c = a\n    c += b\n    print(a, b, c)")
S("d = {}\nfor i in range(3):\n    d['k%d' % i] = i\n    globals()['n%d' % i] = i\n    print(n0, d)\nprint(n2)")
S("x = 1\ndef f():\n    x = 2\n    def g():\n        return x\n    return g\nh = f()\nfor i in range(2):\n    print(h(), x)\n    x = 'global'")
S("x = 'g'\nclass C:\n    y = x\n    x = 'c'\n    z = x\nprint(C.y, C.z, x)")
S("def f():\n    print(x)\n    x = 1\nx = 5\nf()")
S("counter = 0\ndef bump():\n    global counter\n    counter += 1\nfor i in range(5):\n    bump()\nprint(counter)\ndel counter\nbump()")
S("x = 1\nfor i in range(2):\n    for j in range(2):\n        x = x + i + j\nprint(x, i, j)")
S("print = print\nfor i in range(2):\n    print(i)\ndel print\nprint('builtin again')")
# function locals live in slots cached per name site
S("def f(a, b=2, *args, c, **kw):\n    d = a + b\n    e = [d * i for i in range(3)]\n    return sorted(locals().items())\nprint(f(1, c=3, z=4))\nprint(f(5, 6, 7, c=8))")
S("def f(n):\n    t = 0\n    for i in range(n):\n        t += i\n    del t\n    return t\nf(3)")
S("def f():\n    x = 1\n    del x\n    x = 2\n    return x\nprint(f(), f())")
S("def outer():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\na, b = outer(), outer()\nfor i in range(3):\n    print(a(), a(), b())")
S("def fib(n):\n    if n < 2:\n        return n\n    a = fib(n - 1)\n    b = fib(n - 2)\n    return a + b\nprint([fib(i) for i in range(12)])")
S("fs = []\nfor k in range(3):\n    def f(x, k=k):\n        y = x * 10 + k\n        return y\n    fs.append(f)\nprint([g(i) for i, g in enumerate(fs)])")
S("def gen(n):\n    for i in range(n):\n        sq = i * i\n        yield sq\nprint(list(gen(4)), list(gen(2)))")
S("def f(v):\n    if v:\n        w = 'set'\n    return w\nprint(f(1))\nf(0)")
S("class K:\n    def m(self, q):\n        r = q + 1\n        return super().__repr__() is not None and r\nprint(K().m(1), K().m(2))")
S("def f():\n    return [x for x in range(3) if x != y for y in [1]]\ny = 1\nprint(f())")
S("def f():\n    s = 0\n    for i in range(5):\n        s = s + i\n        if i == 2:\n            print(sorted(locals()))\n    return s\nprint(f())")
# binary operators on one native type after its dunders change
S("class V:\n    def __init__(self, v):\n        self.v = v\n    def __add__(self, o):\n        return V(self.v + o.v)\na = V(1)\nfor i in range(3):\n    a = a + V(i)\n    print(a.v)\n    V.__add__ = lambda s, o: V(s.v * 10)")
S("class P:\n    pass\nfor i in range(3):\n    try:\n        print(P() + P())\n    except TypeError as e:\n        print(e)\n    P.__add__ = lambda s, o: 'added %d' % i")
S("x = [1]\nfor i in range(3):\n    x = x + x\nprint(x)\nprint([1] - [2])")


def main():
    entries = []
    for s in SNIPPETS:
        out, err = run(s)
        if " at 0x" in out:
            raise SystemExit(f"snippet prints an address, make it deterministic:\n{s}\n{out}")
        entries.append(f"    PythonGolden(source: {swift_str(s)},\n                 stdout: {swift_str(out)},\n                 error: {swift_str(err)}),")
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "Tests", "LanguageTests", "NameCacheGoldens.swift")
    with open(path, "w") as f:
        f.write("// Generated by scripts/golden_name_caches.py from CPython " + sys.version.split()[0] + ". Do not edit.\n\n")
        f.write("let nameCacheGoldens: [PythonGolden] = [\n")
        f.write("\n".join(entries))
        f.write("\n]\n")
    print(f"wrote {len(entries)} goldens to {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
