#!/usr/bin/env python3
"""Runs Python snippets through real CPython 3.11 and writes Tests/LanguageTests/SyntaxErrorGoldens.swift.

Three oracles, each a table the Swift tests iterate over:
  * parse goldens:      ast.parse(src) rendered as the S-expression that `Program.sExpression` prints;
  * error goldens:      traceback.format_exception_only for compile(src, "<stdin>", "exec");
  * incomplete goldens: codeop.compile_command(src, symbol="single") is None (needs more lines).

Usage: python3 scripts/golden_syntax_errors.py [--print]
"""
import ast, codeop, json, os, sys, traceback, warnings

assert sys.version_info[:2] == (3, 11), "the oracle is CPython 3.11"
warnings.simplefilter("ignore")
# ---- The cases. Add a snippet here, rerun the script, and the Swift tests pick it up. ----

PARSE_CASES = [
    "x = 1 + 2", "x = y = 3", "a, b = b, a", "a, *rest = xs", "[a, b] = 1, 2", "(a, b), c = t", "x.y = 1",
    "x[0] = 1", "x[1:2] = y", "x += 1", "x -= 1", "x *= 2", "x /= 2", "x //= 2", "x %= 2", "x **= 2", "x @= w",
    "x &= 1", "x |= 1", "x ^= 1", "x <<= 1", "x >>= 1", "x.a[0] += 1", "x: int = 5", "x: int", "self.w: Tensor = t",
    "1 + 2 * 3", "(1 + 2) * 3", "2 ** 3 ** 2", "-2 ** 2", "-x ** -y", "a - b - c", "a / b / c", "a // b % c",
    "a @ b @ c", "a | b ^ c & d", "a << b >> c", "a + b << c", "~x", "+x", "-x", "not x", "not not x",
    "a and b or c", "a or b and c", "a and b and c", "not a and b", "a < b", "a < b < c", "a == b != c",
    "a is b", "a is not b", "a in b", "a not in b", "not a in b", "a if b else c", "a if b else c if d else e",
    "lambda: 0", "lambda x: x", "lambda x, y=1, *a, z, **k: x", "lambda *, k: k", "(x := 5)", "f(x := 1)",
    "x = None", "x = True, False", "x = ...", "x[...]", "x[1]", "x[1:2]", "x[::2]", "x[1:]", "x[:2]", "x[:]",
    "x[1:3, ::2]", "x[:, 1]", "x[..., 0]", "x[a, b]", "x[(a, b)]", "x[1:2:3]", "x[::]", "x[i][j]", "x.y.z",
    "f()", "f(1)", "f(1, 2)", "f(a, b=1)", "f(*a)", "f(**k)", "f(*a, **k)", "f(a, *b, c=1, **d)", "f(x for x in y)",
    "f(x for x in y if x)", "f(a)(b)", "f(a).b[c]", "[]", "[1, 2, 3]", "[1, *a, 2]", "()", "(1,)", "(1, 2)",
    "1,", "{}", "{1: 2}", "{1: 2, **d}", "{**a, **b}", "{1, 2}", "{*a, 1}", "[x for x in y]",
    "[x for x in y if x if z]", "[x * y for x in a for y in b]", "[(a, b) for a, b in pairs]", "{x for x in y}",
    "{k: v for k, v in d.items()}", "(x for x in y)", "[[x for x in r] for r in m]", "'abc'", '"abc"',
    "'a' 'b'", "'''tri\nple'''", '"""doc"""', "r'\\n'", "b'abc'", "b'\\x00\\xff'", "rb'\\d'", "'\\n\\t\\\\'",
    "'\\x41\\u0042\\U00000043'", "'\\101'", "'\\N{BULLET}'", "'\\d'", "u'x'", "'a\\\nb'", "f'x'", "f'{x}'",
    "f'{x!r}'", "f'{x!s:>10}'", "f'{x:.{p}f}'", "f'{x=}'", "f'{x = }'", "f'{x=:>4}'", "f'{x=!s}'",
    "f'{{}}'", "f'a{b}c{d}e'", "f'{a[\"k\"]}'", "f'{\"a\" if x else \"b\"}'", "f'{x:{w}.{p}}'", "'a' f'{b}' 'c'",
    "f'{x!a}'", "f'{ x }'", "f'{(lambda: 1)()}'", "f'{x:%H:%M}'", "f'{d[\"a\"]:>{w}}'", "rf'\\d{x}'",
    "0", "123", "1_000_000", "0x1F", "0o17", "0b1010", "0X_FF", "123456789012345678901234567890",
    "0xFFFFFFFFFFFFFFFFFFFFFFFF", "1.5", "1.", ".5", "1e10", "1E-5", "1.5e+3", "1_0.0_1", "2j", "1.5j", "0.0",
    "1e400", "00", "0_0", "1if x else 2",
    "if x:\n    y\n", "if x:\n    a\nelif y:\n    b\nelse:\n    c\n", "if x: a; b\n", "if x: pass\nelse: pass\n",
    "while x:\n    x -= 1\nelse:\n    done()\n", "while True:\n    break\n", "for i in range(3):\n    continue\n",
    "for n, p in net.named_parameters(): print(n)\n", "for (a, b) in x:\n    pass\n", "for x, in y: pass\n",
    "for *a, b in c: pass\n", "for i in 1, 2: pass\n", "for x in y:\n    pass\nelse:\n    pass\n",
    "def f():\n    pass\n", "def f(a, b=1, *args, c, d=2, **kw):\n    return a\n", "def f(*, a): pass\n",
    "def f(a, /, b): pass\n", "def f(x: int = 1) -> int:\n    return x\n", "@dec\ndef f(): pass\n",
    "@a.b(c)\n@d\ndef f(): pass\n", "def f():\n    return\n", "def f():\n    return 1, 2\n",
    "def f():\n    yield\n", "def f():\n    yield x\n", "def f():\n    x = yield y\n", "def f():\n    yield from g()\n",
    "async def f():\n    await x\n" if False else "def f():\n    global g\n    nonlocal h\n",
    "class A: pass\n", "class A(B, C):\n    x = 1\n", "class A(B, metaclass=M): pass\n", "@dataclass\nclass P:\n    x: int\n",
    "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(2, 3)\n",
    "with open(f) as g:\n    pass\n", "with a, b as c: pass\n", "with a as (b, c): pass\n", "with torch.no_grad(): pass\n",
    "with (a as b, c as d): pass\n", "with (a, b): pass\n", "with (yield): pass\n" if False else "with a() as b.c: pass\n",
    "import torch\n", "import torch.nn as nn\n", "import a, b.c\n", "from a.b import x as y\n", "from a import (x, y,)\n",
    "from a import *\n", "from . import x\n", "from ..a import b\n", "from ... import c\n", "pass", "del x\n", "del x, y[0], z.a\n",
    "del (a, b)\n", "assert x\n", "assert x, 'msg'\n", "raise\n", "raise E\n", "raise E from e\n",
    "try:\n    a\nexcept:\n    b\n", "try:\n    a\nexcept E as e:\n    b\nelse:\n    c\nfinally:\n    d\n",
    "try:\n    a\nexcept (A, B):\n    b\n", "try:\n    a\nfinally:\n    b\n", "x = 1; y = 2\n", "x = 1;\n",
    "x = (1 +\n     2)\n", "x = [\n  1,\n  2,\n]\n", "x = 1 + \\\n    2\n", "# comment\nx = 1  # trailing\n",
    "if x:\n\n    # comment\n    y = 1\n\n    z = 2\n", "if a:\n    if b:\n        if c:\n            d\ne\n",
    "if a:\n\tb\n", "if a:\n        b\n        c\n", "def f():\n    x = 1\n\n    return x\n", "\n\n\nx\n\n\n",
    "x = 1\r\ny = 2\r\n", "if x:\n    a\n    # dedented comment\nb\n", "x = {\n    'a': 1,  # c\n}\n",
    "print(*a, sep='')\n", "print('a', 'b', end='\\n')\n", "loss.backward()\n", "optimizer.zero_grad()\n",
    "y = model(x).sum()\n", "torch.manual_seed(0)\n", "w = torch.randn(3, 4, requires_grad=True)\n",
    "x = x.view(-1, 16 * 5 * 5)\n", "print(f'Epoch {epoch+1}, loss {loss.item():.4f}')\n", "x = a if b else(c)\n",
    "x = [i for i in range(10) if i % 2 == 0]\n", "total = sum(p.numel() for p in model.parameters())\n",
    "x = -1\n", "x = - - 1\n", "x = a[-1]\n", "x = a[::-1]\n", "x = (yield)\n" if False else "x = not a == b\n",
    "x = a is not None and b\n", "x = {'a': [1, 2], 'b': (3,)}\n", "x = lambda: (yield)\n" if False else "f(a)[0].b = 2\n",
    "match = 1\n", "case = 2\n", "_ = 3\n", "print(match, case)\n", "type = 4\n", "x = 1 if y else 2 if z else 3\n",
    "a = b = c = d\n", "x = (\n    1\n)\n", "x = [1,\n     2\n     ]\n", "assert isinstance(x, int), f'{x}'\n",
    "print(end='')\n", "f(a,)\n", "f(*a, b)\n", "f(a=1, *b)\n", "f(**a, b=1)\n",
]

