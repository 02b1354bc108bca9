// diagnose.js — why a run is failing, in plain words and with the run's own numbers, so the page can
// say it beside the controls that fix it (diagnosis-view.js). Two kinds of finding:
// - static: known from the configuration before training. These are the pairs math/advice.js
//   explains in By hand → Advice; its items that carry a `short` form are reused here (one rule
//   source), so nothing is said twice.
// - dynamic: read from the frames (diagnoser.js keeps the recent numbers): dead units, a loss
//   stalled at what a constant prediction gets, chance-level accuracy, vanishing gradients, steps
//   that overshoot, overfitting. Each rule is a pure function of a summary of the run.
// A finding is { id, field, panel, level, text, fix: { label, patch } | null }; `field` is the
// configuration key that fixes it, `patch` goes through the page's normal edit path. Rules read the
// catalog's flags and display names, never an entry's name. No DOM, no state.
import { row, either } from './rows.js';
import { networkSpec, UI_LIMITS } from './config.js';
import { advise, isIdentity } from './math/advice.js';

/** Thresholds, each with why. Epoch counts are epochs of the current run since the last edit. */
export const LIMITS = Object.freeze({
  minEpochs: 20,      // no verdict on a younger run: the first epochs are noisy by nature
  window: 40,         // epochs a trend is judged over (a flat loss, an overshooting one, a rising test loss)
  recent: 10,         // epochs averaged for "now" (accuracy and loss jitter from epoch to epoch)
  deadShare: 0.5,     // half a layer dead: it has lost most of its capacity (a few dead ReLUs are normal)
  flat: 0.02,         // the window's two halves differ by less than 2 % of the constant-prediction loss
  nearBaseline: 0.1,  // and sits within 10 % of it: the network predicts about the same for every point
  chanceMargin: 0.05, // accuracy within 5 points of always answering the commonest class
  vanishRatio: 0.02,  // the first layer's gradient 50× smaller than the output layer's (a healthy tanh net: ~0.7)
  minRatios: 5,       // gradient measurements (frames) the vanishing verdict takes the median of
  wobble: 0.25,       // the loss jumps by a quarter of the constant-prediction loss per epoch, on average
  aboveBaseline: 1.5, // or stays 1.5× above it: worse than knowing nothing, steps that overshoot
  gap: 0.15,          // train accuracy 15 points above test (regression: test loss above train by 15 % of the targets' variance) ...
  rise: 0.1,          // ... and the test loss 10 % above its own minimum: memorising, not learning
  riseAlone: 0.25,    // without accuracies (regression): the test loss 25 % above its minimum
  firstL2: 0.001,     // the L2 penalty suggested first: visible smoothing without stopping learning
});

const TRAINING = ['learningRate', 'optimizer', 'batchSize', 'l1', 'l2'];
const DATA = ['dataset', 'points', 'noise', 'testRatio', 'classes', 'seed'];

/** The panel whose controls set a configuration key: 'network', 'training' or 'data'. */
export const panelOf = (field) => (TRAINING.includes(field) ? 'training' : DATA.includes(field) ? 'data' : 'network');

const f2 = (v) => (Math.abs(v) >= 100 ? v.toPrecision(3) : v.toFixed(2));
const pct = (v) => `${Math.round(v * 100)} %`;
const and = (words) => either(words).replace(/ or (?=[^ ]*$)/, ' and ');
const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const finding = (id, field, text, fix = null, level = 'warning') => ({ id, field, panel: panelOf(field), level, text, fix });

/** The learning rate a tenth of lr, as a short number (0.01 → 0.001, 3 → 0.3). */
export const lowerRate = (lr) => Number((lr / 10).toPrecision(2));
const lowerFix = (lr) => ({ label: `Lower the learning rate to ${lowerRate(lr)}`, patch: { learningRate: lowerRate(lr) } });
/** For a run that learns nothing: steps below the optimizer's usual rate (the one the playground
 *  starts it with: catalog suggestedLearningRate, chosen by experiment) are too small to move
 *  (raise to it); above or at it, a tenth (large steps throw a network into a dead or saturated
 *  state it cannot leave). [fix, words] */
