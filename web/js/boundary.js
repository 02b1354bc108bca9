// boundary.js — draws what the network predicts over the plane, with the data on top:
//   one output (binary): p(class 1) on a diverging orange ↔ white ↔ blue scale (TF Playground style);
//   several outputs: the winning class's colour, paler where the top two scores are close;
//   regression: the value on the same diverging scale, −1 … +1, with a legend.
// The grid arrives as one batched prediction (res × res × outputs) and is painted into a
// res × res image that the canvas scales up smoothly: no per-cell DOM.
// setPreview() shows one neuron's map instead (hovering a node of the network diagram).
// The module's catalog gives the plot's extent and the output activation's row (its midpoint).
import { row } from './rows.js';
import { h } from './dom.js';
import { paintMap } from './inside/maps.js';

export const CLASS_COLORS = ['#f59322', '#0877bd', '#2ca25f', '#8e5bc6', '#d6404e', '#15a6b4'];
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

  function pointColor(part, i) {
    return data.kind === 'regression' ? css(diverging(part.targets[i])) : CLASS_COLORS[part.labels[i] % CLASS_COLORS.length];
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
    const plot = (part, stroke, width) => {
      for (let i = 0; i < part.n; i++) {
        pctx.beginPath();
        pctx.arc(toPx(part.x[2 * i]), size - toPx(part.x[2 * i + 1]), r, 0, 2 * Math.PI);
        pctx.fillStyle = pointColor(part, i);
        pctx.fill();
        pctx.lineWidth = width;
        pctx.strokeStyle = stroke;
        pctx.stroke();
      }
    };
    plot(data.train, '#ffffff', 1);
    if (showTest) plot(data.test, '#1d2330', 1.4);
  }

  function redraw() {
    if (!pending) { pending = true; requestAnimationFrame(draw); }
  }

  function renderLegend() {
    const bar = (left, mid, right, gradient) => h('div', { class: 'legend-bar' },
      h('span', {}, left), h('span', { class: 'ramp', style: `background:${gradient}` }), h('span', {}, right), mid && h('span', { class: 'legend-mid' }, mid));
    const ramp = `linear-gradient(90deg, ${css(NEG)}, ${css(MID)}, ${css(POS)})`;
    const items = [];
    if (data.kind === 'regression') items.push(bar('−1', 'predicted value', '+1', ramp));
    else if (data.outputs === 1) items.push(bar('class 1', 'p(class 2)', 'class 2', ramp));
    else {
      for (let k = 0; k < data.classes; k++) {
        items.push(h('span', { class: 'swatch' }, h('i', { style: `background:${CLASS_COLORS[k % CLASS_COLORS.length]}` }), `class ${k + 1}`));
      }
    }
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
      data = { ...d, lo: binary ? 2 * activation(d.outputActivation).midpoint - 1 : 0, hi: 1 };
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
      preview = p && { caption: p.caption };
      if (p) paintMap(previewImage, p.values, p.res, { activation: activation(p.activation), strength: HEAT });
      canvas.setAttribute('aria-description', p ? p.caption : '');
      redraw();
    },
  };
}
