// run.js — builds what the worker trains, with no side effects: the data (generated or the user's,
// split, features expanded, targets encoded) and the network (new from the configuration, or
// loaded from a model file and checked against it). The worker builds the next data and network
// beside the running ones and swaps only when both succeeded, so a model file, CSV or link the core
// rejects changes nothing. Errors carry the field they name (err.field: fields.js reads it).
import { expandFeatures } from './features.js';
import { networkSpec, outputUnits, problemKind } from './config.js';
import { customDataset } from './data/custom.js';

function split(nn, part, outputs, outputActivation, features) {
  return {
    n: part.n, points: part.x,
    x: expandFeatures(part.x, part.n, features),
    y: nn.encodeTargets(part, outputs, outputActivation),
    labels: part.labels, targets: part.targets,
  };
}

/** The points: the user's own (config.custom) or a generated dataset, split by the core with one
 *  rule for both: each point's part comes from a hash of its coordinates and the data seed (byPoint),
 *  so turning the generated points into your own and adding or removing points never moves the
 *  others between train and test. Returns { kind, classes, train, test, view } — view is what
 *  the page draws (the worker posts it once the build has succeeded). */
export function makeData(nn, config) {
  const cat = nn.catalog;
  const kind = problemKind(cat, config);
  const outputs = outputUnits(cat, config);
  const classes = kind === 'regression' ? 0 : config.classes;
  const data = config.custom ? customDataset(config.custom, classes)
    : nn.makeDataset(config.dataset, { n: config.points, noise: config.noise, classes, seed: config.seed });
  const parts = nn.splitDataset(data, config.testRatio, config.seed, { byPoint: true });
  const copy = (p) => ({ n: p.n, x: p.x.slice(), labels: p.labels?.slice() ?? null, targets: p.targets?.slice() ?? null });
  const view = { kind, classes, outputs, outputActivation: config.outputActivation, train: copy(parts.train), test: copy(parts.test) };
  const part = (p) => (p.n ? split(nn, p, outputs, config.outputActivation, config.features)
    : { n: 0, points: p.x, x: new Float32Array(0), y: new Float32Array(0), labels: p.labels, targets: p.targets });
  return { kind, classes, train: part(parts.train), test: part(parts.test), view };
}

/** A new network for the configuration (its initial weights drawn from config.weightSeed), or the
 *  model file's network (which must be the one the configuration describes: the page read its
 *  settings from the same file). */
export function makeNetwork(nn, config, model = null) {
  const want = networkSpec(nn.catalog, config);
  if (!model) return nn.createNetwork(want);
  const net = nn.loadNetwork(model.json);
  try {
    checkSpec(net.spec, want);
  } catch (e) {
    net.dispose();
    throw e;
  }
  return net;
}

/** Throws, naming the field, where the loaded network's spec differs from the configuration's. */
function checkSpec(got, want) {
  const differ = (path, a, b) => {
    const e = new Error(`${path}: the network has ${JSON.stringify(a)}, but the file's settings say ${JSON.stringify(b)}`);
    e.field = path;
    throw e;
  };
  if (got.inputs !== want.inputs) differ('spec.inputs', got.inputs, want.inputs);
  if (got.layers.length !== want.layers.length) differ('spec.layers', got.layers.length, want.layers.length);
  want.layers.forEach((l, i) => {
    for (const k of ['units', 'activation']) if (got.layers[i][k] !== l[k]) differ(`spec.layers[${i}].${k}`, got.layers[i][k], l[k]);
  });
  for (const k of ['loss', 'init', 'seed', 'l1', 'l2']) if (got[k] !== want[k]) differ(`spec.${k}`, got[k], want[k]);
  const o = want.optimizer;
  if (got.optimizer.type !== o.type) differ('spec.optimizer.type', got.optimizer.type, o.type);
  for (const k of Object.keys(o).filter((k) => k !== 'type')) {  // the hyperparameters it reads
    if (got.optimizer[k] !== o[k]) differ(`spec.optimizer.${k}`, got.optimizer[k], o[k]);
  }
}
