// page-parsers.test.mjs — a bounded, seeded fuzz test of the page's three readers of user input,
// which are DOM-free modules: the CSV parser (web/js/data/csv.js), the link decoder
// (web/js/hash.js) and the model-file reader (web/js/data/model.js, then the core's loadNetwork
// through web/js/run.js as the worker does). Inputs: random text, and valid files and links
// mutated (flipped characters, truncation, removed/duplicated/retyped fields, huge numbers,
// prototype-ish keys, deep nesting, very long lines). The contract: each reader returns a valid
// result (every value finite, within the stated limits, consistent) or an error naming its line,
// key or field; it never throws anything else and never changes the configuration it is given.
// The seed is fixed, so every run tries the same cases; the counts are printed. A hang fails the
// test by its timeout (generous: there is no timing assertion).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn } from './load.mjs';
import { DATA_LIMITS, formatCSV, parseCSV } from '../../web/js/data/csv.js';
import { HASH_LIMITS, checkFields, decodeHash, encodeHash } from '../../web/js/hash.js';
import { DEFAULTS, checkConfig, networkSpec } from '../../web/js/config.js';
import { MODEL_LIMITS, modelFile, readModelFile } from '../../web/js/data/model.js';
import { makeNetwork } from '../../web/js/run.js';

const catalog = nn.catalog;
const CASES = { csv: 15000, hash: 25000, model: 7000 };

// --- a seeded generator --------------------------------------------------------------------------

function rng(seed) {   // mulberry32
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
const random = rng(20240611);
const int = (n) => Math.floor(random() * n);
const pick = (a) => a[int(a.length)];
const TOKENS = ['NaN', 'Infinity', '-Infinity', '1e39', '-1e39', '3.4e38', '3.41e38', '1e308', '1e400', '1e-320', '-0', '0x1F',
  '1O', '9', '6', '-7', '0.5', '2', '', ' ', ',', ';', '\t', '"', '\n', '\r\n', '=', '&', '#', '%', '%E0%A4%A', '%00', '\uFEFF',
  'é', '\u0000', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'valueOf', '9'.repeat(400), 'x1,x2,label'];
const ALPHABET = '0123456789.,;:-+eE \t\n\r"#&=%_abcxyz[]{}';

function randomText(max) {
  const n = int(max);
  let s = '';
  for (let i = 0; i < n; i++) s += random() < 0.9 ? ALPHABET[int(ALPHABET.length)] : String.fromCharCode(int(0x3000));
  return s;
}
/** One text-level mutation: a flipped bit, a cut, a deletion, a duplicated slice, a token, a long run. */
function mutateText(s) {
  const at = int(s.length + 1), len = 1 + int(40);
  switch (int(7)) {
    case 0: return at < s.length ? s.slice(0, at) + String.fromCharCode(s.charCodeAt(at) ^ (1 << int(7))) + s.slice(at + 1) : s;
    case 1: return s.slice(0, at);
    case 2: return s.slice(0, at) + s.slice(at + len);
    case 3: return s.slice(0, at + len) + s.slice(at, at + len) + s.slice(at + len);
    case 4: return s.slice(0, at) + pick(TOKENS) + s.slice(at);
    case 5: return s.slice(0, at) + pick(TOKENS).repeat(1 + int(3000)) + s.slice(at);
    default: return s.slice(0, at) + randomText(60) + s.slice(at);
  }
}
const mutateTimes = (s, f) => { for (let k = 1 + int(3); k > 0; k--) s = f(s); return s; };

const isF32 = (v) => typeof v === 'number' && Number.isFinite(v) && Math.fround(v) === v;
/** Checks custom data { regression, x, y } against the stated limits. */
function checkData(d, what) {
  assert.equal(typeof d.regression, 'boolean', what);
  assert.equal(d.x.length, 2 * d.y.length, what);
  assert.ok(d.y.length <= DATA_LIMITS.maxPoints, what);
  for (const v of d.x) assert.ok(isF32(v) && Math.abs(v) <= DATA_LIMITS.extent, `${what}: x ${v}`);
  for (const v of d.y) {
    assert.ok(d.regression ? isF32(v) : Number.isInteger(v) && v >= 0 && v < DATA_LIMITS.maxClasses, `${what}: y ${v}`);
  }
}
const deepFreeze = (o) => { if (o && typeof o === 'object') { Object.values(o).forEach(deepFreeze); Object.freeze(o); } return o; };
const snapshotDefaults = JSON.stringify(DEFAULTS);

// --- CSV ---------------------------------------------------------------------------------------------

function csvSeeds() {
  const seeds = [];
  for (const [name, classes] of [['moons', 2], ['spiral', 3], ['plane', 0], ['blobs', 6]]) {
    const g = nn.makeDataset(name, { n: 20 + int(60), noise: 0.2, classes, seed: 1 + int(9) });
    const y = classes ? Array.from(g.labels) : Array.from(g.targets);
    seeds.push(formatCSV({ regression: !classes, x: Array.from(g.x), y }));
  }
  return seeds;
}
function mutateCSV(s) {
  const lines = s.split('\n');
  const i = int(lines.length);
  switch (int(6)) {
    case 0: lines.splice(i, 1); break;                                   // a removed row
    case 1: lines.splice(i, 0, lines[i] ?? ''); break;                   // a duplicated row
    case 2: { const f = (lines[i] ?? '').split(','); f[int(f.length)] = pick(TOKENS); lines[i] = f.join(','); break; }  // a retyped field
    case 3: lines[i] = `${lines[i] ?? ''},${pick(TOKENS)}`; break;       // an extra field
    case 4: lines[0] = pick(['x1,x2,target', 'x1,x2,label', 'a,b', '1,2,NaN', '1O,2,0', 'x;y;class', '"x1","x2","y"']); break;
    default: return mutateText(s);
  }
  return lines.join(pick(['\n', '\r\n']));
}
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function checkCSV(text, counts) {
  const r = parseCSV(text);   // must not throw
  if (!r.ok) {
    counts.rejected++;
    assert.ok(typeof r.error === 'string' && r.error.length > 0 && Number.isInteger(r.line) && r.line >= 0, JSON.stringify(r));
    if (r.line > 0) assert.ok(r.error.startsWith(`line ${r.line}: `), r.error);
    return;
  }
  counts.accepted++;
  checkData(r.data, 'csv');
  // a first row with a number in it is data, never a dropped header
  const rows = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).filter((l) => l.trim() !== '');
  const sep = rows[0].includes(',') ? ',' : rows[0].includes(';') ? ';' : '\t';
  const headed = !rows[0].split(sep).some((f) => NUMBER.test(f.trim().replace(/^"(.*)"$/, '$1').trim()));
  assert.equal(r.data.y.length, rows.length - (headed ? 1 : 0), 'every data row is read');
}

