// inside-data.test.mjs — the "your own data" logic in Node (no browser): CSV parsing names the
// line of every error, export → import → export is byte-exact, clicks add/remove points, the
// split is stable, and small data sets round-trip through the URL hash (large ones are named as
// left out). web/js/data/*.js and config.js have no DOM, so they run here directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn } from './load.mjs';
import { DATA_LIMITS, f32String, formatCSV, parseCSV } from '../../web/js/data/csv.js';
import { addPoint, removeNearest, customDataset, encodeCustom, decodeCustom, fromParts, lostPoints, HASH_POINTS } from '../../web/js/data/custom.js';
import { DEFAULTS, changeKind, problemKind, outputUnits } from '../../web/js/config.js';
import { decodeHash, encodeHash } from '../../web/js/hash.js';

const catalog = nn.catalog;

test('f32String is the shortest text that reads back as the same float32', () => {
  for (const v of [0, 1, -1, 0.1, 1.23, -4.56, 5.999, 1e-7, 3.4028234663852886e38, Math.PI]) {
    const f = Math.fround(v), s = f32String(f);
    assert.equal(Math.fround(Number(s)), f, `${v} → ${s}`);
  }
  assert.equal(f32String(Math.fround(1.23)), '1.23');
  assert.equal(f32String(Math.fround(-0.1)), '-0.1');
});

test('CSV: header optional, kind inferred, errors name the line, the data is all-or-nothing', () => {
  const ok = parseCSV('x1,x2,label\n1,2,0\n-3.5,4,1\r\n\n0.25, -1e0 ,2\n');
  assert.ok(ok.ok, ok.error);
  assert.deepEqual(ok.data, { regression: false, x: [1, 2, -3.5, 4, 0.25, -1], y: [0, 1, 2] });
  const reg = parseCSV('1,2,0.5\n3,4,-1\n');
  assert.equal(reg.data.regression, true);
  assert.equal(parseCSV('x,y,target\n1,2,1\n').data.regression, true, 'the header names the kind');
  const bad = (text) => { const r = parseCSV(text); assert.equal(r.ok, false, text); return r.error; };
  assert.match(bad('x1,x2,label\n1,2,0\n1,abc,1\n'), /^line 3: x2 is not a number \('abc'\)/);
  assert.match(bad('1,2,0\n1,2\n'), /^line 2: expected 3 values/);
  assert.match(bad('1,2,0\n\n\n1,9,1\n'), /^line 4: x2 = 9 is outside the plot/);
  assert.match(bad('x1,x2,label\n1,2,0.5\n'), /^line 2: label 0.5 is not a whole number/);
  assert.match(bad('x1,x2,label\n1,2,7\n'), /^line 2: label 7 is out of range/);
  assert.match(bad(''), /empty/);
  assert.match(bad('x1,x2,label\n'), /^line 1: a header but no data rows/);
  assert.match(bad('a,b\n'), /^line 1: expected 3 columns/);
  const many = 'x1,x2,label\n' + '1,1,0\n'.repeat(DATA_LIMITS.maxPoints + 1);
  assert.match(bad(many), /^line 10002: more than 10,000 points/);
  assert.match(bad('1,1,0\n'.repeat(200000)), /the limit is 10,000 points/);
});

test('CSV export → import → export is byte-exact', () => {
  const g = nn.makeDataset('moons', { n: 300, noise: 0.3, classes: 2, seed: 5 });
  const data = fromParts([{ n: g.n, x: g.x, labels: g.labels }], false);
  const a = formatCSV(data);
  const back = parseCSV(a);
  assert.ok(back.ok, back.error);
  assert.deepEqual(back.data, data);
  assert.equal(formatCSV(back.data), a);
  const r = nn.makeDataset('plane', { n: 100, noise: 0.2, seed: 2 });
  const rdata = fromParts([{ n: r.n, x: r.x, targets: r.targets }], true);
  assert.equal(formatCSV(parseCSV(formatCSV(rdata)).data), formatCSV(rdata));
});

