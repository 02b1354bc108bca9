// fit.test.mjs — net.fit(x, y, n, options) as an embedder uses it: Keras's History (shapes and
// values: the loss is trainEpoch's, bit for bit), the validation split (the last samples), early
// stopping at the epoch Keras's rule gives and restoreBest putting the best epoch's weights back,
// callbacks (counts, async, throwing), AbortSignal, divergence, every bad option (an NNError naming
// it, the network unchanged), one fit at a time, dispose during fit, the wasm heap after fit and
// after a rejection, and the "done when": real Iris (4 features) and Wine (13 features)
// learned through fit with validationSplit + earlyStopping + standardize.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { nn } from './load.mjs';

const blobs = nn.makeDataset('blobs', { n: 120, classes: 3, noise: 0.4, seed: 3 });
const yBlobs = nn.encodeTargets(blobs, 3, 'softmax');
const spec = (more = {}) => ({ layers: [{ units: 8, activation: 'tanh' }, { units: 3, activation: 'softmax' }], optimizer: { type: 'adam', learningRate: 0.02 }, seed: 5, ...more });
const rowsOf = (a, from, to, width) => a.slice(from * width, to * width);

async function rejects(promise, check, note = '') {
  let error = null;
  try { await promise; } catch (e) { error = e; }
  assert.ok(error !== null, `expected a rejection ${note}`);
  check(error);
  return error;
}
const nnError = (field) => (e) => {
  assert.equal(e.name, 'NNError', e.message);
  assert.equal(e.field, field, e.message);
  assert.ok(e.message.startsWith(`${field}: `), e.message);
};

// The documented EarlyStopping rule (Keras 3), written again from its description: the stop epoch
// for a series of monitored values, or null.
function kerasStop(values, { patience = 0, minDelta = 0, mode = 'min' }) {
  let best = null, wait = 0, bestEpoch = null;
  for (let epoch = 0; epoch < values.length; epoch++) {
    const v = values[epoch];
    wait += 1;
    const better = best === null || (mode === 'min' ? v + minDelta < best : v - minDelta > best);
    if (better) { best = v; bestEpoch = epoch; wait = 0; continue; }
    if (wait >= patience && epoch > 0) return { stop: epoch, bestEpoch };
  }
  return { stop: null, bestEpoch };
}

test('one epoch, no validation, no callbacks: exactly trainEpoch (loss and weights); History shapes', async () => {
  const net = nn.createNetwork(spec());
  const twin = net.clone();
  const h = await net.fit(blobs.x, yBlobs, blobs.n, { batchSize: 16 });
  const loss = twin.trainEpoch(blobs.x, yBlobs, blobs.n, { batchSize: 16 });
  assert.deepEqual(Object.keys(h), ['history', 'epoch', 'params', 'stopReason']);
  assert.deepEqual(Object.keys(h.history), ['loss', 'accuracy']);  // categorical cross-entropy: a classification loss
  assert.equal(h.history.loss[0], loss);
  assert.deepEqual(h.epoch, [0]);
  assert.deepEqual(h.params, { epochs: 1, batchSize: 16, steps: 8, samples: 120 });
  assert.equal(h.stopReason, 'completed');
  assert.equal(JSON.stringify(net), JSON.stringify(twin), 'weights, optimizer state, steps and shuffle state');
  // Several epochs, defaults (batchSize 32, shuffle): trainEpoch after trainEpoch.
  const h3 = await net.fit(blobs.x, yBlobs, blobs.n, { epochs: 3 });
  const losses = [0, 1, 2].map(() => twin.trainEpoch(blobs.x, yBlobs, blobs.n, { batchSize: 32 }));
  assert.deepEqual(h3.history.loss, losses);
  assert.deepEqual(h3.epoch, [0, 1, 2]);
  assert.equal(h3.params.steps, 4);
  assert.equal(JSON.stringify(net), JSON.stringify(twin));
  // shuffle: false is trainEpoch's unshuffled epoch.
  const h4 = await net.fit(blobs.x, yBlobs, blobs.n, { shuffle: false, batchSize: 50 });
  assert.deepEqual(h4.history.loss, [twin.trainEpoch(blobs.x, yBlobs, blobs.n, { batchSize: 50, shuffle: false })]);
  assert.equal(JSON.stringify(net), JSON.stringify(twin));
  net.dispose();
  twin.dispose();
});

