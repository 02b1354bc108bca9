// advice.js — pairs of choices that train badly or not at all, explained by the equations of the
// panel (each item names the block its explanation points to). Derived only from the spec and the
// module's catalog, so a new activation or loss is judged by its table row (unitInterval,
// fusedActivation), not by a list of names typed here. Pure: plain text with $…$ for inline TeX.
import { sym, activationBackward, words } from './tex.js';

/** [{ id, level: 'error' | 'warning' | 'info', title, text, eq }] for a (normalised) spec. */
export function advise(spec, catalog) {
  const out = [];
  const L = spec.layers.length;
  const outAct = spec.layers[L - 1].activation;
  const act = catalog.activations.find((a) => a.name === outAct);
  const loss = catalog.losses.find((l) => l.name === spec.loss);
  const hidden = spec.layers.slice(0, -1);
  const A = sym('A', L), dZ = sym('dZ', L);

  // 1. A squashing output with a loss that is not its partner: the derivative f'(Z) multiplies the error.
  const partner = catalog.losses.find((l) => l.fusedActivation === outAct);
  if (act.unitInterval && !loss.needsUnitInterval && partner) {
    out.push({
      id: 'saturation', level: 'warning', eq: `backward-${L}`,
      title: `${outAct} output with ${words(spec.loss)}: slow when saturated`,
      text: `Here $${activationBackward(outAct, L)}$. When an output is confidently wrong (near 0 or 1), that factor is ` +
        'almost 0, so the error barely reaches the weights and learning crawls. ' +
        `With ${words(partner.name)} the factor cancels and $${dZ}$ is just $${A} - Y$ (up to $\\frac{1}{n_L}$).`,
    });
  }
  // 2. A log-loss on an output that can leave (0, 1).
  if (loss.needsUnitInterval && !act.unitInterval) {
    out.push({
      id: 'log-range', level: 'error', eq: 'loss',
      title: `${outAct} output with ${words(spec.loss)}: the loss is undefined`,
      text: `The loss takes $\\log ${A}$ (and $\\log(1 - ${A})$), which needs outputs in $(0, 1)$. A ${outAct} output ` +
        `reaches 0 or below (a relu output is exactly 0 for every negative $Z$), where $\\log$ is $-\\infty$ and ` +
        `$\\partial \\ell / \\partial A = -Y \\oslash A$ is infinite. Use a sigmoid or softmax output.`,
    });
  }
  // 3. A relu output for classes without a log-loss: dead units receive no gradient.
  if (outAct === 'relu' && !loss.needsUnitInterval) {
    out.push({
      id: 'relu-output', level: 'warning', eq: `backward-${L}`,
      title: 'relu output: an output stuck at 0 stops learning',
      text: `$${dZ} = ${sym('dA', L)} \\odot \\mathbf{1}[${sym('Z', L)} > 0]$: once an output's $Z$ is negative for ` +
        'every sample, its gradient is exactly 0 and it never recovers. Outputs also cannot go below 0.',
    });
  }
  // 4. categorical cross-entropy without a softmax: only the true class's output is pushed.
  if (loss.minOutputs > 1 && loss.fusedActivation && outAct !== loss.fusedActivation && act.unitInterval) {
    out.push({
      id: 'cce-without-softmax', level: 'warning', eq: 'loss',
      title: `${words(spec.loss)} on ${outAct} outputs: nothing pulls wrong classes down`,
      text: `$\\partial \\ell / \\partial A = -Y \\oslash ${A}$ is 0 wherever $Y$ is 0, so only the true class's output ` +
        'is pushed up; the others are never pushed down and all outputs can drift towards 1. A softmax couples them (they sum to 1).',
    });
  }
  // 5. All-zero weights with hidden layers: symmetry and a vanishing backward signal.
  if (spec.init === 'zeros' && hidden.length > 0) {
    out.push({
      id: 'zeros-init', level: 'error', eq: `backward-${L}`,
      title: 'all-zeros initialisation: the hidden units never differ',
      text: `With every $${sym('W', 'l')} = 0$, all neurons of a layer compute the same $Z$, receive the same $dZ$ and the ` +
        'same update, so they stay identical: a layer of many units behaves like one. Worse, ' +
        `$${sym('dA', L - 1)} = ${sym('W', L, '\\top')} ${dZ} = 0$ while $${sym('W', L)} = 0$, so the layers below get no gradient at all at first. ` +
        'Random initialisers (Glorot, He) break the symmetry.',
    });
  }
  // 6. Deep stacks of saturating hidden units: each layer multiplies the backward signal by f' ≤ ¼ (σ) or ≤ 1 (tanh).
  const sigmoids = hidden.filter((l) => l.activation === 'sigmoid').length;
  if (sigmoids >= 2) {
    out.push({
      id: 'vanishing', level: 'info', eq: 'backward-1',
      title: `${sigmoids} sigmoid hidden layers: vanishing gradients`,
      text: 'Each backward step multiplies by $\\sigma\'(Z) = A \\odot (1 - A) \\le \\tfrac14$, so the gradient reaching layer 1 ' +
        `can be ${4 ** sigmoids}× smaller than at the top. tanh ($\\tanh' \\le 1$) or relu keep it larger.`,
    });
  }
  // 7. mae: a gradient of constant size.
  if (spec.loss === 'mae') {
    out.push({
      id: 'mae', level: 'info', eq: 'loss',
      title: 'mae: the gradient does not shrink near the answer',
      text: `$${sym('dA', L)} = \\frac{1}{n_L} \\operatorname{sign}(${A} - Y)$ has the same size however small the error, so with a fixed ` +
        'learning rate the outputs keep overshooting around the targets. mse or huber shrink the step as the error shrinks.',
    });
  }
  return out;
}
