// math-tex.test.mjs — the By-hand panel's pure modules (web/js/math/) in Node, against the real
// module's catalog: every activation, loss and optimizer of the tables typesets with KaTeX in
// strict mode; the equations show each row's TeX (forward, backward, definition, note; value,
// gradient, fused, why; rules, hyperparameters, state); the shapes carry the real numbers; the
// fused shortcut appears exactly for the catalog's fused pairs; the advice fires by the rows'
// flags for the traps the issue names; the matrices are the trace transposed to one column per
// sample. No browser needed: these modules have no DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import katex from 'katex';
import { nn } from './load.mjs';
import { buildEquations, stepOrder, isFused } from '../../web/js/math/equations.js';
import { advise } from '../../web/js/math/advice.js';
import { layerMatrices, formatValue } from '../../web/js/math/matrices.js';
import { texNumber, fill, sym } from '../../web/js/math/tex.js';

const catalog = nn.catalog;

const render = (tex, displayMode) => katex.renderToString(tex, { displayMode, throwOnError: true, strict: 'error' });
const inline = (text) => text.split('$').filter((_, i) => i % 2 === 1);
const squash = (s) => s.replace(/\s+/g, '');

/** A normalised spec through the module (createNetwork fills every default); for pairs the core
 *  refuses (a log-loss on an output outside (0, 1)), the same defaults filled here, as the page's
 *  networkSpec() gives the panel a spec before the core has judged it. */
function spec(s) {
  try {
    const net = nn.createNetwork(s);
    const out = net.spec;
    net.dispose();
    return out;
  } catch {
    const type = s.optimizer?.type ?? catalog.defaults.optimizer;
    const row = catalog.optimizers.find((o) => o.name === type);
    const optimizer = { type, ...Object.fromEntries(row.hyperparameters.map((h) => [h.name, h.default])), ...s.optimizer };
    return { l1: 0, l2: 0, init: catalog.defaults.init, seed: 1, ...s, optimizer };
  }
}

test('every activation × loss × optimizer typesets without a KaTeX error', () => {
  let count = 0;
  const hiddenActs = catalog.activations.filter((a) => a.elementwise).map((a) => a.name);
  for (const out of catalog.activations) {
    for (const loss of catalog.losses) {
      for (const opt of catalog.optimizers) {
        const units = Math.max(loss.minOutputs, out.name === 'softmax' ? 3 : 1);
        const hidden = hiddenActs[count % hiddenActs.length];
        const s = spec({ inputs: 2, layers: [{ units: 5, activation: hidden }, { units, activation: out.name }], loss: loss.name,
          optimizer: { type: opt.name }, l1: count % 2 ? 1e-4 : 0, l2: count % 3 ? 0 : 1e-3 });
        const blocks = buildEquations(s, catalog, 10, 3);
        assert.deepEqual(blocks.map((b) => b.id), stepOrder(2));
        for (const b of blocks) {
          for (const r of b.rows) {
            render(r.tex, true);
            if (r.shapes) render(r.shapes, false);
          }
          for (const n of b.notes) for (const t of inline(n)) render(t, false);
        }
        for (const a of advise(s, catalog)) for (const t of inline(a.text)) render(t, false);
        count++;
      }
    }
  }
  assert.equal(count, catalog.activations.length * catalog.losses.length * catalog.optimizers.length);
});

test('shapes carry the real numbers; the shortcut appears exactly for fused pairs', () => {
  const s = spec({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 3, activation: 'softmax' }], loss: 'categorical_crossentropy' });
  const blocks = buildEquations(s, catalog, 10);
  const shapes = squash(blocks.flatMap((b) => b.rows.map((r) => r.shapes)).join(' '));
  assert.ok(shapes.includes(squash('W^{[1]} \\in \\mathbb{R}^{4 \\times 2}')));
  assert.ok(shapes.includes(squash('W^{[2]} \\in \\mathbb{R}^{3 \\times 4}')));
  assert.ok(shapes.includes(squash('m = 10')));
  const loss = blocks.find((b) => b.id === 'loss');
  assert.equal(squash(loss.rows[1].tex), squash('dZ^{[2]} = A^{[2]} - Y'));
  for (const out of catalog.activations) {
    for (const l of catalog.losses) {
      const t = spec({ inputs: 2, layers: [{ units: 3, activation: out.name }], loss: l.name });
      const rows = buildEquations(t, catalog, 4).find((b) => b.id === 'loss').rows;
      assert.equal(rows.some((r) => r.shortcut), l.fusedActivation === out.name, `${out.name} + ${l.name}`);
      assert.equal(isFused(t, catalog), l.fusedActivation === out.name);
    }
  }
  // the per-sample dA of an elementwise loss states the 1/n_L of the mean over outputs
  const mse = spec({ inputs: 2, layers: [{ units: 1, activation: 'linear' }], loss: 'mse' });
  assert.match(buildEquations(mse, catalog, 8).find((b) => b.id === 'loss').rows[1].tex, /\\frac\{2\}\{n_L\}/);
});

