// fuzz.test.mjs — a seeded fuzz and property suite for the module (bounded by fixed case counts):
//   1. random specs against an independent model of the documented rules (README, nn.d.ts):
//      createNetwork accepts exactly what the model accepts, and a rejection names a field the
//      model says is wrong;
//   2. mutated saved documents (bit flips, truncation, removed and retyped fields, deep nesting,
//      huge arrays): loadNetwork either gives a network that is finite, trains and saves the same
//      document again, or throws an NNError with a field, leaving heap and stack as they were;
//   3. hostile sequences: errors interleaved with training on several networks; a failed call
//      leaves its network's document, the heap and the stack exactly as before.
// Set NN_FUZZ_SCALE=10 for a ten times longer run. Counts are printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn } from './load.mjs';

const SCALE = Number(process.env.NN_FUZZ_SCALE ?? 1);

function rng(seed) {  // mulberry32
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  return { next, int, pick, chance: (p) => next() < p };
}

const FLOAT_MAX = 3.4028234663852886e38, FLOAT_MIN = 1.1754943508222875e-38;
const f32 = Math.fround;
const normalFloat = (x) => Math.abs(x) <= FLOAT_MAX && Math.abs(x) >= FLOAT_MIN;
const isNum = (x) => typeof x === 'number' && Number.isFinite(x);
const isInt = (x, lo, hi) => Number.isInteger(x) && x >= lo && x <= hi;
const { activations, losses, optimizers } = nn.catalog;
const initializers = nn.initializers;

// --- 1. specs against a model of the rules --------------------------------------------------------

const NUMBERS = [0, 1, -1, 0.5, 2.5, 1e-50, 1e-39, 1e39, 1e308, 0.999999999, 0.9999999, 1 - 1e-12, 3, 4096, 4097, 2 ** 31, 2 ** 32 + 1, -0.1, NaN, Infinity];
function randomValue(r, valid) {
  return r.chance(0.8) ? r.pick(valid) : r.pick([...NUMBERS, 'x', '', null, true, [], {}, '8']);
}
function randomSpec(r) {
  const s = {};
  if (r.chance(0.5)) s.inputs = randomValue(r, [1, 2, 3, 5]);
  const depth = r.chance(0.05) ? r.pick([0, 65]) : r.int(1, 4);
  s.layers = Array.from({ length: depth }, () => {
    const l = { units: randomValue(r, [1, 2, 3, 8, 16]) };
    if (r.chance(0.8)) l.activation = r.chance(0.95) ? r.pick(activations).name : r.pick(['swish', '', 7]);
    if (r.chance(0.02)) l.dropout = 0.5;
    return l;
  });
  if (r.chance(0.02)) s.layers = r.pick(['dense', 3, null]);
  if (r.chance(0.5)) s.loss = r.chance(0.95) ? r.pick(losses).name : r.pick(['hinge', '', 1]);
  if (r.chance(0.7)) {
    if (r.chance(0.2)) s.optimizer = r.chance(0.9) ? r.pick(optimizers).name : 'lbfgs';
    else {
      s.optimizer = {};
      if (r.chance(0.7)) s.optimizer.type = r.chance(0.95) ? r.pick(optimizers).name : 'lbfgs';
      for (const k of ['learningRate', 'momentum', 'beta1', 'beta2', 'rho', 'epsilon']) {
        if (r.chance(0.3)) s.optimizer[k] = randomValue(r, k === 'learningRate' ? [0.1, 0.01, 3e38] : k === 'epsilon' ? [1e-8, 1e-6, 1] : [0, 0.5, 0.9, 0.99]);
      }
      if (r.chance(0.02)) s.optimizer.learningrate = 0.1;
    }
  }
  for (const k of ['l1', 'l2']) if (r.chance(0.3)) s[k] = randomValue(r, [0, 1e-4, 0.01]);
  if (r.chance(0.3)) s.init = r.chance(0.9) ? r.pick(initializers) : 'orthogonal';
  if (r.chance(0.3)) s.seed = randomValue(r, [0, 1, 42, 2 ** 40]);
  if (r.chance(0.02)) s.batchSize = 10;
  return s;
}

