// probe.js — the worker's side of "Inside the network": what the views need, computed from the
// live network and kept small: per-layer gradient norms (every frame, on a fixed sample of up to
// 256 training points), and at most ~2.5 times a second every neuron's map over a coarse grid, the
// chosen layer's view of the data (hidden space), the test-set scores (confusion matrix or
// R²/RMSE) and each hidden unit's activity on the sample (dead units: diagnose.js). A hovered neuron's map at full resolution rides along with every frame. No DOM.
import { row } from '../rows.js';
import { expandFeatures, gridPoints } from '../features.js';
import { pca2, project } from './pca.js';

export const MAP_RES = 24;          // neuron thumbnails: MAP_RES × MAP_RES
const SLOW_MS = 400;                // maps, hidden space and scores: at most ~2.5 times a second
const SAMPLE = 256;                 // points for the gradient norms
const LINES = 13, LINE_PTS = 41;    // the input plane's grid lines, for the hidden-space view

/** Points along LINES horizontal and LINES vertical lines across [−extent, extent]². */
function gridLines(extent) {
  const pts = new Float32Array(2 * LINES * LINE_PTS * 2);
  let k = 0;
  for (const vertical of [false, true]) {
    for (let l = 0; l < LINES; l++) {
      const c = -extent + (2 * extent * l) / (LINES - 1);
      for (let i = 0; i < LINE_PTS; i++) {
        const t = -extent + (2 * extent * i) / (LINE_PTS - 1);
        pts[k++] = vertical ? c : t;
        pts[k++] = vertical ? t : c;
      }
    }
  }
  return pts;
}

