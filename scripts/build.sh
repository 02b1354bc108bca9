#!/usr/bin/env bash
# build.sh — builds everything into dist/ (`npm run build`):
#   dist/lib/   the npm package's files: nn.mjs (ES module entry, importing fit.mjs) and nn.cjs (CommonJS, bundled from it by
#               scripts/cjs.mjs), nn_wasm.mjs + nn_wasm.wasm, nn.d.ts + nn.d.cts, network.schema.json, API.md,
#               export/ (net.export's writers; export/onnx-proto.mjs is onnx-proto bundled by scripts/onnx-proto.mjs)
#   web/js/catalog.js (git-ignored), the core's tables for the page (scripts/catalog.mjs)
#   dist/       the static page (web/)
# The core is compiled by one CMakeLists.txt: natively for the tests, under emcmake for wasm.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-2}

echo "build: wasm (emcmake, -msimd128: the training path compiled -O3; validation, JSON, datasets, the double copy and the bindings -Oz; linked -Oz)"
mkdir -p build
emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >build/wasm-configure.log 2>&1 ||
  { cat build/wasm-configure.log; exit 1; }
cmake --build build/wasm -j "$JOBS"

rm -rf dist
mkdir -p dist/lib
cp build/wasm/nn_wasm.mjs build/wasm/nn_wasm.wasm wasm/nn.mjs wasm/load.mjs wasm/errors.mjs wasm/fit.mjs dist/lib/
cp wasm/network.schema.json dist/lib/   # the saved document's JSON Schema (the package's ./network.schema.json)
mkdir -p dist/lib/export   # net.export's writers, each loaded when first used
cp wasm/export/*.mjs dist/lib/export/
node scripts/onnx-proto.mjs  # dist/lib/export/onnx-proto.mjs: onnx-proto bundled (ONNX export's encoder)
node scripts/catalog.mjs   # web/js/catalog.js and dist/lib/nn.d.ts, from the module's tables
node scripts/cjs.mjs       # dist/lib/nn.cjs and nn.d.cts, for require()
node scripts/apidoc.mjs    # dist/lib/API.md, the API reference, from nn.d.ts
cp -r web/. dist/
# Chart.js for the playground, as ES modules (index.html maps 'chart.js' and '@kurkle/color' to these)
mkdir -p dist/vendor/chart.js/chunks dist/vendor/kurkle-color
cp node_modules/chart.js/dist/chart.js dist/vendor/chart.js/
cp node_modules/chart.js/dist/chunks/index.js dist/vendor/chart.js/chunks/
cp node_modules/chart.js/LICENSE.md dist/vendor/chart.js/ 2>/dev/null || true
cp node_modules/@kurkle/color/dist/color.esm.js dist/vendor/kurkle-color/
cp node_modules/@kurkle/color/LICENSE.md dist/vendor/kurkle-color/ 2>/dev/null || true
# KaTeX for the By-hand panel (index.html maps 'katex' to its ES module; the CSS finds fonts/ beside it)
mkdir -p dist/vendor/katex
cp node_modules/katex/dist/katex.mjs node_modules/katex/dist/katex.min.css node_modules/katex/LICENSE dist/vendor/katex/
cp -r node_modules/katex/dist/fonts dist/vendor/katex/
echo "build: dist/ ready"
