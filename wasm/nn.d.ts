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

/** An activation of the core's table (catalog.activations), elementwise or softmax; PyTorch's
 *  definitions. */
export type ActivationName = string; // @catalog activations
/** A loss of the core's table (catalog.losses); the mean over the batch, as PyTorch's. */
export type LossName = string; // @catalog losses
/** An optimizer of the core's table (catalog.optimizers): torch.optim's update rules. */
export type OptimizerName = string; // @catalog optimizers
/** A weight initialiser of the core's table (catalog.initializers); biases always start at 0. */
export type InitializerName = string; // @catalog initializers
/** A built-in 2-D toy dataset of the core's table (catalog.datasets), for makeDataset. */
export type DatasetName = string; // @catalog datasets

/** One layer: a hidden layer, or (the last one) the output layer. */
export interface LayerSpec {
  /** Width, 1..4096. */
  units: number;
  /** Default 'linear'. */
  activation?: ActivationName;
}

/** PyTorch's update rules and defaults. Every field given is checked against its range, even one
 *  the type does not read; the normalised spec keeps only what the type reads. */
export interface OptimizerSpec {
  /** Default 'adam'. */
  type?: OptimizerName;
  /** Default: the optimizer's (catalog.optimizers[i].defaultLearningRate); > 0. */
  learningRate?: number;
  // @catalog hyperparameters
}

/** What createNetwork takes: only `layers` is required; every other field has its default, and an
 *  unknown field is an error (so a typo is never ignored). */
export interface NetworkSpec {
  /** Features per sample; default 2. */
  inputs?: number;
  /** Hidden layers..., then the output layer (at least one). */
  layers: LayerSpec[];
  /** Default: categorical_crossentropy for softmax, binary_crossentropy for sigmoid, else mse. */
  loss?: LossName;
  /** An object, or just the optimizer's name. Default { type: 'adam' }. */
  optimizer?: OptimizerSpec | OptimizerName;
  /** λ₁: the L1 penalty λ₁·Σ|W| added to the loss of every step, on the weights (never the
   *  biases); default 0, at least 0. */
  l1?: number;
  /** λ₂: the L2 penalty λ₂·ΣW² (gradient 2λ₂W), as l1; default 0. */
  l2?: number;
  /** Default 'glorot_uniform'; biases always start at 0. */
  init?: InitializerName;
  /** Seeds the initial weights and the epoch shuffles; default 1. */
  seed?: number;
}

/** The spec with every default filled in. */
export interface NormalizedSpec {
  /** Features per sample. */
  inputs: number;
  /** Every layer with its activation. */
  layers: Required<LayerSpec>[];
  /** The loss (the default filled in). */
  loss: LossName;
  /** The type, the learning rate and every other hyperparameter this type reads (catalog.optimizers[i].hyperparameters). */
  optimizer: OptimizerSpec & { type: OptimizerName; learningRate: number };
  /** λ₁ (0 when not given). */
  l1: number;
  /** λ₂ (0 when not given). */
  l2: number;
  /** The initialiser the weights were drawn with. */
  init: InitializerName;
  /** The seed of the initial weights and of the epoch shuffles. */
  seed: number;
}

/** What evaluate returns. */
export interface Evaluation {
  /** Mean data loss (no regularisation). */
  loss: number;
  /** Fraction correct: argmax for ≥ 2 outputs; for one output, the same side of the output
   *  activation's midpoint (0 for tanh with ±1 targets, 0.5 otherwise). */
  accuracy: number;
}

/** What gradients returns: the gradient of the batch's mean data loss. */
export interface Gradients {
  /** The mean data loss of the batch. */
  loss: number;
  /** dL/dW per layer, row-major (out × in), like getWeights. */
  weights: Float32Array[];
  /** dL/db per layer. */
  biases: Float32Array[];
}

