// data.mjs — everything every contender is given: seeded data, initial weights and the grid.
//
// Why the bench has its own generator: "same data, same initial weights for every contender" must
// not depend on the engine under test, so nothing here calls the module. One tiny seeded RNG
// (mulberry32) makes a k-arm spiral, shuffles it once (the contenders never shuffle, so every one
// sees the same mini-batches in the same order), and draws glorot-uniform weights in our layout:
// W (out × in) row-major, like torch nn.Linear.weight; biases 0.

// --- RNG ---------------------------------------------------------------------------------------

/** mulberry32: a 32-bit state, uniform doubles in [0, 1) with 32 random bits. */
export function makeRng(seed) {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Box–Muller, one draw per call (the stream never depends on a cached second value).
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

// --- data ----------------------------------------------------------------------------------------

/** k interleaved spiral arms in about [−1, 1]²: arm c starts at angle 2πc/k, its radius grows
 *  from 0.05 to 1 over `turns` turns; Gaussian noise of σ = noise on both coordinates.
 *  Returns x (n × 2 row-major) and labels (class of each point), already shuffled once. */
export function spiral({ n, classes, turns = 1, noise = 0.03, seed = 7 }) {
  const rng = makeRng(seed);
  const x = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  const perArm = Math.ceil(n / classes);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    const t = Math.floor(i / classes) / perArm;           // 0 … 1 along the arm
    const r = 0.05 + 0.95 * t;
    const angle = (2 * Math.PI * c) / classes + 2 * Math.PI * turns * t;
    x[2 * i] = r * Math.cos(angle) + noise * rng.normal();
    x[2 * i + 1] = r * Math.sin(angle) + noise * rng.normal();
    labels[i] = c;
  }
  // Fisher–Yates, once: the order every contender trains in.
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [x[2 * i], x[2 * j]] = [x[2 * j], x[2 * i]];
    [x[2 * i + 1], x[2 * j + 1]] = [x[2 * j + 1], x[2 * i + 1]];
    [labels[i], labels[j]] = [labels[j], labels[i]];
  }
  return { n, classes, x, labels };
}

/** Targets n × outputs: one 0/1 column for one sigmoid output, else one-hot rows. */
export function targets(data, outputs) {
  const y = new Float32Array(data.n * outputs);
  for (let i = 0; i < data.n; i++) {
    if (outputs === 1) y[i] = data.labels[i];
    else y[i * outputs + data.labels[i]] = 1;
  }
  return y;
}

/** Glorot-uniform W (out × in row-major, limit √(6 / (in + out))) and zero b for each layer. */
export function glorotWeights(inputs, layers, seed) {
  const rng = makeRng(seed);
  const weights = [], biases = [];
  let fanIn = inputs;
  for (const { units } of layers) {
    const limit = Math.sqrt(6 / (fanIn + units));
    const W = new Float32Array(units * fanIn);
    for (let i = 0; i < W.length; i++) W[i] = (2 * rng.uniform() - 1) * limit;
    weights.push(W);
    biases.push(new Float32Array(units));
    fanIn = units;
  }
  return { weights, biases };
}

/** res × res points covering [lo, hi]², row-major with x1 varying fastest (as the page's grid). */
export function grid(res, lo = -1.25, hi = 1.25) {
  const g = new Float32Array(res * res * 2);
  for (let r = 0; r < res; r++) {
    for (let c = 0; c < res; c++) {
      const i = r * res + c;
      g[2 * i] = lo + ((hi - lo) * (c + 0.5)) / res;
      g[2 * i + 1] = hi - ((hi - lo) * (r + 0.5)) / res;
    }
  }
  return g;
}

/** Fraction of rows whose predicted class matches: argmax for ≥ 2 outputs, > 0.5 for one. */
export function accuracy(pred, data, outputs) {
  let correct = 0;
  for (let i = 0; i < data.n; i++) {
    let k = 0;
    if (outputs === 1) k = pred[i] > 0.5 ? 1 : 0;
    else for (let o = 1; o < outputs; o++) if (pred[i * outputs + o] > pred[i * outputs + k]) k = o;
    correct += k === data.labels[i];
  }
  return correct / data.n;
}

// --- the workloads -------------------------------------------------------------------------------

/** The W1 and W2 (W3 runs the grid through both trained networks). `epochs` is the
 *  training every contender makes, for the accuracy check and, repeated, for every timing run:
 *  W1 is past its plateau (≈ 60 % until epoch ~300, then ≈ 99 %), W2 well converged. */
export function makeWorkloads() {
  const w1 = {
    id: 'w1', title: 'W1 playground',
    spec: {
      inputs: 2,
      layers: [{ units: 8, activation: 'tanh' }, { units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
      loss: 'binary_crossentropy', optimizer: { type: 'sgd', learningRate: 0.03 },
    },
    batchSize: 10, epochs: 500,
    data: spiral({ n: 500, classes: 2, turns: 1.25, seed: 11 }),
    init: 101,
  };
  const w2 = {
    id: 'w2', title: 'W2 wide',
    spec: {
      inputs: 2,
      layers: [{ units: 64, activation: 'relu' }, { units: 64, activation: 'relu' }, { units: 3, activation: 'softmax' }],
      loss: 'categorical_crossentropy',
      optimizer: { type: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
    },
    batchSize: 32, epochs: 20,
    data: spiral({ n: 3000, classes: 3, turns: 1.5, seed: 12 }),
    init: 102,
  };
  for (const w of [w1, w2]) {
    w.outputs = w.spec.layers.at(-1).units;
    w.y = targets(w.data, w.outputs);
    Object.assign(w, glorotWeights(w.spec.inputs, w.spec.layers, w.init));
  }
  return { w1, w2, grid: grid(200), gridN: 200 * 200 };
}