test('advice: sigmoid + mse, relu + cross-entropy, all-zeros init; none for the natural pairs', () => {
  const ids = (s) => advise(spec(s), catalog).map((a) => a.id);
  const hidden = [{ units: 4, activation: 'tanh' }];
  assert.ok(ids({ inputs: 2, layers: [...hidden, { units: 1, activation: 'sigmoid' }], loss: 'mse' }).includes('saturation'));
  assert.ok(ids({ inputs: 2, layers: [...hidden, { units: 1, activation: 'sigmoid' }], loss: 'binary_crossentropy', init: 'zeros' }).includes('symmetric-init'));
  assert.deepEqual(ids({ inputs: 2, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'binary_crossentropy', init: 'zeros' }), [],
    'a single layer (logistic regression) learns fine from zeros');
  assert.deepEqual(ids({ inputs: 2, layers: [...hidden, { units: 1, activation: 'sigmoid' }], loss: 'binary_crossentropy' }), []);
  assert.deepEqual(ids({ inputs: 2, layers: [...hidden, { units: 3, activation: 'softmax' }], loss: 'categorical_crossentropy' }), []);
  assert.deepEqual(ids({ inputs: 2, layers: [...hidden, { units: 1, activation: 'linear' }], loss: 'mse' }), []);
  // relu output with cross-entropy: the core refuses to build it, so the advice reads the raw spec
  const relu = { inputs: 2, layers: [...hidden, { units: 1, activation: 'relu' }], loss: 'binary_crossentropy', init: 'glorot_uniform', optimizer: { type: 'adam' } };
  assert.ok(advise(relu, catalog).some((a) => a.id === 'log-range' && a.eq === 'loss'));
  for (const a of advise({ ...relu, loss: 'mse' }, catalog)) assert.ok(stepOrder(2).includes(a.eq), a.eq);
});

test("the equations show each row's TeX, filled for its layer", () => {
  const all = (blocks) => blocks.flatMap((b) => [...b.rows.map((r) => r.tex), ...b.rows.map((r) => r.shapes), ...b.notes, b.sub]).join('\n');
  const hiddenActs = catalog.activations.filter((a) => a.elementwise);
  for (const [i, out] of catalog.activations.entries()) {
    const hidden = hiddenActs[i % hiddenActs.length];
    for (const loss of catalog.losses) {
      const units = Math.max(loss.minOutputs, out.elementwise ? 1 : 3);
      const s = spec({ inputs: 2, layers: [{ units: 4, activation: hidden.name }, { units, activation: out.name }], loss: loss.name });
      const text = all(buildEquations(s, catalog, 6));
      const has = (tex, what) => assert.ok(text.includes(tex), `${out.name} + ${loss.name}: ${what} ${tex}`);
      for (const [a, l] of [[hidden, 1], [out, 2]]) {
        has(`${sym('A', l)} = ${fill(a.tex.forward, l)}`, 'forward');
        if (a.tex.definition) has(a.tex.definition, 'definition');
        has(a.display, 'display name');
      }
      has(fill(hidden.tex.backward, 1), 'hidden backward');
      if (hidden.tex.note) has(fill(hidden.tex.note, 1), 'note');
      has(fill(loss.tex.value, 2), 'loss value');
      has(loss.display, 'loss display name');
      if (loss.fusedActivation === out.name) {
        has(`${sym('dZ', 2)} = ${fill(loss.tex.fused, 2)}`, 'fused');
        if (loss.tex.why) has(loss.tex.why, 'why');
        assert.ok(!text.includes(fill(out.tex.backward, 2)), 'no backward through a fused output');
      } else {
        has(`${sym('dA', 2)} = ${fill(loss.tex.gradient, 2)}`, 'gradient');
        has(fill(out.tex.backward, 2), 'output backward');
        assert.equal(text.includes('(its mean over the $n_L$ outputs)'), loss.meanOverOutputs, `${loss.name}: meanOverOutputs`);
      }
    }
  }
  for (const o of catalog.optimizers) {
    const values = Object.fromEntries(o.hyperparameters.map((h, i) => [h.name, (h.default ?? o.defaultLearningRate) * (1 + i / 10)]));
    const s = spec({ inputs: 2, layers: [{ units: 1, activation: 'sigmoid' }], loss: 'binary_crossentropy', optimizer: { type: o.name, ...values } });
    const update = buildEquations(s, catalog, 6, 7).find((b) => b.id === 'update');
    assert.deepEqual(update.rows.slice(1).map((r) => r.tex), o.tex.rules, o.name);
    const params = o.hyperparameters.map((h) => `${h.tex} = ${texNumber(s.optimizer[h.name])}`);
    if (o.countsSteps) params.push('t = 7');
    assert.equal(update.rows[1].shapes, params.join(',\\ '), o.name);
    assert.equal(update.sub, o.display);
    assert.equal(update.notes.some((n) => n === `Here ${o.tex.state}.`), !!o.tex.state, `${o.name}: state`);
  }
});

