// features.js — the input-feature table (TF Playground's x1, x2, x1², x2², x1·x2, sin x1, sin x2).
// One row per feature: { name (used in the URL), label (shown), fn(x1, x2) }. The worker expands
// points and the boundary grid with it; the UI builds the feature toggles from it. Adding a
// feature is one row here.

export const FEATURES = [
  { name: 'x1', label: 'x₁', fn: (a) => a },
  { name: 'x2', label: 'x₂', fn: (a, b) => b },
  { name: 'x1sq', label: 'x₁²', fn: (a) => a * a },
  { name: 'x2sq', label: 'x₂²', fn: (a, b) => b * b },
  { name: 'x1x2', label: 'x₁·x₂', fn: (a, b) => a * b },
  { name: 'sinx1', label: 'sin x₁', fn: (a) => Math.sin(a) },
  { name: 'sinx2', label: 'sin x₂', fn: (a, b) => Math.sin(b) },
];

export const FEATURE_NAMES = FEATURES.map((f) => f.name);

/** Expands n points (n × 2, row-major) into n × features.length, in the order of FEATURES. */
export function expandFeatures(points, n, names) {
  const fns = names.map((name) => FEATURES.find((f) => f.name === name).fn);
  const k = fns.length;
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    const a = points[2 * i], b = points[2 * i + 1];
    for (let j = 0; j < k; j++) out[i * k + j] = fns[j](a, b);
  }
  return out;
}

/** The n × 2 points of a res × res grid over [-extent, extent]², row by row from the top (x2 high). */
export function gridPoints(res, extent) {
  const pts = new Float32Array(res * res * 2);
  for (let r = 0; r < res; r++) {
    const x2 = extent - ((r + 0.5) / res) * 2 * extent;
    for (let c = 0; c < res; c++) {
      const i = r * res + c;
      pts[2 * i] = -extent + ((c + 0.5) / res) * 2 * extent;
      pts[2 * i + 1] = x2;
    }
  }
  return pts;
}
