// playground-config.test.mjs — the playground's configuration logic (web/js/config.js) in Node,
// against the real module's catalog: the URL hash round-trips every field, bad values fall back
// to defaults and are named, the output layer follows the problem, and impossible choices are
// reported. No browser needed: config.js has no DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn } from './load.mjs';
import { DEFAULTS, networkSpec, outputUnits, checkConfig, changeKind, problemKind, suggestedRate, withOptimizer, inRange } from '../../web/js/config.js';
import { decodeHash, encodeHash } from '../../web/js/hash.js';
import { expandFeatures, FEATURES } from '../../web/js/features.js';

const catalog = nn.catalog;

test('defaults decode from an empty hash and build a network', () => {
  const { config, problems } = decodeHash(catalog, '');
  assert.deepEqual(problems, []);
  assert.deepEqual(config, { ...DEFAULTS, layers: DEFAULTS.layers.map((l) => ({ ...l })), features: [...DEFAULTS.features] });
  assert.deepEqual(checkConfig(catalog, config).errors, []);
  nn.createNetwork(networkSpec(catalog, config)).dispose();
});

test('every dataset, optimizer and a mixed configuration round-trip through the hash', () => {
  for (const ds of catalog.datasets) {
    for (const opt of catalog.optimizers) {
      const cfg = {
        ...DEFAULTS, dataset: ds.name, classes: ds.regression ? 0 : ds.maxClasses, noise: 0.35, points: 250, testRatio: 0.3,
        seed: 1234, weightSeed: 77, features: ['x1', 'x2sq', 'sinx2'], layers: [{ units: 3, activation: 'elu' }, { units: 64, activation: 'leaky_relu' }],
        outputActivation: 'tanh', loss: 'huber', init: 'he_normal', optimizer: opt.name, learningRate: 0.003, batchSize: 7,
        l1: 0.001, l2: 0.0001, momentum: 0.8, beta1: 0.85, beta2: 0.995, rho: 0.9, epsilon: 1e-7,
      };
      const hash = encodeHash(catalog, cfg);
      const { config, problems } = decodeHash(catalog, hash);
      assert.deepEqual(problems, [], hash);
      assert.equal(encodeHash(catalog, config), hash);
      for (const key of ['dataset', 'classes', 'noise', 'points', 'testRatio', 'seed', 'weightSeed', 'features', 'layers', 'outputActivation',
        'loss', 'init', 'optimizer', 'learningRate', 'batchSize', 'l1', 'l2']) {
        assert.deepEqual(config[key], cfg[key], `${key} in ${hash}`);
      }
    }
  }
});

test('a malformed hash keeps the good values, defaults the rest and names each problem', () => {
  const { config, problems } = decodeHash(catalog, '#dataset=spiral&classes=9&lr=-1&layers=99tanh&features=x1,zz&what=1&noise=0.25&%E0%A4%A=1&seed');
  assert.equal(config.noise, 0.25);
  assert.equal(config.learningRate, DEFAULTS.learningRate);
  assert.deepEqual(config.layers, DEFAULTS.layers);
  assert.deepEqual(config.features, DEFAULTS.features);
  assert.equal(config.classes, 2);
  assert.equal(config.seed, DEFAULTS.seed);
  const text = problems.map((p) => p.message).join('\n');
  for (const bad of ['lr', 'layers', 'features', 'what', 'classes', 'seed', 'not valid URL text']) assert.match(text, new RegExp(bad));
  assert.equal(decodeHash(catalog, '#%%%').problems.length, 1);
});

test('a link naming the data alone opens trainable; an output or loss it names is kept', () => {
  for (const [hash, output, loss] of [
    ['#dataset=plane', 'linear', 'mse'], ['#dataset=multigauss', 'linear', 'mse'],
    ['#dataset=spiral&classes=4', 'softmax', 'categorical_crossentropy'], ['#dataset=moons', 'sigmoid', 'binary_crossentropy'],
    ['#dataset=plane&loss=huber', 'linear', 'huber'], ['#dataset=plane&loss=binary_crossentropy', 'linear', 'binary_crossentropy'],
    ['#dataset=blobs&classes=2&output=tanh', 'tanh', 'binary_crossentropy'],
  ]) {
    const { config, problems } = decodeHash(catalog, hash);
    assert.deepEqual(problems, [], hash);
    assert.deepEqual([config.outputActivation, config.loss], [output, loss], hash);
  }
  assert.deepEqual(checkConfig(catalog, decodeHash(catalog, '#dataset=plane').config).errors, []);
  assert.deepEqual(checkConfig(catalog, decodeHash(catalog, '#dataset=plane&loss=binary_crossentropy').config).errors.map((e) => e.field), ['loss']);
});

test('the data and the weights have their own seeds: wseed in links, the data seed for links without it', () => {
  assert.equal(decodeHash(catalog, '#seed=5').config.weightSeed, 5, 'an old link draws its weights as before');
  const { config } = decodeHash(catalog, '#seed=5&wseed=9');
  assert.deepEqual([config.seed, config.weightSeed], [5, 9]);
  assert.match(encodeHash(catalog, config), /&seed=5&wseed=9&/);
  assert.equal(networkSpec(catalog, config).seed, 9, 'the network is drawn from the weight seed');
  assert.match(decodeHash(catalog, '#wseed=-1').problems[0].message, /wseed=“-1” is not valid \(a whole number from 0 to 2147483647\)/);
  assert.equal(changeKind(config, { ...config, weightSeed: 10 }), 'rebuild');
});

