#!/usr/bin/env bash
# fuzz.sh — the core's JSON readers under libFuzzer + ASan + UBSan (tests/fuzz/load_fuzz.cpp,
# built with clang into build/fuzz).
#   bash scripts/fuzz.sh         (the fuzz suite of `npm test`) replays every input in
#                                tests/fuzz/regressions/, then FUZZ_RUNS runs from a fixed seed,
#                                no clock in any check. The run repeats itself input for input: it
#                                starts from a fresh corpus, libFuzzer's comparison tracing (which
#                                records heap addresses) is off, and so is address randomisation
#                                when setarch may turn it off.
#   bash scripts/fuzz.sh --long  (`npm run fuzz`) replays them, then explores for FUZZ_SECONDS
#                                (default 600), growing build/fuzz/corpus across runs.
# Exits non-zero on any crash, sanitizer report or property violation; the input that did it is
# kept in build/fuzz/crashes/. Replay one with `build/fuzz/nn_load_fuzz FILE`, shrink it with
# `build/fuzz/nn_load_fuzz -minimize_crash=1 -runs=100000 FILE`, and keep the result as
# tests/fuzz/regressions/<what-it-shows>.json: from then on every run replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-2}
MODE=${1:-test}
FUZZ_RUNS=${FUZZ_RUNS:-50000}       # the test's fixed run: 17–31 s on the 2 shared cores measured
FUZZ_SEED=${FUZZ_SEED:-1}
FUZZ_SECONDS=${FUZZ_SECONDS:-600}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-30}    # --long only: an input slower than this is kept as a finding
BUILD=build/fuzz
FUZZER=$BUILD/nn_load_fuzz

case "$MODE" in test | --long) ;; *) echo "usage: fuzz.sh [--long]" >&2; exit 2 ;; esac
command -v clang++-14 >/dev/null 2>&1 || { echo "fuzz: clang++-14 is missing (npm run setup)" >&2; exit 1; }

echo "fuzz: building $BUILD (clang++-14, -fsanitize=fuzzer,address,undefined)"
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNN_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
cmake --build "$BUILD" -j "$JOBS" --target nn_load_fuzz nn_fuzz_seeds >/dev/null

rm -rf "$BUILD/seeds"
mkdir -p "$BUILD/seeds" "$BUILD/crashes" "$BUILD/logs"
"$BUILD/nn_fuzz_seeds" "$BUILD/seeds" "$BUILD/tables.dict"
cat tests/fuzz/json.dict "$BUILD/tables.dict" >"$BUILD/fuzz.dict"

export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
# 64 KB holds the largest seed many times over plus room to grow; 2 GB is libFuzzer's default.
COMMON=(-max_len=65536 -rss_limit_mb=2048 -dict="$BUILD/fuzz.dict" -artifact_prefix="$BUILD/crashes/")

# The lines of a libFuzzer log that say what went wrong (the stack traces stay in the log).
report() {
  grep -E -A1 'fuzz property violated|runtime error|ERROR: [A-Za-z]+Sanitizer|ERROR: libFuzzer: (out-of-memory|timeout|malloc)|SUMMARY: [A-Za-z]+Sanitizer|Test unit written' "$1" |
    grep -vE '^--$|^ +#[0-9]+ ' | head -n 12 || true
}

# --- 1. every regression input, one process each (so one failure does not hide the next) ------
passed=0 failed=0
for f in tests/fuzz/regressions/*.json; do
  [[ -e $f ]] || continue
  log="$BUILD/logs/regression-$(basename "$f" .json).log"
  if "$FUZZER" -rss_limit_mb=2048 "$f" >"$log" 2>&1; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $f (log: $log)"
    report "$log" | sed 's/^/    /'
  fi
done
echo "fuzz regressions: $passed passed, $failed failed"

# --- 2. fuzzing ---------------------------------------------------------------------------------
status=0
if [[ $MODE == test ]]; then
  # A fresh corpus each time: what the run tries depends only on the seeds, FUZZ_SEED and the code.
  rm -rf "$BUILD/run"
  mkdir -p "$BUILD/run"
  log="$BUILD/logs/run.log"
  norandom=()
  if setarch "$(uname -m)" -R true 2>/dev/null; then
    norandom=(setarch "$(uname -m)" -R)
  else
    echo "fuzz: setarch cannot turn off address randomisation here; the run may differ slightly between runs"
  fi
  echo "fuzz: $FUZZ_RUNS runs, seed $FUZZ_SEED, $(ls "$BUILD/seeds" | wc -l) seed documents"
  "${norandom[@]}" "$FUZZER" "$BUILD/run" "$BUILD/seeds" -runs="$FUZZ_RUNS" -seed="$FUZZ_SEED" -timeout=0 \
    -use_cmp=0 -print_final_stats=1 "${COMMON[@]}" >"$log" 2>&1 || status=$?
  grep -E '^Done [0-9]+ runs|^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" |
    awk '!seen[$0]++ { print "    " $0 }' || true
  if ((status != 0)); then
    echo "FAIL fuzz run (exit $status, log: $log)"
    report "$log" | sed 's/^/    /'
  fi
else
  mkdir -p "$BUILD/corpus"
  echo "fuzz: exploring for $FUZZ_SECONDS s; corpus $BUILD/corpus, crashes $BUILD/crashes"
  "$FUZZER" "$BUILD/corpus" "$BUILD/seeds" -max_total_time="$FUZZ_SECONDS" -timeout="$FUZZ_TIMEOUT" \
    -print_final_stats=1 ${FUZZ_SEED_LONG:+-seed="$FUZZ_SEED_LONG"} "${COMMON[@]}" || status=$?
  if ((status != 0)); then
    echo "FAIL fuzz run (exit $status): the input is in $BUILD/crashes/; shrink it with"
    echo "  $FUZZER -minimize_crash=1 -runs=100000 $BUILD/crashes/<file>"
  fi
fi

if ((failed > 0 || status != 0)); then
  echo "fuzz: FAILED"
  exit 1
fi
echo "fuzz: no crash, sanitizer report or property violation"
