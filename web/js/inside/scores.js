// scores.js — how well the network does on the test set: a confusion matrix (rows: the true
// class, columns: the predicted one; a table named "Confusion matrix") for classification, or
// R² and RMSE for regression. The worker counts; this module only shows.
import { h } from '../dom.js';
import { markerIcon, classShape } from '../marks.js';

export function createScores(root) {
  const body = h('div', { class: 'scores' });
  root.append(body);
  let last = '';

  // a class's heading: its marker (colour and shape, as in the plot; the shape named for screen
  // readers); columns of more than three classes say only the number, so six fit a narrow card
  const heading = (k, short) => [markerIcon(k, 12), short ? h('span', { class: 'sr-only' }, 'Class ') : 'Class ', String(k + 1),
    h('span', { class: 'sr-only' }, ` (${classShape(k)})`)];
  const pct = (v) => `${(v * 100).toFixed(1)}%`;

  function matrix({ matrix: m, n }) {
    const k = m.length;
    const correct = m.reduce((s, row, i) => s + row[i], 0);
    const head = h('tr', {}, h('td', { class: 'cm-corner' }, 'true ↓ · predicted →'),
      m.map((_, j) => h('th', { scope: 'col' }, heading(j, k > 3))));
    const rows = m.map((row, i) => {
      const total = row.reduce((a, b) => a + b, 0) || 1;
      return h('tr', {}, h('th', { scope: 'row' }, heading(i, false)), row.map((count, j) => {
        const share = count / total;
        const bg = i === j ? `rgba(31, 95, 191, ${0.08 + 0.5 * share})` : count ? `rgba(214, 64, 78, ${0.08 + 0.6 * share})` : 'transparent';
        return h('td', { style: `background:${bg}`, class: i === j ? 'cm-hit' : '' }, String(count));
      }));
    });
    return [
      h('table', { class: 'cm', 'aria-label': 'Confusion matrix' }, h('thead', {}, head), h('tbody', {}, rows)),
      h('p', { class: 'hint' }, `${correct} of ${n} test points right (${pct(correct / n)}). ${k > 1 ? 'Off-diagonal cells are the mistakes: which class was taken for which.' : ''}`),
    ];
  }

  function regression({ r2, rmse, n }) {
    const cell = (k, v, note) => h('div', { class: 'metric big' }, h('span', { class: 'k' }, k), h('span', { class: 'v' }, v), h('span', { class: 'hint' }, note));
    return [
      h('div', { class: 'reg-scores', role: 'group', 'aria-label': 'Regression scores' },
        cell('R²', Number.isFinite(r2) ? r2.toFixed(3) : '—', '1 is a perfect fit; 0 no better than the mean'),
        cell('RMSE', rmse.toFixed(4), 'typical error, in target units')),
      h('p', { class: 'hint' }, `On ${n} test points.`),
    ];
  }

  return {
    /** scores from the worker: { kind, n, matrix } or { kind: 'regression', n, r2, rmse }. */
    show(s) {
      const k = JSON.stringify(s);
      if (k === last) return;
      const shape = `${s.kind}|${s.n ? s.matrix?.length ?? 'r' : 0}`;
      const cells = body.querySelectorAll('tbody td');
      if (last && shape === body.dataset.shape && s.matrix && cells.length) {  // same table: new numbers in place
        const fresh = matrix(s);
        fresh[0].querySelectorAll('tbody td').forEach((td, i) => { cells[i].textContent = td.textContent; cells[i].style.background = td.style.background; });
        body.querySelector('p.hint').textContent = fresh[1].textContent;
        last = k;
        return;
      }
      last = k;
      body.dataset.shape = shape;
      if (!s.n) body.replaceChildren(h('p', { class: 'hint' }, 'No test points: raise the test ratio (Data panel) to score the network on points it never trained on.'));
      else body.replaceChildren(...(s.kind === 'regression' ? regression(s) : matrix(s)));
    },
    reset() { last = ''; body.replaceChildren(h('p', { class: 'hint' }, 'Waiting for the network…')); },
  };
}
