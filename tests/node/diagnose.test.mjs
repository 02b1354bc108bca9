// diagnose.test.mjs — the rules that say why a run fails (web/js/diagnose.js) and the record that
// keeps them from flickering (web/js/diagnoser.js), on synthetic numbers: each rule fires on the
// numbers of the scenario and stays silent on a healthy run's, its text carries the run's
// numbers and display names (never ids), and its fix is a configuration patch. No module, no DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalog } from '../../web/js/catalog.js';
import { defaultConfig, UI_LIMITS } from '../../web/js/config.js';
import { display } from '../../web/js/rows.js';
import {
  LIMITS, baselineOf, proportionsOf, varianceOf, staticFindings, deadUnits, stalledLoss, chanceAccuracy, overshooting, vanishing, overfitting, fewPoints, diagnose, lowerRate,
} from '../../web/js/diagnose.js';
import { createDiagnoser, EVERY, HOLD } from '../../web/js/diagnoser.js';

const act = (flag) => catalog.activations.find((a) => a.elementwise && flag(a));
const DEAD = act((a) => a.deadBelowZero);           // ReLU
const SMALL = act((a) => a.maxSlope < 1);            // Sigmoid
const USUAL = catalog.defaults.hiddenActivation;     // Tanh
const ids = Object.fromEntries(['activations', 'losses', 'initializers', 'optimizers'].map((t) => [t, catalog[t].map((r) => r.name)]));
/** No id of the catalog in a text meant for people (binary_crossentropy, leaky_relu, …). */
const noIds = (text) => {
  for (const list of Object.values(ids)) for (const id of list.filter((n) => n.includes('_'))) assert.ok(!text.includes(id), `${id} in "${text}"`);
};

const cfg = (patch = {}) => ({ ...defaultConfig(), ...patch });
const BINARY = baselineOf(catalog, cfg(), [0.5, 0.5], 1);
/** A summary of a run (diagnose.js's input): epochs of rows built by fn(i). */
function summary({ config = cfg(), epochs = 100, row = () => ({}), base = BINARY, ratios = [], units = null, minTest = null } = {}) {
  const rows = Array.from({ length: Math.min(epochs, 2 * LIMITS.window) }, (_, i) => ({
    epoch: epochs - Math.min(epochs, 2 * LIMITS.window) + i + 1, trainLoss: 0.3, testLoss: 0.35, trainAcc: 0.9, testAcc: 0.88, ...row(i),
  }));
  return { catalog, config, epoch: epochs, rows, base, ratios, units, minTest };
}
const healthy = () => summary({ ratios: [0.7, 0.6, 0.8, 0.7, 0.7], units: { n: 200, nTrain: 200, active: [new Float32Array(16).fill(0.5), new Float32Array(16).fill(0.5)] }, minTest: { loss: 0.34, epoch: 90 } });

test('the constant-prediction baseline: ln k for categorical, binary entropy for one sigmoid output', () => {
  assert.ok(Math.abs(BINARY.loss - Math.log(2)) < 1e-12);
  const cce = catalog.losses.find((l) => l.needsUnitInterval && !l.meanOverOutputs);
  const six = baselineOf(catalog, cfg({ loss: cce.name }), proportionsOf([0, 1, 2, 3, 4, 5], 6), 6);
  assert.ok(Math.abs(six.loss - Math.log(6)) < 1e-12);
  assert.ok(Math.abs(six.chance - 1 / 6) < 1e-12);
  assert.equal(baselineOf(catalog, cfg({ loss: catalog.losses.find((l) => !l.needsUnitInterval).name }), [0.5, 0.5], 1).loss, null, 'no baseline claimed for other losses');
  assert.deepEqual(proportionsOf([0, 0, 1, 0], 2), [0.75, 0.25]);
});

test('a healthy run raises nothing', () => {
  assert.deepEqual(diagnose(healthy()), []);
  assert.deepEqual(staticFindings(catalog, cfg()), []);
  // regression near a perfect fit: tiny losses jitter by large ratios, but not against the targets' spread
  const base = baselineOf(catalog, cfg({ dataset: catalog.datasets.find((d) => d.regression).name }), null, 1, varianceOf([-1, -0.5, 0, 0.5, 1]));
  const tiny = summary({ base, row: (i) => ({ trainLoss: 1e-4 * (1 + (i % 2)), testLoss: 2e-4 * (1 + (i % 3)), trainAcc: NaN, testAcc: NaN }), minTest: { loss: 1e-4, epoch: 50 } });
  assert.deepEqual(diagnose(tiny), []);
  assert.ok(overfitting({ ...tiny, rows: tiny.rows.map((r) => ({ ...r, testLoss: 0.3 })) }), 'a test loss far above the training loss is overfitting');
});

