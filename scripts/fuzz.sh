#!/usr/bin/env bash
# Fuzzes the lexer, parser and interpreter with libFuzzer (coverage-guided), one job on one core.
#
#   scripts/fuzz.sh [RUNS] [libFuzzer flags...]   RUNS inputs (default 1,000,000), e.g. -max_total_time=600
#   FUZZ_ASAN=1 scripts/fuzz.sh 200000            adds AddressSanitizer (slower, for shorter runs)
#   scripts/fuzz.sh merge                         shrinks .build-fuzz/corpus + the seeds into scripts/fuzz/corpus
#   FUZZ_WATCHDOG_MS=100                          how long a program may run before it gets KeyboardInterrupt
#
# Only Sources/Language is compiled (with scripts/fuzz/FuzzEntry.swift; it knows no tensors), straight with
# swiftc, so no package target is needed; the binary is rebuilt when a source is newer (~4 minutes). It
# links libFuzzer's no-main archive and runs libFuzzer's loop on one 1 GB-stack thread, so the parser and
# interpreter need no thread per input. Seeds: scripts/fuzz/corpus (kept small, see `merge`); grown corpus:
# .build-fuzz/corpus; dictionary of Python tokens: scripts/fuzz/python.dict.
#
# A crash, trap, sanitizer report or timeout stops the run and writes .build-fuzz/crash-* (or timeout-*,
# oom-*). Reproduce: `.build-fuzz/fuzz-language FILE`; minimise:
# `.build-fuzz/fuzz-language -minimize_crash=1 -runs=20000 -exact_artifact_path=min FILE`; then add the
# minimised source to SOURCES in scripts/hostile_inputs.py and fix it.
#
# -timeout is 30 s: echoing a 700 MB string (`18984375 * 'x' * 38` as an expression statement) takes tens
# of seconds in this instrumented build and is not a bug.
#
# Speed, replaying the same 1,332 inputs (user CPU): the old ASan build starting a 256/512 MB-stack thread
# per parse and per execute 2.63 s user + 2.04 s sys; one thread, no ASan 0.81 s; plus the lexer's operator
# table 0.35 s (~3,800 inputs/s). Live on the shared 2-core machine (load 8-24): ~120 exec/s before,
# 450-2,000 exec/s now.
# Reached on 2026-11-22 (no crash, trap or sanitizer report): 3,288,058 inputs in two runs, 593,516
# (435 exec/s) + 2,694,542 (919 exec/s), final `cov: 5123 ft: 21968 corp: 5020/284Kb`; `merge` then kept
# 706 files. One slow unit (129 s, the string echo above) showed -timeout never fired: libFuzzer ignores a
# SIGALRM landing on a thread other than the fuzzing one, fixed in FuzzEntry.swift.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.build-fuzz"
mkdir -p "$out/corpus"
sanitizers=fuzzer binary="$out/fuzz-language"
if [[ "${FUZZ_ASAN:-0}" == 1 ]]; then sanitizers=fuzzer,address binary="$out/fuzz-language-asan"; fi

mapfile -t sources < <(find "$root/Sources/Language" -name '*.swift'; echo "$root/scripts/fuzz/FuzzEntry.swift")
if [[ ! -x "$binary" ]] || [[ -n "$(find "${sources[@]}" -newer "$binary" | head -1)" ]]; then
  resources="$(dirname "$(command -v swiftc)")/../lib/clang"
  nomain="$(ls "$resources"/*/lib/linux/libclang_rt.fuzzer_no_main-"$(uname -m)".a | head -1)"
  swiftc -c -wmo -O -sanitize="$sanitizers" -parse-as-library -module-name Language "${sources[@]}" -o "$binary.o"
  link=()
  [[ "$sanitizers" == *address* ]] && link=(-sanitize=address)
  # Our `main` (in FuzzEntry.swift) replaces libFuzzer's, hence the no-main archive instead of -sanitize=fuzzer.
  swiftc "${link[@]}" "$binary.o" -o "$binary" \
    -Xlinker --whole-archive -Xlinker "$nomain" -Xlinker --no-whole-archive -lstdc++
fi

if [[ "${1:-}" == merge ]]; then
  merged="$(mktemp -d)"
  "$binary" -merge=1 -set_cover_merge=1 -use_counters=0 -max_len=512 "$merged" "$out/corpus" "$root/scripts/fuzz/corpus"
  rm -f "$root"/scripts/fuzz/corpus/*
  cp "$merged"/* "$root/scripts/fuzz/corpus/"
  rm -rf "$merged"
  echo "scripts/fuzz/corpus: $(ls "$root/scripts/fuzz/corpus" | wc -l) files"
  exit 0
fi

runs="${1:-1000000}"
shift || true
# Leaks are not hunted (the interpreter, like CPython without its cycle collector, can leave reference
# cycles); crashes, traps, sanitizer errors and hangs are.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
"$binary" -runs="$runs" -max_len=512 -timeout=30 -rss_limit_mb=4096 -detect_leaks=0 \
  -dict="$root/scripts/fuzz/python.dict" -artifact_prefix="$out/" -print_final_stats=1 "$@" \
  "$out/corpus" "$root/scripts/fuzz/corpus"