test('CSV parser: valid data within the limits, or an error naming the line', { timeout: 120000 }, () => {
  const counts = { accepted: 0, rejected: 0 };
  const seeds = csvSeeds();
  for (let i = 0; i < CASES.csv; i++) {
    const text = i % 10 === 0 ? randomText(300) : mutateTimes(pick(seeds), mutateCSV);
    checkCSV(text, counts);
  }
  checkCSV('1,1,0\n'.repeat(DATA_LIMITS.maxBytes / 6 + 1), counts);               // over the byte limit
  checkCSV('1,1,0\n'.repeat(DATA_LIMITS.maxPoints + 1), counts);                  // over the point limit
  checkCSV(`1,1,${'1'.repeat(DATA_LIMITS.maxBytes - 10)}`, counts);              // one very long line
  console.log(`page parsers, CSV: ${CASES.csv + 3} cases, ${counts.accepted} accepted, ${counts.rejected} rejected`);
  assert.ok(counts.accepted > 100 && counts.rejected > 100, 'both outcomes are exercised');
});

// --- links ---------------------------------------------------------------------------------------------

function hashSeeds() {
  const custom = { regression: false, x: [1, 2, -3, 0.5, 4, -4], y: [0, 1, 2] };
  return [
    DEFAULTS,
    { ...DEFAULTS, dataset: 'blobs', classes: 5, outputActivation: 'softmax', loss: 'categorical_crossentropy', optimizer: 'momentum', layers: [{ units: 3, activation: 'elu' }] },
    { ...DEFAULTS, dataset: 'plane', classes: 0, outputActivation: 'linear', loss: 'mse', features: ['x1', 'x2sq', 'sinx2'], optimizer: 'rmsprop' },
    { ...DEFAULTS, custom, classes: 3, outputActivation: 'softmax', loss: 'categorical_crossentropy' },
    { ...DEFAULTS, custom: { regression: true, x: [1, 1, 2, 2], y: [0.5, -1e30] }, classes: 0, outputActivation: 'linear', loss: 'mse' },
  ].map((c) => encodeHash(catalog, c));
}
function mutateHash(s) {
  const pairs = s.slice(1).split('&');
  const i = int(pairs.length);
  const [key, value = ''] = (pairs[i] ?? '').split('=');
  switch (int(7)) {
    case 0: pairs.splice(i, 1); break;
    case 1: pairs.splice(i, 0, pairs[i] ?? ''); break;
    case 2: pairs[i] = `${pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'prototype'])}=${value}`; break;
    case 3: pairs[i] = `${key}=${pick(TOKENS)}`; break;
    case 4: pairs[i] = `${key}=${encodeURIComponent(pick(TOKENS))}`; break;
    case 5: pairs[i] = `${key}=${value}${pick(TOKENS).repeat(1 + int(50))}`; break;
    default: return mutateText(s);
  }
  return '#' + pairs.join('&');
}

