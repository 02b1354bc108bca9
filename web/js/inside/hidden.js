// hidden.js — the hidden space: the data as one layer sees it (ConvNetJS's view, generalised).
// Two neurons are plotted directly; a wider layer by its first two principal components (worker:
// inside/pca.js); a single neuron across, with the input's x₂ up. The input plane's grid lines
// are drawn through the same map, so you can watch the network bend and fold the plane until
// the classes come apart. Classes in their colour and marker shape (marks.js), regression targets
// on the diverging scale. Owns: the chosen layer (the select "Hidden space layer").
import { h } from '../dom.js';
import { diverging } from '../boundary.js';
import { classColor, classShape, traceMarker } from '../marks.js';

const MAX_SHOWN = 1500;

export function createHiddenView(root, { onLayer }) {
  const select = h('select', { id: 'hidden-layer' });
  const canvas = h('canvas', { class: 'hidden-canvas', role: 'img', 'aria-label': 'Hidden space plot' });
  const caption = h('p', { class: 'hint hidden-caption' });
  root.append(
    h('div', { class: 'field inline' }, h('label', { for: 'hidden-layer' }, 'Hidden space layer'), select),
    h('div', { class: 'hidden-box' }, canvas), caption);
  const ctx = canvas.getContext('2d');
  let data = null;     // the 'data' message: point colours (train then test, as the worker stacks them)
  let view = null;     // the last hidden-space frame
  let names = [];
  let pending = false;

  select.addEventListener('change', () => onLayer(Number(select.value)));

  /** Point i's label (train then test) or, for regression, its target. */
  function valueOf(i) {
    const part = i < data.train.n ? data.train : data.test, k = i < data.train.n ? i : i - data.train.n;
    return data.kind === 'regression' ? part.targets[k] : part.labels[k];
  }

  /** At most MAX_SHOWN points (an even sample of larger sets): one path per class and part (a
   *  colour per point for regression). Train with a white rim, test with a dark one. */
  function drawPoints(px, py, n, nTrain) {
    const stride = Math.ceil(n / MAX_SHOWN), r = n > 600 ? 2.4 : 3;
    const rim = (test) => { ctx.lineWidth = test ? 1.2 : 0.8; ctx.strokeStyle = test ? '#1d2330' : '#ffffff'; ctx.stroke(); };
    const at = (i, shape) => traceMarker(ctx, shape, px(view.points[2 * i]), py(view.points[2 * i + 1]), r);
    if (data.kind === 'regression') {
      for (let i = 0; i < n; i += stride) {
        ctx.beginPath();
        at(i, 'disc');
        ctx.fillStyle = `rgb(${diverging(valueOf(i))})`;
        ctx.fill();
        rim(i >= nTrain);
      }
      return;
    }
    const groups = new Map();   // class · 2 + (test ? 1 : 0) → point indices
    for (let i = 0; i < n; i += stride) {
      const g = 2 * valueOf(i) + (i >= nTrain ? 1 : 0);
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push(i);
    }
    for (const [g, list] of [...groups].sort((a, b) => a[0] - b[0])) {
      const k = g >> 1;
      ctx.beginPath();
      for (const i of list) at(i, classShape(k));
      ctx.fillStyle = classColor(k);
      ctx.fill();
      rim(g & 1);
    }
  }

  function draw() {
    pending = false;
    const size = canvas.clientWidth, dpr = window.devicePixelRatio || 1;
    if (!size) return;
    if (canvas.width !== Math.round(size * dpr)) canvas.width = canvas.height = Math.round(size * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#fbfbfc';
    ctx.fillRect(0, 0, size, size);
    if (!view || !data || view.points.length / 2 !== data.train.n + data.test.n) return;
    const { points, lines, lineLength } = view;
    const n = points.length / 2;
    // a square window around the points (same scale both ways, so shapes are not distorted)
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (let i = 0; i < n; i++) {
      x0 = Math.min(x0, points[2 * i]); x1 = Math.max(x1, points[2 * i]);
      y0 = Math.min(y0, points[2 * i + 1]); y1 = Math.max(y1, points[2 * i + 1]);
    }
    const span = Math.max(x1 - x0, y1 - y0, 1e-6) * 1.12, cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    const px = (v) => ((v - cx) / span + 0.5) * size, py = (v) => (0.5 - (v - cy) / span) * size;
    ctx.save();
    ctx.lineWidth = 0.8;
    ctx.strokeStyle = 'rgba(60, 70, 90, 0.13)';
    for (let s = 0; s < lines.length / 2; s += lineLength) {
      ctx.beginPath();
      for (let i = 0; i < lineLength; i++) {
        const x = px(lines[2 * (s + i)]), y = py(lines[2 * (s + i) + 1]);
        if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      }
      ctx.stroke();
    }
    drawPoints(px, py, n, view.nTrain);
    ctx.restore();
    ctx.fillStyle = '#687185';
    ctx.font = '11px system-ui, -apple-system, "Segoe UI", sans-serif';
    const [ax, ay] = view.mode === 'pca' ? ['PC 1', 'PC 2'] : view.mode === 'neurons' ? ['neuron 1', 'neuron 2'] : ['neuron 1', 'input x₂'];
    ctx.textAlign = 'right';
    ctx.fillText(ax, size - 6, size - 6);
    ctx.textAlign = 'left';
    ctx.fillText(ay, 6, 14);
  }

  /** True when every point lands on the same spot: the layer's neurons are constant (dead). */
  function constant() {
    const p = view.points;
    let lo = [Infinity, Infinity], hi = [-Infinity, -Infinity];
    for (let i = 0; i < p.length; i++) { lo[i % 2] = Math.min(lo[i % 2], p[i]); hi[i % 2] = Math.max(hi[i % 2], p[i]); }
    const flat = hi[0] - lo[0] < 1e-6 && (view.mode === 'single' || hi[1] - lo[1] < 1e-6);
    return flat || (view.mode === 'pca' && view.explained.every((e) => !(e > 0)));
  }

  function describe() {
    if (!view) return '';
    const n = view.points.length / 2, stride = Math.ceil(n / MAX_SHOWN);
    const name = (names[view.layer] ?? '') + (stride > 1 ? ` (every ${stride === 2 ? 'other' : `${stride}th`} point shown)` : '');
    const regression = data?.kind === 'regression';
    const grid = 'Grey lines: the input plane’s grid, as this layer maps it.';
    if (constant()) {
      return `${name}: ${view.units === 1 ? 'its neuron gives' : `all ${view.units} neurons give`} the same value for every point: ` +
        'the layer is dead (constant), so the layers after it cannot tell the points apart.';
    }
    if (view.mode === 'pca') {
      const [a, b] = view.explained.map((e) => Math.round(e * 100));
      return `${name}: its ${view.units} activations seen along their first two principal components (${a}% and ${b}% of the spread). ${grid}`;
    }
    if (view.mode === 'neurons') return `${name}: its two neurons' values, one per axis. ${grid}`;
    return `${name}: its single neuron's value across, the input x₂ up. ` + (regression
      ? 'Colour is the target: where it changes steadily along the axis, the neuron follows the target.'
      : 'Where the classes separate along the axis, one threshold splits them.');
  }

  const redraw = () => { if (!pending) { pending = true; requestAnimationFrame(draw); } };
  new ResizeObserver(redraw).observe(canvas);

  return {
    /** A new network: layers = [{ units, activation, display }] incl. the output. Picks the last hidden layer. */
    reset(layers) {
      const what = (l) => `${l.units} ${l.display ?? l.activation}`;   // the activation's display name
      names = layers.map((l, i) => (i === layers.length - 1 ? `Output (${what(l)})` : `Layer ${i + 1} (${what(l)})`));
      const keep = Number(select.value);
      select.replaceChildren(...names.map((t, i) => h('option', { value: i }, t)));
      const chosen = Number.isInteger(keep) && keep < layers.length && select.dataset.count === String(layers.length) ? keep : Math.max(0, layers.length - 2);
      select.dataset.count = String(layers.length);
      select.value = String(chosen);
      view = null;
      caption.textContent = '';
      onLayer(chosen);
      redraw();
    },
    setData(d) { data = d; redraw(); },
    show(v) { view = v; caption.textContent = describe(); redraw(); },
  };
}
