// trainer.js — the worker's one piece of state: a Trainer owns the network and its data (the run),
// the training loop (running, speed, the allowance of epochs, the timing of slices and frames) and
// the probe of the inside views, and answers each protocol message (protocol.js) by one method.
// It trains in ~16 ms slices, yielding between them through a MessageChannel so messages are
// handled, and posts frames at most ~30 times a second. worker.js only routes messages here.
// No DOM; `post(message, transfer)` is how it answers (self.postMessage in the worker).
import { catalog } from './catalog.js';
import { expandFeatures, gridPoints } from './features.js';
import { checkConfig, optimizerSpec } from './config.js';
import { makeData, makeNetwork } from './run.js';
import { errorOf } from './fields.js';
import { nextBatch, traceBatch, checkBatch } from './math/tracer.js';
import { createProbe } from './inside/probe.js';
import { toPage } from './protocol.js';
import { createLandscapeKeeper } from './landscape/keeper.js';

export const GRID = 100;         // boundary resolution: GRID × GRID predictions per frame
export const EXTENT = catalog.limits.extent;  // the datasets live in [−extent, extent]²
const SLICE_MS = 16;             // train for this long, then yield
const FRAME_MS = 30;             // post a frame every 30 ms (~33 a second) while training

const finite = (...v) => v.every(Number.isFinite);

export class Trainer {
  #nn; #post; #probe; #landscape;
  #run = null;                   // { id, net, train, test, grid, batchSize, epoch, steps, cursor, history, diverged }
  #running = false;
  #speed = Infinity;             // epochs per second (Infinity = as many as fit)
  #allowance = 0; #lastTick = 0; #lastFrame = 0;
  #pending = false;              // a next slice is scheduled: a Play during a rebuild never starts a second chain
  #port = new MessageChannel();  // faster than setTimeout(0), which clamps to 4 ms

  constructor(nn, post) {
    this.#nn = nn;
    this.#post = post;
    this.#probe = createProbe(nn.catalog);
    this.#landscape = createLandscapeKeeper({ post, limits: nn.catalog.limits });
    this.#port.port1.onmessage = () => { this.#pending = false; this.#loop(); };
  }

  // --- building --------------------------------------------------------------------------------
  // The next data and network are built beside the current run (run.js) and swapped in only when
  // both succeeded. A build or setData that carries `req` is a try (a model file, a CSV, a link):
  // if it fails, the answer is rejected and the current run (its network, data, epoch and running
  // state) goes on untouched; if it succeeds, accepted comes before the new data and frame.
  // Without `req` (an edit of the controls), a failure leaves no network and says why (invalid).

