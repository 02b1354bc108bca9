// nn.mjs — the public JavaScript API of NN by Hand (the package's entry): an ES module that loads
// the wasm core in a page, a Web Worker, Node 20 or a bundle, and wraps the thin Embind layer in an
// idiomatic API. The package's CommonJS entry (nn.cjs) is this file bundled by esbuild at build time.
//
// Arrays: x is n samples × inputs, row-major (a Float32Array; plain arrays are accepted), which is
// exactly the core's one-column-per-sample layout, so it is copied once into the wasm heap and
// never transposed. Every array returned is a fresh copy the caller owns.
// Errors: every misuse throws an NNError (an Error) whose `field` is the dotted path of what was
// wrong and whose message starts with it. The core's errors come back as return values, never as
// exceptions through wasm (see wasm/bindings.cpp), so a failed call leaves the heap, the stack and
// every network exactly as they were, however many times it happens.
import { fit } from './fit.mjs';
import { fail, optionsOf, show, NNError } from './errors.mjs';
import { loadModule } from './load.mjs';
import { exportDocument } from './export/index.mjs';

export { NNError };

/** Loads the module. options.wasmUrl: where nn_wasm.wasm is (default: beside this file, found by
 *  bundlers through `new URL('./nn_wasm.wasm', import.meta.url)`): a URL object or an absolute URL,
 *  or a relative reference resolved as the platform resolves one — against the page's (or worker's)
 *  URL in a browser, against the current directory in Node, where it may also be a file path.
 *  options.wasmBinary: the .wasm bytes, if the embedder already has them. A .wasm that cannot be
 *  read, or is not WebAssembly, rejects with an NNError (field "wasmUrl") naming the URL. */
export async function loadNN(options = {}) {
  return new NN(await loadModule(options));
}

// --- errors and argument checks (messages name the field) --------------------------------------

// A core call's result: null means it failed and recorded its error (wasm/bindings.cpp). Arrays
// and long text come back as [address, length] in the bindings' outbox: read copies them out,
// after the call returned, and the outbox is emptied whatever happens.
function checked(M, result, read = (r) => r) {
  if (result === null) {
    const { field, message } = M.lastError();
    throw new NNError(field, message);
  }
  try {
    return read(result);
  } finally {
    M.releaseOutputs();
  }
}
const floats = (M, [ptr, length]) => new Float32Array(M.HEAPU8.buffer, ptr, length).slice();
const doubles = (M, [ptr, length]) => new Float64Array(M.HEAPU8.buffer, ptr, length).slice();
const ints = (M, [ptr, length]) => new Int32Array(M.HEAPU8.buffer, ptr, length).slice();
const text = (M, [ptr, length]) => new TextDecoder().decode(new Uint8Array(M.HEAPU8.buffer, ptr, length));

const INT_MAX = 2147483647;
// Integers cross into C++ as 32-bit ints: anything else must not reach it (Embind would wrap 2³² + 1 to 1).
function checkInt(v, field, lo = 1, hi = INT_MAX) {
  if (!Number.isSafeInteger(v) || v < lo || v > hi) fail(field, `must be an integer from ${lo} to ${hi} (got ${show(v)})`);
  return v;
}
function checkSeed(v, field = 'seed') { return checkInt(v, field, 0, Number.MAX_SAFE_INTEGER); }
function checkNumber(v, field) {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(field, `must be a finite number (got ${show(v)})`);
  return v;
}
// Arrays of numbers: typed arrays (not BigInt ones), plain arrays and other array-likes.
function isNumberArray(a) {
  if (ArrayBuffer.isView(a)) return !(a instanceof DataView) && !(a instanceof BigInt64Array) && !(a instanceof BigUint64Array);
  return typeof a === 'object' && a !== null && Number.isSafeInteger(a.length) && a.length >= 0;
}
function checkArray(a, length, field, what) {
  if (!isNumberArray(a)) fail(field, `must be a Float32Array (or an array of numbers), got ${a === null ? 'null' : typeof a}`);
  if (length !== null && a.length !== length) fail(field, `expected ${what} = ${length} values (got ${a.length})`);
}
function checkLayer(l, count) {
  if (!Number.isSafeInteger(l) || l < 0 || l >= count) {
    fail('layer', `${show(l)} is out of range (the network has ${count} layers, 0 to ${count - 1})`);
  }
}
function toJSONText(value, field) {
  let json;
  try {
    json = JSON.stringify(value);
  } catch (e) {
    fail(field, `cannot be written as JSON (${show(e.message)})`);
  }
  if (typeof json !== 'string') fail(field, 'cannot be written as JSON');
  return json;
}
// UTF-8 bytes of a text for the core, within the reader's limit (bytes ≥ UTF-16 length, so a
// longer string is rejected before it is encoded).
function utf8(value, field, limit) {
  if (value.length > limit) fail(field, `the text is ${value.length} characters; the limit is ${limit / 2 ** 20} MiB`);
  let bytes;
  try {
    bytes = new TextEncoder().encode(value);
  } catch {
    fail(field, 'out of memory: the text is too long');
  }
  if (bytes.length > limit) fail(field, `the text is ${bytes.length} bytes; the limit is ${limit / 2 ** 20} MiB`);
  return bytes;
}
// Runs fn(pointer, length) with a text copied into the wasm heap.
function withText(M, bytes, fn) {
  return withHeap(M, [{ data: bytes, type: Uint8Array }], (p) => fn(p, bytes.length));
}

