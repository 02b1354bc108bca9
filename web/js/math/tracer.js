// tracer.js — the worker's side of the By-hand panel (no DOM; runs inside worker.js). It reads the
// network on the mini-batch that the next training step (trainer.js #trainStep) will use, so what the
// panel shows is exactly what Step trains on:
//   traceBatch → net.trace (per-layer W, b, Z, A, dA, dZ, dW, db) and, on request, a preview of the
//                update: the same step taken on a copy (net.clone(), inside wasm), so ΔW is the real
//                update of any optimizer, with its state, regularisation and step count;
//   checkBatch → net.gradientCheck per layer.

/** The next mini-batch of a run: rows [cursor, cursor + batchSize) of the training split. */
export function nextBatch(run) {
  const { train } = run;
  const k = train.x.length / train.n, o = train.y.length / train.n;
  const start = Math.min(run.cursor, train.n), end = Math.min(train.n, start + run.batchSize);
  return { x: train.x.subarray(start * k, end * k), y: train.y.subarray(start * o, end * o), n: end - start, start };
}

/** { trace, start, steps, preview: [{W, b}] | null } for the next batch (the preview steps a
 *  clone the network makes of itself). */
export function traceBatch(run, { preview = false } = {}) {
  const { net } = run;
  const b = nextBatch(run);
  const trace = net.trace(b.x, b.y, b.n);
  let after = null;
  if (preview) {
    const copy = net.clone();
    try {
      copy.trainBatch(b.x, b.y, b.n);
      after = [];
      for (let l = 0; l < copy.layerCount; l++) after.push({ W: copy.getWeights(l), b: copy.getBiases(l) });
    } finally { copy.dispose(); }
  }
  return { trace, start: b.start, steps: net.steps, preview: after };
}

/** { checks: [{weights, biases, checked}], start, n } for the next batch. The check's cost is
 *  bounded by the module (catalog.limits.maxCheckWork ≥ 2 · checked entries · parameters · n, with
 *  at most 2 · maxPerLayer entries a layer): a large batch through a wide network checks fewer
 *  entries per layer, or the first samples of the batch, rather than fail. */
export function checkBatch(run, limits, maxPerLayer = 64) {
  const b = nextBatch(run);
  const { inputs, layers } = run.net.spec;
  const params = layers.reduce((sum, l, i) => sum + l.units * ((i ? layers[i - 1].units : inputs) + 1), 0);
  const perSample = 4 * layers.length * params;  // work per sample and per entry allowed a layer
  const n = Math.max(1, Math.min(b.n, limits.maxCheckSamples, Math.floor(limits.maxCheckWork / perSample)));
  const per = Math.max(1, Math.min(maxPerLayer, Math.floor(limits.maxCheckWork / (perSample * n))));
  const inputsPerSample = b.x.length / b.n, outputsPerSample = b.y.length / b.n;
  const checks = run.net.gradientCheck(b.x.subarray(0, n * inputsPerSample), b.y.subarray(0, n * outputsPerSample), n, { maxPerLayer: per });
  return { checks, start: b.start, n };
}
