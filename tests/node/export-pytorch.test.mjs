// export-pytorch.test.mjs — net.export('pytorch') run in Debian's torch 1.13 over every export case
// (every activation hidden and output, every loss fused and not, every optimizer with L1, L2 and a
// standardizer, one untrained network): the file's predict matches ours, params() is our weights,
// torch.optim holds our optimizer state, and one and then two train_steps give the parameters our
// next trainBatch calls give. One python process imports every file (importing torch is slow).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nn } from './load.mjs';
import { catalog } from '../../web/js/catalog.js';
import { covered, exportCases, ours, python, relativeDifference } from './export-cases.mjs';

const TOLERANCE = 1e-5;
const dir = mkdtempSync(join(tmpdir(), 'nn-export-pytorch-'));
const cases = exportCases(nn);
after(() => {
  for (const c of cases) c.net.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Rows of a row-major batch as nested lists (what Python reads). */
const rowsOf = (values, n) => Array.from({ length: n }, (_, j) => Array.from(values.subarray(j * values.length / n, (j + 1) * values.length / n)));

/** A second batch for the second step: the case's last 10 samples in reverse order. */
function secondBatch({ x, y, n }) {
  const k = 10, xi = x.length / n, yo = y.length / n;
  const x2 = new Float32Array(k * xi), y2 = new Float32Array(k * yo);
  for (let j = 0; j < k; ++j) {
    x2.set(x.subarray((n - 1 - j) * xi, (n - j) * xi), j * xi);
    y2.set(y.subarray((n - 1 - j) * yo, (n - j) * yo), j * yo);
  }
  return { x2, y2, n2: k };
}

/** Our parameters after trainBatch(x, y) then trainBatch(x2, y2), on a clone. */
function oursTwoSteps({ net, x, y, n }, { x2, y2, n2 }) {
  const next = net.clone();
  try {
    next.trainBatch(x, y, n);
    next.trainBatch(x2, y2, n2);
    const doc = next.toJSON();
    return doc.weights.map((W, l) => ({ W: Float32Array.from(W), b: Float32Array.from(doc.biases[l]) }));
  } finally {
    next.dispose();
  }
}

// Imports every file, then per case one JSON line: predict(X), params() and the optimizer's state
// as imported, params() after train_step(X, Y) and after a second train_step(X2, Y2).
const SCRIPT = `
import importlib.util, json, sys
import torch

def plain(v):
    return {"tensor": v.tolist()} if torch.is_tensor(v) else {"number": v, "type": type(v).__name__}

def flat(ps):
    return [[W.ravel().tolist(), b.tolist()] for W, b in ps]

for i, c in enumerate(json.load(sys.stdin)):
    spec = importlib.util.spec_from_file_location(f"model_torch_{i}", c["file"])
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    out = {"predict": m.predict(c["x"]).ravel().tolist(), "before": flat(m.params())}
    out["state"] = [{k: plain(v) for k, v in m.optimizer.state[p].items()} for p in m.model.parameters()]
    out["loss"] = m.train_step(c["x"], c["y"])
    out["after"] = flat(m.params())
    m.train_step(c["x2"], c["y2"])
    out["after2"] = flat(m.params())
    print(json.dumps(out))
`;

const inputs = [];
const runs = await (async () => {
  for (const [i, c] of cases.entries()) {
    const file = join(dir, `model_torch_${i}.py`);
    writeFileSync(file, await c.net.export('pytorch'));
    const second = secondBatch(c);
    Object.assign(c, second, { file });
    inputs.push({ file, x: rowsOf(c.x, c.n), y: rowsOf(c.y, c.n), x2: rowsOf(second.x2, second.n2), y2: rowsOf(second.y2, second.n2) });
  }
  return python(SCRIPT, { input: JSON.stringify(inputs), cwd: dir }).trim().split('\n').map((line) => JSON.parse(line));
})();

test('the cases cover every activation (hidden and output), loss (fused and not) and optimizer', () => {
  const names = (table) => new Set(catalog[table].map((r) => r.name));
  const got = covered(cases);
  assert.deepEqual(got.hidden, names('activations'));
  assert.deepEqual(got.output, names('activations'));
  assert.deepEqual(got.losses, names('losses'));
  assert.deepEqual(got.optimizers, names('optimizers'));
  assert.deepEqual(got.fused, new Set(catalog.losses.filter((l) => l.fusedActivation).map((l) => l.name)));
  assert.equal(runs.length, cases.length);
});

test("params() is our weights exactly, and torch.optim holds our optimizer's state", () => {
  for (const [i, c] of cases.entries()) {
    const doc = c.net.toJSON(), run = runs[i];
    doc.weights.forEach((W, l) => {
      assert.deepEqual(run.before[l][0], Array.from(Float32Array.from(W)), `${c.name}: W${l + 1}`);
      assert.deepEqual(run.before[l][1], Array.from(Float32Array.from(doc.biases[l])), `${c.name}: b${l + 1}`);
    });
    const row = catalog.optimizers.find((o) => o.name === c.net.spec.optimizer.type);
    const keys = row.code.torchState.split(' ').filter(Boolean);
    const { step, slots } = doc.optimizerState;
    run.state.forEach((state, p) => {
      const l = p >> 1, part = p % 2 ? 'biases' : 'weights';  // model.parameters(): W1, b1, W2, b2, …
      if (step === 0 || keys.length === 0) return assert.deepEqual(state, {}, `${c.name}: no state`);
      assert.deepEqual(Object.keys(state), keys, `${c.name}: torch's state keys`);
      let k = 0;
      for (const key of keys) {
        const value = state[key];
        if (key === 'step') {
          assert.equal(value.tensor ?? value.number, step, `${c.name}: step`);
        } else {
          const want = Array.from(Float32Array.from(slots[k++][part][l]));
          assert.deepEqual(value.tensor.flat(), want, `${c.name}: ${key} of parameter ${p}`);
        }
      }
    });
  }
});

test('predict and one, then two train_steps match ours within 1e-5 relative, for every case', () => {
  const worst = { predict: [0, ''], step: [0, ''], step2: [0, ''] };
  const note = (kind, d, name) => { if (d > worst[kind][0]) worst[kind] = [d, name]; };
  for (const [i, c] of cases.entries()) {
    const run = runs[i], want = ours(c), want2 = oursTwoSteps(c, c);
    const d = relativeDifference(run.predict, want.predict);
    note('predict', d, c.name);
    assert.ok(d <= TOLERANCE, `${c.name}: predict differs by ${d}`);
    for (const [kind, got, params] of [['step', run.after, want.params], ['step2', run.after2, want2]]) {
      params.forEach(({ W, b }, l) => {
        for (const [what, a, e] of [[`W${l + 1}`, got[l][0], W], [`b${l + 1}`, got[l][1], b]]) {
          const dd = relativeDifference(a, e);
          note(kind, dd, c.name);
          assert.ok(dd <= TOLERANCE, `${c.name}: ${what} after ${kind === 'step' ? 'one step' : 'two steps'} differs by ${dd}`);
        }
      });
    }
  }
  const show = ([d, name]) => `${d.toExponential(2)} (${name})`;
  console.log(`pytorch export, ${cases.length} cases, largest relative differences: predict ${show(worst.predict)}, ` +
    `one step ${show(worst.step)}, two steps ${show(worst.step2)}`);
});

test('python3 model_torch.py data.csv prints our predictions (a header line, an extra column)', () => {
  const c = cases.find((k) => k.net.toJSON().standardizer) ?? cases[0];
  const inputsCount = c.x.length / c.n;
  const header = [...Array.from({ length: inputsCount }, (_, k) => `x${k + 1}`), 'label'].join(',');
  const lines = rowsOf(c.x, c.n).map((r) => [...r, 1].join(','));
  const csv = join(dir, 'data.csv');
  writeFileSync(csv, `${header}\n${lines.join('\n')}\n`);
  const run = spawnSync('/usr/bin/python3', [c.file, csv], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const printed = run.stdout.trim().split('\n').flatMap((line) => line.split(',').map(Number));
  const d = relativeDifference(printed, ours(c).predict);
  assert.ok(d <= TOLERANCE, `${c.name}: the script's predictions differ by ${d}`);
});
