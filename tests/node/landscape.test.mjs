// landscape.test.mjs — net.lossLandscape and net.parameters through the facade: the centre is
// evaluate's loss, the network is only read (also when a call throws), seeded filter-normalised
// directions, a chosen-weight plane equal to the network with those weights set by hand, the
// path's projection, every bad option as an NNError naming its field, no leaks, and the same
// numbers as the native core (tests/core/landscape_test.cpp pins the same values).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn, LIB } from './load.mjs';

const { NNError } = await import(LIB.href);

const spec = (optimizer = 'adam', seed = 5) => ({
  inputs: 2,
  layers: [{ units: 16, activation: 'tanh' }, { units: 16, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
  loss: 'binary_crossentropy', optimizer: { type: optimizer, learningRate: 0.01 }, seed,
});
const circle = (n) => {
  const d = nn.makeDataset('circle', { n, noise: 0.1, classes: 2, seed: 3 });
  return { x: d.x, y: nn.encodeTargets(d, 1, 'sigmoid'), n };
};
function trained(data, optimizer = 'adam') {
  const net = nn.createNetwork(spec(optimizer));
  for (let e = 0; e < 3; e++) net.trainEpoch(data.x, data.y, data.n, { batchSize: 20 });
  return net;
}
const norm = (values) => Math.sqrt(values.reduce((s, v) => s + v * v, 0));

/** The NNError that f throws. */
function nnError(f) {
  try { f(); } catch (e) { if (e instanceof NNError) return e; throw e; }
  throw new Error('expected an NNError');
}

test('the centre is evaluate\'s loss exactly, and the network is only read', () => {
  const data = circle(200);
  const net = trained(data);
  for (const withStandardizer of [false, true]) {
    if (withStandardizer) net.setStandardizer({ mean: [0.5, 0.5], scale: [3, 3] });
    const expected = net.evaluate(data.x, data.y, data.n).loss;
    const before = net.toJSON();
    for (const options of [{}, { directions: [{ layer: 1, row: 2, col: 3 }, { layer: 2, row: 0 }], range: 0.5, steps: 7 }]) {
      const l = net.lossLandscape(data.x, data.y, data.n, options);
      const steps = options.steps ?? 41, mid = (steps - 1) / 2;
      assert.equal(l.center, expected);
      assert.equal(l.loss[mid * steps + mid], expected);
      assert.equal(l.alpha.length, steps);
      assert.equal(l.loss.length, steps * steps);
      assert.equal(l.alpha[mid], 0);
      assert.equal(l.alpha[0], -(options.range ?? 1));
      assert.deepEqual(l.beta, l.alpha);
      assert.equal(l.path.length, 0);
      assert.deepEqual(net.toJSON(), before, 'weights, optimizer state, steps and shuffles as they were');
    }
  }
  net.dispose();
});

test('a call that throws leaves the network as it was', () => {
  const data = circle(60);
  const net = trained(data, 'momentum');
  const before = net.toJSON();
  const theta = net.parameters();
  const bad = theta.slice();
  bad[3] = NaN;
  assert.equal(nnError(() => net.lossLandscape(data.x, data.y, data.n, { path: [bad] })).field, 'path[0]');
  assert.equal(nnError(() => net.lossLandscape(data.x, data.y, data.n, { directions: [{ layer: 0, row: 1, col: 1 }, { layer: 0, row: 1, col: 1 }] })).field, 'directions[1]');
  assert.deepEqual(net.toJSON(), before);
  assert.deepEqual(net.parameters(), theta);
  net.dispose();
});

test('the same seed gives the same grid; directions are filter-normalised with zero biases', () => {
  const data = circle(60);
  const net = trained(data);
  const a = net.lossLandscape(data.x, data.y, data.n, { seed: 42, steps: 9 });
  const again = net.lossLandscape(data.x, data.y, data.n, { seed: 42, steps: 9 });
  const other = net.lossLandscape(data.x, data.y, data.n, { seed: 43, steps: 9 });
  assert.deepEqual(again, a);
  assert.notDeepEqual(other.loss, a.loss);
  const theta = net.parameters();
  assert.equal(theta.length, 2 * 16 + 16 + 16 * 16 + 16 + 16 + 1);
  for (const d of a.directions) {
    assert.equal(d.length, theta.length);
    let offset = 0;
    for (let l = 0; l < net.layerCount; l++) {
      const W = net.getWeights(l);  // units × fanIn, row-major
      const units = net.getBiases(l).length, fanIn = W.length / units;
      for (let r = 0; r < units; r++) {
        // parameters(): W column by column, so the row r of W is at offset + c · units + r
        const row = Array.from({ length: fanIn }, (_, c) => d[offset + c * units + r]);
        const thetaRow = Array.from({ length: fanIn }, (_, c) => theta[offset + c * units + r]);
        assert.deepEqual(thetaRow, Array.from(W.subarray(r * fanIn, (r + 1) * fanIn)), 'parameters() order');
        const expected = norm(thetaRow);
        assert.ok(Math.abs(norm(row) - expected) <= 1e-12 * expected, `layer ${l} row ${r}: ‖d‖ ${norm(row)} vs ‖θ‖ ${expected}`);
      }
      offset += units * fanIn;
      assert.ok(d.subarray(offset, offset + units).every((v) => v === 0), `layer ${l}: bias entries 0`);
      offset += units;
    }
  }
  net.dispose();
});

test('along a chosen weight and bias, the grid is the network with them set by hand', () => {
  const data = circle(80);
  const net = trained(data);
  const steps = 9;
  const l = net.lossLandscape(data.x, data.y, data.n, { directions: [{ layer: 1, row: 2, col: 3 }, { layer: 2, row: 0 }], range: 2, steps });
  const w = net.getWeights(1)[2 * 16 + 3], b = net.getBiases(2)[0];
  for (const [i, j] of [[0, 0], [8, 8], [2, 7], [4, 1], [6, 4]]) {
    const byHand = net.clone();
    byHand.setWeight(1, 2, 3, w + l.alpha[j]);
    byHand.setBias(2, 0, b + l.beta[i]);
    assert.equal(l.loss[i * steps + j], byHand.evaluate(data.x, data.y, data.n).loss, `(β ${l.beta[i]}, α ${l.alpha[j]})`);
    byHand.dispose();
  }
  assert.equal(l.directions[0].reduce((s, v) => s + v, 0), 1);
  assert.equal(l.directions[0][2 * 16 + 16 + 3 * 16 + 2], 1);
  assert.equal(l.directions[1].at(-1), 1);
  net.dispose();
});

test('the path: snapshots taken while training end at (0, 0); θ + 2·d1 − d2 is at (2, −1)', () => {
  const data = circle(100);
  for (const optimizer of ['sgd', 'momentum', 'adam']) {
    const net = nn.createNetwork(spec(optimizer));
    const path = [net.parameters()];
    for (let s = 0; s < 30; s++) {
      net.trainBatch(data.x, data.y, data.n);
      path.push(net.parameters());
    }
    const probe = net.lossLandscape(data.x, data.y, data.n, { steps: 3, seed: 2 });
    const [d1, d2] = probe.directions;
    const theta = net.parameters();
    const moved = theta.map((v, k) => v + 2 * d1[k] - d2[k]);
    const l = net.lossLandscape(data.x, data.y, data.n, { steps: 3, seed: 2, path: [moved, ...path] });
    assert.equal(l.path.length, 2 * (path.length + 1));
    assert.ok(Math.abs(l.path[0] - 2) < 1e-4 && Math.abs(l.path[1] + 1) < 1e-4, `${optimizer}: (${l.path[0]}, ${l.path[1]})`);
    assert.equal(l.path.at(-2), 0);
    assert.equal(l.path.at(-1), 0);
    assert.ok(l.path.every(Number.isFinite));
    assert.ok(Math.hypot(l.path[2], l.path[3]) > 0, 'the start is elsewhere');
    net.dispose();
  }
});

test('every bad option is an NNError naming its field', () => {
  const data = circle(40);
  const net = nn.createNetwork(spec());
  const P = net.parameters().length;
  const field = (options, x = data.x, y = data.y, n = data.n) => nnError(() => net.lossLandscape(x, y, n, options)).field;
  assert.equal(field(7), 'options');
  assert.equal(field({ step: 5 }), 'step');
  assert.equal(field({ directions: 'pca' }), 'directions');
  assert.equal(field({ directions: [{ layer: 0, row: 0 }] }), 'directions');
  assert.equal(field({ directions: [null, { layer: 0, row: 0 }] }), 'directions[0]');
  assert.equal(field({ directions: [{ layer: 0, row: 0, weight: 1 }, { layer: 0, row: 1 }] }), 'directions[0].weight');
  assert.equal(field({ directions: [{ layer: 3, row: 0 }, { layer: 0, row: 0 }] }), 'directions[0].layer');
  assert.equal(field({ directions: [{ layer: 0, row: 0 }, { layer: 1, row: 16 }] }), 'directions[1].row');
  assert.equal(field({ directions: [{ layer: 0, row: 0 }, { layer: 1, row: 0, col: 16 }] }), 'directions[1].col');
  assert.equal(field({ directions: [{ layer: 0, row: 0, col: -1 }, { layer: 1, row: 0 }] }), 'directions[0].col');
  assert.equal(field({ directions: [{ layer: 2, row: 0 }, { layer: 2, row: 0 }] }), 'directions[1]');
  assert.equal(field({ seed: -1 }), 'seed');
  assert.equal(field({ seed: 1.5 }), 'seed');
  for (const range of [0, -1, NaN, Infinity, '1', 1e4]) assert.equal(field({ range }), 'range', String(range));
  for (const steps of [1, 102, 2.5, '9']) assert.equal(field({ steps }), 'steps', String(steps));
  assert.equal(field({ path: 'none' }), 'path');
  assert.equal(field({ path: [new Float32Array(P - 1)] }), 'path[0]');
  assert.equal(field({ path: [new Float32Array(P), [1, 2]] }), 'path[1]');
  assert.equal(field({ path: [new Float32Array(P).fill(Infinity)] }), 'path[0]');
  assert.equal(field({}, data.x.subarray(1)), 'x');
  assert.equal(field({}, data.x, data.y.subarray(1)), 'y');
  assert.equal(field({}, data.x, data.y, 0), 'n');
  // the work: steps² · parameters · n ≤ maxLandscapeWork (101² · 337 · 2000 = 6.9e9)
  const big = circle(2000);
  const tooMuch = nnError(() => net.lossLandscape(big.x, big.y, big.n, { steps: 101 }));
  assert.equal(tooMuch.field, 'steps');
  assert.match(tooMuch.message, /takes 6875474000 multiply-adds; the limit is 2000000000/);
  // random directions of all-zero weights are zero: no plane
  const flat = nn.createNetwork({ ...spec(), init: 'zeros' });
  assert.equal(nnError(() => flat.lossLandscape(data.x, data.y, data.n)).field, 'directions');
  flat.dispose();
  net.dispose();
  assert.equal(nnError(() => net.lossLandscape(data.x, data.y, data.n)).field, 'network');
  assert.equal(nnError(() => net.parameters()).field, 'network');
  const { limits } = nn.catalog;
  assert.deepEqual([limits.maxLandscapeSteps, limits.maxLandscapeRange, limits.maxLandscapePath, limits.maxLandscapeWork], [101, 1000, 10000, 2e9]);
});

test('non-finite losses are NaN in the grid, never thrown', () => {
  const data = circle(40);
  const net = nn.createNetwork({ layers: [{ units: 4, activation: 'relu' }, { units: 1 }], loss: 'mse' });
  net.setWeight(1, 0, 0, 3e38);
  const l = net.lossLandscape(data.x, data.y, data.n, { directions: [{ layer: 1, row: 0, col: 0 }, { layer: 0, row: 1, col: 1 }], range: 1000, steps: 5 });
  assert.ok(!Number.isFinite(l.center));
  assert.ok(l.loss.every(Number.isNaN));
  net.dispose();
});

test('no leaks: 300 calls, successful and failed, leave the heap and the stack where they were', () => {
  const data = circle(50);
  const net = trained(data);
  const path = [net.parameters(), net.parameters()];
  const cycle = (i) => {
    net.lossLandscape(data.x, data.y, data.n, { steps: 5, seed: i, path });
    net.lossLandscape(data.x, data.y, data.n, { steps: 3, directions: [{ layer: 0, row: 0, col: 1 }, { layer: 2, row: 0 }] });
    net.parameters();
    nnError(() => net.lossLandscape(data.x, data.y, data.n, { directions: [{ layer: 0, row: 99 }, { layer: 0, row: 0 }] }));
    nnError(() => net.lossLandscape(data.x, data.y, data.n, { path: [new Float32Array(path[0].length).fill(NaN)] }));
  };
  for (let i = 0; i < 20; i++) cycle(i);
  const allocations = nn.heapAllocations(), stack = nn.stackPointer();
  for (let i = 0; i < 300; i++) cycle(i);
  assert.equal(nn.heapAllocations(), allocations);
  assert.equal(nn.stackPointer(), stack);
  net.dispose();
});

test('the same numbers as the native core (pinned in tests/core/landscape_test.cpp)', () => {
  const data = circle(50);
  const net = nn.createNetwork(spec('sgd'));
  const l = net.lossLandscape(data.x, data.y, data.n, { seed: 9, steps: 5 });
  const [d1, d2] = l.directions;
  assert.deepEqual([d1[0], d1[1], d1[2], d2[5]], [-0.0031559368046227571, -0.021337951630457479, -0.10234152654558612, -0.6419936801297691]);
  assert.equal(l.center, Math.fround(0.692057788));
  assert.equal(l.loss[0], Math.fround(1.42970872));
  assert.equal(l.loss[1 * 5 + 3], Math.fround(0.709471941));
  net.dispose();
});