test('clicks add and remove points; the split keeps every other point where it was', () => {
  const splitCustom = (data, ratio, seed, classes) => nn.splitDataset(customDataset(data, classes), ratio, seed, { byPoint: true });
  let d = { regression: false, x: [], y: [] };
  for (let i = 0; i < 40; i++) d = addPoint(d, -5 + i * 0.25, 1.234567, i % 3);
  assert.equal(d.y.length, 40);
  assert.equal(d.x[1], Math.fround(1.23), 'rounded to 0.01');
  const before = splitCustom(d, 0.3, 7, 3);
  assert.equal(before.train.n + before.test.n, 40);
  assert.ok(before.test.n > 3 && before.test.n < 25, `${before.test.n} test points`);
  const e = addPoint(d, 5.5, -5.5, 1);
  const after = splitCustom(e, 0.3, 7, 3);
  const key = (p) => Array.from({ length: p.n }, (_, i) => `${p.x[2 * i]},${p.x[2 * i + 1]}`);
  for (const k of key(before.test)) assert.ok(key(after.test).includes(k));
  const removed = removeNearest(e, 5.45, -5.45, 0.2);
  assert.deepEqual(removed, d);
  assert.equal(removeNearest(d, 0, -5, 0.2), d, 'nothing near: unchanged');
  const one = splitCustom(addPoint({ regression: false, x: [], y: [] }, 1, 1, 0), 0.9, 1, 2);
  assert.equal(one.train.n, 1, 'a lone point trains');
});

test('small user data round-trips through the hash; large data is named as left out', () => {
  let d = { regression: false, x: [], y: [] };
  for (let i = 0; i < 30; i++) d = addPoint(d, Math.sin(i) * 5, Math.cos(i * 1.3) * 5, i % 4);
  const cfg = { ...DEFAULTS, custom: d, classes: 4, outputActivation: 'softmax', loss: 'categorical_crossentropy' };
  const hash = encodeHash(catalog, cfg);
  assert.match(hash, /&data=c:/);
  const { config, problems } = decodeHash(catalog, hash);
  assert.deepEqual(problems, []);
  assert.deepEqual(config.custom, d);
  assert.equal(config.classes, 4);
  assert.equal(problemKind(catalog, config), 'multiclass');
  assert.equal(outputUnits(catalog, config), 4);
  assert.equal(decodeCustom(encodeCustom({ regression: true, x: [1, 2], y: [Math.fround(0.3)] })).data.y[0], Math.fround(0.3));

  let big = { regression: false, x: [], y: [] };
  for (let i = 0; i <= HASH_POINTS; i++) big = addPoint(big, (i % 20) / 4, Math.floor(i / 20) / 4, i % 2);
  const bigHash = encodeHash(catalog, { ...DEFAULTS, custom: big });
  assert.match(bigHash, /&data=none:201$/);
  const read = decodeHash(catalog, bigHash);
  assert.equal(read.config.custom, null);
  assert.match(read.problems.map((p) => p.message).join(), /201 points of your own, too many to include in a link/);
  assert.match(decodeHash(catalog, '#data=c:1,2').problems.map((p) => p.message).join(), /^data: point 1: expected 3 values/, 'a malformed data value is named, with its point');
});

test('new points of the same kind continue training; a new kind rebuilds', () => {
  const d = addPoint({ regression: false, x: [], y: [] }, 1, 1, 0);
  assert.equal(changeKind(DEFAULTS, { ...DEFAULTS, custom: d }), 'data');
  assert.equal(changeKind({ ...DEFAULTS, custom: d }, { ...DEFAULTS, custom: addPoint(d, 2, 2, 1) }), 'data');
  assert.equal(changeKind({ ...DEFAULTS, custom: d }, { ...DEFAULTS, custom: { regression: true, x: [1, 1], y: [0.5] } }), 'rebuild');
  assert.equal(changeKind({ ...DEFAULTS, custom: d }, DEFAULTS), 'rebuild', 'back to generated data');
  assert.equal(changeKind(DEFAULTS, { ...DEFAULTS, custom: d, classes: 3 }), 'rebuild');
});

