// nn.d.ts — types of the NN by Hand module (the package's entry, dist/lib/nn.mjs; nn.d.cts is the
// same for require). Hand-written and kept exact, except the `// @catalog …` lines, which
// scripts/catalog.mjs fills from the core's tables at build time.

/** Where and how to load the WebAssembly. By default nn_wasm.wasm is found beside the module
 *  (`new URL('./nn_wasm.wasm', import.meta.url)`, which Vite and webpack follow and ship). */
export interface LoadOptions {
  /** Where nn_wasm.wasm is: a URL object or an absolute URL, or a relative reference resolved as
   *  the platform resolves one — against the page's (or worker's) URL in a browser, against the
   *  current directory in Node, where it may also be a file path. A .wasm that cannot be read or
   *  is not WebAssembly rejects with an NNError whose field is "wasmUrl" and whose message names
   *  the URL. */
  wasmUrl?: string | URL;
  /** The .wasm bytes, if the embedder already has them (wasmUrl is then not read). */
  wasmBinary?: ArrayBuffer | Uint8Array;
}

export type ActivationName = string; // @catalog activations
export type LossName = string; // @catalog losses
export type OptimizerName = string; // @catalog optimizers
export type InitializerName = string; // @catalog initializers
export type DatasetName = string; // @catalog datasets

export interface LayerSpec {
  /** Width, 1..4096. */
  units: number;
  /** Default 'linear'. */
  activation?: ActivationName;
}

/** PyTorch's update rules and defaults. Every field given is checked against its range, even one
 *  the type does not read; the normalised spec keeps only what the type reads. */
export interface OptimizerSpec {
  type?: OptimizerName;          // default 'adam'
  /** Default: the optimizer's (catalog.optimizers[i].defaultLearningRate); > 0. */
  learningRate?: number;
  // @catalog hyperparameters
}

export interface NetworkSpec {
  /** Features per sample; default 2. */
  inputs?: number;
  /** Hidden layers..., then the output layer (at least one). */
  layers: LayerSpec[];
  /** Default: categorical_crossentropy for softmax, binary_crossentropy for sigmoid, else mse. */
  loss?: LossName;
  /** An object, or just the optimizer's name. Default { type: 'adam' }. */
  optimizer?: OptimizerSpec | OptimizerName;
  /** λ₁ and λ₂ regularisation of the weights (never the biases); default 0. */
  l1?: number;
  l2?: number;
  /** Default 'glorot_uniform'; biases always start at 0. */
  init?: InitializerName;
  /** Seeds the initial weights and the epoch shuffles; default 1. */
  seed?: number;
}

/** The spec with every default filled in. */
export interface NormalizedSpec {
  inputs: number;
  layers: Required<LayerSpec>[];
  loss: LossName;
  /** The type, the learning rate and every other hyperparameter this type reads (catalog.optimizers[i].hyperparameters). */
  optimizer: OptimizerSpec & { type: OptimizerName; learningRate: number };
  l1: number;
  l2: number;
  init: InitializerName;
  seed: number;
}

export interface Evaluation {
  /** Mean data loss (no regularisation). */
  loss: number;
  /** Fraction correct: argmax for ≥ 2 outputs; for one output, the same side of the output
   *  activation's midpoint (0 for tanh with ±1 targets, 0.5 otherwise). */
  accuracy: number;
}

export interface Gradients {
  /** The mean data loss of the batch. */
  loss: number;
  /** dL/dW per layer, row-major (out × in), like getWeights. */
  weights: Float32Array[];
  /** dL/db per layer. */
  biases: Float32Array[];
}

export interface TraceLayer {
  units: number;
  fanIn: number;
  activation: ActivationName;
  /** units × fanIn, row-major. */
  W: Float32Array;
  b: Float32Array;
  /** n × units, row-major (one row per sample): Z = W·A_prev + b, A = f(Z), dZ = dL/dZ. */
  Z: Float32Array;
  A: Float32Array;
  dZ: Float32Array;
  /** units × fanIn, row-major: dW = dZ·A_prevᵀ / n. */
  dW: Float32Array;
  db: Float32Array;
}

