// worker.js — the module Web Worker that owns the network. The page only renders: it posts the
// configuration and run commands here, and this worker builds the data and the network, trains in
// ~16 ms slices (yielding between them so messages are handled) and posts frames (numbers,
// per-epoch history, the boundary grid from one batched predict, the weights) at most ~30 times/s.
//
// Protocol (page → worker): {type:'build', id, config, model?, req?, pause?} · {type:'settings', config} ·
//   {type:'run', running, speed} · {type:'speed', speed} · {type:'step'} · {type:'epoch'} ·
//   {type:'setData', id, config, req?} (new points of your own) · {type:'param', layer, kind, row, col, value} ·
//   {type:'focus', focus} · {type:'hiddenLayer', layer} · {type:'export'}
// (worker → page): {type:'ready', catalog} · {type:'data', id, ...} · {type:'invalid', id, errors} ·
//   {type:'accepted', req, id} · {type:'rejected', req, errors} (a try: see "building") ·
//   {type:'frame', id, ...} · {type:'diverged', id, ...} · {type:'model', id, json, epoch} · {type:'fatal', message}
// By-hand panel (math/tracer.js), on the next mini-batch: {type:'trace', req, preview} → {type:'trace', id, req, trace, ...} ·
//   {type:'gradcheck', req} → {type:'gradcheck', id, req, checks, ...}
// Import maps do not apply in workers: the module is imported by relative URL.
import { loadNN } from '../lib/nn.js';
import { expandFeatures, gridPoints } from './features.js';
import { checkConfig, optimizerSpec } from './config.js';
import { errorOf, makeData, makeNetwork } from './run.js';
import { traceBatch, checkBatch } from './math/tracer.js';
import { createProbe } from './inside/probe.js';

export const GRID = 100;         // boundary resolution: GRID × GRID predictions per frame
export const EXTENT = 6;         // the datasets live in [−6, 6]²
const SLICE_MS = 16;             // train for this long, then yield
const FRAME_MS = 30;             // post a frame every 30 ms (~33 a second) while training

let nn = null;
let run = null;                  // the current run: { id, net, data, ... } (null before a build)
let running = false;
let speed = Infinity;            // epochs per second (Infinity = as many as fit)
let allowance = 0, lastTick = 0, lastFrame = 0;
let probe = null;                // inside/probe.js: gradient norms, neuron maps, hidden space, scores

// One training loop at a time: `pending` is set while a next slice is scheduled, so a Play during
// a rebuild never starts a second chain of slices.
let pending = false;
const yieldPort = new MessageChannel();   // faster than setTimeout(0), which clamps to 4 ms
yieldPort.port1.onmessage = () => { pending = false; loop(); };
function schedule(delay = 0) {
  if (pending) return;
  pending = true;
  if (delay > 0) setTimeout(() => { pending = false; loop(); }, delay);
  else yieldPort.port2.postMessage(0);
}

// --- building ----------------------------------------------------------------------------------
// The next data and network are built beside the current run (run.js) and swapped in only when
// both succeeded. A build or setData that carries `req` is a try (a model file, a CSV, a link):
// if it fails, the worker answers {type:'rejected', req, errors} and the current run (its network,
// data, epoch and running state) goes on untouched; if it succeeds, {type:'accepted', req, id}
// comes before the new data and frame. Without `req` (an edit of the controls), a failure leaves
// no network and the page explains why ('invalid').

function startRun(id, net, data, config, epoch) {
  const grid = expandFeatures(gridPoints(GRID, EXTENT), GRID * GRID, config.features);
  run = { id, net, train: data.train, test: data.test, grid, batchSize: config.batchSize, epoch, steps: net.steps, cursor: 0, history: [], diverged: false };
  probe.setRun(run, config, data.kind, data.classes, EXTENT);
  postFrame(true);
}

