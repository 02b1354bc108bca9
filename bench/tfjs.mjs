// tfjs.mjs — the TensorFlow.js contenders: the same network as a tf.sequential of dense layers, run
// on the CPU backend (plain JS kernels) or on @tensorflow/tfjs-backend-wasm (XNNPACK, wasm SIMD).
//
// Why this path: model.fit has heavy per-batch overhead (callbacks, per-batch validation, a
// history), so each step is the fastest reasonable hand-written one: the loss of one pre-made batch
// tensor under optimizer.minimize (tf.variableGrads + the update, inside tf.tidy). The forward is
// the dense math in tfjs-core ops on the model's own variables: matMul, add, activation for
// training; tf.fused.matMul (bias and relu folded in, as tfjs-layers' Dense does) for predict.
// Measured here: model.apply trains no faster than plain ops (up to 10 % slower), fused ops train
// no faster either (and tanh has no fused gradient), while fused predicts up to 20 % faster on W2.
// tf.enableProdMode() drops debug-time checks. The model's last layer is linear and the loss is
// taken from the logits (tf.losses.sigmoidCrossEntropy / softmaxCrossEntropy: the same fused,
// stable math as ours); predictions apply sigmoid/softmax. Kernels are [in, out]: the transpose of
// our W (out × in). The wasm backend runs single-threaded (like our module), with SIMD when Node
// has it.
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

const WASM_DIR = fileURLToPath(new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url));

let wasmPathsSet = false;

/** Switches tfjs to `backend` ('cpu' or 'wasm'); returns a description of what runs. Production
 *  mode drops tfjs's debug-time argument checks (and its "install tfjs-node" banner). */
export async function useBackend(backend) {
  tf.enableProdMode();
  if (backend === 'wasm' && !wasmPathsSet) {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);  // one thread, as our module
    setWasmPaths(WASM_DIR);  // a file path: in Node the backend reads the .wasm with fs
    wasmPathsSet = true;
  }
  if (tf.getBackend() !== backend && !(await tf.setBackend(backend))) {
    throw new Error(`tfjs: backend ${backend} failed to initialise`);
  }
  await tf.ready();
  if (backend !== 'wasm') return `tfjs-core ${tf.version_core}, cpu backend`;
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  return `tfjs-core ${tf.version_core}, wasm backend: ${simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm'}, 1 thread`;
}

const activations = {  // tfjs-core ops for the hidden activations and the output's
  linear: (z) => z, tanh: tf.tanh, relu: tf.relu, sigmoid: tf.sigmoid, softmax: tf.softmax,
};
const lossesFromLogits = {
  binary_crossentropy: (y, z) => tf.losses.sigmoidCrossEntropy(y, z),  // mean over elements
  categorical_crossentropy: (y, z) => tf.losses.softmaxCrossEntropy(y, z),  // mean over samples
};

export class TfjsMLP {
  /** spec, weights (out × in row-major) and biases as data.mjs draws them. */
  constructor(spec, weights, biases) {
    this.spec = spec;
    const layers = spec.layers;
    this.model = tfl.sequential();
    layers.forEach((l, i) => this.model.add(tfl.layers.dense({
      units: l.units,
      activation: i === layers.length - 1 ? 'linear' : l.activation,  // logits out; see the header
      inputShape: i === 0 ? [spec.inputs] : undefined,
    })));
    this.setWeights(weights, biases);
    this.vars = this.model.trainableWeights.map((w) => w.read());  // kernel, bias per layer: tf.Variable
    const o = spec.optimizer;
    this.optimizer = o.type === 'sgd' ? tf.train.sgd(o.learningRate)
      : tf.train.adam(o.learningRate, o.beta1 ?? 0.9, o.beta2 ?? 0.999, o.epsilon ?? 1e-8);
    this.loss = lossesFromLogits[spec.loss];
    this.output = activations[layers.at(-1).activation];
  }

  setWeights(weights, biases) {
    const sizes = [this.spec.inputs, ...this.spec.layers.map((l) => l.units)];
    const values = [];
    weights.forEach((W, l) => {
      const nIn = sizes[l], nOut = sizes[l + 1];
      const kernel = new Float32Array(nIn * nOut);  // [in, out] = Wᵀ
      for (let o = 0; o < nOut; o++) for (let k = 0; k < nIn; k++) kernel[k * nOut + o] = W[o * nIn + k];
      values.push(tf.tensor2d(kernel, [nIn, nOut]), tf.tensor1d(biases[l]));
    });
    this.model.setWeights(values);
    values.forEach((t) => t.dispose());
  }

  /** Logits (m × outputs) of a batch tensor, with fused matMul + bias + relu ops or without. */
  logits(x, fused) {
    let a = x;
    const L = this.spec.layers.length;
    for (let l = 0; l < L; l++) {
      const act = l === L - 1 ? 'linear' : this.spec.layers[l].activation;
      if (fused) {
        const fusable = act === 'relu' || act === 'linear';
        a = tf.fused.matMul({ a, b: this.vars[2 * l], bias: this.vars[2 * l + 1], activation: fusable ? act : 'linear' });
        if (!fusable) a = activations[act](a);
      } else {
        a = activations[act](tf.add(tf.matMul(a, this.vars[2 * l]), this.vars[2 * l + 1]));
      }
    }
    return a;
  }

  /** `epochs` passes over x (n × inputs), y (n × outputs) in order, in mini-batches. The batch
   *  tensors are made once per call (timed with the rest: a real trainer would do the same). */
  train(x, y, n, batchSize, epochs) {
    const nIn = this.spec.inputs, nOut = this.spec.layers.at(-1).units;
    const batches = [];
    for (let s = 0; s < n; s += batchSize) {
      const m = Math.min(batchSize, n - s);
      batches.push([tf.tensor2d(x.subarray(s * nIn, (s + m) * nIn), [m, nIn]),
        tf.tensor2d(y.subarray(s * nOut, (s + m) * nOut), [m, nOut])]);
    }
    for (let e = 0; e < epochs; e++) {
      for (const [xb, yb] of batches) this.optimizer.minimize(() => this.loss(yb, this.logits(xb, false)), false, this.vars);
    }
    batches.forEach(([xb, yb]) => { xb.dispose(); yb.dispose(); });
  }

  /** x: n × inputs → a fresh n × outputs Float32Array, in one batched call. */
  predict(x, n) {
    return tf.tidy(() => this.output(this.logits(tf.tensor2d(x, [n, this.spec.inputs]), true)).dataSync().slice());
  }

  /** Our layout: W (out × in) row-major and b per layer. */
  weights() {
    return this.vars.filter((_, i) => i % 2 === 0).map((k) => {
      const [nIn, nOut] = k.shape, K = k.dataSync(), W = new Float32Array(nIn * nOut);
      for (let o = 0; o < nOut; o++) for (let i = 0; i < nIn; i++) W[o * nIn + i] = K[i * nOut + o];
      return W;
    });
  }

  dispose() {
    this.model.dispose?.();
    this.optimizer.dispose();
  }
}

/** Number of live tensors (a leak check between runs). */
export const liveTensors = () => tf.memory().numTensors;