export interface Trace {
  /** Mean data loss of the batch. */
  loss: number;
  n: number;
  layers: TraceLayer[];
}

export interface LayerCheck {
  /** ‖analytic − numeric‖ / ‖analytic + numeric‖ over the checked weights of the layer. */
  weights: number;
  biases: number;
  /** How many parameters of the layer were compared. */
  checked: number;
}

/** Float32Array, or a plain array of numbers (copied). */
export type Floats = Float32Array | ArrayLike<number>;

export interface Network {
  readonly spec: NormalizedSpec;
  readonly inputs: number;
  readonly outputs: number;
  readonly layerCount: number;
  /** Optimizer steps since creation or the last change of optimizer type. */
  readonly steps: number;
  /** x: n × inputs row-major → n × outputs row-major. */
  predict(x: Floats, n: number): Float32Array;
  /** Every layer's activations A[l] for x (n × units each, row-major); the last equals predict. */
  forwardLayers(x: Floats, n: number): Float32Array[];
  /** Layer l's activations A[l] for x alone (n × units, row-major), computing layers 0..l only:
   *  equal to forwardLayers(x, n)[layer]. */
  forwardLayer(layer: number, x: Floats, n: number): Float32Array;
  /** One optimizer step; returns the batch's mean data loss before the step. A non-finite value
   *  means divergence: the step was skipped and the weights are unchanged (+Infinity: the step
   *  would have made a parameter or the optimizer's state non-finite, and was rolled back). */
  trainBatch(x: Floats, y: Floats, n: number): number;
  /** One epoch in mini-batches (default batchSize 10, shuffle true, seeded); the mean loss, or the
   *  first non-finite batch loss (the epoch stops there). */
  trainEpoch(x: Floats, y: Floats, n: number, options?: { batchSize?: number; shuffle?: boolean }): number;
  evaluate(x: Floats, y: Floats, n: number): Evaluation;
  gradients(x: Floats, y: Floats, n: number): Gradients;
  /** Everything one forward + backward pass computes on the batch (the values the core really
   *  uses), per layer. The gradients are those of the mean data loss, as gradients(). */
  trace(x: Floats, y: Floats, n: number): Trace;
  /** Backprop (float) against central differences (double) on the batch, per layer. Bounded:
   *  n ≤ catalog.limits.maxCheckSamples (1,000), maxPerLayer ≤ maxCheckPerLayer (1,024), and
   *  2 · checked entries · parameters · n ≤ maxCheckWork (2e9 multiply-adds), checked first. */
  gradientCheck(x: Floats, y: Floats, n: number, options?: { maxPerLayer?: number }): LayerCheck[];
  /** Layer l's W: out × in, row-major (= torch nn.Linear.weight). Layers are 0-based. */
  getWeights(layer: number): Float32Array;
  getBiases(layer: number): Float32Array;
  setWeights(layer: number, w: Floats): void;
  setBiases(layer: number, b: Floats): void;
  /** One weight W[layer](row, col) (row: the unit, col: its input, as in getWeights' out × in).
   *  Throws an NNError naming layer, row, col or value (a finite float) and changes nothing. */
  setWeight(layer: number, row: number, col: number, value: number): void;
  /** One bias b[layer](row); throws as setWeight. */
  setBias(layer: number, row: number, value: number): void;
  /** An independent deep copy made inside the module (weights, optimizer state, step count,
   *  shuffle state): it trains exactly as this network would. Dispose of it as well. */
  clone(): Network;
  /** Fields not given are kept; the weights are always kept; the optimizer's state is kept for
   *  the same type and reset for another (which gets its default learning rate unless given). */
  setOptimizer(optimizer: OptimizerSpec | OptimizerName): void;
  /** The saved document (spec, weights, optimizer state and shuffle state) as a fresh object, so
   *  `JSON.stringify(net)` is the file; nn.loadNetwork reads either. See network.schema.json. */
  toJSON(): NetworkDocument;
  /** Frees the wasm memory; every later call throws. */
  dispose(): void;
}