function build({ id, config, model = null, req, pause = false }) {
  const errors = [...checkConfig(nn.catalog, config).errors];
  let data = null, net = null;
  try { data = makeData(nn, config); } catch (e) { errors.push(errorOf(e, 'data')); }
  if (data && !errors.length) {
    try { net = makeNetwork(nn, config, model); } catch (e) { errors.push(errorOf(e, model ? 'model' : 'network')); }
  }
  if (req !== undefined && errors.length) { post({ type: 'rejected', req, errors }); return; }
  if (run?.net) run.net.dispose();
  run = null;
  if (req !== undefined) post({ type: 'accepted', req, id });
  if (pause) running = false;
  if (data) post({ type: 'data', id, keep: false, ...data.view });
  if (errors.length) { running = false; post({ type: 'invalid', id, errors }); return; }
  startRun(id, net, data, config, model?.epoch ?? 0);
}

/** New points of the user's own for the running network: training continues on them. */
function replaceData({ config, req }) {
  let d;
  try { d = makeData(nn, config); } catch (e) {
    if (req === undefined) throw e;
    post({ type: 'rejected', req, errors: [errorOf(e, 'data')] });
    return;
  }
  if (req !== undefined) post({ type: 'accepted', req, id: run.id });
  post({ type: 'data', id: run.id, keep: true, ...d.view });
  Object.assign(run, { train: d.train, test: d.test, cursor: 0, diverged: false });
  probe.setRun(run, config, d.kind, d.classes, EXTENT);
  if (!running) postFrame(true);
}

// --- training ----------------------------------------------------------------------------------

const finite = (...v) => v.every(Number.isFinite);

function evaluateAll() {
  const { net, train, test } = run;
  const tr = train.n ? net.evaluate(train.x, train.y, train.n) : { loss: NaN, accuracy: NaN };
  const te = test.n ? net.evaluate(test.x, test.y, test.n) : { loss: NaN, accuracy: NaN };
  return { train: tr, test: te };
}

/** Records the end of an epoch; false when the loss is no longer a number (divergence). */
function endEpoch() {
  run.epoch++;
  run.cursor = 0;
  const m = evaluateAll();
  if ((run.train.n && !finite(m.train.loss)) || (run.test.n && !finite(m.test.loss))) return false;
  run.history.push({ epoch: run.epoch, trainLoss: m.train.loss, testLoss: m.test.loss, trainAcc: m.train.accuracy, testAcc: m.test.accuracy });
  return true;
}

function trainEpoch() {
  const { net, train } = run;
  if (!train.n) return true;
  const before = net.steps;
  const loss = net.trainEpoch(train.x, train.y, train.n, { batchSize: run.batchSize, shuffle: true });
  run.steps += Math.max(0, net.steps - before);
  return finite(loss) && endEpoch();
}

/** One mini-batch: the next batchSize training points (the split is already in random order). */
function trainStep() {
  const { net, train } = run;
  if (!train.n) return true;
  const k = train.x.length / train.n, o = train.y.length / train.n;
  const start = run.cursor, end = Math.min(train.n, start + run.batchSize);
  const loss = net.trainBatch(train.x.subarray(start * k, end * k), train.y.subarray(start * o, end * o), end - start);
  if (!finite(loss)) return false;
  run.steps++;
  run.cursor = end;
  return end < train.n || endEpoch();
}

function diverge() {
  running = false;
  run.diverged = true;
  post({ type: 'diverged', id: run.id, epoch: run.epoch, steps: run.steps });
}

function loop() {
  if (!running || !run || run.diverged) return;
  if (!run.train.n) { schedule(100); return; }  // no points yet: wait for some
  const now = performance.now();
  allowance = Math.min(allowance + (speed * (now - lastTick)) / 1000, Math.max(1, speed * 0.1));
  lastTick = now;
  let trained = false;
  // A slice ends after SLICE_MS, or as soon as a frame is due (so frames keep their cadence).
  while ((speed === Infinity || allowance >= 1) &&
    (!trained || (performance.now() - now < SLICE_MS && performance.now() - lastFrame < FRAME_MS))) {
    allowance -= 1;
    trained = true;
    if (!trainEpoch()) { diverge(); return; }
  }
  if (trained && performance.now() - lastFrame >= FRAME_MS) postFrame();
  schedule(speed === Infinity || allowance >= 1 ? 0 : Math.max(4, ((1 - allowance) / speed) * 1000));
}

// --- frames ------------------------------------------------------------------------------------