test('accuracy: Keras running accuracy, each batch judged (as evaluate judges) before its step', async () => {
  const net = nn.createNetwork(spec());
  const byHand = net.clone();
  const h = await net.fit(blobs.x, yBlobs, blobs.n, { shuffle: false, batchSize: 25 });
  let correct = 0;
  for (let start = 0; start < blobs.n; start += 25) {
    const end = Math.min(blobs.n, start + 25);
    const xb = rowsOf(blobs.x, start, end, 2), yb = rowsOf(yBlobs, start, end, 3);
    correct += Math.round(byHand.evaluate(xb, yb, end - start).accuracy * (end - start));
    byHand.trainBatch(xb, yb, end - start);
  }
  assert.equal(h.history.accuracy[0], correct / blobs.n);
  // metrics: [] turns it off; a regression loss has none by default (the catalog's flag), and may ask.
  const none = await net.fit(blobs.x, yBlobs, blobs.n, { metrics: [] });
  assert.deepEqual(Object.keys(none.history), ['loss']);
  const reg = nn.createNetwork({ layers: [{ units: 4, activation: 'tanh' }, { units: 1 }] });
  const yReg = Float32Array.from(blobs.labels, (l) => l / 2);
  assert.deepEqual(Object.keys((await reg.fit(blobs.x, yReg, blobs.n)).history), ['loss']);
  assert.deepEqual(Object.keys((await reg.fit(blobs.x, yReg, blobs.n, { metrics: ['accuracy'] })).history), ['loss', 'accuracy']);
  [net, byHand, reg].forEach((m) => m.dispose());
});

test('validationSplit: the last samples, before shuffling, evaluated after each epoch; validationData likewise', async () => {
  const net = nn.createNetwork(spec());
  const twin = net.clone();
  const h = await net.fit(blobs.x, yBlobs, blobs.n, { epochs: 2, batchSize: 10, validationSplit: 0.25 });
  assert.deepEqual(Object.keys(h.history), ['loss', 'accuracy', 'val_loss', 'val_accuracy']);
  assert.equal(h.params.samples, 90);  // floor(120 · 0.75)
  const trainX = rowsOf(blobs.x, 0, 90, 2), trainY = rowsOf(yBlobs, 0, 90, 3);
  const valX = rowsOf(blobs.x, 90, 120, 2), valY = rowsOf(yBlobs, 90, 120, 3);
  for (let e = 0; e < 2; e++) {
    assert.equal(h.history.loss[e], twin.trainEpoch(trainX, trainY, 90, { batchSize: 10 }));
    const v = twin.evaluate(valX, valY, 30);
    assert.equal(h.history.val_loss[e], v.loss);
    assert.equal(h.history.val_accuracy[e], v.accuracy);
  }
  const hd = await net.fit(trainX, trainY, 90, { validationData: { x: valX, y: valY, n: 30 }, batchSize: 10 });
  assert.equal(hd.history.loss[0], twin.trainEpoch(trainX, trainY, 90, { batchSize: 10 }));
  assert.equal(hd.history.val_loss[0], twin.evaluate(valX, valY, 30).loss);
  assert.equal(JSON.stringify(net), JSON.stringify(twin));
  net.dispose();
  twin.dispose();
});