function rateFix(s) {
  const lr = s.config.learningRate, usual = row(s.catalog.optimizers, s.config.optimizer)?.suggestedLearningRate;
  if (usual && lr < usual) return [{ label: `Raise the learning rate to ${usual}`, patch: { learningRate: usual } }, 'Larger steps get it moving.'];
  return [lowerFix(lr), 'Smaller steps often get it moving.'];
}

// --- static --------------------------------------------------------------------------------------

/** The configuration's known traps (math/advice.js items with a short form), as findings. */
export function staticFindings(catalog, config) {
  return advise(networkSpec(catalog, config), catalog)
    .filter((a) => a.short)
    .map((a) => ({ ...finding(a.id, a.field, a.short, a.fix, a.level === 'error' ? 'error' : 'warning'), static: true }));
}

// --- what a network that learned nothing scores ---------------------------------------------------

/** What a network that learned nothing scores, from the training points: for classes
 *  (proportions: per class, its share), { loss: the entropy of the class frequencies for a
 *  log-loss (else null), chance: the commonest class's share, scale: loss }; for regression
 *  (variance: of the targets, what predicting their mean gets in squared error), { loss: null,
 *  chance: null, scale: variance }, the size a loss's jumps and gaps are measured against. */
export function baselineOf(catalog, config, proportions, outputs, variance = null) {
  if (!proportions?.length) return variance > 0 ? { loss: null, chance: null, scale: variance } : null;
  const loss = row(catalog.losses, config.loss);
  const h = (p) => (p > 0 ? -p * Math.log(p) : 0);
  const binary = (p) => h(p) + h(1 - p);
  let value = null;
  if (loss?.needsUnitInterval) {
    if (!loss.meanOverOutputs) value = proportions.reduce((s, p) => s + h(p), 0);
    else value = outputs === 1 ? binary(proportions[1] ?? 0) : mean(proportions.map(binary));
  }
  return { loss: value, chance: Math.max(...proportions), scale: value };
}

/** The variance of regression targets (null when there are none). */
export function varianceOf(targets) {
  if (!targets?.length) return null;
  const m = mean(targets);
  return mean(Array.from(targets, (t) => (t - m) ** 2));
}

/** Per class, its share of n labels (null when there are none). */
export function proportionsOf(labels, classes) {
  if (!labels?.length || !classes) return null;
  const count = new Array(classes).fill(0);
  for (const c of labels) if (c < classes) count[c]++;
  return count.map((k) => k / labels.length);
}

// --- dynamic rules: (summary) → finding | null ----------------------------------------------------
// summary: { catalog, config, epoch, rows: the last epochs' { trainLoss, testLoss, trainAcc,
// testAcc }, base: baselineOf(…) | null, ratios: recent first/last layer gradient-norm ratios,
// units: { n, nTrain, active } (probe.js) | null, minTest: { loss, epoch } | null, nTrain }

const hidden = (s) => s.config.layers.map((l) => row(s.catalog.activations, l.activation));
const windowRows = (s) => (s.rows.length >= LIMITS.window ? s.rows.slice(-LIMITS.window) : null);
const recentMean = (s, key) => mean(s.rows.slice(-LIMITS.recent).map((r) => r[key]));
const classifying = (s) => Number.isFinite(s.rows.at(-1)?.trainAcc) && Number.isFinite(s.base?.chance);

/** Units of a layer whose activation is flat below zero and that output 0 on every sampled point. */
export function deadUnits(s) {
  if (!s.units || s.epoch < LIMITS.minEpochs) return null;
  const acts = hidden(s);
  const layers = [];   // [{ l, dead, units }] of the layers at least deadShare dead
  s.units.active.forEach((on, l) => {
    const dead = on.filter((a) => a === 0).length;
    if (acts[l]?.deadBelowZero && dead > 0 && dead >= LIMITS.deadShare * on.length) layers.push({ l, dead, units: on.length });
  });
  if (!layers.length) return null;
  const count = (dead, units) => `${dead === units ? `All ${dead}` : `${dead} of ${units}`} unit${units > 1 ? 's' : ''}`;
  const sum = (k) => layers.reduce((t, x) => t + x[k], 0);
  const where = layers.length === 1 ? `${count(layers[0].dead, layers[0].units)} of layer ${layers[0].l + 1}`
    : `${count(sum('dead'), sum('units'))} of layers ${and(layers.map((x) => String(x.l + 1)))}`;
  const kinds = [...new Set(acts.filter((a) => a?.deadBelowZero).map((a) => a.display))];
  const every = s.units.n >= s.units.nTrain ? 'every training point' : `every one of ${s.units.n} training points checked`;
  const alive = s.catalog.activations.find((a) => a.elementwise && !a.deadBelowZero && a.lo === null && a.hi === null && !isIdentity(a));
  const fix = alive && {
    label: `Use ${alive.display}`,
    patch: { layers: s.config.layers.map((l, i) => (acts[i]?.deadBelowZero ? { ...l, activation: alive.name } : l)) },
  };
  return finding('dead-units', 'layers',
    `${where} output 0 on ${every} (dead ${kinds.join(', ')} units): their gradients are 0, so they cannot recover.` +
    `${alive ? ` ${alive.display} keeps a small slope below zero, so no unit dies.` : ''}`, fix);
}

