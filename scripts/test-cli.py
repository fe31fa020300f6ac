#!/usr/bin/env python3
"""The command line behaves as python's: `nnrepl -c CODE`, `nnrepl -` and a program on stdin print the same,
end with the same exit status and the same last line on stderr as `python3` given the same arguments.

    test-cli.py NNREPL"""
import subprocess, sys

CASES = [
    (["-c", "print(1)"], ""),
    (["-"], "print(2)\n"),
    ([], "print(3)\n"),
    (["-"], "for i in range(2):\n    print(i)\nprint(undefined)\n"),
    (["-c", "print('a', end='')"], ""),
    (["-c", "1/0"], ""),
    (["-c", "x = ("], ""),
    (["-c", "raise SystemExit(3)"], ""),
    (["-c", "raise SystemExit('bye')"], ""),
    (["-c", "raise SystemExit"], ""),
    (["-c", "raise SystemExit(None)"], ""),
    (["-c", "raise SystemExit(True)"], ""),
    (["-c", "raise SystemExit(1, 2)"], ""),
    (["-c", "exit(4)"], ""),
    (["-c", "exit(code=5)"], ""),
    (["-c", "quit()"], ""),
    (["-c", "print(exit); print(repr(quit))"], ""),
    (["-c", "try:\n    exit(2)\nexcept SystemExit as e:\n    print('caught', e.code, e.args)"], ""),
    (["-c", "try:\n    exit()\nexcept Exception:\n    print('not caught here')\nfinally:\n    print('finally runs')"], ""),
    (["-c", "class Stop(SystemExit): pass\nraise Stop(6)"], ""),
    (["-c", "raise KeyboardInterrupt"], ""),
]


def run(argv, stdin):
    p = subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=60)
    return p.stdout, p.returncode, p.stderr.strip().splitlines()[-1:]


def main():
    nnrepl = sys.argv[1]
    failed = 0
    for args, stdin in CASES:
        expected, got = run(["python3"] + args, stdin), run([nnrepl] + args, stdin)
        if expected != got:
            failed += 1
            print(f"FAIL {args} stdin={stdin!r}\n  python3: {expected}\n  nnrepl:  {got}")
    print(f"command line: {len(CASES) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
