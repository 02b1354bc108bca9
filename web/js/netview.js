// netview.js — a drawing of the network: one column of nodes per layer (inputs, hidden layers,
// output) and an edge per weight, blue for positive, orange for negative, thicker and darker as
// |w| grows (TF Playground's convention). A wide layer shows a window of MAX_NODES consecutive
// neurons (setWindow moves it) and a count of the rest. It is redrawn from the weights in the
// worker's frames, at most ~10 times a second. Each node shows its neuron's map over the input
// plane (inside/maps.js) and a small bias square at its lower left. Column labels are laid out
// from measured widths (netlabels.js) in a band above the nodes; inside/diagram.js lays them as
// text, with hover targets and editors, over this canvas (see geometry(), overlayText()).
// The module's catalog gives each layer's activation row, whose range scales its maps.
import { display, row } from './rows.js';
import { FEATURES } from './features.js';
import { paintMap } from './inside/maps.js';
import { layoutLabels } from './netlabels.js';

export const MAX_NODES = 8;
const POS = [8, 119, 189], NEG = [245, 147, 34];
// the labels' text: 11 px (13 px lines), or larger for a projector (setTextSize); the diagram's
// page-text labels use the same size (.net-label in style.css, present.css)
const TEXT = { normal: [11, 13], large: [14, 17] };
const fontOf = (px) => `${px}px system-ui, -apple-system, "Segoe UI", sans-serif`;

