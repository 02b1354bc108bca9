// data.test.mjs — the one-way data path (issue 11): the core's data helpers through the facade for
// any number of inputs (the shuffle split, the stable split of the user's points, encoding,
// standardisation as scikit-learn's StandardScaler), and the network calls that replace JSON round
// trips and whole copies: clone, forwardLayer, setWeight and setBias. Every failure names its field and leaves the heap and the stack where they were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn } from './load.mjs';

function throwsField(f, field, re = null) {
  let error = null;
  try { f(); } catch (e) { error = e; }
  assert.ok(error instanceof Error, `expected an error for ${field}, got ${error === null ? 'no throw' : String(error)}`);
  assert.equal(error.name, 'NNError', error.message);
  assert.equal(error.field, field, error.message);
  assert.ok(error.message.startsWith(`${field}: `), error.message);
  if (re) assert.match(error.message, re);
}

// n points of k inputs: point j holds j·k .. j·k + k − 1, labelled j mod 3 (or targeted j / n).
const numbered = (n, k, regression = false) => ({
  n, x: Float32Array.from({ length: n * k }, (_, i) => i), classes: regression ? 0 : 3,
  labels: regression ? null : Int32Array.from({ length: n }, (_, j) => j % 3),
  targets: regression ? Float32Array.from({ length: n }, (_, j) => j / n) : null,
});
const pointsOf = (part, k) => Array.from({ length: part.n }, (_, j) => part.x[j * k] / k);

