// lessons.test.mjs — the lessons as data (web/js/lessons/): at least 12, unique ids, every start
// and solution read by the page's own link reader (hash.js) with no problem and trainable as
// written (config.js checkConfig), the link key `lesson` read and written, checks pure and
// recognising synthetic runs, progress robust to broken storage — and every Show me solved for
// real: the worker's own Trainer (trainer.js, on the built core) trains the solution epoch by
// epoch and the check must pass within the lesson's budget, while the start as given must not
// pass within that budget (the task is real).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn } from './load.mjs';
import { LESSONS, lessonById } from '../../web/js/lessons/lessons.js';
import { configsOf, createProgress, firstPass, momentsOf, STORAGE_KEY } from '../../web/js/lessons/model.js';
import { decodeHash, encodeHash } from '../../web/js/hash.js';
import { checkConfig } from '../../web/js/config.js';
import { Trainer } from '../../web/js/trainer.js';
import { TO_PAGE } from '../../web/js/protocol.js';

const catalog = nn.catalog;
const lessonStart = (id) => lessonById(id)?.start;

test('at least 12 lessons, each with every field, ids unique and link-safe', () => {
  assert.ok(LESSONS.length >= 12, `${LESSONS.length} lessons`);
  assert.equal(new Set(LESSONS.map((l) => l.id)).size, LESSONS.length);
  for (const l of LESSONS) {
    assert.match(l.id, /^[a-z0-9-]+$/, l.id);
    for (const k of ['title', 'text', 'task', 'start', 'showMe']) assert.equal(typeof l[k], 'string', `${l.id}.${k}`);
    assert.equal(typeof l.check, 'function', `${l.id}.check`);
    assert.ok(Number.isInteger(l.within) && l.within >= 1, `${l.id}.within`);
    assert.equal((l.text.match(/\$/g) ?? []).length % 2, 0, `${l.id}: every $ closed in the text`);
    assert.equal((l.task.match(/\$/g) ?? []).length % 2, 0, `${l.id}: every $ closed in the task`);
  }
});

test('every start and solution parses through the link reader with no problem, and can train', () => {
  for (const l of LESSONS) {
    const { start, solution, problems } = configsOf(catalog, l);
    assert.deepEqual(problems, [], l.id);
    assert.deepEqual(checkConfig(catalog, start).errors, [], `${l.id}: start`);
    assert.deepEqual(checkConfig(catalog, solution).errors, [], `${l.id}: solution`);
    assert.notEqual(l.showMe === '' ? null : JSON.stringify(start), JSON.stringify(solution), `${l.id}: Show me changes something`);
  }
});

test('the link carries the lesson: #lesson=<id> opens its start, more pairs override it, an unknown id is a problem', () => {
  const l = LESSONS[2];
  const opened = decodeHash(catalog, `#lesson=${l.id}`, lessonStart);
  assert.equal(opened.lesson, l.id);
  assert.deepEqual(opened.problems, []);
  assert.deepEqual(opened.config, configsOf(catalog, l).start);
  const shared = encodeHash(catalog, opened.config, { lesson: l.id });
  assert.ok(shared.startsWith(`#lesson=${l.id}&`), shared);
  const back = decodeHash(catalog, shared, lessonStart);
  assert.deepEqual([back.config, back.lesson, back.problems], [opened.config, l.id, []]);
  const edited = decodeHash(catalog, `#lesson=${l.id}&lr=0.5`, lessonStart);
  assert.equal(edited.config.learningRate, 0.5);
  const unknown = decodeHash(catalog, '#lesson=no-such-lesson', lessonStart);
  assert.equal(unknown.lesson, null);
  assert.deepEqual(unknown.problems.map((p) => p.key), ['lesson']);
  assert.match(unknown.problems[0].message, /no lesson “no-such-lesson”/);
  // without lessons (other readers), the key is unknown as before
  assert.deepEqual(decodeHash(catalog, '#lesson=x').problems.map((p) => p.key), ['lesson']);
});

/** A synthetic moment of a run of lesson l. */
function moment(l, { epoch = 10, acc = 0.99, loss = 0.01, config, steps = null, initialLoss = 0.7, grads = [0.05, 0.1, 0.1] } = {}) {
  const { start, solution } = configsOf(catalog, l);
  return {
    epoch, steps, grads, config: config ?? solution, start, solution,
    train: { loss, accuracy: acc }, test: { loss, accuracy: acc },
    initial: { train: { loss: initialLoss, accuracy: 0.5 }, test: { loss: initialLoss, accuracy: 0.5 } },
  };
}

