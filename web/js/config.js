// config.js — the playground's configuration: defaults, the rules that tie the output layer to the
// problem, and the checks that explain impossible choices (the URL-hash form is hash.js). No DOM
// here and no table entry named: the defaults, ranges and rules come from the core's catalog
// (catalog.js, generated at build time); functions take it as an argument and return plain data.
import { catalog as CATALOG } from './catalog.js';
import { row, either, an, cap } from './rows.js';
import { DATA_LIMITS } from './data/csv.js';
import { minClasses } from './data/custom.js';

/** The page's own limits (the core's, in catalog.limits, are far wider). */
export const UI_LIMITS = { maxLayers: 8, maxUnits: 64, minPoints: 50, maxPoints: 1000, minTest: 0.1, maxTest: 0.9, maxPenalty: 10, maxSeed: 2 ** 31 - 1, maxLearningRate: 10 };

/** The hyperparameters besides the learning rate, each a config key (momentum, beta1, …). */
export const HYPERPARAMETERS = CATALOG.hyperparameters.filter((p) => p.default !== null);

/** The first impression: the core's default dataset (a two-arm spiral) with two hidden layers of
 *  its default activation, which a small network untangles in a few seconds; every other choice
 *  is the core's default, except the learning rate: the optimizer's suggested one for small
 *  networks (catalog.optimizers[i].suggestedLearningRate, chosen by bench/learning-rates.mjs). */
export const DEFAULTS = Object.freeze(defaultsFrom(CATALOG));

function defaultsFrom(catalog) {
  const d = catalog.defaults;
  const ds = datasetInfo(catalog, d.dataset);
  const natural = catalog.problems[ds.regression ? 'regression' : ds.defaultClasses > 2 ? 'multiclass' : 'binary'];
  return {
    dataset: d.dataset, classes: ds.regression ? 0 : ds.defaultClasses, noise: 0, points: 400, testRatio: 0.5,
    seed: 1, weightSeed: 1,  // the data's (points, split) and the initial weights' (links without wseed: the data's)
    features: ['x1', 'x2'],
    layers: [{ units: 16, activation: d.hiddenActivation }, { units: 16, activation: d.hiddenActivation }],
    outputActivation: natural.outputActivation, loss: natural.loss, init: d.init,
    optimizer: d.optimizer, learningRate: suggestedRate(catalog, d.optimizer), batchSize: 10, l1: 0, l2: 0,
    ...Object.fromEntries(HYPERPARAMETERS.map((p) => [p.name, p.default])),
    custom: null,  // the user's own points (data/custom.js); while set they replace the dataset
  };
}

/** The learning rate the playground starts an optimizer with (the core's row says, by experiment). */
export function suggestedRate(catalog, type) {
  const o = row(catalog.optimizers, type);
  return o ? o.suggestedLearningRate : null;
}

/** The configuration `cfg` switched to optimizer `type`: its learning rate becomes the one last
 *  used with `type` (remembered: Map optimizer → rate, which learns cfg's current pair), or the
 *  suggested one; an optimizer's rate does not suit another (SGD needs ~10× Adam's). */
export function withOptimizer(catalog, cfg, type, remembered) {
  if (type === cfg.optimizer) return cfg;
  remembered.set(cfg.optimizer, cfg.learningRate);
  return { ...cfg, optimizer: type, learningRate: remembered.get(type) ?? suggestedRate(catalog, type) ?? cfg.learningRate };
}

/** The hyperparameters (besides the learning rate) an optimizer reads: rows of the catalog. */
export function optimizerParams(catalog, type) {
  return row(catalog.optimizers, type)?.hyperparameters.slice(1) ?? [];
}

/** The activations a hidden layer may have: the elementwise ones (softmax needs its whole layer). */
export function hiddenActivations(catalog) { return catalog.activations.filter((a) => a.elementwise); }

export function defaultConfig() { return structuredClone(DEFAULTS); }

export function datasetInfo(catalog, name) { return row(catalog.datasets, name); }

/** The numbers of classes the data allows: [min, max] ([0, 0] for regression). */
export function classRange(catalog, cfg) {
  if (cfg.custom) return cfg.custom.regression ? [0, 0] : [minClasses(cfg.custom), DATA_LIMITS.maxClasses];
  const ds = datasetInfo(catalog, cfg.dataset);
  return ds.regression ? [0, 0] : [ds.minClasses, ds.maxClasses];
}

/** 'regression', 'binary' or 'multiclass' — the kind decides the natural output layer and loss. */
export function problemKind(catalog, cfg) {
  if (cfg.custom ? cfg.custom.regression : datasetInfo(catalog, cfg.dataset).regression) return 'regression';
  return cfg.classes > 2 ? 'multiclass' : 'binary';
}