/** The training loss flat at what predicting the class frequencies for every point gives. */
export function stalledLoss(s) {
  const rows = windowRows(s);
  if (!rows || s.epoch < LIMITS.minEpochs || !Number.isFinite(s.base?.loss)) return null;
  const losses = rows.map((r) => r.trainLoss), m = mean(losses), b = s.base.loss, half = losses.length / 2;
  const progress = mean(losses.slice(0, half)) - mean(losses.slice(half));
  if (Math.abs(progress) >= LIMITS.flat * b || Math.abs(m - b) >= LIMITS.nearBaseline * b) return null;
  const acc = classifying(s) ? ` (training accuracy ${pct(recentMean(s, 'trainAcc'))})` : '';
  const [fix, words] = rateFix(s);
  return finding('stalled', 'learningRate',
    `The training loss has stayed at ${f2(m)} for the last ${rows.length} epochs${acc}: that is what predicting the same class ` +
    `frequencies for every point gives (${f2(b)}), so the network is not learning. ${words}`, fix);
}

/** Accuracy no better than always answering the commonest class, after enough epochs. */
export function chanceAccuracy(s) {
  if (!classifying(s) || !windowRows(s) || s.epoch < LIMITS.minEpochs) return null;
  const acc = recentMean(s, 'trainAcc');
  if (acc > s.base.chance + LIMITS.chanceMargin) return null;
  const [fix, words] = rateFix(s);
  return finding('chance', 'learningRate',
    `After ${s.epoch} epochs the training accuracy is ${pct(acc)}, no better than always answering the commonest class ` +
    `(${pct(s.base.chance)}): the network has learned nothing it can use. ${words}`, fix);
}

/** A loss that jumps from epoch to epoch, or stays above a constant prediction's: steps too large. */
export function overshooting(s) {
  const rows = windowRows(s);
  if (!rows || s.epoch < LIMITS.minEpochs) return null;
  const losses = rows.map((r) => r.trainLoss), m = mean(losses);
  const jump = mean(losses.slice(1).map((v, i) => Math.abs(v - losses[i])));
  const b = s.base?.scale || m;
  if (jump <= LIMITS.wobble * b && !(s.base?.loss && m > LIMITS.aboveBaseline * b)) return null;
  const worse = s.base?.loss && m > b ? `, worse than the ${f2(b)} a constant prediction gets` : '';
  return finding('overshoot', 'learningRate',
    `The training loss jumps by ${f2(jump)} on average from one epoch to the next (mean ${f2(m)}${worse}): at learning rate ` +
    `${s.config.learningRate} each step overshoots the minimum it aims at.`, lowerFix(s.config.learningRate));
}