function checkHash(hash, counts) {
  const protoKeys = Object.getOwnPropertyNames(Object.prototype).join();
  const { config, problems } = decodeHash(catalog, hash);   // must not throw
  (problems.length ? counts.rejected++ : counts.accepted++);
  for (const p of problems) {
    assert.ok(typeof p.key === 'string' && p.key.length > 0 && p.message.includes(p.key), JSON.stringify(p));
  }
  assert.deepEqual(checkFields(catalog, config), [], hash.slice(0, 200));
  assert.deepEqual(checkConfig(catalog, config).errors.filter((e) => e.field === 'classes'), []);
  if (config.custom) checkData(config.custom, 'link data');
  const again = decodeHash(catalog, encodeHash(catalog, config));   // what the page writes back reads the same
  assert.deepEqual(again.problems.filter((p) => p.key !== 'data'), []);
  assert.equal(Object.getOwnPropertyNames(Object.prototype).join(), protoKeys, 'Object.prototype is untouched');
  assert.equal(({}).polluted, undefined);
}

test('link decoder: a valid configuration, with every bad or unknown key named', { timeout: 120000 }, () => {
  const counts = { accepted: 0, rejected: 0 };
  const seeds = hashSeeds();
  for (let i = 0; i < CASES.hash; i++) {
    const hash = i % 10 === 0 ? `#${randomText(200)}` : mutateTimes(pick(seeds), mutateHash);
    checkHash(hash, counts);
  }
  checkHash(`#lr=0.1&${'a'.repeat(HASH_LIMITS.maxLength)}`, counts);
  checkHash(`#${'&'.repeat(HASH_LIMITS.maxLength - 1)}`, counts);
  assert.equal(JSON.stringify(DEFAULTS), snapshotDefaults, 'the defaults are untouched');
  console.log(`page parsers, links: ${CASES.hash + 2} cases, ${counts.accepted} accepted, ${counts.rejected} with named problems`);
  assert.ok(counts.accepted > 100 && counts.rejected > 100, 'both outcomes are exercised');
});

// --- model files ---------------------------------------------------------------------------------------

