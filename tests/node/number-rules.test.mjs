// number-rules.test.mjs — what a number field takes (config.js numberRule), the same rule in
// checkConfig and in links, and the page's words (rows.js an/cap, fields.js sentence), in Node
// against the real module's catalog. The browser side (typing, commits, notes) is
// tests/browser/commit.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn } from './load.mjs';
import { DEFAULTS, checkConfig, numberRule, networkSpec } from '../../web/js/config.js';
import { decodeHash } from '../../web/js/hash.js';
import { an, cap } from '../../web/js/rows.js';
import { sentence } from '../../web/js/fields.js';

const catalog = nn.catalog;
const KEYS = ['units', 'batchSize', 'seed', 'l1', 'l2', ...catalog.hyperparameters.map((p) => p.name)];

test('the values the issue saw clamped are refused, with the range in words', () => {
  const refused = [['units', 65], ['units', 100], ['units', 0], ['units', 1.5], ['batchSize', 5000], ['learningRate', 1e9],
    ['learningRate', 0], ['l2', 11], ['l2', 1e-40], ['momentum', 1], ['seed', -1], ['units', NaN]];
  for (const [key, v] of refused) assert.equal(numberRule(catalog, key).ok(v), false, `${key} ${v}`);
  for (const [key, v] of [['units', 64], ['units', 1], ['batchSize', 1000], ['learningRate', 10], ['l2', 0], ['l2', 10], ['momentum', 0]]) {
    assert.equal(numberRule(catalog, key).ok(v), true, `${key} ${v}`);
  }
  assert.equal(numberRule(catalog, 'units').text, 'a whole number from 1 to 64');
  assert.equal(numberRule(catalog, 'batchSize').text, 'a whole number from 1 to 1000');
  assert.equal(numberRule(catalog, 'learningRate').text, 'a number above 0, at most 10');
  assert.equal(numberRule(catalog, 'momentum').text, 'a number in [0, 1)');
  assert.equal(numberRule(catalog, 'loss'), null, 'not a number field');
});

test('every rule takes its default and every value of its arrow-key ladder, in order', () => {
  for (const key of KEYS) {
    const rule = numberRule(catalog, key);
    const v = key === 'units' ? DEFAULTS.layers[0].units : DEFAULTS[key];
    assert.equal(rule.ok(v), true, `${key} default ${v}`);
    for (const x of rule.ladder ?? []) assert.equal(rule.ok(x), true, `${key} ladder ${x}`);
    assert.deepEqual(rule.ladder, rule.ladder && [...rule.ladder].sort((a, b) => a - b), key);
  }
});

test('checkConfig and links judge by the same rules; every value a rule takes builds', () => {
  const cfg = { ...DEFAULTS, layers: [{ units: 65, activation: 'tanh' }], batchSize: 5000, learningRate: 1e9, l2: 11 };
  const { errors } = checkConfig(catalog, cfg);
  assert.deepEqual(errors.map((e) => e.field), ['layers[0].units', 'batchSize', 'l2', 'learningRate']);
  assert.equal(errors[0].message, 'must be a whole number from 1 to 64 (got 65).');
  assert.deepEqual(decodeHash(catalog, '#lr=1e9').problems.map((p) => p.message), ['lr=“1e9” is not valid (a number above 0, at most 10)']);
  assert.deepEqual(decodeHash(catalog, '#lr=10').problems, []);
  for (const o of catalog.optimizers) {   // the ladders' ends reach the core and it takes them
    const params = [catalog.hyperparameters[0], ...o.hyperparameters.slice(1)].map((p) => numberRule(catalog, p.name));
    for (const end of [0, -1]) {
      const c = { ...DEFAULTS, optimizer: o.name, learningRate: params[0].ladder.at(end), l1: numberRule(catalog, 'l1').ladder.at(end) };
      for (const p of o.hyperparameters.slice(1)) c[p.name] = numberRule(catalog, p.name).ladder.at(end);
      assert.deepEqual(checkConfig(catalog, c).errors, [], `${o.name} ${end}`);
      nn.createNetwork(networkSpec(catalog, c)).dispose();
    }
  }
});

test('articles follow the display text; messages name rows by display name', () => {
  assert.deepEqual(['ELU', 'SELU', 'ReLU', 'Leaky ReLU', 'RMSprop', 'SGD', 'Adam', 'Uniform', 'Sigmoid or Softmax'].map(an),
    ['an ELU', 'a SELU', 'a ReLU', 'a Leaky ReLU', 'an RMSprop', 'an SGD', 'an Adam', 'a Uniform', 'a Sigmoid or Softmax']);
  assert.equal(cap(an('ELU')), 'An ELU');
  const ids = catalog.activations.concat(catalog.losses).map((r) => r.name).filter((n) => n.includes('_'));
  for (const act of catalog.activations) {
    for (const [dataset, loss] of [['spiral', 'binary_crossentropy'], ['spiral', 'mse'], ['plane', 'mse']]) {
      const { errors, warnings } = checkConfig(catalog, { ...DEFAULTS, dataset, classes: dataset === 'plane' ? 0 : 2, outputActivation: act.name, loss });
      for (const { message } of [...errors, ...warnings]) {
        assert.doesNotMatch(message, /\ba [AEIOU]|\ban [BCDGJKPQTVWYZ]/, message);
        for (const id of ids) assert.ok(!message.includes(id), `${id} in: ${message}`);
        assert.match(message, /\.$/, `a full stop: ${message}`);
      }
    }
  }
  assert.match(checkConfig(catalog, { ...DEFAULTS, outputActivation: 'elu' }).errors[0].message, /an ELU output can leave/);
  assert.equal(sentence('must be in [0, 1) (got 1)'), 'must be in [0, 1) (got 1).');
  assert.equal(sentence('Pick at least one input feature.'), 'Pick at least one input feature.');
});
