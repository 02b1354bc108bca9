// netview.js — a drawing of the network: one column of nodes per layer (inputs, hidden layers,
// output) and an edge per weight, blue for positive, orange for negative, thicker and darker as
// |w| grows (TF Playground's convention). Wide layers show their first nodes and a count. It is
// redrawn from the weights in the worker's frames, at most ~10 times a second. Each node shows its
// neuron's map over the input plane (inside/maps.js) and a small bias square at its lower left;
// inside/diagram.js lays hover targets and the inline editor over this canvas (see geometry()).
// The module's catalog gives each layer's activation row, whose range scales its maps.
import { display, row } from './rows.js';
import { FEATURES } from './features.js';
import { paintMap } from './inside/maps.js';

export const MAX_NODES = 8;
const POS = [8, 119, 189], NEG = [245, 147, 34];

export function createNetView(canvas, catalog) {
  const ctx = canvas.getContext('2d');
  let shape = null;     // { features: [label], layers: [{units, activation}] } incl. the output layer
  let weights = null;   // [Float32Array (out × in)] per layer
  let last = 0, timer = null;
  let highlight = null;  // a column to mark (0 = inputs, l = layer l): the By-hand step-through
  let biases = null;    // [Float32Array (out)] per layer
  let thumbs = null;    // [[canvas]] per column: each shown node's map (null before the first maps)
  let focus = null;     // { column, unit } ringed while its map is shown in the big plot
  let geometry = null, onLayout = () => {};

  function layout(w, hgt) {
    const cols = [shape.features.length, ...shape.layers.map((l) => l.units)];
    const left = 58, right = 40, top = 30, bottom = 22;
    const dx = cols.length > 1 ? (w - left - right) / (cols.length - 1) : 0;
    return cols.map((count, c) => {
      const shown = Math.min(count, MAX_NODES);
      const gap = Math.min(32, (hgt - top - bottom) / Math.max(1, shown));
      const y0 = top + (hgt - top - bottom - gap * (shown - 1)) / 2;
      const size = Math.max(8, Math.min(26, gap - 6));   // a node is a size × size square
      return { count, shown, x: left + c * dx, y: (i) => y0 + i * gap, r: size / 2, size };
    });
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
    const cols = layout(w, hgt);
    if (highlight !== null && cols[highlight]) {  // the layer's links (W[l]) softly, its neurons more
      const c = cols[highlight], p = cols[highlight - 1];
      ctx.fillStyle = 'rgba(31, 95, 191, 0.06)';
      if (p) ctx.fillRect(p.x, 16, c.x - p.x, hgt - 20);
      ctx.fillStyle = 'rgba(31, 95, 191, 0.13)';
      ctx.beginPath();
      ctx.roundRect(c.x - 17, 0, 34, hgt - 2, 9);
      ctx.fill();
    }
    // edges
    for (let l = 0; l < cols.length - 1; l++) {
      const a = cols[l], b = cols[l + 1];
      const W = weights?.[l];
      let maxAbs = 1e-6;
      if (W) for (const v of W) maxAbs = Math.max(maxAbs, Math.abs(v));
      for (let j = 0; j < b.shown; j++) {
        for (let i = 0; i < a.shown; i++) {
          const v = W ? W[j * a.count + i] : 0;
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
    // nodes (their maps), bias squares and labels
    ctx.font = '11px system-ui, -apple-system, "Segoe UI", sans-serif';
    ctx.textBaseline = 'middle';
    cols.forEach((col, c) => {
      const B = c > 0 ? biases?.[c - 1] : null;
      let maxB = 1e-6;
      if (B) for (const v of B) maxB = Math.max(maxB, Math.abs(v));
      for (let i = 0; i < col.shown; i++) {
        const x0 = col.x - col.r, y0 = col.y(i) - col.r;
        const map = thumbs?.[c]?.[i];
        ctx.fillStyle = c === 0 ? '#eef2f7' : '#ffffff';
        ctx.fillRect(x0, y0, col.size, col.size);
        if (map) { ctx.imageSmoothingEnabled = true; ctx.drawImage(map, x0, y0, col.size, col.size); }
        const focused = focus && focus.column === c && focus.unit === i;
        ctx.lineWidth = focused ? 2.5 : 1;
        ctx.strokeStyle = focused ? '#1f5fbf' : '#5b6678';
        ctx.strokeRect(x0, y0, col.size, col.size);
        if (B) {  // bias: a small square at the lower left, coloured like the links
          const t = Math.min(1, Math.abs(B[i]) / maxB), k = B[i] >= 0 ? POS : NEG;
          ctx.fillStyle = `rgba(${k[0]},${k[1]},${k[2]},${0.25 + 0.75 * t})`;
          ctx.fillRect(x0 - 4, y0 + col.size - 4, 7, 7);
          ctx.lineWidth = 1;
          ctx.strokeStyle = '#ffffff';
          ctx.strokeRect(x0 - 4, y0 + col.size - 4, 7, 7);
        }
        if (c === 0) {
          ctx.fillStyle = '#3a4354';
          ctx.textAlign = 'right';
          ctx.fillText(shape.features[i], col.x - col.r - 6, col.y(i));
        }
      }
      ctx.fillStyle = c === highlight ? '#1f5fbf' : '#6b7280';
      ctx.textAlign = 'center';
      const layer = shape.layers[c - 1];
      ctx.fillText(c === 0 ? 'input' : `${col.count} ${display(catalog.activations, layer.activation)}`, col.x, 10);
      if (col.count > col.shown) ctx.fillText(`+${col.count - col.shown}`, col.x, col.y(col.shown - 1) + col.r + 10);
    });
    // what was drawn, for the overlay (inside/diagram.js) and for tests
    let links = 0;
    for (let l = 0; l < cols.length - 1; l++) links += cols[l].shown * cols[l + 1].shown;
    canvas.dataset.neurons = String(cols.slice(1).reduce((s, col) => s + col.shown, 0));
    canvas.dataset.links = String(links);
    geometry = { width: w, height: hgt, cols, shape };
    onLayout(geometry);
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
      thumbs = null;
      focus = null;
      schedule(true);
    },
    setWeights(w) { weights = w; schedule(false); },
    setBiases(b) { biases = b; schedule(false); },
    /** Neuron maps from the worker: { res, inputs (res² × features), layers: [res² × units] }. */
    setMaps(maps) {
      if (!shape) return;
      const acts = [null, ...shape.layers.map((l) => row(catalog.activations, l.activation) ?? null)];
      const sources = [maps.inputs, ...maps.layers];
      thumbs = sources.map((values, c) => {
        const units = values.length / (maps.res * maps.res);
        return Array.from({ length: Math.min(units, MAX_NODES) }, (_, i) =>
          paintMap(thumbs?.[c]?.[i] ?? document.createElement('canvas'), values, maps.res, { stride: units, offset: i, activation: acts[c] }));
      });
      schedule(false);
    },
    /** Rings a node (column 0 = inputs, l = layer l) or none with null. */
    setFocus(f) { focus = f; schedule(true); },
    /** The last drawn layout ({ width, height, cols: [{ x, y(i), r, size, count, shown }], shape }). */
    geometry: () => geometry,
    onLayout(fn) { onLayout = fn; if (geometry) fn(geometry); },
    /** Marks one column (0 = inputs, l = layer l, as in the book), or none with null. */
    highlightLayer(index) {
      canvas.dataset.highlight = index ?? '';  // observable by tests
      if (highlight !== index) { highlight = index; schedule(true); }
    },
  };
}
