// worker.js — a module worker that imports the package by name (a bundler resolves it) and
// posts the XOR result, or the error, to the page. No top-level await: Vite bundles workers as
// classic scripts (iife) unless its config says worker.format 'es'.
import { loadNN, NNError } from 'nn-by-hand';
import { trainXor } from './xor.js';

loadNN().then(
  (nn) => postMessage({ inWorker: typeof document === 'undefined', ...trainXor(nn, NNError) }),
  (e) => postMessage({ failed: `${e.name}: ${e.message}`, field: e.field }),
);