ERROR_CASES = [
    "x = (1 +", "x = [1, 2", "x = {", "f(a, b", "x = (1, 2\ny = 3\n", "x = )", "x = ]", "foo())", "x = (1]",
    "x = [1)", "x = {1)", "x = (\n1,\n2]\n", "print(1 2)", "[a b]", "f(a b c)", "{1: 2 3: 4}", "x = 1 2",
    "if x\n    pass\n", "for x in y\n    pass\n", "while x\n    pass\n", "def f()\n    pass\n", "class A\n    pass\n",
    "else:\n    pass\n", "if x:\npass\n", "for x in y:\nprint(x)\n", "while x:\n\n", "def f():\nreturn\n",
    "class A:\nx = 1\n", "try:\nx\n", "with a:\nb\n", "if x:\n    a\nelse:\nb\n", "if x:\n    a\nelif y:\nb\n",
    "try:\n    a\nexcept:\nb\n", "try:\n    a\nfinally:\nb\n", " x = 1\n", "x = 1\n    y = 2\n",
    "if x:\n    a\n  b\n", "if x:\n        a\n    b\n", "def f():\n\treturn 1\n        return 2\n",
    "s = 'abc", 's = \"abc\n', "x = 'a\nb'", "s = '''abc", "s = '''abc\n\ndef\n", 'x = """\n\n', "x = b'abc",
    "f() = 1", "f() = x", "1 = x", "x + 1 = 2", "'a' = 1", "None = 1", "True = 1", "a, f() = 1, 2", "(a, 1) = x",
    "[a, b()] = x", "x = f() = 1", "f() += 1", "1 += 1", "a + b += 1", "(a, b) += 1", "del f()", "del 1",
    "for f() in x: pass", "for 1 in x: pass", "with a as f(): pass", "[x for 1 in y]", "a < b = 1", "not a = 1",
    "a if b else c = 1", "lambda: 1 = 1", "-x = 1", "x.y() = 1", "f'{x}' = 1", "... = 1", "{} = 1", "{1} = x",
    "[x for x in y] = 1", "(x for x in y) = 1", "a and b = 1", "x = 1abc", "x = 1_", "x = 1__0", "x = 0x", "x = 0xg",
    "x = 0b2", "x = 0o8", "x = 012", "x = 1e", "x = 1.5x", "x = 5 if", "return 1", "return", "def f():\n    pass\nreturn x\n",
    "class A:\n    return 1\n", "break", "continue", "if x:\n    break\n", "def f():\n    for x in y: pass\n    break\n",
    "print 'hello'", "print x", "print x, y", "exec 'code'", "x = 1 +", "x = (1 + )", "x +", "x = ", "= 1",
    "x = 1 +\n", "def", "def f(:\n", "class", "import", "from x", "from x import", "from x import a,",
    "import a.", "x = \u2026", "x = a \u2013 b", "x = \u201chi\u201d", "x = 1 \u00d7 2", "x\u00a0= 1", "x = $",
    "x = a ? b : c", "x = `a`", "a!b", "x = \\", "x = 1 \\ 2", "if x = 1:\n    pass\n", "while x = 1: pass",
    "f(a.b=1)", "f(a=1, b)", "f(**a, b)", "f(x for x in y, 1)", "f(1, x for x in y)", "f(True=1)", "f(a, a=1, *b)",
    "x = a if b", "[x if y]", "x := 1", "def f(a=1, b): pass", "def f(*): pass", "def f(*, **k): pass",
    "def f(**k, a): pass", "def f(a, a): pass", "lambda a=1, b: 0", "x = [1, 2,, 3]", "x = (,)", "f(,)", "x = {,}",
    "a.1", "a..b", "x = 1 if 2 else", "try:\n    pass\n", "try:\n    pass\nelse:\n    pass\n",
    "except E:\n    pass\n", "finally:\n    pass\n", "elif x:\n    pass\n", "x = 1\nelse:\n    pass\n",
    "for x y in z: pass", "for x in: pass", "import a as", "import a as 1", "from . import", "@\ndef f(): pass\n",
    "@dec\nx = 1\n", "class A(: pass", "def f(x y): pass", "x = 5 6 7", "x = (a, b c)", "f(a)(b c)",
    "x[1 2]", "x = {'a': 1 'b': 2}", "x = {'a' 1}", "print(f'{a b}')", "f'{'", "f'}'", "f'{}'", "f'{x!z}'",
    "f'{x!}'", "f'{x:{y:{z}}}'", "f'{a\\nb}'", "f'{#}'", "b'\u00e9'", "'\\x4'", "'\\N{NOPE}'", "x = 'a' b'b'",
    "(" * 201, "(" * 200 + ")" * 200, "]" , "x = ((())", "x = (1,\n     2\n", "if True:\n    x = (1,\n",
    "def f(\n    a,\n    b\n", "x = 1\ny = (\nz = 3\n", "nonlocal x", "a, b += 1", "x: int, y: int = 1, 2",
    "(a, b): int", "[a]: int", "f(): int = 1", "x = yield = 1", "*a = 1", "del *a", "a = *b",
    "print(*)", "x = {**}", "x = [**a]", "from __future__ import braces",
    "for x in range(10):\n    pass\n  print(x)\n", "if x:\n\tif y:\n\t    pass\n        z\n",
    "x = 1\n\n\n    y = 2\n", "class A:\n    def f(self):\n        pass\n   x = 1\n",
    "x = [\n    1,\n    2\n", "foo(\n    1,\n    2\nbar = 3\n", "d = {'a': 1,\n     'b': 2\n",
    "import torch\nx = torch.tensor([1, 2, 3]\nprint(x)\n", "def f():\n    x = 1\n     y = 2\n",
    "if x:\n    pass\n else:\n    pass\n", "  # comment\n  x\n", "x = 0777", "x = 09", "x = 1.2.3",
    "x = 1e5e5", "x = 0x_", "x = 0b", "x = 5j5", "async = 1", "await = 1" if False else "def = 1",
    "True + = 1", "x = not", "x = a not b", "x = a is not", "x = a.", "x = a[", "x = a[]",
    "x = 'abc' 'def", "x = f(a)\n  y = 2\n", "class C:\npass\n", "def f():\n  '''doc\n",
    "with open(f) as g\n    pass\n", "for i in range(10) print(i)", "if x: if y: pass",
    "while True print(1)", "x = [i for i in]", "x = [for i in y]", "x = {1: }", "x = {: 1}",
    "lambda x: yield" if False else "lambda: return", "def f(x):\n    return x\n  return 2\n",
    "l = [1, 2, 3\nprint(l)\n", "print(\"hello\"\n", "print('a' 'b' c)", "x = 1 if y else", "a = b = ",
    "x == 1 = 2",
]

