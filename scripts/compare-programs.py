#!/usr/bin/env python3
"""Runs every Tests/Programs/*.py under real Python with PyTorch and under `nnrepl FILE`: standard output,
exit status and the last line of standard error (the `Type: message` of an uncaught error) must match.

    compare-programs.py NNREPL [FILE...]      (run with the python of scripts/torch-env.sh)"""
import glob, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(argv):
    # PyTorch's own import-time warnings (NumPy, CUDA) are not part of the program's behaviour.
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    # Each run gets a fresh, empty working folder: files a program saves (torch.save) never land in the
    # repository, and neither run can read what the other wrote.
    with tempfile.TemporaryDirectory(prefix="compare-programs-") as cwd:
        proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    err_lines = [l for l in proc.stderr.splitlines() if l.strip() and "Warning" not in l]
    # Object addresses (`<AddBackward0 object at 0x7f...>`) differ between any two processes.
    stdout = re.sub(r"0x[0-9a-f]+", "0x...", proc.stdout)
    return stdout, proc.returncode, err_lines[-1] if err_lines else ""


def main():
    nnrepl = os.path.abspath(sys.argv[1])
    files = [os.path.abspath(f) for f in sys.argv[2:]] or sorted(glob.glob(os.path.join(ROOT, "Tests", "Programs", "*.py")))
    passed = failed = 0
    for path in files:
        expected = run([sys.executable, path])
        got = run([nnrepl, path])
        if expected == got:
            passed += 1
            continue
        failed += 1
        print(f"FAIL {os.path.relpath(path, ROOT)}")
        for label, a, b in (("stdout", expected[0], got[0]), ("exit status", expected[1], got[1]), ("last stderr line", expected[2], got[2])):
            if a != b:
                print(f"  {label}:\n    python: {a!r}\n    nnrepl: {b!r}")
    print(f"programs: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