test('early stopping: stops at the epoch Keras stops at; restoreBest puts the best epoch back', async () => {
  // Validation labels are the training labels rotated: the better the network learns the training
  // labels, the worse val_loss gets, so epoch 0 is the best and patience 2 stops at epoch 2.
  const wrong = Float32Array.from({ length: yBlobs.length }, (_, i) => yBlobs[i - (i % 3) + ((i + 1) % 3)]);
  const net = nn.createNetwork(spec());
  const saved = [];
  const h = await net.fit(blobs.x, yBlobs, blobs.n, {
    epochs: 50, batchSize: 10, validationData: { x: blobs.x, y: wrong, n: blobs.n },
    earlyStopping: { patience: 2, restoreBest: true },
    onEpochEnd: (epoch) => { saved[epoch] = [net.getWeights(0), net.getBiases(0), net.getWeights(1), net.getBiases(1)]; },
  });
  assert.equal(h.stopReason, 'earlyStopping');
  assert.deepEqual(h.epoch, [0, 1, 2]);
  assert.equal(h.bestEpoch, 0);
  assert.ok(h.history.val_loss[1] > h.history.val_loss[0] && h.history.val_loss[2] > h.history.val_loss[0]);
  assert.equal(net.steps, 3 * 12, 'trained three epochs');
  assert.deepEqual([net.getWeights(0), net.getBiases(0), net.getWeights(1), net.getBiases(1)], saved[0], 'the best epoch\'s weights are back');

  // Against the rule written out above, on a run that improves and then stalls: monitor loss with a
  // minDelta, and accuracy (mode max), on a clone trained without early stopping.
  for (const es of [{ monitor: 'loss', minDelta: 0.02, patience: 1 }, { monitor: 'accuracy', patience: 3 }, { monitor: 'val_loss', patience: 0, minDelta: 0.001 }]) {
    const a = nn.createNetwork(spec({ seed: 9 }));
    const b = a.clone();
    const options = { epochs: 40, batchSize: 20, validationSplit: 0.2 };
    const full = await a.fit(blobs.x, yBlobs, blobs.n, options);
    const expected = kerasStop(full.history[es.monitor], { ...es, mode: es.monitor.endsWith('accuracy') ? 'max' : 'min' });
    assert.notEqual(expected.stop, null, `the case stops (${es.monitor})`);
    const stopped = await b.fit(blobs.x, yBlobs, blobs.n, { ...options, earlyStopping: es });
    assert.equal(stopped.stopReason, 'earlyStopping');
    assert.equal(stopped.epoch.length, expected.stop + 1, es.monitor);
    assert.equal(stopped.bestEpoch, expected.bestEpoch);
    assert.deepEqual(stopped.history.loss, full.history.loss.slice(0, expected.stop + 1));
    // Without restoreBest the weights are the last epoch's.
    a.dispose();
    b.dispose();
  }
  // No stop within the epochs: completed, bestEpoch still reported.
  const c = nn.createNetwork(spec());
  const done = await c.fit(blobs.x, yBlobs, blobs.n, { epochs: 2, earlyStopping: { patience: 5 } });
  assert.equal(done.stopReason, 'completed');
  assert.equal(typeof done.bestEpoch, 'number');
  const none = await c.fit(blobs.x, yBlobs, blobs.n, { epochs: 0, earlyStopping: {} });  // no epoch: no best one
  assert.deepEqual(none, { history: { loss: [], accuracy: [] }, epoch: [], params: { epochs: 0, batchSize: 32, steps: 4, samples: 120 }, stopReason: 'completed' });
  net.dispose();
  c.dispose();
});

test('callbacks: onBatchEnd ceil(n/batchSize)·epochs times with running logs; async callbacks are awaited', async () => {
  const net = nn.createNetwork(spec());
  const batches = [], epochs = [];
  let pending = 0;
  const h = await net.fit(blobs.x, yBlobs, blobs.n, {
    epochs: 3, batchSize: 50,
    onBatchEnd: async (batch, logs) => {
      pending++;
      await new Promise((r) => setTimeout(r, 0));
      pending--;
      batches.push([batch, Object.keys(logs)]);
    },
    onEpochEnd: (epoch, logs) => { assert.equal(pending, 0); epochs.push([epoch, logs]); },
  });
  assert.equal(batches.length, Math.ceil(120 / 50) * 3);
  assert.deepEqual(batches.map(([b]) => b), [0, 1, 2, 0, 1, 2, 0, 1, 2]);
  assert.deepEqual(batches[0][1], ['loss', 'accuracy']);
  assert.deepEqual(epochs.map(([e]) => e), [0, 1, 2]);
  epochs.forEach(([e, logs]) => assert.deepEqual(logs, { loss: h.history.loss[e], accuracy: h.history.accuracy[e] }));
  net.dispose();
});