test('dead units: all of a layer at 0 on every point, said with the numbers; fixed by an activation that never dies', () => {
  const config = cfg({ layers: [{ units: 16, activation: DEAD.name }, { units: 16, activation: DEAD.name }], optimizer: 'sgd', learningRate: 3 });
  const s = { ...healthy(), config, units: { n: 200, nTrain: 200, active: [new Float32Array(16).fill(0.4), new Float32Array(16)] } };
  const f = deadUnits(s);
  assert.equal(f.panel, 'network');
  assert.equal(f.text.split(':')[0], `All 16 units of layer 2 output 0 on every training point (dead ${DEAD.display} units)`);
  const alive = catalog.activations.find((a) => a.name === f.fix.patch.layers[0].activation);
  assert.ok(alive && !alive.deadBelowZero && alive.lo === null, 'the fix keeps a slope below zero');
  assert.equal(f.fix.label, `Use ${alive.display}`);
  assert.deepEqual(f.fix.patch.layers.map((l) => l.units), [16, 16]);
  noIds(f.text + f.fix.label);
  // a few dead units are normal, and an activation that is not flat below zero cannot die
  const few = new Float32Array(16).fill(0.5); few[3] = 0;
  assert.equal(deadUnits({ ...s, units: { ...s.units, active: [few, few] } }), null);
  assert.equal(deadUnits({ ...s, config: cfg() }), null);
  assert.equal(deadUnits({ ...s, epoch: LIMITS.minEpochs - 1 }), null, 'no verdict on a young run');
  const sampled = deadUnits({ ...s, units: { ...s.units, nTrain: 700 } });
  assert.match(sampled.text, /every one of 200 training points checked/);
});

test('a loss stalled at ln 6 on six classes, and chance-level accuracy, point at the learning rate', () => {
  const config = cfg({ classes: 6, outputActivation: 'softmax', loss: 'categorical_crossentropy', learningRate: 0.01 });
  const base = baselineOf(catalog, config, new Array(6).fill(1 / 6), 6);
  const s = summary({ config, base, row: (i) => ({ trainLoss: 1.78 + 0.01 * Math.sin(i), trainAcc: 0.18 }) });
  const f = stalledLoss(s);
  assert.equal(f.panel, 'training');
  assert.match(f.text, /stayed at 1\.78 for the last 40 epochs \(training accuracy 18 %\).*\(1\.79\)/);
  assert.deepEqual(f.fix, { label: 'Lower the learning rate to 0.001', patch: { learningRate: 0.001 } });
  assert.ok(chanceAccuracy(s), 'the accuracy is at chance too');
  assert.deepEqual(diagnose(s).map((x) => x.id), ['stalled'], 'one cause, one message');
  assert.equal(stalledLoss(summary({ config, base, row: (i) => ({ trainLoss: 1.78 - 0.01 * i }) })), null, 'a loss still falling is not stalled');
  assert.equal(stalledLoss(summary({ config, base, row: () => ({ trainLoss: 0.9 }) })), null, 'a flat loss well below the baseline is not stalled');
  const chance = chanceAccuracy(summary({ row: () => ({ trainAcc: 0.52 }) }));
  assert.match(chance.text, /training accuracy is 52 %, no better than always answering the commonest class \(50 %\)/);
  assert.equal(chanceAccuracy(summary({ row: () => ({ trainAcc: 0.6 }) })), null);
  assert.equal(lowerRate(3), 0.3);
  // steps below the optimizer's usual rate are too small: the fix raises it instead
  const sgd = catalog.optimizers.find((o) => !o.stateSlots);
  const slow = stalledLoss(summary({ config: cfg({ optimizer: sgd.name, learningRate: sgd.suggestedLearningRate / 100 }), row: () => ({ trainLoss: 0.69, trainAcc: 0.5 }) }));
  assert.deepEqual(slow.fix, { label: `Raise the learning rate to ${sgd.suggestedLearningRate}`, patch: { learningRate: sgd.suggestedLearningRate } });
  assert.match(slow.text, /Larger steps get it moving\.$/);
});

test('steps that overshoot: a loss jumping around above a constant prediction\'s', () => {
  const config = cfg({ optimizer: 'sgd', learningRate: 10 });
  const s = summary({ config, row: (i) => ({ trainLoss: i % 2 ? 8 : 4.5 }) });
  const f = overshooting(s);
  assert.match(f.text, /jumps by 3\.50 on average.*\(mean 6\.25, worse than the 0\.69 a constant prediction gets\): at learning rate 10 /);
  assert.deepEqual(f.fix.patch, { learningRate: 1 });
  assert.equal(overshooting(summary({ config, row: (i) => ({ trainLoss: 0.3 + (i % 2 ? 0.05 : 0) }) })), null, 'small jitter is not overshooting');
  assert.ok(overshooting(summary({ config, row: () => ({ trainLoss: 2 }) })), 'a loss far above the baseline is');
});

