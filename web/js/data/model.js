// model.js — the trained network as a file: the module's own JSON (nn.toJSON(): spec, weights,
// optimizer and shuffle state; nn.loadNetwork reads it) with one extra field, "playground", that
// holds the page's configuration (features, data, ...) and the epoch. Importing restores that
// configuration, with the network fields taken from the spec itself, so the boundary, weights and
// settings come back exactly. A plain module JSON (no "playground") is fitted to the current page.
// This reader checks what the page needs (every setting within the page's limits, classes that
// fit the data, inputs and outputs that fit the features and classes) and names the file's field
// when it refuses; the weights and optimizer state are the core's to check (the worker loads the
// file beside the running network before anything is replaced). Limits (MODEL_LIMITS): 8 MB,
// nesting 32 levels deep, every number a finite float64, all text valid Unicode, an epoch from 0 to
// 1e9. Seeds: the data's is playground.config.seed, the weights' is spec.seed (so a file saved
// before the weights had their own seed loads as it was). No DOM here.
import { catalog as CATALOG } from '../catalog.js';
import { FEATURE_NAMES } from '../features.js';
import { UI_LIMITS, checkConfig, hiddenActivations, outputUnits } from '../config.js';
import { checkFields } from '../hash.js';
import { RowError, readRows } from './csv.js';

export const MODEL_FORMAT = CATALOG.format;
export const MODEL_LIMITS = { maxBytes: 8_000_000, maxDepth: 32, maxEpoch: 1e9 };

/** The file's text: the module's JSON plus { playground: { version, config, epoch } }. */
export function modelFile(json, config, epoch) {
  const doc = JSON.parse(json);
  doc.playground = { version: 1, config, epoch };
  return JSON.stringify(doc);
}

/** A refusal that names the file's field ('spec.optimizer.learningRate'; 'file' for the whole). */
class FieldError extends Error {
  constructor(field, message) { super(message); this.field = field; }
}
const fail = (field, message) => { throw new FieldError(field, message); };
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o, k) => (Object.hasOwn(o, k) ? o[k] : undefined);
const isCount = (v, min, max) => Number.isInteger(v) && v >= min && v <= max;

const wellFormed = (s) => (typeof s.isWellFormed === 'function' ? s.isWellFormed() : true);

/** The first thing in parsed JSON that no reader should get, as [field, message], or null:
 *  nesting deeper than maxDepth, a number beyond a 64-bit float (JSON.parse made it ±Infinity),
 *  text that is not valid Unicode. Iterative: a file may nest deeper than the stack. */
function scan(doc) {
  const stack = [[doc, '', 1]];
  while (stack.length) {
    const [v, path, d] = stack.pop();
    if (d > MODEL_LIMITS.maxDepth) return [path, `nests deeper than ${MODEL_LIMITS.maxDepth} levels`];
    const keys = Array.isArray(v) ? null : Object.keys(v);
    const n = keys ? keys.length : v.length;
    for (let i = 0; i < n; i++) {
      const k = keys ? keys[i] : i, x = v[k];
      const at = () => (keys ? (path ? `${path}.${k}` : k || '""') : `${path}[${k}]`);
      if (keys && !wellFormed(k)) return [at(), 'this name is not valid Unicode'];
      if (typeof x === 'number' && !Number.isFinite(x)) return [at(), 'a number beyond the range of a 64-bit float'];
      if (typeof x === 'string' && !wellFormed(x)) return [at(), 'text that is not valid Unicode'];
      if (x !== null && typeof x === 'object') stack.push([x, at(), d + 1]);
    }
  }
  return null;
}

// The config fields the spec decides, with their place in the file.
const SPEC_PATHS = {
  outputActivation: 'spec.layers', loss: 'spec.loss', init: 'spec.init', weightSeed: 'spec.seed', l1: 'spec.l1', l2: 'spec.l2',
  optimizer: 'spec.optimizer.type',
  ...Object.fromEntries(CATALOG.hyperparameters.map((p) => [p.name, `spec.optimizer.${p.name}`])),
};
const pathOf = (field, saved) => SPEC_PATHS[field] ?? (field === 'layers' ? 'spec.layers' : saved ? `playground.config.${field}` : field);

/** The configuration fields the network spec decides. */
function fromSpec(spec, catalog) {
  const layers = own(spec, 'layers');
  if (!Array.isArray(layers) || !layers.length) fail('spec.layers', 'the network has no layers');
  if (layers.length - 1 > UI_LIMITS.maxLayers) fail('spec.layers', `${layers.length - 1} hidden layers; the playground shows up to ${UI_LIMITS.maxLayers}`);
  const acts = hiddenActivations(catalog).map((a) => a.name);
  layers.forEach((l, i) => {
    if (!isObject(l)) fail(`spec.layers[${i}]`, 'must be an object { units, activation }');
    const hidden = i < layers.length - 1;
    if (!isCount(own(l, 'units'), 1, hidden ? UI_LIMITS.maxUnits : 64)) fail(`spec.layers[${i}].units`, `${String(own(l, 'units')).slice(0, 40)}; the playground allows 1 to ${hidden ? UI_LIMITS.maxUnits : 64}`);
    if (hidden && !acts.includes(own(l, 'activation'))) fail(`spec.layers[${i}].activation`, `'${String(own(l, 'activation')).slice(0, 40)}' cannot be a hidden layer here`);
  });
  const o = own(spec, 'optimizer');
  if (!isObject(o)) fail('spec.optimizer', 'must be an object { type, learningRate, ... }');
  const pick = (obj, keys) => Object.fromEntries(keys.filter((k) => Object.hasOwn(obj, k)).map((k) => [k, obj[k]]));
  return {
    layers: layers.slice(0, -1).map((l) => ({ units: l.units, activation: l.activation })),
    outputActivation: layers.at(-1).activation,
    ...pick(spec, ['loss', 'init', 'l1', 'l2']),
    ...(Object.hasOwn(spec, 'seed') ? { weightSeed: spec.seed } : {}),   // the weights' seed (the data's is the page's)
    ...(Object.hasOwn(o, 'type') ? { optimizer: o.type } : {}),
    ...pick(o, catalog.hyperparameters.map((p) => p.name)),
  };
}