// The fields the documented rules reject (empty: the model accepts), and the normalised loss.
function modelOf(spec) {
  const bad = new Set();
  const known = ['inputs', 'layers', 'loss', 'optimizer', 'l1', 'l2', 'init', 'seed'];
  for (const k of Object.keys(spec)) if (!known.includes(k)) bad.add(k);
  const inputs = 'inputs' in spec ? spec.inputs : 2;
  if (!isInt(inputs, 1, 4096)) bad.add('inputs');
  const layers = Array.isArray(spec.layers) ? spec.layers : null;
  if (!layers || layers.length < 1 || layers.length > 64) bad.add('layers');
  let params = 0, fanIn = isInt(inputs, 1, 4096) ? inputs : 1;
  (layers ?? []).forEach((l, i) => {
    for (const k of Object.keys(l)) if (k !== 'units' && k !== 'activation') bad.add(`layers[${i}].${k}`);
    const units = l.units;
    if (!isInt(units, 1, 4096)) bad.add(`layers[${i}].units`);
    const act = activations.find((a) => a.name === ('activation' in l ? l.activation : 'linear'));
    if (!act) bad.add(`layers[${i}].activation`);
    else if (!act.elementwise && isInt(units, 1, 4096) && units < 2) bad.add(`layers[${i}].activation`);
    if (isInt(units, 1, 4096)) { params += units * (fanIn + 1); fanIn = units; }
  });
  if (params > 8e6) bad.add('layers');
  const out = layers?.at(-1);
  const outAct = activations.find((a) => a.name === (out && 'activation' in out ? out.activation : 'linear'));
  const lossName = 'loss' in spec ? spec.loss
    : outAct?.name === 'softmax' ? 'categorical_crossentropy' : outAct?.name === 'sigmoid' ? 'binary_crossentropy' : 'mse';
  const loss = losses.find((l) => l.name === lossName);
  if (!loss) bad.add('loss');
  else if (outAct && out && ((loss.needsUnitInterval && !outAct.unitInterval) || (isInt(out.units, 1, 4096) && out.units < loss.minOutputs))) bad.add('loss');
  const o = typeof spec.optimizer === 'string' ? { type: spec.optimizer } : spec.optimizer ?? {};
  if ('optimizer' in spec && (o === null || typeof o !== 'object' || Array.isArray(o))) bad.add('optimizer');
  else {
    for (const k of Object.keys(o)) if (!['type', 'learningRate', 'momentum', 'beta1', 'beta2', 'rho', 'epsilon'].includes(k)) bad.add(`optimizer.${k}`);
    const type = 'type' in o ? o.type : 'adam';
    const row = optimizers.find((x) => x.name === type);
    if (!row) bad.add('optimizer.type');
    const lr = 'learningRate' in o ? o.learningRate : row?.defaultLearningRate ?? 0.01;
    if (!(isNum(lr) && lr > 0 && normalFloat(lr))) bad.add('optimizer.learningRate');
    for (const k of ['momentum', 'beta1', 'beta2', 'rho']) {
      const v = k in o ? o[k] : 0.9;
      if (!(isNum(v) && v >= 0 && v < 1 && f32(v) < 1 && (v === 0 || normalFloat(v)))) bad.add(`optimizer.${k}`);
    }
    const eps = 'epsilon' in o ? o.epsilon : 1e-8;
    if (!(isNum(eps) && eps > 0 && eps <= 1 && normalFloat(eps))) bad.add('optimizer.epsilon');
  }
  for (const k of ['l1', 'l2']) {
    const v = k in spec ? spec[k] : 0;
    if (!(isNum(v) && (v === 0 || (v > 0 && normalFloat(v))))) bad.add(k);
  }
  if ('init' in spec && !initializers.includes(spec.init)) bad.add('init');
  if ('seed' in spec && !isInt(spec.seed, 0, Number.MAX_SAFE_INTEGER)) bad.add('seed');
  return { bad, loss: lossName };
}

