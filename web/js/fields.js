// fields.js — which control an error is about. The core and the facade name what was wrong by a
// dotted path of the network spec or the dataset call ('optimizer.momentum', 'layers[1].units',
// 'n'); config.js's checks name a configuration key ('classes'). configKey maps either to the key
// of the page's configuration (config.js DEFAULTS), which is also the control's data-field, so an
// error is shown beside the control it names whichever road it took (fieldnotes.js). This is the
// one place that mapping lives; nothing reads an error's message to find its field. No DOM.
import { DEFAULTS } from './config.js';

// The dataset call's argument names (nn.makeDataset / splitDataset / encodeTargets) → config keys.
const DATA_KEYS = { n: 'points', name: 'dataset', outputs: 'classes', inputs: 'features' };

/** The configuration key a field path names, or null when no control sets it ('data.x', 'json',
 *  'network'). config: the configuration the error came from (it tells the hidden layers from the
 *  output layer: the output layer's units follow the classes, its activation is outputActivation). */
export function configKey(field, config) {
  if (typeof field !== 'string' || !field) return null;
  const path = field.replace(/^spec\./, '');        // a model file's spec, checked against the settings
  const layer = /^layers\[(\d+)\]\.(units|activation)$/.exec(path);
  if (layer) {
    const i = Number(layer[1]);
    if (i < (config?.layers?.length ?? 0)) return `layers[${i}].${layer[2]}`;
    return layer[2] === 'units' ? 'classes' : 'outputActivation';
  }
  if (path === 'optimizer.type') return 'optimizer';
  const opt = /^optimizer\.(\w+)$/.exec(path);
  if (opt) return Object.hasOwn(DEFAULTS, opt[1]) ? opt[1] : 'optimizer';
  if (Object.hasOwn(DATA_KEYS, path)) return DATA_KEYS[path];
  if (Object.hasOwn(DEFAULTS, path)) return path;
  return null;
}

/** errors [{ field, message }] → the same with `key` (configKey, or null). */
export function withKeys(errors, config) {
  return errors.map((e) => ({ ...e, key: configKey(e.field, config) }));
}

/** The message without the field path it starts with ('optimizer.momentum: must be…' → 'must be…'):
 *  shown beside a control, or after the control's own label, the path would say it twice. */
export function detail({ field, message }) {
  return field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}

/** The text as a sentence: ending in a full stop unless it ends in one already (or ! ? …). */
export const sentence = (text) => (/[.!?…]$/.test(text.trimEnd()) ? text.trimEnd() : `${text.trimEnd()}.`);

/** { field, message } for an error thrown while building: the facade's NNError names its field
 *  (err.field); anything else is blamed on `fallback` ('data', 'network', 'model'). */
export function errorOf(e, fallback) {
  const field = typeof e?.field === 'string' && e.field ? e.field : fallback;
  return { field, message: String(e?.message ?? e) };
}

/** Every problem to show, each with its key and level: config.js's checks ({ errors, warnings }),
 *  then the worker's errors (a failed build, refused settings) that the checks did not already say. */
export function problemsOf({ errors, warnings }, workerErrors, config) {
  const said = new Set(errors.map((e) => e.message));
  return [
    ...withKeys(errors, config).map((p) => ({ ...p, level: 'error' })),
    ...withKeys(workerErrors.filter((e) => !said.has(e.message)), config).map((p) => ({ ...p, level: 'error' })),
    ...withKeys(warnings, config).map((p) => ({ ...p, level: 'warning' })),
  ];
}