/** One layer of a trace: its parameters and what the pass computed there. */
export interface TraceLayer {
  /** The layer's width. */
  units: number;
  /** Its inputs: the previous layer's width (the network's inputs for layer 0). */
  fanIn: number;
  /** Its activation f. */
  activation: ActivationName;
  /** units × fanIn, row-major. */
  W: Float32Array;
  /** units values. */
  b: Float32Array;
  /** n × units, row-major (one row per sample): Z = W·A_prev + b. */
  Z: Float32Array;
  /** n × units, row-major: A = f(Z). */
  A: Float32Array;
  /** n × units, row-major: dA = dL/dA (for a hidden layer, W_nextᵀ·dZ_next; for the output layer,
   *  the loss's derivative), or null for the output layer of a fused pair (sigmoid with binary
   *  cross-entropy, softmax with categorical cross-entropy), whose dZ = A − Y comes from the logits. */
  dA: Float32Array | null;
  /** n × units, row-major: dZ = dL/dZ. */
  dZ: Float32Array;
  /** units × fanIn, row-major: dW = dZ·A_prevᵀ / n. */
  dW: Float32Array;
  /** units values: db = Σ over samples of dZ / n. */
  db: Float32Array;
}

/** What trace returns. */
export interface Trace {
  /** Mean data loss of the batch. */
  loss: number;
  /** Samples in the batch. */
  n: number;
  /** One entry per layer, 0-based. */
  layers: TraceLayer[];
}

/** One layer's result of gradientCheck. */
export interface LayerCheck {
  /** ‖analytic − numeric‖ / ‖analytic + numeric‖ over the checked weights of the layer. */
  weights: number;
  /** The same over its biases. */
  biases: number;
  /** How many parameters of the layer were compared. */
  checked: number;
}

/** One parameter for lossLandscape to move along: the weight W[layer](row, col) (as in
 *  getWeights' out × in), or the bias b[layer](row) when col is left out. 0-based. */
export interface ParameterRef {
  /** The layer (0-based). */
  layer: number;
  /** The unit: W's row, or the bias's index. */
  row: number;
  /** W's column (the unit's input); left out for a bias. */
  col?: number | undefined;
}

/** The options of Network.lossLandscape. Each is checked before anything runs: an NNError naming
 *  it (directions, directions[k].layer, .row, .col, seed, range, steps, path, path[k]). */
export interface LandscapeOptions {
  /** Default 'random': two seeded Gaussian directions, filter-normalised as in Li et al. 2018
   *  ("Visualizing the Loss Landscape of Neural Nets"): each row of each W (one unit's incoming
   *  weights) scaled to the norm of the same row of the current weights, bias entries 0. Or two
   *  parameters: unit directions, so α and β are those two parameters' changes. */
  directions?: 'random' | readonly [ParameterRef, ParameterRef] | undefined;
  /** The random directions' seed, an integer from 0 to 2^53 − 1; default 1. The same seed gives
   *  the same directions (and grid) in every runtime. */
  seed?: number | undefined;
  /** α, β ∈ [−range, range]; above 0 and at most catalog.limits.maxLandscapeRange; default 1
   *  (random directions: a whole filter's norm each way). */
  range?: number | undefined;
  /** Grid points each way, 2 to catalog.limits.maxLandscapeSteps (101); default 41. An odd count
   *  puts the current weights at the middle point. steps² · parameters · n ≤ maxLandscapeWork. */
  steps?: number | undefined;
  /** Parameter snapshots to project onto the plane (each from parameters(): the parameter count
   *  of values), oldest first; at most catalog.limits.maxLandscapePath. Default none. */
  path?: readonly Floats[] | undefined;
}

/** What lossLandscape returns: L(θ + α·d1 + β·d2) on a grid, θ the current parameters. */
export interface Landscape {
  /** steps values of α, from −range to range (exactly 0 in the middle of an odd grid). */
  alpha: Float64Array;
  /** steps values of β, the same as alpha. */
  beta: Float64Array;
  /** steps × steps losses, row-major by β: loss[i · steps + j] is at (alpha[j], beta[i]). The
   *  data loss evaluate computes (no l1/l2); NaN where it is not finite (never thrown). */
  loss: Float32Array;
  /** The loss at θ itself: evaluate's loss on the batch, exactly. */
  center: number;
  /** The snapshots' coordinates, (α, β) pairs in order: the least-squares solution of
   *  θ_k − θ ≈ α·d1 + β·d2, so a snapshot equal to θ is at (0, 0) exactly. */
  path: Float64Array;
  /** d1 and d2, in parameters()' order. */
  directions: [Float64Array, Float64Array];
}

