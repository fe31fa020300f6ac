#!/usr/bin/env python3
"""Generates Tests/TensorEngineTests/RandomGoldens.swift: expected random streams for `Generator`.

Every expected value comes from real PyTorch 2.15 (when its virtualenv imports) and, for everything it
covers, also from the pure-Python oracle in ../shared/reference/torch_rng_oracle.py; the two must agree
or the script fails. Without torch only the oracle's values are written (randint/randperm then come from
the mt19937 model the oracle verifies, flagged in the file header).

Usage: scripts/golden_rng.py [path/to/python-with-torch]
Fixture format, one case per line:  name|seed|op args=tok tok ...;op args=tok ...
  ops: u32/u64 n a b (uniform_), n32/n64 n mean std blk (normal_, blk 1 = block path), raw n (random32),
       r64 n, int n low high (randint), perm n, state (get_rng_state as hex), seed s (manual_seed),
       sweep u32|n32 n1 n2 (for n in n1...n2: manual_seed(seed), then rand(n) / randn(n); all tokens)
  tokens: float32 bits as 8 hex digits, float64 bits as 16, integers in decimal.
Lines starting with "hash|" carry one FNV-1a-64 digest of the tokens instead of the tokens.
"""
import json
import math
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, '..', 'shared', 'reference'))
import torch_rng_oracle as O  # noqa: E402

OUT = os.path.join(REPO, 'Tests', 'TensorEngineTests', 'RandomGoldens.swift')
TORCH_PY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, '.venv-torch', 'bin', 'python')

# ---------------------------------------------------------------------------------------------------
# The case list: (name, seed, [op, ...], hashed). An op is a tuple whose first item is its kind.
# ---------------------------------------------------------------------------------------------------
INV_SQRT3 = 1 / math.sqrt(3)
UNIFORM_RANGES = [(0.0, 1.0), (-INV_SQRT3, INV_SQRT3), (-3.7, 2.1), (-0.5, 0.5), (1000.0, 1001.0),
                  (-10.0, 10.0), (-1e-3, 5e-4)]
NORMAL_PARAMS = [(0.0, 1.0), (0.3, 1.7), (-2.0, 0.01), (5.0, 0.0), (0.0, 0.2)]
NORMAL_SIZES = list(range(1, 21)) + [31, 32, 33, 47, 48, 49, 64, 100, 257]


def kaiming_bound(fan_in):
    gain = math.sqrt(2.0 / (1 + math.sqrt(5) ** 2))
    return math.sqrt(3.0) * (gain / math.sqrt(fan_in))


