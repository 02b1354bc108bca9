// tex.js — the book's notation as TeX, one table per family, mirroring the core's tables: each
// activation's f written beside its derivative f', each loss's value beside its ∂ℓ/∂A, each
// optimizer's update rule. Pure functions returning TeX strings (no DOM, no KaTeX), so every row
// can be checked in Node. Matrices have one column per sample; ⊙ and ⊘ are elementwise.
//
// The formulas state what core/activations.cpp, core/losses.cpp and core/optimizers.cpp compute
// (PyTorch's semantics): losses average over every element (outputs × batch) except categorical
// cross-entropy (mean over samples of −Σ y log a); leaky ReLU's slope is 0.01; ELU's α is 1.

/** A layer-indexed symbol: sym('W', 2) → 'W^{[2]}'; sym('A', 1, '\\top') → 'A^{[1]\\top}'. */
export const sym = (name, l, extra = '') => `${name}^{[${l}]${extra}}`;

/** A table name in words: 'binary_crossentropy' → 'binary cross-entropy'. */
export const words = (name) => name.replace(/_/g, ' ').replace('crossentropy', 'cross-entropy');

/** ℝ^{r×c} (or ℝ^{r} for a vector). */
export const space = (r, c) => (c === undefined ? `\\mathbb{R}^{${r}}` : `\\mathbb{R}^{${r} \\times ${c}}`);

/** A number as TeX: 0.01 → '0.01', 1e-8 → '10^{-8}', 2.5e-7 → '2.5 \\times 10^{-7}'. */
export function texNumber(v) {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-4 && a < 1e5) return String(+v.toPrecision(6));
  const [mant, exp] = v.toExponential().split('e');
  const m = +(+mant).toPrecision(4);
  const pow = `10^{${Number(exp)}}`;
  return m === 1 ? pow : m === -1 ? `-${pow}` : `${m} \\times ${pow}`;
}

// --- activations: A = f(Z) and the factor f'(Z) of dZ = dA ⊙ f'(Z) ----------------------------
// f(Z, l) → TeX of the right-hand side of A^{[l]} = …;  df(Z, A) → TeX of f'(Z), or null for 1;
// def: a definition shown beside (for names the reader may not know).
const g = (s) => `\\big(${s}\\big)`;
export const ACTIVATIONS = {
  linear: { f: (Z) => Z, df: () => null, name: 'identity' },
  sigmoid: {
    f: (Z) => `\\sigma${g(Z)}`, df: (Z, A) => `${A} \\odot \\big(1 - ${A}\\big)`,
    def: '\\sigma(z) = \\frac{1}{1 + e^{-z}}', name: 'logistic sigmoid',
  },
  tanh: { f: (Z) => `\\tanh${g(Z)}`, df: (Z, A) => `\\big(1 - ${A} \\odot ${A}\\big)`, name: 'hyperbolic tangent' },
  relu: { f: (Z) => `\\max${g(`0,\\ ${Z}`)}`, df: (Z) => `\\mathbf{1}\\big[${Z} > 0\\big]`, name: 'rectified linear unit' },
  leaky_relu: {
    f: (Z) => `\\max${g(`0.01\\,${Z},\\ ${Z}`)}`,
    df: (Z) => `\\big(\\mathbf{1}[${Z} > 0] + 0.01\\,\\mathbf{1}[${Z} \\le 0]\\big)`, name: 'leaky ReLU, slope 0.01',
  },
  elu: {
    f: (Z) => `\\operatorname{elu}${g(Z)}`,
    df: (Z, A) => `\\big(\\mathbf{1}[${Z} > 0] + (${A} + 1) \\odot \\mathbf{1}[${Z} \\le 0]\\big)`,
    def: '\\operatorname{elu}(z) = \\begin{cases} z & z > 0 \\\\ e^{z} - 1 & z \\le 0 \\end{cases}', name: 'exponential linear unit, α = 1',
  },
  softplus: {
    f: (Z) => `\\log${g(`1 + e^{${Z}}`)}`, df: (Z) => `\\sigma${g(Z)}`,
    def: '\\sigma(z) = \\frac{1}{1 + e^{-z}}', name: 'softplus (linear above z = 20)',
  },
  silu: {
    f: (Z) => `${Z} \\odot \\sigma${g(Z)}`,
    df: (Z) => `\\sigma(${Z}) \\odot \\big(1 + ${Z} \\odot (1 - \\sigma(${Z}))\\big)`,
    def: '\\sigma(z) = \\frac{1}{1 + e^{-z}}', name: 'sigmoid-weighted linear unit',
  },
  gelu: {
    f: (Z) => `${Z} \\odot \\Phi${g(Z)}`, df: (Z) => `\\big(\\Phi(${Z}) + ${Z} \\odot \\varphi(${Z})\\big)`,
    def: '\\Phi(z) = \\tfrac{1}{2}\\big(1 + \\operatorname{erf}(z/\\sqrt{2})\\big),\\ \\varphi = \\Phi\'', name: 'Gaussian error linear unit (exact)',
  },
  softmax: {
    // one column (sample) at a time; its Jacobian J = diag(a) − a aᵀ is used in activationBackward
    f: (Z) => `\\operatorname{softmax}${g(Z)}`,
    def: '\\operatorname{softmax}(z)_k = \\frac{e^{z_k}}{\\sum_{i} e^{z_i}}\\ \\text{for each column}',
    df: null, name: 'softmax over each column',
  },
};

