// api.ts — a program that uses every export, method, property and option of nn-by-hand's types,
// compiled with strict + exactOptionalPropertyTypes (tests/package/node.test.mjs) under several
// module resolutions, then run: the declarations must both accept real use and describe what the
// module really does. The lines under `@ts-expect-error` must stay errors: the types are precise.
import { loadNN, NNError } from 'nn-by-hand';
import type {
  ActivationName, Catalog, DataLike, Dataset, DatasetName, DeepReadonly, Evaluation, ExportFormat, Floats, Gradients, HyperparameterInfo,
  InitializerName, Landscape, LandscapeOptions, LayerCheck, LayerSpec, LoadOptions, ParameterRef, LossName, NetworkDocument, NetworkSpec, Network, NN, NormalizedSpec,
  OptimizerName, OptimizerSpec, Standardizer, Trace, TraceLayer,
  AbortSignalLike, BatchLogs, EarlyStoppingOptions, EpochLogs, FitOptions, History, LogName, MetricName,
} from 'nn-by-hand';

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`api.ts: ${what}`);
}

/** Runs f and returns the NNError it throws. */
function nnErrorOf(f: () => unknown): NNError {
  try {
    f();
  } catch (e) {
    if (e instanceof NNError) return e;
    throw e;
  }
  throw new Error('api.ts: expected an NNError');
}

// --- the module and its tables ------------------------------------------------------------------

const options: LoadOptions = {};
const nn: NN = await loadNN(options);
const again: NN = await loadNN();
const activations: readonly ActivationName[] = nn.activations;
const losses: readonly LossName[] = nn.losses;
const optimizers: readonly OptimizerName[] = nn.optimizers;
const initializers: readonly InitializerName[] = nn.initializers;
const datasets: readonly DatasetName[] = nn.datasets;
check(activations.includes('tanh') && losses.includes('mse') && optimizers.includes('adam'), 'the names');
check(initializers.includes('he_normal') && datasets.includes('spiral'), 'the names');

const catalog: DeepReadonly<Catalog> = nn.catalog;
check(Object.isFrozen(catalog) && Object.isFrozen(catalog.activations[0]) && Object.isFrozen(activations), 'frozen tables');
const tanh = catalog.activations.find((a) => a.name === 'tanh');
check(tanh !== undefined && tanh.midpoint === 0 && typeof tanh.tex.forward === 'string' && tanh.elementwise, 'catalog.activations');
const lossRow = catalog.losses[0];
check(lossRow !== undefined && typeof lossRow.tex.gradient === 'string' && lossRow.minOutputs >= 1, 'catalog.losses');
const hyper: readonly DeepReadonly<HyperparameterInfo>[] = catalog.hyperparameters;
check(hyper.every((h) => typeof h.name === 'string' && (h.hi === null || h.hi >= h.lo)), 'catalog.hyperparameters');
const adamRow = catalog.optimizers.find((o) => o.name === 'adam');
check(adamRow !== undefined && adamRow.hyperparameters[0]?.name === 'learningRate' && adamRow.defaultLearningRate > 0, 'catalog.optimizers');
check(catalog.initializers.some((i) => i.symmetric) && catalog.datasets.some((d) => d.regression), 'catalog rows');
const binary: { outputActivation: ActivationName; loss: LossName } = catalog.problems.binary;
check(binary.outputActivation === 'sigmoid', 'catalog.problems');
check(catalog.defaults.optimizer === 'adam' && catalog.limits.maxUnits === 4096 && catalog.limits.maxSteps > 0, 'catalog.defaults and limits');
check(typeof catalog.format === 'string', 'catalog.format');
check(again.heapAllocations() >= 0 && again.heapInUse() >= 0 && again.stackPointer() > 0, 'a second module');

// --- data ------------------------------------------------------------------------------------------

const spiral: Dataset = nn.makeDataset('spiral', { n: 120, noise: 0.1, classes: 3, seed: 7 });
check(spiral.n === 120 && spiral.classes === 3 && !spiral.regression && spiral.labels instanceof Int32Array && spiral.targets === null, 'makeDataset');
const plane: Dataset = nn.makeDataset('plane', { n: 50 });
check(plane.regression && plane.targets instanceof Float32Array, 'a regression dataset');
const { train, test } = nn.splitDataset(spiral, 0.25, 3);
const byPoint: { train: Dataset; test: Dataset } = nn.splitDataset(spiral, 0.25, 3, { byPoint: true });
check(train.n + test.n === 120 && byPoint.train.n + byPoint.test.n === 120 && train.name === 'spiral', 'splitDataset');
const mine: DataLike = { n: 3, x: [0, 1, 2, 3, 4, 5], classes: 2, labels: [0, 1, 1] };
const mineSplit: { train: DataLike; test: DataLike } = nn.splitDataset(mine, 0.34);
check(mineSplit.test.n === 1, 'splitDataset of a DataLike');
const standardizer: { mean: Float64Array; scale: Float64Array } = nn.fitStandardizer(train);
const saved: Standardizer = { mean: Array.from(standardizer.mean), scale: Array.from(standardizer.scale) };
const trainS: Dataset = nn.standardize(train, standardizer);
const testS: Dataset = nn.standardize(test, saved);
check(trainS.x.length === train.x.length && testS.n === test.n, 'standardize');
const y: Float32Array = nn.encodeTargets(trainS, 3, 'softmax');
const yTest = nn.encodeTargets(testS, 3, 'softmax');
check(y.length === trainS.n * 3, 'encodeTargets');

