// checkview.js — the gradient check of the By-hand panel: a button, then one row per layer with
// the relative error between backprop (the network's float arithmetic) and central differences
// (in double), and a sentence on what the number means. The worker runs net.gradientCheck on the
// mini-batch the next training step will use.
import { h } from '../dom.js';
import { formatValue } from './matrices.js';

export const TOLERANCE = 1e-3;

export function createCheckView(root, { run }) {
  const button = h('button', { type: 'button', class: 'ghost', onclick: () => { button.disabled = true; status.textContent = 'Checking…'; run(); } }, 'Run gradient check');
  const status = h('span', { class: 'hint', 'aria-live': 'polite' });
  const out = h('div', { class: 'bh-check-out' });
  root.append(
    h('p', { class: 'bh-text' }, 'Nudges every weight up and down by h and compares the change of the loss, ',
      h('i', {}, '(ℒ(θ + h) − ℒ(θ − h)) / 2h'), ', with the gradient backprop computed.'),
    h('div', { class: 'row-head' }, button, status), out);

  return {
    /** msg: { checks: [{weights, biases, checked}], start, n }. */
    show({ checks, start, n }) {
      button.disabled = false;
      const ok = checks.every((c) => c.weights < TOLERANCE && c.biases < TOLERANCE);
      status.textContent = ok ? 'Backprop agrees.' : 'Some layer disagrees.';
      // exactly 0 only happens when both gradients are 0 (a float backprop never matches double exactly)
      const cell = (v) => h('td', { class: v < TOLERANCE ? 'good' : 'bad', 'data-value': String(v) }, v === 0 ? '0 (both zero)' : formatValue(v));
      out.replaceChildren(
        h('table', { class: 'bh-table' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Layer'), h('th', { scope: 'col' }, 'W: relative error'),
            h('th', { scope: 'col' }, 'b: relative error'), h('th', { scope: 'col' }, 'Entries'))),
          h('tbody', {}, checks.map((c, i) => h('tr', { 'data-layer': i + 1 },
            h('th', { scope: 'row' }, `Layer ${i + 1}`), cell(c.weights), cell(c.biases), h('td', {}, String(c.checked)))))),
        h('p', { class: 'bh-text' },
          `The error is ‖g_backprop − g_numeric‖ / ‖g_backprop + g_numeric‖ over each layer, on training samples ${start + 1}–${start + n}. `,
          'Below 10⁻³ means backprop and finite differences agree to within float precision; a wrong derivative would show as 10⁻¹ or more.'),
      );
    },
    clear() { out.replaceChildren(); status.textContent = ''; button.disabled = false; },
  };
}
