// export-numpy.test.mjs — net.export('numpy') run in real NumPy (Debian's python3-numpy): over every
// export case (every activation hidden and output, every loss fused and not, every optimizer with
// L1/L2 and a standardizer), the file's predict(X) and the parameters after one and after two of its
// train_step(X, Y) agree with ours (predict, trainBatch) within 1e-5 relative. One python process
// imports every file, so the whole test stays within seconds.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nn, LIB } from './load.mjs';
import { catalog } from '../../web/js/catalog.js';
import { covered, exportCases, ours, python, relativeDifference } from './export-cases.mjs';

const { NNError } = await import(LIB.href);
const TOLERANCE = 1e-5;
const dir = mkdtempSync(join(tmpdir(), 'nn-numpy-'));
const cases = exportCases(nn);
const files = await Promise.all(cases.map(async (c, i) => {
  const text = await c.net.export('numpy');
  const path = join(dir, `model_${i}.py`);
  writeFileSync(path, text);
  return { path, text };
}));
after(() => {
  for (const c of cases) c.net.dispose();
  rmSync(dir, { recursive: true, force: true });
});

// Each file imported as a module: predict(X), params() before, then after one train_step and after
// a second one on the same batch (its optimizer state and t carried over).
const SCRIPT = `
import importlib.util, json, sys
import numpy as np
out = []
for i, job in enumerate(json.load(sys.stdin)):
    spec = importlib.util.spec_from_file_location(f"model_{i}", job["path"])
    model = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(model)
    X = np.array(job["x"], dtype=np.float32).reshape(job["n"], -1)
    Y = np.array(job["y"], dtype=np.float32).reshape(job["n"], -1)
    flat = lambda ps: [[W.ravel().tolist(), b.tolist()] for W, b in ps]
    r = {"predict": model.predict(X).ravel().tolist(), "before": flat(model.params())}
    r["loss"] = model.train_step(X, Y)
    r["step1"] = flat(model.params())
    model.train_step(X, Y)
    r["step2"], r["t"] = flat(model.params()), model.t
    assert all(W.dtype == np.float32 and b.dtype == np.float32 for W, b in model.params())
    assert model.predict(X).dtype == np.float32
    out.append(r)
print(json.dumps(out))
`;
const results = JSON.parse(python(SCRIPT, { input: JSON.stringify(cases.map((c, i) => ({
  path: files[i].path, x: Array.from(c.x), y: Array.from(c.y), n: c.n,
}))) }));

/** Ours after two trainBatch calls on the case's batch (on a clone), and the first call's loss. */
function twoSteps({ net, x, y, n }) {
  const next = net.clone();
  try {
    const loss = next.trainBatch(x, y, n);
    next.trainBatch(x, y, n);
    const doc = next.toJSON();
    return { loss, step: doc.optimizerState.step, params: doc.weights.map((W, l) => ({ W, b: doc.biases[l] })) };
  } finally {
    next.dispose();
  }
}

test('the cases cover every row of the tables (hidden, output, losses, optimizers, fused losses)', () => {
  const names = (rows) => new Set(rows.map((r) => r.name));
  const got = covered(cases);
  assert.deepEqual(got.hidden, names(catalog.activations));
  assert.deepEqual(got.output, names(catalog.activations));
  assert.deepEqual(got.losses, names(catalog.losses));
  assert.deepEqual(got.optimizers, names(catalog.optimizers));
  assert.deepEqual(got.fused, names(catalog.losses.filter((l) => l.fusedActivation !== null)));
});