test('model files: the saved configuration comes back; a plain module JSON fits the page; bad ones are named', async () => {
  const { modelFile, readModelFile } = await import('../../web/js/data/model.js');
  const { networkSpec } = await import('../../web/js/config.js');
  let d = { regression: false, x: [], y: [] };
  for (let i = 0; i < 12; i++) d = addPoint(d, i - 5, (i % 3) - 1, i % 3);
  const cfg = { ...DEFAULTS, custom: d, classes: 3, outputActivation: 'softmax', loss: 'categorical_crossentropy', seed: 9, features: ['x1', 'x2', 'x1sq'] };
  const net = nn.createNetwork(networkSpec(catalog, cfg));
  const r = readModelFile(modelFile(JSON.stringify(net), cfg, 42), catalog, DEFAULTS);
  assert.ok(r.ok, r.error);
  assert.deepEqual(r.config, cfg);
  assert.equal(r.epoch, 42);
  const plain = nn.createNetwork({ inputs: 2, layers: [{ units: 5, activation: 'relu' }, { units: 1, activation: 'sigmoid' }], optimizer: 'sgd' });
  const p = readModelFile(JSON.stringify(plain), catalog, DEFAULTS);
  assert.ok(p.ok, p.error);
  assert.deepEqual(p.config.layers, [{ units: 5, activation: 'relu' }]);
  assert.equal(p.config.optimizer, 'sgd');
  assert.match(readModelFile('{"a":1}', catalog, DEFAULTS).error, /not an NN by Hand network file/);
  assert.match(readModelFile('nope', catalog, DEFAULTS).error, /not JSON/);
  assert.match(readModelFile(JSON.stringify(net), catalog, DEFAULTS).error, /3 outputs/, 'a 3-class network on 2-class data');
  net.dispose(); plain.dispose();
});

test('CSV classes are numbered from 1 as on the page; a header or a class 0 says the file numbers from 0', () => {
  const read = (text) => { const r = parseCSV(text); assert.ok(r.ok, r.error); return [r.data.y, r.base, r.stated]; };
  assert.deepEqual(read('1,1,1\n2,2,3\n'), [[0, 2], 1, false], 'no 0: numbered from 1');
  assert.deepEqual(read('1,1,0\n2,2,2\n'), [[0, 2], 0, false], 'a class 0: numbered from 0');
  assert.deepEqual(read('x1,x2,class (1 to 3)\n1,1,3\n'), [[2], 1, true]);
  assert.deepEqual(read('x1,x2,label (from 0)\n1,1,5\n'), [[5], 0, true]);
  assert.match(parseCSV('x1,x2,class (1 to 3)\n1,1,0\n').error, /^line 2: label 0 is out of range \(1 to 6: up to 6 classes, numbered from 1\)/);
  assert.match(parseCSV('1,1,1\n2,2,7\n').error, /^line 2: label 7 is out of range \(1 to 6/);
  assert.match(parseCSV('1,1,0\n2,2,6\n').error, /^line 2: label 6 is out of range \(0 to 5/);
  assert.equal(formatCSV({ regression: false, x: [1, 2, 3, 4], y: [0, 2] }), 'x1,x2,class (1 to 3)\n1,2,1\n3,4,3\n');
  assert.equal(formatCSV({ regression: true, x: [1, 2], y: [0.5] }), 'x1,x2,target\n1,2,0.5\n');
});

test('lostPoints says what a change did to your points, only when some were lost', () => {
  const d = { regression: false, x: [1, 1, 2, 2, 3, 3], y: [0, 1, 0] };
  assert.equal(lostPoints(null, d, 'Spiral'), null);
  assert.equal(lostPoints(d, null, 'Spiral'), 'Replaced your 3 points with Spiral.');
  assert.equal(lostPoints(d, { ...d, x: [], y: [] }, 'Spiral'), 'Cleared your 3 points.');
  assert.equal(lostPoints(d, removeNearest(d, 2, 2, 0.5), 'Spiral'), 'Removed 1 of your 3 points.');
  assert.equal(lostPoints(d, addPoint(d, 4, 4, 1), 'Spiral'), null, 'an added point loses none');
  assert.equal(lostPoints(d, { ...d, y: [1, 1, 0] }, 'Spiral'), 'Replaced your 3 points with 3 new ones.');
  assert.equal(lostPoints({ regression: false, x: [1, 1], y: [0] }, null, 'Moons'), 'Replaced your 1 point with Moons.');
});
