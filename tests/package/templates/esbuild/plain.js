// plain.js — the file loader's path passed as it is: loadNN resolves a relative wasmUrl against the
// page's URL, so this works when the page sits beside the bundle, or with esbuild's publicPath.
import { loadNN, NNError } from 'nn-by-hand';
import wasmPath from 'nn-by-hand/nn_wasm.wasm';
import { trainXor } from './xor.js';
import { show } from './show.js';

show(async () => trainXor(await loadNN({ wasmUrl: wasmPath }), NNError));
