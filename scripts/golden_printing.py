#!/usr/bin/env python3
"""Generates Tests/TensorEngineTests/PrintingGoldens.swift: expected `repr(t)` texts for TensorFormatter.

Sources: real PyTorch 2.15 (its virtualenv; required) for every case; the reference's §3.5 examples are
parsed from pytorch-semantics.md and must equal torch's repr; default-option cases must also equal the
oracle's format_tensor (../shared/reference/torch_rng_oracle.py). The script fails on any disagreement.

Usage: scripts/golden_printing.py [path/to/python-with-torch]
Fixture: blocks of
  #case <label>
  shape <dims...> | dtype <float32|float64|int64|bool> | grad <name or -> | rg <0|1> | param <0|1>
  opts <precision> <threshold> <edgeitems> <linewidth> <sci: - 0 1>
  values <float32 bits as 8 hex digits | float64 bits as 16 | integers | 0/1>, `tok*n` = n copies
  expect
  <repr text, any number of lines>
  #end
"""
import json
import os
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REF = os.path.join(REPO, '..', 'shared', 'reference')
sys.path.insert(0, REF)
import torch_rng_oracle as O  # noqa: E402

OUT = os.path.join(REPO, 'Tests', 'TensorEngineTests', 'PrintingGoldens.swift')
TORCH_PY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, '.venv-torch', 'bin', 'python')
SUPPORTED = ('float32', 'float64', 'int64', 'bool')


def doc_examples():
    """(expression, expected text) pairs of reference §3.5."""
    text = open(os.path.join(REF, 'pytorch-semantics.md')).read()
    sec = text[text.index('### 3.5 Examples'):text.index('## 4. Modules')]
    blocks = re.findall(r'```\n(.*?)```', sec, re.S)
    out = []
    lines = blocks[0].split('\n')
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ' -> ' in ln:
            expr, want = ln.split(' -> ', 1)
            want = want.rstrip()
            # continuation lines of a multi-line output are indented to the column of the output
            col = ln.index(' -> ') + 4
            while i + 1 < len(lines) and lines[i + 1].startswith(' ' * col) and ' -> ' not in lines[i + 1]:
                i += 1
                want += '\n' + lines[i][col:].rstrip()
            out.append((expr.strip(), want))
        i += 1
    for m in re.finditer(r'>>> (.*?)\n(.*?)(?=\n>>> |\Z)', blocks[1], re.S):
        expr = m.group(1).split('  #')[0].strip()
        if expr.startswith('['):
            continue                      # a list of tensors: not a single repr
        out.append((expr, m.group(2).rstrip('\n')))
    return out


