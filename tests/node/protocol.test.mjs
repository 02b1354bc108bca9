// protocol.test.mjs — the page ↔ worker vocabulary (web/js/protocol.js): every type has one
// constructor and every constructor one type, messages survive structured cloning, no other file
// under web/js spells a message type, and the worker's Trainer (web/js/trainer.js) answers through
// it: a build, a try that fails (rejected, the run goes on), settings the core refuses (answered
// with the field, the previous settings keep training) and settings it takes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nn } from './load.mjs';
import { TO_WORKER, TO_PAGE, toWorker, toPage } from '../../web/js/protocol.js';
import { Trainer } from '../../web/js/trainer.js';
import { defaultConfig } from '../../web/js/config.js';

const WEB = fileURLToPath(new URL('../../web/', import.meta.url));

test('each direction: one constructor per type, one type per constructor, all distinct', () => {
  for (const [types, make] of [[TO_WORKER, toWorker], [TO_PAGE, toPage]]) {
    const names = Object.values(types);
    assert.equal(new Set(names).size, names.length);
    assert.deepEqual(Object.keys(make).sort(), names.slice().sort(), 'constructors are named after their types');
  }
});

test('constructors build plain, cloneable messages; req only on a try', () => {
  const config = defaultConfig();
  assert.equal('req' in toWorker.build({ id: 1, config }), false);
  assert.deepEqual(toWorker.build({ id: 2, config, req: 7, pause: true }), { type: 'build', id: 2, config, model: null, pause: true, req: 7 });
  assert.deepEqual(toWorker.run(false), { type: 'run', running: false });
  assert.deepEqual(toWorker.run(true, Infinity), { type: 'run', running: true, speed: Infinity });
  assert.deepEqual(toPage.settings(3, [{ field: 'optimizer.momentum', message: 'm' }]), { type: 'settings', id: 3, errors: [{ field: 'optimizer.momentum', message: 'm' }] });
  assert.deepEqual(toPage.data(4, true, { kind: 'binary' }), { type: 'data', id: 4, keep: true, kind: 'binary' });
  const m = toWorker.param({ layer: 0, kind: 'w', row: 1, col: 0, value: 0.5 });
  assert.deepEqual(structuredClone(m), m);
});

/** Every .js file under web/, as [path relative to web/, text]. */
function sources(dir = WEB) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.js') ? [[relative(WEB, p), readFileSync(p, 'utf8')]] : [];
  });
}

test('no file but protocol.js spells a message type', () => {
  const names = new Set([...Object.values(TO_WORKER), ...Object.values(TO_PAGE)]);
  const found = [];
  for (const [path, text] of sources()) {
    if (path === 'js/protocol.js' || !path.startsWith('js/')) continue;  // embed-worker.js is its own example
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      for (const m of line.matchAll(/\btype\s*(?:[!=]==?|:)\s*['"`](\w+)['"`]|\bcase\s+['"`](\w+)['"`]\s*:/g)) {
        const name = m[1] ?? m[2];
        if (names.has(name)) found.push(`${path}:${i + 1}: ${line.trim()}`);
      }
      if (/\b(msg|message|answer|data|m)\.type\s*[!=]==?\s*['"`]/.test(line)) found.push(`${path}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(found, [], 'message types belong in protocol.js');
});

// --- the Trainer, driven as worker.js drives it ---------------------------------------------------

function trainer() {
  const posted = [];
  const t = new Trainer(nn, (m) => posted.push(m));
  return { t, posted, last: (type) => posted.findLast((m) => m.type === type), clear: () => { posted.length = 0; } };
}

test('Trainer: builds, refuses a bad try without touching the run, answers settings', () => {
  const { t, posted, last, clear } = trainer();
  try {
    const config = { ...defaultConfig(), points: 100, optimizer: 'momentum', momentum: 0.5 };
    t.build(toWorker.build({ id: 1, config }));
    assert.deepEqual(posted.map((m) => m.type), [TO_PAGE.DATA, TO_PAGE.FRAME]);
    assert.equal(last(TO_PAGE.FRAME).id, 1);

    clear();
    t.build(toWorker.build({ id: 2, config: { ...config, momentum: 1 }, req: 5 }));
    assert.deepEqual(posted.map((m) => m.type), [TO_PAGE.REJECTED]);
    assert.equal(posted[0].req, 5);
    assert.ok(['momentum', 'optimizer.momentum'].includes(posted[0].errors[0].field), posted[0].errors[0].field);  // the page's check or the core's

    clear();
    t.step();
    assert.equal(last(TO_PAGE.FRAME).id, 1, 'the run that was there goes on');
    assert.equal(last(TO_PAGE.FRAME).steps, 1);

    clear();
    t.settings({ ...config, momentum: 1 });
    assert.deepEqual(posted.map((m) => m.type), [TO_PAGE.SETTINGS]);
    assert.deepEqual(posted[0].errors.map((e) => e.field), ['optimizer.momentum']);
    assert.match(posted[0].errors[0].message, /\[0, 1\)/);
    t.export();
    assert.equal(JSON.parse(last(TO_PAGE.MODEL).json).spec.optimizer.momentum, 0.5, 'the previous settings still train');
    t.step();
    assert.equal(last(TO_PAGE.FRAME).steps, 2);

    clear();
    t.settings({ ...config, momentum: 0.25, batchSize: 0 });
    assert.deepEqual(posted[0].errors.map((e) => e.field), ['batchSize'], 'all or nothing: a bad batch size refuses the whole change');
    t.settings({ ...config, momentum: 0.25 });
    assert.deepEqual(last(TO_PAGE.SETTINGS).errors, []);
    t.export();
    assert.equal(JSON.parse(last(TO_PAGE.MODEL).json).spec.optimizer.momentum, 0.25);

    clear();
    clear();   // a weight edited to a value float cannot hold: said, and the network unchanged
    t.export();
    const weightsBefore = JSON.parse(last(TO_PAGE.MODEL).json).weights;
    clear();
    t.param({ layer: 0, kind: 'w', row: 0, col: 0, value: 1e39 });
    assert.deepEqual(posted.map((m) => m.type), [TO_PAGE.SETTINGS]);
    assert.equal(posted[0].errors[0].field, 'value');
    t.export();
    assert.deepEqual(JSON.parse(last(TO_PAGE.MODEL).json).weights, weightsBefore);

    clear();
    t.build(toWorker.build({ id: 3, config: { ...config, layers: [{ units: 0, activation: 'tanh' }] } }));
    assert.deepEqual(posted.map((m) => m.type), [TO_PAGE.DATA, TO_PAGE.INVALID]);
    assert.equal(posted[1].errors[0].field, 'layers[0].units');
  } finally {
    t.dispose();
  }
});

test('Trainer: runs in slices and posts frames until paused', async () => {
  // Waited for from the post callback, not by polling a timer: Node drains a MessagePort's queue
  // (the loop's yield) before it runs timers, where a browser interleaves them as tasks.
  let seen = 0, resolve;
  const three = new Promise((r) => { resolve = r; });
  const posted = [];
  const t = new Trainer(nn, (m) => { posted.push(m); if (m.type === TO_PAGE.FRAME && m.running && ++seen === 3) resolve(); });
  try {
    t.build(toWorker.build({ id: 1, config: { ...defaultConfig(), points: 100 } }));
    t.run(true, Infinity);
    await three;
    t.run(false);
    const f = posted.at(-1);
    assert.equal(f.type, TO_PAGE.FRAME);
    assert.equal(f.running, false);
    assert.ok(f.epoch > 0, 'trained while running');
  } finally {
    t.dispose();
  }
});
