// hash.js — the configuration as a URL hash (compact key=value pairs, like TF Playground), so a
// copied link reproduces a run. One table maps each key to its config field and parser; the same
// table checks a configuration read from a model file (checkFields). Keys are looked up as own
// entries of a Map, so a link naming an Object.prototype member (#constructor, #__proto__) is
// just an unknown key. View keys (VIEW_KEYS: presentation mode) say how the page is shown, not
// what it trains: they are read into `view`, never into the configuration. Limits: a hash of at
// most HASH_LIMITS.maxLength characters (a longer one
// is not read at all); every value within its field's range (the hint says which). No DOM here.
import { FEATURE_NAMES } from './features.js';
import { UI_LIMITS, HYPERPARAMETERS, classRange, datasetInfo, defaultConfig, hiddenActivations, naturalOutput, numberRule, optimizerParams, problemKind, suggestedRate } from './config.js';
import { decodeCustom, encodeCustom, minClasses } from './data/custom.js';

export const HASH_LIMITS = { maxLength: 20000 };

// --- the table ----------------------------------------------------------------------------------

// A parser takes the text of a value and returns the value, or undefined; .hint says what is valid.
const withHint = (fn, hint) => Object.assign(fn, { hint });
const num = (min, max) => withHint((s) => {
  const v = Number(s);
  return s !== '' && Number.isFinite(v) && v >= min && v <= max ? v : undefined;
}, `a number from ${min} to ${max}`);
const int = (min, max) => withHint((s) => {
  const v = num(min, max)(s);
  return Number.isInteger(v) ? v : undefined;
}, `a whole number from ${min} to ${max}`);
const oneOf = (list) => withHint((s) => (list.includes(s) ? s : undefined), `one of ${list.join(', ')}`);

const features = withHint((s) => {
  const f = s.split(',').filter(Boolean);
  return f.every((x) => FEATURE_NAMES.includes(x)) ? FEATURE_NAMES.filter((x) => f.includes(x)) : undefined;
}, `features from ${FEATURE_NAMES.join(', ')}, in that order`);

// A hyperparameter: any number its field takes (config.js numberRule: the core's range, and the
// page's own limit on the learning rate).
const hyper = (rule) => withHint((s) => {
  const v = Number(s);
  return s !== '' && rule.ok(v) ? v : undefined;
}, rule.text);

const layers = (acts, example) => withHint((s) => {
  if (s === '') return [];
  const parsed = s.split(',').map((t) => /^(\d{1,3})([a-z_]{1,32})$/.exec(t))
    .map((m) => m && { units: Number(m[1]), activation: m[2] });
  const ok = parsed.length <= UI_LIMITS.maxLayers && parsed.every((l) => l && l.units >= 1 &&
    l.units <= UI_LIMITS.maxUnits && acts.includes(l.activation));
  return ok ? parsed : undefined;
}, `up to ${UI_LIMITS.maxLayers} hidden layers like 16${example},8${example} (1–${UI_LIMITS.maxUnits} units each; ${acts.join(', ')})`);

// Short link keys for two hyperparameters (links made before the others joined keep working).
const SHORT_KEYS = new Map([['learningRate', 'lr'], ['epsilon', 'eps']]);

// --- view keys: how the page shows the run (not part of the configuration) --------------------------

const flag = withHint((s) => (s === '1' ? true : s === '0' ? false : undefined), '1 or 0');
/** Hash key → [view field, parser]: presentation mode (present.js). A view value is written only
 *  when set (present=1), so a plain link stays as it was. */
export const VIEW_KEYS = new Map([['present', ['present', flag]]]);

/** A hash without its view keys: the configuration's part ('#a=1&present=1' → '#a=1'). */
export const withoutView = (hash) => `#${String(hash).replace(/^#/, '').split('&').filter((p) => !VIEW_KEYS.has(p.split('=')[0])).join('&')}`;

/** Hash key → [config field, parser]: a Map, so only these keys are ever found. Names and ranges
 *  come from the catalog: a new dataset, activation or optimizer setting is in links with no edit. */