/** The backward step through layer l's activation: TeX of dZ^{[l]} = …. */
export function activationBackward(activation, l) {
  const Z = sym('Z', l), A = sym('A', l), dA = sym('dA', l);
  if (activation === 'softmax') {
    // J_j = diag(a_j) − a_j a_jᵀ is symmetric: dz_j = J_j da_j = a_j ⊙ (da_j − a_jᵀ da_j)
    return `${sym('dZ', l)}_{:,j} = a_j \\odot \\big(${dA}_{:,j} - a_j^{\\top} ${dA}_{:,j}\\big),\\quad a_j = ${A}_{:,j}`;
  }
  const d = ACTIVATIONS[activation].df(Z, A);
  return d ? `${sym('dZ', l)} = ${dA} \\odot ${d}` : `${sym('dZ', l)} = ${dA}`;
}

// --- losses: ℒ over the batch and the per-sample derivative dA^{[L]} = ∂ℓ_j/∂A_{:,j} ------------
// A, Y are TeX of the output matrix and the targets; entries are written A_{kj} (output k, sample j).
const mean = '\\frac{1}{n_L\\, m} \\sum_{j=1}^{m} \\sum_{k=1}^{n_L}';
export const LOSSES = {
  mse: {
    value: (A, Y) => `\\mathcal{L} = ${mean} \\big(${A}_{kj} - ${Y}_{kj}\\big)^{2}`,
    dA: (A, Y) => `\\frac{2}{n_L}\\big(${A} - ${Y}\\big)`,
  },
  mae: {
    value: (A, Y) => `\\mathcal{L} = ${mean} \\big|${A}_{kj} - ${Y}_{kj}\\big|`,
    dA: (A, Y) => `\\frac{1}{n_L} \\operatorname{sign}\\big(${A} - ${Y}\\big)`,
  },
  huber: {
    value: (A, Y) => `\\mathcal{L} = ${mean} h\\big(${A}_{kj} - ${Y}_{kj}\\big),\\quad h(d) = \\begin{cases} \\tfrac{1}{2} d^{2} & |d| < 1 \\\\ |d| - \\tfrac{1}{2} & |d| \\ge 1 \\end{cases}`,
    dA: (A, Y) => `\\frac{1}{n_L} \\operatorname{clip}\\big(${A} - ${Y},\\ -1,\\ 1\\big)`,
  },
  binary_crossentropy: {
    value: (A, Y) => `\\mathcal{L} = -${mean} \\Big[${Y}_{kj} \\log ${A}_{kj} + \\big(1 - ${Y}_{kj}\\big) \\log\\big(1 - ${A}_{kj}\\big)\\Big]`,
    dA: (A, Y) => `\\frac{1}{n_L} \\big(${A} - ${Y}\\big) \\oslash \\Big(${A} \\odot \\big(1 - ${A}\\big)\\Big)`,
    fused: (A, Y) => `\\frac{1}{n_L} \\big(${A} - ${Y}\\big)`,
    why: 'the sigmoid’s derivative $\\sigma\'(z) = a(1 - a)$ cancels the denominator of $\\partial\\ell/\\partial a = \\frac{a - y}{a(1 - a)}$. ' +
      'The gradient is the error itself: it never vanishes when the output saturates, and the core computes the loss from the logits $Z$ so no $\\log 0$ can occur.',
  },
  categorical_crossentropy: {
    value: (A, Y) => `\\mathcal{L} = -\\frac{1}{m} \\sum_{j=1}^{m} \\sum_{k=1}^{n_L} ${Y}_{kj} \\log ${A}_{kj}`,
    dA: (A, Y) => `-${Y} \\oslash ${A}`,
    fused: (A, Y) => `${A} - ${Y}`,
    why: 'the softmax Jacobian $J = \\operatorname{diag}(a) - a a^{\\top}$ applied to $-y \\oslash a$ gives $a \\textstyle\\sum_k y_k - y = a - y$ for one-hot targets. ' +
      'The gradient is the error itself, and the core computes the loss from the logits $Z$ (log-sum-exp) so no $\\log 0$ can occur.',
  },
};