  build({ id, config, model = null, req, pause = false }) {
    const errors = [...checkConfig(this.#nn.catalog, config).errors];
    let data = null, net = null;
    try { data = makeData(this.#nn, config); } catch (e) { errors.push(errorOf(e, 'data')); }
    if (data && !errors.length) {
      try { net = makeNetwork(this.#nn, config, model); } catch (e) { errors.push(errorOf(e, model ? 'model' : 'network')); }
    }
    if (req !== undefined && errors.length) { this.#post(toPage.rejected(req, errors)); return; }
    this.#run?.net.dispose();
    this.#run = null;
    if (req !== undefined) this.#post(toPage.accepted(req, id));
    if (pause) this.#running = false;
    if (data) this.#post(toPage.data(id, false, data.view));
    if (errors.length) { this.#running = false; this.#post(toPage.invalid(id, errors)); return; }
    const grid = expandFeatures(gridPoints(GRID, EXTENT), GRID * GRID, config.features);
    this.#run = { id, net, grid, batchSize: config.batchSize, epoch: model?.epoch ?? 0, steps: net.steps, history: [] };
    this.#useData(data, config);
    this.#landscape.reset(this.#run);
    this.#postFrame(true);
  }

  /** New points of the user's own: training continues on them (a build when run `id` is gone). */
  setData(msg) {
    const run = this.#run;
    if (!run || run.id !== msg.id) { this.build(msg); return; }
    let data;
    try { data = makeData(this.#nn, msg.config); } catch (e) {
      if (msg.req === undefined) throw e;
      this.#post(toPage.rejected(msg.req, [errorOf(e, 'data')]));
      return;
    }
    if (msg.req !== undefined) this.#post(toPage.accepted(msg.req, run.id));
    if (msg.pause) this.#running = false;
    this.#post(toPage.data(run.id, true, data.view));
    this.#useData(data, msg.config);
    if (!this.#running) this.#postFrame(true);
  }

  #useData(data, config) {
    Object.assign(this.#run, { train: data.train, test: data.test, cursor: 0, diverged: false });
    this.#probe.setData(data.train, data.test, config, data.kind, data.classes, EXTENT);
    this.#landscape.changed();
  }

  /** New training settings (optimizer and its hyperparameters, batch size, L1, L2), all or none:
   *  the answer lists what the core (or the batch size check) refused, and a refused change leaves
   *  the previous settings training. The weights (and the optimizer's state, for the same type)
   *  are kept: training continues. */
  settings(config) {
    const run = this.#run;
    if (!run) return;
    const errors = [];
    if (!Number.isSafeInteger(config.batchSize) || config.batchSize < 1) {
      errors.push({ field: 'batchSize', message: `batchSize: must be a whole number ≥ 1 (got ${config.batchSize})` });
    } else {
      // penalties first: undoing them is exact, while a new optimizer type resets its state
      const { l1, l2 } = run.net.spec;
      try {
        run.net.setPenalties({ l1: config.l1, l2: config.l2 });
        try { run.net.setOptimizer(optimizerSpec(this.#nn.catalog, config)); } catch (e) {
          run.net.setPenalties({ l1, l2 });
          throw e;
        }
      } catch (e) { errors.push(errorOf(e, 'optimizer')); }
    }
    if (!errors.length) {
      run.batchSize = config.batchSize;
      run.diverged = false;  // new settings: the kept weights may train again
    }
    this.#post(toPage.settings(run.id, errors));
  }

  // --- running -----------------------------------------------------------------------------------

  run(running, speed = this.#speed) {
    this.#speed = speed;
    this.#running = !!running && !!this.#run;
    if (this.#running) {
      this.#run.diverged = false;
      this.#lastTick = performance.now();
      this.#allowance = 1;
      this.#schedule();
    } else if (this.#run) this.#postFrame();
  }

  setSpeed(speed) { this.#speed = speed; }

  /** One mini-batch (or one epoch) while paused. */
  step() { this.#paused(() => this.#trainStep()); }
  epoch() { this.#paused(() => this.#trainEpoch()); }
  #paused(train) {
    if (!this.#run || this.#running) return;
    this.#run.diverged = false;
    if (!train()) this.#diverge(); else this.#postFrame();
  }

  #schedule(delay = 0) {
    if (this.#pending) return;
    this.#pending = true;
    if (delay > 0) setTimeout(() => { this.#pending = false; this.#loop(); }, delay);
    else this.#port.port2.postMessage(0);
  }

  #loop() {
    const run = this.#run;
    if (!this.#running || !run || run.diverged) return;
    if (!run.train.n) { this.#schedule(100); return; }  // no points yet: wait for some
    const speed = this.#speed, now = performance.now();
    this.#allowance = Math.min(this.#allowance + (speed * (now - this.#lastTick)) / 1000, Math.max(1, speed * 0.1));
    this.#lastTick = now;
    let trained = false;
    // A slice ends after SLICE_MS, or as soon as a frame is due (so frames keep their cadence).
    while ((speed === Infinity || this.#allowance >= 1) &&
      (!trained || (performance.now() - now < SLICE_MS && performance.now() - this.#lastFrame < FRAME_MS))) {
      this.#allowance -= 1;
      trained = true;
      if (!this.#trainEpoch()) { this.#diverge(); return; }
    }
    if (trained && performance.now() - this.#lastFrame >= FRAME_MS) this.#postFrame();
    this.#schedule(speed === Infinity || this.#allowance >= 1 ? 0 : Math.max(4, ((1 - this.#allowance) / speed) * 1000));
  }

  // --- training ----------------------------------------------------------------------------------

  #evaluateAll() {
    const { net } = this.#run, none = { loss: NaN, accuracy: NaN };
    const evaluate = (p) => (p.n ? net.evaluate(p.x, p.y, p.n) : none);
    return { train: evaluate(this.#run.train), test: evaluate(this.#run.test) };
  }

  /** Records the end of an epoch; false when the loss is no longer a number (divergence). */
  #endEpoch() {
    const run = this.#run;
    run.epoch++;
    run.cursor = 0;
    const m = this.#evaluateAll();
    if ((run.train.n && !finite(m.train.loss)) || (run.test.n && !finite(m.test.loss))) return false;
    run.history.push({ epoch: run.epoch, trainLoss: m.train.loss, testLoss: m.test.loss, trainAcc: m.train.accuracy, testAcc: m.test.accuracy });
    this.#landscape.record(run);
    return true;
  }

  #trainEpoch() {
    const run = this.#run, { net, train } = run;
    if (!train.n) return true;
    const before = net.steps;
    const loss = net.trainEpoch(train.x, train.y, train.n, { batchSize: run.batchSize, shuffle: true });
    run.steps += Math.max(0, net.steps - before);
    return finite(loss) && this.#endEpoch();
  }

  /** One mini-batch: the next batchSize training points (the batch the By-hand panel traces). */
  #trainStep() {
    const run = this.#run;
    if (!run.train.n) return true;
    const b = nextBatch(this.#batchView());
    if (!finite(run.net.trainBatch(b.x, b.y, b.n))) return false;
    run.steps++;
    run.cursor = b.start + b.n;
    if (run.cursor < run.train.n) { this.#landscape.record(run); return true; }
    return this.#endEpoch();
  }

  #diverge() {
    const run = this.#run;
    this.#running = false;
    run.diverged = true;
    this.#post(toPage.diverged(run.id, run.epoch, run.steps));
  }

  /** What math/tracer.js reads: the network and where the next mini-batch starts. */
  #batchView() {
    const { net, train, cursor, batchSize } = this.#run;
    return { net, train, cursor, batchSize };
  }

  // --- frames and the other views ------------------------------------------------------------------

  /** force: compute the slower inside views now (a paused step or an edit), not just when due. */
  #postFrame(force = !this.#running) {
    this.#lastFrame = performance.now();
    const run = this.#run, { net } = run;
    const m = this.#evaluateAll();
    if (run.train.n && !finite(m.train.loss)) { this.#diverge(); return; }
    const grid = net.predict(run.grid, GRID * GRID);
    const weights = [], biases = [];
    for (let l = 0; l < net.layerCount; l++) { weights.push(net.getWeights(l)); biases.push(net.getBiases(l)); }
    const history = run.history;
    run.history = [];
    const ok = grid.every(Number.isFinite);
    const progress = run.epoch + (run.train.n ? run.cursor / run.train.n : 0);
    this.#post(toPage.frame(run.id, {
      epoch: run.epoch, steps: run.steps, train: m.train, test: m.test, history, grid: ok ? grid : null, res: GRID,
      outputs: net.outputs, weights, biases, running: this.#running,
      ...this.#probe.frame(net, { progress, grid: run.grid, test: run.test }, force),
    }), [...(ok ? [grid.buffer] : []), ...weights.map((w) => w.buffer)]);
    this.#landscape.frame(run, this.#running);
  }

  /** The loss-landscape view opened, changed its options, or closed (null): landscape/keeper.js. */
  landscape(options) { this.#landscape.setOptions(this.#run, options); }

  /** Sets one weight (kind 'w': W[row][col], out × in) or bias (kind 'b': b[row]) of a layer. */
  param({ layer, kind, row, col, value }) {
    const run = this.#run, net = run?.net;
    if (!run) return;
    try {  // one entry, checked first (no copy of W): a refused value changes nothing and is said
      if (kind === 'w') net.setWeight(layer, row, col, value);
      else net.setBias(layer, row, value);
    } catch (e) {
      this.#post(toPage.settings(run.id, [errorOf(e, 'value')]));
      return;
    }
    run.diverged = false;
    this.#landscape.record(run);   // an edit moves the weights too: the path ends where they are
    if (!this.#running) this.#postFrame(true);
  }

  focus(focus) { this.#probe.setFocus(focus); if (this.#run && !this.#running) this.#postFrame(false); }
  hiddenLayer(layer) { this.#probe.setHiddenLayer(layer); if (this.#run && !this.#running) this.#postFrame(true); }
  export(format = null) { const run = this.#run; if (run) this.#post(toPage.model(run.id, JSON.stringify(run.net), run.epoch, format)); }

  /** The By-hand panel, on the mini-batch the next step will train. */
  trace(req, preview) {
    if (this.#run?.train.n) this.#post(toPage.trace(this.#run.id, req, traceBatch(this.#batchView(), { preview })));
  }
  gradcheck(req) {
    if (this.#run?.train.n) this.#post(toPage.gradcheck(this.#run.id, req, checkBatch(this.#batchView(), this.#nn.catalog.limits)));
  }

  /** Stops after an error no message explains (worker.js then posts fatal). */
  stop() { this.#running = false; }

  /** Frees the network and closes the loop's channel (a worker simply ends; tests call this). */
  dispose() {
    this.stop();
    this.#port.port1.close();
    this.#run?.net.dispose();
    this.#run = null;
  }
}
