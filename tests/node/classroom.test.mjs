// classroom.test.mjs — the DOM-free parts of the classroom tools: the shortcuts' table (no key
// twice) and which key events it answers (never with Ctrl, Alt or Meta, never in a field, Space left
// to a button reached with Tab); the view keys of the link (present=1 read, written, checked, and
// set apart from the configuration); the exported plot's layout and title.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SHORTCUTS, shortcutFor } from '../../web/js/shortcuts.js';
import { decodeHash, encodeHash, withoutView } from '../../web/js/hash.js';
import { pngLayout, titleParts } from '../../web/js/plotpng.js';
import { catalog } from '../../web/js/catalog.js';

/** A stand-in element: closest(selector) finds it when one of the selector's parts names its tag. */
const el = (tag) => {
  const self = { tag, closest: (sel) => (sel.split(', ').some((p) => p === tag || p.startsWith(`${tag}:`) || p.startsWith(`${tag}[`)) ? self : null) };
  return self;
};
const key = (k, more = {}) => ({ key: k, target: el('body'), ...more });

test('the shortcuts: one row per action, no key twice, each with what it does', () => {
  const keys = SHORTCUTS.flatMap((s) => s.keys);
  assert.equal(new Set(keys).size, keys.length);
  assert.equal(new Set(SHORTCUTS.map((s) => s.action)).size, SHORTCUTS.length);
  for (const s of SHORTCUTS) assert.ok(s.text && s.shown.length === s.keys.length, s.action);
  for (const [k, action] of [[' ', 'play'], ['s', 'stepEpoch'], ['S', 'stepEpoch'], ['.', 'stepEpoch'], ['r', 'reset'], ['?', 'help'], ['p', 'present'], ['Escape', 'leave']]) {
    assert.equal(shortcutFor(key(k))?.action, action, JSON.stringify(k));
  }
});

test('no shortcut with Ctrl, Alt or Meta held, while composing, in a field or a select, or on a repeat of a one-shot key', () => {
  for (const mod of ['ctrlKey', 'altKey', 'metaKey', 'isComposing']) assert.equal(shortcutFor(key('s', { [mod]: true })), null, mod);
  for (const tag of ['input', 'textarea', 'select']) assert.equal(shortcutFor(key(' ', { target: el(tag) })), null, tag);
  assert.equal(shortcutFor(key(' ', { repeat: true })), null, 'holding Space does not flicker play/pause');
  assert.equal(shortcutFor(key('s', { repeat: true }))?.action, 'stepEpoch', 'holding S keeps stepping');
  assert.equal(shortcutFor(key('x')), null);
});

test('Space on a button is the button\'s own press, unless a click put the focus there', () => {
  const b = el('button');
  assert.equal(shortcutFor(key(' ', { target: b })), null);
  assert.equal(shortcutFor(key(' ', { target: b }), b)?.action, 'play');
  assert.equal(shortcutFor(key('s', { target: b }))?.action, 'stepEpoch', 'letters are shortcuts on a button too');
});

test('present=1 is read into the view, written after the settings, checked, and no part of the configuration', () => {
  const plain = encodeHash(catalog, decodeHash(catalog, '').config);
  const { config, view, problems } = decodeHash(catalog, `${plain}&present=1`);
  assert.deepEqual(problems, []);
  assert.deepEqual(view, { present: true });
  assert.equal(encodeHash(catalog, config), plain, 'the configuration is the same');
  assert.equal(encodeHash(catalog, config, { view }), `${plain}&present=1`);
  assert.equal(encodeHash(catalog, config, { view: { present: false } }), plain, 'not presenting: nothing written');
  assert.equal(withoutView(`${plain}&present=1`), plain);
  assert.deepEqual(decodeHash(catalog, '#present=0').view, { present: false });
  const bad = decodeHash(catalog, '#present=yes');
  assert.deepEqual(bad.view, {});
  assert.deepEqual(bad.problems.map((p) => p.key), ['present']);
  assert.match(bad.problems[0].message, /1 or 0/);
});

test('the exported plot: the plot canvas with a margin, two title lines above and the legend below; the title names the run', () => {
  const one = pngLayout(430, 1), two = pngLayout(860, 2);
  assert.deepEqual(one.plot, { x: 20, y: 76, size: 430 });
  assert.equal(one.width, 470);
  assert.deepEqual(two.plot, { x: 40, y: 152, size: 860 });
  assert.equal(two.legendTop, 152 + 860 + 24);
  assert.deepEqual(titleParts({ data: 'Spiral', inputs: 2, layers: [{ units: 16, display: 'Tanh' }, { units: 3, display: 'Softmax' }], epoch: 1200, metric: { name: 'test accuracy', text: '97.5 %' } }),
    ['Spiral', '2 → 16 Tanh → 3 Softmax', 'epoch 1,200', 'test accuracy 97.5 %']);
  assert.equal(titleParts({ data: 'D', inputs: 2, layers: [], epoch: 0, metric: null }).length, 3);
});