test('vanishing gradients: the first layer\'s gradient 400× below the output\'s, fixed by the usual hidden activation', () => {
  const layers = Array.from({ length: 8 }, () => ({ units: 8, activation: SMALL.name }));
  const s = summary({ config: cfg({ layers }), ratios: [0.002, 0.003, 0.0025, 0.0024, 0.0026] });
  const f = vanishing(s);
  assert.equal(f.panel, 'network');
  assert.match(f.text, new RegExp(`^Layer 1's gradient is 400× smaller than the output layer's: .* 8 ${SMALL.display} layers`));
  assert.deepEqual(f.fix.patch.layers, layers.map((l) => ({ ...l, activation: USUAL })));
  assert.equal(f.fix.label, `Use ${display(catalog.activations, USUAL)} in the hidden layers`);
  assert.equal(vanishing({ ...s, ratios: [0.002, 0.5, 0.6, 0.7, 0.5] }), null, 'the median of healthy ratios is healthy');
  assert.equal(vanishing({ ...s, ratios: s.ratios.slice(0, 3) }), null, 'too few measurements');
  assert.equal(vanishing({ ...s, config: cfg({ layers: layers.map((l) => ({ ...l, activation: USUAL })) }) }).fix, null, 'no fix to offer when the slope already reaches 1');
  // the stall it causes is said once, by the finding whose fix addresses it
  const stalled = { ...s, rows: s.rows.map((r) => ({ ...r, trainLoss: 0.68, trainAcc: 0.55 })) };
  assert.deepEqual(diagnose(stalled).map((x) => x.id), ['vanishing']);
  const noFix = { ...stalled, config: cfg({ layers: layers.map((l) => ({ ...l, activation: USUAL })) }) };
  assert.deepEqual(diagnose(noFix).map((x) => x.id), ['stalled', 'vanishing'], 'without a fix of its own it hides nothing');
  // too large steps also starve the first layers: the overshoot is the cause said
  const both = summary({ config: cfg({ layers, optimizer: 'sgd', learningRate: 10 }), ratios: s.ratios, row: (i) => ({ trainLoss: i % 2 ? 8 : 4.5 }) });
  assert.deepEqual(diagnose(both).map((x) => x.id), ['overshoot']);
});

test('overfitting: 98 % train, 69 % test and a rising test loss; Add L2, then raise it', () => {
  const s = summary({ row: () => ({ trainLoss: 0.1, testLoss: 1.39, trainAcc: 0.98, testAcc: 0.69 }), minTest: { loss: 1.04, epoch: 278 } });
  const f = overfitting(s);
  assert.equal(f.panel, 'training');
  assert.match(f.text, /^Training accuracy is 98 % but test accuracy 69 %, and the test loss has risen from 1\.04 \(epoch 278\) to 1\.39/);
  assert.deepEqual(f.fix, { label: 'Add L2 0.001', patch: { l2: 0.001 } });
  assert.deepEqual(overfitting({ ...s, config: cfg({ l2: 0.001 }) }).fix, { label: 'Raise L2 to 0.01', patch: { l2: 0.01 } });
  assert.equal(overfitting({ ...s, minTest: { loss: 1.3, epoch: 278 } }), null, 'a test loss near its minimum');
  // on few generated points, the Data panel offers more of them
  const few = fewPoints({ ...s, config: cfg({ points: 100 }), nTrain: 50 });
  assert.equal(few.panel, 'data');
  assert.match(few.text, /^50 training points are few enough for the network to memorise: with 400 points/);
  assert.deepEqual(few.fix, { label: 'Use 400 points', patch: { points: 400 } });
  assert.deepEqual(diagnose({ ...s, config: cfg({ points: 100 }) }).map((f) => f.panel), ['training', 'data']);
  assert.equal(fewPoints({ ...s, config: cfg({ points: UI_LIMITS.maxPoints }) }), null, 'no more points to give');
  assert.equal(fewPoints({ ...s, minTest: { loss: 1.3, epoch: 278 } }), null, 'only while overfitting');
  assert.equal(overfitting(summary({ row: () => ({ testLoss: 1.39, trainAcc: 0.8, testAcc: 0.75 }), minTest: { loss: 1, epoch: 3 } })), null, 'a small gap');
});