TORCH_SIDE = r'''
import json, math, struct, sys, random
import torch
from torch import nn

def describe(t):
    p = isinstance(t, nn.Parameter)
    dt = str(t.dtype).replace('torch.', '')
    flat = t.detach().reshape(-1).tolist()
    return dict(shape=list(t.shape), dtype=dt, grad=(type(t.grad_fn).__name__ if t.grad_fn is not None else None),
                rg=bool(t.requires_grad), param=p, values=flat, repr=repr(t))

req = json.load(sys.stdin)
out = {'doc': [], 'random': [], 'options': []}
for expr, _ in req['doc']:
    t = eval(expr)
    d = describe(t); d['expr'] = expr
    out['doc'].append(d)

rnd = random.Random(2015)
SPECIAL = [float('nan'), float('inf'), -float('inf'), -0.0, 0.0, 1e-5, 1e-4, 1e10, 123456789.0, 0.03125, 1.0, -2.5]

def rand_values(n, kind):
    if kind == 'bool':
        return [rnd.random() < 0.5 for _ in range(n)]
    if kind == 'int64':
        scale = rnd.choice([1, 10, 1000, 10**6, 10**12, 2**62])
        return [rnd.randint(-scale, scale) for _ in range(n)]
    style = rnd.choice(['normal', 'ints', 'tiny', 'huge', 'mixed', 'special', 'wide', 'zeros'])
    vals = []
    for _ in range(n):
        if style == 'normal': v = rnd.gauss(0, 1)
        elif style == 'ints': v = float(rnd.randint(-200, 200))
        elif style == 'tiny': v = rnd.gauss(0, 1e-5)
        elif style == 'huge': v = rnd.gauss(0, 1e9)
        elif style == 'mixed': v = rnd.gauss(0, 1) * 10 ** rnd.randint(-3, 3)
        elif style == 'special': v = rnd.choice(SPECIAL) if rnd.random() < 0.5 else rnd.gauss(0, 3)
        elif style == 'wide': v = rnd.uniform(-1, 1) * 10 ** rnd.randint(-8, 8)
        else: v = 0.0 if rnd.random() < 0.8 else rnd.choice([-0.0, float('nan')])
        vals.append(v)
    return vals

def rand_shape():
    nd = rnd.choice([0, 1, 1, 2, 2, 3, 4])
    if nd == 0: return []
    if rnd.random() < 0.08:
        sh = [rnd.randint(0, 3) for _ in range(nd)]; sh[rnd.randrange(nd)] = 0; return sh
    if rnd.random() < 0.12:     # large enough to summarise
        return {1: [rnd.randint(1001, 1300)], 2: [rnd.randint(7, 40), rnd.randint(30, 40)],
                3: [rnd.randint(5, 8), rnd.randint(7, 10), rnd.randint(21, 30)],
                4: [rnd.randint(2, 4), 3, rnd.randint(7, 10), rnd.randint(7, 10)]}[nd]
    caps = {1: 40, 2: 9, 3: 5, 4: 4}
    return [rnd.randint(1, caps[nd]) for _ in range(nd)]

def hide_unshown(shape, dtype, values):
    # Values a summarised repr does not show are set to one loud constant: any leak of them into the
    # width or notation shows up, and the fixture stores them run-length encoded.
    n = len(values)
    if n <= 1000:
        return values
    keep = [list(range(3)) + list(range(s - 3, s)) if s > 6 else list(range(s)) for s in shape]
    strides = [1] * len(shape)
    for d in range(len(shape) - 2, -1, -1):
        strides[d] = strides[d + 1] * shape[d + 1]
    shown = {0}
    for d, ks in enumerate(keep):
        shown = {b + k * strides[d] for b in shown for k in ks}
    loud = {'float32': 3.0e33, 'float64': -7.0e300, 'int64': 999999999999999, 'bool': True}[dtype]
    return [v if i in shown else loud for i, v in enumerate(values)]

def make(shape, dtype, values, variant):
    tdt = getattr(torch, dtype)
    t = torch.tensor(values, dtype=tdt).reshape(shape)
    if variant == 'rg' and t.is_floating_point(): t.requires_grad_()
    elif variant == 'grad' and t.is_floating_point(): t = t.requires_grad_() * 1
    elif variant == 'clone' and t.is_floating_point(): t = t.requires_grad_().clone()
    elif variant == 'param': t = nn.Parameter(t, requires_grad=t.is_floating_point())
    elif variant == 'param_nograd': t = nn.Parameter(t, requires_grad=False)
    return t

for i in range(req['n_random']):
    shape = rand_shape()
    dtype = rnd.choice(['float32', 'float32', 'float64', 'int64', 'bool'])
    n = 1
    for s in shape: n *= s
    values = hide_unshown(shape, dtype, rand_values(n, dtype))
    variant = rnd.choice(['plain', 'plain', 'plain', 'rg', 'grad', 'clone', 'param', 'param_nograd'])
    out['random'].append(describe(make(shape, dtype, values, variant)))

# print options: expected from torch only
OPTS = [dict(precision=2), dict(precision=6), dict(precision=0), dict(precision=10), dict(sci_mode=True),
        dict(sci_mode=False), dict(linewidth=40), dict(linewidth=120), dict(threshold=10), dict(edgeitems=1),
        dict(threshold=10, edgeitems=2), dict(threshold=5, edgeitems=0), dict(profile='short'),
        dict(profile='full'), dict(precision=2, sci_mode=True), dict(linewidth=30, precision=1)]
for opts in OPTS:
    for j in range(req['n_per_option']):
        torch.set_printoptions(profile='default')
        shape = rand_shape()
        dtype = rnd.choice(['float32', 'float32', 'float64', 'int64', 'bool'])
        n = 1
        for s in shape: n *= s
        values = hide_unshown(shape, dtype, rand_values(n, dtype))
        variant = rnd.choice(['plain', 'plain', 'rg', 'grad', 'param'])
        t = make(shape, dtype, values, variant)
        torch.set_printoptions(**opts)
        po = torch._tensor_str.PRINT_OPTS
        d = describe(t)
        d['opts'] = [po.precision, po.threshold if po.threshold != float('inf') else -1, po.edgeitems,
                     po.linewidth, po.sci_mode]
        out['options'].append(d)
torch.set_printoptions(profile='default')
json.dump(out, sys.stdout)
'''