function modelSeeds() {
  const custom = { regression: false, x: [1, 2, -3, 0.5, 4, -4, 0, 0], y: [0, 1, 2, 1] };
  const configs = [
    DEFAULTS,
    { ...DEFAULTS, dataset: 'plane', custom, classes: 3, outputActivation: 'softmax', loss: 'categorical_crossentropy', optimizer: 'sgd' },
    { ...DEFAULTS, dataset: 'plane', classes: 0, outputActivation: 'linear', loss: 'mse', layers: [{ units: 3, activation: 'relu' }], features: ['x1', 'x2', 'x1x2'] },
  ];
  const files = configs.map((c, i) => {
    const net = nn.createNetwork(networkSpec(catalog, c));
    const text = i === 2 ? JSON.stringify(net) : modelFile(JSON.stringify(net), c, 7 * i);   // the last: a plain module file
    net.dispose();
    return text;
  });
  return files;
}
/** The paths of a parsed file (long arrays: only their ends; 8 levels deep at most). */
function paths(doc) {
  const out = [], todo = [[]];
  while (todo.length) {
    const p = todo.pop();
    out.push(p);
    const v = p.reduce((o, k) => o[k], doc);
    if (v && typeof v === 'object' && p.length < 8) {
      const keys = Array.isArray(v) ? [...new Set([0, v.length - 1])].filter((k) => k >= 0) : Object.keys(v);
      for (const k of keys) todo.push([...p, k]);
    }
  }
  return out.slice(1);
}
const VALUES = [-1, 0, 1.5, 2, 1e39, -1e39, 2 ** 53 + 2, 'text', '0.01', [], {}, null, true, [1, 2], { __proto__: null, x: 1 }, 'x'.repeat(5000)];
function mutateModel(text) {
  if (random() < 0.25) return mutateText(text);
  if (random() < 0.1) {   // deep nesting or a duplicated key, in the text
    const at = text.indexOf('{') + 1, d = pick([40, 1000, 100000]);
    return random() < 0.5 ? `${text.slice(0, at)}"extra":${'['.repeat(d)}${']'.repeat(d)},${text.slice(at)}`
      : `${text.slice(0, at)}${pick(['"version":2,', '"format":"x",', '"__proto__":{"format":1},', '"spec":{},'])}${text.slice(at)}`;
  }
  let doc;
  try { doc = JSON.parse(text); } catch { return mutateText(text); }   // an earlier mutation broke the JSON
  const p = pick(paths(doc));
  const parent = p.slice(0, -1).reduce((o, k) => o[k], doc), key = p.at(-1);
  switch (int(4)) {
    case 0: if (Array.isArray(parent)) parent.splice(key, 1); else delete parent[key]; break;
    case 1: if (Array.isArray(parent[key])) parent[key] = parent[key].slice(0, int(parent[key].length)); else parent[key] = pick(VALUES); break;
    default: parent[key] = pick(VALUES);
  }
  try { return JSON.stringify(doc); } catch { return mutateText(text); }   // nested too deep to write back
}

test('model-file reader and the core: a network the page can show, or an error naming the field', { timeout: 120000 }, () => {
  const counts = { accepted: 0, rejected: 0, coreRejected: 0 };
  const seeds = modelSeeds();
  const current = deepFreeze(structuredClone({ ...DEFAULTS, layers: [{ units: 4, activation: 'tanh' }] }));
  const before = JSON.stringify(current);
  for (let i = 0; i < CASES.model; i++) {
    const text = i % 20 === 0 ? randomText(400) : mutateTimes(pick(seeds), mutateModel);
    const r = readModelFile(text, catalog, current);   // must not throw
    if (!r.ok) {
      counts.rejected++;
      assert.ok(typeof r.field === 'string' && r.field && typeof r.error === 'string' && r.error, JSON.stringify(r).slice(0, 300));
      assert.ok(['file', 'format'].includes(r.field) || r.error.includes(r.field), r.error);
      continue;
    }
    assert.deepEqual(checkFields(catalog, r.config), [], r.error);
    assert.deepEqual(checkConfig(catalog, r.config).errors, []);
    assert.ok(Number.isSafeInteger(r.epoch) && r.epoch >= 0 && r.json === text);
    if (r.config.custom) checkData(r.config.custom, 'model data');
    try {                                   // what the worker does before replacing anything
      makeNetwork(nn, r.config, { json: r.json }).dispose();
      counts.accepted++;
    } catch (e) {
      counts.coreRejected++;
      assert.ok(e instanceof Error && e.field && e.message.startsWith(`${e.field}: `), `the core names the field: ${e.message}`);
    }
  }
  assert.equal(JSON.stringify(current), before, 'the current configuration is untouched');
  console.log(`page parsers, model files: ${CASES.model} cases, ${counts.accepted} accepted, ${counts.rejected} rejected by the page, ` +
    `${counts.coreRejected} by the core (limits: ${MODEL_LIMITS.maxBytes / 1e6} MB, ${MODEL_LIMITS.maxDepth} levels)`);
  assert.ok(counts.accepted > 50 && counts.rejected > 100 && counts.coreRejected > 20, JSON.stringify(counts));
});