/** Float32Array, or a plain array of numbers (copied). */
export type Floats = Float32Array | ArrayLike<number>;

/** What fit can measure beyond the loss. */
export type MetricName = 'accuracy';
/** What net.export writes: a NumPy file, a PyTorch file or an ONNX model. */
export type ExportFormat = 'numpy' | 'pytorch' | 'onnx';
/** A log fit writes each epoch (val_*: on the validation data). */
export type LogName = 'loss' | 'accuracy' | 'val_loss' | 'val_accuracy';

/** What fit reads of an AbortSignal (a DOM or Node AbortSignal is one). */
export interface AbortSignalLike {
  /** True once aborted: fit stops at the next mini-batch or epoch boundary. */
  readonly aborted: boolean;
  /** What fit rejects with once aborted (an AbortError DOMException for AbortController.abort()). */
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

/** The options of Network.fit; every one is checked before anything runs. */
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
  /** Stop when a log stops improving (Keras's EarlyStopping); default: no early stopping. */
  earlyStopping?: EarlyStoppingOptions | undefined;
  /** Default false. true: a standardizer fitted on the training part (after the validation split)
   *  is set on the network before training (replacing any), so the validation data and later
   *  calls are standardized by the network itself. */
  standardize?: boolean | undefined;
  /** Default ['accuracy'] for a classification loss (catalog.losses[i].needsUnitInterval), else []. */
  metrics?: readonly MetricName[] | undefined;
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

/** The logs of one epoch (Keras's on_epoch_end logs); the keys follow metrics and the validation data. */
export interface EpochLogs {
  /** Mean training batch loss over the epoch, each batch's before its step and weighted by its
   *  size: what trainEpoch returns (the data loss, without l1/l2 penalties). */
  loss: number;
  /** Keras's running accuracy over the epoch's batches (each judged before its step). */
  accuracy?: number;
  /** evaluate on the validation data after the epoch. */
  val_loss?: number;
  /** evaluate's accuracy on the validation data after the epoch. */
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

/** A network made by nn.createNetwork, nn.loadNetwork or clone(). It lives in the module's memory:
 *  dispose() frees it (a network that is collected without dispose() is freed then, but a collector
 *  may run late or never, so dispose() is the way). Every method throws an NNError naming the field
 *  and changes nothing when it fails. */
export interface Network {
  /** The normalised spec: every default filled in (a copy). */
  readonly spec: NormalizedSpec;
  /** Features per sample. */
  readonly inputs: number;
  /** Units of the output layer. */
  readonly outputs: number;
  /** Layers (hidden and output). */
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
  /** Mean data loss and accuracy on x, y (no step). */
  evaluate(x: Floats, y: Floats, n: number): Evaluation;
  /** The gradient of the mean data loss on the batch (no regularisation, no step). */
  gradients(x: Floats, y: Floats, n: number): Gradients;
  /** Everything one forward + backward pass computes on the batch (the values the core really
   *  uses), per layer. The gradients are those of the mean data loss, as gradients(). */
  trace(x: Floats, y: Floats, n: number): Trace;
  /** Backprop (float) against central differences (double) on the batch, per layer. Bounded:
   *  n ≤ catalog.limits.maxCheckSamples (1,000), maxPerLayer ≤ maxCheckPerLayer (1,024), and
   *  2 · checked entries · parameters · n ≤ maxCheckWork (2e9 multiply-adds), checked first. */
  gradientCheck(x: Floats, y: Floats, n: number, options?: { maxPerLayer?: number }): LayerCheck[];
  /** The loss landscape around the current weights (Li et al. 2018): the data loss on the batch
   *  over a plane through the parameters θ, L(θ + α·d1 + β·d2) for α, β on a steps × steps grid,
   *  with the optimizer's path (snapshots from parameters()) projected onto the plane. The
   *  network is only read: weights, optimizer state, steps and shuffles are as they were, whether
   *  it returns or throws. Bounded: steps² · parameters · n ≤ catalog.limits.maxLandscapeWork
   *  (2e9 multiply-adds), checked first. */
  lossLandscape(x: Floats, y: Floats, n: number, options?: LandscapeOptions): Landscape;
  /** Every parameter in one flat array (a copy): per layer W column by column (W[layer](row, col)
   *  at col · units + row), then b. The order of lossLandscape's path and directions. */
  parameters(): Float32Array;
  /** Layer l's W: out × in, row-major (= torch nn.Linear.weight). Layers are 0-based. */
  getWeights(layer: number): Float32Array;
  /** Layer l's b (units values). */
  getBiases(layer: number): Float32Array;
  /** Replaces layer l's W (out × in, row-major: units × fanIn finite float values). */
  setWeights(layer: number, w: Floats): void;
  /** Replaces layer l's b (units finite float values). */
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
  /** Sets the L1 and L2 penalties (a field not given is kept; each 0, or from 1.2e-38 to 3.4e38 as
   *  a float). The weights, the optimizer and its state are kept, so training continues with the
   *  new penalties. Throws an NNError naming l1 or l2 (or penalties.<key> for an unknown field)
   *  and changes nothing. */
  setPenalties(penalties: { l1?: number; l2?: number }): void;
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
  /** The saved document (spec, weights, optimizer state, shuffle state and the standardizer) as a
   *  fresh object, so `JSON.stringify(net)` is the file; nn.loadNetwork reads either. Format
   *  version 1 without a standardizer, 2 with one. See network.schema.json. */
  toJSON(): NetworkDocument;
  /** The network as it is now, written for another runtime: 'numpy' (a Python file using only
   *  NumPy, written as the book writes the network: one column per sample, forward, loss, backward
   *  and the optimizer's update, with its trained parameters and optimizer state), 'pytorch' (a
   *  Python file with a torch.nn.Sequential, its loss and its torch.optim optimizer, state
   *  included, so training continues exactly where it stopped) or 'onnx' (an ONNX model: input x
   *  [N, inputs], output y [N, outputs]). Both Python files, imported, give predict(X), train_step(X, Y)
   *  and params() (rows of X are samples, W is (out, in)); run as `python3 model.py data.csv`,
   *  they print predictions. The input standardizer, L1 and L2 are included. Rejects with an
   *  NNError naming "format" for another format. */
  export(format: 'numpy' | 'pytorch'): Promise<string>;
  /** The ONNX model's bytes (opset 17): save them as model.onnx. */
  export(format: 'onnx'): Promise<Uint8Array>;
  /** A format chosen at run time: a string for 'numpy' and 'pytorch', bytes for 'onnx'. */
  export(format: ExportFormat): Promise<string | Uint8Array>;
  /** Frees the wasm memory; every later call throws. */
  dispose(): void;
}

/** A generated 2-D dataset (makeDataset). */
export interface Dataset {
  /** The dataset's name. */
  name: DatasetName;
  /** Points. */
  n: number;
  /** 0 for regression. */
  classes: number;
  /** True when the points carry targets instead of labels. */
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
  /** Points (0 or more). */
  n: number;
  /** n × inputs values, row-major. */
  x: Floats;
  /** With labels: the number of classes, an integer ≥ 1. */
  classes?: number;
  /** n integer labels from 0 to classes − 1 (a classification dataset). */
  labels?: ArrayLike<number> | null;
  /** n finite targets (a regression dataset), used when labels are absent or null. */
  targets?: ArrayLike<number> | null;
}

/** Labels as splitDataset returns them: an Int32Array where data had labels (null or absent stays). */
export type Relabeled<L> = L extends null | undefined ? L : Int32Array;
/** Targets as splitDataset returns them: a Float32Array where data had targets. */
export type Retargeted<T> = T extends null | undefined ? T : Float32Array;
/** One part of splitDataset: the data's other fields kept, its own n, x as a Float32Array, and
 *  labels as an Int32Array or targets as a Float32Array (fresh copies). */
export type DataPart<D extends DataLike> = Omit<D, 'n' | 'x' | 'labels' | 'targets'> & { n: number; x: Float32Array }
  & { [K in keyof D as K extends 'labels' ? K : never]: Relabeled<Exclude<D[K], undefined>> }
  & { [K in keyof D as K extends 'targets' ? K : never]: Retargeted<Exclude<D[K], undefined>> };

/** scikit-learn's StandardScaler fitted on a training part: per input, mean and scale (the
 *  population std, ddof 0; 1 for an input whose values are all equal). Plain JSON-able numbers
 *  work too, so a standardizer saved beside a network applies the same way later. */
export interface Standardizer {
  /** Per input: the value subtracted (finite). */
  mean: Float64Array | ArrayLike<number>;
  /** Per input: the value divided by (finite, > 0). */
  scale: Float64Array | ArrayLike<number>;
}

/** One hyperparameter of the optimizers: its default and the range the core accepts (hi null: ∞). */
export interface HyperparameterInfo {
  /** The OptimizerSpec field. */
  name: string;
  /** Its name for people ("Learning rate"). */
  display: string;
  /** Its symbol in TeX (η, β₁, …). */
  tex: string;
  /** PyTorch's default (null for the learning rate, whose default is per optimizer). */
  default: number | null;
  /** The lower end of the accepted range. */
  lo: number;
  /** The upper end, null for ∞. */
  hi: number | null;
  /** Whether lo itself is excluded. */
  loOpen: boolean;
  /** Whether hi itself is excluded. */
  hiOpen: boolean;
}

/** Every table of the core with what a page needs about each row. TeX uses the placeholders #Z,
 *  #A, #dA, #dZ (the layer's matrices) and #Y (the targets). Unbounded numbers are null. */
export interface Catalog {
  /** Every activation: its range, midpoint, steepest slope, whether it dies below 0, and its math. */
  activations: {
    name: ActivationName; display: string; about: string; elementwise: boolean; unitInterval: boolean;
    /** The range of f; decision threshold of one output (targets 1 and 2·midpoint − 1); sup f'. */
    lo: number | null; hi: number | null; midpoint: number; maxSlope: number | null; deadBelowZero: boolean;
    tex: { forward: string; backward: string; definition: string | null; note: string | null };
    /** The same function as net.export writes it: NumPy on (units, m) arrays (A from Z; dZ from Z,
     *  A, dA), the torch.nn module, and an expression of ONNX operators over x. */
    code: { numpy: string; numpyBackward: string; torch: string; onnx: string };
  }[];
  /** Every loss: which outputs it needs, the activation it is fused with (softmax + categorical
   *  cross-entropy, sigmoid + binary cross-entropy), and its math. */
  losses: {
    name: LossName; display: string; needsUnitInterval: boolean; minOutputs: number;
    fusedActivation: ActivationName | null; meanOverOutputs: boolean; constantGradient: boolean;
    tex: { value: string; gradient: string; fused: string | null; why: string | null };
    /** The same loss as net.export writes it: NumPy (ℒ and dA from A, Y; the fused ℒ from the
     *  logits Z and its dZ), and torch (from A, or from the logits Z). */
    code: { numpy: string; numpyGradient: string; numpyFused: string | null; numpyFusedGradient: string | null; torch: string; torchFused: string | null };
  }[];
  /** Every optimizer hyperparameter. */
  hyperparameters: HyperparameterInfo[];
  /** Every optimizer: its default learning rate (PyTorch's), the rate suggested for small networks
   *  on the 2-D datasets (chosen by experiment: bench/learning-rates.mjs), the state it keeps, its
   *  update rules. */
  optimizers: {
    name: OptimizerName; display: string; defaultLearningRate: number; suggestedLearningRate: number; stateSlots: number; countsSteps: boolean;
    /** What the step reads, learningRate first, with this optimizer's defaults. */
    hyperparameters: HyperparameterInfo[];
    tex: { rules: string[]; state: string | null };
    /** The same update as net.export writes it: the NumPy names of the state slots, the NumPy
     *  update lines, the torch.optim constructor ({name}: a hyperparameter), torch's state keys ("step"
     *  and one per slot) and what torch keeps as "step" (a Python expression of t; "" for none). */
    code: { slots: string; numpy: string[]; torch: string; torchState: string; torchStep: string };
  }[];
  /** Every initialiser (symmetric: every weight starts equal, so units of a layer stay alike). */
  initializers: { name: InitializerName; display: string; symmetric: boolean }[];
  /** Every built-in dataset and the classes it can have. */
  datasets: { name: DatasetName; display: string; regression: boolean; minClasses: number; maxClasses: number; defaultClasses: number }[];
  /** The output layer that suits each kind of problem. */
  problems: Record<'regression' | 'binary' | 'multiclass', { outputActivation: ActivationName; loss: LossName }>;
  /** What a new playground network starts with. */
  defaults: { dataset: DatasetName; hiddenActivation: ActivationName; init: InitializerName; optimizer: OptimizerName };
  /** The stated limits. A saved document (loadNetwork, and what toJSON may produce) is at most
   *  maxDocumentBytes of UTF-8 and maxDocumentDepth levels deep; gradientCheck takes at most
   *  maxCheckSamples samples and maxPerLayer ≤ maxCheckPerLayer, and at most maxCheckWork
   *  multiply-adds in all (2 · checked entries · parameters · n); lossLandscape takes at most
   *  maxLandscapeSteps points each way, a range up to maxLandscapeRange, maxLandscapePath snapshots
   *  and maxLandscapeWork multiply-adds (steps² · parameters · n); a network counts at most maxSteps
   *  optimizer steps (2^53 − 1). Generated points lie in [−extent, extent]²; at most maxClasses classes. */
  limits: {
    maxUnits: number; maxLayers: number; maxParameters: number; maxPoints: number; maxClasses: number; extent: number;
    maxDocumentBytes: number; maxDocumentDepth: number; maxCheckPerLayer: number; maxCheckSamples: number;
    maxCheckWork: number; maxLandscapeSteps: number; maxLandscapeRange: number; maxLandscapePath: number;
    maxLandscapeWork: number; maxSteps: number;
  };
  /** The "format" field of a saved network. */
  format: string;
}

/** A saved network (network.schema.json in the package describes it field by field). */
export interface NetworkDocument {
  /** catalog.format: "nn-by-hand/network". */
  format: string;
  /** 1, or 2 when the network has a standardizer. A reader reads every version up to its own; a
   *  writer writes the lowest that holds the network. */
  version: number;
  /** The network's normalised spec. */
  spec: NormalizedSpec;
  /** Version 2 only (and required there): the input standardizer, one mean and one scale (> 0) per
   *  input, as doubles. */
  standardizer?: { mean: number[]; scale: number[] };
  /** W of each layer: units × fanIn values, row-major (row r: the weights into unit r), as getWeights and torch nn.Linear.weight. */
  weights: number[][];
  /** b of each layer: units values. */
  biases: number[][];
  /** The optimizer's step count and state slots (moments, velocity), each shaped as weights and biases. */
  optimizerState: { step: number; slots: { weights: number[][]; biases: number[][] }[] };
  /** The shuffle generator's state: four 16-digit hex words. */
  rng: string[];
  /** Anything else an application stores beside the network: loadNetwork's reader ignores it (and toJSON does not write it). */
  [extra: string]: unknown;
}

/** The catalog and its name lists are deeply frozen. */
export type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[]
  : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** The loaded module: makes networks and datasets. One module holds any number of networks. */
export interface NN {
  /** The names of catalog.activations (frozen). */
  readonly activations: readonly ActivationName[];
  /** The names of catalog.losses (frozen). */
  readonly losses: readonly LossName[];
  /** The names of catalog.optimizers (frozen). */
  readonly optimizers: readonly OptimizerName[];
  /** The names of catalog.initializers (frozen). */
  readonly initializers: readonly InitializerName[];
  /** The names of catalog.datasets (frozen). */
  readonly datasets: readonly DatasetName[];
  /** Every table of the core with what a UI needs about each row (deeply frozen). */
  readonly catalog: DeepReadonly<Catalog>;
  /** Throws an Error naming the bad field (e.g. "layers[0].units: ..."). */
  createNetwork(spec: NetworkSpec): Network;
  /** Reads a saved network (format versions 1 and 2): its text (`JSON.stringify(net)`, a file) or
   *  its object (`net.toJSON()`); throws naming the field of a malformed document. Unknown top-level
   *  fields are ignored, so an application may store its own metadata beside the network (in
   *  version 1 that includes "standardizer", which version 2 reads). */
  loadNetwork(json: string | NetworkDocument): Network;
  /** A seeded 2-D dataset in [−extent, extent]² (before noise): options.n points (default 200, at most
   *  limits.maxPoints), options.noise (default 0, in [0, 1]; 1 is TensorFlow Playground's 50 %), options.classes (0:
   *  the dataset's default, else within its minClasses..maxClasses), options.seed (default 1). */
  makeDataset(name: DatasetName, options?: { n?: number; noise?: number; classes?: number; seed?: number }): Dataset;
  /** The core's seeded split: round(n · testRatio) test points (at most n − 1), the rest for
   *  training, each in shuffled order (byPoint: in data's order). Any number of inputs per point: x holds n × inputs values. seed: an
   *  integer from 0 to 2^53 − 1 (default 1). options.byPoint: each point is a test point when a
   *  seeded hash of its inputs' float32 bits falls below testRatio, so adding or removing points
   *  never moves the others (with no point left to train, every point trains); for data that grows.
   *  Each part is a copy of data with its own n, x and labels (Int32Array) or targets (Float32Array). */
  splitDataset<D extends DataLike>(data: D, testRatio: number, seed?: number, options?: { byPoint?: boolean }): { train: DataPart<D>; test: DataPart<D> };
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
  standardize<D extends DataLike>(data: D, standardizer: Standardizer): Omit<D, 'x'> & { x: Float32Array };
  /** The number of live allocations in the wasm heap, for leak checks: exactly where it was after
   *  any call that threw, and after a network is disposed (or collected). Throws an NNError if the
   *  heap is not laid out as the module's allocator (dlmalloc) lays it out. */
  heapAllocations(): number;
  /** The bytes the live allocations hold, the allocator's rounding included: the same allocations
   *  can hold 8 bytes more or less each, depending on which free blocks served them, so compare
   *  this for size, and heapAllocations for leaks. */
  heapInUse(): number;
  /** The wasm shadow stack pointer: exactly where it was after any call that threw. */
  stackPointer(): number;
}

/** Every error the API throws: `field` is the dotted path of what was wrong ("layers[0].units",
 *  "optimizerState.slots[1]", "x", "json"), '' when no one field is to blame; the message starts
 *  with it and quotes at most ~100 characters of any value. After it, the network, every other
 *  network and the module are exactly as before. */
export class NNError extends Error {
  /** message should start with the field, as the API's own messages do. */
  constructor(field: string, message: string);
  /** Always 'NNError'. */
  readonly name: 'NNError';
  /** The dotted path of what was wrong, or ''. */
  readonly field: string;
}

/** Loads the module (fetching or reading nn_wasm.wasm once); every call makes an independent
 *  module with its own memory. Rejects with an NNError (field "wasmUrl" or "wasmBinary") when the
 *  .wasm cannot be had. */
export function loadNN(options?: LoadOptions): Promise<NN>;
