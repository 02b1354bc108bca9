// api.test.mjs — the whole public API of dist/lib/nn.mjs from Node: every method (but the
// diagnostics heapAllocations, heapInUse and stackPointer, which memory.test and robustness.test
// use) and its error paths; after any error the module and other networks keep working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn, loadNN, LIB, throwsMessage } from './load.mjs';

const spec = () => ({
  inputs: 2,
  layers: [{ units: 8, activation: 'tanh' }, { units: 3, activation: 'softmax' }],
  loss: 'categorical_crossentropy',
  optimizer: { type: 'adam', learningRate: 0.01 },
  seed: 1,
});
const blobs = nn.makeDataset('blobs', { n: 90, noise: 0.1, classes: 3, seed: 2 });
const Y = nn.encodeTargets(blobs, 3, 'softmax');

test('the tables come from the core and the catalog describes them', () => {
  // the book's entries are all there (rows added to the core appear with no edit here)
  const has = (list, names) => names.forEach((n) => assert.ok(list.includes(n), n));
  has(nn.activations, ['linear', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'softplus', 'silu', 'gelu', 'softmax']);
  has(nn.losses, ['mse', 'mae', 'huber', 'binary_crossentropy', 'categorical_crossentropy']);
  has(nn.optimizers, ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam']);
  has(nn.initializers, ['glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal', 'uniform', 'zeros']);
  has(nn.datasets, ['circle', 'xor', 'gauss', 'spiral', 'moons', 'blobs', 'plane', 'multigauss']);
  for (const table of ['activations', 'losses', 'optimizers', 'initializers', 'datasets']) {
    assert.deepEqual(nn[table], nn.catalog[table].map((r) => r.name), table);
    for (const row of nn.catalog[table]) assert.ok(typeof row.display === 'string' && row.display.length > 0, `${table} ${row.name}: display`);
  }
  for (const a of nn.catalog.activations) {
    assert.ok(a.tex.forward.includes('#Z') && a.tex.backward.startsWith('#dZ'), `${a.name}: TeX in terms of Z and dZ`);
    assert.equal(a.unitInterval, a.lo !== null && a.lo >= 0 && a.hi !== null && a.hi <= 1, a.name);
  }
  for (const o of nn.catalog.optimizers) {
    assert.equal(o.hyperparameters[0].name, 'learningRate', o.name);
    assert.equal(o.hyperparameters[0].default, o.defaultLearningRate, o.name);
    assert.ok(o.suggestedLearningRate > 0 && Number.isFinite(o.suggestedLearningRate), `${o.name}: a suggested learning rate`);
    for (const h of o.hyperparameters.slice(1)) assert.deepEqual(h, nn.catalog.hyperparameters.find((g) => g.name === h.name), `${o.name}.${h.name}`);
    assert.ok(o.tex.rules.length >= 1, o.name);
  }
  assert.equal(nn.catalog.losses.find((l) => l.name === 'categorical_crossentropy').minOutputs, 2);
  assert.equal(nn.catalog.datasets.find((d) => d.name === 'spiral').maxClasses, nn.catalog.limits.maxClasses);
  assert.equal(nn.catalog.optimizers.find((o) => o.name === 'adam').defaultLearningRate, 0.001);
  assert.deepEqual(nn.catalog.problems.binary, { outputActivation: 'sigmoid', loss: 'binary_crossentropy' });
  assert.deepEqual(nn.catalog.problems.multiclass, { outputActivation: 'softmax', loss: 'categorical_crossentropy' });
  assert.deepEqual(nn.catalog.problems.regression, { outputActivation: 'linear', loss: 'mse' });
});

test('loadNN takes an explicit wasm location', async () => {
  const other = await loadNN({ wasmUrl: new URL('./nn_wasm.wasm', LIB) });
  assert.deepEqual(other.activations, nn.activations);
  await assert.rejects(loadNN({ wasmUrl: new URL('./missing.wasm', LIB) }), /ENOENT|no such file/);
});

test('createNetwork normalises the spec, filling every default', () => {
  const net = nn.createNetwork({ layers: [{ units: 4 }, { units: 1, activation: 'sigmoid' }] });
  assert.deepEqual(net.spec, {
    inputs: 2,
    layers: [{ units: 4, activation: 'linear' }, { units: 1, activation: 'sigmoid' }],
    loss: 'binary_crossentropy',
    optimizer: { type: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },  // what adam reads
    l1: 0, l2: 0, init: 'glorot_uniform', seed: 1,
  });
  assert.equal(net.inputs, 2);
  assert.equal(net.outputs, 1);
  assert.equal(net.layerCount, 2);
  const s = net.spec;
  s.layers[0].units = 99;  // a copy: the network is not affected
  assert.equal(net.spec.layers[0].units, 4);
  assert.equal(nn.createNetwork({ layers: [{ units: 1 }], optimizer: 'sgd' }).spec.optimizer.learningRate, 0.01);
  net.dispose();
});

test('createNetwork throws an Error naming the bad field', () => {
  const bad = [
    [null, /^spec: must be an object/],
    [[1], /^spec: must be an object/],
    [{}, /^layers: is missing/],
    [{ layers: 'dense' }, /^layers: must be an array/],
    [{ layers: [] }, /^layers: needs at least one layer/],
    [{ layers: [{ units: 0 }] }, /^layers\[0\]\.units: must be an integer from 1 to 4096 \(got 0\)/],
    [{ layers: [{ units: 2.5 }] }, /^layers\[0\]\.units: must be an integer/],
    [{ layers: [{ units: '8' }] }, /^layers\[0\]\.units: must be an integer/],
    [{ layers: [{ units: 4, activation: 'swish' }] }, /^layers\[0\]\.activation: unknown activation 'swish' \(choose from linear/],
    [{ layers: [{ units: 4, activaton: 'tanh' }] }, /^layers\[0\]\.activaton: unknown field \(expected units, activation\)/],
    [{ inputs: 0, layers: [{ units: 1 }] }, /^inputs: must be an integer from 1/],
    [{ layers: [{ units: 1 }], loss: 'hinge' }, /^loss: unknown loss 'hinge'/],
    [{ layers: [{ units: 2, activation: 'tanh' }], loss: 'binary_crossentropy' }, /^loss: .*\(0, 1\).*use a sigmoid or softmax output/],
    [{ layers: [{ units: 1, activation: 'sigmoid' }], loss: 'categorical_crossentropy' }, /^loss: categorical_crossentropy needs at least 2 outputs/],
    [{ layers: [{ units: 1, activation: 'softmax' }] }, /^layers\[0\]\.activation: softmax over a single unit/],
    [{ layers: [{ units: 1 }], optimizer: { type: 'lbfgs' } }, /^optimizer\.type: unknown optimizer 'lbfgs'/],
    [{ layers: [{ units: 1 }], optimizer: { learningRate: -1 } }, /^optimizer\.learningRate: must be a finite number > 0/],
    [{ layers: [{ units: 1 }], optimizer: { learningRate: NaN } }, /^optimizer\.learningRate: must be a number/],
    [{ layers: [{ units: 1 }], optimizer: { learningrate: 0.1 } }, /^optimizer\.learningrate: unknown field/],
    [{ layers: [{ units: 1 }], optimizer: { beta2: 1 } }, /^optimizer\.beta2: must be in \[0, 1\)/],
    [{ layers: [{ units: 1 }], l2: -0.1 }, /^l2: must be a finite number ≥ 0/],
    [{ layers: [{ units: 1 }], init: 'orthogonal' }, /^init: unknown initializer 'orthogonal'/],
    [{ layers: [{ units: 1 }], seed: -1 }, /^seed: must be an integer from 0 to 2\^53 − 1/],
    [{ layers: [{ units: 1 }], dropout: 0.5 }, /^dropout: unknown field/],
  ];
  for (const [s, message] of bad) {
    throwsMessage(() => nn.createNetwork(s), message, JSON.stringify(s));
  }
});

test('predict: n × outputs, a copy the caller owns, plain arrays accepted', () => {
  const net = nn.createNetwork(spec());
  const p = net.predict(blobs.x, blobs.n);
  assert.ok(p instanceof Float32Array);
  assert.equal(p.length, blobs.n * 3);
  for (let i = 0; i < blobs.n; i++) assert.ok(Math.abs(p[3 * i] + p[3 * i + 1] + p[3 * i + 2] - 1) < 1e-5);
  const kept = p.slice();
  net.trainEpoch(blobs.x, Y, blobs.n);  // later calls (and heap growth) do not touch what we hold
  nn.createNetwork({ layers: [{ units: 512 }, { units: 512 }] }).dispose();
  assert.deepEqual(p, kept);
  p[0] = 42;
  assert.notEqual(net.predict(blobs.x, blobs.n)[0], 42);
  assert.deepEqual(net.predict([1, 2], 1), net.predict(new Float32Array([1, 2]), 1));
  net.dispose();
});

test('trainBatch returns the loss before the step; trainEpoch and evaluate learn blobs', () => {
  const net = nn.createNetwork(spec());
  const before = net.evaluate(blobs.x, Y, blobs.n);
  assert.equal(net.trainBatch(blobs.x, Y, blobs.n), before.loss);
  assert.equal(net.steps, 1);
  let loss;
  for (let e = 0; e < 30; e++) loss = net.trainEpoch(blobs.x, Y, blobs.n, { batchSize: 10 });
  assert.equal(net.steps, 1 + 30 * 9);
  const after = net.evaluate(blobs.x, Y, blobs.n);
  assert.ok(loss < before.loss && after.loss < before.loss, `${before.loss} → ${after.loss}`);
  assert.ok(after.accuracy >= 0.95, `accuracy ${after.accuracy}`);
  assert.equal(net.trainEpoch(blobs.x, Y, blobs.n, { batchSize: 1000, shuffle: false }) > 0, true);
  net.dispose();
});

test('batch errors name x, y, n or batchSize and change nothing', () => {
  const net = nn.createNetwork(spec());
  const w = net.getWeights(0);
  const cases = [
    [() => net.predict(blobs.x, 0), /^n: must be an integer from 1 to \d+ \(got 0\)/],
    [() => net.predict(blobs.x, -3), /^n: must be an integer from 1 to \d+/],
    [() => net.predict(blobs.x, 1.5), /^n: must be an integer from 1 to \d+/],
    [() => net.predict(blobs.x, blobs.n + 1), /^x: expected n × inputs = 91 × 2 = 182 values \(got 180\)/],
    [() => net.predict('1,2', 1), /^x: must be a Float32Array/],
    [() => net.predict(new Float32Array([1, NaN]), 1), /^x: contains NaN or infinity/],
    [() => net.trainBatch(blobs.x, Y.subarray(3), blobs.n), /^y: expected n × outputs = 90 × 3 = 270 values \(got 267\)/],
    [() => net.trainBatch(blobs.x, Y.map((v, i) => (i === 5 ? Infinity : v)), blobs.n), /^y: contains NaN or infinity/],
    [() => net.trainEpoch(blobs.x, Y, blobs.n, { batchSize: 0 }), /^batchSize: must be an integer from 1 to \d+/],
    [() => net.evaluate(null, Y, blobs.n), /^x: must be a Float32Array .* got null/],
    [() => net.gradients(blobs.x, Y, 0), /^n: must be an integer/],
  ];
  for (const [f, message] of cases) throwsMessage(f, message);
  assert.deepEqual(net.getWeights(0), w);
  assert.equal(net.steps, 0);
  net.dispose();
});

test('weights and biases: row-major out × in, settable, checked', () => {
  const net = nn.createNetwork(spec());
  const W = net.getWeights(1);
  assert.equal(W.length, 3 * 8);
  const x = new Float32Array([0.3, -0.7]);
  // Recompute the output layer by hand from getWeights/getBiases: Z = W A + b (row-major W).
  const W0 = net.getWeights(0), b0 = net.getBiases(0), b1 = net.getBiases(1);
  const a0 = Array.from({ length: 8 }, (_, r) => Math.tanh(W0[2 * r] * x[0] + W0[2 * r + 1] * x[1] + b0[r]));
  const z = Array.from({ length: 3 }, (_, r) => a0.reduce((s, a, c) => s + W[8 * r + c] * a, b1[r]));
  const e = z.map((v) => Math.exp(v - Math.max(...z)));
  const p = net.predict(x, 1);
  e.forEach((v, k) => assert.ok(Math.abs(v / e.reduce((s, t) => s + t) - p[k]) < 1e-6));

  const newW = W.map((v, i) => i / 10);
  net.setWeights(1, newW);
  assert.deepEqual(net.getWeights(1), newW);
  net.setBiases(1, [1, 2, 3]);
  assert.deepEqual(Array.from(net.getBiases(1)), [1, 2, 3]);
  const errors = [
    [() => net.getWeights(2), /^layer: 2 is out of range \(the network has 2 layers, 0 to 1\)/],
    [() => net.getBiases(-1), /^layer: -1 is out of range/],
    [() => net.setWeights(0, new Float32Array(15)), /^weights: layer 0 needs 8×2 = 16 values \(got 15\)/],
    [() => net.setWeights(0, new Float32Array(16).fill(NaN)), /^weights: contains NaN or infinity/],
    [() => net.setBiases(1, [1, 2]), /^biases: layer 1 needs 3 values \(got 2\)/],
    [() => net.setBiases(1, undefined), /^biases: must be a Float32Array/],
  ];
  for (const [f, message] of errors) throwsMessage(f, message);
  assert.deepEqual(net.getWeights(1), newW);
  net.dispose();
});

test('setOptimizer keeps the weights; same type keeps its state, bad settings change nothing', () => {
  const net = nn.createNetwork(spec());
  net.trainEpoch(blobs.x, Y, blobs.n);
  const w = net.getWeights(0), steps = net.steps;
  net.setOptimizer({ learningRate: 0.002 });
  assert.equal(net.spec.optimizer.type, 'adam');
  assert.equal(net.spec.optimizer.learningRate, 0.002);
  assert.equal(net.steps, steps);
  assert.deepEqual(net.getWeights(0), w);
  net.setOptimizer({ type: 'momentum' });
  assert.equal(net.spec.optimizer.learningRate, 0.01);  // the new type's default
  assert.equal(net.steps, 0);
  net.setOptimizer('rmsprop');
  assert.equal(net.spec.optimizer.type, 'rmsprop');
  throwsMessage(() => net.setOptimizer({ type: 'adagrad' }), /^optimizer\.type: unknown optimizer 'adagrad'/);
  throwsMessage(() => net.setOptimizer({ momentum: 2 }), /^optimizer\.momentum: must be in \[0, 1\)/);
  throwsMessage(() => net.setOptimizer(7), /^optimizer: must be a name or an object/);
  assert.equal(net.spec.optimizer.type, 'rmsprop');
  assert.deepEqual(net.getWeights(0), w);
  net.dispose();
});

test('setPenalties keeps the weights and the optimizer state: training continues as a network saved with those penalties', () => {
  const net = nn.createNetwork(spec());
  net.trainEpoch(blobs.x, Y, blobs.n);
  const w = net.getWeights(0), steps = net.steps;
  net.setPenalties({ l2: 0.01 });
  assert.equal(net.spec.l2, 0.01);
  assert.equal(net.spec.l1, 0);
  assert.equal(net.steps, steps);
  assert.deepEqual(net.getWeights(0), w);
  // the same as a network whose saved document names these penalties: same next step, bit for bit
  const doc = JSON.parse(JSON.stringify(net));
  const twin = nn.loadNetwork({ ...doc, spec: { ...doc.spec, l1: 1e-3 } });
  net.setPenalties({ l1: 1e-3 });
  net.trainBatch(blobs.x, Y, blobs.n);
  twin.trainBatch(blobs.x, Y, blobs.n);
  assert.deepEqual(net.getWeights(0), twin.getWeights(0));
  assert.deepEqual(net.getBiases(1), twin.getBiases(1));
  // refused values change nothing, and name their field
  const before = JSON.stringify(net);
  throwsMessage(() => net.setPenalties({ l1: -1 }), /^l1: must be a finite number ≥ 0/);
  throwsMessage(() => net.setPenalties({ l1: 0.1, l2: 1e39 }), /^l2: must be a finite number ≥ 0/);
  throwsMessage(() => net.setPenalties({ l2: 1e-50 }), /^l2: must be a finite number ≥ 0/);
  throwsMessage(() => net.setPenalties({ l2: '0.1' }), /^l2: must be a finite number/);
  throwsMessage(() => net.setPenalties({ weightDecay: 0.1 }), /^penalties\.weightDecay: unknown field/);
  throwsMessage(() => net.setPenalties(0.1), /^penalties: must be an object/);
  assert.equal(JSON.stringify(net), before);
  net.dispose();
  twin.dispose();
});

test('toJSON → loadNetwork gives the same predictions and the same training afterwards', () => {
  const a = nn.createNetwork({ ...spec(), l2: 1e-3 });
  a.trainEpoch(blobs.x, Y, blobs.n);
  const json = JSON.stringify(a);
  const doc = JSON.parse(json);
  assert.equal(doc.format, 'nn-by-hand/network');
  assert.equal(doc.version, 1);
  const b = nn.loadNetwork(json);
  assert.deepEqual(b.spec, a.spec);
  assert.deepEqual(b.predict(blobs.x, blobs.n), a.predict(blobs.x, blobs.n));
  a.trainEpoch(blobs.x, Y, blobs.n);
  b.trainEpoch(blobs.x, Y, blobs.n);
  assert.deepEqual(b.getWeights(0), a.getWeights(0));
  assert.equal(JSON.stringify(b), JSON.stringify(a));
  const broken = [
    [42, /^json: must be a saved network/],
    ['{oops', /^json: not valid JSON/],
    [JSON.stringify({ ...doc, version: 9 }), /^version: this build reads versions 1 to 2 \(got 9\)/],
    [JSON.stringify({ ...doc, weights: doc.weights.slice(1) }), /^weights: expected one array per layer \(2\)/],
    [JSON.stringify({ ...doc, spec: { ...doc.spec, loss: 'mse', layers: [{ units: 8, activation: 'tanh' }, { units: 3, activation: 'swish' }] } }),
      /^spec\.layers\[1\]\.activation: unknown activation 'swish'/],
  ];
  for (const [text, message] of broken) throwsMessage(() => nn.loadNetwork(text), message);
  // Applications may keep their own metadata beside the network (the playground stores its page settings).
  const withMeta = nn.loadNetwork(JSON.stringify({ ...doc, playground: { epoch: 12 } }));
  assert.equal(JSON.stringify(withMeta), json);
  withMeta.dispose();
  a.dispose();
  b.dispose();
});

test('a disposed network throws on every call; dispose twice is harmless', () => {
  const net = nn.createNetwork(spec());
  net.dispose();
  net.dispose();
  for (const f of [() => net.predict([1, 2], 1), () => net.trainBatch([1, 2], [1, 0, 0], 1), () => net.spec,
    () => net.getWeights(0), () => JSON.stringify(net), () => net.setOptimizer('sgd'), () => net.steps]) {
    throwsMessage(f, /^network: this network has been disposed/);
  }
});

test('datasets: seeded, in frame, labels or targets; split and targets from the core', () => {
  for (const meta of nn.catalog.datasets) {
    const classes = meta.regression ? 0 : meta.maxClasses;
    const a = nn.makeDataset(meta.name, { n: 120, noise: 0.2, classes, seed: 5 });
    const b = nn.makeDataset(meta.name, { n: 120, noise: 0.2, classes, seed: 5 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(nn.makeDataset(meta.name, { n: 120, noise: 0.2, classes, seed: 6 }).x, a.x);
    assert.equal(a.x.length, 240);
    assert.equal(a.regression, meta.regression);
    if (meta.regression) assert.equal(a.targets.length, 120);
    else assert.ok(a.labels.every((l) => l >= 0 && l < classes));
  }
  const d = nn.makeDataset('spiral', { n: 100, classes: 4, seed: 1 });
  const { train, test: held } = nn.splitDataset(d, 0.3, 9);
  assert.equal(held.n, 30);
  assert.equal(train.n, 70);
  assert.equal(train.x.length, 140);
  assert.deepEqual(nn.splitDataset(d, 0.3, 9).test, held);
  const y = nn.encodeTargets(train, 4, 'softmax');
  assert.equal(y.length, 280);
  assert.equal(y[4 * 0 + train.labels[0]], 1);
  const two = nn.makeDataset('circle', { n: 10 });
  assert.deepEqual(Array.from(nn.encodeTargets(two, 1, 'tanh')), Array.from(two.labels, (l) => (l ? 1 : -1)));
  const errors = [
    [() => nn.makeDataset('swirl'), /^name: unknown dataset 'swirl' \(choose from circle/],
    [() => nn.makeDataset('spiral', { classes: 9 }), /^classes: spiral takes 2 to 6 classes \(got 9\)/],
    [() => nn.makeDataset('circle', { noise: 2 }), /^noise: must be from 0 to 1/],
    [() => nn.makeDataset('circle', { n: 0 }), /^n: must be an integer from 1 to \d+/],
    [() => nn.makeDataset('circle', { seed: -1 }), /^seed: must be an integer/],
    [() => nn.splitDataset(d, 1), /^testRatio: must be in \[0, 1\)/],
    [() => nn.encodeTargets(d, 1, 'sigmoid'), /^outputs: 4 classes need 4 outputs/],
  ];
  for (const [f, message] of errors) throwsMessage(f, message);
});

test('after any error the module and every other network keep working', () => {
  const keep = nn.createNetwork(spec());
  const before = keep.predict(blobs.x, blobs.n);
  for (let i = 0; i < 50; i++) {
    assert.throws(() => nn.createNetwork({ layers: [{ units: -1 }] }));
    assert.throws(() => nn.loadNetwork('[]'));
    assert.throws(() => keep.trainBatch(blobs.x, Y, blobs.n + 1));
    assert.throws(() => keep.predict(new Float32Array([NaN, 0]), 1));
    assert.throws(() => nn.createNetwork({ layers: [{ units: 4096 }, { units: 4096 }] }), /parameters is more than the limit/);
  }
  assert.deepEqual(keep.predict(blobs.x, blobs.n), before);
  const fresh = nn.createNetwork(spec());
  assert.ok(Number.isFinite(fresh.trainEpoch(blobs.x, Y, blobs.n)));
  keep.dispose();
  fresh.dispose();
});

test('divergence is reported as a non-finite loss and the weights stay finite', () => {
  const plane = nn.makeDataset('plane', { n: 100, seed: 1 });
  const y = nn.encodeTargets(plane, 1, 'linear');
  const net = nn.createNetwork({ layers: [{ units: 8, activation: 'relu' }, { units: 1 }], optimizer: { type: 'sgd', learningRate: 10 } });
  let loss = 0;
  for (let e = 0; e < 100 && Number.isFinite(loss); e++) loss = net.trainEpoch(plane.x, y, plane.n);
  assert.ok(!Number.isFinite(loss), 'sgd at lr 10 diverges');
  const w = net.getWeights(0);
  assert.ok(!Number.isFinite(net.trainBatch(plane.x, y, plane.n)));
  assert.deepEqual(net.getWeights(0), w);
  net.dispose();
});

test('trace: the per-layer Z, A, dZ, dW, db are what forward and backward compute', () => {
  const net = nn.createNetwork({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 3, activation: 'softmax' }], seed: 3 });
  const x = blobs.x.subarray(0, 20), y = Y.subarray(0, 30), n = 10;
  const t = net.trace(x, y, n);
  const g = net.gradients(x, y, n);
  assert.equal(t.loss, g.loss);
  assert.equal(t.n, 10);
  assert.deepEqual(t.layers.map((l) => [l.units, l.fanIn, l.activation]), [[4, 2, 'tanh'], [3, 4, 'softmax']]);
  t.layers.forEach((l, k) => {
    assert.deepEqual(l.dW, g.weights[k]);
    assert.deepEqual(l.db, g.biases[k]);
    assert.deepEqual(l.W, net.getWeights(k));
    assert.equal(l.Z.length, n * l.units);
  });
  // Z[0] = W A_prev + b and A[0] = tanh(Z[0]), recomputed in JS for every sample.
  const [L0, L1] = t.layers;
  for (let j = 0; j < n; j++) {
    for (let r = 0; r < 4; r++) {
      const z = L0.W[2 * r] * x[2 * j] + L0.W[2 * r + 1] * x[2 * j + 1] + L0.b[r];
      assert.ok(Math.abs(L0.Z[4 * j + r] - z) < 1e-5);
      assert.ok(Math.abs(L0.A[4 * j + r] - Math.tanh(L0.Z[4 * j + r])) < 1e-6);
    }
  }
  assert.deepEqual(L1.A, net.predict(x, n));
  // dZ[L] = A − Y for softmax + categorical cross-entropy.
  L1.dZ.forEach((v, i) => assert.ok(Math.abs(v - (L1.A[i] - y[i])) < 1e-6));
  // dW[0] = dZ[0]ᵀ·X / n, recomputed from the traced dZ.
  for (let r = 0; r < 4; r++) for (let c = 0; c < 2; c++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += L0.dZ[4 * j + r] * x[2 * j + c];
    assert.ok(Math.abs(L0.dW[2 * r + c] - s / n) < 1e-6);
  }
  // dA[0] = W[1]ᵀ·dZ[1] and dZ[0] = dA[0] ⊙ tanh'(Z[0]); the fused output layer has no dA.
  assert.equal(L1.dA, null);
  for (let j = 0; j < n; j++) for (let c = 0; c < 4; c++) {
    let s = 0;
    for (let r = 0; r < 3; r++) s += L1.W[4 * r + c] * L1.dZ[3 * j + r];
    assert.ok(Math.abs(L0.dA[4 * j + c] - s) < 1e-6);
    assert.ok(Math.abs(L0.dZ[4 * j + c] - L0.dA[4 * j + c] * (1 - L0.A[4 * j + c] ** 2)) < 1e-6);
  }
  net.dispose();
});

test('trace: an unfused output layer has dA = the loss derivative, and dZ = dA ⊙ f\'(Z)', () => {
  const net = nn.createNetwork({ inputs: 2, layers: [{ units: 3, activation: 'relu' }, { units: 1, activation: 'sigmoid' }], loss: 'mse', seed: 3 });
  const x = blobs.x.subarray(0, 16), n = 8, y = Float32Array.from({ length: n }, (_, j) => j % 2);
  const [, out] = net.trace(x, y, n).layers;
  // mse over one output: column j is the derivative of sample j's loss ℓ_j = (a − y)² (the mean
  // over the batch is taken by dW = dZ·Aᵀ / n), so dA = 2 (a − y)
  out.dA.forEach((v, j) => assert.ok(Math.abs(v - 2 * (out.A[j] - y[j])) < 1e-6, `dA[${j}]`));
  out.dZ.forEach((v, j) => assert.ok(Math.abs(v - out.dA[j] * out.A[j] * (1 - out.A[j])) < 1e-6, `dZ[${j}]`));
  net.dispose();
});

test('gradientCheck: float backprop agrees with double central differences for every layer', () => {
  for (const activation of nn.activations.filter((a) => a !== 'softmax')) {
    const net = nn.createNetwork({ inputs: 2, layers: [{ units: 6, activation }, { units: 5, activation }, { units: 3, activation: 'softmax' }], seed: 2 });
    const checks = net.gradientCheck(blobs.x.subarray(0, 20), Y.subarray(0, 30), 10);
    assert.equal(checks.length, 3);
    for (const c of checks) assert.ok(c.weights < 1e-3 && c.biases < 1e-3, `${activation}: ${JSON.stringify(c)}`);
    assert.deepEqual(checks.map((c) => c.checked), [18, 35, 18]);
    net.dispose();
  }
  const wide = nn.createNetwork({ inputs: 2, layers: [{ units: 64, activation: 'relu' }, { units: 64, activation: 'relu' }, { units: 3, activation: 'softmax' }] });
  assert.deepEqual(wide.gradientCheck(blobs.x.subarray(0, 20), Y.subarray(0, 30), 10, { maxPerLayer: 16 }).map((c) => c.checked), [32, 32, 19]);
  throwsMessage(() => wide.gradientCheck(blobs.x, Y, blobs.n, { maxPerLayer: 0 }), /^maxPerLayer: must be an integer from 1 to \d+/);
  wide.dispose();
});

test('forwardLayers: every layer\'s activations for a batch; the last is predict', () => {
  const net = nn.createNetwork({ inputs: 2, layers: [{ units: 5, activation: 'relu' }, { units: 4, activation: 'tanh' }, { units: 3, activation: 'softmax' }] });
  const layers = net.forwardLayers(blobs.x, blobs.n);
  assert.deepEqual(layers.map((a) => a.length), [5 * 90, 4 * 90, 3 * 90]);
  assert.ok(layers[0].every((v) => v >= 0));
  assert.ok(layers[1].every((v) => v > -1 && v < 1));
  assert.deepEqual(layers[2], net.predict(blobs.x, blobs.n));
  throwsMessage(() => net.forwardLayers(blobs.x, 0), /^n: must be an integer from 1 to \d+/);
  throwsMessage(() => net.forwardLayers([1], 1), /^x: expected n × inputs = 1 × 2 = 2 values \(got 1\)/);
  net.dispose();
});
