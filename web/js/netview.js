// netview.js — a drawing of the network: one column of nodes per layer (inputs, hidden layers,
// output) and an edge per weight, blue for positive, orange for negative, thicker and darker as
// |w| grows (TF Playground's convention). Wide layers show their first nodes and a count. It is
// redrawn from the weights in the worker's frames, at most ~10 times a second.
import { FEATURES } from './features.js';

const MAX_NODES = 10;
const POS = [8, 119, 189], NEG = [245, 147, 34];

export function createNetView(canvas) {
  const ctx = canvas.getContext('2d');
  let shape = null;     // { features: [label], layers: [{units, activation}] } incl. the output layer
  let weights = null;   // [Float32Array (out × in)] per layer
  let last = 0, timer = null;
  let highlight = null;  // a column to mark (0 = inputs, l = layer l): the By-hand step-through

  function layout(w, hgt) {
    const cols = [shape.features.length, ...shape.layers.map((l) => l.units)];
    const left = 58, right = 40, top = 26, bottom = 14;
    const dx = cols.length > 1 ? (w - left - right) / (cols.length - 1) : 0;
    return cols.map((count, c) => {
      const shown = Math.min(count, MAX_NODES);
      const gap = Math.min(22, (hgt - top - bottom) / Math.max(1, shown));
      const y0 = top + (hgt - top - bottom - gap * (shown - 1)) / 2;
      return { count, shown, x: left + c * dx, y: (i) => y0 + i * gap, r: Math.max(3, Math.min(7, gap / 2 - 2)) };
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
    // nodes and labels
    ctx.font = '11px system-ui, -apple-system, "Segoe UI", sans-serif';
    ctx.textBaseline = 'middle';
    cols.forEach((col, c) => {
      for (let i = 0; i < col.shown; i++) {
        ctx.beginPath();
        ctx.arc(col.x, col.y(i), col.r, 0, 2 * Math.PI);
        ctx.fillStyle = c === 0 ? '#eef2f7' : '#ffffff';
        ctx.fill();
        ctx.lineWidth = 1.5;
        ctx.strokeStyle = '#5b6678';
        ctx.stroke();
        if (c === 0) {
          ctx.fillStyle = '#3a4354';
          ctx.textAlign = 'right';
          ctx.fillText(shape.features[i], col.x - col.r - 6, col.y(i));
        }
      }
      ctx.fillStyle = c === highlight ? '#1f5fbf' : '#6b7280';
      ctx.textAlign = 'center';
      const layer = shape.layers[c - 1];
      ctx.fillText(c === 0 ? 'input' : `${col.count} ${layer.activation}`, col.x, 10);
      if (col.count > col.shown) ctx.fillText('⋮', col.x, col.y(col.shown - 1) + col.r + 9);
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
      schedule(true);
    },
    setWeights(w) { weights = w; schedule(false); },
    /** Marks one column (0 = inputs, l = layer l, as in the book), or none with null. */
    highlightLayer(index) {
      canvas.dataset.highlight = index ?? '';  // observable by tests
      if (highlight !== index) { highlight = index; schedule(true); }
    },
  };
}