// Copies arrays into the wasm heap for the duration of fn(...pointers), then frees them.
function withHeap(M, arrays, fn) {
  const ptrs = [];
  try {
    for (const { data, type } of arrays) {
      const Type = type ?? Float32Array;
      const ptr = M._malloc(Math.max(1, data.length) * Type.BYTES_PER_ELEMENT);
      if (!ptr) fail('', 'out of memory: the batch is too large');
      ptrs.push(ptr);
      new Type(M.HEAPU8.buffer, ptr, data.length).set(data);  // fresh view: memory may have grown
    }
    return fn(...ptrs);
  } finally {
    for (const p of ptrs) M._free(p);
  }
}

// --- Network -----------------------------------------------------------------------------------

// lossLandscape's directions: 'random' → [] (the core draws them), or two parameters
// [{ layer, row, col }, { layer, row }] (no col: a bias) → their 6 indices, col −1 for a bias; the
// core checks the ranges.
function landscapeDirections(directions, layers) {
  if (directions === 'random') return new Int32Array(0);
  if (!Array.isArray(directions) || directions.length !== 2) {
    fail('directions', `must be 'random' or two parameters [{ layer, row, col }, { layer, row }] (no col: a bias), got ${show(directions)}`);
  }
  const out = new Int32Array(6);
  directions.forEach((d, k) => {
    const at = `directions[${k}]`;
    if (typeof d !== 'object' || d === null || Array.isArray(d)) fail(at, `must be { layer, row, col } or { layer, row } for a bias (got ${show(d)})`);
    for (const key of Object.keys(d)) if (!['layer', 'row', 'col'].includes(key)) fail(`${at}.${key}`, 'unknown field (expected layer, row, col)');
    out[3 * k] = checkInt(d.layer, `${at}.layer`, 0, layers - 1);
    out[3 * k + 1] = checkInt(d.row, `${at}.row`, 0);
    out[3 * k + 2] = d.col === undefined ? -1 : checkInt(d.col, `${at}.col`, 0);
  });
  return out;
}


// Frees the core's network when its Network was collected without dispose() (dispose stays the way:
// a collector may run late or never). The held value is the Embind handle, which does not refer back.
const unreached = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry((handle) => { if (!handle.isDeleted()) handle.delete(); })
  : null;

class Network {
  #M;
  #h;
  #spec;
  #catalog;
  #limits;
  #fitting = false;

  constructor(M, handle, catalog, spec = null) {
    this.#M = M;
    this.#h = handle;
    this.#catalog = catalog;
    this.#limits = catalog.limits;
    this.#spec = spec ?? JSON.parse(checked(M, handle.specJSON(), (w) => text(M, w)));
    unreached?.register(this, handle, this);
  }