// --- a network ------------------------------------------------------------------------------------------

const hidden: LayerSpec = { units: 8, activation: 'relu' };
const spec: NetworkSpec = {
  inputs: 2,
  layers: [hidden, { units: 6 }, { units: 3, activation: 'softmax' }],
  loss: 'categorical_crossentropy',
  optimizer: { type: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, momentum: 0.9, rho: 0.99, weightDecay: 0 },
  l1: 0,
  l2: 1e-4,
  init: 'he_uniform',
  seed: 5,
};
const net: Network = nn.createNetwork(spec);
const normalized: NormalizedSpec = net.spec;
check(normalized.layers[1]?.activation === 'linear' && normalized.optimizer.learningRate === 0.01 && normalized.seed === 5, 'spec');
check(net.inputs === 2 && net.outputs === 3 && net.layerCount === 3 && net.steps === 0, 'the shape');

const x: Floats = trainS.x;
const n = trainS.n;
const before: number = net.trainBatch(x, y, n);
let epochLoss = net.trainEpoch(x, y, n);
for (let e = 0; e < 20; e++) epochLoss = net.trainEpoch(x, y, n, { batchSize: 16, shuffle: e % 2 === 0 });
check(Number.isFinite(before) && epochLoss < before && net.steps > 20, 'training');
const evaluation: Evaluation = net.evaluate(testS.x, yTest, testS.n);
check(evaluation.accuracy >= 0 && evaluation.accuracy <= 1 && evaluation.loss > 0, 'evaluate');

const p: Float32Array = net.predict(testS.x, testS.n);
const layersA: Float32Array[] = net.forwardLayers(testS.x, testS.n);
const first: Float32Array = net.forwardLayer(0, testS.x, testS.n);
check(p.length === testS.n * 3 && layersA.length === 3 && first.length === testS.n * 8, 'predict, forwardLayers, forwardLayer');
check(layersA[2]?.every((v, i) => v === p[i]) === true, 'the last layer is predict');

const batch = 8;
const xb = trainS.x.slice(0, batch * 2);
const yb = y.slice(0, batch * 3);
const g: Gradients = net.gradients(xb, yb, batch);
check(g.weights.length === 3 && g.biases[0]?.length === 8 && Number.isFinite(g.loss), 'gradients');
const t: Trace = net.trace(xb, yb, batch);
const l0: TraceLayer | undefined = t.layers[0];
check(t.n === batch && l0 !== undefined && l0.Z.length === batch * 8 && l0.dW.length === 16 && l0.activation === 'relu' && l0.fanIn === 2, 'trace');
const dA: Float32Array | null = l0 === undefined ? null : l0.dA;
check(dA !== null && dA.length === batch * 8, 'trace: a hidden layer\'s dA');
const checks: LayerCheck[] = net.gradientCheck(xb, yb, batch, { maxPerLayer: 16 });
const checksDefault = net.gradientCheck(xb, yb, batch);
check(checks.length === 3 && checksDefault.every((c) => c.checked > 0 && c.weights < 1e-2 && c.biases < 1e-2), 'gradientCheck');

// The loss landscape: a plane through the current parameters, with a path projected onto it.
const theta: Float32Array = net.parameters();
check(theta.length === 2 * 8 + 8 + 8 * 6 + 6 + 6 * 3 + 3, 'parameters');
const landscape: Landscape = net.lossLandscape(xb, yb, batch);
check(landscape.loss.length === 41 * 41 && landscape.center === net.evaluate(xb, yb, batch).loss, 'lossLandscape: defaults');
const weight: ParameterRef = { layer: 1, row: 0, col: 2 };
const bias: ParameterRef = { layer: 2, row: 1 };
const landscapeOptions: LandscapeOptions = { directions: [weight, bias], range: 0.5, steps: 5, path: [theta, Array.from(theta)] };
const alongTwo = net.lossLandscape(xb, yb, batch, landscapeOptions);
const random = net.lossLandscape(xb, yb, batch, { directions: 'random', seed: 3, steps: 3 });
const [d1, d2]: [Float64Array, Float64Array] = random.directions;
check(alongTwo.alpha.length === 5 && alongTwo.beta[4] === 0.5 && alongTwo.path.length === 4 && alongTwo.path[3] === 0, 'lossLandscape: chosen');
check(d1.length === theta.length && d2.length === theta.length && random.loss.length === 9, 'lossLandscape: random');
check(nnErrorOf(() => net.lossLandscape(xb, yb, batch, { steps: 1 })).field === 'steps', 'lossLandscape: an error');

