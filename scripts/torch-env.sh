#!/usr/bin/env bash
# Creates (once) a virtualenv with real PyTorch, the oracle every transcript is checked against, and
# prints the path of its python. Pinned: transcripts are PyTorch 2.15.0's output under CPython 3.11.
#
# PyPI's torch 2.15.0 Linux wheel is a CUDA build: libtorch.so links the CUDA runtime libraries even
# when only the CPU is used, so `--no-deps` leaves a torch that cannot be imported. We therefore install
# its declared dependencies (about 5 GiB, under a minute from PyPI here). No GPU is needed or used.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${NNREPL_TORCH_VENV:-$root/.venv-torch}"
if ! "$venv/bin/python" -c 'import torch; assert torch.__version__.startswith("2.15.0")' >/dev/null 2>&1; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install -q --disable-pip-version-check torch==2.15.0 >&2
  "$venv/bin/python" -c 'import torch; assert torch.__version__.startswith("2.15.0")' >&2
fi
echo "$venv/bin/python"
