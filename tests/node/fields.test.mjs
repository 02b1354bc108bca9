// fields.test.mjs — web/js/fields.js: every field path the core, the facade and config.js name
// maps to the key of the control that sets it (or to none), and the errors a real build or
// settings change raises land on the control the user changed. The errors come from the built
// module itself (dist/lib/nn.mjs), so a renamed core field fails here, not on the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn } from './load.mjs';
import { DEFAULTS, HYPERPARAMETERS, defaultConfig, networkSpec, optimizerSpec } from '../../web/js/config.js';
import { makeData } from '../../web/js/run.js';
import { configKey, detail, errorOf, problemsOf } from '../../web/js/fields.js';

const config = defaultConfig();   // two hidden layers

test('field paths → configuration keys', () => {
  const cases = {
    'optimizer.momentum': 'momentum', 'optimizer.learningRate': 'learningRate', 'optimizer.epsilon': 'epsilon',
    'optimizer.beta1': 'beta1', 'optimizer.beta2': 'beta2', 'optimizer.rho': 'rho', 'optimizer.type': 'optimizer', optimizer: 'optimizer',
    'layers[0].units': 'layers[0].units', 'layers[1].activation': 'layers[1].activation',
    'layers[2].units': 'classes', 'layers[2].activation': 'outputActivation',   // the output layer
    layers: 'layers', inputs: 'features', loss: 'loss', init: 'init', seed: 'seed', l1: 'l1', l2: 'l2',
    n: 'points', noise: 'noise', classes: 'classes', testRatio: 'testRatio', outputs: 'classes', name: 'dataset',
    'spec.optimizer.learningRate': 'learningRate', 'spec.layers[0].units': 'layers[0].units', 'spec.loss': 'loss',
    batchSize: 'batchSize', features: 'features', outputActivation: 'outputActivation',   // config.js's own keys
  };
  for (const [field, key] of Object.entries(cases)) assert.equal(configKey(field, config), key, field);
  for (const field of ['', 'data', 'data.x', 'network', 'model', 'json', 'optimizerState.step', 'constructor', '__proto__', 'toString', undefined]) {
    assert.equal(configKey(field, config), null, String(field));
  }
  assert.equal(configKey('layers[0].units', { ...config, layers: [] }), 'classes', 'no hidden layer: layer 0 is the output');
});

test('every key it names is a key of the configuration (or a hidden layer\'s)', () => {
  const paths = ['optimizer.momentum', 'optimizer.type', 'layers', 'inputs', 'n', 'outputs', 'name', 'loss', 'init', 'seed', 'l1', 'l2', 'noise', 'testRatio',
    ...HYPERPARAMETERS.map((p) => `optimizer.${p.name}`)];
  for (const p of paths) assert.ok(Object.hasOwn(DEFAULTS, configKey(p, config)), p);
});

/** The error the core raises for `run()`, as the worker reports it, mapped to a key. */
function keyOf(run, fallback = 'network') {
  try { run(); } catch (e) { const err = errorOf(e, fallback); return { key: configKey(err.field, config), err }; }
  assert.fail('expected the core to refuse');
}

test("the core's own errors land on the control that was changed", () => {
  const spec = (patch) => networkSpec(nn.catalog, { ...config, ...patch });
  const build = (patch) => () => nn.createNetwork(spec(patch)).dispose();
  assert.equal(keyOf(build({ optimizer: 'momentum', momentum: 1 })).key, 'momentum');
  assert.equal(keyOf(build({ optimizer: 'rmsprop', rho: 1 })).key, 'rho');
  assert.equal(keyOf(build({ optimizer: 'adam', beta2: 1 })).key, 'beta2');
  assert.equal(keyOf(build({ optimizer: 'adam', epsilon: 0 })).key, 'epsilon');
  assert.equal(keyOf(build({ learningRate: -1 })).key, 'learningRate');
  assert.equal(keyOf(build({ l1: -1 })).key, 'l1');
  assert.equal(keyOf(build({ layers: [{ units: 8, activation: 'tanh' }, { units: 0, activation: 'tanh' }] })).key, 'layers[1].units');
  assert.equal(keyOf(build({ init: 'nope' })).key, 'init');
  const net = nn.createNetwork(spec({}));
  try {
    const { key, err } = keyOf(() => net.setOptimizer(optimizerSpec(nn.catalog, { ...config, optimizer: 'momentum', momentum: 1 })));
    assert.equal(key, 'momentum');
    assert.equal(detail(err), 'must be in [0, 1) (got 1)');
  } finally { net.dispose(); }
  assert.equal(keyOf(() => makeData(nn, { ...config, noise: 2 }), 'data').key, 'noise');
  assert.equal(keyOf(() => makeData(nn, { ...config, testRatio: 1 }), 'data').key, 'testRatio');
});

test('errorOf reads err.field only; problemsOf keys every problem and says each once', () => {
  assert.deepEqual(errorOf(new Error('momentum: looks like a field'), 'data'), { field: 'data', message: 'momentum: looks like a field' });
  assert.deepEqual(errorOf(Object.assign(new Error('x'), { field: 'l2' }), 'data'), { field: 'l2', message: 'x' });
  const checked = { errors: [{ field: 'loss', message: 'A' }], warnings: [{ field: 'outputActivation', message: 'W' }] };
  const worker = [{ field: 'loss', message: 'A' }, { field: 'optimizer.momentum', message: 'optimizer.momentum: must be in [0, 1) (got 1)' }];
  assert.deepEqual(problemsOf(checked, worker, config).map((p) => [p.key, p.level, p.message]), [
    ['loss', 'error', 'A'], ['momentum', 'error', 'optimizer.momentum: must be in [0, 1) (got 1)'], ['outputActivation', 'warning', 'W'],
  ]);
});