export function createProbe(catalog) {
  let ctx = null;        // { coarse, lines, sample, all, nAll, nTrain, midpoint, kind, classes }
  let focus = null;      // { layer (−1 = inputs), unit } shown in the big plot
  let hiddenLayer = 0;
  let lastSlow = -Infinity;

  const stack = (a, b) => { const out = new Float32Array(a.length + b.length); out.set(a); out.set(b, a.length); return out; };

  return {
    /** A new network or new data: the training and test splits (run.js makeData), the config. */
    setData(train, test, config, kind, classes, extent) {
      const f = config.features;
      const k = f.length, o = train.y.length / Math.max(1, train.n);
      const m = Math.min(SAMPLE, train.n);
      const act = row(catalog.activations, config.outputActivation);
      ctx = {
        coarse: expandFeatures(gridPoints(MAP_RES, extent), MAP_RES * MAP_RES, f),
        lines: expandFeatures(gridLines(extent), 2 * LINES * LINE_PTS, f),
        sample: m ? { x: train.x.subarray(0, m * k), y: train.y.subarray(0, m * o), n: m } : null,
        all: stack(train.x, test.x), nAll: train.n + test.n, nTrain: train.n,
        midpoint: act?.midpoint ?? 0.5, kind, classes, k,
      };
      lastSlow = -Infinity;
    },
    setFocus(f) { focus = f; },
    setHiddenLayer(l) { hiddenLayer = l; lastSlow = -Infinity; },
    /** Fields for a frame. progress: epochs trained (a fraction within one); grid: the boundary's
     *  inputs; test: the test split. force: compute the slow views now (a paused step, an edit). */
    frame(net, { progress, grid, test }, force) {
      if (!ctx) return {};
      const out = {};
      const x = progress;
      if (ctx.sample) {
        const g = net.gradients(ctx.sample.x, ctx.sample.y, ctx.sample.n);
        const norms = g.weights.map((w, l) => {
          let s = 0;
          for (const v of w) s += v * v;
          for (const v of g.biases[l]) s += v * v;
          return Math.sqrt(s);
        });
        if (norms.every(Number.isFinite)) out.grads = { x, norms };
      }
      if (focus) {
        const n = grid.length / ctx.k;
        let values;
        if (focus.layer < 0) values = Float32Array.from({ length: n }, (_, i) => grid[i * ctx.k + focus.unit]);
        else {
          const A = net.forwardLayer(focus.layer, grid, n);
          const u = A.length / n;
          values = Float32Array.from({ length: n }, (_, i) => A[i * u + focus.unit]);
        }
        out.focus = { ...focus, values };
      }
      const now = performance.now();
      if (!force && now - lastSlow < SLOW_MS) return out;
      lastSlow = now;
      out.maps = { res: MAP_RES, inputs: ctx.coarse, layers: net.forwardLayers(ctx.coarse, MAP_RES * MAP_RES) };
      if (ctx.nAll) out.hidden = hiddenSpace(net);
      out.scores = scores(net, test.n ? test : null);
      if (ctx.sample) out.units = activity(net);
      return out;
    },
  };

  /** { n, active: per hidden layer a Float32Array of, per unit, the fraction of the n sampled
   *  training points on which its output is not 0 } — 0 is a unit that is dead on all of them. */
  function activity(net) {
    const { x, n } = ctx.sample;
    const layers = net.forwardLayers(x, n).slice(0, -1);
    const active = layers.map((A) => {
      const u = A.length / n, on = new Float32Array(u);
      for (let i = 0; i < n; i++) for (let j = 0; j < u; j++) if (A[i * u + j] !== 0) on[j] += 1 / n;
      return on;
    });
    return { n, active };
  }

  function hiddenSpace(net) {
    const layer = Math.min(hiddenLayer, net.layerCount - 1);
    const A = net.forwardLayer(layer, ctx.all, ctx.nAll);
    const L = net.forwardLayer(layer, ctx.lines, 2 * LINES * LINE_PTS);
    const d = A.length / ctx.nAll, nl = 2 * LINES * LINE_PTS;
    let points, lines, mode, explained = null;
    if (d > 2) {
      const p = pca2(A, ctx.nAll, d);
      points = project(A, ctx.nAll, d, p);
      lines = project(L, nl, d, p);
      mode = 'pca';
      explained = p.explained;
    } else if (d === 2) {
      points = A; lines = L; mode = 'neurons';
    } else {  // one neuron: its value across, the input's x₂ upwards (the plane folded onto a line)
      points = new Float32Array(2 * ctx.nAll);
      for (let i = 0; i < ctx.nAll; i++) { points[2 * i] = A[i]; points[2 * i + 1] = ctx.all[i * ctx.k + (ctx.k > 1 ? 1 : 0)]; }
      lines = new Float32Array(2 * nl);
      for (let i = 0; i < nl; i++) { lines[2 * i] = L[i]; lines[2 * i + 1] = ctx.lines[i * ctx.k + (ctx.k > 1 ? 1 : 0)]; }
      mode = 'single';
    }
    return { layer, units: d, mode, explained, points, nTrain: ctx.nTrain, lines, lineLength: LINE_PTS };
  }

  function scores(net, part) {
    if (!part) return { kind: ctx.kind, n: 0 };
    const P = net.predict(part.x, part.n);
    const o = P.length / part.n;
    if (ctx.kind === 'regression') {
      let se = 0, mean = 0, ss = 0;
      for (let i = 0; i < part.n; i++) mean += part.targets[i] / part.n;
      for (let i = 0; i < part.n; i++) { se += (P[i] - part.targets[i]) ** 2; ss += (part.targets[i] - mean) ** 2; }
      return { kind: 'regression', n: part.n, rmse: Math.sqrt(se / part.n), r2: ss > 0 ? 1 - se / ss : NaN };
    }
    const k = ctx.classes;
    const matrix = Array.from({ length: k }, () => new Array(k).fill(0));
    for (let i = 0; i < part.n; i++) {
      let pred = 0;
      if (o === 1) pred = P[i] >= ctx.midpoint ? 1 : 0;
      else for (let c = 1; c < o; c++) if (P[i * o + c] > P[i * o + pred]) pred = c;
      const truth = part.labels[i];
      if (truth < k && pred < k) matrix[truth][pred]++;
    }
    return { kind: ctx.kind, n: part.n, matrix };
  }
}
