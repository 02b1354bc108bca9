// boundary.js — draws what the network predicts over the plane, with the data on top:
//   one output (binary): p(class 1) on a diverging orange ↔ white ↔ blue scale (TF Playground style);
//   several outputs: the winning class's colour, paler where the top two scores are close;
//   regression: the value on the same diverging scale, −1 … +1, with a legend.
// The grid arrives as one batched prediction (res × res × outputs) and is painted into a
// res × res image that the canvas scales up smoothly: no per-cell DOM.
// setPreview() shows one neuron's map instead (hovering a node of the network diagram).
// Classes are told apart by colour and marker shape (marks.js); the legend shows both.
// The module's catalog gives the plot's extent and the output activation's row (its midpoint).
import { row } from './rows.js';
import { h } from './dom.js';
import { paintMap } from './inside/maps.js';
import { CLASS_COLORS, classColor, classShape, markerIcon, traceMarker } from './marks.js';

export { CLASS_COLORS };
const NEG = [245, 147, 34], POS = [8, 119, 189], MID = [250, 250, 250];
const HEAT = 0.62;  // the heatmap stops short of full colour so the points stay readable

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const CLASS_RGB = CLASS_COLORS.map(rgb);
const mix = (a, b, t) => [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t));
/** v in [−1, 1] → orange … white … blue. */
export const diverging = (v, strength = 1) => {
  const t = Math.max(-1, Math.min(1, v));
  return t < 0 ? mix(MID, NEG, -t * strength) : mix(MID, POS, t * strength);
};
const css = (c) => `rgb(${c[0]},${c[1]},${c[2]})`;
const RAMP = `linear-gradient(90deg, ${css(NEG)}, ${css(MID)}, ${css(POS)})`;
const fmtEnd = (v) => String(+v.toPrecision(2)).replace('-', '−');

/** The ends of a neuron map's colour scale (as maps.js scales it: a bounded activation over its
 *  range, anything else over ± its largest value) and what it shows. range: the activation's row. */
function mapScale(range, values, caption) {
  const label = `${caption}: ${range ? 'output' : 'value'}`;
  if (range && range.lo !== null && range.hi !== null) return { lo: fmtEnd(range.lo), hi: (range.lo < 0 ? '+' : '') + fmtEnd(range.hi), label };
  let max = 1e-6;
  for (const v of values) max = Math.max(max, Math.abs(v));
  return { lo: fmtEnd(-max), hi: `+${fmtEnd(max)}`, label };
}

/** How many classes the points use (one path each): the configured count, or more if a label says so. */
function labelCount(d) {
  let n = d.kind === 'regression' ? 0 : d.classes;
  for (const part of [d.train, d.test]) for (let i = 0; part.labels && i < part.n; i++) n = Math.max(n, part.labels[i] + 1);
  return n;
}

