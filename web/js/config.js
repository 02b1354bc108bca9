// config.js — the playground's configuration: defaults, the rules that tie the output layer to the
// problem, and the checks that explain impossible choices (the URL-hash form is hash.js). No DOM
// here: every function takes the module's catalog (nn.catalog) and returns plain data.
import { DATA_LIMITS } from './data/csv.js';
import { minClasses } from './data/custom.js';

export const UI_LIMITS = { maxLayers: 8, maxUnits: 64, minPoints: 50, maxPoints: 1000, minTest: 0.1, maxTest: 0.9 };

/** The first impression: a two-arm spiral that a small tanh network untangles in a few seconds. */
export const DEFAULTS = Object.freeze({
  dataset: 'spiral', classes: 2, noise: 0, points: 400, testRatio: 0.5, seed: 1,
  features: ['x1', 'x2'],
  layers: [{ units: 16, activation: 'tanh' }, { units: 16, activation: 'tanh' }],
  outputActivation: 'sigmoid', loss: 'binary_crossentropy', init: 'glorot_uniform',
  optimizer: 'adam', learningRate: 0.01, batchSize: 10, l1: 0, l2: 0,
  momentum: 0.9, beta1: 0.9, beta2: 0.999, rho: 0.99, epsilon: 1e-8,
  custom: null,  // the user's own points (data/custom.js); while set they replace the dataset
});

/** Hyperparameters each optimizer reads besides the learning rate (PyTorch's update rules). */
export const OPTIMIZER_PARAMS = {
  sgd: [], momentum: ['momentum'], nesterov: ['momentum'], rmsprop: ['rho', 'epsilon'], adam: ['beta1', 'beta2', 'epsilon'],
};

export function defaultConfig() { return structuredClone(DEFAULTS); }

export function datasetInfo(catalog, name) { return catalog.datasets.find((d) => d.name === name); }

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

/** The output layer and loss that suit a kind of problem. */
export function naturalOutput(kind) {
  if (kind === 'regression') return { outputActivation: 'linear', loss: 'mse' };
  if (kind === 'binary') return { outputActivation: 'sigmoid', loss: 'binary_crossentropy' };
  return { outputActivation: 'softmax', loss: 'categorical_crossentropy' };
}

/** Output units: 1 for regression; one per class for several classes or a softmax/categorical
 *  choice on two classes; else one unit giving p(class 1). */
export function outputUnits(catalog, cfg) {
  const kind = problemKind(catalog, cfg);
  if (kind === 'regression') return 1;
  const loss = catalog.losses.find((l) => l.name === cfg.loss);
  if (kind === 'multiclass' || cfg.outputActivation === 'softmax' || (loss && loss.minOutputs > 1)) return cfg.classes;
  return 1;
}

/** The network spec the worker hands to nn.createNetwork. */
export function networkSpec(catalog, cfg) {
  return {
    inputs: cfg.features.length,
    layers: [...cfg.layers, { units: outputUnits(catalog, cfg), activation: cfg.outputActivation }],
    loss: cfg.loss, optimizer: optimizerSpec(cfg), l1: cfg.l1, l2: cfg.l2, init: cfg.init, seed: cfg.seed,
  };
}

export function optimizerSpec(cfg) {
  const spec = { type: cfg.optimizer, learningRate: cfg.learningRate };
  for (const p of OPTIMIZER_PARAMS[cfg.optimizer] ?? []) spec[p] = cfg[p];
  return spec;
}

/** Choices that cannot work, explained: { errors: [{field, message}], warnings: [...] }. Errors
 *  stop the run; the core's own createNetwork message is added by the worker for anything else. */
export function checkConfig(catalog, cfg) {
  const errors = [], warnings = [];
  const kind = problemKind(catalog, cfg);
  const loss = catalog.losses.find((l) => l.name === cfg.loss);
  const act = catalog.activations.find((a) => a.name === cfg.outputActivation);
  const [lo, hi] = classRange(catalog, cfg);
  if (!(Number.isInteger(cfg.classes) && cfg.classes >= lo && cfg.classes <= hi)) {
    errors.push({ field: 'classes', message: hi === 0 ? `Regression data has no classes (got ${cfg.classes}).` : `This data takes ${lo}–${hi} classes (got ${cfg.classes}).` });
  }
  if (cfg.features.length === 0) errors.push({ field: 'features', message: 'Pick at least one input feature.' });
  if (kind === 'regression' && loss.needsUnitInterval) {
    errors.push({ field: 'loss', message: `${cfg.loss} compares class probabilities, but this dataset has real-valued targets in [−1, 1]. Use mse, mae or huber for regression.` });
  } else if (loss.needsUnitInterval && !act.unitInterval) {
    errors.push({ field: 'loss', message: `${cfg.loss} takes the log of the outputs, which must lie in (0, 1); a ${cfg.outputActivation} output can leave that range. Use a sigmoid or softmax output (or mse).` });
  }
  if (kind === 'regression' && cfg.outputActivation === 'softmax') {
    errors.push({ field: 'outputActivation', message: 'A softmax over a single output is always 1: it cannot fit a value. Use linear or tanh for regression.' });
  } else if (kind === 'regression' && act.unitInterval) {
    warnings.push({ field: 'outputActivation', message: `${cfg.outputActivation} outputs stay in (0, 1), but the targets span [−1, 1]: the negative half cannot be fitted. Linear or tanh fit the whole range.` });
  } else if (kind !== 'regression' && act.name === 'relu' && !loss.needsUnitInterval) {
    warnings.push({ field: 'outputActivation', message: 'A relu output cannot go below 0, so a unit stuck at 0 stops learning; sigmoid, softmax or tanh are safer.' });
  }
  return { errors, warnings };
}

/** What a change between two configurations means for a running network:
 *  'none', 'train' (new optimizer settings: training continues), 'data' (new points of your own,
 *  same kind of problem: training continues on them) or 'rebuild' (new data/architecture). */
export function changeKind(a, b) {
  const trainKeys = ['optimizer', 'learningRate', 'batchSize', 'momentum', 'beta1', 'beta2', 'rho', 'epsilon'];
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