test('a throwing callback rejects fit with its error; the lock and the heap are released', async () => {
  const net = nn.createNetwork(spec());
  await net.fit(blobs.x, yBlobs, blobs.n);  // warm-up
  const heap = nn.heapInUse();
  const boom = new Error('boom');
  assert.equal(await rejects(net.fit(blobs.x, yBlobs, blobs.n, { epochs: 5, onEpochEnd: (e) => { if (e === 1) throw boom; } }), () => {}), boom);
  assert.equal(net.steps, 1 * 4 + 2 * 4, 'the network keeps what it learned');
  const later = new Error('later');
  assert.equal(await rejects(net.fit(blobs.x, yBlobs, blobs.n, { onBatchEnd: async (b) => { if (b === 2) throw later; } }), () => {}), later);
  assert.equal(nn.heapInUse(), heap, 'heap in use after rejections');
  await net.fit(blobs.x, yBlobs, blobs.n);  // and fit again
  assert.equal(nn.heapInUse(), heap, 'heap in use after fit');
  net.dispose();
});

test('AbortSignal: fit rejects with signal.reason, between batches; before it starts nothing changes', async () => {
  const net = nn.createNetwork(spec());
  const before = JSON.stringify(net);
  const heap = nn.heapInUse();
  const early = new AbortController();
  early.abort(new Error('not now'));
  assert.equal((await rejects(net.fit(blobs.x, yBlobs, blobs.n, { signal: early.signal, standardize: true }), () => {})).message, 'not now');
  assert.equal(JSON.stringify(net), before);
  assert.equal(net.standardizer, null);

  const controller = new AbortController();
  const e = await rejects(net.fit(blobs.x, yBlobs, blobs.n, {
    epochs: 10, batchSize: 10, signal: controller.signal, onBatchEnd: (b) => { if (b === 4) controller.abort(); },
  }), () => {});
  assert.equal(e, controller.signal.reason);
  assert.equal(e.name, 'AbortError');
  assert.equal(net.steps, 5, 'five batches learned, then stopped');
  // From outside: an abort queued on the event loop lands because fit yields to it.
  const outside = new AbortController();
  setTimeout(() => outside.abort('stop'), 0);
  assert.equal(await rejects(net.fit(blobs.x, yBlobs, blobs.n, { epochs: 1e6, batchSize: 1, signal: outside.signal }), () => {}), 'stop');
  assert.equal(nn.heapInUse(), heap);
  net.dispose();
});

test('divergence stops fit and is reported; the weights stay finite', async () => {
  const plane = nn.makeDataset('plane', { n: 100, seed: 1 });
  const y = nn.encodeTargets(plane, 1, 'linear');
  const net = nn.createNetwork({ layers: [{ units: 8, activation: 'relu' }, { units: 1 }], loss: 'mse', optimizer: { type: 'sgd', learningRate: 10 } });
  const seen = [];
  const h = await net.fit(plane.x, y, plane.n, { epochs: 200, batchSize: 10, onEpochEnd: (e, logs) => seen.push(logs.loss) });
  assert.equal(h.stopReason, 'diverged');
  assert.ok(h.epoch.length < 200);
  assert.equal(Number.isFinite(h.history.loss.at(-1)), false);
  assert.ok(h.history.loss.slice(0, -1).every(Number.isFinite));
  assert.deepEqual(seen, h.history.loss, 'onEpochEnd saw the diverged epoch');
  for (let l = 0; l < 2; l++) assert.ok(net.getWeights(l).every(Number.isFinite));
  net.dispose();
});

