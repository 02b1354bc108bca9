// landscape-view.test.mjs — the worker's side of the loss-landscape view (web/js/landscape/), driven
// as worker.js drives the Trainer: computed only while the view is open; its centre is the loss the
// frame reports for the training points (evaluate's, exactly); the path's last point is the current
// weights (0, 0) after training; the path starts over with a new network; the work limit holds for a
// large network (fewer points, said in the message); the plan and the helpers on their own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn } from './load.mjs';
import { Trainer } from '../../web/js/trainer.js';
import { TO_PAGE, toWorker } from '../../web/js/protocol.js';
import { defaultConfig } from '../../web/js/config.js';
import { decodeHash } from '../../web/js/hash.js';
import { plan, subsample, fittedRange, createPath, PATH_LENGTH } from '../../web/js/landscape/compute.js';

const limits = nn.catalog.limits;
const RANDOM = { directions: 'random', seed: 1, range: 'fit' };

function trainer(config) {
  const posted = [];
  const t = new Trainer(nn, (m) => posted.push(m));
  t.build(toWorker.build({ id: 1, config }));
  const last = (type) => posted.findLast((m) => m.type === type);
  const count = (type) => posted.filter((m) => m.type === type).length;
  return { t, posted, last, count };
}
/** The configuration a share link's hash gives (checked: no problem). */
function lessonConfig(hash) {
  const { config, problems } = decodeHash(nn.catalog, `#${hash}`);
  assert.deepEqual(problems, [], hash);
  return config;
}

test('nothing is computed while the view is closed; opened, it answers at once and after each step', () => {
  const { t, last, count } = trainer({ ...defaultConfig(), points: 100 });
  try {
    t.epoch();
    assert.equal(count(TO_PAGE.LANDSCAPE), 0, 'closed: no landscape');
    t.landscape(RANDOM);
    assert.equal(count(TO_PAGE.LANDSCAPE), 1, 'opened: one at once');
    t.focus({ layer: 0, unit: 0 });
    assert.equal(count(TO_PAGE.LANDSCAPE), 1, 'a frame with the same weights: not again');
    t.step();
    assert.equal(count(TO_PAGE.LANDSCAPE), 2, 'a step moved the weights: again');
    assert.equal(last(TO_PAGE.LANDSCAPE).id, 1);
    t.landscape(null);
    t.epoch();
    assert.equal(count(TO_PAGE.LANDSCAPE), 2, 'closed again: nothing');
  } finally { t.dispose(); }
});

test('the centre is the training loss the frame reports; the path ends at the current weights (0, 0)', () => {
  for (const options of [RANDOM, { directions: [{ layer: 0, row: 1, col: 0 }, { layer: 1, row: 3 }], seed: 1, range: 0.5 }]) {
    const { t, last } = trainer(lessonConfig('dataset=spiral&layers=16tanh,16tanh&optimizer=sgd&lr=0.1'));
    try {
      for (let e = 0; e < 5; e++) t.epoch();
      for (let s = 0; s < 3; s++) t.step();
      t.landscape(options);
      const frame = last(TO_PAGE.FRAME), l = last(TO_PAGE.LANDSCAPE);
      assert.equal(l.error, undefined);
      assert.equal(l.center, frame.train.loss, 'evaluate\'s loss on the same points, bit for bit');
      assert.equal(l.n, l.of);
      assert.equal(l.reduced, false);
      const mid = (l.steps - 1) / 2;
      assert.equal(l.loss[mid * l.steps + mid], l.center);
      assert.equal(l.path.length, 2 * (1 + 5 + 3), 'the first weights, 5 epochs, 3 steps');
      assert.deepEqual([...l.path.slice(-2)], [0, 0], 'the last snapshot is the current weights');
      assert.notDeepEqual([...l.path.slice(0, 2)], [0, 0], 'the first is elsewhere');
      assert.deepEqual(l.from, { epoch: 0, steps: 0 });
      if (options.range === 'fit') assert.ok(l.range >= Math.max(...l.path.map(Math.abs)), 'the fitted range shows the whole path');
    } finally { t.dispose(); }
  }
});