test('the output layer follows the problem', () => {
  const cfg = (patch) => ({ ...DEFAULTS, ...patch });
  assert.equal(outputUnits(catalog, cfg({ dataset: 'spiral', classes: 2 })), 1);
  assert.equal(outputUnits(catalog, cfg({ dataset: 'spiral', classes: 2, outputActivation: 'softmax', loss: 'categorical_crossentropy' })), 2);
  assert.equal(outputUnits(catalog, cfg({ dataset: 'blobs', classes: 5, outputActivation: 'softmax', loss: 'categorical_crossentropy' })), 5);
  assert.equal(outputUnits(catalog, cfg({ dataset: 'plane', classes: 0, outputActivation: 'linear', loss: 'mse' })), 1);
  assert.equal(problemKind(catalog, cfg({ dataset: 'multigauss' })), 'regression');
});

test('choices that cannot work are errors; the others build', () => {
  const errs = (patch) => checkConfig(catalog, { ...DEFAULTS, ...patch }).errors.map((e) => e.field);
  assert.deepEqual(errs({ outputActivation: 'tanh' }), ['loss']);
  assert.deepEqual(errs({ dataset: 'plane', classes: 0, outputActivation: 'linear', loss: 'binary_crossentropy' }), ['loss']);
  assert.deepEqual(errs({ dataset: 'plane', classes: 0, outputActivation: 'softmax', loss: 'mse' }), ['outputActivation']);
  assert.deepEqual(errs({ features: [] }), ['features']);
  // every (output activation, loss) pair that passes the check is accepted by the core
  for (const a of catalog.activations) {
    for (const l of catalog.losses) {
      const c = { ...DEFAULTS, outputActivation: a.name, loss: l.name };
      if (checkConfig(catalog, c).errors.length) continue;
      nn.createNetwork(networkSpec(catalog, c)).dispose();
    }
  }
});

test('training settings continue a run; anything else rebuilds', () => {
  assert.equal(changeKind(DEFAULTS, { ...DEFAULTS }), 'none');
  assert.equal(changeKind(DEFAULTS, { ...DEFAULTS, learningRate: 0.3, optimizer: 'sgd', batchSize: 3 }), 'train');
  assert.equal(changeKind(DEFAULTS, { ...DEFAULTS, l1: 0.001, l2: 0.01 }), 'train', 'penalties change without restarting');
  for (const patch of [{ seed: 2 }, { noise: 0.1 }, { layers: [] }, { features: ['x1'] }, { loss: 'mse' }, { init: 'he_normal' }]) {
    assert.equal(changeKind(DEFAULTS, { ...DEFAULTS, ...patch }), 'rebuild', JSON.stringify(patch));
  }
});

test('each optimizer starts at its suggested learning rate and keeps the one last used with it', () => {
  assert.equal(DEFAULTS.learningRate, suggestedRate(catalog, DEFAULTS.optimizer));
  for (const o of catalog.optimizers) assert.ok(inRange(catalog.hyperparameters[0], o.suggestedLearningRate), o.name);
  const rates = new Map();
  const sgd = withOptimizer(catalog, { ...DEFAULTS, learningRate: 0.003 }, 'sgd', rates);
  assert.equal(sgd.learningRate, suggestedRate(catalog, 'sgd'));
  assert.ok(suggestedRate(catalog, 'sgd') > suggestedRate(catalog, 'adam'), 'plain SGD takes larger steps than Adam');
  const back = withOptimizer(catalog, { ...sgd, learningRate: 0.2 }, DEFAULTS.optimizer, rates);
  assert.equal(back.learningRate, 0.003, 'the rate the user chose for it');
  assert.equal(withOptimizer(catalog, back, 'sgd', rates).learningRate, 0.2);
  assert.equal(withOptimizer(catalog, back, back.optimizer, rates), back, 'the same optimizer changes nothing');
});

test('feature expansion follows the table', () => {
  const x = expandFeatures(new Float32Array([2, 3]), 1, FEATURES.map((f) => f.name));
  assert.deepEqual(Array.from(x), [2, 3, 4, 9, 6, Math.fround(Math.sin(2)), Math.fround(Math.sin(3))]);
});

test('a build error names its field: the facade\'s err.field, else the fallback (the message is never read for it)', async () => {
  const { errorOf } = await import('../../web/js/fields.js');
  const withField = Object.assign(new Error('must be a finite number > 0 (got -5)'), { field: 'spec.optimizer.learningRate' });
  assert.deepEqual(errorOf(withField, 'model'), { field: 'spec.optimizer.learningRate', message: withField.message });
  assert.equal(errorOf(new Error('layers[1].units: must be an integer'), 'network').field, 'network');
  assert.equal(errorOf(new Error('something else'), 'network').field, 'network');
});