export interface Dataset {
  name: DatasetName;
  n: number;
  /** 0 for regression. */
  classes: number;
  regression: boolean;
  /** n × 2, row-major: x1, x2 of each point, in [−6, 6]². */
  x: Float32Array;
  /** Class of each point, 0..classes−1 (classification), else null. */
  labels: Int32Array | null;
  /** Target of each point in [−1, 1] (regression), else null. */
  targets: Float32Array | null;
}

/** What splitDataset, encodeTargets, fitStandardizer and standardize read: n points (n may be 0) with any number of inputs each
 *  (x holds n × inputs values, all finite), and either labels (integers from 0 to classes − 1,
 *  with classes an integer ≥ 1) or targets (finite floats). */
export interface DataLike {
  n: number;
  x: Floats;
  classes?: number;
  labels?: ArrayLike<number> | null;
  targets?: ArrayLike<number> | null;
}

/** scikit-learn's StandardScaler fitted on a training part: per input, mean and scale (the
 *  population std, ddof 0; 1 for an input whose values are all equal). Plain JSON-able numbers
 *  work too, so a standardizer saved beside a network applies the same way later. */
export interface Standardizer {
  mean: Float64Array | ArrayLike<number>;
  scale: Float64Array | ArrayLike<number>;
}

/** One hyperparameter of the optimizers: its default and the range the core accepts (hi null: ∞). */
export interface HyperparameterInfo {
  name: string; display: string; tex: string; default: number | null;
  lo: number; hi: number | null; loOpen: boolean; hiOpen: boolean;
}

/** Every table of the core with what a page needs about each row. TeX uses the placeholders #Z,
 *  #A, #dA, #dZ (the layer's matrices) and #Y (the targets). Unbounded numbers are null. */
export interface Catalog {
  activations: {
    name: ActivationName; display: string; about: string; elementwise: boolean; unitInterval: boolean;
    /** The range of f; decision threshold of one output (targets 1 and 2·midpoint − 1); sup f'. */
    lo: number | null; hi: number | null; midpoint: number; maxSlope: number | null; deadBelowZero: boolean;
    tex: { forward: string; backward: string; definition: string | null; note: string | null };
  }[];
  losses: {
    name: LossName; display: string; needsUnitInterval: boolean; minOutputs: number;
    fusedActivation: ActivationName | null; meanOverOutputs: boolean; constantGradient: boolean;
    tex: { value: string; gradient: string; fused: string | null; why: string | null };
  }[];
  hyperparameters: HyperparameterInfo[];
  optimizers: {
    name: OptimizerName; display: string; defaultLearningRate: number; stateSlots: number; countsSteps: boolean;
    /** What the step reads, learningRate first, with this optimizer's defaults. */
    hyperparameters: HyperparameterInfo[];
    tex: { rules: string[]; state: string | null };
  }[];
  initializers: { name: InitializerName; display: string; symmetric: boolean }[];
  datasets: { name: DatasetName; display: string; regression: boolean; minClasses: number; maxClasses: number; defaultClasses: number }[];
  /** The output layer that suits each kind of problem. */
  problems: Record<'regression' | 'binary' | 'multiclass', { outputActivation: ActivationName; loss: LossName }>;
  /** What a new playground network starts with. */
  defaults: { dataset: DatasetName; hiddenActivation: ActivationName; init: InitializerName; optimizer: OptimizerName };
  /** The stated limits. A saved document (loadNetwork, and what toJSON may produce) is at most
   *  maxDocumentBytes of UTF-8 and maxDocumentDepth levels deep; gradientCheck takes at most
   *  maxCheckSamples samples and maxPerLayer ≤ maxCheckPerLayer, and at most maxCheckWork
   *  multiply-adds in all (2 · checked entries · parameters · n); a network counts at most maxSteps
   *  optimizer steps (2^53 − 1). Generated points lie in [−extent, extent]²; at most maxClasses classes. */
  limits: {
    maxUnits: number; maxLayers: number; maxParameters: number; maxPoints: number; maxClasses: number; extent: number;
    maxDocumentBytes: number; maxDocumentDepth: number; maxCheckPerLayer: number; maxCheckSamples: number;
    maxCheckWork: number; maxSteps: number;
  };
  /** The "format" field of a saved network. */
  format: string;
}