const W: Float32Array = net.getWeights(0);
const b: Float32Array = net.getBiases(0);
net.setWeights(0, W);
net.setWeights(0, Array.from(W));
net.setBiases(0, b);
net.setWeight(0, 1, 0, 0.5);
net.setBias(0, 2, -0.25);
check(net.getWeights(0)[2] === 0.5 && net.getBiases(0)[2] === -0.25, 'setWeight, setBias');

const copy: Network = net.clone();
net.setOptimizer({ learningRate: 0.005 });
net.setOptimizer('sgd');
const sgd: OptimizerSpec = { type: 'momentum', learningRate: 0.05, momentum: 0.8 };
net.setOptimizer(sgd);
check(net.spec.optimizer.type === 'momentum' && copy.spec.optimizer.type === 'adam', 'setOptimizer, clone');
net.setPenalties({ l2: 0.001 });
net.setPenalties({ l1: 0.0001, l2: 0 });
check(net.spec.l1 === 0.0001 && net.spec.l2 === 0, 'setPenalties');

// A saved network: what toJSON gives, read back; and JSON.stringify(net), which calls toJSON.
const doc: NetworkDocument = net.toJSON();
const text = JSON.stringify(net);
check(typeof doc === 'object' && doc.format === catalog.format && doc.weights.length === 3 && doc.spec.seed === 5, 'toJSON');
check(doc.optimizerState.slots.length === 1 && doc.rng.length === 4 && typeof doc.version === 'number', 'toJSON: the optimizer\'s state');
const loaded = nn.loadNetwork({ ...doc, savedBy: 'api.ts' });
const loadedText = nn.loadNetwork(text);
check(loaded.getWeights(1).every((v, i) => v === net.getWeights(1)[i]) && loadedText.steps === net.steps, 'toJSON, loadNetwork');

// --- export: the network for NumPy, PyTorch and ONNX runtimes -----------------------------------------------

const onnxModel: Uint8Array = await net.export('onnx');
const numpyFile: string = await net.export('numpy');
const chosen: ExportFormat = 'onnx';
const either: string | Uint8Array = await net.export(chosen);
check(onnxModel[0] === 0x08 && either instanceof Uint8Array && numpyFile.includes('def predict('), 'export');
const unknownFormat: unknown = await net.export('keras' as ExportFormat).catch((e: unknown) => e);
check(unknownFormat instanceof NNError && unknownFormat.field === 'format', 'export rejects an unknown format');

// --- errors -------------------------------------------------------------------------------------------------

const bad = nnErrorOf(() => nn.createNetwork({ layers: [{ units: 0 }] }));
const field: string = bad.field;
check(bad instanceof Error && bad.name === 'NNError' && field === 'layers[0].units' && bad.message.startsWith(field), 'NNError');
const own = new NNError('spec.mine', 'spec.mine: an application\'s own error, in the same form');
const ownName: 'NNError' = own.name;
check(own instanceof NNError && own.field === 'spec.mine' && ownName === 'NNError', 'new NNError');
for (const network of [net, copy, loaded, loadedText]) network.dispose();
const disposed = nnErrorOf(() => net.predict(x, n));
check(disposed.field === 'network', 'a disposed network');
let wasmError: unknown = null;
await loadNN({ wasmBinary: new Uint8Array(8) }).catch((e: unknown) => { wasmError = e; });
check(wasmError instanceof NNError && wasmError.field === 'wasmBinary', 'loadNN rejects bytes that are not wasm');

// --- what must not compile ------------------------------------------------------------------------------------