test('random specs: createNetwork accepts exactly what the documented rules accept', () => {
  const r = rng(20261129);
  const counts = { cases: 0, accepted: 0, rejected: 0 };
  const y = new Float32Array(5 * 4096).map((_, i) => (i % 2));
  for (let i = 0; i < 3000 * SCALE; i++) {
    const spec = randomSpec(r);
    const model = modelOf(spec);
    const heap = nn.heapAllocations(), stack = nn.stackPointer();
    let net = null, error = null;
    try { net = nn.createNetwork(spec); } catch (e) { error = e; }
    counts.cases++;
    const what = `${JSON.stringify(spec)} (model: ${[...model.bad].join(', ') || 'valid'})`;
    if (model.bad.size === 0) {
      assert.equal(error, null, `rejected ${what}: ${error?.message}`);
      counts.accepted++;
      assert.equal(net.spec.loss, model.loss, what);
      // one step: finite, or reported and rolled back; the save loads again
      const n = 5;
      const xs = Float32Array.from({ length: n * net.inputs }, (_, j) => Math.sin(j)), ys = y.subarray(0, n * net.outputs);
      const before = JSON.stringify(net);
      const loss = net.trainBatch(xs, ys, n);
      if (!Number.isFinite(loss)) assert.equal(JSON.stringify(net), before, `a diverged step was not rolled back: ${what}`);
      const again = nn.loadNetwork(JSON.stringify(net));
      assert.equal(JSON.stringify(again), JSON.stringify(net));
      again.dispose();
      net.dispose();
    } else {
      assert.ok(error, `accepted ${what}`);
      assert.equal(error.name, 'NNError', `${what}: ${error}`);
      assert.ok(model.bad.has(error.field), `${what} was rejected for ${error.field}: ${error.message}`);
      assert.ok(error.message.startsWith(`${error.field}: `), error.message);
      counts.rejected++;
      assert.equal(nn.heapAllocations(), heap);
      assert.equal(nn.stackPointer(), stack);
    }
  }
  console.log(`# specs: ${counts.cases} cases, ${counts.accepted} accepted, ${counts.rejected} rejected — all as the rules say`);
  assert.ok(counts.accepted > 300 && counts.rejected > 300);
});

// --- 2. mutated saved documents ------------------------------------------------------------------

const xor = nn.makeDataset('xor', { n: 24, seed: 9 });
const yXor = nn.encodeTargets(xor, 1, 'sigmoid');
function savedDocuments() {
  return optimizers.map(({ name }, i) => {
    const net = nn.createNetwork({ layers: [{ units: 3, activation: activations[i].name === 'softmax' ? 'relu' : activations[i].name }, { units: 1, activation: 'sigmoid' }], optimizer: name, seed: i });
    for (let e = 0; e < 3; e++) net.trainEpoch(xor.x, yXor, xor.n, { batchSize: 8 });
    const json = JSON.stringify(net);
    net.dispose();
    return json;
  });
}

