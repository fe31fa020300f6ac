#!/usr/bin/env bash
# Installs the Debian packages nnrepl links against (libedit, OpenBLAS) when they are missing, plus any
# extra package names given as arguments (the tests add tmux).
set -euo pipefail
missing=()
for pkg in libedit-dev libopenblas-dev "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "installing ${missing[*]} ..." >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