/** The output layer and loss that suit a kind of problem (the core decides, from its flags). */
export function naturalOutput(catalog, kind) { return { ...catalog.problems[kind] }; }

/** Output units: 1 for regression; one per class for several classes or a softmax/categorical
 *  choice on two classes; else one unit giving p(class 1). */
export function outputUnits(catalog, cfg) {
  const kind = problemKind(catalog, cfg);
  if (kind === 'regression') return 1;
  const loss = row(catalog.losses, cfg.loss);
  const act = row(catalog.activations, cfg.outputActivation);
  if (kind === 'multiclass' || (act && !act.elementwise) || (loss && loss.minOutputs > 1)) return cfg.classes;
  return 1;
}

/** The network spec the worker hands to nn.createNetwork. */
export function networkSpec(catalog, cfg) {
  return {
    inputs: cfg.features.length,
    layers: [...cfg.layers, { units: outputUnits(catalog, cfg), activation: cfg.outputActivation }],
    loss: cfg.loss, optimizer: optimizerSpec(catalog, cfg), l1: cfg.l1, l2: cfg.l2, init: cfg.init, seed: cfg.weightSeed,
  };
}

export function optimizerSpec(catalog, cfg) {
  const spec = { type: cfg.optimizer, learningRate: cfg.learningRate };
  for (const p of optimizerParams(catalog, cfg.optimizer)) spec[p.name] = cfg[p.name];
  return spec;
}

/** What the float network can use (the core's isNormalFloat): |v| from 1.2e-38 to 3.4e38. */
export const isNormalFloat = (v) => Math.abs(v) >= 1.1754943508222875e-38 && Math.abs(v) <= 3.4028234663852886e38;

/** Whether v lies in a hyperparameter's range, as given and as the float network uses it (the
 *  core's rule: 0 or a normal float, so 1e39 and 1e-50 are out), and the range as text ("[0, 1)"). */
export function inRange(p, v) {
  const within = (x) => (p.loOpen ? x > p.lo : x >= p.lo) && (p.hi === null || (p.hiOpen ? x < p.hi : x <= p.hi));
  return Number.isFinite(v) && (v === 0 || isNormalFloat(v)) && within(v) && within(Math.fround(v));
}
export const rangeText = (p) => (p.hi === null
  ? `a finite number ${p.loOpen ? '>' : '≥'} ${p.lo}, from 1.2e-38 to 3.4e38 as a float`
  : `in ${p.loOpen ? '(' : '['}${p.lo}, ${p.hi}${p.hiOpen ? ')' : ']'}`);

// --- what a number field takes -----------------------------------------------------------------------

// The values ArrowUp/ArrowDown step through in a field of real numbers (dom.js numberField).
const RATES = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const UNDER_ONE = [0, 0.5, 0.9, 0.95, 0.99, 0.999, 0.9999];
const POWERS = [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1];

const whole = (lo, hi) => ({ ok: (v) => Number.isInteger(v) && v >= lo && v <= hi, text: `a whole number from ${lo} to ${hi}` });

/** What the number field (and the configuration key) `key` takes, as the page checks it and says it:
 *  { ok(v), text } ("a whole number from 1 to 64"), or null for a key that is not a number field.
 *  A hidden layer's width is 'units'. checkConfig reads the same rules, so a value typed, one from
 *  a link and one from a model file are judged alike. */
export function numberRule(catalog, key) {
  if (key === 'units') return whole(1, UI_LIMITS.maxUnits);
  if (key === 'batchSize') return whole(1, UI_LIMITS.maxPoints);
  if (key === 'seed' || key === 'weightSeed') return whole(0, UI_LIMITS.maxSeed);
  if (key === 'l1' || key === 'l2') {  // the core: 0, or a normal float (1e-40 would silently be 0)
    return { ok: (v) => v === 0 || (v > 0 && v <= UI_LIMITS.maxPenalty && isNormalFloat(v)), text: `0 (off), or a number from 1.2e-38 to ${UI_LIMITS.maxPenalty}`, ladder: [0, ...RATES] };
  }
  const p = row(catalog.hyperparameters, key);
  if (!p) return null;
  if (key === 'learningRate') {  // the core takes any positive float; past 10 every network here diverges
    return { ok: (v) => inRange(p, v) && v <= UI_LIMITS.maxLearningRate, text: `a number above 0, at most ${UI_LIMITS.maxLearningRate}`, ladder: RATES };
  }
  const ladder = p.hi === null ? [0, ...RATES] : p.hi === 1 && p.hiOpen ? UNDER_ONE : POWERS;
  return { ok: (v) => inRange(p, v), text: `${p.hi === null ? '' : 'a number '}${rangeText(p)}`, ladder };
}