test('static findings reuse the advice rules: uncoupled sigmoid outputs, zero init, a stack of linear layers', () => {
  const cce = catalog.losses.find((l) => l.minOutputs > 1 && l.fusedActivation);
  const [uncoupled] = staticFindings(catalog, cfg({ loss: cce.name }));
  assert.equal(uncoupled.id, 'classes-uncoupled');
  assert.equal(uncoupled.panel, 'network');
  assert.deepEqual(uncoupled.fix.patch, { outputActivation: cce.fusedActivation });
  assert.match(uncoupled.text, /loss can fall to 0/);
  const zero = catalog.initializers.find((i) => i.symmetric);
  assert.deepEqual(staticFindings(catalog, cfg({ init: zero.name })).map((f) => [f.id, f.fix.patch.init]), [['symmetric-init', catalog.defaults.init]]);
  const identity = catalog.activations.find((a) => a.elementwise && a.tex.backward.replace(/\s/g, '') === '#dZ=#dA');
  const linear = staticFindings(catalog, cfg({ layers: [{ units: 4, activation: identity.name }, { units: 3, activation: identity.name }] }));
  assert.deepEqual(linear.map((f) => f.id), ['linear-stack']);
  assert.deepEqual(linear[0].fix.patch.layers, [{ units: 4, activation: USUAL }, { units: 3, activation: USUAL }]);
  assert.equal(staticFindings(catalog, cfg({ layers: [{ units: 4, activation: identity.name }, { units: 3, activation: USUAL }] })).length, 0, 'one nonlinear layer bends');
  for (const f of [uncoupled, ...linear]) noIds(f.text + f.fix.label);
  // sigmoid outputs + categorical cross-entropy "train" to loss 0 at chance: the pair is the cause
  // said, not the step size (no "lower the learning rate" beside it)
  const atChance = summary({ config: cfg({ loss: cce.name }), row: () => ({ trainLoss: 0.0001, trainAcc: 0.5 }) });
  assert.deepEqual(diagnose(atChance).map((f) => f.id), ['chance']);
  assert.deepEqual(diagnose({ ...atChance, statics: [uncoupled] }), []);
});

test('the record shows a finding only after it held, drops it only after it stopped holding, and forgets it on an edit', () => {
  const d = createDiagnoser(catalog);
  const config = cfg({ optimizer: 'sgd', learningRate: 10 });
  d.setConfig(config);
  d.setData({ classes: 2, outputs: 1, train: { n: 4, labels: [0, 1, 0, 1] } });
  let epoch = 0;
  const frames = (n, loss) => {
    let changed = false;
    for (let i = 0; i < n; i++) { epoch++; changed = d.frame({ epoch, history: [{ epoch, trainLoss: loss(epoch), testLoss: 1, trainAcc: 0.6, testAcc: 0.6 }] }) || changed; }
    return changed;
  };
  const wild = (e) => (e % 2 ? 8 : 4.5), calm = () => 0.3;
  const first = Math.ceil(LIMITS.window / EVERY) * EVERY;   // the first judgement with a full window
  frames(first + EVERY * (HOLD - 1) - 1, wild);
  assert.deepEqual(d.findings(), [], 'not yet: held fewer than HOLD judgements');
  assert.equal(frames(1, wild), true);
  assert.deepEqual(d.findings().map((f) => f.id), ['overshoot']);
  // the loss calms down: at each judgement the rule itself (on the same rows) says whether it holds;
  // the finding stays until it has not held HOLD judgements in a row, then goes
  const rows = [];
  let misses = 0;
  for (let j = 0; misses < HOLD; j++) {
    frames(EVERY, calm);
    for (let e = epoch - EVERY + 1; e <= epoch; e++) rows.push({ epoch: e, trainLoss: e > first + EVERY * (HOLD - 1) ? calm(e) : wild(e), testLoss: 1, trainAcc: 0.6, testAcc: 0.6 });
    const all = [...Array.from({ length: first + EVERY * (HOLD - 1) }, (_, i) => ({ epoch: i + 1, trainLoss: wild(i + 1), testLoss: 1, trainAcc: 0.6, testAcc: 0.6 })), ...rows];
    misses = overshooting({ ...summary({ config }), rows: all.slice(-2 * LIMITS.window), epoch }) ? 0 : misses + 1;
    assert.equal(d.findings().length, misses < HOLD ? 1 : 0, `judgement ${j}: ${misses} misses`);
  }
  frames(LIMITS.window + EVERY * HOLD, wild);
  assert.equal(d.findings().length, 1);
  assert.equal(d.setConfig({ ...config, learningRate: 1 }), true, 'an edit starts a new record');
  assert.deepEqual(d.findings(), []);
  assert.equal(d.setConfig({ ...config, learningRate: 1 }), false, 'the same configuration changes nothing');
});
