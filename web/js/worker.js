// worker.js — the module Web Worker that owns the network. The page only renders: it posts the
// configuration and run commands here, and this worker builds the data and the network, trains in
// ~16 ms slices (yielding between them so messages are handled) and posts frames (numbers,
// per-epoch history, the boundary grid from one batched predict, the weights) at most ~30 times/s.
//
// Protocol (page → worker): {type:'build', id, config} · {type:'settings', config} ·
//   {type:'run', running, speed} · {type:'speed', speed} · {type:'step'} · {type:'epoch'}
// (worker → page): {type:'ready', catalog} · {type:'data', id, ...} · {type:'invalid', id, errors} ·
//   {type:'frame', id, ...} · {type:'diverged', id, ...} · {type:'fatal', message}
// By-hand panel (math/tracer.js), on the next mini-batch: {type:'trace', req, preview} → {type:'trace', id, req, trace, ...} ·
//   {type:'gradcheck', req} → {type:'gradcheck', id, req, checks, ...}
// Import maps do not apply in workers: the module is imported by relative URL.
import { loadNN } from '../lib/nn.js';
import { expandFeatures, gridPoints } from './features.js';
import { checkConfig, networkSpec, optimizerSpec, outputUnits, problemKind } from './config.js';
import { traceBatch, checkBatch } from './math/tracer.js';

export const GRID = 100;         // boundary resolution: GRID × GRID predictions per frame
export const EXTENT = 6;         // the datasets live in [−6, 6]²
const SLICE_MS = 16;             // train for this long, then yield
const FRAME_MS = 33;             // post at most ~30 frames a second

let nn = null;
let run = null;                  // the current run: { id, net, data, ... } (null before a build)
let running = false;
let speed = Infinity;            // epochs per second (Infinity = as many as fit)
let allowance = 0, lastTick = 0, lastFrame = 0;

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

function split(part, outputs, outputActivation, features) {
  return {
    n: part.n, points: part.x,
    x: expandFeatures(part.x, part.n, features),
    y: nn.encodeTargets(part, outputs, outputActivation),
    labels: part.labels, targets: part.targets,
  };
}

function build(id, config) {
  if (run?.net) run.net.dispose();
  run = null;
  const cat = nn.catalog;
  const kind = problemKind(cat, config);
  const outputs = outputUnits(cat, config);
  const ds = nn.makeDataset(config.dataset, { n: config.points, noise: config.noise, classes: kind === 'regression' ? 0 : config.classes, seed: config.seed });
  const parts = nn.splitDataset(ds, config.testRatio, config.seed);
  const view = (p) => ({ n: p.n, x: p.x.slice(), labels: p.labels?.slice() ?? null, targets: p.targets?.slice() ?? null });
  post({ type: 'data', id, kind, classes: ds.classes, outputs, outputActivation: config.outputActivation, train: view(parts.train), test: view(parts.test) });

  const { errors } = checkConfig(cat, config);
  let net = null;
  if (!errors.length) {
    try { net = nn.createNetwork(networkSpec(cat, config)); } catch (e) {
      const field = /^([\w.[\]]+):/.exec(e.message)?.[1] ?? 'network';
      errors.push({ field, message: e.message });
    }
  }
  if (errors.length) { running = false; post({ type: 'invalid', id, errors }); return; }
  const train = split(parts.train, outputs, config.outputActivation, config.features);
  const test = split(parts.test, outputs, config.outputActivation, config.features);
  const grid = expandFeatures(gridPoints(GRID, EXTENT), GRID * GRID, config.features);
  run = { id, net, train, test, grid, batchSize: config.batchSize, epoch: 0, steps: 0, cursor: 0, history: [], diverged: false };
  postFrame();
}

// --- training ----------------------------------------------------------------------------------

const finite = (...v) => v.every(Number.isFinite);

function evaluateAll() {
  const { net, train, test } = run;
  const tr = net.evaluate(train.x, train.y, train.n);
  const te = test.n ? net.evaluate(test.x, test.y, test.n) : { loss: NaN, accuracy: NaN };
  return { train: tr, test: te };
}

/** Records the end of an epoch; false when the loss is no longer a number (divergence). */
function endEpoch() {
  run.epoch++;
  run.cursor = 0;
  const m = evaluateAll();
  if (!finite(m.train.loss) || (run.test.n && !finite(m.test.loss))) return false;
  run.history.push({ epoch: run.epoch, trainLoss: m.train.loss, testLoss: m.test.loss, trainAcc: m.train.accuracy, testAcc: m.test.accuracy });
  return true;
}

function trainEpoch() {
  const { net, train } = run;
  const before = net.steps;
  const loss = net.trainEpoch(train.x, train.y, train.n, { batchSize: run.batchSize, shuffle: true });
  run.steps += Math.max(0, net.steps - before);
  return finite(loss) && endEpoch();
}

/** One mini-batch: the next batchSize training points (the split is already in random order). */
function trainStep() {
  const { net, train } = run;
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
  const now = performance.now();
  allowance = Math.min(allowance + (speed * (now - lastTick)) / 1000, Math.max(1, speed * 0.1));
  lastTick = now;
  let trained = false;
  while ((speed === Infinity || allowance >= 1) && performance.now() - now < SLICE_MS) {
    allowance -= 1;
    trained = true;
    if (!trainEpoch()) { diverge(); return; }
  }
  if (trained && performance.now() - lastFrame >= FRAME_MS) postFrame();
  schedule(speed === Infinity || allowance >= 1 ? 0 : Math.max(4, ((1 - allowance) / speed) * 1000));
}

// --- frames ------------------------------------------------------------------------------------

function postFrame() {
  lastFrame = performance.now();
  const { net } = run;
  const m = evaluateAll();
  if (!finite(m.train.loss)) { diverge(); return; }
  const grid = net.predict(run.grid, GRID * GRID);
  const weights = [];
  for (let l = 0; l < net.layerCount; l++) weights.push(net.getWeights(l));
  const history = run.history;
  run.history = [];
  const ok = grid.every(Number.isFinite);
  post({
    type: 'frame', id: run.id, epoch: run.epoch, steps: run.steps, train: m.train, test: m.test, history,
    grid: ok ? grid : null, res: GRID, outputs: net.outputs, weights, running,
  }, [...(ok ? [grid.buffer] : []), ...weights.map((w) => w.buffer)]);
}

function post(message, transfer = []) { self.postMessage(message, transfer); }

// --- messages ----------------------------------------------------------------------------------

self.onmessage = ({ data: msg }) => {
  if (!nn) return;  // not loaded yet: the page waits for 'ready' before sending anything
  try {
    switch (msg.type) {
      case 'build': build(msg.id, msg.config); break;
      case 'settings':
        if (run) {
          run.net.setOptimizer(optimizerSpec(msg.config));
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
      case 'gradcheck': if (run?.train.n) post({ type: 'gradcheck', id: run.id, req: msg.req, ...checkBatch(run) }); break;
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
  post({ type: 'ready', catalog: nn.catalog, thumbnails: thumbnails() });
}, (e) => post({ type: 'fatal', message: `The WebAssembly module did not load: ${e.message}` }));