export function createBoundary(canvas, legend, catalog) {
  const extent = catalog.limits.extent;   // the data live in [−extent, extent]²
  const activation = (name) => row(catalog.activations, name);   // undefined for an input
  const ctx = canvas.getContext('2d');
  const image = document.createElement('canvas');
  let data = null;        // { kind, classes, outputs, lo, hi, train, test }
  let grid = null;        // { values, res, outputs }
  let showTest = true;
  let pending = false;
  let preview = null;     // { caption } while a neuron's map (painted into previewImage) is shown
  const previewImage = document.createElement('canvas');
  const points = document.createElement('canvas');  // the data, drawn once per data/size/showTest
  let pointsKey = '';
  let legendKey = '';     // the neuron map's scale the legend shows ('' for the prediction)

  function paintGrid() {
    const { values, res, outputs } = grid;
    image.width = image.height = res;
    const ictx = image.getContext('2d');
    const img = ictx.createImageData(res, res);
    for (let i = 0; i < res * res; i++) {
      let c;
      if (outputs === 1) {
        const v = values[i];
        c = data.kind === 'regression' ? diverging(v, HEAT) : diverging(2 * (v - data.lo) / (data.hi - data.lo) - 1, HEAT);
      } else {
        let best = 0, top = -Infinity, second = -Infinity;
        for (let k = 0; k < outputs; k++) {
          const v = values[i * outputs + k];
          if (v > top) { second = top; top = v; best = k; } else if (v > second) second = v;
        }
        const margin = Math.max(0, Math.min(1, top - second));
        c = mix(MID, CLASS_RGB[best % CLASS_RGB.length], 0.12 + 0.5 * margin);
      }
      img.data.set([c[0], c[1], c[2], 255], 4 * i);
    }
    ictx.putImageData(img, 0, 0);
  }

  function draw() {
    pending = false;
    const size = canvas.clientWidth;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(size * dpr)) { canvas.width = canvas.height = Math.round(size * dpr); }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#fafafa';
    ctx.fillRect(0, 0, size, size);
    if (grid || preview) {
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(preview ? previewImage : image, 0, 0, size, size);
    }
    // axes through the origin
    ctx.strokeStyle = 'rgba(0,0,0,0.12)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(size / 2, 0); ctx.lineTo(size / 2, size); ctx.moveTo(0, size / 2); ctx.lineTo(size, size / 2);
    ctx.stroke();
    if (!data) return;
    // the points change only with the data: thousands of them are drawn once, not every frame
    const key = `${canvas.width}|${showTest}`;
    if (key !== pointsKey) { drawPoints(size, dpr); pointsKey = key; }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(points, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (preview) {  // the caption: what this map is
      ctx.font = '600 12px system-ui, -apple-system, "Segoe UI", sans-serif';
      const w = ctx.measureText(preview.caption).width + 16;
      ctx.fillStyle = 'rgba(29, 35, 48, 0.82)';
      ctx.beginPath();
      ctx.roundRect(8, 8, w, 24, 6);
      ctx.fill();
      ctx.fillStyle = '#ffffff';
      ctx.textBaseline = 'middle';
      ctx.fillText(preview.caption, 16, 20);
    }
  }

  function drawPoints(size, dpr) {
    points.width = points.height = canvas.width;
    const pctx = points.getContext('2d');
    pctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const r = Math.max(2.5, Math.min(4.2, size / 110));
    const toPx = (v) => ((v + extent) / (2 * extent)) * size;
    // train: a white rim (with a faint dark edge, so pale markers stand out on a pale background);
    // test: a dark rim (as the legend shows)
    const outline = (stroke, width) => {
      if (stroke === '#ffffff') { pctx.lineWidth = width + 1.6; pctx.strokeStyle = 'rgba(29, 35, 48, 0.45)'; pctx.stroke(); }
      pctx.lineWidth = width; pctx.strokeStyle = stroke; pctx.stroke();
    };
    const plot = (part, stroke, width) => {
      if (data.kind === 'regression') {   // a colour per point: one path each
        for (let i = 0; i < part.n; i++) {
          pctx.beginPath();
          traceMarker(pctx, 'disc', toPx(part.x[2 * i]), size - toPx(part.x[2 * i + 1]), r);
          pctx.fillStyle = css(diverging(part.targets[i]));
          pctx.fill();
          outline(stroke, width);
        }
        return;
      }
      for (let k = 0; k < data.labelCount; k++) {   // one path per class: its colour and shape
        pctx.beginPath();
        for (let i = 0; i < part.n; i++) {
          if (part.labels[i] === k) traceMarker(pctx, classShape(k), toPx(part.x[2 * i]), size - toPx(part.x[2 * i + 1]), r);
        }
        pctx.fillStyle = classColor(k);
        pctx.fill();
        outline(stroke, width);
      }
    };
    plot(data.train, '#ffffff', 1);
    if (showTest) plot(data.test, '#1d2330', 1.4);
  }

  function redraw() {
    if (!pending) { pending = true; requestAnimationFrame(draw); }
  }

  /** What the plot shows, then the points' marks: while a neuron's map is shown (preview), its
   *  activation's scale replaces the prediction's. */
  function renderLegend() {
    const bar = (left, mid, right) => h('div', { class: 'legend-bar' },
      h('span', {}, left), h('span', { class: 'ramp', style: `background:${RAMP}` }), h('span', {}, right), h('span', { class: 'legend-mid' }, mid));
    const mark = (k) => h('span', { class: 'swatch', 'data-shape': classShape(k) }, markerIcon(k), `class ${k + 1}`, h('span', { class: 'sr-only' }, ` (${classShape(k)})`));
    const items = [];
    let marks = data.kind !== 'regression';
    if (preview) items.push(bar(preview.scale.lo, preview.scale.label, preview.scale.hi));
    else if (data.kind === 'regression') items.push(bar('−1', 'predicted value', '+1'));
    else if (data.outputs === 1 && data.labelCount <= 2) { items.push(bar(mark(0), 'p(class 2)', mark(1))); marks = false; }
    if (marks) for (let k = 0; k < data.labelCount; k++) items.push(mark(k));
    items.push(h('span', { class: 'swatch' }, h('i', { class: 'dot train' }), 'train'));
    if (showTest) items.push(h('span', { class: 'swatch' }, h('i', { class: 'dot test' }), 'test'));
    legend.replaceChildren(...items);
  }

  new ResizeObserver(redraw).observe(canvas);

  return {
    /** A new dataset: { kind, classes, outputs, outputActivation, train, test } from the worker. */
    setData(d) {
      // one output for two classes: the targets are 1 and 2·midpoint − 1 (as the core's encodeTargets)
      const binary = d.outputs === 1 && d.kind !== 'regression';
      data = { ...d, lo: binary ? 2 * activation(d.outputActivation).midpoint - 1 : 0, hi: 1, labelCount: labelCount(d) };
      if (!d.keep) grid = null;  // keep: new points for the same network, whose map still holds
      pointsKey = '';
      renderLegend();
      redraw();
    },
    /** A new prediction grid (res × res × outputs), or null to keep the last good one. */
    setGrid(values, res, outputs) {
      if (!values || !data) return;
      grid = { values, res, outputs };
      paintGrid();
      redraw();
    },
    setShowTest(on) { showTest = on; if (data) renderLegend(); redraw(); },
    /** One neuron's map instead of the prediction: { values (res²), res, activation, caption },
     *  or null to go back. The caption is also the canvas's accessible description. */
    setPreview(p) {
      preview = p && { caption: p.caption, scale: mapScale(activation(p.activation), p.values, p.caption) };
      if (p) paintMap(previewImage, p.values, p.res, { activation: activation(p.activation), strength: HEAT });
      const key = preview ? Object.values(preview.scale).join('|') : '';
      if (data && key !== legendKey) { legendKey = key; renderLegend(); }   // every frame re-sends the map
      canvas.setAttribute('aria-description', p ? p.caption : '');
      redraw();
    },
  };
}
