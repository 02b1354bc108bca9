// config.js — the playground's configuration: defaults, the rules that tie the output layer to the
// problem, the checks that explain impossible choices, and the URL-hash encoding (compact
// key=value pairs, like TF Playground) so a copied link reproduces a run. No DOM here: every
// function takes the module's catalog (nn.catalog) and returns plain data.
import { FEATURE_NAMES } from './features.js';
import { decodeCustom, encodeCustom, minClasses } from './data/custom.js';

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

// --- URL hash ----------------------------------------------------------------------------------

const num = (min, max) => (s) => { const v = Number(s); return s !== '' && Number.isFinite(v) && v >= min && v <= max ? v : undefined; };
const int = (min, max) => (s) => { const v = num(min, max)(s); return Number.isInteger(v) ? v : undefined; };
const oneOf = (list) => (s) => (list.includes(s) ? s : undefined);

/** Hash key → [config field, parser(catalog) → (string → value | undefined)]. */
function hashFields(catalog) {
  const acts = catalog.activations.map((a) => a.name);
  return {
    dataset: ['dataset', oneOf(catalog.datasets.map((d) => d.name))],
    classes: ['classes', int(0, 64)],
    noise: ['noise', num(0, 1)],
    points: ['points', int(UI_LIMITS.minPoints, UI_LIMITS.maxPoints)],
    test: ['testRatio', num(UI_LIMITS.minTest, UI_LIMITS.maxTest)],
    seed: ['seed', int(0, 2 ** 31 - 1)],
    features: ['features', (s) => {
      const f = s.split(',').filter(Boolean);
      return f.every((x) => FEATURE_NAMES.includes(x)) ? FEATURE_NAMES.filter((x) => f.includes(x)) : undefined;
    }],
    layers: ['layers', (s) => {
      if (s === '') return [];
      const layers = s.split(',').map((t) => /^(\d+)([a-z_]+)$/.exec(t))
        .map((m) => m && { units: Number(m[1]), activation: m[2] });
      const ok = layers.length <= UI_LIMITS.maxLayers && layers.every((l) => l && l.units >= 1 &&
        l.units <= UI_LIMITS.maxUnits && acts.includes(l.activation) && l.activation !== 'softmax');
      return ok ? layers : undefined;
    }],
    output: ['outputActivation', oneOf(acts)],
    loss: ['loss', oneOf(catalog.losses.map((l) => l.name))],
    init: ['init', oneOf(catalog.initializers)],
    optimizer: ['optimizer', oneOf(catalog.optimizers.map((o) => o.name))],
    lr: ['learningRate', num(1e-6, 100)],
    batch: ['batchSize', int(1, UI_LIMITS.maxPoints)],
    l1: ['l1', num(0, 10)],
    l2: ['l2', num(0, 10)],
    momentum: ['momentum', num(0, 1)],
    beta1: ['beta1', num(0, 0.999999)],
    beta2: ['beta2', num(0, 0.999999)],
    rho: ['rho', num(0, 1)],
    eps: ['epsilon', num(1e-12, 1)],
    data: ['custom', decodeCustom],  // → { data } or { omitted: n }: unwrapped in decodeHash
  };
}

function formatValue(field, v) {
  if (field === 'layers') return v.map((l) => `${l.units}${l.activation}`).join(',');
  if (field === 'features') return v.join(',');
  if (field === 'custom') return encodeCustom(v);
  return String(v);
}

/** The configuration as a hash string ('#dataset=spiral&classes=2&...'). */
export function encodeHash(catalog, cfg) {
  const used = OPTIMIZER_PARAMS[cfg.optimizer] ?? [];
  const optional = new Set(Object.values(OPTIMIZER_PARAMS).flat());
  const pairs = [];
  for (const [key, [field]] of Object.entries(hashFields(catalog))) {
    if (optional.has(field) && !used.includes(field)) continue;  // only the chosen optimizer's
    if (field === 'custom' && !cfg.custom) continue;             // generated data: no points
    pairs.push(`${key}=${formatValue(field, cfg[field])}`);
  }
  return '#' + pairs.join('&');
}

/** Reads a hash defensively: { config, problems: [text] }. Every bad or unknown value falls back to
 *  its default and is named in problems; an empty hash gives the defaults with no problems. */
export function decodeHash(catalog, hash) {
  const cfg = defaultConfig();
  const problems = [];
  const text = hash.replace(/^#/, '');
  if (!text) return { config: cfg, problems };
  const fields = hashFields(catalog);
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    let key, raw;
    try {
      key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      raw = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
    } catch { problems.push(`“${pair}” is not valid URL text`); continue; }
    if (!(key in fields)) { problems.push(`unknown setting “${key}”`); continue; }
    const [field, parse] = fields[key];
    const value = eq < 0 ? undefined : parse(raw);
    if (value === undefined) problems.push(`${key}=“${raw}” is not valid`);
    else cfg[field] = value;
  }
  // The user's own points: in the link when small, else named as left out.
  if (cfg.custom?.omitted !== undefined) {
    problems.push(`this link was made with ${cfg.custom.omitted} points of your own, too many to include in a link: ` +
      `the ${cfg.dataset} dataset is shown instead (share such data with Export CSV)`);
  }
  cfg.custom = cfg.custom?.data ?? null;
  // Cross-field repairs: the number of classes must fit the dataset (or the user's labels).
  const ds = datasetInfo(catalog, cfg.dataset);
  if (cfg.custom) {
    cfg.classes = cfg.custom.regression ? 0 : Math.min(6, Math.max(minClasses(cfg.custom), cfg.classes));
  } else if (ds.regression) cfg.classes = 0;
  else if (cfg.classes < ds.minClasses || cfg.classes > ds.maxClasses) {
    if (text.includes('classes=')) problems.push(`${cfg.dataset} takes ${ds.minClasses}–${ds.maxClasses} classes (got ${cfg.classes})`);
    cfg.classes = ds.defaultClasses;
  }
  return { config: cfg, problems };
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