/** force: compute the slower inside views now (a paused step or an edit), not just when due. */
function postFrame(force = !running) {
  lastFrame = performance.now();
  const { net } = run;
  const m = evaluateAll();
  if (run.train.n && !finite(m.train.loss)) { diverge(); return; }
  const grid = net.predict(run.grid, GRID * GRID);
  const weights = [], biases = [];
  for (let l = 0; l < net.layerCount; l++) { weights.push(net.getWeights(l)); biases.push(net.getBiases(l)); }
  const history = run.history;
  run.history = [];
  const ok = grid.every(Number.isFinite);
  post({
    type: 'frame', id: run.id, epoch: run.epoch, steps: run.steps, train: m.train, test: m.test, history,
    grid: ok ? grid : null, res: GRID, outputs: net.outputs, weights, biases, running, ...probe.frame(net, run, force),
  }, [...(ok ? [grid.buffer] : []), ...weights.map((w) => w.buffer)]);
}

/** Sets one weight (kind 'w': W[row][col], out × in) or bias (kind 'b': b[row]) of a layer. */
function setParam({ layer, kind, row, col, value }) {
  const { net } = run;
  if (kind === 'w') {
    const W = net.getWeights(layer);
    W[row * (W.length / net.getBiases(layer).length) + col] = value;
    net.setWeights(layer, W);
  } else {
    const b = net.getBiases(layer);
    b[row] = value;
    net.setBiases(layer, b);
  }
  run.diverged = false;
  if (!running) postFrame(true);
}

function post(message, transfer = []) { self.postMessage(message, transfer); }

// --- messages ----------------------------------------------------------------------------------

self.onmessage = ({ data: msg }) => {
  if (!nn) return;  // not loaded yet: the page waits for 'ready' before sending anything
  try {
    switch (msg.type) {
      case 'build': build(msg); break;
      case 'setData': if (run && run.id === msg.id) replaceData(msg); else build(msg); break;
      case 'param': if (run) setParam(msg); break;
      case 'focus': probe.setFocus(msg.focus); if (run && !running) postFrame(false); break;
      case 'hiddenLayer': probe.setHiddenLayer(msg.layer); if (run && !running) postFrame(true); break;
      case 'export': if (run) post({ type: 'model', id: run.id, json: run.net.toJSON(), epoch: run.epoch }); break;
      case 'settings':
        if (run) {
          run.net.setOptimizer(optimizerSpec(nn.catalog, msg.config));
          run.batchSize = msg.config.batchSize;
          run.diverged = false;  // new settings: the kept weights may train again
        }
        break;
      case 'speed': speed = msg.speed; break;
      case 'run':
        speed = msg.speed ?? speed;
        running = !!msg.running && !!run;
        if (running) { run.diverged = false; lastTick = performance.now(); allowance = 1; schedule(); } else if (run) postFrame();
        break;
      case 'step': if (run && !running) { run.diverged = false; if (!trainStep()) diverge(); else postFrame(); } break;
      case 'trace': if (run?.train.n) post({ type: 'trace', id: run.id, req: msg.req, ...traceBatch(nn, run, msg) }); break;
      case 'gradcheck': if (run?.train.n) post({ type: 'gradcheck', id: run.id, req: msg.req, ...checkBatch(run, nn.catalog.limits) }); break;
      case 'epoch': if (run && !running) { run.diverged = false; if (!trainEpoch()) diverge(); else postFrame(); } break;
    }
  } catch (e) {
    running = false;
    post({ type: 'fatal', message: e.message });
  }
};

/** A small sample of every dataset, for the picker's thumbnails. */
function thumbnails() {
  return nn.catalog.datasets.map((d) => {
    const s = nn.makeDataset(d.name, { n: 160, noise: 0, classes: d.regression ? 0 : d.defaultClasses, seed: 3 });
    return { name: d.name, x: s.x, labels: s.labels, targets: s.targets };
  });
}

loadNN().then((module) => {
  nn = module;
  probe = createProbe(nn.catalog);
  post({ type: 'ready', catalog: nn.catalog, thumbnails: thumbnails() });
}, (e) => post({ type: 'fatal', message: `The WebAssembly module did not load: ${e.message}` }));
