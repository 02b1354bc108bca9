#!/usr/bin/env bash
# test.sh — every test suite (`npm test` runs setup and build first):
#   1. native core tests (Catch2 under ctest)
#   2. the same tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   3. the wasm module, and the page's DOM-free modules (config, data, By hand), from Node (node --test)
#   4. the pages in headless Chromium (playwright-core)
#   5. the JSON readers under libFuzzer + ASan + UBSan: regression inputs, then a fixed number of runs
# Exits non-zero on the first failing suite.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-2}

echo "== native tests =="
cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j "$JOBS"
ctest --test-dir build/native -j "$JOBS" --output-on-failure

echo "== native tests under ASan + UBSan =="
cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNN_SANITIZE=ON >/dev/null
cmake --build build/sanitize -j "$JOBS"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --test-dir build/sanitize -j "$JOBS" --output-on-failure

if compgen -G "tests/node/*.test.mjs" >/dev/null; then
  echo "== wasm module in Node =="
  node --test tests/node/
fi

if compgen -G "tests/browser/*.test.mjs" >/dev/null; then
  echo "== pages in headless Chromium =="
  node --test --test-concurrency=1 tests/browser/
fi

echo "== fuzz: JSON readers under libFuzzer + ASan + UBSan =="
bash scripts/fuzz.sh
