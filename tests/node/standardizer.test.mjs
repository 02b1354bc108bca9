// standardizer.test.mjs — a network's own input standardizer, as an embedder uses it: set and read
// back (fresh copies), checked with field-named errors that change nothing, applied by every call
// taking x (bit for bit what a network without one computes on nn.standardize's output), cloned,
// and saved in the document (format version 2; version 1 without one) so that a loaded network
// predicts on raw inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn } from './load.mjs';

const spec = { inputs: 3, layers: [{ units: 6, activation: 'tanh' }, { units: 3, activation: 'softmax' }], optimizer: { type: 'adam', learningRate: 0.01 }, seed: 4 };

// Three inputs far from standard (means ~100, −3 and 0.5; scales ~30, 0.006 and 0.3), 3 classes.
function rawData(n = 60) {
  const blobs = nn.makeDataset('blobs', { n, classes: 3, noise: 0.3, seed: 7 });
  const x = new Float32Array(3 * n);
  for (let j = 0; j < n; j++) {
    x[3 * j] = 100 + 15 * blobs.x[2 * j];
    x[3 * j + 1] = -3 + 0.003 * blobs.x[2 * j + 1];
    x[3 * j + 2] = (j % 7) / 7;
  }
  const data = { n, x, labels: blobs.labels, classes: 3 };
  return { data, y: nn.encodeTargets(data, 3, 'softmax') };
}

function nnError(f, field) {
  let error = null;
  try { f(); } catch (e) { error = e; }
  assert.ok(error, `expected an NNError naming ${field}`);
  assert.equal(error.name, 'NNError', error.message);
  assert.equal(error.field, field, error.message);
  return error;
}

test('setStandardizer / standardizer: set, read back as fresh copies, removed with null', () => {
  const { data } = rawData();
  const s = nn.fitStandardizer(data);
  const net = nn.createNetwork(spec);
  assert.equal(net.standardizer, null);
  net.setStandardizer(s);
  const got = net.standardizer;
  assert.ok(got.mean instanceof Float64Array && got.scale instanceof Float64Array);
  assert.deepEqual(got, s);
  got.mean[0] = 12345;
  assert.deepEqual(net.standardizer, s, 'a fresh copy each time');
  net.setStandardizer({ mean: Array.from(s.mean), scale: Array.from(s.scale) });  // plain arrays (a saved JSON)
  assert.deepEqual(net.standardizer, s);
  net.setStandardizer(null);
  assert.equal(net.standardizer, null);
  net.dispose();
  assert.throws(() => net.standardizer, /^NNError|disposed/);
});

test('a bad standardizer throws an NNError naming the field and changes nothing', () => {
  const { data } = rawData();
  const s = nn.fitStandardizer(data);
  const net = nn.createNetwork(spec);
  net.setStandardizer(s);
  const before = JSON.stringify(net);
  const cases = [
    [42, 'standardizer'],
    [[1, 2, 3], 'standardizer'],
    [undefined, 'standardizer'],
    [{ mean: s.mean }, 'standardizer.scale'],
    [{ mean: 'abc', scale: s.scale }, 'standardizer.mean'],
    [{ mean: s.mean.slice(0, 2), scale: s.scale }, 'standardizer.mean'],
    [{ mean: s.mean, scale: [1, 2, 3, 4] }, 'standardizer.scale'],
    [{ mean: [1, NaN, 3], scale: s.scale }, 'standardizer.mean[1]'],
    [{ mean: s.mean, scale: [1, 0, 3] }, 'standardizer.scale[1]'],
    [{ mean: s.mean, scale: [1, 1, -2] }, 'standardizer.scale[2]'],
    [{ mean: s.mean, scale: [Infinity, 1, 1] }, 'standardizer.scale[0]'],
  ];
  for (const [value, field] of cases) {
    nnError(() => net.setStandardizer(value), field);
    assert.equal(JSON.stringify(net), before, field);
  }
  assert.match(nnError(() => net.setStandardizer({ mean: [0, 0], scale: [1, 1] }), 'standardizer.mean').message,
    /^standardizer\.mean: expected one value per input of the network: 3 \(got 2\)/);
  // A scale so small that x leaves float's range: every call taking x says so (field x).
  net.setStandardizer({ mean: s.mean, scale: [1, 1e-300, 1] });
  const after = JSON.stringify(net);
  nnError(() => net.predict(data.x, data.n), 'x');
  nnError(() => net.trainEpoch(data.x, rawData().y, data.n), 'x');
  assert.equal(JSON.stringify(net), after);
  net.dispose();
});

