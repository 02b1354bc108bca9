// tex.js — the book's notation as TeX: pure helpers (no DOM, no KaTeX) that the equations and the
// advice use to write the catalog's formulas for a given layer. The formulas themselves live in the
// core's tables (core/activations.cpp, losses.cpp, optimizers.cpp), one row per entry, each
// activation's forward written beside its backward; the catalog exports them with placeholders
// #Z, #A, #dA, #dZ (a layer's matrices) and #Y (the targets), which fill() replaces.
// Matrices have one column per sample; ⊙ and ⊘ are elementwise.

/** A layer-indexed symbol: sym('W', 2) → 'W^{[2]}'; sym('A', 1, '\\top') → 'A^{[1]\\top}'. */
export const sym = (name, l, extra = '') => `${name}^{[${l}]${extra}}`;

/** A catalog TeX string for layer l: '#dZ = #dA' → 'dZ^{[l]} = dA^{[l]}'; #Y stays Y. */
export const fill = (tex, l) => tex.replace(/#(dZ|dA|Z|A|Y)/g, (_, s) => (s === 'Y' ? 'Y' : sym(s, l)));

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