function paths(value, prefix = [], out = []) {
  if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) { out.push([...prefix, k]); paths(value[k], [...prefix, k], out); }
  }
  return out;
}
function mutate(r, text) {
  const kind = r.int(0, 7);
  if (kind === 0) {  // flip one bit of one character
    const i = r.int(0, text.length - 1);
    return ['bit flip', text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << r.int(0, 6))) + text.slice(i + 1)];
  }
  if (kind === 1) return ['truncation', text.slice(0, r.int(0, text.length - 1))];
  if (kind === 6) {  // deep nesting at a random field
    const d = r.pick([63, 64, 65, 1000, 100000]);
    return ['deep nesting', text.replace(r.pick(['"weights":', '"spec":', '"rng":', '{']), (m) => `${m}${'['.repeat(d)}${']'.repeat(d)}${m === '{' ? '' : ','}`)];
  }
  const doc = JSON.parse(text);
  const all = paths(doc);
  const path = r.pick(all);
  const parent = path.slice(0, -1).reduce((o, k) => o[k], doc);
  const key = path.at(-1);
  if (kind === 2) { delete parent[key]; return ['removed field', JSON.stringify(doc)]; }
  if (kind === 3) {
    parent[key] = r.pick(['x', '', null, true, [], {}, -1, 0, 1.5, 2 ** 31 - 1, 2 ** 31, 2 ** 53, -2e38, 1e39, 3.4e38, [[1, 2]], 'adam', 'softmax']);
    return ['retyped field', JSON.stringify(doc)];
  }
  if (kind === 4) { parent[key] = Array.from({ length: r.pick([1000, 100000]) }, (_, i) => i % 7); return ['huge array', JSON.stringify(doc)]; }
  if (kind === 5) {  // a number nudged: negative moments, huge values, steps
    const numbers = all.filter((p) => typeof p.slice(0, -1).reduce((o, k) => o[k], doc)[p.at(-1)] === 'number');
    const p = r.pick(numbers);
    const q = p.slice(0, -1).reduce((o, k) => o[k], doc);
    q[p.at(-1)] = r.pick([-1, -1e-30, 3.4e38, -3.4e38, 1e38, 0, 2 ** 31 - 1, 2 ** 53 - 1, 4096]);
    return ['changed number', JSON.stringify(doc)];
  }
  return ['duplicate key', text.replace(r.pick(['"weights":', '"step":', '"format":']), (m) => `${m}0,${m}`)];
}

test('mutated saved documents load as a sound network or fail with a field, leaving nothing behind', () => {
  const r = rng(7);
  const docs = savedDocuments();
  const counts = {};
  const heap = nn.heapAllocations(), stack = nn.stackPointer();
  for (let i = 0; i < 3000 * SCALE; i++) {
    const [kind, text] = mutate(r, r.pick(docs));
    counts[kind] ??= { loaded: 0, rejected: 0 };
    let net = null, error = null;
    try { net = nn.loadNetwork(text); } catch (e) { error = e; }
    if (error) {
      assert.equal(error.name, 'NNError', `${kind}: ${error}`);
      assert.equal(typeof error.field, 'string');
      assert.ok(error.message.length < 400, error.message.slice(0, 500));
      assert.equal(nn.heapAllocations(), heap, `${kind}: heap after a failed load`);
      assert.equal(nn.stackPointer(), stack, `${kind}: stack after a failed load`);
      counts[kind].rejected++;
      continue;
    }
    counts[kind].loaded++;
    for (let l = 0; l < net.layerCount; l++) {
      assert.ok(net.getWeights(l).every(Number.isFinite) && net.getBiases(l).every(Number.isFinite), kind);
    }
    const saved = JSON.stringify(net);
    const again = nn.loadNetwork(saved);
    assert.equal(JSON.stringify(again), saved, `${kind}: a loaded network saves what loads to itself`);
    again.dispose();
    const x = xor.x.subarray(0, 8 * net.inputs).map((v, j) => v + j), y = new Float32Array(8 * net.outputs).fill(0.5);
    const before = JSON.stringify(net);
    let loss;
    try {
      loss = net.trainBatch(x, y, 8);
    } catch (e) {  // a document may leave no step to count (step 2^53 − 1): refused, nothing changed
      assert.equal(e.field, 'optimizerState.step', String(e));
      loss = NaN;
    }
    if (!Number.isFinite(loss)) assert.equal(JSON.stringify(net), before, `${kind}: divergence rolled back`);
    for (let l = 0; l < net.layerCount; l++) assert.ok(net.getWeights(l).every(Number.isFinite), `${kind}: finite after a step`);
    net.dispose();
  }
  console.log(`# mutated documents: ${Object.entries(counts).map(([k, c]) => `${k} ${c.loaded} loaded / ${c.rejected} rejected`).join('; ')}`);
});

