#!/usr/bin/env python3
"""Benchmarks nnrepl against PyTorch in one run; every figure is a median over repeated runs.

nnrepl has no timer builtin, so its cost for a workload is the wall time of a process running the
workload N times minus that of a process running it 0 times (start-up and set-up cancel out).
PyTorch's cost is timed inside one Python process with time.perf_counter."""
import argparse, datetime, os, platform, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_process(argv, stdin=None):
    """(wall seconds, peak RSS in MiB, exit status) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if stdin:
        proc.stdin.write(stdin.encode())
        proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    return wall, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status), err


def median_process(argv, repeats):
    runs = [run_process(argv) for _ in range(repeats)]
    failed = [r for r in runs if r[2] != 0]
    if failed:
        raise RuntimeError(failed[0][3].strip().splitlines()[-1] if failed[0][3].strip() else "exit %d" % failed[0][2])
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def nnrepl_cost(nnrepl, setup, body, iterations, repeats=5):
    """Seconds per iteration of `body` in nnrepl."""
    def program(n):
        return f"{setup}\nfor _i in range({n}):\n    {body}\n"
    full = median_process([nnrepl, "-c", program(iterations)], repeats)[0]
    empty = median_process([nnrepl, "-c", program(0)], repeats)[0]
    return max(full - empty, 1e-9) / iterations


def torch_cost(setup, body, iterations, repeats=5):
    import torch  # noqa: F401  (imported here so the start-up measurement above is not affected)
    namespace = {}
    exec("import torch\n" + setup, namespace)
    code = compile(f"for _i in range({iterations}):\n    {body}\n", "<bench>", "exec")
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        exec(code, namespace)
        times.append(time.perf_counter() - start)
    return statistics.median(times) / iterations


WORKLOADS = [
    # name, setup, body, nnrepl iterations, torch iterations, unit, work per iteration (for rates)
    ("x + x, 2x4 float32 (interpreter loop)", "import torch\nx = torch.rand(2, 4)", "y = x + x", 100_000, 100_000, "us/op", None),
    ("matmul 1024x1024 float32", "import torch\na = torch.rand(1024, 1024)\nb = torch.rand(1024, 1024)", "c = a @ b", 8, 8, "GFLOP/s", 2 * 1024**3),
    ("matmul 2048x2048 float32", "import torch\na = torch.rand(2048, 2048)\nb = torch.rand(2048, 2048)", "c = a @ b", 2, 2, "GFLOP/s", 2 * 2048**3),
    ("x + y, 1M float32", "import torch\nx = torch.rand(1000000)\ny = torch.rand(1000000)", "z = x + y", 200, 200, "GB/s", 12e6),
    ("x.sum(), 1M float32", "import torch\nx = torch.rand(1000000)", "s = x.sum()", 200, 200, "GB/s", 4e6),
    ("x.exp(), 1M float32", "import torch\nx = torch.rand(1000000)", "z = x.exp()", 200, 200, "GB/s", 8e6),
]


# Small ops through the engine's Swift API (EngineBench) against the same ops in a PyTorch loop (issue 3, item 6).
ENGINE_WORKLOADS = [
    # EngineBench name, label, PyTorch setup, PyTorch body, iterations
    ("add", "x + x, 2x4 float32 (Swift engine API)", "x = torch.rand(2, 4)", "y = x + x", 200_000),
    ("mul", "x * x, 2x4 float32 (Swift engine API)", "x = torch.rand(2, 4)", "y = x * x", 200_000),
    ("sum", "x.sum(), 2x4 float32 (Swift engine API)", "x = torch.rand(2, 4)", "y = x.sum()", 200_000),
    ("relu", "x.relu(), 2x4 float32 (Swift engine API)", "x = torch.rand(2, 4)", "y = x.relu()", 200_000),
    ("matmul", "x @ m, 2x4 @ 4x3 float32 (Swift engine API)", "x = torch.rand(2, 4)\nm = torch.rand(4, 3)", "y = x @ m", 200_000),
    ("backward", "(w * x).sum().backward(), 2x4 (Swift engine API)",
     "x = torch.rand(2, 4)\nw = torch.rand(2, 4, requires_grad=True)", "loss = (w * x).sum(); loss.backward(); w.grad = None", 20_000),
]


def engine_rows(engine_bench):
    """One row per EngineBench workload: its seconds per op beside PyTorch's, measured in this run."""
    rows = []
    for name, label, setup, body, iterations in ENGINE_WORKLOADS:
        out = subprocess.run([engine_bench, "--only", name, "--iterations", str(iterations), "--repeats", "5"],
                             capture_output=True, text=True, check=True).stdout.split()
        ours = float(out[1])
        theirs = torch_cost(setup, body, iterations)
        rows.append((label, f"{ours*1e6:.3f} us/op", f"{theirs*1e6:.3f} us/op", f"{theirs/ours:.2f}x PyTorch's speed"))
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nnrepl", required=True)
    parser.add_argument("--engine-bench", help="the EngineBench executable (small ops from the Swift API)")
    parser.add_argument("--only-engine", action="store_true", help="measure only the EngineBench rows")
    parser.add_argument("--write", action="store_true", help="rewrite docs/performance.md")
    args = parser.parse_args()

    if args.only_engine:
        print("".join(f"| {a} | {b} | {c} | {d} |\n" for a, b, c, d in engine_rows(args.engine_bench)))
        return

    rows = []
    nn_start, nn_rss = median_process([args.nnrepl, "-c", "print(1)"], 21)
    py_start, py_rss = median_process([sys.executable, "-c", "import torch"], 5)
    rows.append(("start-up: `nnrepl -c 'print(1)'` vs `python -c 'import torch'`", f"{nn_start*1000:.1f} ms", f"{py_start*1000:.0f} ms", f"{py_start/nn_start:.0f}x faster"))
    rows.append(("peak memory of the same", f"{nn_rss:.1f} MiB", f"{py_rss:.0f} MiB", f"{py_rss/nn_rss:.0f}x smaller"))

    # Autograd graphs must be freed as soon as nothing refers to them: peak memory after a million
    # small forward/backward steps should equal that after ten thousand.
    steps = "import torch\nx = torch.rand(2, 4)\nw = torch.rand(4, 3, requires_grad=True)\nfor _i in range({n}):\n    y = (x @ w).relu().sum()\n    y.backward()\n    w.grad = None\n"
    small_rss = median_process([args.nnrepl, "-c", steps.format(n=10_000)], 1)[1]
    large_rss = median_process([args.nnrepl, "-c", steps.format(n=1_000_000)], 1)[1]
    rows.append(("peak memory after 10k vs 1M autograd steps (nnrepl)", f"{small_rss:.1f} vs {large_rss:.1f} MiB", "", f"{large_rss / small_rss:.2f}x"))

    for name, setup, body, n_iter, t_iter, unit, work in WORKLOADS:
        try:
            ours = nnrepl_cost(args.nnrepl, setup, body, n_iter)
        except Exception as err:  # a workload nnrepl cannot run yet is reported, not hidden
            rows.append((name, f"n/a ({err})", "", ""))
            continue
        theirs = torch_cost(setup.replace("import torch\n", ""), body, t_iter)
        if unit == "us/op":
            rows.append((name, f"{ours*1e6:.2f} us/op", f"{theirs*1e6:.2f} us/op", f"{theirs/ours:.2f}x PyTorch's speed"))
        else:
            scale = 1e9
            rows.append((name, f"{work/ours/scale:.1f} {unit}", f"{work/theirs/scale:.1f} {unit}", f"{theirs/ours:.2f}x PyTorch's speed"))

    if args.engine_bench:
        rows += engine_rows(args.engine_bench)

    header = "| measure | nnrepl | PyTorch 2.15 | ratio |\n| --- | --- | --- | --- |\n"
    table = header + "".join(f"| {a} | {b} | {c} | {d} |\n" for a, b, c, d in rows)
    print(table)
    if args.write:
        cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
        text = f"""# Performance

Measured by `scripts/bench`, which runs nnrepl and PyTorch side by side in one run and reports ratios.
nnrepl's cost for a workload is the wall time of a process running it N times minus that of a process
running it 0 times; PyTorch's is timed inside one Python process. Medians of repeated runs.

Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}. Date: {datetime.date.today().isoformat()}.
PyTorch {__import__('torch').__version__} under CPython {platform.python_version()}.

{table}
Targets (issues 2, 3 and 5): start-up at most 20 ms and 30 MiB; matmul at 1024² and 2048² at least 0.8x
PyTorch; small ops at least 3x faster per op from the Swift engine API; 1M-element elementwise ops and
reductions at least 0.8x; the interpreter loop at least 2x PyTorch under CPython.
"""
        path = os.path.join(ROOT, "docs", "performance.md")
        # The written analysis below the table (from its first "## " heading on) is kept as it is.
        previous = open(path).read() if os.path.exists(path) else ""
        notes = previous.find("\n## ")
        if notes >= 0:
            text += previous[notes:]
        with open(path, "w") as f:
            f.write(text)
        print("wrote docs/performance.md")


if __name__ == "__main__":
    main()
