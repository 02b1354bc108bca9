// pca.js — the first two principal components of n points in d dimensions, for the hidden-space
// view of a layer wider than two neurons. d is small (≤ 64), so the d × d covariance and power
// iteration with deflation are plenty; the start vector is fixed and each component's sign is
// pinned (largest entry positive), so the picture does not flip between frames. No DOM.

/** rows: n × d, row-major. Returns { mean, components: [c1, c2] (each d), explained: [r1, r2] }. */
export function pca2(rows, n, d) {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += rows[i * d + j] / n;
  // C (d, d) = Xcᵀ Xc / n
  const C = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = rows[i * d + j] - mean[j];
    for (let a = 0; a < d; a++) {
      const ra = row[a];
      if (ra === 0) continue;
      for (let b = a; b < d; b++) C[a * d + b] += ra * row[b];
    }
  }
  let trace = 0;
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) { C[a * d + b] /= n; C[b * d + a] = C[a * d + b]; }
    trace += C[a * d + a];
  }
  const components = [], explained = [];
  for (let k = 0; k < 2; k++) {
    let v = Float64Array.from({ length: d }, (_, j) => 1 + 0.1 * j);
    let lambda = 0;
    for (let it = 0; it < 200; it++) {
      const w = new Float64Array(d);
      for (let a = 0; a < d; a++) { let s = 0; for (let b = 0; b < d; b++) s += C[a * d + b] * v[b]; w[a] = s; }
      const norm = Math.hypot(...w);
      if (norm < 1e-12) { lambda = 0; break; }
      let change = 0;
      for (let a = 0; a < d; a++) { change += Math.abs(w[a] / norm - v[a]); v[a] = w[a] / norm; }
      lambda = norm;
      if (change < 1e-9) break;
    }
    let big = 0;
    for (let a = 0; a < d; a++) if (Math.abs(v[a]) > Math.abs(v[big])) big = a;
    if (v[big] < 0) v = v.map((x) => -x);
    components.push(v);
    explained.push(trace > 0 ? lambda / trace : 0);
    // deflate: C ← C − λ v vᵀ
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) C[a * d + b] -= lambda * v[a] * v[b];
  }
  return { mean, components, explained };
}

/** Projects n × d rows onto the components: n × 2, row-major. */
export function project(rows, n, d, { mean, components: [c1, c2] }) {
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    let s1 = 0, s2 = 0;
    for (let j = 0; j < d; j++) { const x = rows[i * d + j] - mean[j]; s1 += x * c1[j]; s2 += x * c2[j]; }
    out[2 * i] = s1;
    out[2 * i + 1] = s2;
  }
  return out;
}