export function typeErrors(net: Network): void {
  // @ts-expect-error: not an activation
  nn.createNetwork({ layers: [{ units: 1, activation: 'tanhh' }] });
  // @ts-expect-error: layers is required
  nn.createNetwork({ inputs: 2 });
  // @ts-expect-error: exactOptionalPropertyTypes: an option is given or absent, never undefined
  void loadNN({ wasmUrl: undefined });
  // @ts-expect-error: a number is not a URL
  void loadNN({ wasmUrl: 8080 });
  // @ts-expect-error: batchSize is a number
  net.trainEpoch(x, y, n, { batchSize: '10' });
  // @ts-expect-error: not an optimizer
  net.setOptimizer('adamx');
  // @ts-expect-error: the penalties are l1 and l2
  net.setPenalties({ weightDecay: 0.1 });
  // @ts-expect-error: readonly
  net.inputs = 3;
  // @ts-expect-error: not a dataset
  nn.makeDataset('spirals');
  // @ts-expect-error: the catalog is deeply readonly
  nn.catalog.activations[0].midpoint = 1;
  // @ts-expect-error: so are the name lists
  nn.activations.push('tanh');
  // @ts-expect-error: a document needs its fields
  nn.loadNetwork({ format: 'nn-by-hand/network' });
  // @ts-expect-error: not an export format
  void net.export('keras');
  // @ts-expect-error: directions are 'random' or two parameters
  net.lossLandscape(x, y, n, { directions: 'pca' });
  // @ts-expect-error: a parameter needs its row
  net.lossLandscape(x, y, n, { directions: [{ layer: 0 }, { layer: 1, row: 0 }] });
}

export async function exportTypeErrors(net: Network): Promise<void> {
  const torch: string = await net.export('pytorch');
  // @ts-expect-error: the ONNX model is bytes, not text
  const text: string = await net.export('onnx');
  // @ts-expect-error: a Python file is text
  const bytes: Uint8Array = await net.export('numpy');
  void [torch, text, bytes];
}

// --- fit and the standardizer the network keeps ---------------------------------------------------------

const learner: Network = nn.createNetwork({ ...spec, seed: 9 });
const rawX: Floats = train.x;  // raw inputs: fit's standardize option fits the network's own standardizer
const monitor: LogName = 'val_loss';
const early: EarlyStoppingOptions = { monitor, patience: 3, minDelta: 0, restoreBest: true };
const metrics = ['accuracy'] as const satisfies readonly MetricName[];
const seenEpochs: number[] = [];
let seenBatches = 0;
const controller = new AbortController();
const signal: AbortSignalLike = controller.signal;
const fitOptions: FitOptions = {
  epochs: 30, batchSize: 16, shuffle: true, validationSplit: 0.2, standardize: true, metrics, earlyStopping: early, signal,
  onEpochEnd: (epoch: number, logs: EpochLogs) => {
    seenEpochs.push(epoch);
    check(Number.isFinite(logs.loss) && logs.val_loss !== undefined && logs.accuracy !== undefined, 'epoch logs');
  },
  onBatchEnd: async (_batch: number, logs: BatchLogs) => {
    seenBatches++;
    check(Number.isFinite(logs.loss), 'batch logs');
  },
};
const history: History = await learner.fit(rawX, y, n, fitOptions);
const stopReason: 'completed' | 'earlyStopping' | 'diverged' = history.stopReason;
check(history.epoch.length === seenEpochs.length && history.history.loss.length === seenEpochs.length, 'History.epoch');
check(history.history.val_accuracy !== undefined && seenBatches >= seenEpochs.length && stopReason !== 'diverged', 'History');
check(history.params.epochs === 30 && history.params.batchSize === 16 && (history.bestEpoch ?? 0) >= 0, 'History.params');
const kept = learner.standardizer;
check(kept !== null && kept.mean.length === 2 && kept.scale instanceof Float64Array, 'fit set the standardizer');
check(nn.loadNetwork(JSON.stringify(learner)).toJSON().version === 2, 'saved with it: version 2');
const withData: History = await learner.fit(rawX, y, n, { epochs: 1, validationData: { x: testS.x, y: yTest, n: testS.n } });
check(withData.history.val_loss?.length === 1, 'validationData');
learner.setStandardizer(saved);
learner.setStandardizer(null);
check(learner.standardizer === null && learner.toJSON().version === 1, 'setStandardizer(null)');
controller.abort();
let aborted: unknown = null;
await learner.fit(x, y, n, { signal: controller.signal }).catch((e: unknown) => { aborted = e; });
check(aborted !== null && aborted === controller.signal.reason, 'fit rejects with signal.reason');
learner.dispose();

export async function fitTypeErrors(net: Network): Promise<void> {
  // @ts-expect-error: epochs is a number
  await net.fit(x, y, n, { epochs: '3' });
  // @ts-expect-error: not a log
  await net.fit(x, y, n, { earlyStopping: { monitor: 'val_mse' } });
  // @ts-expect-error: not a metric
  await net.fit(x, y, n, { metrics: ['precision'] });
  // @ts-expect-error: a standardizer needs its scale
  net.setStandardizer({ mean: [0, 0] });
  // @ts-expect-error: standardize returns x as a Float32Array, whatever x was
  nn.standardize(mine, saved).x.push(5);
  // @ts-expect-error: splitDataset returns labels as an Int32Array
  nn.splitDataset(mine, 0.5).train.labels?.push(1);
}

console.log(JSON.stringify({ ok: true, accuracy: evaluation.accuracy, allocations: nn.heapAllocations() }));
