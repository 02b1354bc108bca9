// robustness.test.mjs — nothing an embedder does can kill the module, leak it or poison a network
// (issue 10, each case as it was reported): errors come back as NNErrors with a field and leave the
// heap and the shadow stack exactly where they were (the heap counted in live allocations, which is
// exact: its bytes include the allocator's history-dependent rounding, see heapAllocations in
// wasm/bindings.cpp); parsers reject beyond their stated limits;
// no call that returns normally leaves a non-finite parameter; integers are range-checked before
// they reach C++; the data helpers take any number of inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn, throwsMessage } from './load.mjs';

const xor = nn.makeDataset('xor', { n: 40, seed: 3 });
const yXor = nn.encodeTargets(xor, 1, 'sigmoid');
const small = (extra = {}) => nn.createNetwork({
  layers: [{ units: 6, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: 5, ...extra,
});
const weightsOf = (net) => Array.from({ length: net.layerCount }, (_, l) => [net.getWeights(l), net.getBiases(l)]);
const allFinite = (net) => weightsOf(net).every(([w, b]) => w.every(Number.isFinite) && b.every(Number.isFinite));

/** f() must throw an NNError with this field (and a message starting with it). */
function throwsField(f, field, re = null) {
  let error = null;
  try { f(); } catch (e) { error = e; }
  assert.ok(error instanceof Error, `expected an error for ${field}, got ${error === null ? 'no throw' : String(error)}`);
  assert.equal(error.name, 'NNError', `${error.name}: ${error.message}`);
  assert.equal(error.field, field, error.message);
  assert.ok(error.message.startsWith(field ? `${field}: ` : ''), error.message);
  if (re) assert.match(error.message, re);
  return error;
}

test('failed calls leave the heap and the shadow stack where they were (100,000 mixed failures)', () => {
  const count = Number(process.env.NN_FAILING_CALLS ?? 100_000);
  const nets = [small(), small({ optimizer: 'rmsprop' })];
  const nanX = new Float32Array([NaN, 0]);
  const nanW = new Float32Array(12).fill(NaN);
  const badDoc = JSON.stringify(nets[0]).replace('"version":1', '"version":2');
  const bigString = 'q'.repeat(124_000);
  const failures = [
    () => nets[0].predict(nanX, 1),                                   // core: x contains NaN
    () => nets[1].setWeights(0, nanW),                                // core: weights contains NaN
    () => nn.loadNetwork(badDoc),                                     // core: version, a 2 kB string argument
    () => nn.createNetwork({ layers: [{ units: 4, activation: 'swish' }] }),
    () => nets[1].trainBatch(xor.x, new Float32Array(xor.n).fill(Infinity), xor.n),
    () => nets[0].setOptimizer({ momentum: 1 }),
    () => nn.makeDataset('spiral', { n: 10, classes: 9 }),
  ];
  for (let i = 0; i < 200; i++) assert.throws(failures[i % failures.length]);  // warm-up
  const heap = nn.heapAllocations(), stack = nn.stackPointer();
  const before = nets.map((net) => JSON.stringify(net));
  for (let i = 0; i < count; i++) {
    const f = i % 1000 === 999 ? () => nn.loadNetwork(`{"format":"${bigString}"}`)  // a 124 kB string argument
      : failures[i % failures.length];
    try { f(); assert.fail('no throw'); } catch (e) { if (e.name !== 'NNError') throw e; }
  }
  const heapAfter = nn.heapAllocations(), stackAfter = nn.stackPointer();
  console.log(`# ${count} failing calls: live allocations ${heap} → ${heapAfter}, stack pointer ${stack} → ${stackAfter}`);
  assert.equal(heapAfter, heap, 'live allocations');
  assert.equal(stackAfter, stack, 'stack pointer');
  assert.deepEqual(nets.map((net) => JSON.stringify(net)), before, 'the networks are exactly as before');
  nets[0].trainEpoch(xor.x, yXor, xor.n);  // and still usable
  nets.forEach((net) => net.dispose());
});

test('errors carry their field as a property and quote at most ~100 characters of a value', () => {
  const net = small();
  throwsField(() => nn.createNetwork({ layers: [{ units: 0 }] }), 'layers[0].units');
  throwsField(() => nn.createNetwork({ layers: [{ units: 2 }], optimizer: { type: 'sgd', learningRate: -1 } }), 'optimizer.learningRate');
  throwsField(() => net.predict(new Float32Array([NaN, 1]), 1), 'x');
  throwsField(() => net.getWeights(7), 'layer');
  throwsField(() => nn.loadNetwork('{'), 'json');
  const huge = 'z'.repeat(5 * 2 ** 20);
  for (const f of [
    () => nn.loadNetwork(JSON.stringify({ format: 'y'.repeat(50 * 2 ** 20) })),  // as reported: a 50 MB field
    () => nn.createNetwork({ layers: [{ units: 2, activation: huge }] }),
    () => nn.createNetwork({ layers: [{ units: 2 }], [huge]: 1 }),
    () => nn.loadNetwork(JSON.stringify({ format: huge })),
    () => nn.makeDataset(huge),
    () => nn.createNetwork({ layers: [{ units: 2 }], loss: huge }),
  ]) {
    let error = null;
    try { f(); } catch (e) { error = e; }
    assert.ok(error?.name === 'NNError', String(error));
    assert.ok(error.message.length < 400, `a ${error.message.length}-character message`);
  }
  net.dispose();
});

test('documents beyond the stated depth and size are rejected, natively sized limits and all', () => {
  const { maxDocumentDepth, maxDocumentBytes } = nn.catalog.limits;
  assert.equal(maxDocumentDepth, 64);
  assert.equal(maxDocumentBytes, 256 * 2 ** 20);
  const net = small();
  const good = JSON.stringify(net);
  const heap = nn.heapAllocations(), stack = nn.stackPointer();
  for (const depth of [65, 10_000, 200_000]) {
    const deep = good.replace('{', `{"x":${'['.repeat(depth)}${']'.repeat(depth)},`);
    for (let attempt = 0; attempt < 20; attempt++) throwsField(() => nn.loadNetwork(deep), 'json', /nested deeper than 64 levels/);
  }
  // 64 levels of an unknown field are within the limit (and ignored, as unknown top-level fields are)
  const ok = good.replace('{', `{"x":${'['.repeat(63)}${']'.repeat(63)},`);
  nn.loadNetwork(ok).dispose();
  throwsField(() => nn.loadNetwork(' '.repeat(maxDocumentBytes + 1)), 'json', /the limit is 256 MiB/);
  assert.equal(nn.heapAllocations(), heap);
  assert.equal(nn.stackPointer(), stack);
  assert.equal(JSON.stringify(net), good);
  net.dispose();
});

test('a batch too large for memory fails cleanly and leaves the network usable and unchanged', () => {
  const net = nn.createNetwork({ layers: [{ units: 2048, activation: 'relu' }, { units: 2048, activation: 'relu' }, { units: 1 }] });
  const probe = new Float32Array([0.5, -1]);
  const n = 100_000;  // Z and A of 2048 × 100,000 floats per layer: more than a wasm heap holds
  const x = new Float32Array(2 * n).fill(0.25), y = new Float32Array(n);
  net.trainBatch(x.subarray(0, 20), y.subarray(0, 10), 10);  // the small workspaces, allocated once
  const expected = net.predict(probe, 1);
  const saved = JSON.stringify(net);
  const heap = nn.heapInUse(), allocations = nn.heapAllocations();
  throwsField(() => net.predict(x, n), '', /^out of memory/);
  throwsField(() => net.trainEpoch(x, y, n, { batchSize: n }), '', /^out of memory/);
  throwsField(() => net.trainBatch(x, y, n), '', /^out of memory/);
  assert.ok(nn.heapInUse() <= heap, `nothing of the failed batches is kept: ${heap} → ${nn.heapInUse()} bytes`);
  assert.deepEqual(net.predict(probe, 1), expected);
  assert.equal(JSON.stringify(net), saved, 'weights, optimizer state and steps as before');
  net.trainBatch(x.subarray(0, 20), y.subarray(0, 10), 10);
  assert.equal(net.steps, 2);
  net.predict(probe, 1);  // the same calls as before the failures: the same allocations, exactly
  assert.equal(nn.heapAllocations(), allocations, 'live allocations');
  net.dispose();
});

test('workspaces and trace() memory are released after a large batch', () => {
  const layers = Array.from({ length: 10 }, () => ({ units: 256, activation: 'tanh' }));
  const net = nn.createNetwork({ layers: [...layers, { units: 1 }] });
  const n = 5000;
  const x = new Float32Array(2 * n).map((_, i) => Math.sin(i)), y = new Float32Array(n);
  net.trainBatch(x.subarray(0, 20), y.subarray(0, 10), 10);  // small workspaces
  const heap = nn.heapInUse(), allocations = nn.heapAllocations();
  const t = net.trace(x, y, n);
  assert.equal(t.layers.length, 11);
  assert.equal(t.layers[3].Z.length, 256 * n);
  const slack = 2 ** 20;
  assert.ok(nn.heapInUse() <= heap + slack, `after trace: ${heap} → ${nn.heapInUse()} bytes`);
  net.predict(x, n);
  net.forwardLayers(x, n);
  net.evaluate(x, y, n);
  net.gradients(x, y, n);
  net.trainEpoch(x, y, n, { batchSize: n });
  assert.ok(nn.heapInUse() <= heap + slack, `after large batches: ${heap} → ${nn.heapInUse()} bytes`);
  net.trainBatch(x.subarray(0, 20), y.subarray(0, 10), 10);  // the small workspaces again, and nothing else
  assert.equal(nn.heapAllocations(), allocations, 'live allocations');
  net.dispose();
});

test('gradientCheck cost is bounded: n and maxPerLayer beyond the stated limits are rejected', () => {
  const net = small();
  const x = new Float32Array(2 * 1001), y = new Float32Array(1001);
  throwsField(() => net.gradientCheck(x, y, 1001), 'n', /from 1 to 1000/);
  throwsField(() => net.gradientCheck(x.subarray(0, 20), y.subarray(0, 10), 10, { maxPerLayer: 1025 }), 'maxPerLayer', /from 1 to 1024/);
  assert.equal(net.gradientCheck(x.subarray(0, 20), y.subarray(0, 10), 10).length, 2);
  net.dispose();
  // a million parameters: two forward passes per checked entry would be 8e10 multiply-adds
  const wide = nn.createNetwork({ layers: [{ units: 1024, activation: 'relu' }, { units: 1024, activation: 'relu' }, { units: 1 }] });
  const heap = nn.heapAllocations();
  throwsField(() => wide.gradientCheck(x.subarray(0, 200), y.subarray(0, 100), 100), 'maxPerLayer', /the limit is 2000000000/);
  assert.equal(nn.heapAllocations(), heap);
  assert.equal(nn.catalog.limits.maxCheckWork, 2e9);
  wide.dispose();
});

test('hyperparameters are checked in the precision they are used (float)', () => {
  for (const [extra, field] of [
    [{ optimizer: { type: 'sgd', learningRate: 1e39 } }, 'optimizer.learningRate'],
    [{ optimizer: { type: 'sgd', learningRate: 1e-50 } }, 'optimizer.learningRate'],
    [{ l1: 1e308 }, 'l1'],
    [{ l2: 1e39 }, 'l2'],
    [{ init: 'zeros', optimizer: { epsilon: 1e-50 } }, 'optimizer.epsilon'],
    [{ optimizer: { type: 'momentum', momentum: 0.999999999 } }, 'optimizer.momentum'],
    [{ optimizer: { beta2: 0.9999999999 } }, 'optimizer.beta2'],
  ]) throwsField(() => small(extra), field);
  const net = small();
  throwsField(() => net.setOptimizer({ learningRate: 1e39 }), 'optimizer.learningRate');
  throwsField(() => net.setOptimizer({ type: 'rmsprop', rho: 0.999999999 }), 'optimizer.rho');
  assert.equal(net.spec.optimizer.type, 'adam');
  net.dispose();
});

test('a step whose result would be non-finite is rolled back and reported as divergence', () => {
  for (const extra of [
    { l2: 1e30, optimizer: { type: 'sgd', learningRate: 1 } },
    { optimizer: { type: 'sgd', learningRate: 3e38 } },
    { optimizer: { type: 'momentum', learningRate: 1e38 } },
    { optimizer: { type: 'adam', learningRate: 3e38 } },
    { optimizer: { type: 'rmsprop', learningRate: 1e38 } },
  ]) {
    const net = small(extra);
    let diverged = false;
    for (let step = 0; step < 20 && !diverged; step++) {
      const before = JSON.stringify(net);
      const loss = net.trainBatch(xor.x, yXor, xor.n);
      assert.ok(allFinite(net), `a non-finite parameter after step ${step} of ${JSON.stringify(extra)}`);
      if (!Number.isFinite(loss)) {
        diverged = true;
        assert.equal(JSON.stringify(net), before, 'rolled back: weights, state and steps');
      }
    }
    assert.ok(diverged, `${JSON.stringify(extra)} is reported as divergence`);
    assert.ok(!Number.isFinite(net.trainEpoch(xor.x, yXor, xor.n)));
    assert.ok(allFinite(net));
    nn.loadNetwork(JSON.stringify(net)).dispose();  // its own save loads
    net.dispose();
  }
});

test('a loaded document meets the rules a created network meets', () => {
  const doc = (type, edit) => {
    const net = small({ optimizer: type });
    net.trainEpoch(xor.x, yXor, xor.n);
    const d = net.toJSON();
    net.dispose();
    edit(d);
    return JSON.stringify(d);
  };
  throwsField(() => nn.loadNetwork(doc('rmsprop', (d) => { d.optimizerState.slots[0].weights[0][0] = -1; })), 'optimizerState.slots[0]', /cannot be negative/);
  throwsField(() => nn.loadNetwork(doc('adam', (d) => { d.optimizerState.slots[1].biases[1][0] = -1; })), 'optimizerState.slots[1]', /cannot be negative/);
  nn.loadNetwork(doc('adam', (d) => { d.optimizerState.slots[0].weights[0][0] = -1; })).dispose();  // a first moment may be negative
  throwsField(() => nn.loadNetwork(doc('adam', (d) => { d.optimizerState.step = -1; })), 'optimizerState.step');
  throwsField(() => nn.loadNetwork(doc('adam', (d) => { d.optimizerState.step = 2 ** 53; })), 'optimizerState.step');
  throwsField(() => nn.loadNetwork(doc('adam', (d) => { d.spec.optimizer.learningRate = 1e39; })), 'spec.optimizer.learningRate');
  throwsField(() => nn.loadNetwork(doc('adam', (d) => { d.spec.loss = ''; })), 'spec.loss');
  // steps count in 64 bits: 2³¹ − 1 (where a 32-bit long wrapped) trains on, finite
  const net = nn.loadNetwork(doc('adam', (d) => { d.optimizerState.step = 2 ** 31 - 1; }));
  for (let i = 0; i < 3; i++) assert.ok(Number.isFinite(net.trainBatch(xor.x, yXor, xor.n)));
  assert.equal(net.steps, 2 ** 31 + 2);
  assert.ok(allFinite(net));
  assert.equal(net.toJSON().optimizerState.step, 2 ** 31 + 2);
  net.dispose();
});

test('integers are checked as safe integers in range before they reach C++', () => {
  const net = small();
  throwsField(() => net.trainEpoch(xor.x, yXor, xor.n, { batchSize: 2 ** 32 + 1 }), 'batchSize', /from 1 to 2147483647 \(got 4294967297\)/);
  throwsField(() => net.trainEpoch(xor.x, yXor, xor.n, { batchSize: 2 ** 31 }), 'batchSize', /got 2147483648/);
  throwsField(() => net.trainEpoch(xor.x, yXor, xor.n, { shuffle: 'no' }), 'shuffle');
  throwsField(() => net.getWeights(2 ** 32), 'layer');
  throwsField(() => net.predict(new Float32Array(2), 2 ** 32 + 1), 'n');
  throwsField(() => nn.makeDataset('circle', { seed: -1 }), 'seed');
  throwsField(() => nn.makeDataset('circle', { seed: 2 ** 53 }), 'seed');
  throwsField(() => nn.makeDataset('circle', { n: 2 ** 32 + 10 }), 'n');
  throwsField(() => nn.makeDataset('spiral', { classes: 2 ** 32 + 3 }), 'classes');
  throwsField(() => nn.createNetwork({ layers: [{ units: 2 ** 32 + 1 }] }), 'layers[0].units');
  for (const seed of [NaN, -1, 'abc', 1.5, 2 ** 53]) throwsField(() => nn.splitDataset(xor, 0.5, seed), 'seed');
  throwsField(() => nn.createNetwork({ layers: [{ units: 1 }], loss: '' }), 'loss');
  throwsField(() => nn.createNetwork({ layers: [{ units: 1 }], seed: 2 ** 60 }), 'seed', /from 0 to 2\^53 − 1/);
  const max = nn.createNetwork({ layers: [{ units: 1 }], seed: Number.MAX_SAFE_INTEGER });
  nn.createNetwork(max.spec).dispose();  // a saved spec reads back
  max.dispose();
  net.dispose();
});

test('splitDataset and encodeTargets work for any number of inputs and check what they read', () => {
  const n = 50, inputs = 4;
  const data = {
    n, classes: 3, x: Float32Array.from({ length: n * inputs }, (_, i) => i),  // row j holds 4j..4j+3
    labels: Int32Array.from({ length: n }, (_, j) => j % 3),
  };
  const { train, test: held } = nn.splitDataset(data, 0.2, 7);
  assert.equal(held.n, 10);
  assert.equal(train.n + held.n, n);
  const seen = new Set();
  for (const part of [train, held]) {
    assert.equal(part.x.length, part.n * inputs);
    for (let j = 0; j < part.n; j++) {
      const row = part.x[j * inputs] / inputs;
      assert.deepEqual([...part.x.subarray(j * inputs, (j + 1) * inputs)], [0, 1, 2, 3].map((k) => row * inputs + k), 'a row kept whole');
      assert.equal(part.labels[j], row % 3, 'its label beside it');
      seen.add(row);
    }
  }
  assert.equal(seen.size, n);
  const y = nn.encodeTargets(train, 3, 'softmax');
  assert.equal(y.length, train.n * 3);
  throwsField(() => nn.splitDataset({ ...data, n: 300 }, 0.2), 'data.x');  // n > rows: not NaN rows
  throwsField(() => nn.splitDataset({ ...data, labels: data.labels.subarray(1) }, 0.2), 'data.labels');
  throwsField(() => nn.encodeTargets({ ...data, classes: undefined }, 3, 'softmax'), 'data.classes');
  throwsField(() => nn.encodeTargets({ ...data, classes: '3' }, 3, 'softmax'), 'data.classes');
  throwsField(() => nn.encodeTargets({ ...data, labels: [0, 1.5, ...data.labels.subarray(2)] }, 3, 'softmax'), 'data.labels[1]');
  throwsField(() => nn.encodeTargets(xor, 1, 'bogus'), 'outputActivation', /unknown activation 'bogus'/);
  assert.deepEqual([...nn.encodeTargets({ n: 2, classes: 2, x: [0, 0], labels: [0, 1] }, 1, 'tanh')], [-1, 1]);
  assert.deepEqual([...nn.encodeTargets({ n: 2, classes: 2, x: [0, 0], labels: [0, 1] }, 1, 'sigmoid')], [0, 1]);
  throwsField(() => nn.encodeTargets({ n: 1, x: [0, 0], targets: [1e39] }, 1, 'linear'), 'data.targets[0]');
});

test('every misuse of a Network throws an NNError and the network keeps working', () => {
  const net = small();
  const expected = net.predict(xor.x, xor.n);
  throwsMessage(() => net.setWeights(0, 'abc'), /^weights: must be a Float32Array/);
  throwsMessage(() => net.setWeights(0, new BigInt64Array(12)), /^weights: must be a Float32Array/);
  throwsMessage(() => net.setOptimizer([1, 2]), /^optimizer: must be a name or an object/);
  const cyclic = { type: 'sgd' };
  cyclic.self = cyclic;
  throwsField(() => net.setOptimizer(cyclic), 'optimizer', /cannot be written as JSON/);
  throwsField(() => nn.createNetwork({ layers: [{ units: 1 }], seed: 10n }), 'spec');
  throwsField(() => nn.createNetwork({ toJSON() {} }), 'spec', /cannot be written as JSON/);
  throwsField(() => net.setOptimizer({ toJSON() {} }), 'optimizer', /cannot be written as JSON/);
  throwsField(() => net.trainEpoch(xor.x, yXor, xor.n, 'fast'), 'options');
  assert.ok(Number.isFinite(net.trainEpoch(xor.x, yXor, xor.n, null)));  // null options: the defaults
  nn.makeDataset('xor', null);
  const like = { length: 2, 0: 0.5, 1: -0.5 };  // array-likes are arrays of numbers (nn.d.ts: Floats)
  assert.equal(net.predict(like, 1).length, 1);
  net.dispose();
  throwsField(() => net.predict(xor.x, xor.n), 'network', /disposed/);
});

test('a JS exception while results are copied out leaves the module intact', () => {
  // Results are copied into JS after the wasm call has returned (wasm/bindings.cpp's outbox): a
  // failed JS allocation there unwinds no wasm frame, so the stack and heap stay where they were.
  const net = small();
  net.predict(xor.x, xor.n);  // the same calls as below, once: the same workspaces at the end
  net.trace(xor.x, yXor, xor.n);
  nn.makeDataset('xor');
  const heap = nn.heapAllocations(), stack = nn.stackPointer();
  const slice = Float32Array.prototype.slice;
  Float32Array.prototype.slice = () => { throw new RangeError('Array buffer allocation failed'); };
  try {
    for (let i = 0; i < 1000; i++) {
      assert.throws(() => net.predict(xor.x, xor.n), RangeError);
      assert.throws(() => net.trace(xor.x, yXor, xor.n), RangeError);
      assert.throws(() => nn.makeDataset('xor'), RangeError);
    }
  } finally {
    Float32Array.prototype.slice = slice;
  }
  assert.equal(nn.stackPointer(), stack);
  assert.equal(nn.heapAllocations(), heap);
  assert.equal(net.predict(xor.x, xor.n).length, xor.n);
  net.dispose();
});
