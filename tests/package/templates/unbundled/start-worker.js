// start-worker.js — starts worker.js as a module worker and resolves to what it posts back.
export function inWorker() {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }) => { resolve(data); worker.terminate(); };
    worker.onerror = (e) => reject(new Error(`worker: ${e.message}`));
  });
}