function hashFields(catalog) {
  return new Map([
    ['dataset', ['dataset', oneOf(catalog.datasets.map((d) => d.name))]],
    ['classes', ['classes', int(0, catalog.limits.maxClasses)]],
    ['noise', ['noise', num(0, 1)]],
    ['points', ['points', int(UI_LIMITS.minPoints, UI_LIMITS.maxPoints)]],
    ['test', ['testRatio', num(UI_LIMITS.minTest, UI_LIMITS.maxTest)]],
    ['seed', ['seed', int(0, UI_LIMITS.maxSeed)]],          // the data's: points and split
    ['wseed', ['weightSeed', int(0, UI_LIMITS.maxSeed)]],   // the initial weights'
    ['features', ['features', features]],
    ['layers', ['layers', layers(hiddenActivations(catalog).map((a) => a.name), catalog.defaults.hiddenActivation)]],
    ['output', ['outputActivation', oneOf(catalog.activations.map((a) => a.name))]],
    ['loss', ['loss', oneOf(catalog.losses.map((l) => l.name))]],
    ['init', ['init', oneOf(catalog.initializers.map((i) => i.name))]],
    ['optimizer', ['optimizer', oneOf(catalog.optimizers.map((o) => o.name))]],
    ['batch', ['batchSize', int(1, UI_LIMITS.maxPoints)]],
    ['l1', ['l1', hyper(numberRule(catalog, 'l1'))]],
    ['l2', ['l2', hyper(numberRule(catalog, 'l2'))]],
    ...catalog.hyperparameters.map((p) => [SHORT_KEYS.get(p.name) ?? p.name, [p.name, hyper(numberRule(catalog, p.name))]]),
    ['data', ['custom', decodeCustom]],  // → { data } | { omitted: n } | { error }: unwrapped in decodeHash
  ]);
}

/** A field's value as hash text, or undefined when it has the wrong shape. */
function formatValue(field, v) {
  if (field === 'layers') return Array.isArray(v) ? v.map((l) => `${l?.units}${l?.activation}`).join(',') : undefined;
  if (field === 'features') return Array.isArray(v) ? v.join(',') : undefined;
  if (field === 'custom') return encodeCustom(v);
  return typeof v === 'number' || typeof v === 'string' ? String(v) : undefined;
}

