// tracer.js — the worker's side of the By-hand panel (no DOM; runs inside worker.js). It reads the
// network on the mini-batch that the next training step (worker.js trainStep) will use, so what the
// panel shows is exactly what Step trains on:
//   traceBatch → net.trace (per-layer W, b, Z, A, dZ, dW, db) and, on request, a preview of the
//                update: the same step taken on a copy (loadNetwork(toJSON())), so ΔW is the real
//                update of any optimizer, with its state, regularisation and step count;
//   checkBatch → net.gradientCheck per layer.

/** The next mini-batch of a run: rows [cursor, cursor + batchSize) of the training split. */
export function nextBatch(run) {
  const { train } = run;
  const k = train.x.length / train.n, o = train.y.length / train.n;
  const start = Math.min(run.cursor, train.n), end = Math.min(train.n, start + run.batchSize);
  return { x: train.x.subarray(start * k, end * k), y: train.y.subarray(start * o, end * o), n: end - start, start };
}

/** { trace, start, steps, preview: [{W, b}] | null } for the next batch. */
export function traceBatch(nn, run, { preview = false } = {}) {
  const { net } = run;
  const b = nextBatch(run);
  const trace = net.trace(b.x, b.y, b.n);
  let after = null;
  if (preview) {
    const copy = nn.loadNetwork(net.toJSON());
    try {
      copy.trainBatch(b.x, b.y, b.n);
      after = [];
      for (let l = 0; l < copy.layerCount; l++) after.push({ W: copy.getWeights(l), b: copy.getBiases(l) });
    } finally { copy.dispose(); }
  }
  return { trace, start: b.start, steps: net.steps, preview: after };
}

/** { checks: [{weights, biases, checked}], start, n } for the next batch. */
export function checkBatch(run, maxPerLayer = 64) {
  const b = nextBatch(run);
  return { checks: run.net.gradientCheck(b.x, b.y, b.n, { maxPerLayer }), start: b.start, n: b.n };
}