test('every bad option is an NNError naming it; the network is unchanged', async () => {
  const net = nn.createNetwork(spec());
  const before = JSON.stringify(net);
  const heap = nn.heapInUse();
  const { x, n } = blobs, y = yBlobs;
  const cases = [
    [[x, y, 0], 'n'], [[x, y, 1.5], 'n'], [[x.slice(1), y, n], 'x'], [[x, y.slice(3), n], 'y'], [[x, y, n, 7], 'options'],
    [[x, y, n, { epoch: 3 }], 'options.epoch'], [[x, y, n, { epochs: -1 }], 'options.epochs'], [[x, y, n, { epochs: 2.5 }], 'options.epochs'],
    [[x, y, n, { batchSize: 0 }], 'options.batchSize'], [[x, y, n, { batchSize: '8' }], 'options.batchSize'],
    [[x, y, n, { shuffle: 1 }], 'options.shuffle'], [[x, y, n, { standardize: 'yes' }], 'options.standardize'],
    [[x, y, n, { validationSplit: 1 }], 'options.validationSplit'], [[x, y, n, { validationSplit: -0.1 }], 'options.validationSplit'],
    [[x, y, n, { validationSplit: NaN }], 'options.validationSplit'], [[x, y, n, { validationSplit: 0.999 }], 'options.validationSplit'],
    [[x, y, n, { validationSplit: 0.2, validationData: { x, y, n } }], 'options.validationData'],
    [[x, y, n, { validationData: [x, y] }], 'options.validationData'], [[x, y, n, { validationData: { x, y, n, w: 1 } }], 'options.validationData.w'],
    [[x, y, n, { validationData: { x, y: y.slice(1), n } }], 'options.validationData.y'],
    [[x, y, n, { validationData: { x: Float32Array.from(x).fill(NaN, 4, 5), y, n } }], 'options.validationData.x'],
    [[x, y, n, { metrics: 'accuracy' }], 'options.metrics'], [[x, y, n, { metrics: ['mse'] }], 'options.metrics[0]'],
    [[x, y, n, { metrics: ['accuracy', 'accuracy'] }], 'options.metrics[1]'],
    [[x, y, n, { onEpochEnd: 'log' }], 'options.onEpochEnd'], [[x, y, n, { onBatchEnd: {} }], 'options.onBatchEnd'],
    [[x, y, n, { signal: {} }], 'options.signal'], [[x, y, n, { earlyStopping: true }], 'options.earlyStopping'],
    [[x, y, n, { earlyStopping: { patience: -1 } }], 'options.earlyStopping.patience'],
    [[x, y, n, { earlyStopping: { minDelta: -0.1 } }], 'options.earlyStopping.minDelta'],
    [[x, y, n, { earlyStopping: { restoreBest: 1 } }], 'options.earlyStopping.restoreBest'],
    [[x, y, n, { earlyStopping: { monitor: 'val_loss' } }], 'options.earlyStopping.monitor'],
    [[x, y, n, { earlyStopping: { monitor: 'accuracy' }, metrics: [] }], 'options.earlyStopping.monitor'],
    [[x, y, n, { earlyStopping: { monitor: 'mae' } }], 'options.earlyStopping.monitor'],
    [[x, y, n, { earlyStopping: { wait: 3 } }], 'options.earlyStopping.wait'],
    [[Float32Array.from(x).fill(Infinity, 10, 11), y, n, { standardize: true }], 'x'],
  ];
  for (const [args, field] of cases) {
    await rejects(net.fit(...args), nnError(field), field);
    assert.equal(JSON.stringify(net), before, field);
    assert.equal(net.standardizer, null, field);
  }
  assert.match((await rejects(net.fit(x, y, n, { earlyStopping: { monitor: 'val_loss' } }), () => {})).message, /no validation data/);
  assert.equal(nn.heapInUse(), heap);
  net.dispose();
});

test('one fit at a time; setStandardizer waits; dispose during fit rejects and frees everything', async () => {
  const heap = nn.heapInUse();
  const net = nn.createNetwork(spec());
  const first = net.fit(blobs.x, yBlobs, blobs.n, {
    epochs: 2, onEpochEnd: () => assert.throws(() => net.setStandardizer(null), (e) => e.field === 'standardizer'),
  });
  await rejects(net.fit(blobs.x, yBlobs, blobs.n), nnError('network'));
  assert.equal((await first).epoch.length, 2);
  await net.fit(blobs.x, yBlobs, blobs.n);  // the lock was released

  const gone = net.fit(blobs.x, yBlobs, blobs.n, { epochs: 5, onEpochEnd: (e) => { if (e === 1) net.dispose(); } });
  await rejects(gone, nnError('network'));
  assert.equal(nn.heapInUse(), heap, 'the network, its run and the copies of x and y are all freed');
});

