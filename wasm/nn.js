// nn.js — the public JavaScript API of NN by Hand: an ES module that loads the wasm core in a
// page, a module Web Worker or Node 20, and wraps the thin Embind layer in an idiomatic API.
//
// Arrays: x is n samples × inputs, row-major (a Float32Array; plain arrays are accepted), which is
// exactly the core's one-column-per-sample layout, so it is copied once into the wasm heap and
// never transposed. Every array returned is a fresh copy the caller owns.
// Errors: every misuse throws an Error whose message names the field; the module and all other
// networks keep working afterwards.
import createNNModule from './nn_wasm.mjs';

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string' &&
  typeof document === 'undefined' && typeof importScripts !== 'function';

/** Loads the module. options.wasmUrl: where nn_wasm.wasm is served from (default: beside nn.js);
 *  options.wasmBinary: the .wasm bytes, if the embedder already has them. */
export async function loadNN(options = {}) {
  const moduleOptions = {};
  const wasmUrl = options.wasmUrl ? String(options.wasmUrl) : null;
  if (options.wasmBinary) {
    moduleOptions.wasmBinary = options.wasmBinary;
  } else if (isNode) {  // emscripten's web build would fetch() a file path: hand it the bytes
    const { readFile } = await import('node:fs/promises');
    const url = wasmUrl ? new URL(wasmUrl, import.meta.url) : new URL('./nn_wasm.wasm', import.meta.url);
    moduleOptions.wasmBinary = await readFile(url);
  } else if (wasmUrl) {
    moduleOptions.locateFile = (file) => (file.endsWith('.wasm') ? wasmUrl : file);
  }
  const M = await createNNModule(moduleOptions);
  return new NN(M);
}

// --- argument checks (messages name the field) --------------------------------------------------