// The stable split's rule, written out (what web/js/data/custom.js did before the core took it).
const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);
const bits = (v) => { f32[0] = v; return u32[0]; };
const mix = (h) => {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

test('the data helpers take 1, 2 or 5 inputs; both splits keep points whole and seeded', () => {
  for (const k of [1, 2, 5]) {
    for (const regression of [false, true]) {
      const data = { ...numbered(120, k, regression), name: 'mine' };
      for (const byPoint of [false, true]) {
        const { train, test: held } = nn.splitDataset(data, 0.25, 3, { byPoint });
        assert.equal(train.n + held.n, 120);
        if (!byPoint) assert.equal(held.n, 30);
        assert.equal(train.name, 'mine', 'the data object is copied with its own fields');
        const seen = [...pointsOf(train, k), ...pointsOf(held, k)].sort((a, b) => a - b);
        assert.deepEqual(seen, Array.from({ length: 120 }, (_, j) => j));
        for (const part of [train, held]) {
          pointsOf(part, k).forEach((p, j) => {
            assert.deepEqual([...part.x.subarray(j * k, (j + 1) * k)], Array.from({ length: k }, (_, i) => p * k + i));
            if (regression) assert.equal(part.targets[j], Math.fround(p / 120));
            else assert.equal(part.labels[j], p % 3);
          });
          assert.ok(regression ? part.targets instanceof Float32Array && part.labels === null : part.labels instanceof Int32Array);
        }
        assert.deepEqual(nn.splitDataset(data, 0.25, 3, { byPoint }), { train, test: held }, 'same seed, same split');
        const y = nn.encodeTargets(train, regression ? 1 : 3, regression ? 'linear' : 'softmax');
        assert.equal(y.length, train.n * (regression ? 1 : 3));
      }
    }
  }
  const empty = nn.splitDataset({ n: 0, x: [], classes: 2, labels: [] }, 0.5, 1, { byPoint: true });
  assert.equal(empty.train.n + empty.test.n, 0);
  assert.equal(nn.encodeTargets(empty.train, 2, 'softmax').length, 0);
});

test('the stable split is the hash rule the page always used, and adding points moves no other', () => {
  for (const k of [2, 5]) {
    const data = { n: 200, classes: 2, x: Float32Array.from({ length: 200 * k }, (_, i) => Math.fround(Math.sin(i) * 6)), labels: Int32Array.from({ length: 200 }, (_, j) => j % 2) };
    const seed = 2 ** 32 + 11;  // the seed's low 32 bits count
    const { test: held } = nn.splitDataset(data, 0.3, seed, { byPoint: true });
    const expected = [];
    for (let j = 0; j < data.n; j++) {
      let h = mix(seed >>> 0);
      for (let i = 0; i < k; i++) h = mix(h ^ bits(data.x[j * k + i]));
      if (h / 2 ** 32 < 0.3) expected.push(...data.x.subarray(j * k, (j + 1) * k));
    }
    assert.deepEqual([...held.x], expected);
    const first = { ...data, n: 150, x: data.x.subarray(0, 150 * k), labels: data.labels.subarray(0, 150) };
    const before = nn.splitDataset(first, 0.3, seed, { byPoint: true }).test;
    assert.deepEqual([...held.x.subarray(0, before.x.length)], [...before.x], 'old test points stay test points');
  }
});

test('the data helpers name the field of what is wrong and leak nothing', () => {
  const data = numbered(30, 4);
  const failures = [
    [() => nn.splitDataset({ ...data, x: Float32Array.from(data.x, (v) => (v === 9 ? NaN : v)) }, 0.2), 'data.x', /point 2 has NaN/],
    [() => nn.splitDataset({ ...data, labels: Int32Array.from(data.labels, (l, j) => (j === 4 ? 3 : l)) }, 0.2, 1, { byPoint: true }), 'data.labels[4]', /from 0 to 2 \(got 3\)/],
    [() => nn.encodeTargets({ ...data, labels: Array.from(data.labels, (l, j) => (j === 5 ? -1 : l)) }, 3, 'softmax'), 'data.labels[5]'],
    [() => nn.encodeTargets({ ...data, labels: Array.from(data.labels, (l, j) => (j === 6 ? 2 ** 40 : l)) }, 3, 'softmax'), 'data.labels[6]'],
    [() => nn.encodeTargets({ n: 2, x: [0, 1], targets: [0, Infinity] }, 1, 'linear'), 'data.targets[1]', /finite float/],
    [() => nn.encodeTargets({ n: 2, x: [0, 1], targets: [0, 1e39] }, 1, 'linear'), 'data.targets[1]', /got 1e\+39/],
    [() => nn.encodeTargets({ n: 2, x: [0, 1], targets: [0, '1'] }, 1, 'linear'), 'data.targets[1]'],
    [() => nn.encodeTargets(data, 5000, 'softmax'), 'outputs', /from 1 to 4096/],
    [() => nn.encodeTargets(data, 1, 'swish'), 'outputActivation'],
    [() => nn.splitDataset(data, 1), 'testRatio'],
    [() => nn.splitDataset(data, 0.5, 1, { byPoint: 'yes' }), 'byPoint'],
    [() => nn.splitDataset({ ...data, x: data.x.subarray(1) }, 0.5), 'data.x'],
    [() => nn.splitDataset({ n: 0, x: [1], classes: 2, labels: [] }, 0.5), 'data.x'],
  ];
  for (const [f, field, re] of failures) throwsField(f, field, re);
  for (const [f] of failures) assert.throws(f);  // warm-up: the same calls once more
  const heap = nn.heapAllocations(), stack = nn.stackPointer();
  for (let i = 0; i < 2000; i++) assert.throws(failures[i % failures.length][0]);
  assert.equal(nn.heapAllocations(), heap);
  assert.equal(nn.stackPointer(), stack);
});

// StandardScaler written out in double, one input at a time: mean = Σx / n, scale = √(Σ(x − mean)² / n)
// (ddof 0), and 1 for an input whose values are all equal.
function scalerOf(x, n, k) {
  const mean = [], scale = [];
  for (let i = 0; i < k; i++) {
    const column = Array.from({ length: n }, (_, j) => x[j * k + i]);
    const m = column.reduce((a, v) => a + v, 0) / n;
    mean.push(m);
    scale.push(column.every((v) => v === column[0]) ? 1 : Math.sqrt(column.reduce((a, v) => a + (v - m) ** 2, 0) / n));
  }
  return { mean, scale };
}
const close = (got, want, what) => assert.ok(Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)), `${what}: ${got} vs ${want}`);