  #live() {
    if (!this.#h) fail('network', 'this network has been disposed');
    return this.#h;
  }
  #x(x, n) {
    checkInt(n, 'n');
    const h = this.#live();
    checkArray(x, n * h.inputs(), 'x', `n × inputs = ${n} × ${h.inputs()}`);
    return h;
  }
  #xy(x, y, n) {
    const h = this.#x(x, n);
    checkArray(y, n * h.outputs(), 'y', `n × outputs = ${n} × ${h.outputs()}`);
    return h;
  }
  // Runs a core call on x and y copied into the heap; throws its error, if any; read copies out
  // what the call left in the outbox.
  #run(x, y, call, read) {
    const arrays = y === null ? [{ data: x }] : [{ data: x }, { data: y }];
    return checked(this.#M, withHeap(this.#M, arrays, call), read);
  }
  #floats = (w) => floats(this.#M, w);
  // Arrays a call packed end to end into one outbox entry ([address, length]), each copied out into
  // its own buffer (so each can be posted or transferred alone); lengths from the spec.
  #unpack([ptr, length], lengths) {
    let at = ptr;
    const out = lengths.map((count) => {
      const a = new Float32Array(this.#M.HEAPU8.buffer, at, count).slice();
      at += count * Float32Array.BYTES_PER_ELEMENT;
      return a;
    });
    if (at !== ptr + length * Float32Array.BYTES_PER_ELEMENT) fail('', 'internal error: a packed result has an unexpected length');
    return out;
  }
  // [units, fanIn] of every layer.
  #shapes() { return this.#spec.layers.map(({ units }, l) => [units, l === 0 ? this.#spec.inputs : this.#spec.layers[l - 1].units]); }

  /** The normalised spec: every default filled in (a copy). */
  get spec() { this.#live(); return structuredClone(this.#spec); }
  get inputs() { return this.#live().inputs(); }
  get outputs() { return this.#live().outputs(); }
  get layerCount() { return this.#live().layerCount(); }
  /** Optimizer steps taken since creation or the last change of optimizer type. */
  get steps() { return this.#live().optimizerSteps(); }

  /** x: n × inputs → n × outputs (row-major). */
  predict(x, n) {
    const h = this.#x(x, n);
    return this.#run(x, null, (px) => h.predict(px, n), this.#floats);
  }
  /** Every layer's activations A[l] for x, as n × units (row-major): how each layer sees the data.
   *  The last entry equals predict(x, n). */
  forwardLayers(x, n) {
    const h = this.#x(x, n);
    return this.#run(x, null, (px) => h.forwardLayers(px, n), (w) => this.#unpack(w, this.#shapes().map(([units]) => n * units)));
  }
  /** Layer l's activations A[l] for x alone, n × units (row-major): only layers 0..l are computed. */
  forwardLayer(l, x, n) {
    const h = this.#x(x, n);
    checkLayer(l, h.layerCount());
    return this.#run(x, null, (px) => h.forwardLayer(l, px, n), this.#floats);
  }
  /** One optimizer step on the batch; returns the batch's mean data loss before the step.
   *  A non-finite return value means divergence: the step was skipped and the weights kept
   *  (+Infinity: the step would have made a parameter non-finite, and was rolled back). */
  trainBatch(x, y, n) {
    const h = this.#xy(x, y, n);
    return this.#run(x, y, (px, py) => h.trainBatch(px, py, n));
  }
  /** One epoch in mini-batches; returns the mean loss over the epoch (non-finite: diverged). */
  trainEpoch(x, y, n, options) {
    const { batchSize = 10, shuffle = true } = optionsOf(options);
    const h = this.#xy(x, y, n);
    checkInt(batchSize, 'batchSize');
    if (typeof shuffle !== 'boolean') fail('shuffle', `must be true or false (got ${show(shuffle)})`);
    return this.#run(x, y, (px, py) => h.trainEpoch(px, py, n, batchSize, shuffle));
  }
  /** { loss, accuracy } — accuracy by argmax for ≥ 2 outputs, the activation's midpoint for one. */
  evaluate(x, y, n) {
    const h = this.#xy(x, y, n);
    return this.#run(x, y, (px, py) => h.evaluate(px, py, n));
  }
  /** Gradients of the mean data loss (no regularisation), W row-major like getWeights. */
  gradients(x, y, n) {
    const h = this.#xy(x, y, n);
    return this.#run(x, y, (px, py) => h.gradients(px, py, n), ({ loss, values }) => {
      const all = this.#unpack(values, this.#shapes().flatMap(([units, fanIn]) => [units * fanIn, units]));
      return { loss, weights: all.filter((_, i) => i % 2 === 0), biases: all.filter((_, i) => i % 2 === 1) };
    });
  }
  /** Everything one forward + backward pass computes on the batch, per layer (0-based):
   *  Z, A, dA, dZ as n × units (row-major, a row per sample; the output layer's dA is null for a
   *  fused pair), W, dW as units × fanIn, b, db. Nothing of it stays in the module afterwards. */
  trace(x, y, n) {
    const h = this.#xy(x, y, n);
    // One packed array: per layer Z, A, dA, dZ (n × units), W (units × fanIn), b, dW, db, end to end.
    const read = ({ loss, outputDA, values }) => {
      const shapes = this.#shapes(), last = shapes.length - 1;
      const dALength = (units, l) => (l < last || outputDA ? n * units : 0);
      const all = this.#unpack(values, shapes.flatMap(([units, fanIn], l) => [n * units, n * units, dALength(units, l), n * units, units * fanIn, units, units * fanIn, units]));
      const layers = shapes.map(([units, fanIn], l) => {
        const [Z, A, dA, dZ, W, b, dW, db] = all.slice(8 * l, 8 * l + 8);
        return { units, fanIn, activation: this.#spec.layers[l].activation, Z, A, dA: l < last || outputDA ? dA : null, dZ, W, b, dW, db };
      });
      return { loss, n, layers };
    };
    return this.#run(x, y, (px, py) => h.trace(px, py, n), read);
  }
  /** Backprop (this network's float arithmetic) against central differences (in double) on the
   *  batch: per layer, ‖analytic − numeric‖ / ‖analytic + numeric‖ for W and b. Layers with more
   *  than maxPerLayer weights are checked on a seeded sample of them. Bounded cost: n ≤ 1,000 and
   *  maxPerLayer ≤ 1,024, so at most 4 · maxPerLayer · layers double forward passes over n. */
  gradientCheck(x, y, n, options) {
    const { maxPerLayer = 64 } = optionsOf(options);
    const h = this.#xy(x, y, n);
    checkInt(n, 'n', 1, this.#limits.maxCheckSamples);
    checkInt(maxPerLayer, 'maxPerLayer', 1, this.#limits.maxCheckPerLayer);
    return this.#run(x, y, (px, py) => h.gradientCheck(px, py, n, maxPerLayer));
  }
  /** The loss over a plane through the current parameters θ, L(θ + α·d1 + β·d2) on a grid of
   *  steps × steps points, α, β ∈ [−range, range], on the batch (the data loss evaluate computes),
   *  with parameter snapshots (options.path, from parameters()) projected onto the plane. The
   *  network is only read. The contract is in nn.d.ts. */
  lossLandscape(x, y, n, options) {
    options = optionsOf(options);
    const names = ['directions', 'seed', 'range', 'steps', 'path'];
    for (const key of Object.keys(options)) if (!names.includes(key)) fail(key, `unknown option (expected ${names.join(', ')})`);
    const { directions = 'random', seed = 1, range = 1, steps = 41, path = [] } = options;
    const h = this.#xy(x, y, n);
    const limits = this.#limits;
    const chosen = landscapeDirections(directions, h.layerCount());
    checkSeed(seed);
    if (typeof range !== 'number' || !(range > 0 && range <= limits.maxLandscapeRange)) {
      fail('range', `must be a number above 0 and at most ${limits.maxLandscapeRange} (got ${show(range)})`);
    }
    checkInt(steps, 'steps', 2, limits.maxLandscapeSteps);
    if (!Array.isArray(path)) fail('path', `must be an array of parameter snapshots (from net.parameters()), got ${show(path)}`);
    if (path.length > limits.maxLandscapePath) fail('path', `at most ${limits.maxLandscapePath} snapshots (got ${path.length})`);
    const P = this.#shapes().reduce((sum, [units, fanIn]) => sum + units * (fanIn + 1), 0);
    path.forEach((snapshot, k) => checkArray(snapshot, P, `path[${k}]`, 'the parameters'));
    let snapshots;
    try {
      snapshots = new Float32Array(path.length * P);
    } catch {
      fail('path', 'out of memory: too many snapshots');
    }
    path.forEach((snapshot, k) => snapshots.set(snapshot, k * P));
    const M = this.#M;
    const arrays = [{ data: x }, { data: y }, { data: chosen, type: Int32Array }, { data: snapshots }];
    const call = (px, py, pc, pp) => h.lossLandscape(px, py, n, pc, chosen.length, seed, range, steps, pp, path.length);
    return checked(M, withHeap(M, arrays, call), (l) => {
      const d = doubles(M, l.directions);
      return {
        alpha: doubles(M, l.alpha), beta: doubles(M, l.beta), loss: floats(M, l.loss), center: l.center,
        path: doubles(M, l.path), directions: [d.slice(0, P), d.slice(P)],
      };
    });
  }
  /** The flat parameters, a copy: per layer W column by column (W[l](row, col) at col · units + row),
   *  then b — the order lossLandscape's path and directions use. */
  parameters() { return checked(this.#M, this.#live().parameters(), this.#floats); }
  /** Layer l's W (out × in, row-major = torch nn.Linear.weight). */
  getWeights(l) { const h = this.#live(); checkLayer(l, h.layerCount()); return checked(this.#M, h.weights(l), this.#floats); }
  getBiases(l) { const h = this.#live(); checkLayer(l, h.layerCount()); return checked(this.#M, h.biases(l), this.#floats); }
  setWeights(l, w) {
    const h = this.#live();
    checkLayer(l, h.layerCount());
    checkArray(w, null, 'weights');
    checkInt(w.length, 'weights.length', 0);
    this.#run(w, null, (pw) => h.setWeights(l, pw, w.length));
  }
  setBiases(l, b) {
    const h = this.#live();
    checkLayer(l, h.layerCount());
    checkArray(b, null, 'biases');
    checkInt(b.length, 'biases.length', 0);
    this.#run(b, null, (pb) => h.setBiases(l, pb, b.length));
  }
  /** One weight W[l](row, col) (row: the unit, col: its input) or one bias b[l](row). Nothing
   *  changes if it throws (an NNError naming layer, row, col or value: a finite float). */
  setWeight(l, row, col, value) {
    const h = this.#live();
    checkLayer(l, h.layerCount());
    checkInt(row, 'row', 0);
    checkInt(col, 'col', 0);
    if (typeof value !== 'number') fail('value', `must be a number (got ${show(value)})`);
    checked(this.#M, h.setWeight(l, row, col, value));
  }
  setBias(l, row, value) {
    const h = this.#live();
    checkLayer(l, h.layerCount());
    checkInt(row, 'row', 0);
    if (typeof value !== 'number') fail('value', `must be a number (got ${show(value)})`);
    checked(this.#M, h.setBias(l, row, value));
  }
  /** An independent deep copy made inside the module (weights, optimizer state, step count,
   *  shuffle state): it trains exactly as this network would. Dispose of it too. */
  clone() {
    const h = checked(this.#M, this.#live().clone());
    try {
      return new Network(this.#M, h, this.#catalog, structuredClone(this.#spec));
    } catch (e) {
      h.delete();
      throw e;
    }
  }
  /** Changes the optimizer or its settings; the weights are kept (and the state, for the same type). */
  setOptimizer(optimizer) {
    const h = this.#live();
    if (typeof optimizer !== 'string' && (typeof optimizer !== 'object' || optimizer === null || Array.isArray(optimizer))) {
      fail('optimizer', 'must be a name or an object { type, learningRate, ... }');
    }
    const bytes = utf8(toJSONText(optimizer, 'optimizer'), 'optimizer', this.#limits.maxDocumentBytes);
    this.#spec = JSON.parse(checked(this.#M, withText(this.#M, bytes, (p, length) => h.setOptimizer(p, length)), (w) => text(this.#M, w)));
  }
  /** Sets the L1 and L2 penalties ({ l1, l2 }; a field not given is kept). The weights, the
   *  optimizer and its state are kept, so training continues with the new penalties; nothing
   *  changes if it throws (NNError naming l1 or l2). */
  setPenalties(penalties) {
    const h = this.#live();
    if (typeof penalties !== 'object' || penalties === null || Array.isArray(penalties)) fail('penalties', `must be an object { l1, l2 } (got ${show(penalties)})`);
    for (const key of Object.keys(penalties)) if (key !== 'l1' && key !== 'l2') fail(`penalties.${key}`, 'unknown field (expected l1 or l2)');
    const { l1 = this.#spec.l1, l2 = this.#spec.l2 } = penalties;
    checkNumber(l1, 'l1');
    checkNumber(l2, 'l2');
    this.#spec = JSON.parse(checked(this.#M, h.setPenalties(l1, l2), (w) => text(this.#M, w)));
  }
  /** The saved document (spec, weights, optimizer state; see network.schema.json) as a fresh object,
   *  so JSON.stringify(net) is the file; nn.loadNetwork reads either. */
  toJSON() { return JSON.parse(checked(this.#M, this.#live().toJSON(), (w) => text(this.#M, w))); }
  /** The input standardizer every call taking x applies first, x' = (x − mean) / scale per input
   *  (saved with the network), or null: fresh copies. */
  get standardizer() {
    const M = this.#M;
    return checked(M, this.#live().standardizer(), (s) => (s === undefined ? null : { mean: doubles(M, s.mean), scale: doubles(M, s.scale) }));
  }
  /** Sets it ({ mean, scale }, e.g. from nn.fitStandardizer) or removes it (null); nothing changes if
   *  it throws (NNError naming standardizer.mean[k], standardizer.scale[k], ...). */
  setStandardizer(standardizer) {
    const h = this.#live();
    if (this.#fitting) fail('standardizer', 'cannot change while fit() runs on this network');
    if (standardizer === null) return void checked(this.#M, h.clearStandardizer());
    if (typeof standardizer !== 'object' || Array.isArray(standardizer)) {
      fail('standardizer', 'must be { mean, scale } (from nn.fitStandardizer) or null');
    }
    const { mean, scale } = standardizer;
    checkArray(mean, null, 'standardizer.mean');
    checkArray(scale, null, 'standardizer.scale');
    withHeap(this.#M, [{ data: mean, type: Float64Array }, { data: scale, type: Float64Array }],
      (pm, ps) => checked(this.#M, h.setStandardizer(pm, mean.length, ps, scale.length)));
  }
  /** Keras's model.fit: epochs of shuffled mini-batches with validation, early stopping, callbacks
   *  and an AbortSignal (wasm/fit.mjs; the contract is in nn.d.ts). */
  fit(x, y, n, options) {
    return fit({
      network: this,
      handle: () => this.#live(),
      handleOrNull: () => this.#h,
      heap: this.#M,
      call: (result) => checked(this.#M, result),
      loss: () => this.#catalog.losses.find((l) => l.name === this.#spec.loss),
      claim: () => {
        if (this.#fitting) fail('network', 'fit() is already running on this network');
        this.#fitting = true;
      },
      release: () => { this.#fitting = false; },
      fail, show, checkInt, checkArray,
    }, x, y, n, options);
  }
  /** The network as it is now, written for NumPy, PyTorch or an ONNX runtime (export/; the
   *  contract is in nn.d.ts): a Promise of a string or a Uint8Array. */
  export(format) {
    try {
      return exportDocument(this.toJSON(), this.#catalog, format);
    } catch (e) {
      return Promise.reject(e);
    }
  }
  /** Frees the network's wasm memory; any later call throws. */
  dispose() {
    if (this.#h) {
      unreached?.unregister(this);
      this.#h.delete();
      this.#h = null;
    }
  }
}

// --- the module ----------------------------------------------------------------------------------

function deepFreeze(value) {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

class NN {
  #M;
  #limits;

  constructor(M) {
    this.#M = M;
    const c = deepFreeze(JSON.parse(M.catalogJSON()));
    this.#limits = c.limits;
    /** Every table's rows with the facts a UI needs (see nn.d.ts). */
    this.catalog = c;
    this.activations = c.activations.map((a) => a.name);
    this.losses = c.losses.map((l) => l.name);
    this.optimizers = c.optimizers.map((o) => o.name);
    this.initializers = c.initializers.map((i) => i.name);
    this.datasets = c.datasets.map((d) => d.name);
    for (const names of [this.activations, this.losses, this.optimizers, this.initializers, this.datasets]) Object.freeze(names);
    Object.freeze(this);
  }

  // Runs fn(pointer, length) with a text for the core in the heap: beyond the reader's limit it is
  // rejected before it is copied.
  #withText(value, field, fn) {
    return withText(this.#M, utf8(value, field, this.#limits.maxDocumentBytes), fn);
  }
  #network(handle) {
    const h = checked(this.#M, handle);
    try {
      return new Network(this.#M, h, this.catalog);
    } catch (e) {
      h.delete();
      throw e;
    }
  }

  createNetwork(spec) {
    if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
      fail('spec', 'must be an object { inputs, layers, loss, optimizer, ... }');
    }
    return this.#network(this.#withText(toJSONText(spec, 'spec'), 'spec', (p, length) => this.#M.createNetwork(p, length)));
  }
  /** A saved network: the document as text (JSON.stringify(net), a file) or as an object (net.toJSON()). */
  loadNetwork(json) {
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) json = toJSONText(json, 'json');
    if (typeof json !== 'string') fail('json', 'must be a saved network: its JSON text or its object (from network.toJSON())');
    return this.#network(this.#withText(json, 'json', (p, length) => this.#M.loadNetwork(p, length)));
  }

  /** A seeded 2-D dataset: x is n × 2 row-major; labels (classification) or targets (regression). */
  makeDataset(name, options) {
    const { n = 200, noise = 0, classes = 0, seed = 1 } = optionsOf(options);
    if (typeof name !== 'string') fail('name', 'must be a dataset name (see nn.datasets)');
    checkInt(n, 'n', 1, this.#limits.maxPoints);
    checkNumber(noise, 'noise');
    checkInt(classes, 'classes', 0);
    checkSeed(seed);
    const M = this.#M;
    return checked(M, this.#withText(name, 'name', (p, length) => M.makeDataset(p, length, n, noise, classes, seed)), (d) => ({
      name: d.name, classes: d.classes, n: d.n, x: floats(M, d.x), regression: d.classes === 0,
      labels: d.labels ? ints(M, d.labels) : null, targets: d.targets ? floats(M, d.targets) : null,
    }));
  }
  /** The core's train/test split of a dataset with any number of inputs per point (x.length / n of
   *  them). Default: a seeded shuffle, round(n · testRatio) test points. options.byPoint: each point's
   *  part comes from a seeded hash of its inputs, so adding or removing points never moves the
   *  others (with no point left to train, every point trains). Each part is the data's object with
   *  its own n, x and labels | targets. */
  splitDataset(data, testRatio, seed = 1, options) {
    const { byPoint = false } = optionsOf(options);
    checkNumber(testRatio, 'testRatio');
    checkSeed(seed);
    if (typeof byPoint !== 'boolean') fail('byPoint', `must be true or false (got ${show(byPoint)})`);
    const M = this.#M;
    const read = ({ train, test }) => {
      const part = (p) => {
        const out = { ...data, n: p.n, x: floats(M, p.x) };
        if (p.labels) out.labels = ints(M, p.labels);
        else out.targets = floats(M, p.targets);
        return out;
      };
      return { train: part(train), test: part(test) };
    };
    return this.#withData(data, (px, inputs, n, pv, classes) => M.splitDataset(px, inputs, n, pv, classes, testRatio, seed, byPoint), read);
  }
  /** Targets y (n × outputs) for a network with `outputs` units and this output activation:
   *  one-hot, 1 / 2·midpoint − 1 (0 for sigmoid, −1 for tanh) for one output, or the
   *  regression value. */
  encodeTargets(data, outputs, outputActivation) {
    checkInt(outputs, 'outputs');
    if (typeof outputActivation !== 'string') fail('outputActivation', `must be an activation name (got ${show(outputActivation)})`);
    const M = this.#M;
    const activation = utf8(outputActivation, 'outputActivation', this.#limits.maxDocumentBytes);
    return withHeap(M, [{ data: activation, type: Uint8Array }], (pa) => this.#withData(data,
      (px, inputs, n, pv, classes) => M.encodeTargets(px, inputs, n, pv, classes, outputs, pa, activation.length),
      (w) => floats(M, w)));
  }
  /** scikit-learn's StandardScaler, fitted on data (a training part, n ≥ 1): per input, the mean
   *  and the population std (ddof 0), or 1 for an input whose values are all equal. */
  fitStandardizer(data) {
    const M = this.#M;
    return this.#withData(data, (px, inputs, n, pv, classes) => M.fitStandardizer(px, inputs, n, pv, classes),
      ({ mean, scale }) => ({ mean: doubles(M, mean), scale: doubles(M, scale) }));
  }
  /** data with x replaced by (x − mean) / scale, input by input (Float32Array); the rest is kept. */
  standardize(data, standardizer) {
    if (typeof standardizer !== 'object' || standardizer === null) fail('standardizer', 'must be { mean, scale } (from nn.fitStandardizer)');
    const { mean, scale } = standardizer;
    checkArray(mean, null, 'standardizer.mean');
    checkArray(scale, null, 'standardizer.scale');
    const count = mean.length;
    if (scale.length !== count) fail('standardizer.scale', `expected as many values as standardizer.mean: ${count} (got ${scale.length})`);
    const M = this.#M;
    return withHeap(M, [{ data: mean, type: Float64Array }, { data: scale, type: Float64Array }], (pm, ps) => this.#withData(data,
      (px, inputs, n, pv, classes) => M.standardize(px, inputs, n, pv, classes, pm, ps, count),
      (w) => ({ ...data, x: floats(M, w) }), count || 1));
  }
  // Runs call(x, inputs, n, values, classes) with a dataset object's arrays copied into the heap
  // (x as float32, labels as int32 or targets as float64) and reads its result. Only what the copy
  // needs is checked here (types, lengths, integer labels); the core checks the values. With n = 0
  // x cannot tell the inputs: emptyInputs says them (standardize: the standardizer's).
  #withData(data, call, read, emptyInputs = 1) {
    if (typeof data !== 'object' || data === null) fail('data', 'must be a dataset { n, x, labels | targets, classes }');
    const n = checkInt(data.n, 'data.n', 0);
    checkArray(data.x, null, 'data.x');
    const inputs = n ? data.x.length / n : emptyInputs;
    if (!Number.isInteger(inputs) || inputs < 1 || (!n && data.x.length)) {
      fail('data.x', `must hold n × inputs values: ${data.x.length} is not a multiple of n = ${n}`);
    }
    const labelled = data.labels !== null && data.labels !== undefined;
    const values = labelled ? data.labels : data.targets;
    checkArray(values, n, labelled ? 'data.labels' : 'data.targets', 'n');
    let classes = 0;
    if (labelled) {
      classes = checkInt(data.classes, 'data.classes');
      for (let i = 0; i < n; i++) {
        if (!Number.isInteger(values[i]) || Math.abs(values[i]) > INT_MAX) fail(`data.labels[${i}]`, `must be an integer from 0 to ${classes - 1} (got ${show(values[i])})`);
      }
    } else {
      for (let i = 0; i < n; i++) if (typeof values[i] !== 'number') fail(`data.targets[${i}]`, `must be a number (got ${show(values[i])})`);
    }
    const M = this.#M;
    const arrays = [{ data: data.x }, { data: values, type: labelled ? Int32Array : Float64Array }];
    return checked(M, withHeap(M, arrays, (px, pv) => call(px, inputs, n, pv, classes)), read);
  }
  /** Diagnostics for leak checks: the number of live allocations in the wasm heap (exact), the
   *  bytes they hold (with the allocator's rounding, which depends on history: for size bounds),
   *  and the wasm shadow stack pointer. */
  heapAllocations() {
    const count = this.#M.heapAllocations();
    if (count < 0) fail('', 'internal error: the heap walk disagrees with mallinfo (not the allocator wasm/bindings.cpp knows)');
    return count;
  }
  heapInUse() { return this.#M.heapInUse(); }
  stackPointer() { return this.#M.stackPointer(); }
}