def hexbits(v):
    import struct
    return '%016X' % struct.unpack('<Q', struct.pack('<d', v))[0]


def block(label, d, opts):
    dt = d['dtype']
    if dt == 'float32':
        vals = ['%08X' % O.bits32(float(v)) for v in d['values']]
    elif dt == 'float64':
        vals = [hexbits(float(v)) for v in d['values']]
    elif dt == 'bool':
        vals = ['1' if v else '0' for v in d['values']]
    else:
        vals = [str(int(v)) for v in d['values']]
    runs = []
    for v in vals:
        if runs and runs[-1][0] == v:
            runs[-1][1] += 1
        else:
            runs.append([v, 1])
    vals = [v if c == 1 else '%s*%d' % (v, c) for v, c in runs]
    prec, thr, edge, lw, sci = opts
    return '\n'.join([
        '#case ' + label,
        'shape ' + ' '.join(map(str, d['shape'])),
        'dtype ' + dt,
        'grad ' + (d['grad'] or '-'),
        'rg %d' % d['rg'],
        'param %d' % d['param'],
        'opts %d %d %d %d %s' % (prec, thr, edge, lw, '-' if sci is None else str(int(sci))),
        'values ' + ' '.join(vals),
        'expect',
        d['repr'],
        '#end'])


def oracle_repr(d):
    return O.format_tensor(tuple(d['shape']), d['values'], d['dtype'], d['rg'], d['grad'], d['param'])


def main():
    docs = doc_examples()
    req = dict(doc=docs, n_random=400, n_per_option=12)
    p = subprocess.run([TORCH_PY, '-c', TORCH_SIDE], input=json.dumps(req), capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit('torch run failed (is %s a python with torch 2.15?):\n%s' % (TORCH_PY, p.stderr[-2000:]))
    res = json.loads(p.stdout)
    blocks, counts = [], dict(doc=0, doc_skipped=0, random=0, options=0, oracle_checked=0)
    default = (4, 1000, 3, 80, None)
    for (expr, want), d in zip(docs, res['doc']):
        if d['repr'] != want:
            sys.exit('reference example disagrees with torch: %s\n%r\n%r' % (expr, want, d['repr']))
        if d['dtype'] not in SUPPORTED:
            counts['doc_skipped'] += 1
            continue
        if oracle_repr(d) != d['repr']:
            sys.exit('oracle disagrees with torch on %s' % expr)
        counts['oracle_checked'] += 1
        blocks.append(block('doc: ' + expr, d, default))
        counts['doc'] += 1
    for i, d in enumerate(res['random']):
        if oracle_repr(d) != d['repr']:
            sys.exit('oracle disagrees with torch on random case %d:\n%s' % (i, d['repr']))
        counts['oracle_checked'] += 1
        blocks.append(block('random %d' % i, d, default))
        counts['random'] += 1
    for i, d in enumerate(res['options']):
        blocks.append(block('options %d %s' % (i, d['opts']), d, d['opts']))
        counts['options'] += 1
    with open(OUT, 'w') as f:
        f.write('// GENERATED by scripts/golden_printing.py from PyTorch 2.15.0 repr() (default-option cases\n')
        f.write('// also checked equal to the reference oracle\'s format_tensor). Do not edit.\n')
        f.write('// %s\n\n' % json.dumps(counts))
        f.write('let printingGoldenSource = #"""\n')
        f.write('\n'.join(blocks))
        f.write('\n"""#\n')
    print('wrote %s: %s' % (OUT, counts))


if __name__ == '__main__':
    main()
