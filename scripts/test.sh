#!/usr/bin/env bash
# test.sh — every test suite (`npm test` runs setup and build first):
#   1. native core tests (Catch2 under ctest)
#   2. the same tests under AddressSanitizer + UndefinedBehaviorSanitizer (the fuzzer's clang build)
#   3. the wasm module, and the page's DOM-free modules (config, data, By hand), from Node (node --test)
#   4. the pages in headless Chromium (playwright-core)
#   5. the npm package: the packed tarball installed into fresh projects (Node ESM and CommonJS,
#      TypeScript, vitest + jsdom, Vite, esbuild, webpack, module workers), bundles opened in Chromium
#   6. the JSON readers under libFuzzer + ASan + UBSan: regression inputs, then a fixed number of runs
# Exits non-zero on the first failing suite.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-2}

echo "== native tests =="
cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j "$JOBS"
ctest --test-dir build/native -j "$JOBS" --output-on-failure

# The sanitized tests share the fuzzer's build (clang, ASan + UBSan + coverage, assertions on), so
# the core is compiled with sanitizers once for both; scripts/fuzz.sh configures it the same way.
echo "== native tests under ASan + UBSan (clang; the fuzzer's build) =="
cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNN_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
cmake --build build/fuzz -j "$JOBS"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --test-dir build/fuzz -j "$JOBS" --output-on-failure

if compgen -G "tests/node/*.test.mjs" >/dev/null; then
  echo "== wasm module in Node =="
  node --test tests/node/
fi

if compgen -G "tests/browser/*.test.mjs" >/dev/null; then
  echo "== pages in headless Chromium =="
  node --test --test-concurrency=1 tests/browser/
fi

echo "== the npm package in fresh projects =="
node --test --test-concurrency=1 tests/package/

echo "== fuzz: JSON readers under libFuzzer + ASan + UBSan =="
bash scripts/fuzz.sh