// --- 3. hostile sequences ------------------------------------------------------------------------

test('hostile sequences: errors interleaved with training on several networks change nothing', () => {
  const r = rng(99);
  const make = (i) => nn.createNetwork({
    layers: [{ units: 4, activation: r.pick(['tanh', 'relu', 'elu']) }, { units: 1, activation: 'sigmoid' }],
    optimizer: optimizers[i % optimizers.length].name, seed: i,
  });
  const nets = [0, 1, 2, 3].map(make);
  const good = [
    (net) => net.trainEpoch(xor.x, yXor, xor.n, { batchSize: r.int(1, 30) }),
    (net) => net.trainBatch(xor.x, yXor, xor.n),
    (net) => net.predict(xor.x, xor.n),
    (net) => net.evaluate(xor.x, yXor, xor.n),
    (net) => net.trace(xor.x.subarray(0, 8), yXor.subarray(0, 4), 4),
    (net) => net.setOptimizer({ learningRate: r.pick([0.001, 0.01, 0.1]) }),
    (net) => nn.loadNetwork(JSON.stringify(net)).dispose(),
  ];
  const bad = [
    (net) => net.trainEpoch(xor.x, yXor, xor.n, { batchSize: r.pick([0, -1, 2 ** 32 + 1, 1.5, NaN]) }),
    (net) => net.trainBatch(xor.x, yXor.map((v, j) => (j === 3 ? NaN : v)), xor.n),
    (net) => net.predict(xor.x.map((v, j) => (j === 5 ? Infinity : v)), xor.n),
    (net) => net.setWeights(0, new Float32Array(8).fill(r.pick([NaN, Infinity, -Infinity]))),
    (net) => net.setWeights(r.pick([-1, 2, 2 ** 32]), new Float32Array(8)),
    (net) => net.setBiases(1, [NaN]),
    (net) => net.setOptimizer({ type: r.pick(['sgd', 'adam', 'lbfgs']), learningRate: r.pick([-1, 0, 1e39, 1e-50, NaN]) }),
    (net) => net.gradientCheck(xor.x, yXor, xor.n, { maxPerLayer: r.pick([0, 5000]) }),
    (net) => net.evaluate(xor.x, yXor.subarray(1), xor.n),
    () => nn.loadNetwork(JSON.stringify(nets[0]).replace('"step":', '"step":-1')),
    () => nn.createNetwork({ layers: [{ units: r.pick([0, 5000, 2.5]) }] }),
  ];
  const stack = nn.stackPointer();
  let goods = 0, bads = 0;
  for (let i = 0; i < 4000 * SCALE; i++) {
    const net = r.pick(nets);
    if (r.chance(0.5)) { r.pick(good)(net); goods++; continue; }
    const docs = nets.map((m) => JSON.stringify(m));
    const heap = nn.heapAllocations();
    const which = r.int(0, bad.length - 1);
    assert.throws(() => bad[which](net), (e) => e.name === 'NNError' && typeof e.field === 'string', `failing call ${which}`);
    bads++;
    assert.equal(nn.heapAllocations(), heap, 'heap after a failed call');
    assert.equal(nn.stackPointer(), stack, 'stack after a failed call');
    assert.deepEqual(nets.map((m) => JSON.stringify(m)), docs, 'every network as before');
  }
  for (const net of nets) {
    assert.ok(Number.isFinite(net.evaluate(xor.x, yXor, xor.n).loss));
    net.dispose();
  }
  console.log(`# hostile sequences: ${goods} good calls, ${bads} failing calls on 4 networks; heap, stack and networks unchanged by every failure`);
});
