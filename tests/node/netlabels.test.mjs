// netlabels.test.mjs — the network drawing's column labels (web/js/netlabels.js) for every depth
// from 0 to 8 hidden layers and drawings from 120 to 1400 px wide, with a stand-in measure
// (6.2 px per character, 11 px text's average): no two labels of a band overlap, none leaves the
// drawing, the layout takes more lines only when it must, and a shortened label keeps its full text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutLabels, LINE } from '../../web/js/netlabels.js';

const measure = (t) => 6.2 * [...t].length;

/** Columns as netview.js places them: inputs, hidden layers of `units` `act`, one sigmoid output. */
function columns(width, hidden, units = 16, act = 'Leaky ReLU') {
  const n = hidden + 2, left = 30, right = 16, dx = (width - left - right) / (n - 1);
  return Array.from({ length: n }, (_, c) => ({
    x: left + c * dx, parts: c === 0 ? ['input'] : c === n - 1 ? ['1', 'Sigmoid'] : [String(units), act],
  }));
}

test('labels of a band never overlap and stay in the drawing, at every depth and width', () => {
  for (let hidden = 0; hidden <= 8; hidden++) {
    for (let width = 120; width <= 1400; width += 20) {
      const { labels, bandHeight } = layoutLabels(columns(width, hidden), width, measure);
      const where = `${hidden} hidden layers, ${width} px`;
      for (const l of labels) {
        assert.ok(l.x - l.width / 2 >= 0 && l.x + l.width / 2 <= width, `${where}: "${l.lines}" inside`);
        assert.ok(l.y + l.lines.length * LINE <= bandHeight, `${where}: "${l.lines}" within the band`);
        assert.ok(l.lines.every((t) => measure(t) <= l.width), `${where}: the box holds its text`);
      }
      for (const [k, a] of labels.entries()) {
        for (const b of labels.slice(k + 1)) {
          const sameRows = a.y < b.y + b.lines.length * LINE && b.y < a.y + a.lines.length * LINE;
          const apart = a.x + a.width / 2 <= b.x - b.width / 2 || b.x + b.width / 2 <= a.x - a.width / 2;
          assert.ok(!sameRows || apart, `${where}: "${a.lines}" and "${b.lines}" overlap`);
        }
      }
    }
  }
});

test('one line when there is room; two, then staggered, then shortened as the room shrinks', () => {
  const at = (width, hidden) => layoutLabels(columns(width, hidden, 16, 'Tanh'), width, measure);
  assert.deepEqual(at(1000, 2).labels.map((l) => l.lines), [['input'], ['16 Tanh'], ['16 Tanh'], ['1 Sigmoid']]);
  assert.equal(at(1000, 2).bandHeight, LINE);
  assert.deepEqual(at(200, 2).labels[1].lines, ['16', 'Tanh']);
  assert.equal(at(200, 2).bandHeight, 2 * LINE);
  const staggered = at(260, 8);
  assert.equal(staggered.bandHeight, 4 * LINE);
  assert.deepEqual([...new Set(staggered.labels.map((l) => l.y))].sort((a, b) => a - b), [0, 2 * LINE]);
  const tight = layoutLabels(columns(200, 8), 200, measure);   // Leaky ReLU in 18 px columns
  const cut = tight.labels.filter((l) => l.lines.some((t) => t.endsWith('…')));
  assert.ok(cut.some((l) => l.full === '16 Leaky ReLU'), 'Leaky ReLU is shortened, and keeps its full text');
  for (const l of cut) assert.ok(l.full.startsWith(l.lines[0].replace('…', '')), `"${l.lines}" starts "${l.full}"`);
});
