// view.js — the "Loss landscape" section (issue 14, point 5): opened by its button (or by a lesson
// whose entry lists the view), it asks the worker (protocol.js landscape) for the loss over a plane
// through the current weights, along two random filter-normalised directions (Li et al. 2018) or
// two chosen weights, and draws it (draw.js) with the optimizer's recent path. The readout beside it
// is the picture's text: the centre's loss (the network's loss on the training points), where the
// path started, and what was left out to stay within the work limit. Closed, nothing is computed.
import { h, field, select } from '../dom.js';
import { toWorker } from '../protocol.js';
import { FEATURES } from '../features.js';
import { drawLandscape } from './draw.js';
import { GRADIENT } from './contours.js';

const RANGES = [['fit', 'Fit the path'], ...[0.01, 0.05, 0.1, 0.5, 1, 2, 5].map((r) => [String(r), `±${r}`])];
const fmt = (v) => (Number.isFinite(v) ? (Math.abs(v) >= 1000 ? v.toExponential(2) : v.toFixed(4)) : '—');   // as the status line
const coord = (v) => (v === 0 ? '0' : `${v < 0 ? '−' : ''}${Math.abs(v).toPrecision(2)}`);
const count = (n) => n.toLocaleString('en-US');

/** root: the empty section; post(message) sends to the worker. */
export function createLandscapeView(root, { post }) {
  let open = false, last = null;
  let shape = { layers: [], features: [] };   // layers incl. the output: [{ units }]
  const options = { directions: 'random', seed: 1, range: 'fit', picks: [{ layer: -1, row: 0, col: 0 }, { layer: -1, row: 0, col: 1 }] };

  // --- the disclosure -------------------------------------------------------------------------
  const toggle = h('button', { type: 'button', class: 'ls-toggle', 'aria-expanded': 'false', 'aria-controls': 'landscape-body' }, 'Loss landscape');
  const body = h('div', { id: 'landscape-body', class: 'ls-body', hidden: true });
  root.append(h('div', { class: 'ls-card' }, h('h2', { class: 'ls-head' }, toggle,
    h('span', { class: 'sub' }, 'the loss around the current weights, and the optimizer’s recent path')), body));
  toggle.addEventListener('click', () => setOpen(!open));

  // --- the picture ------------------------------------------------------------------------------
  const canvas = h('canvas', { class: 'ls-canvas', role: 'img', 'aria-label': 'Loss landscape: not computed yet' });
  const lo = h('span', { class: 'ls-lo' }), hi = h('span', { class: 'ls-hi' }), scaleName = h('span', { class: 'ls-scale' });
  const legend = h('div', { class: 'ls-legend' }, lo, h('span', { class: 'ls-bar', style: `background: ${GRADIENT}` }), hi, scaleName);
  const mark = (cls, text) => h('span', { class: 'ls-key-item' }, h('span', { class: `ls-mark ${cls}`, 'aria-hidden': 'true' }), text);
  const key = h('p', { class: 'hint ls-key' }, mark('start', 'where the path starts'), mark('now', 'the current weights (0, 0)'));

  // --- the controls -----------------------------------------------------------------------------
  const radio = (value, text) => h('label', { class: 'ls-radio' },
    h('input', { type: 'radio', name: 'ls-directions', value, checked: value === 'random' || undefined }), text);
  const kinds = h('fieldset', { class: 'ls-kinds' }, h('legend', {}, 'Directions'),
    radio('random', 'Random, filter-normalised (Li et al. 2018)'), radio('weights', 'Two weights'));
  const seed = h('input', { type: 'number', min: 0, step: 1, value: 1, inputmode: 'numeric' });
  const seedRow = field('Seed', seed);
  const pickers = [0, 1].map((k) => weightPicker(k ? 'β' : 'α'));
  const weightsRow = h('div', { class: 'ls-weights', hidden: true }, pickers.map((p) => p.el));
  const range = select(RANGES);
  const readout = h('div', { class: 'ls-readout' });
  body.append(h('div', { class: 'ls-figure' }, h('div', { class: 'ls-plot' }, canvas), legend, key),
    h('div', { class: 'ls-side' }, kinds, seedRow, weightsRow, field('Range', range), readout));

  kinds.addEventListener('change', (e) => { options.directions = e.target.value; update(); send(); });
  seed.addEventListener('change', () => {
    const v = Number(seed.value);
    const ok = seed.value.trim() !== '' && Number.isSafeInteger(v) && v >= 0;
    seed.setAttribute('aria-invalid', String(!ok));
    if (ok && v !== options.seed) { options.seed = v; send(); }
  });
  range.addEventListener('change', () => { options.range = range.value === 'fit' ? 'fit' : Number(range.value); send(); });

  /** Three selects (layer, unit, input) for one weight; named "α layer" etc. */
  function weightPicker(name) {
    const sel = (what) => h('select', { 'aria-label': `${name} ${what}` });
    const layer = sel('layer'), unit = sel('unit'), input = sel('input');
    const el = h('fieldset', { class: 'ls-pick' }, h('legend', {}, `${name}: one weight`),
      h('label', {}, h('span', {}, 'Layer'), layer), h('label', {}, h('span', {}, 'Unit'), unit), h('label', {}, h('span', {}, 'Input'), input));
    return { el, layer, unit, input };
  }

  /** The pickers' choices for the current shape (a choice that no longer exists becomes the first). */
  function fillPickers() {
    const L = shape.layers.length;
    pickers.forEach((p, k) => {
      const pick = options.picks[k];
      if (pick.layer < 0 || pick.layer >= L) Object.assign(pick, { layer: L - 1, row: 0, col: k });
      const units = shape.layers[pick.layer]?.units ?? 1;
      const inputs = pick.layer === 0 ? shape.features : Array.from({ length: shape.layers[pick.layer - 1]?.units ?? 0 }, (_, u) => `unit ${u + 1} of layer ${pick.layer}`);
      if (pick.row >= units) pick.row = 0;
      if (pick.col !== null && pick.col >= inputs.length) pick.col = inputs.length ? 0 : null;
      const opts = (el, list, value) => el.replaceChildren(...list.map(([v, t]) => h('option', { value: String(v), selected: String(v) === String(value) || undefined }, t)));
      opts(p.layer, shape.layers.map((_, l) => [l, l === L - 1 ? 'Output' : `Layer ${l + 1}`]), pick.layer);
      opts(p.unit, Array.from({ length: units }, (_, u) => [u, `Unit ${u + 1}`]), pick.row);
      opts(p.input, [...inputs.map((t, c) => [c, t]), ['b', 'Bias b']], pick.col ?? 'b');
    });
  }
  pickers.forEach((p, k) => {
    for (const el of [p.layer, p.unit, p.input]) {
      el.addEventListener('change', () => {
        const pick = options.picks[k];
        if (el === p.layer) Object.assign(pick, { layer: Number(el.value), row: 0, col: 0 });
        else if (el === p.unit) pick.row = Number(el.value);
        else pick.col = el.value === 'b' ? null : Number(el.value);
        fillPickers();
        send();
      });
    }
  });

  function update() {
    seedRow.hidden = options.directions !== 'random';
    weightsRow.hidden = options.directions === 'random';
  }

  /** The options as the worker takes them. */
  function request() {
    const directions = options.directions === 'random' ? 'random'
      : options.picks.map(({ layer, row, col }) => (col === null ? { layer, row } : { layer, row, col }));
    return { directions, seed: options.seed, range: options.range };
  }
  let sent = null;   // the options the worker has (it keeps them for each new network)
  function send() {
    if (!open || !shape.layers.length) return;
    const r = request();
    if (r.directions !== 'random' && JSON.stringify(r.directions[0]) === JSON.stringify(r.directions[1])) {
      readout.replaceChildren(h('p', { class: 'ls-error' }, 'α and β are the same weight: pick two different weights.'));
      return;
    }
    sent = JSON.stringify(r);
    post(toWorker.landscape(r));
  }

  function setOpen(on) {
    if (on === open) return;
    open = on;
    toggle.setAttribute('aria-expanded', String(on));
    body.hidden = !on;
    root.classList.toggle('open', on);
    if (on) { draw(); send(); } else { sent = null; post(toWorker.landscape(null)); }
  }

  // --- drawing and the readout ------------------------------------------------------------------
  function draw() {
    if (!open) return;
    const scale = drawLandscape(canvas, last);
    lo.textContent = scale ? fmt(scale.min) : '';
    hi.textContent = scale ? fmt(scale.max) : '';
    scaleName.textContent = scale ? (scale.log ? 'loss, log scale' : 'loss') : '';
  }
  new ResizeObserver(() => draw()).observe(canvas);

  function say(l) {
    const p = (...c) => (c[0]?.constructor === Object ? h('p', ...c) : h('p', {}, ...c));
    if (!l) return [p('Computing…')];
    if (l.tooLarge) return [p(`This network is too large for a landscape within the work limit (${count(l.parameters)} parameters).`)];
    if (l.error) return [p({ class: 'ls-error' }, l.error)];
    const points = l.n === l.of ? `the ${count(l.of)} training points` : `${count(l.n)} of the ${count(l.of)} training points`;
    const out = [p(h('strong', {}, `Centre: ${fmt(l.center)}`), `, the network’s loss on ${points} (epoch ${count(l.epoch)}).`)];
    const snaps = l.path.length / 2;
    if (snaps > 1) {
      const from = l.from.steps ? `epoch ${count(l.from.epoch)}, step ${count(l.from.steps)}` : 'its first weights';
      out.push(p(`Path: ${count(snaps)} snapshots (one per epoch, or per step when stepped by hand) from ${from}, which lies at ` +
        `α = ${coord(l.path[0])}, β = ${coord(l.path[1])}, to the current weights at the centre.`));
    } else out.push(p('Path: none yet. Train to draw one.'));
    out.push(p({ class: 'hint' }, options.directions === 'random'
      ? `α and β step along two random directions, each row of W scaled to the norm of that row (seed ${l.seed ?? options.seed}); range ±${l.range}${l.fitted ? ', fitted to the path' : ''}. ` +
        'The path is projected onto this plane: the weights it passed through lie off the plane, so the colours under it are not their losses.'
      : `α and β are the changes of the two chosen weights, ${options.picks.map(weightName).join(' and ')}; range ±${l.range}${l.fitted ? ', fitted to the path' : ''}.`));
    if (l.reduced) out.push(p({ class: 'ls-note' }, `Computed on ${points} and a ${l.steps} × ${l.steps} grid, to stay within the work limit.`));
    return out;
  }

  /** "layer 1's weight from x₁ to unit 2", "the output's bias of unit 1". */
  function weightName({ layer, row, col }) {
    const which = layer === shape.layers.length - 1 ? 'the output layer’s' : `layer ${layer + 1}’s`;
    if (col === null) return `${which} bias of unit ${row + 1}`;
    const from = layer === 0 ? shape.features[col] : `unit ${col + 1} of layer ${layer}`;
    return `${which} weight from ${from} to unit ${row + 1}`;
  }

  function describe(l) {
    if (!l?.loss) return 'Loss landscape: not computed yet';
    const a = l.path[0], b = l.path[1];
    return `Loss landscape: contours of the training loss around the current weights, centre ${fmt(l.center)}; ` +
      `the path runs from α ${coord(a)}, β ${coord(b)} to the centre.`;
  }

  return {
    /** Opens the view (a lesson that lists it). */
    open: () => setOpen(true),
    /** A new network: its layers (incl. the output: [{ units }]) and input features (names). */
    reset(layers, features) {
      shape = { layers, features: features.map((n) => FEATURES.find((f) => f.name === n)?.label ?? n) };
      fillPickers();
      last = null;
      readout.replaceChildren(...say(null));
      draw();
      if (JSON.stringify(request()) !== sent) send();   // the same options carry over by themselves
    },
    /** The worker's landscape message for the current network. */
    show(l) {
      last = l;
      if (!open) return;
      readout.replaceChildren(...say(l));
      canvas.setAttribute('aria-label', describe(l));
      if (l.path?.length) {
        let length = 0;
        for (let k = 2; k < l.path.length; k += 2) length += Math.hypot(l.path[k] - l.path[k - 2], l.path[k + 1] - l.path[k - 1]);
        Object.assign(canvas.dataset, { center: String(l.center), pathStart: `${l.path[0]},${l.path[1]}`, pathLength: String(length) });
      }
      draw();
    },
  };
}
