// export-cases.mjs — the networks the export tests run in NumPy, PyTorch and an ONNX runtime: every
// activation as a hidden and as an output layer, every loss (fused with its activation and not),
// every optimizer with L1, L2, an input standardizer and non-default hyperparameters, each trained a
// few steps first so its optimizer state is not zero. Shared so that the three formats are held to
// the same cases, and `covered` checks that a new table row cannot miss them.
import { spawnSync } from 'node:child_process';
import { catalog } from '../../web/js/catalog.js';

/** A deterministic generator (mulberry32), so every run exports the same networks. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const N = 16;  // samples in a batch

/** Inputs in [−3, 3] (both sides of every activation's bend) and targets the loss can read. With
 *  `around` (a standardizer), inputs at mean ± 3 scale: what it standardizes to [−3, 3]. */
function batch(spec, seed, around = null) {
  const rand = generator(seed);
  const outputs = spec.layers[spec.layers.length - 1].units;
  const x = Float32Array.from({ length: N * spec.inputs }, (_, k) => {
    const u = 6 * rand() - 3;
    return around ? around.mean[k % spec.inputs] + around.scale[k % spec.inputs] * u : u;
  });
  const y = new Float32Array(N * outputs);
  for (let j = 0; j < N; ++j) {
    const k = Math.floor(rand() * outputs);
    for (let i = 0; i < outputs; ++i) {
      y[j * outputs + i] = spec.loss === 'categorical_crossentropy' ? Number(i === k)
        : spec.loss === 'binary_crossentropy' ? Number(rand() < 0.5)
          : 4 * rand() - 2;
    }
  }
  return { x, y, n: N };
}

function specs() {
  const list = [];
  const add = (name, spec, extra = {}) => list.push({ name, spec: { inputs: 3, init: 'glorot_uniform', seed: list.length + 1, ...spec }, ...extra });
  for (const a of catalog.activations) {
    add(`hidden ${a.name}`, { layers: [{ units: 5, activation: a.name }, { units: 4, activation: a.name }, { units: 2, activation: 'linear' }],
      loss: 'mse', optimizer: { type: 'adam', learningRate: 0.01 } });
    add(`output ${a.name}`, { layers: [{ units: 6, activation: 'tanh' }, { units: 3, activation: a.name }],
      loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 } });
  }
  for (const [loss, output, units] of [['mse', 'linear', 2], ['mae', 'linear', 2], ['huber', 'linear', 2],
    ['binary_crossentropy', 'sigmoid', 1], ['binary_crossentropy', 'sigmoid', 3], ['binary_crossentropy', 'softmax', 3],
    ['categorical_crossentropy', 'softmax', 3], ['categorical_crossentropy', 'sigmoid', 3]]) {
    add(`loss ${loss} on ${units} ${output}`, { layers: [{ units: 6, activation: 'tanh' }, { units, activation: output }],
      loss, optimizer: { type: 'momentum', learningRate: 0.05 } });
  }
  const settings = { momentum: { momentum: 0.8 }, nesterov: { momentum: 0.7 }, rmsprop: { rho: 0.95, epsilon: 1e-6 },
    adam: { beta1: 0.85, beta2: 0.9999, epsilon: 1e-7 }, adamw: { beta1: 0.8, weightDecay: 0.05 } };
  for (const o of catalog.optimizers) {
    add(`optimizer ${o.name}, L1 + L2, standardizer`, {
      layers: [{ units: 7, activation: 'relu' }, { units: 5, activation: 'elu' }, { units: 1, activation: 'sigmoid' }],
      loss: 'binary_crossentropy', l1: 0.001, l2: 0.01,
      optimizer: { type: o.name, learningRate: o.suggestedLearningRate, ...settings[o.name] } },
    { standardizer: { mean: [0.5, -1, 2], scale: [2, 0.5, 3] } });
  }
  // a large mean over a small scale: the float32 rounding of the mean must not be magnified
  add('standardizer with a large mean and a small scale', { layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
    loss: 'binary_crossentropy', optimizer: 'adam' },
  { standardizer: { mean: [1000.1, 0.3, -250.7], scale: [0.01, 0.001, 0.5] }, near: true });
  // momentum 0: Nesterov's rule is plain SGD (torch refuses nesterov=True without momentum)
  add('nesterov with momentum 0', { layers: [{ units: 4, activation: 'relu' }, { units: 2, activation: 'linear' }],
    loss: 'mse', optimizer: { type: 'nesterov', learningRate: 0.05, momentum: 0 } });
  add('untrained adam (no state yet)', { layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'softmax' }],
    loss: 'categorical_crossentropy', optimizer: 'adam' }, { steps: 0 });
  return list;
}

/** Every case: { name, net (trained `steps` times, 3 by default), x, y, n (the next batch), covers }.
 *  Dispose of the networks when done (disposeAll). */
export function exportCases(nn) {
  return specs().map(({ name, spec, standardizer, near = false, steps = 3 }, i) => {
    const net = nn.createNetwork(spec);
    if (standardizer) net.setStandardizer(standardizer);
    for (let s = 0; s < steps; ++s) {
      const b = batch(net.spec, 100 + 10 * i + s, near ? standardizer : null);
      net.trainBatch(b.x, b.y, b.n);
    }
    return { name, net, ...batch(net.spec, 7 + i, near ? standardizer : null) };
  });
}

/** Which rows of the core's tables the cases use (hidden, output, loss, optimizer), to compare with the catalog. */
export function covered(cases) {
  const names = { hidden: new Set(), output: new Set(), losses: new Set(), optimizers: new Set(), fused: new Set() };
  for (const { net } of cases) {
    const { layers, loss, optimizer } = net.spec;
    layers.slice(0, -1).forEach((la) => names.hidden.add(la.activation));
    const out = layers[layers.length - 1].activation;
    names.output.add(out);
    names.losses.add(loss);
    names.optimizers.add(optimizer.type);
    if (catalog.losses.find((l) => l.name === loss).fusedActivation === out) names.fused.add(loss);
  }
  return names;
}

/** What our module says: predict(x), and every layer's W and b after one more trainBatch(x, y) (on a clone). */
export function ours({ net, x, y, n }) {
  const predict = net.predict(x, n);
  const next = net.clone();
  try {
    next.trainBatch(x, y, n);
    const doc = next.toJSON();
    return { predict, params: doc.weights.map((W, l) => ({ W: Float32Array.from(W), b: Float32Array.from(doc.biases[l]) })) };
  } finally {
    next.dispose();
  }
}

/** ‖a − b‖∞ / ‖b‖∞: the relative difference of two arrays (of a layer's weights, or a batch's predictions). */
export function relativeDifference(a, b) {
  if (a.length !== b.length) return Infinity;
  let diff = 0, scale = 0;
  for (let i = 0; i < b.length; ++i) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

/** Runs Debian's python3 (/usr/bin/python3: the one with numpy, torch and onnx) on a script; returns stdout. */
export function python(script, { input = '', cwd } = {}) {
  const run = spawnSync('/usr/bin/python3', ['-c', script], { input, cwd, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (run.status !== 0) throw new Error(`python3 exited with ${run.status}: ${run.stderr || run.error}`);
  return run.stdout;
}
