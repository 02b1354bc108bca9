// config.js — the playground's configuration: defaults, the rules that tie the output layer to the
// problem, and the checks that explain impossible choices (the URL-hash form is hash.js). No DOM
// here and no table entry named: the defaults, ranges and rules come from the core's catalog
// (catalog.js, generated at build time); functions take it as an argument and return plain data.
import { catalog as CATALOG } from './catalog.js';
import { row, either } from './rows.js';
import { DATA_LIMITS } from './data/csv.js';
import { minClasses } from './data/custom.js';

/** The page's own limits (the core's, in catalog.limits, are far wider). */
export const UI_LIMITS = { maxLayers: 8, maxUnits: 64, minPoints: 50, maxPoints: 1000, minTest: 0.1, maxTest: 0.9, maxPenalty: 10, maxSeed: 2 ** 31 - 1 };

/** The hyperparameters besides the learning rate, each a config key (momentum, beta1, …). */
export const HYPERPARAMETERS = CATALOG.hyperparameters.filter((p) => p.default !== null);

/** The first impression: the core's default dataset (a two-arm spiral) with two hidden layers of
 *  its default activation, which a small network untangles in a few seconds; every other choice
 *  is the core's default, except a learning rate of 0.01, which trains the demo faster. */
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
    optimizer: d.optimizer, learningRate: 0.01, batchSize: 10, l1: 0, l2: 0,
    ...Object.fromEntries(HYPERPARAMETERS.map((p) => [p.name, p.default])),
    custom: null,  // the user's own points (data/custom.js); while set they replace the dataset
  };
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
    errors.push({ field: 'loss', message: `${loss.display} takes the log of the outputs, which must lie in (0, 1); a ${act.display} output can leave that range. Use a ${either(unit.map((r) => r.display))} output (or ${fitsReal[0].display}).` });
  }
  if (kind === 'regression' && !act.elementwise) {
    errors.push({ field: 'outputActivation', message: `A ${act.display} over a single output is always 1: it cannot fit a value. Use ${either(wholeRange.map((r) => r.display))} for regression.` });
  } else if (kind === 'regression' && act.unitInterval) {
    warnings.push({ field: 'outputActivation', message: `${act.display} outputs stay in (0, 1), but the targets span [−1, 1]: the negative half cannot be fitted. ${either(wholeRange.map((r) => r.display))} fit the whole range.` });
  } else if (kind !== 'regression' && act.deadBelowZero && !loss.needsUnitInterval) {
    warnings.push({ field: 'outputActivation', message: `A ${act.display} output cannot go below 0, so a unit stuck at 0 stops learning; ${either(unit.concat(catalog.activations.filter((a) => a.lo === -1 && a.hi === 1)).map((r) => r.display))} are safer.` });
  }
  for (const key of ['l1', 'l2']) {  // the core: 0, or a normal float (1e-40 would silently be 0)
    const v = cfg[key];
    if (!(v === 0 || (v > 0 && v <= UI_LIMITS.maxPenalty && isNormalFloat(v)))) errors.push({ field: key, message: `must be 0, or from 1.2e-38 to ${UI_LIMITS.maxPenalty} (got ${v})` });
  }
  for (const p of [catalog.hyperparameters[0], ...optimizerParams(catalog, cfg.optimizer)]) {
    if (!inRange(p, cfg[p.name])) errors.push({ field: p.name, message: `must be ${rangeText(p)} (got ${cfg[p.name]})` });  // the core's words
  }
  return { errors, warnings };
}

/** What a change between two configurations means for a running network:
 *  'none', 'train' (new optimizer settings: training continues), 'data' (new points of your own,
 *  same kind of problem: training continues on them) or 'rebuild' (new data/architecture). */
export function changeKind(a, b) {
  const trainKeys = ['optimizer', 'batchSize', ...CATALOG.hyperparameters.map((p) => p.name)];
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
