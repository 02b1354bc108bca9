// cjs.mjs — the package's CommonJS entry (dist/lib/nn.cjs): dist/lib/nn.mjs and the Emscripten glue
// bundled by esbuild into one CommonJS file for Node's require(), so that `require('nn-by-hand')`
// gives the same loadNN and NNError without an ES module import. The .wasm stays beside it: the
// bundle's import.meta.url is the file's own URL. Run by build.sh after dist/lib/ is filled.
import { build } from 'esbuild';
import { copyFile } from 'node:fs/promises';

const lib = (file) => new URL(`../dist/lib/${file}`, import.meta.url).pathname;

await build({
  entryPoints: [lib('nn.mjs')],
  outfile: lib('nn.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  define: { 'import.meta.url': '__nnModuleUrl' },
  banner: { js: "// nn.cjs — generated from nn.mjs by scripts/cjs.mjs (esbuild); edit wasm/*.mjs.\nconst __nnModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// The same declarations, read by TypeScript as CommonJS ones for require().
await copyFile(lib('nn.d.ts'), lib('nn.d.cts'));
