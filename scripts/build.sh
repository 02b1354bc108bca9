#!/usr/bin/env bash
# build.sh — builds everything into dist/ (`npm run build`):
#   dist/lib/   the embeddable module: nn.js (ES module entry), nn_wasm.mjs + nn_wasm.wasm, nn.d.ts
#   dist/       the static page (web/)
# The core is compiled by one CMakeLists.txt: natively for the tests, under emcmake for wasm.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-2}

echo "build: wasm (emcmake, -O3 -msimd128)"
mkdir -p build
emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >build/wasm-configure.log 2>&1 ||
  { cat build/wasm-configure.log; exit 1; }
cmake --build build/wasm -j "$JOBS"

rm -rf dist
mkdir -p dist/lib
cp build/wasm/nn_wasm.mjs build/wasm/nn_wasm.wasm wasm/nn.js wasm/nn.d.ts dist/lib/
cp -r web/. dist/
echo "build: dist/ ready"