INCOMPLETE_CASES = [
    "", "x = 1", "x = (1 +", "x = (1,", "x = [", "x = {", "f(", "f(a,\n  b", "if x:", "for x in y:",
    "while True:", "def f():", "class A:", "try:", "with a:", "if x:\n    y = 1", "if x:\n    y = 1\n",
    "if x:\n    y = 1\n\n", "for n, p in net.named_parameters(): print(n)", "if x: pass",
    "def f():\n    return 1", "def f():\n    return 1\n", "def f():\n    return 1\n\n", "s = '''abc",
    "s = '''abc\ndef", "s = '''abc'''", "s = 'abc", "x = 1 + \\", "x = \\", "x = 1 +", "x = )",
    "x = (1]", "@dec", "@dec\ndef f():", "@dec\ndef f(): pass", "if x:\n    a\nelse:", "if x:\n    a\nelse:\n    b",
    "try:\n    a\nexcept E:", "try:\n    a\nexcept E:\n    b", "try:\n    a\nexcept E:\n    b\n\n", "x = [1,\n 2,\n 3]",
    "print('hi')", "print(", "print(\n", "1 +", "foo(1, 2", "class A:\n    def f(self):\n        pass",
    "class A:\n    def f(self):\n        pass\n\n", "x = f'''{", "if x:\n    y = (1,", "#comment", "# c\n",
    "x = 1  # comment", "if x:  # comment", "lambda x:", "x = [i for i in", "x = 1;", "x = 1; y =",
    "import", "from a import (b,", "from a import", "else:", "x = 1\n  y = 2", "if x:\n  a\n b",
    "def f(", "def f(a,", "x = {'a':", "a = b if c", "a = b if c else", "with a as b:", "for x in", "while",
    "print(1 2", "if x\n", "    x = 1", "del", "assert", "raise", "return", "x = \"\"\"a\nb", "x = r'''",
    "if True:\n    pass\n  x", "if x:\n\tpass", "if x:\n    for y in z:\n        pass", "if x:\n    for y in z:\n        pass\n",
]