test('the path starts over with a new network, and keeps only the most recent snapshots', () => {
  const config = { ...defaultConfig(), points: 40, batchSize: 40 };
  const { t, last } = trainer(config);
  try {
    for (let e = 0; e < PATH_LENGTH + 10; e++) t.epoch();
    t.landscape(RANDOM);
    assert.equal(last(TO_PAGE.LANDSCAPE).path.length, 2 * PATH_LENGTH);
    assert.equal(last(TO_PAGE.LANDSCAPE).from.epoch, 11, 'the oldest kept');
    t.build(toWorker.build({ id: 2, config: { ...config, weightSeed: 9 } }));   // re-drawn weights
    t.landscape(RANDOM);
    const l = last(TO_PAGE.LANDSCAPE);
    assert.equal(l.id, 2);
    assert.deepEqual([...l.path], [0, 0], 'only the new network\'s first weights');
    assert.deepEqual(l.from, { epoch: 0, steps: 0 });
  } finally { t.dispose(); }
});

test('a large network stays within the work limit: fewer points, said in the message', () => {
  const config = lessonConfig(`dataset=circle&points=1000&test=0.1&layers=${Array(8).fill('64tanh').join(',')}`);
  const { t, last } = trainer(config);
  try {
    t.landscape(RANDOM);
    const l = last(TO_PAGE.LANDSCAPE);
    assert.equal(l.error, undefined);
    assert.equal(l.reduced, true);
    assert.ok(l.steps ** 2 * l.parameters * l.n <= limits.maxLandscapeWork, `${l.steps}² · ${l.parameters} · ${l.n}`);
    assert.ok(l.n < l.of, `${l.n} of ${l.of} points`);
    assert.ok(l.of >= 850, `${l.of} training points`);
    assert.ok(Number.isFinite(l.center));
  } finally { t.dispose(); }
});

test('a weight that is not there is said, not thrown', () => {
  const { t, last } = trainer({ ...defaultConfig(), points: 40 });
  try {
    t.landscape({ directions: [{ layer: 7, row: 0, col: 0 }, { layer: 0, row: 0, col: 1 }], seed: 1, range: 1 });
    assert.match(last(TO_PAGE.LANDSCAPE).error, /layer/);
  } finally { t.dispose(); }
});

test('plan, subsample, fittedRange and the path\'s memory bound', () => {
  assert.deepEqual(plan(100, 200, 2e9), { steps: 41, n: 200, reduced: false });
  const p = plan(200_000, 1000, 2e9);
  assert.ok(p.reduced && p.steps ** 2 * 200_000 * p.n <= 2e9 && p.n >= 1, JSON.stringify(p));
  const q = plan(4_000_000, 1000, 2e9);
  assert.ok(q.steps >= 3 && q.steps % 2 === 1 && q.steps ** 2 * 4e6 * q.n <= 2e9, JSON.stringify(q));
  assert.equal(plan(1e9, 10, 2e9), null);
  const s = subsample(Float32Array.from([0, 0, 1, 1, 2, 2, 3, 3]), Float32Array.from([0, 1, 2, 3]), 4, 2);
  assert.deepEqual([[...s.x], [...s.y], s.n], [[0, 0, 2, 2], [0, 2], 2]);
  assert.equal(fittedRange([0.03, -0.07]), 0.1);
  assert.equal(fittedRange([0.0001, 0]), 0.001);
  assert.equal(fittedRange([0, 0]), 1, 'not moved yet');
  assert.equal(createPath(100).capacity, PATH_LENGTH);
  assert.ok(createPath(1e6).capacity * 1e6 <= 1 << 22);
  assert.equal(createPath(8e6).capacity, 1);
});