/** Structural equality of a trusted value `a` (shallow: numbers, strings, arrays, plain objects) and any `b`. */
function same(a, b) {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && typeof a === 'object') {
    if (!b || typeof b !== 'object' || Array.isArray(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
  }
  return a === b;
}

// --- encode / decode --------------------------------------------------------------------------------

/** The configuration as a hash string ('#dataset=spiral&classes=2&...'); `lesson`: the id of the
 *  lesson open on the page, carried first (#lesson=<id>&dataset=…); `view`: { present }, last. */
export function encodeHash(catalog, cfg, { lesson = null, view = {} } = {}) {
  const used = optimizerParams(catalog, cfg.optimizer).map((p) => p.name);
  const optional = new Set(HYPERPARAMETERS.map((p) => p.name));
  const pairs = lesson ? [`lesson=${encodeURIComponent(lesson)}`] : [];
  for (const [key, [field]] of hashFields(catalog)) {
    if (optional.has(field) && !used.includes(field)) continue;  // only the chosen optimizer's
    if (field === 'custom' && !cfg.custom) continue;             // generated data: no points
    pairs.push(`${key}=${formatValue(field, cfg[field])}`);
  }
  for (const [key, [field]] of VIEW_KEYS) if (view[field]) pairs.push(`${key}=1`);
  return '#' + pairs.join('&');
}

const shown = (s) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** Reads a hash defensively: { config, view, problems: [{ key, message }], lesson }. Every bad or unknown
 *  value falls back to its default and is named (by its key) in problems; an empty hash gives the
 *  defaults with no problems. Never throws. With `lessonStart` (id → the lesson's start hash, or
 *  undefined), a `lesson=<id>` pair opens that lesson: its start, then the link's other pairs
 *  over it (lesson: the id; an unknown id is a problem). */
export function decodeHash(catalog, hash, lessonStart = null) {
  const { text: own, lesson, problem } = lessonOf(String(hash).replace(/^#/, ''), lessonStart);
  const read = readHash(catalog, own);
  if (problem) read.problems.unshift(problem);
  return { ...read, lesson };
}

// --- lessons (lessons/lessons.js): #lesson=<id>, alone or before the settings ----------------------

function lessonOf(text, lessonStart) {
  if (!lessonStart) return { text, lesson: null };
  const pairs = text.split('&');
  const at = pairs.findIndex((p) => p.startsWith('lesson='));
  if (at < 0) return { text, lesson: null };
  let id;
  try { id = decodeURIComponent(pairs[at].slice('lesson='.length)); } catch { id = pairs[at]; }
  const rest = pairs.filter((_, i) => i !== at).join('&');
  const start = lessonStart(id);
  if (typeof start !== 'string') return { text: rest, lesson: null, problem: { key: 'lesson', message: `there is no lesson “${shown(id)}” (the Lessons menu lists them)` } };
  return { text: [start, rest].filter(Boolean).join('&'), lesson: id };
}

function readHash(catalog, text) {
  const cfg = defaultConfig();
  const problems = [];
  const view = {};
  if (!text) return { config: cfg, view, problems };
  if (text.length > HASH_LIMITS.maxLength) {
    problems.push({ key: '#', message: `the link's settings (after #) are ${text.length.toLocaleString('en-US')} characters long; the limit is ${HASH_LIMITS.maxLength.toLocaleString('en-US')}, so none were read` });
    return { config: cfg, view, problems };
  }
  const fields = hashFields(catalog);
  const named = new Set();   // the fields the link gave a valid value
  let custom = null;
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    let key, raw;
    try {
      key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      raw = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
    } catch { problems.push({ key: shown(pair), message: `“${shown(pair)}” is not valid URL text` }); continue; }
    if (key === '') { problems.push({ key: shown(pair), message: `“${shown(pair)}” names no setting` }); continue; }
    if (VIEW_KEYS.has(key)) {
      const [field, parse] = VIEW_KEYS.get(key);
      const value = parse(raw);
      if (value === undefined) problems.push({ key, message: `${key}=“${shown(raw)}” is not valid (${parse.hint})` });
      else view[field] = value;
      continue;
    }
    const entry = fields.get(key);
    if (!entry) { problems.push({ key: shown(key), message: `unknown setting “${shown(key)}”` }); continue; }
    const [field, parse] = entry;
    if (field === 'custom') {
      const r = parse(raw);
      if (r.error) problems.push({ key, message: `${key}: ${r.error}` });
      else custom = r;
      continue;
    }
    const value = eq < 0 ? undefined : parse(raw);
    if (value === undefined) problems.push({ key, message: `${key}=“${shown(raw)}” is not valid (${parse.hint})` });
    else { cfg[field] = value; named.add(field); }
  }
  // The user's own points: in the link when small, else named as left out.
  if (custom?.omitted !== undefined) {
    problems.push({ key: 'data', message: `this link was made with ${custom.omitted} points of your own, too many to include in a link: ` +
      `the ${datasetInfo(catalog, cfg.dataset).display} dataset is shown instead (share such data with Export CSV)` });
  }
  cfg.custom = custom?.data ?? null;
  // Cross-field repairs: the number of classes must fit the dataset (or the user's labels).
  const ds = datasetInfo(catalog, cfg.dataset);
  if (cfg.custom) {
    cfg.classes = cfg.custom.regression ? 0 : Math.min(catalog.limits.maxClasses, Math.max(minClasses(cfg.custom), cfg.classes));
  } else if (ds.regression) cfg.classes = 0;
  else if (cfg.classes < ds.minClasses || cfg.classes > ds.maxClasses) {
    if (fields.has('classes') && /(^|&)classes=/.test(text)) {
      problems.push({ key: 'classes', message: `${ds.display} takes ${ds.minClasses}–${ds.maxClasses} classes (got ${cfg.classes})` });
    }
    cfg.classes = ds.defaultClasses;
  }
  // A link made before the weights had their own seed drew them from the data's seed.
  if (!named.has('weightSeed')) cfg.weightSeed = cfg.seed;
  // An optimizer named without a learning rate starts at its own (SGD's is not Adam's).
  if (named.has('optimizer') && !named.has('learningRate')) cfg.learningRate = suggestedRate(catalog, cfg.optimizer);
  // A link that names the data alone opens trainable: the output layer and loss natural for its
  // problem fill in what it leaves out (a value the link gives is kept, and checked on the page).
  const natural = naturalOutput(catalog, problemKind(catalog, cfg));
  for (const field of ['outputActivation', 'loss']) if (!named.has(field)) cfg[field] = natural[field];
  return { config: cfg, view, problems };
}

/** Checks a configuration read from elsewhere (a model file) against the same table: every field
 *  a link could hold must read back exactly, and the classes must fit the data. Returns
 *  [{ field, message }] (empty when valid); `custom` is checked by its reader, not here. */
export function checkFields(catalog, cfg) {
  const problems = [];
  for (const [, [field, parse]] of hashFields(catalog)) {
    if (field === 'custom') continue;
    const v = cfg[field];
    const text = formatValue(field, v);
    if (text === undefined || !same(parse(text), v)) {
      const got = typeof v === 'number' || typeof v === 'string' ? shown(String(v)) : Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v;
      problems.push({ field, message: `${got} is not valid here (${parse.hint})` });
    }
  }
  if (problems.length) return problems;
  const [lo, hi] = classRange(catalog, cfg);
  if (cfg.classes < lo || cfg.classes > hi) {
    problems.push({ field: 'classes', message: hi === 0 ? `regression data has no classes (got ${cfg.classes}; expected 0)` : `this data takes ${lo}–${hi} classes (got ${cfg.classes})` });
  }
  return problems;
}
