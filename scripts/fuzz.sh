#!/usr/bin/env bash
# Fuzzes the lexer, parser and interpreter with libFuzzer (coverage-guided) plus AddressSanitizer.
#   scripts/fuzz.sh [RUNS]     default 1,000,000 inputs; corpus in scripts/fuzz/corpus (grown in .build-fuzz)
# The Language target imports nothing but Foundation, so its sources are compiled straight into the
# fuzzer binary; no package target is needed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-1000000}"
out="$root/.build-fuzz"
mkdir -p "$out/corpus"
cp -n "$root"/scripts/fuzz/corpus/* "$out/corpus/" 2>/dev/null || true
mapfile -t sources < <(find "$root/Sources/Language" -name '*.swift')
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name Language \
  "${sources[@]}" "$root/scripts/fuzz/FuzzEntry.swift" -o "$out/fuzz-language"
# Leaks are off: the interpreter, like CPython without its cycle collector, can leave reference cycles
# (frames, closures, tracebacks); what this hunts is crashes, traps and sanitizer errors.
"$out/fuzz-language" -runs="$runs" -max_len=512 -timeout=10 -rss_limit_mb=4096 -detect_leaks=0 \
  -print_final_stats=1 "$out/corpus" "$root/scripts/fuzz/corpus"