/** The saved user data (playground.config.custom) → custom data, checked like a CSV. */
function readCustom(c) {
  const at = 'playground.config.custom';
  if (!isObject(c) || !Array.isArray(own(c, 'x')) || !Array.isArray(own(c, 'y'))) fail(at, 'must be { regression, x: [...], y: [...] }');
  if (c.x.length !== 2 * c.y.length) fail(`${at}.x`, `${c.x.length} coordinates for ${c.y.length} points (expected ${2 * c.y.length})`);
  const text = (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? JSON.stringify(v) : String(v === null ? null : typeof v));
  const rows = c.y.map((y, i) => ({ line: i + 1, fields: [text(c.x[2 * i]), text(c.x[2 * i + 1]), text(y)] }));
  try { return readRows(rows, own(c, 'regression') === true, 'point'); } catch (e) {
    if (e instanceof RowError) fail(at, e.message);
    throw e;
  }
}

/** Reads a model file: { ok: true, json, config, epoch } or { ok: false, error, field }. `current`
 *  (the page's configuration) is read, never changed. Throws only on a bug. */
export function readModelFile(text, catalog, current) {
  try {
    if (typeof text !== 'string' || text.length > MODEL_LIMITS.maxBytes) fail('file', `The file is over ${MODEL_LIMITS.maxBytes / 1e6} MB.`);
    let doc;
    try { doc = JSON.parse(text); } catch (e) { fail('file', `This is not JSON (${e.message.slice(0, 80)}).`); }
    if (!isObject(doc) || own(doc, 'format') !== MODEL_FORMAT) fail('format', `This is not an NN by Hand network file (expected "format": "${MODEL_FORMAT}").`);
    const unreadable = scan(doc);
    if (unreadable) fail(...unreadable);
    const spec = own(doc, 'spec');
    if (!isObject(spec)) fail('spec', 'missing: the file has no network spec');
    const pg = own(doc, 'playground');
    if (pg !== undefined && !isObject(pg)) fail('playground', 'must be an object { version, config, epoch }');
    if (pg && own(pg, 'version') !== 1) fail('playground.version', `this page reads version 1 (got ${String(own(pg, 'version')).slice(0, 20)})`);
    const saved = pg && own(pg, 'config');
    if (pg && !isObject(saved)) fail('playground.config', 'must be an object');
    const epoch = pg && Object.hasOwn(pg, 'epoch') ? pg.epoch : 0;
    if (!isCount(epoch, 0, MODEL_LIMITS.maxEpoch)) fail('playground.epoch', `must be a whole number from 0 to ${MODEL_LIMITS.maxEpoch.toLocaleString('en-US')} (got ${String(epoch).slice(0, 20)})`);

    // the page's settings: the file's (each checked like a link's) or the current ones
    const cfg = { ...current };
    if (saved) {
      for (const key of Object.keys(current)) if (key !== 'custom' && Object.hasOwn(saved, key)) cfg[key] = saved[key];
      cfg.custom = own(saved, 'custom') == null ? null : readCustom(saved.custom);
    }
    Object.assign(cfg, fromSpec(spec, catalog));
    const inputs = own(spec, 'inputs');
    if (!isCount(inputs, 1, FEATURE_NAMES.length)) fail('spec.inputs', `${String(inputs).slice(0, 20)}; the playground has 1 to ${FEATURE_NAMES.length} input features`);
    if (!saved && Array.isArray(cfg.features) && cfg.features.length !== inputs) cfg.features = FEATURE_NAMES.slice(0, inputs);
    const [problem] = checkFields(catalog, cfg);
    if (problem) fail(pathOf(problem.field, saved), problem.message);
    if (cfg.features.length !== inputs) fail(pathOf('features', saved), `the network takes ${inputs} inputs, but the file has ${cfg.features.length} features (${cfg.features.join(', ') || 'none'})`);
    const outputs = spec.layers.at(-1).units;
    if (outputs !== outputUnits(catalog, cfg)) {
      fail(`spec.layers[${spec.layers.length - 1}].units`, `the network has ${outputs} output${outputs > 1 ? 's' : ''}, but the ${saved ? "file's" : 'current'} data needs ${outputUnits(catalog, cfg)}: pick data with a matching number of classes first.`);
    }
    const { errors } = checkConfig(catalog, cfg);
    if (errors.length) fail(pathOf(errors[0].field, saved), errors[0].message);
    return { ok: true, json: text, config: cfg, epoch };
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    const error = ['file', 'format'].includes(e.field) ? e.message : `${e.field}: ${e.message}`;
    return { ok: false, error, field: e.field };
  }
}