test('predict and one train_step in NumPy match ours within 1e-5, for every case', (t) => {
  let worstPredict = 0, worstStep = 0, worstLoss = 0;
  cases.forEach((c, i) => {
    const want = ours(c), got = results[i];
    const p = relativeDifference(Float32Array.from(got.predict), want.predict);
    assert.ok(p <= TOLERANCE, `${c.name}: predict differs by ${p}`);
    worstPredict = Math.max(worstPredict, p);
    want.params.forEach(({ W, b }, l) => {
      const dW = relativeDifference(Float32Array.from(got.step1[l][0]), W);
      const db = relativeDifference(Float32Array.from(got.step1[l][1]), b);
      assert.ok(dW <= TOLERANCE && db <= TOLERANCE, `${c.name}: layer ${l} after a step: W by ${dW}, b by ${db}`);
      worstStep = Math.max(worstStep, dW, db);
    });
    const ourLoss = twoSteps(c).loss;
    const dl = Math.abs(got.loss - ourLoss) / Math.max(Math.abs(ourLoss), 1e-30);
    assert.ok(dl <= TOLERANCE, `${c.name}: train_step returned ${got.loss}, trainBatch ${ourLoss}`);
    worstLoss = Math.max(worstLoss, dl);
  });
  const line = `numpy, ${cases.length} cases: largest prediction difference ${worstPredict.toExponential(2)}, ` +
    `largest next-step parameter difference ${worstStep.toExponential(2)}, largest loss difference ${worstLoss.toExponential(2)}`;
  t.diagnostic(line);
  console.log(line);
});

test('params() before a step is the network\'s weights and biases, exactly (float32)', () => {
  cases.forEach((c, i) => {
    const doc = c.net.toJSON();
    results[i].before.forEach(([W, b], l) => {
      assert.deepEqual(W, doc.weights[l].map(Math.fround), `${c.name}: W[${l}]`);
      assert.deepEqual(b, doc.biases[l].map(Math.fround), `${c.name}: b[${l}]`);
    });
  });
});

test('two consecutive train_steps track two trainBatch calls (the optimizer state and t carried)', (t) => {
  let worst = 0;
  cases.forEach((c, i) => {
    const want = twoSteps(c), got = results[i];
    assert.equal(got.t, want.step, `${c.name}: t after two steps`);
    want.params.forEach(({ W, b }, l) => {
      const d = Math.max(relativeDifference(Float32Array.from(got.step2[l][0]), Float32Array.from(W)),
        relativeDifference(Float32Array.from(got.step2[l][1]), Float32Array.from(b)));
      assert.ok(d <= TOLERANCE, `${c.name}: layer ${l} after two steps differs by ${d}`);
      worst = Math.max(worst, d);
    });
  });
  t.diagnostic(`numpy: largest difference after two steps ${worst.toExponential(2)}`);
  console.log(`numpy: largest parameter difference after two steps ${worst.toExponential(2)}`);
});

test('run as a script, the file prints the predictions for a CSV (with a header line)', () => {
  const i = cases.findIndex((c) => c.net.toJSON().standardizer);
  assert.ok(i >= 0, 'a case with a standardizer');
  const { net, x, n } = cases[i];
  const inputs = net.spec.inputs;
  const rows = [[...Array.from({ length: inputs }, (_, k) => `x${k + 1}`), 'label'].join(',')];
  for (let j = 0; j < n; ++j) rows.push([...x.subarray(j * inputs, (j + 1) * inputs), j % 2].join(','));
  const csv = join(dir, 'data.csv');
  writeFileSync(csv, `${rows.join('\n')}\n`);
  const run = spawnSync('/usr/bin/python3', [files[i].path, csv], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const printed = run.stdout.trim().split('\n').map((line) => line.split(',').map(Number));
  assert.equal(printed.length, n);
  const d = relativeDifference(Float32Array.from(printed.flat()), net.predict(x, n));
  assert.ok(d <= TOLERANCE, `the script's predictions differ by ${d}`);
});

test('every file writes finite numbers only, and defines each activation it calls', () => {
  for (const [i, { text }] of files.entries()) {
    assert.doesNotMatch(text, /\b(nan|inf)\b/i, `${cases[i].name}: a non-finite number`);
    for (const la of cases[i].net.spec.layers) assert.match(text, new RegExp(`^def ${la.activation}\\(Z\\):`, 'm'));
  }
});

test('net.export(\'numpy\') on a disposed network rejects with an NNError naming the network', async () => {
  const net = nn.createNetwork({ inputs: 2, layers: [{ units: 1, activation: catalog.activations[0].name }] });
  net.dispose();
  await assert.rejects(() => net.export('numpy'), (e) => e instanceof NNError && e.field === 'network');
});