def quote(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == "\\": out.append("\\\\")
        elif ch == '"': out.append('\\"')
        elif ch == "\n": out.append("\\n")
        elif ch == "\t": out.append("\\t")
        elif o < 0x20 or o == 0x7F: out.append("\\x%02x" % o)
        else: out.append(ch)
    return "".join(out) + '"'


def lst(head, items):
    return "(%s)" % head if not items else "(%s %s)" % (head, " ".join(items))


def opt(e):
    return "-" if e is None else expr(e)


def num(x):
    if x != x: return "nan"
    if x in (float("inf"), float("-inf")): return "inf" if x > 0 else "-inf"
    r = repr(float(x))
    return r


BIN = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%", ast.Pow: "**",
       ast.MatMult: "@", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^", ast.LShift: "<<", ast.RShift: ">>"}
UN = {ast.USub: "-", ast.UAdd: "+", ast.Not: "not", ast.Invert: "~"}
CMP = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Is: "is",
       ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in"}


def params(a):
    pos = a.posonlyargs + a.args
    defaults = [None] * (len(pos) - len(a.defaults)) + a.defaults
    items = ["(%s %s)" % (p.arg, opt(d)) for p, d in zip(pos, defaults)]
    if a.vararg: items.append("(* %s)" % a.vararg.arg)
    if a.kwonlyargs:
        items.append(lst("kwonly", ["(%s %s)" % (p.arg, opt(d)) for p, d in zip(a.kwonlyargs, a.kw_defaults)]))
    if a.kwarg: items.append("(** %s)" % a.kwarg.arg)
    return lst("params", items)


def comp(c):
    return lst("for", [expr(c.target), expr(c.iter)] + [expr(i) for i in c.ifs])


def fstr(node):
    items, pending = [], ""
    for v in node.values:
        if isinstance(v, ast.Constant):
            pending += v.value
            continue
        if pending: items.append("(lit %s)" % quote(pending)); pending = ""
        conv = "-" if v.conversion == -1 else chr(v.conversion)
        items.append("(fmt %s %s %s)" % (expr(v.value), conv, "-" if v.format_spec is None else fstr(v.format_spec)))
    if pending: items.append("(lit %s)" % quote(pending))
    return lst("fstr", items)


def expr(e):
    t = type(e)
    if t is ast.Name: return "(name %s)" % e.id
    if t is ast.Constant:
        v = e.value
        if v is None: return "None"
        if v is True: return "True"
        if v is False: return "False"
        if v is Ellipsis: return "..."
        if isinstance(v, int): return "(int %d)" % v
        if isinstance(v, float): return "(float %s)" % num(v)
        if isinstance(v, complex): return "(imag %s)" % num(v.imag)
        if isinstance(v, str): return "(str %s)" % quote(v)
        if isinstance(v, bytes): return lst("bytes", [str(b) for b in v])
    if t is ast.JoinedStr: return fstr(e)
    if t is ast.List: return lst("list", [expr(x) for x in e.elts])
    if t is ast.Tuple: return lst("tuple", [expr(x) for x in e.elts])
    if t is ast.Set: return lst("set", [expr(x) for x in e.elts])
    if t is ast.Dict: return lst("dict", ["(%s %s)" % ("**" if k is None else expr(k), expr(v)) for k, v in zip(e.keys, e.values)])
    if t is ast.Starred: return "(star %s)" % expr(e.value)
    if t is ast.Attribute: return "(attr %s %s)" % (expr(e.value), e.attr)
    if t is ast.Subscript: return "(sub %s %s)" % (expr(e.value), expr(e.slice))
    if t is ast.Slice: return "(slice %s %s %s)" % (opt(e.lower), opt(e.upper), opt(e.step))
    if t is ast.Call:
        kws = ["(%s %s)" % ("**" if k.arg is None else k.arg, expr(k.value)) for k in e.keywords]
        return "(call %s %s %s)" % (expr(e.func), lst("args", [expr(a) for a in e.args]), lst("kw", kws))
    if t is ast.UnaryOp: return "(%s %s)" % (UN[type(e.op)], expr(e.operand))
    if t is ast.BinOp: return "(%s %s %s)" % (BIN[type(e.op)], expr(e.left), expr(e.right))
    if t is ast.BoolOp: return lst("and" if isinstance(e.op, ast.And) else "or", [expr(v) for v in e.values])
    if t is ast.Compare:
        return lst("cmp", [expr(e.left)] + ["%s %s" % (CMP[type(o)], expr(c)) for o, c in zip(e.ops, e.comparators)])
    if t is ast.IfExp: return "(ifexp %s %s %s)" % (expr(e.test), expr(e.body), expr(e.orelse))
    if t is ast.Lambda: return "(lambda %s %s)" % (params(e.args), expr(e.body))
    if t is ast.ListComp: return lst("listcomp", [expr(e.elt)] + [comp(c) for c in e.generators])
    if t is ast.SetComp: return lst("setcomp", [expr(e.elt)] + [comp(c) for c in e.generators])
    if t is ast.GeneratorExp: return lst("genexp", [expr(e.elt)] + [comp(c) for c in e.generators])
    if t is ast.DictComp: return lst("dictcomp", [expr(e.key), expr(e.value)] + [comp(c) for c in e.generators])
    if t is ast.NamedExpr: return "(:= %s %s)" % (e.target.id, expr(e.value))
    if t is ast.Yield: return "(yield %s)" % opt(e.value)
    if t is ast.YieldFrom: return "(yield-from %s)" % expr(e.value)
    if t is ast.Await: return "(await %s)" % expr(e.value)
    raise ValueError("unsupported expression %s" % ast.dump(e))


def body(head, stmts):
    return lst(head, [stmt(s) for s in stmts])


def alias(a):
    return "(%s%s)" % (a.name, "" if a.asname is None else " as " + a.asname)


def stmt(s):
    t = type(s)
    if t is ast.Expr: return "(expr %s)" % expr(s.value)
    if t is ast.Assign: return lst("=", [expr(x) for x in s.targets] + [expr(s.value)])
    if t is ast.AugAssign: return "(%s= %s %s)" % (BIN[type(s.op)], expr(s.target), expr(s.value))
    if t is ast.AnnAssign: return "(ann %s %s %s)" % (expr(s.target), expr(s.annotation), opt(s.value))
    if t is ast.Pass: return "(pass)"
    if t is ast.Break: return "(break)"
    if t is ast.Continue: return "(continue)"
    if t is ast.Return: return "(return %s)" % opt(s.value)
    if t is ast.Delete: return lst("del", [expr(x) for x in s.targets])
    if t is ast.Global: return lst("global", s.names)
    if t is ast.Nonlocal: return lst("nonlocal", s.names)
    if t is ast.Assert: return "(assert %s %s)" % (expr(s.test), opt(s.msg))
    if t is ast.Raise: return "(raise %s %s)" % (opt(s.exc), opt(s.cause))
    if t is ast.If: return "(if %s %s %s)" % (expr(s.test), body("body", s.body), body("else", s.orelse))
    if t is ast.While: return "(while %s %s %s)" % (expr(s.test), body("body", s.body), body("else", s.orelse))
    if t is ast.For:
        return "(for %s %s %s %s)" % (expr(s.target), expr(s.iter), body("body", s.body), body("else", s.orelse))
    if t is ast.With:
        items = ["(%s %s)" % (expr(i.context_expr), opt(i.optional_vars)) for i in s.items]
        return "(with %s %s)" % (lst("items", items), body("body", s.body))
    if t is ast.Try:
        hs = ["(except %s %s %s)" % (opt(h.type), h.name or "-", body("body", h.body)) for h in s.handlers]
        return lst("try", [body("body", s.body)] + hs + [body("else", s.orelse), body("finally", s.finalbody)])
    if t is ast.FunctionDef:
        return "(def %s %s %s %s)" % (s.name, params(s.args), lst("decorators", [expr(d) for d in s.decorator_list]),
                                      body("body", s.body))
    if t is ast.ClassDef:
        kws = ["(%s %s)" % ("**" if k.arg is None else k.arg, expr(k.value)) for k in s.keywords]
        return "(class %s %s %s %s %s)" % (s.name, lst("bases", [expr(b) for b in s.bases]), lst("kw", kws),
                                           lst("decorators", [expr(d) for d in s.decorator_list]), body("body", s.body))
    if t is ast.Import: return lst("import", [alias(a) for a in s.names])
    if t is ast.ImportFrom:
        return lst("from", [str(s.level), s.module or "-"] + [alias(a) for a in s.names])
    raise ValueError("unsupported statement %s" % ast.dump(s))


def parse_golden(src):
    return "\n".join(stmt(s) for s in ast.parse(src).body)


def error_golden(src):
    try:
        compile(src, "<stdin>", "exec")
    except SyntaxError as e:
        return "".join(traceback.format_exception_only(e)).rstrip("\n")
    except (MemoryError, RecursionError, ValueError):
        return None
    return None


def incomplete_golden(src):
    try:
        return codeop.compile_command(src, "<stdin>", "single") is None
    except (SyntaxError, ValueError, OverflowError):
        return False


def swift_string(s):
    # A Swift string literal with every non-printable or non-ASCII character escaped.
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == "\\": out.append("\\\\")
        elif ch == '"': out.append('\\"')
        elif ch == "\n": out.append("\\n")
        elif ch == "\t": out.append("\\t")
        elif ch == "\r": out.append("\\r")
        elif 0x20 <= o < 0x7F: out.append(ch)
        else: out.append("\\u{%x}" % o)
    return "".join(out) + '"'


def main():
    lines = ["// Generated by scripts/golden_syntax_errors.py from CPython %s. Do not edit." % sys.version.split()[0],
             "// Each entry is (source, what CPython produced for it).", "",
             "/// `ast.parse(source)` rendered as `Program.sExpression`.",
             "let parseGoldens: [(source: String, expected: String)] = ["]
    for src in PARSE_CASES:
        lines.append("    (%s, %s)," % (swift_string(src), swift_string(parse_golden(src))))
    lines += ["]", "", "/// `traceback.format_exception_only` for `compile(source, \"<stdin>\", \"exec\")`.",
              "let syntaxErrorGoldens: [(source: String, expected: String)] = ["]
    for src in ERROR_CASES:
        expected = error_golden(src)
        if expected is None:
            print("skipping %r: CPython raises no SyntaxError" % src, file=sys.stderr)
            continue
        lines.append("    (%s, %s)," % (swift_string(src), swift_string(expected)))
    lines += ["]", "", "/// `codeop.compile_command(source, symbol=\"single\") is None`.",
              "let incompleteGoldens: [(source: String, incomplete: Bool)] = ["]
    for src in INCOMPLETE_CASES:
        lines.append("    (%s, %s)," % (swift_string(src), "true" if incomplete_golden(src) else "false"))
    lines += ["]", ""]
    text = "\n".join(lines)
    if "--print" in sys.argv:
        print(text)
        return
    path = os.path.join(os.path.dirname(__file__), "..", "Tests", "LanguageTests", "SyntaxErrorGoldens.swift")
    with open(path, "w") as f:
        f.write(text)
    print("wrote %d parse, %d error, %d incomplete goldens to %s" % (
        len(PARSE_CASES), len(ERROR_CASES), len(INCOMPLETE_CASES), os.path.normpath(path)))


if __name__ == "__main__":
    main()
