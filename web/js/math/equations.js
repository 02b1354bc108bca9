// equations.js — the equations of one network, as the book writes them: the forward pass layer by
// layer, the loss, the backward pass from layer L down to 1, and the optimizer's update, each
// equation with the shapes of its symbols in real numbers. Pure: takes the normalised spec
// (net.spec, or networkSpec() of the page's config) and the batch size m; returns TeX strings.
//
// Layers are numbered as in the book, 1..L (the API's layer 0 is W^{[1]}); A^{[0]} = X.
// One block per step of the step-through: forward-1 … forward-L, loss, backward-L … backward-1,
// update. Notes are plain text with $…$ for inline TeX. Every formula, name and note of an
// activation, loss or optimizer comes from its row of the module's catalog.
import { sym, fill, space, texNumber } from './tex.js';
import { row, an } from '../rows.js';

/** Units and fan-in of book layer l (1-based). */
export function layerShape(spec, l) {
  return { units: spec.layers[l - 1].units, fanIn: l === 1 ? spec.inputs : spec.layers[l - 2].units };
}

/** True when the output activation and the loss are fused (dZ^{[L]} = A − Y, up to 1/n_L). */
export function isFused(spec, catalog) {
  const loss = row(catalog.losses, spec.loss);
  return !!loss && loss.fusedActivation === spec.layers.at(-1).activation;
}

/** The step order: ids of the blocks, forward then loss then backward then update. */
export function stepOrder(L) {
  const ids = [];
  for (let l = 1; l <= L; l++) ids.push(`forward-${l}`);
  ids.push('loss');
  for (let l = L; l >= 1; l--) ids.push(`backward-${l}`);
  ids.push('update');
  return ids;
}

/** A short caption for a step id ('forward-2' → 'Forward pass, layer 2 of 3'). */
export function stepLabel(id, L) {
  const [stage, l] = id.split('-');
  if (stage === 'forward') return `Forward pass, layer ${l} of ${L}: weighted sums, then the activation`;
  if (stage === 'backward') return `Backward pass, layer ${l}: its gradients, then the error sent back${l === '1' ? '' : ` to layer ${l - 1}`}`;
  if (stage === 'loss') return 'Loss: compare the output with the targets and start the gradient';
  return 'Update: the optimizer moves every weight and bias';
}

function forwardBlock(spec, catalog, l, m) {
  const { units: u, fanIn: f } = layerShape(spec, l);
  const L = spec.layers.length;
  const act = row(catalog.activations, spec.layers[l - 1].activation);
  const tex = act.tex;
  const Aprev = l === 1 ? `${sym('A', 0)} = X` : sym('A', l - 1);
  const notes = [];
  if (tex.definition) notes.push(`$\\displaystyle ${tex.definition}$`);
  if (l === 1) notes.push(`The bias $${sym('b', 1)}$ is added to every column: one column per sample of the batch.`);
  return {
    id: `forward-${l}`, stage: 'forward', layer: l,
    heading: `Layer ${l}`, sub: `${l === L ? 'output' : 'hidden'} · ${u} ${act.display} unit${u > 1 ? 's' : ''}`,
    rows: [
      { tex: `${sym('Z', l)} = ${sym('W', l)} ${sym('A', l - 1)} + ${sym('b', l)}`,
        shapes: `${sym('W', l)} \\in ${space(u, f)},\\ ${Aprev} \\in ${space(f, m)},\\ ${sym('b', l)} \\in ${space(u)}` },
      { tex: `${sym('A', l)} = ${fill(tex.forward, l)}`, shapes: `${sym('Z', l)},\\ ${sym('A', l)} \\in ${space(u, m)}` },
    ],
    notes,
  };
}

function lossBlock(spec, catalog, m) {
  const L = spec.layers.length;
  const nL = spec.layers[L - 1].units;
  const out = row(catalog.activations, spec.layers[L - 1].activation);
  const loss = row(catalog.losses, spec.loss);
  const tex = loss.tex;
  const rows = [{ tex: fill(tex.value, L), shapes: `Y \\in ${space(nL, m)},\\ n_L = ${nL},\\ m = ${m}` }];
  const notes = [];
  if (isFused(spec, catalog)) {
    const fused = fill(tex.fused, L);
    rows.push({ tex: `${sym('dZ', L)} = ${fused}`, shapes: `${sym('dZ', L)} \\in ${space(nL, m)}`, shortcut: true });
    notes.push(`Shortcut: with ${an(out.display)} output and ${loss.display}, the error at the logits is simply $${sym('dZ', L)} = ${fused}$.` +
      (tex.why ? ` Why: ${fill(tex.why, L)}` : ''));
  } else {
    rows.push({ tex: `${sym('dA', L)} = ${fill(tex.gradient, L)}`, shapes: `${sym('dA', L)} \\in ${space(nL, m)}` });
    notes.push(`Column $j$ of $${sym('dA', L)}$ is the derivative of sample $j$’s loss $\\ell_j$${loss.meanOverOutputs ? ' (its mean over the $n_L$ outputs)' : ''}; ` +
      `the batch mean’s $\\frac{1}{m}$ is applied once, in $dW$ and $db$.`);
  }
  return { id: 'loss', stage: 'loss', layer: L, heading: 'Loss', sub: loss.display, rows, notes };
}

