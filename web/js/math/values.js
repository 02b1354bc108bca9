// values.js — the "Live values" part of the By-hand panel: a layer picker and the matrices of that
// layer for one mini-batch (W, b, Z, A, dA, dZ, dW, db, and ΔW, Δb when the update was previewed) as
// heatmap cards, in three rows: forward, backward, update. The cards a step of the step-through
// uses are marked active. Holds the last trace it was given; main/panel decide when to ask for one.
import { h } from '../dom.js';
import { layerMatrices } from './matrices.js';
import { matrixCard, createTooltip } from './heatmap.js';
import { display as displayOf } from '../rows.js';

const GROUPS = [['forward', 'Forward', ['W', 'b', 'Z', 'A']], ['backward', 'Backward', ['dA', 'dZ', 'dW', 'db']], ['update', 'Update', ['ΔW', 'Δb']]];

export function createValuesView(root, catalog, { onLayer = () => {} } = {}) {
  const display = (name) => displayOf(catalog.activations, name);
  let data = null;          // { trace, preview, start, inputs }
  let layer = 1, active = [], tex = null, shown = '';
  const tip = createTooltip(document.body);
  const picker = h('select', { id: 'byhand-layer' });
  picker.addEventListener('change', () => { layer = Number(picker.value); onLayer(layer); draw(); });
  const info = h('p', { class: 'hint bh-batch' });
  const grid = h('div', { class: 'mat-groups' });
  root.append(
    h('div', { class: 'bh-picker' }, h('label', { for: 'byhand-layer' }, 'Show layer'), picker, info),
    grid,
  );

  function axes(key, l, L, m) {
    const rows = l === L ? `outputs (layer ${l})` : `neurons of layer ${l}`;
    if (key === 'W' || key === 'dW' || key === 'ΔW') return `rows: ${rows} · columns: ${l === 1 ? 'inputs' : `neurons of layer ${l - 1}`}`;
    if (key === 'b' || key === 'db' || key === 'Δb') return `one entry per neuron of layer ${l}`;
    return `rows: ${rows} · columns: the ${m} samples`;
  }

  function draw() {
    if (!data || !tex) { shown = ''; grid.replaceChildren(h('p', { class: 'hint' }, data ? '' : 'Waiting for a mini-batch…')); return; }
    const { trace } = data;
    const L = trace.layers.length;
    if (layer > L) { layer = L; onLayer(layer); }
    const options = trace.layers.map((t, i) => `${i + 1}|Layer ${i + 1} · ${i + 1 === L ? 'output' : 'hidden'} · ${t.units} ${display(t.activation)}`).join('\n');
    if (picker.dataset.options !== options) {
      picker.dataset.options = options;
      picker.replaceChildren(...options.split('\n').map((o) => { const [v, t] = o.split('|'); return h('option', { value: v }, t); }));
    }
    picker.value = String(layer);
    const mats = layerMatrices(trace, layer, { inputs: data.inputs, preview: data.preview, start: data.start });
    const byKey = Object.fromEntries(mats.map((m) => [m.key, m]));
    const m = trace.n;
    info.textContent = `Mini-batch: training samples ${data.start + 1}–${data.start + m} (m = ${m}), loss ${Number.isFinite(trace.loss) ? trace.loss.toFixed(4) : trace.loss}.`;
    // the same matrices as shown (same layer and shapes): repaint the cards in place
    const key = `${layer}|${mats.map((x) => `${x.key}${x.rows}x${x.cols}`).join(',')}`;
    if (key === shown) {
      for (const card of grid.querySelectorAll('.mat-card')) card.update(byKey[card.dataset.key]);
      return;
    }
    shown = key;
    tip.hide();
    grid.replaceChildren(...GROUPS.map(([id, title, keys]) => {
      const cards = keys.filter((k) => byKey[k]).map((k) => matrixCard(byKey[k], { tex, tip, axes: axes(k, layer, L, m), active: active.includes(k) }));
      return cards.length ? h('div', { class: `mat-group group-${id}` }, h('h4', {}, title), h('div', { class: 'mat-row' }, cards)) : null;
    }).filter(Boolean));
  }

  return {
    /** A traced batch: { trace, preview?, start, inputs }. */
    setData(d) { data = d; draw(); },
    setRenderer(r) { tex = r; draw(); },
    /** Shows book layer l (1-based), e.g. the step-through's current layer. */
    setLayer(l) { if (l && l !== layer) { layer = l; onLayer(l); draw(); } },
    get layer() { return layer; },
    /** Marks the cards of the current step (keys of layerMatrices). */
    setActive(keys) {
      active = keys;
      for (const card of grid.querySelectorAll('.mat-card')) card.classList.toggle('active', keys.includes(card.dataset.key));
      grid.classList.toggle('stepping', keys.length > 0);
    },
    get data() { return data; },
  };
}
