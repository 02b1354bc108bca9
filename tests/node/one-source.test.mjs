// one-source.test.mjs — the core's tables are the one source of truth: no name of a table entry
// (activation, loss, optimizer, initializer, dataset) is typed in web/js, where the page would
// silently miss a row the core adds or treat one specially by name. Reads the catalog that the
// build generated from the tables (web/js/catalog.js) and checks it is the module's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nn } from './load.mjs';
import { catalog } from '../../web/js/catalog.js';

const WEB = fileURLToPath(new URL('../../web/js/', import.meta.url));
const EXPORT = fileURLToPath(new URL('../../wasm/export/', import.meta.url));
// Words that are table names but also mean something else where they occur (Chart.js' 'linear'
// axis type), matched only in that exact form.
const ALLOWED = [/type: 'linear'/g, /'logarithmic' : 'linear'/g];

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.m?js$/.test(e.name) && e.name !== 'catalog.js' ? [p] : [];
  });
}

/** String literals and object keys in a JavaScript source, comments removed (good enough for
 *  this codebase's style: no regex literals containing quotes). */
function tokens(text) {
  let code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\'"`])\/\/.*$/gm, '$1');
  for (const a of ALLOWED) code = code.replace(a, '');
  const out = [];
  for (const m of code.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)) out.push(m[1] ?? m[2] ?? m[3]);
  for (const m of code.matchAll(/[{,]\s*([A-Za-z_]\w*)\s*:/g)) out.push(m[1]);
  return out;
}

test('web/js/catalog.js is the module\'s catalog (the build regenerated it)', () => {
  assert.deepEqual(catalog, nn.catalog);
});

test('no name of a core table entry is typed in web/js or in the exporters (wasm/export)', () => {
  const names = new Map();
  for (const table of ['activations', 'losses', 'optimizers', 'initializers', 'datasets']) {
    for (const row of catalog[table]) names.set(row.name, table);
  }
  const found = [];
  for (const dir of [WEB, EXPORT]) {
    for (const file of sources(dir)) {
      for (const t of tokens(readFileSync(file, 'utf8'))) {
        if (names.has(t)) found.push(`${relative(dir, file)}: '${t}' (${names.get(t)})`);
      }
    }
  }
  assert.deepEqual(found, [], `${found.length} table names typed in web/js or wasm/export`);
});

test('every activation, loss and optimizer row says how the exporters write it (code)', () => {
  const filled = (v) => typeof v === 'string' && v.trim() !== '';
  for (const a of catalog.activations) {
    for (const key of ['numpy', 'numpyBackward', 'torch', 'onnx']) assert.ok(filled(a.code[key]), `${a.name}: code.${key}`);
  }
  for (const l of catalog.losses) {
    for (const key of ['numpy', 'numpyGradient', 'torch']) assert.ok(filled(l.code[key]), `${l.name}: code.${key}`);
    // a fused path (from the logits) is written exactly when the core has one
    for (const key of ['numpyFused', 'numpyFusedGradient', 'torchFused']) {
      assert.equal(filled(l.code[key]), l.fusedActivation !== null, `${l.name}: code.${key}`);
    }
  }
  for (const o of catalog.optimizers) {
    const slots = o.code.slots.split(' ').filter(Boolean);
    assert.equal(slots.length, o.stateSlots, `${o.name}: one NumPy name per state slot`);
    const torchSlots = o.code.torchState.split(' ').filter((k) => k && k !== 'step');
    assert.equal(torchSlots.length, o.stateSlots, `${o.name}: one torch state key per slot`);
    assert.ok(o.code.numpy.length >= 1 && o.code.numpy.every(filled), `${o.name}: code.numpy`);
    for (const h of o.hyperparameters) assert.ok(o.code.torch.includes(`{${h.name}}`), `${o.name}: torch reads ${h.name}`);
    for (const slot of slots) assert.ok(o.code.numpy.some((line) => new RegExp(`\\b${slot}\\b`).test(line)), `${o.name}: NumPy updates ${slot}`);
  }
});

test("the page's range check of every hyperparameter is the core's", async () => {
  const { inRange } = await import('../../web/js/config.js');
  const values = [-1, 0, 1e-50, 1e-39, 1.2e-38, 1e-8, 0.5, 0.9, 0.999999, 0.999999999, 1, 2, 1e38, 3.4e38, 1e39, NaN, Infinity];
  for (const p of catalog.hyperparameters) {
    const type = catalog.optimizers.find((o) => o.hyperparameters.some((h) => h.name === p.name)).name;
    for (const v of values) {
      let core = true;
      try { nn.createNetwork({ layers: [{ units: 1 }], optimizer: { type, [p.name]: v } }).dispose(); } catch (e) {
        assert.equal(e.field, `optimizer.${p.name}`, `${p.name} = ${v}`);
        core = false;
      }
      assert.equal(inRange(p, v), core, `${p.name} = ${v}: page ${inRange(p, v)}, core ${core}`);
    }
  }
});