function backwardBlock(spec, catalog, l, m) {
  const { units: u, fanIn: f } = layerShape(spec, l);
  const L = spec.layers.length;
  const tex = row(catalog.activations, spec.layers[l - 1].activation).tex;
  const rows = [];
  const notes = [];
  if (l < L || !isFused(spec, catalog)) {
    rows.push({ tex: fill(tex.backward, l), shapes: `${sym('dZ', l)} \\in ${space(u, m)}` });
    if (tex.note) notes.push(fill(tex.note, l));
  } else {
    notes.push(`$${sym('dZ', L)}$ comes straight from the loss (the shortcut above).`);
  }
  rows.push({ tex: `${sym('dW', l)} = \\frac{1}{m}\\, ${sym('dZ', l)}\\, ${sym('A', l - 1, '\\top')}`,
    shapes: `${sym('dW', l)} \\in ${space(u, f)}` });
  rows.push({ tex: `${sym('db', l)} = \\frac{1}{m} \\sum_{j=1}^{m} ${sym('dZ', l)}_{:,j}`, shapes: `${sym('db', l)} \\in ${space(u)}` });
  if (l > 1) {
    rows.push({ tex: `${sym('dA', l - 1)} = ${sym('W', l, '\\top')}\\, ${sym('dZ', l)}`,
      shapes: `${sym('W', l, '\\top')} \\in ${space(f, u)},\\ ${sym('dA', l - 1)} \\in ${space(f, m)}` });
  }
  return { id: `backward-${l}`, stage: 'backward', layer: l, heading: `Layer ${l}`, sub: l === L ? 'output' : 'hidden', rows, notes };
}

/** The optimizer's hyperparameters as TeX, in the row's order (η first), and t when it counts steps. */
function hyperparameters(rule, o, t) {
  const pairs = rule.hyperparameters.map((h) => `${h.tex} = ${texNumber(o[h.name])}`);
  if (rule.countsSteps && t) pairs.push(`t = ${t}`);
  return pairs.join(',\\ ');
}

function updateBlock(spec, catalog, t) {
  const o = spec.optimizer;
  const rule = row(catalog.optimizers, o.type);
  const L = spec.layers.length;
  let params = 0;
  for (let l = 1; l <= L; l++) { const { units, fanIn } = layerShape(spec, l); params += units * (fanIn + 1); }
  const W = sym('W', 'l'), reg = [];
  if (spec.l2) reg.push(`\\lambda_2 ${W}`);
  if (spec.l1) reg.push(`\\lambda_1 \\operatorname{sign}\\big(${W}\\big)`);
  const rows = [{
    tex: `g = ${['d' + W, ...reg].join(' + ')}\\ \\text{ for } \\theta = ${W},\\qquad g = ${sym('db', 'l')}\\ \\text{ for } \\theta = ${sym('b', 'l')}`,
    shapes: reg.length ? [spec.l1 && `\\lambda_1 = ${texNumber(spec.l1)}`, spec.l2 && `\\lambda_2 = ${texNumber(spec.l2)}`].filter(Boolean).join(',\\ ') + `,\\ l = 1, \\dots, ${L}`
      : `l = 1, \\dots, ${L}`,
  }];
  rule.tex.rules.forEach((tex, i) => rows.push({ tex, shapes: i === 0 ? hyperparameters(rule, o, t) : '' }));
  const notes = [`Applied to all ${params} parameters, each $\\theta$ with its own state of the same shape (zero at the start).`];
  if (rule.tex.state) notes.push(`Here ${rule.tex.state}.`);
  if (reg.length) notes.push('The penalty acts on the weights only, never the biases' +
    `${spec.l2 ? ': $\\lambda_2 W$ is the gradient of $\\tfrac{\\lambda_2}{2}\\lVert W \\rVert^2$' : ''}${spec.l1 ? `${spec.l2 ? ', and' : ':'} $\\lambda_1 \\operatorname{sign}(W)$ that of $\\lambda_1 \\lVert W \\rVert_1$` : ''}.`);
  return { id: 'update', stage: 'update', layer: null, heading: 'Update', sub: rule.display, rows, notes };
}

/** Every block of the network, in step order, with its equations numbered (1), (2), … .
 *  spec: normalised spec; m: batch size; t: the step number of the next update (Adam's t). */
export function buildEquations(spec, catalog, m, t = null) {
  const L = spec.layers.length;
  const blocks = [];
  for (let l = 1; l <= L; l++) blocks.push(forwardBlock(spec, catalog, l, m));
  blocks.push(lossBlock(spec, catalog, m));
  for (let l = L; l >= 1; l--) blocks.push(backwardBlock(spec, catalog, l, m));
  blocks.push(updateBlock(spec, catalog, t));
  let n = 0;
  for (const b of blocks) for (const r of b.rows) r.number = ++n;
  return blocks;
}