test('standardize: fitted on the training part, set on the network, used for validation and later calls', async () => {
  // Inputs far from standard: blobs scaled and shifted.
  const x = Float32Array.from(blobs.x, (v, i) => (i % 2 ? 0.01 * v - 40 : 300 * v + 1000));
  const net = nn.createNetwork(spec());
  const twin = net.clone();
  const h = await net.fit(x, yBlobs, blobs.n, { epochs: 3, validationSplit: 0.25, standardize: true, batchSize: 10 });
  const train = { n: 90, x: x.slice(0, 180), labels: blobs.labels.slice(0, 90), classes: 3 };
  const s = nn.fitStandardizer(train);
  assert.deepEqual(net.standardizer, s);
  // The same as a plain network trained on standardized data.
  const xs = nn.standardize({ n: 120, x, labels: blobs.labels, classes: 3 }, s).x;
  for (let e = 0; e < 3; e++) {
    assert.equal(h.history.loss[e], twin.trainEpoch(xs.slice(0, 180), yBlobs.slice(0, 270), 90, { batchSize: 10 }));
    assert.equal(h.history.val_loss[e], twin.evaluate(xs.slice(180), yBlobs.slice(270), 30).loss);
  }
  assert.deepEqual(net.predict(x, 120), twin.predict(xs, 120));
  assert.ok(h.history.accuracy.at(-1) > 0.8);
  net.dispose();
  twin.dispose();
});

// --- the "done when": real data (tests/fixtures/README.md) ------------------------------

function sklearnCSV(file) {
  const [head, ...lines] = readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8').trim().split('\n');
  const [n, inputs] = head.split(',').map(Number);
  const x = new Float32Array(n * inputs), labels = new Int32Array(n);
  lines.forEach((line, j) => {
    const v = line.split(',').map(Number);
    x.set(v.slice(0, inputs), j * inputs);
    labels[j] = v[inputs];
  });
  assert.equal(lines.length, n);
  return { n, x, labels, classes: 3, inputs };
}

for (const [file, inputs, bar] of [['iris.csv', 4, 0.9], ['wine_data.csv', 13, 0.9]]) {
  test(`${file}: a ${inputs}-feature, 3-class task learned through fit (validationSplit, earlyStopping, standardize)`, async () => {
    const data = sklearnCSV(file);
    assert.equal(data.inputs, inputs);
    const { train, test: held } = nn.splitDataset(data, 0.3, 11);  // seeded shuffle: classes mixed before the validation split
    const net = nn.createNetwork({ inputs, layers: [{ units: 16, activation: 'tanh' }, { units: 3, activation: 'softmax' }], optimizer: { type: 'adam', learningRate: 0.01 }, seed: 2 });
    const h = await net.fit(train.x, nn.encodeTargets(train, 3, 'softmax'), train.n, {
      epochs: 500, batchSize: 16, validationSplit: 0.2, standardize: true,
      earlyStopping: { monitor: 'val_loss', patience: 20, minDelta: 1e-3, restoreBest: true },
    });
    assert.equal(h.stopReason, 'earlyStopping', `stopped early (ran ${h.epoch.length} epochs)`);
    const accuracy = net.evaluate(held.x, nn.encodeTargets(held, 3, 'softmax'), held.n).accuracy;  // raw inputs: the network standardizes
    console.log(`# ${file}: ${h.epoch.length} epochs, best ${h.bestEpoch}, held-out accuracy ${accuracy.toFixed(3)} on ${held.n}`);
    assert.ok(accuracy >= bar, `held-out accuracy ${accuracy}`);
    // Saved and loaded, it still predicts on raw inputs.
    const again = nn.loadNetwork(JSON.stringify(net));
    assert.deepEqual(again.predict(held.x, held.n), net.predict(held.x, held.n));
    net.dispose();
    again.dispose();
  });
}