def cases():
    out = []
    for s in [0, 1, 42, 2**32, 2**32 + 5, 2**63, 2**64 - 1, 67280421310721]:
        out.append(('mt19937 first draws', s, [('raw', 8), ('r64', 3)], False))
    out.append(('mt19937 across twists', 0, [('raw', 1300)], True))
    # rand / randn sweep: seeds 0..50 x sizes 1..100, one digest per (seed, size)
    for s in range(51):
        out.append(('rand sweep', s, [('sweep', 'u32', 1, 100)], True))
        out.append(('randn sweep', s, [('sweep', 'n32', 1, 100)], True))
    for s in range(3):
        for a, b in UNIFORM_RANGES:
            for n in [1, 2, 3, 7, 16, 77]:
                out.append(('uniform_ f32', s, [('u32', n, a, b)], n >= 48))
                out.append(('uniform_ f64', s, [('u64', n, a, b)], n >= 48))
        for m, sd in NORMAL_PARAMS:
            for n in NORMAL_SIZES:
                out.append(('normal_ f32', s, [('n32', n, m, sd, int(n >= 16))], n >= 48))
                out.append(('normal_ f64', s, [('n64', n, m, sd, int(n >= 16))], n >= 48))
            for n in [16, 17, 33]:
                out.append(('normal_ f32 non-contiguous', s, [('n32', n, m, sd, 0)], False))
                out.append(('normal_ f64 non-contiguous', s, [('n64', n, m, sd, 0)], False))
    for s in range(10):
        for fan in [1, 2, 3, 4, 5, 20, 256, 784]:
            b = 1 / math.sqrt(fan)
            out.append(('uniform_(-1/sqrt(fan), +)', s, [('u32', 50, -b, b)], s > 0))
            kb = kaiming_bound(fan)
            out.append(('uniform_ kaiming(a=sqrt 5) bound', s, [('u32', 50, -kb, kb)], s > 0))
    # the normal cache survives calls, rand, block-path randn and dtype changes; manual_seed clears it
    carry = [
        [('n32', 1, 0.0, 1.0, 0), ('n32', 1, 0.0, 1.0, 0)],
        [('n32', 2, 0.0, 1.0, 0)],
        [('n32', 3, 0.0, 1.0, 0), ('u32', 3, 0.0, 1.0), ('n32', 17, 0.0, 1.0, 1), ('n64', 1, 0.0, 1.0, 0),
         ('n32', 5, 0.5, 2.0, 0)],
        [('n64', 5, 0.0, 1.0, 0), ('n32', 16, 0.0, 1.0, 1), ('n32', 1, 0.0, 1.0, 0), ('n32', 33, 1.0, 3.0, 0)],
        [('n32', 1, 0.0, 1.0, 0), ('seed', 0), ('n32', 1, 0.0, 1.0, 0)],
        [('n32', 1, 0.0, 1.0, 0), ('int', 3, 0, 10), ('perm', 4), ('n32', 1, 0.0, 1.0, 0)],
    ]
    for s in [0, 7]:
        for ops in carry:
            out.append(('normal cache carry-over', s, ops, False))
    int_ranges = [(0, 10), (-3, 4), (0, 1), (0, 2**28 - 1), (7, 7 + 2**28), (0, 2**32 - 1), (0, 2**32), (-5, 2**32), (0, 2**40),
                  (-2**62, 2**62), (-2**63, 2**63 - 1), (100, 1000)]
    for s in range(4):
        for lo, hi in int_ranges:
            out.append(('randint', s, [('int', 20, lo, hi)], False))
        for n in list(range(0, 21)) + [31, 100, 1000]:
            out.append(('randperm', s, [('perm', n)], n >= 100))
    out.append(('get_rng_state after seed', 5, [('state',)], False))
    out.append(('get_rng_state after rand(3)', 5, [('u32', 3, 0.0, 1.0), ('state',)], False))
    out.append(('get_rng_state after randn(1)', 5, [('n32', 1, 0.0, 1.0, 0), ('state',)], False))
    out.append(('get_rng_state after 700 draws', 2**64 - 1, [('u32', 700, 0.0, 1.0), ('state',)], True))
    return out


# ---------------------------------------------------------------------------------------------------
# Evaluation. The same op runner is executed by the oracle here and, as a subprocess, by torch.
# ---------------------------------------------------------------------------------------------------
RUNNER = r'''
import json, math, struct, sys
def f32hex(v): return '%08X' % struct.unpack('<I', struct.pack('<f', v))[0]
def f64hex(v): return '%016X' % struct.unpack('<Q', struct.pack('<d', v))[0]
def run_case(B, seed, ops):
    B.manual_seed(seed)
    res = []
    for op in ops:
        k = op[0]
        if k == 'seed':
            B.manual_seed(op[1]); res.append([]); continue
        if k == 'sweep':
            toks = []
            for n in range(op[2], op[3] + 1):
                B.manual_seed(seed)
                toks += B.run(('u32', n, 0.0, 1.0) if op[1] == 'u32' else ('n32', n, 0.0, 1.0, int(n >= 16)))
            res.append(toks); continue
        res.append(B.run(op))
    return res
'''

TORCH_BACKEND = r'''
import torch
class TorchBackend:
    def manual_seed(self, s): torch.manual_seed(s)
    def run(self, op):
        k = op[0]
        if k in ('u32', 'u64'):
            t = torch.empty(op[1], dtype=torch.float32 if k == 'u32' else torch.float64).uniform_(op[2], op[3])
            return [f32hex(v) if k == 'u32' else f64hex(v) for v in t.tolist()]
        if k in ('n32', 'n64'):
            n, m, s, blk = op[1:]
            dt = torch.float32 if k == 'n32' else torch.float64
            base = torch.empty(n if blk or n < 16 else 2 * n, dtype=dt)
            t = base if blk or n < 16 else base[::2]
            assert t.is_contiguous() == bool(blk or n < 16)
            t.normal_(m, s)
            return [f32hex(v) if k == 'n32' else f64hex(v) for v in t.tolist()]
        if k == 'int':
            return [str(v) for v in torch.randint(op[2], op[3], (op[1],)).tolist()]
        if k == 'perm':
            return [str(v) for v in torch.randperm(op[1]).tolist()]
        if k == 'state':
            return [bytes(torch.get_rng_state().tolist()).hex()]
        return None      # raw / r64: not observable through torch's API
B = TorchBackend()
cases = json.load(sys.stdin)
json.dump([run_case(B, seed, ops) for seed, ops in cases], sys.stdout)
'''