test('checks are pure and recognise synthetic runs: a good one of the solution passes, a poor one and an untouched start do not', () => {
  for (const l of LESSONS) {
    const good = moment(l, { epoch: Math.min(l.within, 200) === 200 ? 200 : Math.min(l.within, 10) });
    const frozen = structuredClone(good);
    const a = l.check(good), b = l.check(good);
    assert.equal(typeof a, 'string', `${l.id}: a good run passes`);
    assert.equal(a, b, `${l.id}: the same answer twice`);
    assert.deepEqual(good, frozen, `${l.id}: the check changed its input`);
    assert.equal(l.check(moment(l, { acc: 0.5, loss: 5, initialLoss: 0.1 })), null, `${l.id}: a poor run does not pass`);
  }
  // lessons that name a limit: past it, or with what they forbid changed, they do not pass
  const late = lessonById('choosing-the-loss');
  assert.equal(late.check(moment(late, { epoch: 16 })), null, 'after its 15 epochs');
  const vanishing = lessonById('vanishing-gradients');
  assert.equal(vanishing.check(moment(vanishing, { grads: [1e-6, 1e-3, 1e-1] })), null, 'layer 1 still starved');
  const { solution } = configsOf(catalog, vanishing);
  assert.equal(vanishing.check(moment(vanishing, { config: { ...solution, learningRate: 0.5 } })), null, 'the learning rate changed too');
  assert.equal(vanishing.check(moment(vanishing, { config: { ...solution, layers: solution.layers.slice(1) } })), null, 'a layer removed');
});

test('progress: kept, read back, and robust to missing, corrupt or throwing storage', () => {
  const store = new Map();
  const storage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) };
  const p = createProgress(storage);
  p.done('one-neuron', { text: 'test accuracy 97 % after 3 epochs', epoch: 3 });
  assert.deepEqual(createProgress(storage).get('one-neuron'), { text: 'test accuracy 97 % after 3 epochs', epoch: 3 });
  store.set(STORAGE_KEY, '{not json');
  assert.equal(createProgress(storage).get('one-neuron'), null);
  store.set(STORAGE_KEY, JSON.stringify({ a: { text: 1 }, b: null, __proto__: { text: 'x', epoch: 1 } }));
  assert.deepEqual(createProgress(storage).all(), {});
  assert.equal(createProgress(storage).get('constructor'), null);
  const throwing = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('full'); } };
  const t = createProgress(throwing);
  t.done('x', { text: 'y', epoch: 1 });
  assert.deepEqual(t.get('x'), { text: 'y', epoch: 1 });
  const none = createProgress(null);
  none.done('x', { text: 'y', epoch: 1 });
  assert.deepEqual(none.get('x'), { text: 'y', epoch: 1 });
});

test('a frame is judged epoch by epoch (its history rows), then as itself', () => {
  const frame = { epoch: 3, steps: 60, train: { loss: 0.1, accuracy: 0.99 }, test: { loss: 0.1, accuracy: 0.99 }, grads: { norms: [1, 2] },
    history: [1, 2, 3].map((e) => ({ epoch: e, trainLoss: 1 / e, testLoss: 1 / e, trainAcc: 0.9 + e / 100, testAcc: 0.9 + e / 100 })) };
  assert.deepEqual(momentsOf(frame, {}).map((m) => m.epoch), [1, 2, 3, 3]);
  const lesson = { check: (r) => (r.test.accuracy >= 0.92 ? `at ${r.epoch}` : null) };
  assert.deepEqual(firstPass(lesson, frame, {}), { text: 'at 2', epoch: 2 });
});

/** Trains `config` epoch by epoch with the worker's Trainer; the first epoch the lesson's check
 *  passes ({ text, epoch }), or null after `epochs`. */
function solve(l, config, epochs) {
  const { start, solution } = configsOf(catalog, l);
  let frame = null;
  const trainer = new Trainer(nn, (m) => { if (m.type === TO_PAGE.FRAME) frame = m; });
  trainer.build({ id: 1, config });
  const initial = { train: frame.train, test: frame.test };
  const context = { config, start, solution, initial };
  try {
    for (let e = 1; e <= epochs; e++) {
      trainer.epoch();
      const got = firstPass(l, frame, context);
      if (got) return got;
    }
    return null;
  } finally { trainer.dispose(); }
}

for (const l of LESSONS) {
  test(`${l.id}: Show me passes its check within ${l.within} epochs; the start as given does not`, (t) => {
    const { start, solution } = configsOf(catalog, l);
    const t0 = performance.now();
    const got = solve(l, solution, l.within);
    assert.ok(got, `${l.id}: no pass within ${l.within} epochs`);
    assert.ok(got.epoch <= l.within);
    t.diagnostic(`${l.id}: Done at epoch ${got.epoch} (“${got.text}”), ${Math.round(performance.now() - t0)} ms in Node`);
    if (l.showMe) assert.equal(solve(l, start, l.within), null, `${l.id}: the start passes by itself within ${l.within} epochs`);
  });
}
