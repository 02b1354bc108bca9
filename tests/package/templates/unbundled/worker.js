// worker.js — a module worker without a bundler: the package's file by its path (no import maps
// in workers); trains and posts the result, or the error.
import { loadNN, NNError } from './node_modules/nn-by-hand/dist/lib/nn.mjs';
import { trainXor } from './xor.js';

try {
  postMessage({ inWorker: typeof document === 'undefined', ...trainXor(await loadNN(), NNError) });
} catch (e) {
  postMessage({ failed: `${e.name}: ${e.message}`, field: e.field });
}