function checkCount(n, field = 'n') {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${field}: must be an integer ≥ 1 (got ${n})`);
}
function checkArray(a, length, field, what) {
  if (!(ArrayBuffer.isView(a) || Array.isArray(a))) {
    throw new Error(`${field}: must be a Float32Array (or an array of numbers), got ${a === null ? 'null' : typeof a}`);
  }
  if (a.length !== length) throw new Error(`${field}: expected ${what} = ${length} values (got ${a.length})`);
}
function checkLayer(l, count) {
  if (!Number.isInteger(l) || l < 0 || l >= count) {
    throw new Error(`layer: ${l} is out of range (the network has ${count} layers, 0 to ${count - 1})`);
  }
}

// Copies arrays into the wasm heap for the duration of fn(...pointers), then frees them.
function withHeap(M, arrays, fn) {
  const ptrs = [];
  try {
    for (const { data, type } of arrays) {
      const Type = type ?? Float32Array;
      const ptr = M._malloc(Math.max(1, data.length) * Type.BYTES_PER_ELEMENT);
      if (!ptr) throw new Error('out of memory: the batch is too large');
      ptrs.push(ptr);
      new Type(M.HEAPU8.buffer, ptr, data.length).set(data);  // fresh view: memory may have grown
    }
    return fn(...ptrs);
  } finally {
    for (const p of ptrs) M._free(p);
  }
}

// --- Network -----------------------------------------------------------------------------------

class Network {
  #M;
  #h;
  #spec;

  constructor(M, handle) {
    this.#M = M;
    this.#h = handle;
    this.#spec = JSON.parse(handle.specJSON());
  }

  #live() {
    if (!this.#h) throw new Error('network: this network has been disposed');
    return this.#h;
  }
  #xy(x, y, n) {
    checkCount(n);
    const h = this.#live();
    checkArray(x, n * h.inputs(), 'x', `n × inputs = ${n} × ${h.inputs()}`);
    checkArray(y, n * h.outputs(), 'y', `n × outputs = ${n} × ${h.outputs()}`);
    return h;
  }

  /** The normalised spec: every default filled in (a copy). */
  get spec() { this.#live(); return structuredClone(this.#spec); }
  get inputs() { return this.#live().inputs(); }
  get outputs() { return this.#live().outputs(); }
  get layerCount() { return this.#live().layerCount(); }
  /** Optimizer steps taken since creation or the last change of optimizer type. */
  get steps() { return this.#live().optimizerSteps(); }

  /** x: n × inputs → n × outputs (row-major). */
  predict(x, n) {
    checkCount(n);
    const h = this.#live();
    checkArray(x, n * h.inputs(), 'x', `n × inputs = ${n} × ${h.inputs()}`);
    return withHeap(this.#M, [{ data: x }], (px) => h.predict(px, n).slice());
  }
  /** Every layer's activations A[l] for x, as n × units (row-major): how each layer sees the data.
   *  The last entry equals predict(x, n). */
  forwardLayers(x, n) {
    checkCount(n);
    const h = this.#live();
    checkArray(x, n * h.inputs(), 'x', `n × inputs = ${n} × ${h.inputs()}`);
    return withHeap(this.#M, [{ data: x }], (px) => {
      h.predict(px, n);
      return Array.from({ length: h.layerCount() }, (_, l) => h.activations(l).slice());
    });
  }
  /** One optimizer step on the batch; returns the batch's mean data loss before the step.
   *  A non-finite return value means divergence: the step was skipped and the weights kept. */
  trainBatch(x, y, n) {
    const h = this.#xy(x, y, n);
    return withHeap(this.#M, [{ data: x }, { data: y }], (px, py) => h.trainBatch(px, py, n));
  }
  /** One epoch in mini-batches; returns the mean loss over the epoch (non-finite: diverged). */
  trainEpoch(x, y, n, { batchSize = 10, shuffle = true } = {}) {
    const h = this.#xy(x, y, n);
    checkCount(batchSize, 'batchSize');
    return withHeap(this.#M, [{ data: x }, { data: y }], (px, py) => h.trainEpoch(px, py, n, batchSize, !!shuffle));
  }
  /** { loss, accuracy } — accuracy by argmax for ≥ 2 outputs, the activation's midpoint for one. */
  evaluate(x, y, n) {
    const h = this.#xy(x, y, n);
    return withHeap(this.#M, [{ data: x }, { data: y }], (px, py) => h.evaluate(px, py, n));
  }
  /** Gradients of the mean data loss (no regularisation), W row-major like getWeights. */
  gradients(x, y, n) {
    const h = this.#xy(x, y, n);
    const loss = withHeap(this.#M, [{ data: x }, { data: y }], (px, py) => h.computeGradients(px, py, n));
    const weights = [], biases = [];
    for (let l = 0; l < h.layerCount(); l++) {
      weights.push(h.weightGradient(l).slice());
      biases.push(h.biasGradient(l).slice());
    }
    return { loss, weights, biases };
  }
  /** Everything one forward + backward pass computes on the batch, per layer (0-based):
   *  Z, A, dZ as n × units (row-major, a row per sample), W, dW as units × fanIn, b, db. */
  trace(x, y, n) {
    const h = this.#xy(x, y, n);
    const loss = withHeap(this.#M, [{ data: x }, { data: y }], (px, py) => h.runTrace(px, py, n));
    const layers = [];
    for (let l = 0; l < h.layerCount(); l++) {
      layers.push({
        units: this.#spec.layers[l].units,
        fanIn: l === 0 ? this.#spec.inputs : this.#spec.layers[l - 1].units,
        activation: this.#spec.layers[l].activation,
        W: h.weights(l).slice(), b: h.biases(l).slice(),
        Z: h.traceValues(l, 0).slice(), A: h.traceValues(l, 1).slice(), dZ: h.traceValues(l, 2).slice(),
        dW: h.weightGradient(l).slice(), db: h.biasGradient(l).slice(),
      });
    }
    return { loss, n, layers };
  }
  /** Backprop (this network's float arithmetic) against central differences (in double) on the
   *  batch: per layer, ‖analytic − numeric‖ / ‖analytic + numeric‖ for W and b. Layers with more
   *  than maxPerLayer weights are checked on a seeded sample of them. */
  gradientCheck(x, y, n, { maxPerLayer = 64 } = {}) {
    const h = this.#xy(x, y, n);
    checkCount(maxPerLayer, 'maxPerLayer');
    return withHeap(this.#M, [{ data: x }, { data: y }], (px, py) => h.gradientCheck(px, py, n, maxPerLayer));
  }
  /** Layer l's W (out × in, row-major = torch nn.Linear.weight). */
  getWeights(l) { const h = this.#live(); checkLayer(l, h.layerCount()); return h.weights(l).slice(); }
  getBiases(l) { const h = this.#live(); checkLayer(l, h.layerCount()); return h.biases(l).slice(); }
  setWeights(l, w) {
    const h = this.#live();
    checkLayer(l, h.layerCount());
    checkArray(w, w?.length ?? 0, 'weights', '');
    withHeap(this.#M, [{ data: w }], (pw) => h.setWeights(l, pw, w.length));
  }
  setBiases(l, b) {
    const h = this.#live();
    checkLayer(l, h.layerCount());
    checkArray(b, b?.length ?? 0, 'biases', '');
    withHeap(this.#M, [{ data: b }], (pb) => h.setBiases(l, pb, b.length));
  }
  /** Changes the optimizer or its settings; the weights are kept (and the state, for the same type). */
  setOptimizer(optimizer) {
    const h = this.#live();
    if (typeof optimizer !== 'string' && (typeof optimizer !== 'object' || optimizer === null)) {
      throw new Error('optimizer: must be a name or an object { type, learningRate, ... }');
    }
    h.setOptimizer(JSON.stringify(optimizer));
    this.#spec = JSON.parse(h.specJSON());
  }
  /** The whole network (spec, weights, optimizer state) as versioned JSON; nn.loadNetwork reads it. */
  toJSON() { return this.#live().toJSON(); }
  /** Frees the network's wasm memory; any later call throws. */
  dispose() {
    if (this.#h) { this.#h.delete(); this.#h = null; }
  }
}

// --- the module ----------------------------------------------------------------------------------

class NN {
  #M;

  constructor(M) {
    this.#M = M;
    const c = JSON.parse(M.catalogJSON());
    /** Every table's rows with the facts a UI needs (see nn.d.ts). */
    this.catalog = c;
    this.activations = c.activations.map((a) => a.name);
    this.losses = c.losses.map((l) => l.name);
    this.optimizers = c.optimizers.map((o) => o.name);
    this.initializers = [...c.initializers];
    this.datasets = c.datasets.map((d) => d.name);
    Object.freeze(this);
  }

  createNetwork(spec) {
    if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
      throw new Error('spec: must be an object { inputs, layers, loss, optimizer, ... }');
    }
    return new Network(this.#M, this.#M.createNetwork(JSON.stringify(spec)));
  }
  loadNetwork(json) {
    if (typeof json !== 'string') throw new Error('json: must be a string (from network.toJSON())');
    return new Network(this.#M, this.#M.loadNetwork(json));
  }

  /** A seeded 2-D dataset: x is n × 2 row-major; labels (classification) or targets (regression). */
  makeDataset(name, { n = 200, noise = 0, classes = 0, seed = 1 } = {}) {
    if (typeof name !== 'string') throw new Error('name: must be a dataset name (see nn.datasets)');
    checkCount(n);
    if (typeof noise !== 'number') throw new Error(`noise: must be a number from 0 to 1 (got ${noise})`);
    if (!Number.isInteger(classes)) throw new Error(`classes: must be an integer (got ${classes})`);
    const d = this.#M.makeDataset(name, n, noise, classes, seed);
    return { ...d, regression: d.classes === 0, labels: d.labels ?? null, targets: d.targets ?? null };
  }
  /** The core's seeded train/test split of a dataset. */
  splitDataset(data, testRatio, seed = 1) {
    checkCount(data?.n, 'data.n');
    if (typeof testRatio !== 'number') throw new Error(`testRatio: must be a number in [0, 1) (got ${testRatio})`);
    const { order, nTest } = this.#M.splitOrder(data.n, testRatio, seed);
    const pick = (idx) => {
      const x = new Float32Array(idx.length * 2);
      idx.forEach((src, j) => { x[2 * j] = data.x[2 * src]; x[2 * j + 1] = data.x[2 * src + 1]; });
      const part = { ...data, n: idx.length, x };
      if (data.labels) part.labels = Int32Array.from(idx, (i) => data.labels[i]);
      if (data.targets) part.targets = Float32Array.from(idx, (i) => data.targets[i]);
      return part;
    };
    return { test: pick(order.subarray(0, nTest)), train: pick(order.subarray(nTest)) };
  }
  /** Targets y (n × outputs) for a network with `outputs` units and this output activation:
   *  one-hot, 0/1 (±1 for tanh) for one output, or the regression value. */
  encodeTargets(data, outputs, outputActivation) {
    checkCount(data?.n, 'data.n');
    checkCount(outputs, 'outputs');
    const regression = !data.labels;
    const values = regression ? data.targets : data.labels;
    checkArray(values, data.n, regression ? 'data.targets' : 'data.labels', 'n');
    const type = regression ? Float32Array : Int32Array;
    return withHeap(this.#M, [{ data: values, type }], (p) =>
      this.#M.encodeTargets(p, data.n, regression ? 0 : data.classes, outputs, String(outputActivation)));
  }
  /** Bytes of the wasm heap in use (for leak checks). */
  heapInUse() { return this.#M.heapInUse(); }
}
