// types.test.mjs — nn.d.ts is hand-written; this keeps it exact: every member the types declare
// for NN and Network exists on the real objects, and every public member of the real objects is
// declared (no undocumented or stale API).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { nn } from './load.mjs';

const dts = readFileSync(new URL('../../dist/lib/nn.d.ts', import.meta.url), 'utf8');

/** Member names declared in `export interface Name { ... }` (top-level members only). */
function declared(name) {
  const body = dts.match(new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`))[1];
  const lines = body.replace(/\/\*\*[\s\S]*?\*\//g, '').split('\n');
  return new Set(lines.map((l) => l.match(/^ {2}(?:readonly )?(\w+)[?]?[(:<]/)?.[1]).filter(Boolean));
}

/** Public members of an object: own enumerable properties and prototype methods/getters. */
function actual(obj) {
  const names = new Set(Object.keys(obj));
  for (let p = Object.getPrototypeOf(obj); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const k of Object.getOwnPropertyNames(p)) if (k !== 'constructor') names.add(k);
  }
  return names;
}

test('nn.d.ts declares exactly the members of the NN object', () => {
  assert.deepEqual([...actual(nn)].sort(), [...declared('NN')].sort());
});

test('nn.d.ts declares exactly the members of a Network', () => {
  const net = nn.createNetwork({ layers: [{ units: 1 }] });
  assert.deepEqual([...actual(net)].sort(), [...declared('Network')].sort());
  net.dispose();
});

test('nn.d.ts lists exactly the names of the core tables', () => {
  const union = (type) => dts.match(new RegExp(`export type ${type} =([^;]*);`))[1].match(/'(\w+)'/g).map((s) => s.slice(1, -1));
  assert.deepEqual(union('ActivationName'), nn.activations);
  assert.deepEqual(union('LossName'), nn.losses);
  assert.deepEqual(union('OptimizerName'), nn.optimizers);
  assert.deepEqual(union('InitializerName'), nn.initializers);
  assert.deepEqual(union('DatasetName'), nn.datasets);
});
