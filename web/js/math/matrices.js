// matrices.js — the live values of one layer as the book's matrices, ready to draw: W, b, Z, A,
// dA, dZ, dW, db (and ΔW, Δb when the worker previewed the update; no dA for the output layer of a
// fused pair, whose dZ = A − Y comes from the logits). The module's trace gives Z, A, dA, dZ
// as n × units row-major (one row per sample); the book has one COLUMN per sample, so they are
// transposed here: Z^{[l]} ∈ ℝ^{units × m}. Each matrix knows how to name a cell ("W[2]₍₃,₁₎: from
// neuron 1 of layer 1 to neuron 3 of layer 2"). Pure: no DOM.

const SUB = '₀₁₂₃₄₅₆₇₈₉';
/** 12 → '₁₂'. */
export const subscript = (n) => String(n).replace(/\d/g, (d) => SUB[d]);

/** A number for a cell: 3 significant digits, a real minus sign, exponents for tiny or huge values. */
export function formatValue(v) {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  let s;
  if (a === 0) s = '0';
  else if (a >= 1e-3 && a < 1e4) s = String(+v.toPrecision(3));
  else s = v.toExponential(1);
  return s.replaceAll('-', '−');
}

/** A matrix to draw: { key, label, tex, rows, cols, values (row-major rows × cols), max, name(i, j) }. */
function matrix(key, tex, label, rows, cols, at, name) {
  const values = new Float64Array(rows * cols);
  let max = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = at(i, j);
      values[i * cols + j] = v;
      if (Number.isFinite(v)) max = Math.max(max, Math.abs(v));
    }
  }
  return { key, tex, label, rows, cols, values, max, name };
}

/**
 * The matrices of book layer l (1-based) for a trace of the batch.
 * trace: net.trace(...) result; inputs: feature labels (x₁, x₂, …) for layer 1's columns;
 * preview: optional [{W, b}] per layer after the update; start: index of the batch's first sample.
 */
export function layerMatrices(trace, l, { inputs = [], preview = null, start = 0 } = {}) {
  const layer = trace.layers[l - 1];
  const L = trace.layers.length;
  const { units: u, fanIn: f } = layer;
  const m = trace.n;
  const lay = (k) => (k === L ? `layer ${k} (output)` : `layer ${k}`);
  const from = (j) => (l === 1 ? `input ${inputs[j] ?? `x${subscript(j + 1)}`}` : `neuron ${j + 1} of layer ${l - 1}`);
  const link = (i, j) => `from ${from(j)} to neuron ${i + 1} of ${lay(l)}`;
  const cell = (i, j) => `neuron ${i + 1} of ${lay(l)}, sample ${start + j + 1} of the training set`;
  const idx = (s, i, j) => `${s}[${l}]₍${subscript(i + 1)},${subscript(j + 1)}₎`;
  const vidx = (s, i) => `${s}[${l}]${subscript(i + 1)}`;
  const perSample = (arr) => (i, j) => arr[j * u + i];   // n × u row-major → u × m
  const weights = (arr) => (i, j) => arr[i * f + j];     // u × f row-major already
  const T = (s) => `${s}^{[${l}]}`;

  const list = [
    matrix('W', T('W'), 'weights', u, f, weights(layer.W), (i, j) => `${idx('W', i, j)}: weight ${link(i, j)}`),
    matrix('b', T('b'), 'biases', u, 1, (i) => layer.b[i], (i) => `${vidx('b', i)}: bias of neuron ${i + 1} of ${lay(l)}`),
    matrix('Z', T('Z'), 'weighted inputs', u, m, perSample(layer.Z), (i, j) => `${idx('Z', i, j)}: weighted input of ${cell(i, j)}`),
    matrix('A', T('A'), 'activations', u, m, perSample(layer.A), (i, j) => `${idx('A', i, j)}: activation of ${cell(i, j)}`),
    layer.dA && matrix('dA', T('dA'), 'error at A', u, m, perSample(layer.dA), (i, j) => `${idx('dA', i, j)}: error ∂ℓⱼ/∂a of ${cell(i, j)}`),
    matrix('dZ', T('dZ'), 'error at Z', u, m, perSample(layer.dZ), (i, j) => `${idx('dZ', i, j)}: error ∂ℓⱼ/∂z of ${cell(i, j)}`),
    matrix('dW', T('dW'), 'weight gradient', u, f, weights(layer.dW), (i, j) => `${idx('dW', i, j)}: ∂ℒ/∂W of the weight ${link(i, j)}`),
    matrix('db', T('db'), 'bias gradient', u, 1, (i) => layer.db[i], (i) => `${vidx('db', i)}: ∂ℒ/∂b of neuron ${i + 1} of ${lay(l)}`),
  ].filter(Boolean);
  const after = preview?.[l - 1];
  if (after) {
    list.push(
      matrix('ΔW', `\\Delta ${T('W')}`, 'change of W', u, f, (i, j) => after.W[i * f + j] - layer.W[i * f + j],
        (i, j) => `Δ${idx('W', i, j)}: the update's change to the weight ${link(i, j)}`),
      matrix('Δb', `\\Delta ${T('b')}`, 'change of b', u, 1, (i) => after.b[i] - layer.b[i],
        (i) => `Δ${vidx('b', i)}: the update's change to the bias of neuron ${i + 1} of ${lay(l)}`),
    );
  }
  return list;
}

/** Which matrices a step of the step-through reads or writes (keys of layerMatrices). */
export function stepKeys(stage) {
  return { forward: ['W', 'b', 'Z', 'A'], loss: ['A', 'dA', 'dZ'], backward: ['dA', 'dZ', 'dW', 'db'], update: ['dW', 'db', 'ΔW', 'Δb'] }[stage] ?? [];
}