test('advice: each rule fires by the rows\' flags, for every activation × loss', () => {
  const hidden = [{ units: 4, activation: catalog.defaults.hiddenActivation }];
  for (const act of catalog.activations) {
    for (const loss of catalog.losses) {
      const units = Math.max(loss.minOutputs, act.elementwise ? 1 : 3);
      const s = spec({ inputs: 2, layers: [...hidden, { units, activation: act.name }], loss: loss.name });
      const ids = advise(s, catalog).map((a) => a.id);
      const partner = catalog.losses.some((l) => l.fusedActivation === act.name);
      const label = `${act.name} + ${loss.name}`;
      assert.equal(ids.includes('saturation'), act.unitInterval && !loss.needsUnitInterval && partner, label);
      assert.equal(ids.includes('log-range'), loss.needsUnitInterval && !act.unitInterval, label);
      assert.equal(ids.includes('dead-output'), act.deadBelowZero && !loss.needsUnitInterval, label);
      assert.equal(ids.includes('constant-gradient'), loss.constantGradient, label);
      assert.equal(ids.includes('classes-uncoupled'), loss.minOutputs > 1 && !!loss.fusedActivation && loss.fusedActivation !== act.name && act.unitInterval, label);
      assert.ok(!ids.includes('symmetric-init') && !ids.includes('vanishing'), label);
    }
  }
  for (const init of catalog.initializers) {
    const s = spec({ inputs: 2, layers: [...hidden, { units: 1, activation: 'sigmoid' }], loss: 'binary_crossentropy', init: init.name });
    const item = advise(s, catalog).find((a) => a.id === 'symmetric-init');
    assert.equal(!!item, init.symmetric, init.name);
    if (item) assert.ok(item.title.includes(init.display));
  }
  for (const a of catalog.activations.filter((x) => x.elementwise)) {
    const s = spec({ inputs: 2, layers: [{ units: 3, activation: a.name }, { units: 3, activation: a.name }, { units: 1, activation: 'linear' }], loss: 'mse' });
    const item = advise(s, catalog).find((x) => x.id === 'vanishing');
    assert.equal(!!item, a.maxSlope < 1, a.name);
    if (item) {
      assert.ok(item.title.startsWith(`2 ${a.display} hidden layers`), item.title);
      assert.ok(item.text.includes(`${Math.round(1 / a.maxSlope ** 2)}× smaller`), item.text);
    }
  }
});

test('the matrices are the trace with one column per sample', () => {
  const net = nn.createNetwork({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 3, activation: 'softmax' }], loss: 'categorical_crossentropy' });
  const x = new Float32Array([0.5, -1, 2, 0.25, -0.75, 1.5]);
  const y = new Float32Array([1, 0, 0, 0, 0, 1, 0, 1, 0]);
  const trace = net.trace(x, y, 3);
  const mats = Object.fromEntries(layerMatrices(trace, 2, { start: 20 }).map((m) => [m.key, m]));
  assert.deepEqual([mats.W.rows, mats.W.cols, mats.Z.rows, mats.Z.cols, mats.b.rows, mats.b.cols], [3, 4, 3, 3, 3, 1]);
  const g = net.gradients(x, y, 3);
  assert.deepEqual([...mats.dW.values], [...g.weights[1]]);
  assert.equal(mats.Z.values[1 * 3 + 2], trace.layers[1].Z[2 * 3 + 1], 'Z[2]₍₂,₃₎ = row 3 (sample 3), unit 2 of the trace');
  assert.match(mats.W.name(2, 0), /^W\[2\]₍₃,₁₎: weight from neuron 1 of layer 1 to neuron 3 of layer 2 \(output\)$/);
  assert.match(mats.Z.name(0, 1), /sample 22 of the training set/);
  // dA: none for the fused softmax output; layer 1's is W[2]ᵀ dZ[2], one column per sample
  assert.equal(mats.dA, undefined);
  const hidden = Object.fromEntries(layerMatrices(trace, 1).map((m) => [m.key, m]));
  assert.deepEqual([hidden.dA.rows, hidden.dA.cols], [4, 3]);
  assert.equal(hidden.dA.values[2 * 3 + 1], trace.layers[0].dA[1 * 4 + 2], 'dA[1]₍₃,₂₎ = row 2 (sample 2), unit 3 of the trace');
  assert.match(hidden.dA.name(2, 1), /^dA\[1\]₍₃,₂₎: error ∂ℓⱼ\/∂a of neuron 3 of layer 1, sample 2 of the training set$/);
  assert.equal(formatValue(-0.000012345), '−1.2e−5');
  assert.equal(formatValue(0.41237), '0.412');
  assert.equal(texNumber(1e-8), '10^{-8}');
  assert.equal(texNumber(0.001), '0.001');
  net.dispose();
});
