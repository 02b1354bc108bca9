// advice.js — pairs of choices that train badly or not at all, explained by the equations of the
// panel (each item names the block its explanation points to). Every rule reads flags of the
// module's catalog rows (unitInterval, fusedActivation, deadBelowZero, maxSlope, symmetric,
// constantGradient, …) and every name and formula it shows comes from a row, so a new activation,
// loss or initialiser is judged by its table row, never by a list of names typed here.
// Pure: plain text with $…$ for inline TeX. An item that the page also shows beside the controls
// (diagnose.js) carries `field` (the configuration key that fixes it), `short` (the same finding in
// plain words, no TeX) and `fix` ({ label, patch }: a configuration patch, or null); items that
// config.js's checks already say beside a control (log-range, dead-output) carry none.
import { sym, fill, texNumber } from './tex.js';
import { row, either, an, cap } from '../rows.js';

/** 'a', 'a or b', 'a, b or c'. */
/** A slope bound as TeX: 0.25 → '\tfrac{1}{4}', 0.3 → '0.3'. */
const bound = (s) => (Number.isInteger(1 / s) ? `\\tfrac{1}{${1 / s}}` : texNumber(s));
/** Whether an activation is the identity (f(z) = z): its backward step passes dA through
 *  unchanged. A core flag would say it more plainly; until then the row's own formula does. */
export const isIdentity = (a) => a.linear ?? a.tex?.backward?.replace(/\s+/g, '') === '#dZ=#dA';
/** A number in prose, with a true minus sign. */
const num = (v) => String(v).replace('-', '−');
/** An activation's range in words, with ∞ for an open end. */
const range = (a) => `${a.lo === null ? '−∞' : num(a.lo)} to ${a.hi === null ? '∞' : num(a.hi)}`;

/** [{ id, level: 'error' | 'warning' | 'info', title, text, eq, field?, short?, fix? }] for a
 *  (normalised) spec. */
