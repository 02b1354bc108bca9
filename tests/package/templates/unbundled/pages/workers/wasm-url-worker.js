// wasm-url-worker.js — in a module worker, a relative wasmUrl resolves against the worker's URL.
import { loadNN, NNError } from '../../node_modules/nn-by-hand/dist/lib/nn.mjs';
import { attempt } from '../attempt.js';

postMessage({
  missing: await attempt(loadNN, NNError, { wasmUrl: 'missing.wasm' }),
  relative: await attempt(loadNN, NNError, { wasmUrl: '../../node_modules/nn-by-hand/dist/lib/nn_wasm.wasm' }),
});