test('every call taking x standardises it first: the bits of a plain network on nn.standardize(x)', () => {
  const { data, y } = rawData();
  const s = nn.fitStandardizer(data);
  const xs = nn.standardize(data, s).x;
  const plain = nn.createNetwork(spec);
  const net = plain.clone();
  net.setStandardizer(s);
  const n = data.n;
  assert.deepEqual(net.predict(data.x, n), plain.predict(xs, n));
  assert.deepEqual(net.forwardLayers(data.x, n), plain.forwardLayers(xs, n));
  assert.deepEqual(net.forwardLayer(0, data.x, n), plain.forwardLayer(0, xs, n));
  assert.deepEqual(net.evaluate(data.x, y, n), plain.evaluate(xs, y, n));
  assert.deepEqual(net.gradients(data.x, y, n), plain.gradients(xs, y, n));
  assert.deepEqual(net.trace(data.x, y, n), plain.trace(xs, y, n));
  assert.deepEqual(net.gradientCheck(data.x, y, n), plain.gradientCheck(xs, y, n));
  assert.equal(net.trainBatch(data.x, y, n), plain.trainBatch(xs, y, n));
  assert.equal(net.trainEpoch(data.x, y, n, { batchSize: 8 }), plain.trainEpoch(xs, y, n, { batchSize: 8 }));
  for (let l = 0; l < 2; l++) assert.deepEqual(net.getWeights(l), plain.getWeights(l));
  const copy = net.clone();  // clone copies it
  assert.deepEqual(copy.standardizer, s);
  assert.deepEqual(copy.predict(data.x, n), plain.predict(xs, n));
  [plain, net, copy].forEach((m) => m.dispose());
});

test('saved with the network: JSON.stringify(net) → nn.loadNetwork predicts on raw inputs', () => {
  const { data, y } = rawData();
  const s = nn.fitStandardizer(data);
  const xs = nn.standardize(data, s).x;
  const net = nn.createNetwork(spec);
  const plain = net.clone();
  for (let e = 0; e < 5; e++) plain.trainEpoch(xs, y, data.n, { batchSize: 10 });
  // Without one, the document is version 1, exactly as before; with one, version 2.
  const v1 = plain.toJSON();
  assert.equal(v1.version, 1);
  assert.equal('standardizer' in v1, false);
  net.dispose();
  const trained = nn.loadNetwork(JSON.stringify(plain));
  trained.setStandardizer(s);
  const text = JSON.stringify(trained);
  const doc = JSON.parse(text);
  assert.equal(doc.version, 2);
  assert.deepEqual(Object.keys(doc), ['format', 'version', 'spec', 'standardizer', 'weights', 'biases', 'optimizerState', 'rng']);
  assert.deepEqual(doc.standardizer, { mean: Array.from(s.mean), scale: Array.from(s.scale) });  // every bit of each double
  const loaded = nn.loadNetwork(text);
  assert.deepEqual(loaded.standardizer, s);
  assert.deepEqual(loaded.predict(data.x, data.n), plain.predict(xs, data.n), 'predict on raw x = a plain network on standardized x');
  assert.equal(JSON.stringify(loaded), text);
  assert.ok(loaded.evaluate(data.x, y, data.n).accuracy > 0.8);
  // Version 1 does not read the field (an application's metadata); version 2 requires it, checked.
  const asMeta = nn.loadNetwork({ ...v1, standardizer: doc.standardizer });
  assert.equal(asMeta.standardizer, null);
  const broken = [
    [{ ...doc, standardizer: undefined }, 'standardizer'],
    [{ ...doc, standardizer: { mean: doc.standardizer.mean } }, 'standardizer.scale'],
    [{ ...doc, standardizer: { ...doc.standardizer, shift: 1 } }, 'standardizer.shift'],
    [{ ...doc, standardizer: { ...doc.standardizer, scale: [1, 0, 1] } }, 'standardizer.scale[1]'],
    [{ ...doc, standardizer: { ...doc.standardizer, mean: [1, 2] } }, 'standardizer.mean'],
    [{ ...doc, version: 3 }, 'version'],
  ];
  const heap = nn.heapInUse();
  for (const [bad, field] of broken) nnError(() => nn.loadNetwork(bad), field);
  assert.equal(nn.heapInUse(), heap);
  [trained, loaded, asMeta, plain].forEach((m) => m.dispose());
});