test('fitStandardizer and standardize: StandardScaler for 1, 2 or 5 inputs, fitted on train, applied to test', () => {
  for (const k of [1, 2, 5]) {
    for (const regression of [false, true]) {
      const n = 160;
      const data = {
        ...numbered(n, k, regression), name: 'mine',  // input 1 constant (scale 1) when there is one
        x: Float32Array.from({ length: n * k }, (_, i) => (i % k === 1 ? 0.1 : Math.sin(i * 1.7) * 4 + (i % k) * 10)),
      };
      const { train, test: held } = nn.splitDataset(data, 0.25, 5);
      const s = nn.fitStandardizer(train);
      assert.ok(s.mean instanceof Float64Array && s.scale instanceof Float64Array);
      assert.equal(s.mean.length, k);
      const want = scalerOf(train.x, train.n, k);
      for (let i = 0; i < k; i++) {
        close(s.mean[i], want.mean[i], `mean[${i}]`);
        close(s.scale[i], want.scale[i], `scale[${i}]`);
      }
      if (k > 1) assert.equal(s.scale[1], 1, 'a constant input keeps scale 1');
      for (const part of [train, held]) {
        const out = nn.standardize(part, s);
        assert.ok(out.x instanceof Float32Array);
        assert.deepEqual([...out.x], Array.from(part.x, (v, i) => Math.fround((v - s.mean[i % k]) / s.scale[i % k])));
        assert.deepEqual({ ...out, x: null }, { ...part, x: null }, 'only x changes');
      }
      const z = scalerOf(nn.standardize(train, s).x, train.n, k);  // the training part: mean 0, std 1
      for (let i = 0; i < k; i++) {
        assert.ok(Math.abs(z.mean[i]) < 1e-6, `mean[${i}] ${z.mean[i]}`);
        if (i !== 1) assert.ok(Math.abs(z.scale[i] - 1) < 1e-6, `std[${i}] ${z.scale[i]}`);
      }
      const saved = JSON.parse(JSON.stringify({ mean: [...s.mean], scale: [...s.scale] }));
      assert.deepEqual(nn.standardize(held, saved), nn.standardize(held, s), 'a standardizer saved as JSON applies the same');
    }
  }
  const pinned = nn.fitStandardizer({ n: 4, x: [1, 2, 3, 6], targets: [0, 0, 0, 0] });  // ddof 1 would be √(14/3)
  assert.deepEqual([...pinned.mean], [3]);
  close(pinned.scale[0], Math.sqrt(14 / 4), 'scale');
  const empty = nn.standardize({ n: 0, x: [], classes: 2, labels: [] }, { mean: [1, 2], scale: [3, 4] });
  assert.equal(empty.n, 0, 'an empty part standardises, whatever the number of inputs');
  assert.equal(empty.x.length, 0);
});

test('the standardizer names the field of what is wrong and leaks nothing', () => {
  const data = numbered(30, 4);
  const s = nn.fitStandardizer(data);
  const failures = [
    [() => nn.fitStandardizer({ n: 0, x: [], classes: 2, labels: [] }), 'data.x', /at least one point/],
    [() => nn.fitStandardizer({ ...data, x: Float32Array.from(data.x, (v) => (v === 9 ? NaN : v)) }), 'data.x', /point 2 has NaN/],
    [() => nn.fitStandardizer({ ...data, labels: Int32Array.from(data.labels, (l, j) => (j === 4 ? 3 : l)) }), 'data.labels[4]'],
    [() => nn.fitStandardizer(null), 'data'],
    [() => nn.standardize(numbered(30, 2), s), 'standardizer.mean', /one value per input of data\.x: 2 \(got 4\)/],
    [() => nn.standardize(data, { mean: s.mean, scale: s.scale.subarray(1) }), 'standardizer.scale', /got 3/],
    [() => nn.standardize(data, { mean: s.mean, scale: [1, 0, 1, 1] }), 'standardizer.scale[1]', /> 0 \(got 0\)/],
    [() => nn.standardize(data, { mean: [0, 0, NaN, 0], scale: s.scale }), 'standardizer.mean[2]', /finite/],
    [() => nn.standardize(data, { mean: [0, 0, 0, 0], scale: [1e-300, 1, 1, 1] }), 'data.x', /point 1 standardises beyond float/],
    [() => nn.standardize(data, null), 'standardizer'],
    [() => nn.standardize(data, { mean: 'abc', scale: s.scale }), 'standardizer.mean'],
    [() => nn.standardize({ ...data, x: data.x.subarray(1) }, s), 'data.x'],
  ];
  for (const [f, field, re] of failures) throwsField(f, field, re);
  for (const [f] of failures) assert.throws(f);  // warm-up: the same calls once more
  const heap = nn.heapAllocations(), stack = nn.stackPointer();
  for (let i = 0; i < 1000; i++) assert.throws(failures[i % failures.length][0]);
  assert.equal(nn.heapAllocations(), heap);
  assert.equal(nn.stackPointer(), stack);
});

// --- clone, forwardLayer, setWeight, setBias --------------------------------------------------------

const xor = nn.makeDataset('xor', { n: 60, seed: 2 });
const yXor = nn.encodeTargets(xor, 1, 'sigmoid');
const small = () => nn.createNetwork({
  layers: [{ units: 5, activation: 'tanh' }, { units: 4, activation: 'relu' }, { units: 1, activation: 'sigmoid' }],
  optimizer: 'adam', seed: 4,
});