// --- optimizers: the update of every parameter θ ∈ {W^{[l]}, b^{[l]}} with its gradient g ----------
// rows: TeX lines of the rule; params(o, t): the hyperparameters as TeX.
const hp = (pairs) => pairs.map(([k, v]) => `${k} = ${texNumber(v)}`).join(',\\ ');
export const OPTIMIZERS = {
  sgd: {
    rows: ['\\theta \\leftarrow \\theta - \\eta\\, g'],
    params: (o) => hp([['\\eta', o.learningRate]]),
  },
  momentum: {
    rows: ['v \\leftarrow \\mu\\, v + g', '\\theta \\leftarrow \\theta - \\eta\\, v'],
    params: (o) => hp([['\\eta', o.learningRate], ['\\mu', o.momentum]]),
  },
  nesterov: {
    rows: ['v \\leftarrow \\mu\\, v + g', '\\theta \\leftarrow \\theta - \\eta\\,\\big(g + \\mu\\, v\\big)'],
    params: (o) => hp([['\\eta', o.learningRate], ['\\mu', o.momentum]]),
  },
  rmsprop: {
    rows: ['s \\leftarrow \\rho\\, s + (1 - \\rho)\\, g \\odot g', '\\theta \\leftarrow \\theta - \\eta\\, g \\oslash \\big(\\sqrt{s} + \\epsilon\\big)'],
    params: (o) => hp([['\\eta', o.learningRate], ['\\rho', o.rho], ['\\epsilon', o.epsilon]]),
  },
  adam: {
    rows: [
      's \\leftarrow \\beta_1 s + (1 - \\beta_1)\\, g,\\qquad r \\leftarrow \\beta_2 r + (1 - \\beta_2)\\, g \\odot g',
      '\\theta \\leftarrow \\theta - \\eta\\, \\frac{s \\,/\\, (1 - \\beta_1^{\\,t})}{\\sqrt{r \\,/\\, (1 - \\beta_2^{\\,t})} + \\epsilon}',
    ],
    params: (o, t) => hp([['\\eta', o.learningRate], ['\\beta_1', o.beta1], ['\\beta_2', o.beta2], ['\\epsilon', o.epsilon]]) +
      (t ? `,\\ t = ${t}` : ''),
  },
};

/** The state an optimizer keeps per parameter, in words (shown under the rule). */
export const OPTIMIZER_STATE = {
  sgd: '', momentum: '$v$ is the velocity', nesterov: '$v$ is the velocity',
  rmsprop: '$s$ is a running mean of $g^2$', adam: '$s$, $r$ are running means of $g$ and $g^2$; $t$ counts the steps',
};
