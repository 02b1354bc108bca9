// schema.test.mjs — dist/lib/network.schema.json (JSON Schema 2020-12, checked with ajv), the
// NetworkDocument type of nn.d.ts (checked by the TypeScript compiler) and the reader agree: every document the module saves validates (every optimizer after training, so its
// state slots are filled; every activation, loss and initializer); every document the reader rejects
// for its structure (a field missing, of the wrong type, out of the format's bounds) the schema
// rejects too; and what the schema leaves to the reader (names, lengths, the tables' ranges) is
// exactly that: valid for the schema, rejected by the reader with the field named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import ts from 'typescript';
import { nn, LIB } from './load.mjs';

const schema = JSON.parse(readFileSync(new URL('./network.schema.json', LIB), 'utf8'));
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(schema);
const errorsOf = (doc) => (validate(doc) ? [] : validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`));

const blobs = nn.makeDataset('blobs', { n: 60, noise: 0.2, classes: 3, seed: 4 });
const twoClasses = nn.makeDataset('xor', { n: 60, seed: 4 });
const regression = nn.makeDataset('plane', { n: 60, seed: 4 });

/** A trained network's document (the network disposed). */
function saved(spec, data = blobs) {
  const net = nn.createNetwork(spec);
  const y = nn.encodeTargets(data, net.outputs, spec.layers.at(-1).activation ?? 'linear');
  net.trainEpoch(data.x, y, data.n, { batchSize: 20 });
  const doc = net.toJSON();
  net.dispose();
  return doc;
}
const base = () => saved({ layers: [{ units: 4, activation: 'tanh' }, { units: 3, activation: 'softmax' }], optimizer: 'adam', seed: 2 });

/** What the reader says about a document: null when it loads, else the error's field. */
function reader(doc) {
  try {
    nn.loadNetwork(JSON.stringify(doc)).dispose();
    return null;
  } catch (e) {
    assert.equal(e.name, 'NNError', String(e));
    return e.field;
  }
}

test('the schema is a valid 2020-12 schema, shipped as written, with its id, title and version rule', () => {
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.ok(ajv.validateSchema(schema), JSON.stringify(ajv.errors));
  assert.deepEqual(schema, JSON.parse(readFileSync(new URL('../../wasm/network.schema.json', import.meta.url), 'utf8')));
  assert.match(schema.$id, /^https:\/\/.*network\.schema\.json$/);
  assert.ok(schema.title.length > 0);
  assert.match(schema.description, /Version rule/);
  assert.equal(schema.properties.format.const, nn.catalog.format);
  assert.deepEqual(schema.properties.version.enum, [1, 2]);
  assert.equal(base().version, 1, 'a network without a standardizer is written as version 1');
});

test('documents saved after training validate, for every optimizer, activation, loss and initializer', () => {
  const docs = [];
  for (const o of nn.catalog.optimizers) {
    const doc = saved({ layers: [{ units: 5, activation: 'relu' }, { units: 3, activation: 'softmax' }], optimizer: o.name, l1: 1e-4, l2: 1e-3, seed: 3 });
    assert.equal(doc.optimizerState.slots.length, o.stateSlots, `${o.name}: its state slots are filled`);
    assert.ok(doc.optimizerState.step > 0, o.name);
    assert.deepEqual(Object.keys(doc.spec.optimizer).sort(), ['type', ...o.hyperparameters.map((h) => h.name)].sort(), o.name);
    docs.push([`optimizer ${o.name}`, doc]);
  }
  for (const a of nn.catalog.activations) {
    docs.push([`hidden ${a.name}`, saved({ layers: [{ units: 3, activation: a.name }, { units: 2, activation: a.name }, { units: 3, activation: 'softmax' }], optimizer: 'momentum' })]);
  }
  // every loss, with an output its rules accept: its fused activation (classes), else linear (regression)
  for (const loss of nn.catalog.losses) {
    const out = loss.fusedActivation ?? 'linear';
    const data = !loss.needsUnitInterval ? regression : loss.minOutputs > 1 || out === 'softmax' ? blobs : twoClasses;
    const units = data === blobs ? blobs.classes : 1;
    docs.push([`loss ${loss.name}`, saved({ layers: [{ units: 4, activation: 'tanh' }, { units, activation: out }], loss: loss.name, optimizer: 'rmsprop' }, data)]);
  }
  for (const init of nn.catalog.initializers) {
    docs.push([`init ${init.name}`, saved({ layers: [{ units: 3, activation: 'elu' }, { units: 3, activation: 'softmax' }], init: init.name, seed: 2 ** 53 - 1 })]);
  }
  docs.push(['a deep network', saved({ inputs: 2, layers: Array.from({ length: 6 }, () => ({ units: 2, activation: 'tanh' })).concat([{ units: 3, activation: 'softmax' }]), optimizer: 'nesterov' })]);
  const untrained = nn.createNetwork({ layers: [{ units: 1 }] });
  docs.push(['untrained, step 0', untrained.toJSON()]);
  untrained.dispose();
  // version 2: a network with a standardizer (fitted on the data, then trained)
  const standardized = nn.createNetwork({ layers: [{ units: 4, activation: 'tanh' }, { units: 3, activation: 'softmax' }], seed: 5 });
  standardized.setStandardizer(nn.fitStandardizer(blobs));
  standardized.trainEpoch(blobs.x, nn.encodeTargets(blobs, 3, 'softmax'), blobs.n, { batchSize: 20 });
  const v2 = standardized.toJSON();
  standardized.dispose();
  assert.equal(v2.version, 2);
  assert.equal(v2.standardizer.mean.length, 2);
  docs.push(['version 2, with a standardizer', v2]);
  docs.push(['version 1 with an application field named standardizer (not read)', { ...base(), standardizer: 'mine' }]);
  docs.push(['with application fields beside it', { ...base(), playground: { epoch: 12, dataset: 'spiral' }, note: 'kept' }]);
  const names = (key) => new Set(docs.flatMap(([, d]) => (key === 'activation' ? d.spec.layers.map((l) => l.activation) : [key === 'optimizer' ? d.spec.optimizer.type : d.spec[key]])));
  assert.deepEqual([...names('activation')].sort(), [...nn.activations].sort(), 'every activation');
  assert.deepEqual([...names('loss')].sort(), [...nn.losses].sort(), 'every loss');
  assert.deepEqual([...names('optimizer')].sort(), [...nn.optimizers].sort(), 'every optimizer');
  assert.deepEqual([...names('init')].sort(), [...nn.initializers].sort(), 'every initializer');
  for (const [what, doc] of docs) {
    assert.deepEqual(errorsOf(doc), [], what);
    assert.equal(reader(doc), null, `${what} loads`);
  }
});

// Edits of a saved document that break its structure: the reader rejects each (naming the field
// given), and so does the schema.
const structural = [
  ['not an object', () => [1, 2], 'json'],
  ['null', () => null, 'json'],
  ['format missing', (d) => { delete d.format; }, 'format'],
  ['another format', (d) => { d.format = 'nn-by-hand/spec'; }, 'format'],
  ['version missing', (d) => { delete d.version; }, 'version'],
  ['version as text', (d) => { d.version = '1'; }, 'version'],
  ['version 2 without its standardizer', (d) => { d.version = 2; }, 'standardizer'],
  ['version 3', (d) => { d.version = 3; }, 'version'],
  ['version 1.5', (d) => { d.version = 1.5; }, 'version'],
  ['spec missing', (d) => { delete d.spec; }, 'spec'],
  ['spec not an object', (d) => { d.spec = 'tanh'; }, 'spec'],
  ...['inputs', 'layers', 'loss', 'optimizer', 'l1', 'l2', 'init', 'seed'].map((k) => [`spec.${k} missing`, (d) => { delete d.spec[k]; }, `spec.${k}`]),
  ['spec with an unknown field', (d) => { d.spec.dropout = 0.5; }, 'spec.dropout'],
  ['inputs as text', (d) => { d.spec.inputs = '2'; }, 'spec.inputs'],
  ['inputs 0', (d) => { d.spec.inputs = 0; }, 'spec.inputs'],
  ['layers not an array', (d) => { d.spec.layers = { units: 4 }; }, 'spec.layers'],
  ['no layers', (d) => { d.spec.layers = []; }, 'spec.layers'],
  ['a layer not an object', (d) => { d.spec.layers[0] = 4; }, 'spec.layers[0]'],
  ['a layer without units', (d) => { delete d.spec.layers[0].units; }, 'spec.layers[0].units'],
  ['a layer without activation', (d) => { delete d.spec.layers[1].activation; }, 'spec.layers[1].activation'],
  ['units 2.5', (d) => { d.spec.layers[0].units = 2.5; }, 'spec.layers[0].units'],
  ['units 0', (d) => { d.spec.layers[0].units = 0; }, 'spec.layers[0].units'],
  ['a layer with an unknown field', (d) => { d.spec.layers[0].dropout = 0.1; }, 'spec.layers[0].dropout'],
  ['activation as a number', (d) => { d.spec.layers[0].activation = 3; }, 'spec.layers[0].activation'],
  ['loss empty', (d) => { d.spec.loss = ''; }, 'spec.loss'],
  ['loss as a number', (d) => { d.spec.loss = 1; }, 'spec.loss'],
  ['optimizer as a name', (d) => { d.spec.optimizer = 'adam'; }, 'spec.optimizer'],
  ['optimizer without type', (d) => { delete d.spec.optimizer.type; }, 'spec.optimizer.type'],
  ['optimizer without learningRate', (d) => { delete d.spec.optimizer.learningRate; }, 'spec.optimizer.learningRate'],
  ['learningRate as text', (d) => { d.spec.optimizer.learningRate = '0.01'; }, 'spec.optimizer.learningRate'],
  ['a hyperparameter as text', (d) => { d.spec.optimizer.beta1 = '0.9'; }, 'spec.optimizer.beta1'],
  ['l2 negative', (d) => { d.spec.l2 = -1; }, 'spec.l2'],
  ['l1 as text', (d) => { d.spec.l1 = '0'; }, 'spec.l1'],
  ['init as a number', (d) => { d.spec.init = 0; }, 'spec.init'],
  ['seed negative', (d) => { d.spec.seed = -1; }, 'spec.seed'],
  ['seed 2^53', (d) => { d.spec.seed = 2 ** 53; }, 'spec.seed'],
  ['seed 1.5', (d) => { d.spec.seed = 1.5; }, 'spec.seed'],
  ['weights missing', (d) => { delete d.weights; }, 'weights'],
  ['weights not an array', (d) => { d.weights = {}; }, 'weights'],
  ['a layer of weights not an array', (d) => { d.weights[0] = 0.5; }, 'weights[0]'],
  ['a weight as text', (d) => { d.weights[0][3] = '0.5'; }, 'weights[0][3]'],
  ['a weight beyond float', (d) => { d.weights[1][0] = 1e39; }, 'weights[1][0]'],
  ['biases missing', (d) => { delete d.biases; }, 'biases'],
  ['a bias null', (d) => { d.biases[1][2] = null; }, 'biases[1][2]'],
  ['optimizerState missing', (d) => { delete d.optimizerState; }, 'optimizerState'],
  ['optimizerState not an object', (d) => { d.optimizerState = []; }, 'optimizerState'],
  ['step missing', (d) => { delete d.optimizerState.step; }, 'optimizerState.step'],
  ['step negative', (d) => { d.optimizerState.step = -1; }, 'optimizerState.step'],
  ['step 2^53', (d) => { d.optimizerState.step = 2 ** 53; }, 'optimizerState.step'],
  ['step as text', (d) => { d.optimizerState.step = '3'; }, 'optimizerState.step'],
  ['slots missing', (d) => { delete d.optimizerState.slots; }, 'optimizerState.slots'],
  ['slots not an array', (d) => { d.optimizerState.slots = {}; }, 'optimizerState.slots'],
  ['a slot without biases', (d) => { delete d.optimizerState.slots[1].biases; }, 'optimizerState.slots[1].biases'],
  ['a slot not an object', (d) => { d.optimizerState.slots[0] = [1]; }, 'optimizerState.slots[0]'],
  ['a state value as text', (d) => { d.optimizerState.slots[0].weights[0][0] = 'x'; }, 'optimizerState.slots[0].weights[0][0]'],
  ['rng missing', (d) => { delete d.rng; }, 'rng'],
  ['rng of three words', (d) => { d.rng.pop(); }, 'rng'],
  ['rng of five words', (d) => { d.rng.push(d.rng[0]); }, 'rng'],
  ['an rng word short', (d) => { d.rng[2] = 'abc'; }, 'rng[2]'],
  ['an rng word not hex', (d) => { d.rng[1] = 'g'.repeat(16); }, 'rng[1]'],
  ['an rng word a number', (d) => { d.rng[0] = 1234; }, 'rng[0]'],
];

test('documents the reader rejects for their structure, the schema rejects too', () => {
  const disagreements = [];
  for (const [what, edit, field] of structural) {
    const doc = base();
    const replaced = edit(doc);
    const target = replaced === undefined ? doc : replaced;
    const got = reader(target);
    if (got !== field) disagreements.push(`${what}: the reader said ${JSON.stringify(got)}, expected ${field}`);
    if (validate(target)) disagreements.push(`${what}: the schema accepts it`);
  }
  assert.deepEqual(disagreements, []);
});

// What the schema leaves to the reader, by decision: names (the core's tables), lengths that follow
// from the spec, the tables' ranges and limits, an optimizer's number of slots. Valid for the
// schema, rejected by the reader naming the field. (Were one of these to start failing the schema,
// the schema would be copying a table: see its description.)
test('names, lengths and the tables\' ranges are left to the reader, which names the field', () => {
  const semantic = [
    ['an unknown activation', (d) => { d.spec.layers[0].activation = 'swish'; }, 'spec.layers[0].activation'],
    ['an unknown loss', (d) => { d.spec.loss = 'hinge'; }, 'spec.loss'],
    ['an unknown optimizer', (d) => { d.spec.optimizer.type = 'lbfgs'; }, 'spec.optimizer.type'],
    ['an unknown hyperparameter', (d) => { d.spec.optimizer.learningrate = 0.1; }, 'spec.optimizer.learningrate'],
    ['a hyperparameter the type does not read', (d) => { d.spec.optimizer.rho = 2; }, 'spec.optimizer.rho'],
    ['a learning rate ≤ 0', (d) => { d.spec.optimizer.learningRate = 0; }, 'spec.optimizer.learningRate'],
    ['an unknown initializer', (d) => { d.spec.init = 'orthogonal'; }, 'spec.init'],
    ['units beyond the limit', (d) => { d.spec.layers[0].units = 5000; }, 'spec.layers[0].units'],
    ['a loss the output cannot feed', (d) => { d.spec.layers[1].activation = 'tanh'; }, 'spec.loss'],
    ['one weight too many', (d) => { d.weights[0].push(0); }, 'weights[0]'],
    ['one layer of biases too few', (d) => { d.biases.pop(); }, 'biases'],
    ['a slot too many', (d) => { d.optimizerState.slots.push(d.optimizerState.slots[0]); }, 'optimizerState.slots'],
    ['a negative second moment', (d) => { d.optimizerState.slots[1].biases[0][0] = -1; }, 'optimizerState.slots[1]'],
  ];
  for (const [what, edit, field] of semantic) {
    const doc = base();
    edit(doc);
    assert.deepEqual(errorsOf(doc), [], `${what}: structurally valid`);
    assert.equal(reader(doc), field, what);
  }
});

test('saved documents type-check as nn.d.ts\'s NetworkDocument (the TypeScript compiler, strict)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nn-doc-types-'));
  try {
    copyFileSync(new URL('./nn.d.ts', LIB), join(dir, 'nn.d.ts'));
    const docs = nn.catalog.optimizers.map((o) => saved({ layers: [{ units: 3, activation: 'tanh' }, { units: 3, activation: 'softmax' }], optimizer: o.name }));
    const lines = docs.map((d, i) => `export const doc${i}: NetworkDocument = ${JSON.stringify({ ...d, playground: { epoch: 3 } })};`);
    writeFileSync(join(dir, 'docs.ts'), `import type { NetworkDocument } from './nn.js';\n${lines.join('\n')}\n`);
    const program = ts.createProgram([join(dir, 'docs.ts')], {
      noEmit: true, strict: true, skipLibCheck: true, types: [], lib: ['lib.es2022.d.ts'],
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
    assert.deepEqual([...new Set(problems)], []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('version 2: the standardizer is required, structured and positive, for the schema and the reader alike', () => {
  const net = nn.createNetwork({ layers: [{ units: 3, activation: 'tanh' }, { units: 3, activation: 'softmax' }], seed: 6 });
  net.setStandardizer({ mean: [0.5, -1], scale: [2, 0.25] });
  const v2 = () => net.toJSON();
  assert.deepEqual(errorsOf(v2()), []);
  assert.equal(reader(v2()), null);
  const cases = [
    ['standardizer missing', (d) => { delete d.standardizer; }, 'standardizer'],
    ['standardizer not an object', (d) => { d.standardizer = [1, 2]; }, 'standardizer'],
    ['mean missing', (d) => { delete d.standardizer.mean; }, 'standardizer.mean'],
    ['a mean as text', (d) => { d.standardizer.mean[1] = '1'; }, 'standardizer.mean[1]'],
    ['a scale of 0', (d) => { d.standardizer.scale[0] = 0; }, 'standardizer.scale[0]'],
    ['a negative scale', (d) => { d.standardizer.scale[1] = -2; }, 'standardizer.scale[1]'],
    ['an unknown field', (d) => { d.standardizer.center = true; }, 'standardizer.center'],
  ];
  for (const [what, edit, field] of cases) {
    const doc = v2();
    edit(doc);
    assert.notDeepEqual(errorsOf(doc), [], `${what}: the schema rejects it`);
    assert.equal(reader(doc), field, `${what}: the reader names ${field}`);
  }
  net.dispose();
});