/** The configuration's number keys and values: [[field, ruleKey, value]] (layers[i].units → 'units'). */
function numbers(catalog, cfg) {
  return [
    ...cfg.layers.map((l, i) => [`layers[${i}].units`, 'units', l.units]),
    ['batchSize', 'batchSize', cfg.batchSize], ['seed', 'seed', cfg.seed], ['weightSeed', 'weightSeed', cfg.weightSeed],
    ['l1', 'l1', cfg.l1], ['l2', 'l2', cfg.l2],
    ...[catalog.hyperparameters[0], ...optimizerParams(catalog, cfg.optimizer)].map((p) => [p.name, p.name, cfg[p.name]]),
  ];
}

/** Choices that cannot work, explained: { errors: [{field, message}], warnings: [...] }. Errors
 *  stop the run; the core's own createNetwork message is added by the worker for anything else. */
export function checkConfig(catalog, cfg) {
  const errors = [], warnings = [];
  const kind = problemKind(catalog, cfg);
  const loss = row(catalog.losses, cfg.loss);
  const act = row(catalog.activations, cfg.outputActivation);
  const [lo, hi] = classRange(catalog, cfg);
  if (!(Number.isInteger(cfg.classes) && cfg.classes >= lo && cfg.classes <= hi)) {
    errors.push({ field: 'classes', message: hi === 0 ? `Regression data has no classes (got ${cfg.classes}).` : `This data takes ${lo}–${hi} classes (got ${cfg.classes}).` });
  }
  if (cfg.features.length === 0) errors.push({ field: 'features', message: 'Pick at least one input feature.' });
  const fitsReal = catalog.losses.filter((l) => !l.needsUnitInterval);
  const unit = catalog.activations.filter((a) => a.unitInterval);
  const wholeRange = catalog.activations.filter((a) => a.elementwise && (a.lo === null || a.lo <= -1) && (a.hi === null || a.hi >= 1));
  if (kind === 'regression' && loss.needsUnitInterval) {
    errors.push({ field: 'loss', message: `${loss.display} compares class probabilities, but this dataset has real-valued targets in [−1, 1]. Use ${either(fitsReal.map((r) => r.display))} for regression.` });
  } else if (loss.needsUnitInterval && !act.unitInterval) {
    errors.push({ field: 'loss', message: `${loss.display} takes the log of the outputs, which must lie in (0, 1); ${an(act.display)} output can leave that range. Use ${an(either(unit.map((r) => r.display)))} output, or ${fitsReal[0].display} as the loss.` });
  }
  if (kind === 'regression' && !act.elementwise) {
    errors.push({ field: 'outputActivation', message: `${cap(an(act.display))} over a single output is always 1: it cannot fit a value. Use ${either(wholeRange.map((r) => r.display))} for regression.` });
  } else if (kind === 'regression' && act.unitInterval) {
    warnings.push({ field: 'outputActivation', message: `${act.display} outputs stay in (0, 1), but the targets span [−1, 1]: the negative half cannot be fitted. ${either(wholeRange.map((r) => r.display))} fit the whole range.` });
  } else if (kind !== 'regression' && act.deadBelowZero && !loss.needsUnitInterval) {
    warnings.push({ field: 'outputActivation', message: `${cap(an(act.display))} output cannot go below 0, so a unit stuck at 0 stops learning; ${either(unit.concat(catalog.activations.filter((a) => a.lo === -1 && a.hi === 1)).map((r) => r.display))} are safer.` });
  }
  for (const [field, key, v] of numbers(catalog, cfg)) {
    if (!numberRule(catalog, key).ok(v)) errors.push({ field, message: `must be ${numberRule(catalog, key).text} (got ${v}).` });
  }
  return { errors, warnings };
}

/** What a change between two configurations means for a running network:
 *  'none', 'train' (new training settings — optimizer, its hyperparameters, batch size, L1, L2:
 *  training continues from the current weights), 'data' (new points of your own, same kind of
 *  problem: training continues on them) or 'rebuild' (new data/architecture/initial weights). */
export function changeKind(a, b) {
  const trainKeys = ['optimizer', 'batchSize', 'l1', 'l2', ...CATALOG.hyperparameters.map((p) => p.name)];
  let kind = 'none';
  let data = false;
  for (const key of Object.keys(DEFAULTS)) {
    if (a[key] === b[key] || JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
    if (key === 'custom' && b.custom && (!a.custom || a.custom.regression === b.custom.regression)) { data = true; continue; }
    if (!trainKeys.includes(key)) return 'rebuild';
    kind = 'train';
  }
  if (data) return kind === 'none' ? 'data' : 'rebuild';
  return kind;
}