// --- found in review -----------------------------------------------------------------------------

test('fit gives the event loop its turns in Node too: setImmediate callbacks run while it trains', async () => {
  const big = nn.makeDataset('spiral', { n: 20000, classes: 3, seed: 8 });
  const net = nn.createNetwork({ layers: [{ units: 32, activation: 'relu' }, { units: 3, activation: 'softmax' }], seed: 2 });
  let turns = 0, running = true;
  const spin = () => { if (running) { turns++; setImmediate(spin); } };
  setImmediate(spin);
  // 20 epochs of 20,000 samples through a 2-32-3 network: far longer than one ~12 ms slice anywhere
  const h = await net.fit(big.x, nn.encodeTargets(big, 3, 'softmax'), big.n, { epochs: 20, batchSize: 32 });
  running = false;
  assert.equal(h.epoch.length, 20);
  assert.ok(turns >= 2, `the event loop ran ${turns} setImmediate turns during the fit`);
  net.dispose();
});

test('a diverging epoch reports the accuracy of the batches that stepped, never beyond 1', async () => {
  const huge = Float32Array.from(blobs.x, (v) => v * 1e30);  // a single softmax layer: logits of 1e30
  const net = nn.createNetwork({ layers: [{ units: 3, activation: 'softmax' }], optimizer: { type: 'sgd', learningRate: 1e38 }, seed: 1 });
  const batchLogs = [];
  const h = await net.fit(huge, yBlobs, blobs.n, { epochs: 3, batchSize: 8, onBatchEnd: (b, logs) => { batchLogs.push(logs); } });
  assert.equal(h.stopReason, 'diverged');
  for (const logs of [...batchLogs, { accuracy: h.history.accuracy.at(-1) }]) {
    assert.ok(Number.isNaN(logs.accuracy) || (logs.accuracy >= 0 && logs.accuracy <= 1), `accuracy ${logs.accuracy}`);
  }
  assert.ok(net.getWeights(0).every(Number.isFinite), 'no parameter left non-finite');
  net.dispose();
});

test('a validation tail that standardizes beyond float is named by its sample in x', async () => {
  const net = nn.createNetwork({ layers: [{ units: 1 }], seed: 1 });
  net.setStandardizer({ mean: [0, 0], scale: [1e-35, 1] });
  const x = [0, 0, 0, 0, 1e5, 0], y = [1, 0, 1];
  await assert.rejects(net.fit(x, y, 3, { validationSplit: 0.34 }), (e) => e.field === 'x' && /sample 2 /.test(e.message) || assert.fail(e.message));
  net.dispose();
});

test('a fit refused for the step counter leaves the network as it was, standardizer included', async () => {
  const net = nn.createNetwork(spec());
  const doc = net.toJSON();
  doc.optimizerState.step = 2 ** 53 - 1;
  const full = nn.loadNetwork(doc);
  const before = JSON.stringify(full), allocations = nn.heapAllocations();
  await rejects(full.fit(blobs.x, yBlobs, blobs.n, { standardize: true }), nnError("optimizerState.step"));
  assert.equal(full.standardizer, null);
  assert.equal(JSON.stringify(full), before);
  assert.equal(nn.heapAllocations(), allocations);
  full.dispose();
  net.dispose();
});

test('an abort in the last callback still rejects; a signal aborted without a reason rejects with an AbortError', async () => {
  const net = nn.createNetwork(spec());
  const controller = new AbortController();
  const reason = new Error('stop');
  await assert.rejects(net.fit(blobs.x, yBlobs, blobs.n, {
    epochs: 2, signal: controller.signal, onEpochEnd: (epoch) => { if (epoch === 1) controller.abort(reason); },
  }), (e) => e === reason);
  const bare = { aborted: true };  // what AbortSignalLike allows: no reason
  await assert.rejects(net.fit(blobs.x, yBlobs, blobs.n, { signal: bare }), (e) => e.name === 'AbortError');
  net.dispose();
});