exec(RUNNER)


class OracleBackend:
    def manual_seed(self, s):
        O.manual_seed(s)

    def run(self, op):
        g = O.default_generator
        k = op[0]
        if k in ('u32', 'u64'):
            t = O.uniform_(O.empty(op[1], dtype='float32' if k == 'u32' else 'float64'), op[2], op[3])
            return [f32hex(v) if k == 'u32' else f64hex(v) for v in t.data]
        if k in ('n32', 'n64'):
            n, m, s, blk = op[1:]
            t = O.T((n,), 'float32' if k == 'n32' else 'float64', contiguous=bool(blk) or n < 16)
            O.normal_(t, m, s)
            return [f32hex(v) if k == 'n32' else f64hex(v) for v in t.data]
        if k == 'raw':
            return [str(g.random()) for _ in range(op[1])]
        if k == 'r64':
            return [str(g.random64()) for _ in range(op[1])]
        if k == 'int':      # not in the oracle: torch's random_from_to on the oracle's engine
            n, lo, hi = op[1:]
            rng = hi - lo
            return [str((g.random64() if rng >= 2**28 else g.random()) % rng + lo) for _ in range(n)]
        if k == 'perm':     # not in the oracle: torch's randperm_cpu (small n) on the oracle's engine
            r = list(range(op[1]))
            for i in range(op[1] - 1):
                z = g.random() % (op[1] - i)
                r[i], r[z + i] = r[z + i], r[i]
            return [str(v) for v in r]
        return None         # state: torch's byte layout is checked against torch only


def torch_results(all_cases):
    try:
        ok = subprocess.run([TORCH_PY, '-c', 'import torch; assert torch.__version__.startswith("2.15.0")'],
                            capture_output=True).returncode == 0
    except OSError:
        ok = False
    if not ok:
        return None
    payload = json.dumps([[seed, ops] for _, seed, ops, _ in all_cases])
    p = subprocess.run([TORCH_PY, '-c', RUNNER + TORCH_BACKEND], input=payload, capture_output=True,
                       text=True, check=True)
    return json.loads(p.stdout)


def fnv(tokens):
    h = 0xCBF29CE484222325
    for t in tokens:
        for ch in t.encode():
            h = ((h ^ ch) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
        h = ((h ^ 0x7C) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF     # '|' between tokens
    return '%016X' % h


def op_text(op):
    return ' '.join([op[0]] + [repr(float(a)) if isinstance(a, float) else str(a) for a in op[1:]])


def main():
    all_cases = cases()
    oracle = [run_case(OracleBackend(), seed, ops) for _, seed, ops, _ in all_cases]
    torch_res = torch_results(all_cases)
    lines, counts = [], {'torch': 0, 'oracle': 0, 'both': 0}
    for ci, (name, seed, ops, hashed) in enumerate(all_cases):
        parts = []
        for oi, op in enumerate(ops):
            o = oracle[ci][oi]
            t = torch_res[ci][oi] if torch_res is not None else None
            if o is not None and t is not None and o != t:
                sys.exit('oracle and torch disagree: %s seed %d op %s' % (name, seed, op_text(op)))
            want = t if t is not None else o
            if want is None:
                if op[0] == 'state':
                    want = None
                else:
                    sys.exit('no source for %s' % op_text(op))
            src = 'both' if (o is not None and t is not None) else ('torch' if t is not None else 'oracle')
            if op[0] != 'seed' and want is not None:
                counts[src] += len(want)
            if want is None:
                parts = None
                break
            toks = ' '.join(want) if not hashed or op[0] == 'seed' else fnv(want)
            parts.append(op_text(op) + '=' + toks)
        if parts is None:
            continue
        lines.append(('hash|' if hashed else '') + '%s|%d|%s' % (name, seed, ';'.join(parts)))
    source = 'PyTorch 2.15.0 and the pure-Python oracle (checked equal)' if torch_res is not None \
        else 'the pure-Python oracle only (torch was not importable)'
    with open(OUT, 'w') as f:
        f.write('// GENERATED by scripts/golden_rng.py from %s. Do not edit.\n' % source)
        f.write('// Values: %d from torch and oracle, %d torch only, %d oracle only.\n'
                % (counts['both'], counts['torch'], counts['oracle']))
        f.write('// Format: see the script. One case per line.\n\n')
        f.write('let randomGoldenSource = """\n')
        for ln in lines:
            f.write(ln + '\n')
        f.write('"""\n')
    print('wrote %s: %d cases; %s' % (OUT, len(lines), counts))


if __name__ == '__main__':
    main()