export function createNetView(canvas, catalog) {
  const ctx = canvas.getContext('2d');
  let shape = null;     // { features: [label], layers: [{units, activation}] } incl. the output layer
  let weights = null;   // [Float32Array (out × in)] per layer
  let last = 0, timer = null;
  let highlight = null;  // a column to mark (0 = inputs, l = layer l): the By-hand step-through
  let biases = null;    // [Float32Array (out)] per layer
  let maps = null;      // the worker's last neuron maps (setMaps)
  let thumbs = null;    // [[canvas]] per column: each shown node's map (null before the first maps)
  let starts = [];      // per column: the first neuron of its window
  let focus = null;     // { column, unit } ringed while its map is shown in the big plot
  let geometry = null, onLayout = () => {};
  let textOnCanvas = true;   // false once the diagram lays the labels as page text
  let labelCache = null;     // { shape, w, labels }: the labels' layout (netlabels.js)
  let [textPx, linePx] = TEXT.normal;
  let font = fontOf(textPx);

  const measure = (t) => ctx.measureText(t).width;

  function layout(w, hgt) {
    ctx.font = font;
    const counts = [shape.features.length, ...shape.layers.map((l) => l.units)];
    const left = Math.max(30, 8 + Math.max(0, ...shape.features.map(measure)) + 6 + 13), right = 16;
    const dx = counts.length > 1 ? (w - left - right) / (counts.length - 1) : 0;
    const xs = counts.map((_, c) => (counts.length > 1 ? left + c * dx : w / 2));
    if (labelCache?.shape !== shape || labelCache.w !== w) {   // measured once per shape and width
      labelCache = { shape, w, labels: layoutLabels(xs.map((x, c) => ({
        x, parts: c === 0 ? ['input'] : [String(counts[c]), display(catalog.activations, shape.layers[c - 1].activation)],
      })), w, measure, linePx) };
    }
    const { labels } = labelCache;
    const top = 6 + labels.bandHeight + 8;
    const bottom = counts.some((n) => n > MAX_NODES) ? (textOnCanvas ? 20 : 28) : 10;   // room for the counts
    const cols = counts.map((count, c) => {
      const shown = Math.min(count, MAX_NODES);
      const start = Math.max(0, Math.min(count - shown, starts[c] ?? 0));
      const gap = Math.min(32, (hgt - top - bottom) / Math.max(1, shown));
      const y0 = top + (hgt - top - bottom - gap * (shown - 1)) / 2;
      const size = Math.max(6, Math.min(26, gap - Math.min(6, gap * 0.3), dx ? dx - 10 : 26));   // a node is a size × size square
      return { count, shown, start, x: xs[c], y: (i) => y0 + i * gap, r: size / 2, size };
    });
    return { cols, labels: labels.labels, top: 6, dx, bottom: hgt - bottom + 6 };
  }

  function draw() {
    timer = null;
    last = performance.now();
    const w = canvas.clientWidth, hgt = canvas.clientHeight;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(hgt * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(hgt * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, hgt);
    if (!shape || w === 0) return;
    const { cols, labels, top, dx, bottom } = layout(w, hgt);
    if (highlight !== null && cols[highlight]) {  // the layer's links (W[l]) softly, its neurons more
      const c = cols[highlight], p = cols[highlight - 1], half = Math.min(17, Math.max(c.r + 4, dx / 2));
      ctx.fillStyle = 'rgba(31, 95, 191, 0.06)';
      if (p) ctx.fillRect(p.x, 16, c.x - p.x, hgt - 20);
      ctx.fillStyle = 'rgba(31, 95, 191, 0.13)';
      ctx.beginPath();
      ctx.roundRect(c.x - half, 0, 2 * half, hgt - 2, 9);
      ctx.fill();
    }
    drawEdges(cols);
    drawNodes(cols);
    if (textOnCanvas) drawText(cols, labels, top, bottom);
    // what was drawn, for the overlay (inside/diagram.js) and for tests
    let links = 0;
    for (let l = 0; l < cols.length - 1; l++) links += cols[l].shown * cols[l + 1].shown;
    canvas.dataset.neurons = String(cols.slice(1).reduce((s, col) => s + col.shown, 0));
    canvas.dataset.links = String(links);
    geometry = { width: w, height: hgt, cols, shape, labels, top, bottom, highlight };
    onLayout(geometry);
  }

  function drawEdges(cols) {
    for (let l = 0; l < cols.length - 1; l++) {
      const a = cols[l], b = cols[l + 1];
      const W = weights?.[l];
      let maxAbs = 1e-6;
      if (W) for (const v of W) maxAbs = Math.max(maxAbs, Math.abs(v));
      for (let j = 0; j < b.shown; j++) {
        for (let i = 0; i < a.shown; i++) {
          const v = W ? W[(b.start + j) * a.count + a.start + i] : 0;
          const t = W ? Math.min(1, Math.abs(v) / maxAbs) : 0.3;
          const c = !W ? [160, 168, 180] : v >= 0 ? POS : NEG;
          ctx.strokeStyle = `rgba(${c[0]},${c[1]},${c[2]},${0.12 + 0.7 * t})`;
          ctx.lineWidth = 0.5 + 2.5 * t;
          ctx.beginPath();
          ctx.moveTo(a.x, a.y(i));
          ctx.lineTo(b.x, b.y(j));
          ctx.stroke();
        }
      }
    }
  }

  /** Nodes (their maps), bias squares and the input features' names. */
  function drawNodes(cols) {
    ctx.font = font;
    ctx.textBaseline = 'middle';
    cols.forEach((col, c) => {
      const B = c > 0 ? biases?.[c - 1] : null;
      let maxB = 1e-6;
      if (B) for (const v of B) maxB = Math.max(maxB, Math.abs(v));
      for (let i = 0; i < col.shown; i++) {
        const unit = col.start + i, x0 = col.x - col.r, y0 = col.y(i) - col.r;
        const map = thumbs?.[c]?.[i];
        ctx.fillStyle = c === 0 ? '#eef2f7' : '#ffffff';
        ctx.fillRect(x0, y0, col.size, col.size);
        if (map) { ctx.imageSmoothingEnabled = true; ctx.drawImage(map, x0, y0, col.size, col.size); }
        const focused = focus && focus.column === c && focus.unit === unit;
        ctx.lineWidth = focused ? 2.5 : 1;
        ctx.strokeStyle = focused ? '#1f5fbf' : '#5b6678';
        ctx.strokeRect(x0, y0, col.size, col.size);
        if (B) {  // bias: a small square at the lower left, coloured like the links
          const t = Math.min(1, Math.abs(B[unit]) / maxB), k = B[unit] >= 0 ? POS : NEG;
          ctx.fillStyle = `rgba(${k[0]},${k[1]},${k[2]},${0.25 + 0.75 * t})`;
          ctx.fillRect(x0 - 4, y0 + col.size - 4, 7, 7);
          ctx.lineWidth = 1;
          ctx.strokeStyle = '#ffffff';
          ctx.strokeRect(x0 - 4, y0 + col.size - 4, 7, 7);
        }
        if (c === 0) {
          ctx.fillStyle = '#3a4354';
          ctx.textAlign = 'right';
          ctx.fillText(shape.features[unit], col.x - col.r - 6, col.y(i));
        }
      }
    });
  }

  /** The column labels and the count of neurons not shown, when no overlay lays them as text. */
  function drawText(cols, labels, top, bottom) {
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    labels.forEach((label, c) => {
      ctx.fillStyle = c === highlight ? '#1f5fbf' : '#6b7280';
      label.lines.forEach((t, k) => ctx.fillText(t, label.x, top + label.y + 13 * k));
      const col = cols[c];
      if (col.count > col.shown) ctx.fillText(`+${col.count - col.shown}`, col.x, bottom);
    });
  }

  /** Paints the maps of the neurons each column shows (its window) from the last maps. */
  function paintThumbs() {
    if (!shape || !maps) return;
    const acts = [null, ...shape.layers.map((l) => row(catalog.activations, l.activation) ?? null)];
    const sources = [maps.inputs, ...maps.layers];
    thumbs = sources.map((values, c) => {
      const units = values.length / (maps.res * maps.res);
      const shown = Math.min(units, MAX_NODES), start = Math.max(0, Math.min(units - shown, starts[c] ?? 0));
      return Array.from({ length: shown }, (_, i) =>
        paintMap(thumbs?.[c]?.[i] ?? document.createElement('canvas'), values, maps.res, { stride: units, offset: start + i, activation: acts[c] }));
    });
  }

  function schedule(force) {
    if (timer) return;
    const wait = force ? 0 : Math.max(0, 100 - (performance.now() - last));
    timer = setTimeout(() => requestAnimationFrame(draw), wait);
  }

  new ResizeObserver(() => schedule(true)).observe(canvas);

  return {
    /** The architecture: feature names and layers (hidden + output). Clears the weights. */
    setShape(features, layers) {
      shape = { features: features.map((n) => FEATURES.find((f) => f.name === n).label), layers };
      weights = null;
      biases = null;
      maps = null;
      thumbs = null;
      focus = null;
      starts = [];
      schedule(true);
    },
    setWeights(w) { weights = w; schedule(false); },
    setBiases(b) { biases = b; schedule(false); },
    /** Neuron maps from the worker: { res, inputs (res² × features), layers: [res² × units] }. */
    setMaps(m) {
      if (!shape) return;
      maps = m;
      paintThumbs();
      schedule(false);
    },
    /** Shows neurons start … start + MAX_NODES − 1 of a column (0 = inputs, l = layer l). */
    setWindow(column, start) {
      if (starts[column] === start) return;
      starts[column] = start;
      paintThumbs();
      schedule(true);
    },
    /** Large label text (a projector: present.js) or the normal size. */
    setTextSize(large) {
      [textPx, linePx] = large ? TEXT.large : TEXT.normal;
      font = fontOf(textPx);
      labelCache = null;
      schedule(true);
    },
    /** The labels and counts are laid as page text over the canvas (inside/diagram.js). */
    overlayText() { textOnCanvas = false; schedule(true); },
    /** Rings a node (column 0 = inputs, l = layer l) or none with null. */
    setFocus(f) { focus = f; schedule(true); },
    /** The last drawn layout: { width, height, shape, highlight, top (of the labels' band), bottom
     *  (of the nodes), labels: [{ lines, full, x, y, width }], cols: [{ x, y(i), r, size, count,
     *  shown, start }] } (node i of a column is its neuron start + i). */
    geometry: () => geometry,
    onLayout(fn) { onLayout = fn; if (geometry) fn(geometry); },
    /** Marks one column (0 = inputs, l = layer l, as in the book), or none with null. */
    highlightLayer(index) {
      canvas.dataset.highlight = index ?? '';  // observable by tests
      if (highlight !== index) { highlight = index; schedule(true); }
    },
  };
}
