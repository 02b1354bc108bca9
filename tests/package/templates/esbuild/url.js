// url.js — esbuild's documented way for assets: the .wasm imported as a file (--loader:.wasm=file),
// which gives its path relative to the bundle; new URL(…, import.meta.url) makes that independent
// of where the page is.
import { loadNN, NNError } from 'nn-by-hand';
import wasmPath from 'nn-by-hand/nn_wasm.wasm';
import { trainXor } from './xor.js';
import { show } from './show.js';

show(async () => trainXor(await loadNN({ wasmUrl: new URL(wasmPath, import.meta.url) }), NNError));
