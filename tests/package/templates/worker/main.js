// main.js — the page starts a module worker, which imports the package and trains; the page shows
// what the worker sends back. The page itself does not load the module.
import { show } from './show.js';

show(() => new Promise((resolve, reject) => {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = ({ data }) => { resolve(data); worker.terminate(); };
  worker.onerror = (e) => reject(new Error(`worker: ${e.message}`));
}));