/** A saved network (network.schema.json in the package describes it field by field). */
export interface NetworkDocument {
  /** catalog.format: "nn-by-hand/network". */
  format: string;
  /** A reader reads every version up to its own. */
  version: number;
  spec: NormalizedSpec;
  /** W of each layer, out × in as rows (torch nn.Linear.weight). */
  weights: number[][][];
  biases: number[][];
  optimizerState: { step: number; slots: { weights: number[][][]; biases: number[][] }[] };
  /** The shuffle generator's state: four 16-digit hex words. */
  rng: string[];
  /** Anything else an application stores beside the network is kept by loadNetwork's reader. */
  [extra: string]: unknown;
}

/** The catalog and its name lists are deeply frozen. */
export type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[]
  : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

export interface NN {
  readonly activations: readonly ActivationName[];
  readonly losses: readonly LossName[];
  readonly optimizers: readonly OptimizerName[];
  readonly initializers: readonly InitializerName[];
  readonly datasets: readonly DatasetName[];
  readonly catalog: DeepReadonly<Catalog>;
  /** Throws an Error naming the bad field (e.g. "layers[0].units: ..."). */
  createNetwork(spec: NetworkSpec): Network;
  /** Reads a saved network: its text (`JSON.stringify(net)`, a file) or its object (`net.toJSON()`);
   *  throws naming the field of a malformed document. Unknown top-level fields are ignored, so an
   *  application may store its own metadata beside the network. */
  loadNetwork(json: string | NetworkDocument): Network;
  makeDataset(name: DatasetName, options?: { n?: number; noise?: number; classes?: number; seed?: number }): Dataset;
  /** The core's seeded split: round(n · testRatio) test points (at most n − 1), the rest for
   *  training, each in shuffled order (byPoint: in data's order). Any number of inputs per point: x holds n × inputs values. seed: an
   *  integer from 0 to 2^53 − 1 (default 1). options.byPoint: each point is a test point when a
   *  seeded hash of its inputs' float32 bits falls below testRatio, so adding or removing points
   *  never moves the others (with no point left to train, every point trains); for data that grows.
   *  Each part is a copy of data with its own n, x and labels (Int32Array) or targets (Float32Array). */
  splitDataset<D extends DataLike>(data: D, testRatio: number, seed?: number, options?: { byPoint?: boolean }): { train: D; test: D };
  /** y (n × outputs) for a dataset: one-hot, 1 and 2·midpoint − 1 for one output (0/1 for sigmoid,
   *  ±1 for tanh) or the regression value. Labels need `classes` (an integer ≥ 1). */
  encodeTargets(data: DataLike, outputs: number, outputActivation: ActivationName): Float32Array;
  /** Fits a standardizer on data (the training part, n ≥ 1, any number of inputs): per input,
   *  mean = Σx / n and scale = √(Σ(x − mean)² / n), or 1 when every value is the same. */
  fitStandardizer(data: DataLike): { mean: Float64Array; scale: Float64Array };
  /** A copy of data with x replaced by (x − mean) / scale, input by input (a Float32Array); fit on
   *  the training part, then standardize every part with the same one. Throws an NNError naming
   *  standardizer.mean or standardizer.scale (one finite mean and one finite scale > 0 per input),
   *  or data.x (a value, or its standardised value, beyond float's range). */
  standardize<D extends DataLike>(data: D, standardizer: Standardizer): D;
  /** Bytes of the wasm heap in use, and the wasm shadow stack pointer: both are exactly where they
   *  were after any call that threw (for leak checks). */
  heapInUse(): number;
  stackPointer(): number;
}

/** Every error the API throws: `field` is the dotted path of what was wrong ("layers[0].units",
 *  "optimizerState.slots[1]", "x", "json"), '' when no one field is to blame; the message starts
 *  with it and quotes at most ~100 characters of any value. After it, the network, every other
 *  network and the module are exactly as before. */
export class NNError extends Error {
  constructor(field: string, message: string);
  readonly name: 'NNError';
  readonly field: string;
}

export function loadNN(options?: LoadOptions): Promise<NN>;
