// page-check.test.mjs — the By hand panel's gradient check (web/js/math/tracer.js) stays within the
// module's stated cost limit whatever the batch and network the page allows: it checks fewer
// entries per layer rather than fail (it used to run for a minute; past the limit it would throw).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn } from './load.mjs';
import { checkBatch } from '../../web/js/math/tracer.js';

test('the panel\'s gradient check on the widest page network and a 1,000-point batch fits the budget', () => {
  const layers = Array.from({ length: 8 }, () => ({ units: 64, activation: 'tanh' }));
  const net = nn.createNetwork({ inputs: 5, layers: [...layers, { units: 1, activation: 'sigmoid' }] });
  const n = 1000;
  const train = { n, x: Float32Array.from({ length: 5 * n }, (_, i) => Math.sin(i)), y: Float32Array.from({ length: n }, (_, i) => i % 2) };
  const result = checkBatch({ net, train, cursor: 0, batchSize: n }, nn.catalog.limits);
  assert.equal(result.checks.length, 9);
  assert.ok(result.checks.every((c) => c.checked >= 2 && c.weights < 1e-2), JSON.stringify(result.checks));
  const small = nn.createNetwork({ layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }] });
  const full = checkBatch({ net: small, train: { n: 10, x: train.x.subarray(0, 20), y: train.y.subarray(0, 10) }, cursor: 0, batchSize: 10 }, nn.catalog.limits);
  assert.equal(full.n, 10);
  assert.deepEqual(full.checks.map((c) => c.checked), [12, 5]);  // small layers: every entry
  net.dispose();
  small.dispose();
});
