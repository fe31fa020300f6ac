#!/usr/bin/env bash
# Creates (once) a virtualenv with real PyTorch CPU, the oracle every transcript is checked against.
# Prints the path of its python. Pinned: the transcripts are PyTorch 2.15.0's output under CPython 3.11.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${NNREPL_TORCH_VENV:-$root/.venv-torch}"
if ! "$venv/bin/python" -c 'import torch; assert torch.__version__.startswith("2.15.0")' 2>/dev/null; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q --disable-pip-version-check --no-deps torch==2.15.0 >&2
  "$venv/bin/pip" install -q --disable-pip-version-check \
    numpy filelock typing-extensions sympy networkx jinja2 fsspec mpmath MarkupSafe >&2
fi
echo "$venv/bin/python"
