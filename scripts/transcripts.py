#!/usr/bin/env python3
"""Transcripts against the oracle, real PyTorch.

    transcripts.py check [FILE...]   run every transcript with doctest under real PyTorch
    transcripts.py regen FILE...     rewrite FILE's expected outputs with what real PyTorch prints
    transcripts.py regen-nnrepl BIN FILE...
                                     the same with what nnrepl binary BIN prints, for nnrepl-only features
                                     (Tests/Transcripts/nnrepl-only: no oracle, read the result before committing)

Run it with the python of scripts/torch-env.sh (scripts/check-transcripts-with-torch does). With no FILE,
`check` takes every transcript: Tests/Transcripts/*.md and docs/tutorials/*.md.
"""
import contextlib, doctest, glob, io, os, sys, traceback

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# `from nnrepl import *` in a transcript: the short names, defined over real PyTorch.
sys.path.insert(0, os.path.join(ROOT, "scripts", "pyshim"))
FLAGS = doctest.REPORT_UDIFF


def all_transcripts():
    found = []
    for pattern in ("Tests/Transcripts/*.md", "docs/tutorials/*.md"):
        found += sorted(glob.glob(os.path.join(ROOT, pattern)))
    return found


def check(paths):
    failed = attempted = 0
    for path in paths or all_transcripts():
        result = doctest.testfile(path, module_relative=False, optionflags=FLAGS, encoding="utf-8")
        failed += result.failed
        attempted += result.attempted
    print(f"{attempted - failed} passed, {failed} failed")
    return 1 if failed else 0


def run_example(example, globs, name):
    """What doctest would see: stdout, and the exception text a traceback ends with."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            exec(compile(example.source, f"<doctest {name}[{example.lineno}]>", "single"), globs)
            return out.getvalue()
        except Exception:
            kind, value, _ = sys.exc_info()
            lines = traceback.format_exception_only(kind, value)
            if issubclass(kind, SyntaxError):
                start = next(i for i, l in enumerate(lines) if l.startswith(f"{kind.__qualname__}:"))
                lines = lines[start:]
            return "Traceback (most recent call last):\n  ...\n" + "".join(lines)


def want_text(output):
    # doctest cannot express blank lines in expected output except as <BLANKLINE>.
    lines = output.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return "".join((line if line.strip() else "<BLANKLINE>") + "\n" for line in lines)


def rendered_source(example):
    lines = example.source.rstrip("\n").split("\n")
    return "".join((">>> " if i == 0 else "... ") + line + "\n" for i, line in enumerate(lines))


def nnrepl_outputs(binary, path, examples):
    """Each example's output from `nnrepl replay FILE`, which echoes every example and then its output."""
    import subprocess
    shown = subprocess.run([binary, "replay", path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           cwd=os.path.dirname(path)).stdout
    outputs, position = [], 0
    for i, example in enumerate(examples):
        source = rendered_source(example)
        if not shown.startswith(source, position):
            raise SystemExit(f"{path}: nnrepl's replay does not echo example {i + 1} where expected")
        position += len(source)
        following = rendered_source(examples[i + 1]) if i + 1 < len(examples) else None
        end = shown.find(following, position) if following else len(shown)
        output = shown[position:end]
        if output.startswith("Traceback (most recent call last):\n"):
            output = "Traceback (most recent call last):\n  ...\n" + output.rstrip("\n").split("\n")[-1] + "\n"
        outputs.append(output)
        position = end
    return outputs


def regen(path, binary=None):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    parser = doctest.DocTestParser()
    pieces = parser.parse(text, os.path.basename(path))
    globs = {"__name__": "__main__"}
    examples = [piece for piece in pieces if not isinstance(piece, str)]
    from_nnrepl = iter(nnrepl_outputs(binary, path, examples)) if binary else None
    checker = doctest.OutputChecker()
    rebuilt = []
    for piece in pieces:
        if isinstance(piece, str):
            rebuilt.append(piece)
            continue
        got = want_text(next(from_nnrepl) if from_nnrepl else run_example(piece, globs, os.path.basename(path)))
        flags = sum(flag for flag, on in piece.options.items() if on)
        if piece.want and checker.check_output(piece.want, got, flags) and flags & doctest.ELLIPSIS:
            got = piece.want  # keep a hand-placed "..." that still matches
        pad = " " * piece.indent
        source_lines = piece.source.rstrip("\n").split("\n")
        rebuilt.append("".join(pad + (">>> " if i == 0 else "... ") + line + "\n" for i, line in enumerate(source_lines)))
        rebuilt.append("".join(pad + line + "\n" for line in got.rstrip("\n").split("\n")) if got else "")
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(rebuilt))
    print(f"regenerated {os.path.relpath(path, ROOT)}")


def main(argv):
    if len(argv) < 2 or argv[1] not in ("check", "regen", "regen-nnrepl"):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[1] == "check":
        return check(argv[2:])
    if argv[1] == "regen-nnrepl":
        for path in argv[3:]:
            regen(os.path.abspath(path), binary=os.path.abspath(argv[2]))
        return 0
    for path in argv[2:]:
        regen(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