test('clone: an independent copy that trains exactly as the original would', () => {
  const net = small();
  net.trainEpoch(xor.x, yXor, xor.n, { batchSize: 8 });  // optimizer state and shuffle state to copy
  const saved = JSON.stringify(net);
  const copy = net.clone();
  assert.equal(JSON.stringify(copy), saved, 'the same network, bit for bit');
  assert.deepEqual(copy.spec, net.spec);
  for (let e = 0; e < 3; e++) copy.trainEpoch(xor.x, yXor, xor.n, { batchSize: 8 });
  copy.setWeight(0, 0, 0, 3);
  assert.equal(JSON.stringify(net), saved, "training the copy leaves the original's bits unchanged");
  const twin = net.clone();
  copy.dispose();
  assert.ok(Number.isFinite(net.trainBatch(xor.x, yXor, xor.n)), 'the original survives the copy’s disposal');
  twin.trainBatch(xor.x, yXor, xor.n);
  assert.equal(JSON.stringify(twin), JSON.stringify(net), 'the same step from the same state');
  twin.dispose();
  const heap = nn.heapAllocations();
  for (let i = 0; i < 200; i++) net.clone().dispose();
  assert.equal(nn.heapAllocations(), heap, 'clone + dispose leaves the heap as it was');
  net.dispose();
  throwsField(() => net.clone(), 'network', /disposed/);
});

test('forwardLayer(l, x, n) is forwardLayers(x, n)[l]', () => {
  const net = small();
  const all = net.forwardLayers(xor.x, xor.n);
  for (let l = 0; l < net.layerCount; l++) assert.deepEqual(net.forwardLayer(l, xor.x, xor.n), all[l]);
  assert.deepEqual(net.forwardLayer(2, xor.x, xor.n), net.predict(xor.x, xor.n));
  throwsField(() => net.forwardLayer(3, xor.x, xor.n), 'layer');
  throwsField(() => net.forwardLayer(0, xor.x.subarray(1), xor.n), 'x');
  throwsField(() => net.forwardLayer(0, [NaN, 0], 1), 'x', /NaN/);
  net.dispose();
});

test('setWeight and setBias change one entry, or nothing and name the field', () => {
  const net = small();
  const W = net.getWeights(1), b = net.getBiases(2);
  net.setWeight(1, 3, 4, 0.25);  // layer 1: 4 units × 5 inputs
  W[3 * 5 + 4] = 0.25;
  assert.deepEqual(net.getWeights(1), W);
  net.setBias(2, 0, -1.5);
  b[0] = -1.5;
  assert.deepEqual(net.getBiases(2), b);
  const saved = JSON.stringify(net);
  const failures = [
    [() => net.setWeight(3, 0, 0, 1), 'layer'], [() => net.setWeight(-1, 0, 0, 1), 'layer'],
    [() => net.setWeight(1, 4, 0, 1), 'row'], [() => net.setWeight(1, -1, 0, 1), 'row'], [() => net.setWeight(1, 0.5, 0, 1), 'row'],
    [() => net.setWeight(1, 0, 5, 1), 'col'], [() => net.setWeight(1, 0, 2 ** 32, 1), 'col'],
    [() => net.setWeight(0, 0, 0, NaN), 'value'], [() => net.setWeight(0, 0, 0, Infinity), 'value'],
    [() => net.setWeight(0, 0, 0, 1e39), 'value'], [() => net.setWeight(0, 0, 0, '1'), 'value'],
    [() => net.setBias(2, 1, 0), 'row'], [() => net.setBias(0, 0, -Infinity), 'value'], [() => net.setBias(0, 0), 'value'],
  ];
  for (const [f, field] of failures) throwsField(f, field);
  assert.equal(JSON.stringify(net), saved, 'nothing changed');
  const heap = nn.heapAllocations(), stack = nn.stackPointer();
  for (let i = 0; i < 5000; i++) assert.throws(failures[i % failures.length][0]);
  assert.equal(nn.heapAllocations(), heap);
  assert.equal(nn.stackPointer(), stack);
  assert.equal(JSON.stringify(net), saved);
  net.dispose();
});

test('trace: one packed copy out, the same values as the separate calls', () => {
  const net = small();
  const t = net.trace(xor.x.subarray(0, 20), yXor.subarray(0, 10), 10);
  const g = net.gradients(xor.x.subarray(0, 20), yXor.subarray(0, 10), 10);
  const A = net.forwardLayers(xor.x.subarray(0, 20), 10);
  assert.equal(t.loss, g.loss);
  t.layers.forEach((layer, l) => {
    assert.deepEqual(layer.W, net.getWeights(l));
    assert.deepEqual(layer.b, net.getBiases(l));
    assert.deepEqual(layer.dW, g.weights[l]);
    assert.deepEqual(layer.db, g.biases[l]);
    assert.deepEqual(layer.A, A[l]);
    assert.equal(layer.Z.length, 10 * layer.units);
    assert.equal(layer.dZ.length, 10 * layer.units);
    for (const key of ['Z', 'A', 'dZ', 'W', 'b', 'dW', 'db', ...(layer.dA ? ['dA'] : [])]) assert.equal(layer[key].byteOffset, 0, 'each array owns its buffer');
    assert.equal(layer.W.buffer.byteLength, layer.W.length * 4);
  });
  net.dispose();
});
