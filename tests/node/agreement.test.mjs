// agreement.test.mjs — the wasm module agrees with the native core and with PyTorch:
//   * same seed and data → the same dataset, targets and initial weights exactly, and predictions
//     after 100 training steps within 1e-5 relative, bit-identical where no libm function is on the
//     path (native side: build/native/nn_reference);
//   * the PyTorch fixtures (tests/fixtures/torch_reference.json) hold through the JS API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nn, rows, close } from './load.mjs';

const REFERENCE = fileURLToPath(new URL('../../build/native/nn_reference', import.meta.url));
const FIXTURES = JSON.parse(readFileSync(new URL('../fixtures/torch_reference.json', import.meta.url), 'utf8'));

// exact: every function on the path is the project's own (fastmath.hpp, gemm.hpp; sqrt is exact in
// IEEE), no libm, so native and wasm must agree to the last bit. Elsewhere libm may differ by an ulp:
// gelu (erf, exp), softplus (log1p, exp) and Adam's bias correction (pow) are checked to 1e-5.
const runs = [
  { spec: { layers: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], optimizer: { type: 'sgd', learningRate: 0.03 }, seed: 3 },
    dataset: { name: 'spiral', n: 200, noise: 0.1, classes: 2, seed: 4 }, exact: true },
  { spec: { layers: [{ units: 16, activation: 'relu' }, { units: 16, activation: 'relu' }, { units: 3, activation: 'softmax' }], optimizer: { type: 'momentum', learningRate: 0.01 }, seed: 11 },
    dataset: { name: 'blobs', n: 200, noise: 0.3, classes: 3, seed: 5 }, exact: true },
  { spec: { layers: [{ units: 16, activation: 'relu' }, { units: 16, activation: 'gelu' }, { units: 3, activation: 'softmax' }], optimizer: { type: 'adam', learningRate: 0.01 }, l2: 1e-3, init: 'he_normal', seed: 11 },
    dataset: { name: 'blobs', n: 200, noise: 0.3, classes: 3, seed: 5 } },
  { spec: { layers: [{ units: 12, activation: 'elu' }, { units: 1 }], optimizer: { type: 'rmsprop', learningRate: 0.005 }, init: 'glorot_normal', seed: 7, loss: 'huber' },
    dataset: { name: 'multigauss', n: 200, noise: 0.1, classes: 0, seed: 6 }, exact: true },
  // fit() with a standardizer fitted on the data (native: FitRun), saved in the document (version 2)
  { spec: { layers: [{ units: 8, activation: 'tanh' }, { units: 3, activation: 'softmax' }], optimizer: { type: 'momentum', learningRate: 0.05 }, seed: 13 },
    dataset: { name: 'blobs', n: 200, noise: 0.3, classes: 3, seed: 8 }, exact: true, fit: { standardize: true } },
];

for (const run of runs) {
  test(`native and wasm agree: ${run.dataset.name}, ${run.spec.optimizer.type}${run.fit ? ', fit' : ''}${run.exact ? ', to the last bit' : ''}`, async () => {
    const batchSize = 20, epochs = 10;  // 200 / 20 × 10 = 100 steps
    const { exact, ...request } = run;
    const native = JSON.parse(execFileSync(REFERENCE, { input: JSON.stringify({ ...request, epochs, batchSize }) }).toString());
    const d = nn.makeDataset(run.dataset.name, run.dataset);
    assert.deepEqual(Array.from(d.x), native.x, 'same points');
    if (d.labels) assert.deepEqual(Array.from(d.labels), native.labels);
    const net = nn.createNetwork(run.spec);
    const y = nn.encodeTargets(d, net.outputs, net.spec.layers.at(-1).activation);
    assert.deepEqual(Array.from(y), native.y);
    const initial = net.toJSON();
    assert.deepEqual(initial.weights, native.initial.weights, 'same initial weights, exactly');
    if (run.fit) await net.fit(d.x, y, d.n, { epochs, batchSize, ...run.fit, metrics: [] });
    else for (let e = 0; e < epochs; e++) net.trainEpoch(d.x, y, d.n, { batchSize });
    assert.equal(net.steps, 100);
    const p = net.predict(d.x, d.n);
    // Relative to each value, floored at the predictions' RMS so values near 0 do not divide by ~0.
    const q = native.predictions;
    const rms = Math.sqrt(q.reduce((s, v) => s + v * v, 0) / q.length);
    let worst = 0;
    p.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - q[i]) / Math.max(Math.abs(q[i]), rms)); });
    assert.ok(worst < 1e-5, `worst relative difference ${worst}`);
    if (exact) assert.deepEqual(Array.from(p), q, 'bit-identical predictions');
    if (exact) assert.deepEqual(net.toJSON(), native.final, 'the same document: weights, state, standardizer');
    net.dispose();
  });
}

function build(c) {
  const spec = { inputs: c.inputs, layers: c.layers, loss: c.loss, seed: 1 };
  if (c.optimizer) Object.assign(spec, { optimizer: c.optimizer, l1: c.l1, l2: c.l2 });
  const net = nn.createNetwork(spec);
  c.weights.forEach((w, l) => net.setWeights(l, rows(w)));
  c.biases.forEach((b, l) => net.setBiases(l, b));
  return { net, x: rows(c.x), y: rows(c.y), n: c.x.length };
}

test('PyTorch gradient fixtures hold through the JS API (float)', () => {
  for (const c of FIXTURES.gradients) {
    const { net, x, y, n } = build(c);
    const g = net.gradients(x, y, n);
    assert.ok(Math.abs(g.loss - c.loss_value) <= 2e-5 * (1 + Math.abs(c.loss_value)), `${c.name}: loss ${g.loss} vs ${c.loss_value}`);
    c.dW.forEach((dW, l) => assert.ok(close(g.weights[l], dW.flat(), 2e-5), `${c.name}: dW[${l}]`));
    c.db.forEach((db, l) => assert.ok(close(g.biases[l], db, 2e-5), `${c.name}: db[${l}]`));
    net.dispose();
  }
});

test('PyTorch optimizer fixtures hold through the JS API (float)', () => {
  for (const c of FIXTURES.optimizers) {
    const { net, x, y, n } = build(c);
    c.steps.forEach((s, k) => {
      const loss = net.trainBatch(x, y, n);
      assert.ok(Math.abs(loss - s.loss) <= 2e-5 * (1 + Math.abs(s.loss)), `${c.name} step ${k}: loss`);
      s.weights.forEach((w, l) => assert.ok(close(net.getWeights(l), w.flat(), 2e-5), `${c.name} step ${k}: W[${l}]`));
      s.biases.forEach((b, l) => assert.ok(close(net.getBiases(l), b, 2e-5), `${c.name} step ${k}: b[${l}]`));
    });
    net.dispose();
  }
});
