// main.js — a browser app's entry: the package imported by name, as any npm dependency is; the
// bundler (Vite, webpack, esbuild) finds its .wasm. Trains XOR on the page and shows the result.
import { loadNN, NNError } from 'nn-by-hand';
import { trainXor } from './xor.js';
import { show } from './show.js';

show(async () => trainXor(await loadNN(), NNError));
