// model.js — the trained network as a file: the module's own JSON (nn.toJSON(): spec, weights,
// optimizer and shuffle state; nn.loadNetwork reads it) with one extra field, "playground", that
// holds the page's configuration (features, data, ...) and the epoch. Importing restores that
// configuration, with the network fields taken from the spec itself, so the boundary, weights and
// settings come back exactly. A plain module JSON (no "playground") is fitted to the current page.
// No DOM here.
import { FEATURE_NAMES } from '../features.js';
import { UI_LIMITS, checkConfig, decodeHash, encodeHash, outputUnits } from './../config.js';
import { readRows } from './csv.js';

export const MODEL_FORMAT = 'nn-by-hand/network';

/** The file's text: the module's JSON plus { playground: { version, config, epoch } }. */
export function modelFile(json, config, epoch) {
  const doc = JSON.parse(json);
  doc.playground = { version: 1, config, epoch };
  return JSON.stringify(doc);
}

/** The configuration fields the network spec decides. */
function fromSpec(spec, catalog) {
  const layers = spec.layers ?? [];
  const hidden = layers.slice(0, -1);
  const acts = catalog.activations.filter((a) => a.elementwise && a.name !== 'softmax').map((a) => a.name);
  if (!layers.length) throw new Error('spec.layers: the network has no layers');
  if (hidden.length > UI_LIMITS.maxLayers) throw new Error(`spec.layers: ${hidden.length} hidden layers; the playground shows up to ${UI_LIMITS.maxLayers}`);
  hidden.forEach((l, i) => {
    if (!(l.units >= 1 && l.units <= UI_LIMITS.maxUnits)) throw new Error(`spec.layers[${i}].units: ${l.units}; the playground allows 1 to ${UI_LIMITS.maxUnits}`);
    if (!acts.includes(l.activation)) throw new Error(`spec.layers[${i}].activation: '${l.activation}' cannot be a hidden layer here`);
  });
  const o = spec.optimizer ?? {};
  return {
    layers: hidden.map((l) => ({ units: l.units, activation: l.activation })),
    outputActivation: layers.at(-1).activation, loss: spec.loss, init: spec.init, seed: spec.seed, l1: spec.l1, l2: spec.l2,
    optimizer: o.type, learningRate: o.learningRate, momentum: o.momentum, beta1: o.beta1, beta2: o.beta2, rho: o.rho, epsilon: o.epsilon,
  };
}

/** Reads a model file: { ok: true, json, config, epoch, note } or { ok: false, error }. */
export function readModelFile(text, catalog, current) {
  try {
    let doc;
    try { doc = JSON.parse(text); } catch (e) { throw new Error(`This is not JSON (${e.message}).`); }
    if (doc?.format !== MODEL_FORMAT) throw new Error(`This is not an NN by Hand network file (expected "format": "${MODEL_FORMAT}").`);
    const spec = doc.spec ?? {};
    const saved = doc.playground?.config;
    // the page's settings: the file's (checked like a link's) or the current ones
    let cfg = { ...current };
    if (saved) {
      const { config, problems } = decodeHash(catalog, encodeHash(catalog, { ...current, ...saved, custom: null }));
      if (problems.length) throw new Error(`The file's settings are not valid: ${problems.join('; ')}.`);
      cfg = config;
      cfg.custom = null;
      if (saved.custom) {
        const rows = saved.custom.y.map((y, i) => ({ line: i + 1, fields: [saved.custom.x[2 * i], saved.custom.x[2 * i + 1], y].map(String) }));
        cfg.custom = readRows(rows, !!saved.custom.regression);
        cfg.classes = saved.classes;
      }
    }
    Object.assign(cfg, fromSpec(spec, catalog));
    if (cfg.features.length !== spec.inputs) {
      if (saved || spec.inputs > FEATURE_NAMES.length) throw new Error(`The network takes ${spec.inputs} inputs, but the file's features are ${cfg.features.join(', ')}.`);
      cfg.features = FEATURE_NAMES.slice(0, spec.inputs);
    }
    const outputs = spec.layers.at(-1).units;
    if (outputs !== outputUnits(catalog, cfg)) {
      throw new Error(`The network has ${outputs} output${outputs > 1 ? 's' : ''}, but the current data needs ${outputUnits(catalog, cfg)}: pick data with a matching number of classes first.`);
    }
    const { errors } = checkConfig(catalog, cfg);
    if (errors.length) throw new Error(errors[0].message);
    const epoch = Number.isInteger(doc.playground?.epoch) ? doc.playground.epoch : 0;
    return { ok: true, json: text, config: cfg, epoch };
  } catch (e) {
    return { ok: false, error: e.message };
  }
}