export function advise(spec, catalog) {
  const out = [];
  const L = spec.layers.length;
  const act = row(catalog.activations, spec.layers[L - 1].activation);
  const loss = row(catalog.losses, spec.loss);
  const init = row(catalog.initializers, spec.init);
  const hidden = spec.layers.slice(0, -1).map((l) => row(catalog.activations, l.activation));
  const A = sym('A', L), dA = sym('dA', L), dZ = sym('dZ', L);
  const unitOutputs = either(catalog.activations.filter((a) => a.unitInterval).map((a) => a.display));

  // 1. A squashing output with a loss that is not its partner: the derivative f'(Z) multiplies the error.
  const partner = catalog.losses.find((l) => l.fusedActivation === act.name);
  if (act.unitInterval && !loss.needsUnitInterval && partner) {
    out.push({
      id: 'saturation', level: 'warning', eq: `backward-${L}`,
      title: `${act.display} output with ${loss.display}: slow when saturated`,
      text: `Here $${fill(act.tex.backward, L)}$. When an output is confidently wrong (near ${num(act.lo)} or ${num(act.hi)}), that factor is ` +
        'almost 0, so the error barely reaches the weights and learning crawls. ' +
        `With ${partner.display} the factor cancels and $${dZ}$ is just $${A} - Y$ (up to $\\frac{1}{n_L}$).`,
      field: 'loss', fix: { label: `Use ${partner.display}`, patch: { loss: partner.name } },
      short: `${act.display} output with ${loss.display}: when an output is confidently wrong its slope is almost 0, so the error ` +
        `barely reaches the weights and learning crawls. ${partner.display} cancels that slope.`,
    });
  }
  // 2. A log-loss on an output that can leave (0, 1).
  if (loss.needsUnitInterval && !act.unitInterval) {
    out.push({
      id: 'log-range', level: 'error', eq: 'loss',
      title: `${act.display} output with ${loss.display}: the loss is undefined`,
      text: `The loss takes the $\\log$ of the outputs, which needs them in $(0, 1)$. ${cap(an(act.display))} output ranges from ${range(act)}` +
        `${act.deadBelowZero ? ' (it is exactly 0 for every negative $Z$)' : ''}; at 0 or below $\\log$ is $-\\infty$ or undefined and ` +
        `$${dA} = ${fill(loss.tex.gradient, L)}$ is infinite. Use ${an(unitOutputs)} output.`,
    });
  }
  // 3. An output that is dead below zero, without a log-loss: a dead output receives no gradient.
  if (act.deadBelowZero && !loss.needsUnitInterval) {
    out.push({
      id: 'dead-output', level: 'warning', eq: `backward-${L}`,
      title: `${act.display} output: an output stuck at ${num(act.lo)} stops learning`,
      text: `$${fill(act.tex.backward, L)}$: once an output's $Z$ is negative for ` +
        `every sample, its gradient is exactly 0 and it never recovers. Outputs also cannot go below ${num(act.lo)}.`,
    });
  }
  // 4. A multi-class loss without its coupling activation: only the true class's output is pushed.
  const coupler = loss.fusedActivation && row(catalog.activations, loss.fusedActivation);
  if (loss.minOutputs > 1 && coupler && act.name !== coupler.name && act.unitInterval) {
    out.push({
      id: 'classes-uncoupled', level: 'warning', eq: 'loss',
      title: `${loss.display} on ${act.display} outputs: nothing pulls wrong classes down`,
      text: `$${dA} = ${fill(loss.tex.gradient, L)}$ is 0 wherever $Y$ is 0, so only the true class's output ` +
        `is pushed up; the others are never pushed down and all outputs can drift towards 1. ${cap(an(coupler.display))} output couples them` +
        `${coupler.elementwise ? '' : ' (it works on the whole column, and its outputs sum to 1)'}.`,
      field: 'outputActivation', fix: { label: `Use ${coupler.display} output`, patch: { outputActivation: coupler.name } },
      short: `${loss.display} on ${act.display} outputs: the loss only pushes the true class's output up, and each ${act.display} ` +
        `output can reach 1 on its own, so the loss can fall to 0 while every point gets every class (accuracy stays at chance). ` +
        `A ${coupler.display} output makes the classes compete.`,
    });
  }
  // 5. Equal starting weights with hidden layers: symmetry (and, at zero, no backward signal).
  if (init?.symmetric && hidden.length > 0) {
    const random = either(catalog.initializers.filter((i) => !i.symmetric).map((i) => i.display));
    const usualInit = row(catalog.initializers, catalog.defaults.init);
    out.push({
      id: 'symmetric-init', level: 'error', eq: `backward-${L}`,
      title: `${init.display} initialisation: the hidden units never differ`,
      text: `With every weight of a layer starting equal, all neurons of a layer compute the same $Z$, receive the same $dZ$ and the ` +
        'same update, so they stay identical: a layer of many units behaves like one. Worse, when they start at 0, ' +
        `$${sym('dA', L - 1)} = ${sym('W', L, '\\top')} ${dZ} = 0$ while $${sym('W', L)} = 0$, so the layers below get no gradient at all at first. ` +
        `A random initialiser (${random}) breaks the symmetry.`,
      field: 'init', fix: { label: `Use ${usualInit.display} initialisation`, patch: { init: usualInit.name } },
      short: `${init.display} initialisation: every unit of a layer starts equal, gets the same update and stays equal to the ` +
        `others, so each layer works like a single unit. A random initialiser breaks the symmetry.`,
    });
  }
  // 6. Several hidden layers whose slope stays below 1: each multiplies the backward signal by f' ≤ maxSlope.
  const shrinking = hidden.filter((a) => a.maxSlope < 1);
  if (shrinking.length >= 2) {
    const kinds = [...new Set(shrinking)];
    const factor = Math.round(shrinking.reduce((p, a) => p / a.maxSlope, 1));
    const usual = row(catalog.activations, catalog.defaults.hiddenActivation);
    out.push({
      id: 'vanishing', level: 'info', eq: 'backward-1',
      title: `${shrinking.length} ${kinds.map((a) => a.display).join(' and ')} hidden layers: vanishing gradients`,
      text: `Each backward step multiplies by the activation's slope, $f'(Z) \\le ${bound(kinds[0].maxSlope)}$ for ${kinds[0].display}` +
        `${kinds.slice(1).map((a) => `, $\\le ${bound(a.maxSlope)}$ for ${a.display}`).join('')} ($${fill(kinds[0].tex.backward, 'l')}$), ` +
        `so the gradient reaching layer 1 can be ${factor}× smaller than at the top. Hidden activations whose slope reaches 1` +
        `${usual?.maxSlope >= 1 ? `, such as ${usual.display},` : ''} keep it larger.`,
    });
  }
  // 7. A loss whose gradient has a constant size.
  if (loss.constantGradient) {
    const shrinkingLosses = catalog.losses.filter((l) => !l.constantGradient && !l.needsUnitInterval).map((l) => l.display);
    out.push({
      id: 'constant-gradient', level: 'info', eq: 'loss',
      title: `${loss.display}: the gradient does not shrink near the answer`,
      text: `$${dA} = ${fill(loss.tex.gradient, L)}$ has the same size however small the error, so with a fixed ` +
        `learning rate the outputs keep overshooting around the targets. ${either(shrinkingLosses)} shrink the step as the error shrinks.`,
    });
  }
  // 8. Only identity hidden layers: a product of linear maps is one linear map.
  const usual = row(catalog.activations, catalog.defaults.hiddenActivation);
  if (hidden.length > 0 && hidden.every(isIdentity) && !isIdentity(usual)) {
    const name = hidden[0].display;
    out.push({
      id: 'linear-stack', level: 'warning', eq: 'forward-1',
      title: `${hidden.length} ${name} hidden layer${hidden.length > 1 ? 's' : ''}: the network is one linear map`,
      text: `With $f(Z) = Z$, $${sym('Z', 2)} = ${sym('W', 2)} (${sym('W', 1)} X + ${sym('b', 1)}) + ${sym('b', 2)}$ is again a weight matrix ` +
        `times $X$ plus a bias: however many such layers, the network equals a single layer, and its boundary is a straight line. ` +
        `A nonlinear activation (${usual.display}, for instance) lets it bend.`,
      field: 'layers', fix: { label: `Use ${usual.display} in the hidden layers`, patch: { layers: spec.layers.slice(0, -1).map((l) => ({ units: l.units, activation: usual.name })) } },
      short: `${hidden.length === 1 ? 'The hidden layer is' : hidden.length === 2 ? 'Both hidden layers are' : `All ${hidden.length} hidden layers are`} ${name}: a stack of linear layers ` +
        `equals one linear layer, so the boundary can only be a straight line. A nonlinear activation lets it bend.`,
    });
  }
  return out;
}
