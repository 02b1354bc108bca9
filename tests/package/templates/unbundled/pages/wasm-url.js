// wasm-url.js — loadNN's wasmUrl on a page one folder below the package's files: a relative
// reference resolves against this page's URL (not the module's), and every failure rejects with an
// NNError naming the URL it tried. A module worker one more folder down does the same from its URL.
import { loadNN, NNError } from '../node_modules/nn-by-hand/dist/lib/nn.mjs';
import { show } from '../show.js';
import { attempt } from './attempt.js';

const FROM_PAGE = '../node_modules/nn-by-hand/dist/lib/nn_wasm.wasm';  // relative to this page

show(async () => {
  const cases = {
    missing: await attempt(loadNN, NNError, { wasmUrl: 'missing.wasm' }),
    relative: await attempt(loadNN, NNError, { wasmUrl: FROM_PAGE }),
    url: await attempt(loadNN, NNError, { wasmUrl: new URL(FROM_PAGE, location.href) }),
    notWasm: await attempt(loadNN, NNError, { wasmUrl: 'wasm-url.html' }),
    refused: await attempt(loadNN, NNError, { wasmUrl: `http://127.0.0.1:${new URLSearchParams(location.search).get('closedPort')}/nn_wasm.wasm` }),
    invalid: await attempt(loadNN, NNError, { wasmUrl: 'http://[' }),
  };
  const worker = new Worker(new URL('./workers/wasm-url-worker.js', import.meta.url), { type: 'module' });
  cases.worker = await new Promise((resolve) => { worker.onmessage = ({ data }) => resolve(data); });
  worker.terminate();
  return cases;
});
