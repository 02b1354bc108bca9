// nn.d.ts — types of the NN by Hand module (dist/lib/nn.mjs). Hand-written and kept exact, except
// the `// @catalog …` lines, which scripts/catalog.mjs fills from the core's tables at build time.

/** Where and how to load the WebAssembly. */
export interface LoadOptions {
  /** URL of nn_wasm.wasm when it is not served beside nn.js (or a file path/URL in Node). */
  wasmUrl?: string | URL;
  /** The .wasm bytes, if the embedder already has them. */
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

/** What fit can measure beyond the loss. */
export type MetricName = 'accuracy';
/** A log fit writes each epoch (val_*: on the validation data). */
export type LogName = 'loss' | 'accuracy' | 'val_loss' | 'val_accuracy';

/** What fit reads of an AbortSignal (a DOM or Node AbortSignal is one). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: any;
}

/** Keras's EarlyStopping: stops when the monitored log has not improved (by more than minDelta)
 *  for `patience` epochs in a row — at the first such epoch for patience 0 or 1 — never after
 *  the first epoch. Losses improve by falling, accuracies by rising. */
export interface EarlyStoppingOptions {
  /** Default 'val_loss' with validation data, else 'loss'. A val_* log needs validation data and
   *  an accuracy log needs the accuracy metric. */
  monitor?: LogName | undefined;
  /** Epochs without improvement before stopping; default 0. */
  patience?: number | undefined;
  /** The least change that counts as an improvement; default 0. */
  minDelta?: number | undefined;
  /** Keras's restore_best_weights: when fit ends (completed, stopped early or diverged, not when
   *  it rejects), the weights and biases of the best epoch are put back (not the optimizer's
   *  state). Default false. */
  restoreBest?: boolean | undefined;
}

export interface FitOptions {
  /** Default 1 (0 trains nothing). */
  epochs?: number | undefined;
  /** Default 32 (as Keras); at most n is used. */
  batchSize?: number | undefined;
  /** Default true: each epoch in a new order from the network's seeded shuffle stream, so fit is
   *  deterministic; one epoch without validation gives the bits of trainEpoch. */
  shuffle?: boolean | undefined;
  /** 0 ≤ s < 1, default 0: the last n − floor(n·(1 − s)) samples, taken before any shuffling, are
   *  the validation data (Keras's validation_split). Not with validationData. */
  validationSplit?: number | undefined;
  /** Validation data of its own (x: n × inputs, y: n × outputs). Not with validationSplit. */
  validationData?: { x: Floats; y: Floats; n: number } | undefined;
  earlyStopping?: EarlyStoppingOptions | undefined;
  /** Default false. true: a standardizer fitted on the training part (after the validation split)
   *  is set on the network before training (replacing any), so the validation data and later
   *  calls are standardized by the network itself. */
  standardize?: boolean | undefined;
  /** Default ['accuracy'] for a classification loss (catalog.losses[i].needsUnitInterval), else []. */
  metrics?: MetricName[] | undefined;
  /** After each epoch (0-based), with that epoch's logs. A returned promise is awaited; a throw (or
   *  rejection) makes fit reject with it. */
  onEpochEnd?: ((epoch: number, logs: EpochLogs) => void | PromiseLike<void>) | undefined;
  /** After each mini-batch (its 0-based index in the epoch), with the epoch's running logs. */
  onBatchEnd?: ((batch: number, logs: BatchLogs) => void | PromiseLike<void>) | undefined;
  /** Checked between mini-batches and epochs: once aborted, fit rejects with signal.reason (as
   *  fetch does); the network keeps what it learned until then. */
  signal?: AbortSignalLike | undefined;
}

/** The running logs of the epoch so far (Keras's on_train_batch_end). */
export interface BatchLogs {
  /** Mean batch loss over the epoch's batches so far (the non-finite one when it diverged). */
  loss: number;
  /** Right answers over the epoch's samples so far, each batch judged before its step. */
  accuracy?: number;
}

export interface EpochLogs {
  /** Mean training batch loss over the epoch, each batch's before its step and weighted by its
   *  size: what trainEpoch returns (the data loss, without l1/l2 penalties). */
  loss: number;
  /** Keras's running accuracy over the epoch's batches (each judged before its step). */
  accuracy?: number;
  /** evaluate on the validation data after the epoch. */
  val_loss?: number;
  val_accuracy?: number;
}

/** What fit resolves to: Keras's History. */
export interface History {
  /** One value per epoch run, for each log. */
  history: { loss: number[]; accuracy?: number[]; val_loss?: number[]; val_accuracy?: number[] };
  /** The epochs run: 0, 1, ... */
  epoch: number[];
  /** steps: mini-batches per epoch; samples: the training part's size. */
  params: { epochs: number; batchSize: number; steps: number; samples: number };
  /** 'diverged': an epoch's loss was not finite (the core skipped or rolled back that step, so the
   *  weights stay finite); fit stops there, after that epoch's logs and onEpochEnd. */
  stopReason: 'completed' | 'earlyStopping' | 'diverged';
  /** With earlyStopping, once an epoch ran: the epoch whose monitored log was best. */
  bestEpoch?: number;
}

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
  /** The input standardizer every call taking x (predict, evaluate, the training and inspection
   *  calls, gradientCheck) applies first, x' = (x − mean) / scale per input (computed in double,
   *  rounded to float: the same bits as nn.standardize), or null. Saved with the network. Fresh
   *  copies. With one, trace and gradients describe the layers, whose input is the standardized x. */
  readonly standardizer: { mean: Float64Array; scale: Float64Array } | null;
  /** Sets the standardizer (one finite mean and one finite scale > 0 per input, e.g. from
   *  nn.fitStandardizer) or removes it (null). Throws an NNError naming standardizer.mean[k] or
   *  standardizer.scale[k] and changes nothing; refused while fit() runs. A call whose standardized
   *  x would leave float's range throws (field "x"). */
  setStandardizer(standardizer: Standardizer | null): void;
  /** Keras's model.fit: epochs of mini-batches with validation, early stopping, callbacks and an
   *  AbortSignal; the data is copied into the module once. Every option is checked first (an
   *  NNError naming e.g. options.epochs or options.earlyStopping.patience, nothing changed). It
   *  yields to the event loop every ~12 ms, so a page stays responsive. Rejects when a callback
   *  throws, the signal aborts, the network is disposed, or another fit runs on this network
   *  (at once); the network keeps what it learned, and nothing is left in the module. */
  fit(x: Floats, y: Floats, n: number, options?: FitOptions): Promise<History>;
  /** Versioned JSON: spec, weights, optimizer state, shuffle state and the standardizer (format
   *  version 1 without one, 2 with one). */
  toJSON(): string;
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

export interface NN {
  readonly activations: ActivationName[];
  readonly losses: LossName[];
  readonly optimizers: OptimizerName[];
  readonly initializers: InitializerName[];
  readonly datasets: DatasetName[];
  readonly catalog: Catalog;
  /** Throws an Error naming the bad field (e.g. "layers[0].units: ..."). */
  createNetwork(spec: NetworkSpec): Network;
  /** Reads network.toJSON() (format versions 1 and 2); throws naming the field of a malformed
   *  document. Unknown top-level fields are ignored, so an application may store its own metadata
   *  beside the network (in version 1 that includes "standardizer", which version 2 reads). */
  loadNetwork(json: string): Network;
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
  readonly field: string;
}

export function loadNN(options?: LoadOptions): Promise<NN>;