/** The first layer's gradient far smaller than the output layer's, frame after frame. */
export function vanishing(s) {
  if (s.epoch < LIMITS.minEpochs || s.ratios.length < LIMITS.minRatios || !s.config.layers.length) return null;
  const r = median(s.ratios.slice(-2 * LIMITS.minRatios));
  if (!(r < LIMITS.vanishRatio)) return null;
  const acts = hidden(s), names = [...new Set(acts.map((a) => a.display))];
  const usual = row(s.catalog.activations, s.catalog.defaults.hiddenActivation);
  const fix = acts.some((a) => a.maxSlope < 1) && usual.maxSlope >= 1 && {
    label: `Use ${usual.display} in the hidden layers`,
    patch: { layers: s.config.layers.map((l, i) => (acts[i].maxSlope < 1 ? { ...l, activation: usual.name } : l)) },
  };
  return finding('vanishing', 'layers',
    `Layer 1's gradient is ${Math.round(1 / r).toLocaleString('en-US')}× smaller than the output layer's: the error signal shrinks ` +
    `at each of the ${acts.length} ${either(names)} layer${acts.length > 1 ? 's' : ''} on its way back, so the first layers hardly learn ` +
    `(vanishing gradients).${fix ? ` ${usual.display}'s slope reaches 1 and keeps the signal.` : ''}`, fix || null);
}

/** Training accuracy far above test and a test loss rising from its minimum: memorising. */
export function overfitting(s) {
  if (!windowRows(s) || !s.minTest || s.epoch < LIMITS.minEpochs) return null;
  const testNow = recentMean(s, 'testLoss');
  if (!(testNow > s.minTest.loss * (1 + (classifying(s) ? LIMITS.rise : LIMITS.riseAlone)))) return null;
  let acc = '';
  if (classifying(s)) {
    const tr = recentMean(s, 'trainAcc'), te = recentMean(s, 'testAcc');
    if (tr - te <= LIMITS.gap) return null;
    acc = `Training accuracy is ${pct(tr)} but test accuracy ${pct(te)}, and t`;
  } else if (!(testNow - recentMean(s, 'trainLoss') > LIMITS.gap * (s.base?.scale ?? Infinity))) return null;
  else acc = 'T';
  const l2 = s.config.l2;
  const more = l2 > 0 ? Math.min(UI_LIMITS.maxPenalty, Number((l2 * 10).toPrecision(2))) : LIMITS.firstL2;
  const fix = more > l2 && { label: l2 > 0 ? `Raise L2 to ${more}` : `Add L2 ${more}`, patch: { l2: more } };
  return finding('overfitting', 'l2',
    `${acc}he test loss has risen from ${f2(s.minTest.loss)} (epoch ${s.minTest.epoch}) to ${f2(testNow)} while the training loss ` +
    'kept falling: the network is memorising the training points (overfitting). An L2 penalty keeps the weights small and the ' +
    'boundary smooth; more points or fewer units help too.', fix || null);
}

/** Overfitting on few generated points: more of them make memorising harder (said in Data). */
export function fewPoints(s) {
  const points = s.config.points, more = Math.min(UI_LIMITS.maxPoints, 4 * points);
  if (s.config.custom || !(more > points) || !overfitting(s)) return null;
  return finding('few-points', 'points',
    `${s.nTrain ? `${s.nTrain} training points` : 'The training points'} are few enough for the network to memorise: ` +
    `with ${more} points the same network has to find the pattern instead.`, { label: `Use ${more} points`, patch: { points: more } });
}

/** Every dynamic rule, in the order findings are shown. The findings `hides` names (or returns,
 *  given this one) are not shown while this one holds: one cause, one message (a stalled loss is
 *  also at chance; vanishing gradients with a fix explain the stall better than its step size). */
export const RULES = [
  { rule: deadUnits },
  { rule: stalledLoss, hides: ['chance'] },
  { rule: overshooting, hides: ['vanishing', 'chance'] },
  { rule: chanceAccuracy },
  { rule: vanishing, hides: (f) => (f.fix ? ['stalled', 'chance'] : []) },
  { rule: overfitting },
  { rule: fewPoints },
];

/** What a static finding (a pair that cannot work) hides: a run that learns nothing is explained
 *  by it, not by its step size. */
export const STATIC_HIDES = ['stalled', 'chance'];

/** The dynamic findings for a summary (pure); s.statics: the static findings shown beside them. */
export function diagnose(s) {
  const found = RULES.map(({ rule, hides = [] }) => ({ f: rule(s), hides })).filter((x) => x.f);
  const hiddenIds = new Set(found.flatMap((x) => (typeof x.hides === 'function' ? x.hides(x.f) : x.hides)));
  if (s.statics?.length) for (const id of STATIC_HIDES) hiddenIds.add(id);
  return found.map((x) => x.f).filter((f) => !hiddenIds.has(f.id));
}
