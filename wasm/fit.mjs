// fit.mjs — network.fit(x, y, n, options): Keras's model.fit over the core's epochs in pieces
// (core/fit.hpp). The loop lives here because it must return to the page between mini-batches:
// callbacks (which may be async) run between them, an AbortSignal is honoured there, and the
// page stays responsive (the loop yields to the event loop whenever ~12 ms passed since it last
// did). The data is copied into the wasm heap once per fit and freed whatever happens.
//
// What is Keras's here, and what is not:
// - loss: the mean training batch loss over the epoch, each batch's taken before its step and
//   weighted by its size (Keras's running mean; exactly what trainEpoch returns). It is the data
//   loss: l1/l2 penalties are not added (Keras adds the kernel regularizers' losses).
// - accuracy: Keras's running accuracy — each batch judged before its step, counted over the
//   epoch — with evaluate's rule (argmax; for one output, the side of the activation's midpoint).
//   Counted only when asked, so trainEpoch never pays for it.
// - val_loss, val_accuracy: evaluate on the validation data after the epoch.
// - validationSplit: the last n − floor(n·(1 − s)) samples, taken before any shuffling (Keras's
//   train_validation_split; both parts must be non-empty).
// - earlyStopping: Keras 3's EarlyStopping (mode from the metric, patience counted in epochs
//   without improvement, never stopping after the first epoch; restoreBest puts the best epoch's
//   weights back when fit ends, whether early stopping stopped it or not).
// Everything this file needs from the network comes through the small interface Network.fit
// builds (`io`): the live handle, checked calls, the heap, the fit lock and the argument checks.

const YIELD_MS = 12;     // yield to the event loop when this long passed since the last yield
const TARGET_MS = 4;     // without onBatchEnd, batches run in chunks of about this long
const OPTIONS = ['epochs', 'batchSize', 'shuffle', 'validationSplit', 'validationData', 'earlyStopping',
  'standardize', 'metrics', 'onEpochEnd', 'onBatchEnd', 'signal'];
const EARLY_STOPPING = ['monitor', 'patience', 'minDelta', 'restoreBest'];
// What fit can measure beyond the loss, and which way each monitored log improves.
const METRICS = ['accuracy'];
const MODE = { loss: 'min', accuracy: 'max' };  // val_<name> improves as <name> does
const now = () => globalThis.performance?.now() ?? Date.now();

/** The fit loop: see nn.d.ts (Network.fit, FitOptions, History) for the contract. */
export async function fit(io, x, y, n, options) {
  const h = io.handle();
  io.claim();  // a second fit on the same network rejects here, before anything else
  const buffers = [];
  let started = false;
  const clock = yielder();
  try {
    const o = readOptions(io, h, x, y, n, options);
    if (o.signal?.aborted) throw abortReason(o.signal);
    const { inputs, outputs } = o;
    const px = copyIn(io, x, n * inputs, buffers), py = copyIn(io, y, n * outputs, buffers);
    let pvx = 0, pvy = 0;
    if (o.validationData) {
      pvx = copyIn(io, o.validationData.x, o.nVal * inputs, buffers);
      pvy = copyIn(io, o.validationData.y, o.nVal * outputs, buffers);
    } else if (o.nVal > 0) {  // the tail of x and y
      pvx = px + 4 * o.nTrain * inputs;
      pvy = py + 4 * o.nTrain * outputs;
    }
    io.call(h.fitStart(px, py, o.nTrain, pvx, pvy, o.nVal, o.batchSize, o.shuffle, o.accuracy, o.standardize, !!o.validationData));
    started = true;
    return await loop(io, o, pvx, pvy, clock);
  } finally {
    if (started) io.handleOrNull()?.fitEnd();  // a disposed network freed its run with it
    for (const p of buffers) io.heap._free(p);
    clock.close();
    io.release();
  }
}

// What an aborted fit rejects with, as fetch does: the signal's reason, or an AbortError without one.
const abortReason = (signal) => signal.reason ?? new DOMException('fit() was aborted', 'AbortError');

async function loop(io, o, pvx, pvy, clock) {
  const history = { loss: [] };
  if (o.accuracy) history.accuracy = [];
  if (o.nVal > 0) {
    history.val_loss = [];
    if (o.accuracy) history.val_accuracy = [];
  }
  const epochs = [];
  const stopper = o.earlyStopping ? earlyStopper(o.earlyStopping) : null;
  let stopReason = 'completed';
  const abort = () => { if (o.signal?.aborted) throw abortReason(o.signal); };
  let chunk = 1;  // batches per call without onBatchEnd, adapted to about TARGET_MS
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    abort();
    io.call(io.handle().fitEpoch());
    let r;
    do {
      abort();
      const started = now();
      r = io.call(io.handle().fitBatches(o.onBatchEnd ? 1 : chunk));
      if (o.onBatchEnd) {
        const logs = { loss: r.loss };
        if (o.accuracy) logs.accuracy = r.accuracy;
        await o.onBatchEnd(r.batches - 1, logs);
      } else if (!r.done) {  // about TARGET_MS per call: few crossings, and the page still gets its turn
        const took = now() - started;
        chunk = took < TARGET_MS / 2 ? Math.min(2 * chunk, 1 << 20) : took > 2 * TARGET_MS ? Math.max(1, chunk >> 1) : chunk;
      }
      if (clock.due()) await clock.pause();
    } while (!r.done);
    const logs = { loss: r.loss };
    if (o.accuracy) logs.accuracy = r.accuracy;
    if (o.nVal > 0) {
      const e = io.call(io.handle().evaluate(pvx, pvy, o.nVal));
      logs.val_loss = e.loss;
      if (o.accuracy) logs.val_accuracy = e.accuracy;
    }
    for (const key of Object.keys(history)) history[key].push(logs[key]);
    epochs.push(epoch);
    if (o.onEpochEnd) await o.onEpochEnd(epoch, { ...logs });
    if (r.diverged) {
      stopReason = 'diverged';
      break;
    }
    if (stopper?.update(epoch, logs, io.network)) {
      stopReason = 'earlyStopping';
      break;
    }
    if (clock.due()) await clock.pause();
  }
  abort();  // aborted in the last callback or pause: fit rejects all the same
  stopper?.restore(io.network);
  const result = {
    history, epoch: epochs,
    params: { epochs: o.epochs, batchSize: o.batchSize, steps: Math.ceil(o.nTrain / o.batchSize), samples: o.nTrain },
    stopReason,
  };
  if (stopper?.bestEpoch !== null && stopper?.bestEpoch !== undefined) result.bestEpoch = stopper.bestEpoch;
  return result;
}

// Keras 3's EarlyStopping.on_epoch_end and on_train_end, with restore_best_weights.
function earlyStopper({ monitor, patience, minDelta, restoreBest }) {
  const max = MODE[monitor.replace(/^val_/, '')] === 'max';
  const improves = (value, best) => (max ? value - minDelta > best : value + minDelta < best);
  let best = null, bestEpoch = null, wait = 0, weights = null;
  const save = (net) => Array.from({ length: net.layerCount }, (_, l) => [net.getWeights(l), net.getBiases(l)]);
  return {
    get bestEpoch() { return bestEpoch; },
    update(epoch, logs, net) {
      const value = logs[monitor];
      if (restoreBest && weights === null) {  // never improved: the first epoch's weights
        weights = save(net);
        bestEpoch = epoch;
      }
      wait += 1;
      if (best === null || improves(value, best)) {
        best = value;
        bestEpoch = epoch;
        if (restoreBest) weights = save(net);
        wait = 0;
        return false;
      }
      return wait >= patience && epoch > 0;
    },
    restore(net) {
      if (!restoreBest || weights === null) return;
      weights.forEach(([W, b], l) => {
        net.setWeights(l, W);
        net.setBiases(l, b);
      });
    },
  };
}

// --- options -----------------------------------------------------------------------------------

// Every option checked (NNError naming "options.<field>") before anything changes.
function readOptions(io, h, x, y, n, options) {
  const { fail, show, checkInt, checkArray } = io;
  const inputs = h.inputs(), outputs = h.outputs();
  checkInt(n, 'n');
  checkArray(x, n * inputs, 'x', `n × inputs = ${n} × ${inputs}`);
  checkArray(y, n * outputs, 'y', `n × outputs = ${n} × ${outputs}`);
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object' || Array.isArray(options)) fail('options', `must be an object (got ${show(options)})`);
  known(io, options, OPTIONS, 'options');
  const {
    epochs = 1, batchSize = 32, shuffle = true, validationSplit = 0, validationData, earlyStopping,
    standardize = false, metrics, onEpochEnd, onBatchEnd, signal,
  } = options;
  checkInt(epochs, 'options.epochs', 0);
  checkInt(batchSize, 'options.batchSize');
  const flag = (v, field) => { if (typeof v !== 'boolean') fail(field, `must be true or false (got ${show(v)})`); };
  flag(shuffle, 'options.shuffle');
  flag(standardize, 'options.standardize');
  for (const [f, field] of [[onEpochEnd, 'options.onEpochEnd'], [onBatchEnd, 'options.onBatchEnd']]) {
    if (f !== undefined && typeof f !== 'function') fail(field, `must be a function (got ${show(f)})`);
  }
  if (signal !== undefined && (typeof signal !== 'object' || signal === null || typeof signal.aborted !== 'boolean')) {
    fail('options.signal', `must be an AbortSignal (got ${show(signal)})`);
  }
  if (typeof validationSplit !== 'number' || !(validationSplit >= 0 && validationSplit < 1)) {
    fail('options.validationSplit', `must be a number from 0 to less than 1 (got ${show(validationSplit)})`);
  }
  let nTrain = n, nVal = 0;
  if (validationData !== undefined) {
    if (options.validationSplit !== undefined) fail('options.validationData', 'give validationData or validationSplit, not both');
    if (typeof validationData !== 'object' || validationData === null || Array.isArray(validationData)) {
      fail('options.validationData', 'must be an object { x, y, n }');
    }
    known(io, validationData, ['x', 'y', 'n'], 'options.validationData');
    nVal = checkInt(validationData.n, 'options.validationData.n');
    checkArray(validationData.x, nVal * inputs, 'options.validationData.x', `n × inputs = ${nVal} × ${inputs}`);
    checkArray(validationData.y, nVal * outputs, 'options.validationData.y', `n × outputs = ${nVal} × ${outputs}`);
  } else if (validationSplit > 0) {
    nTrain = Math.floor(n * (1 - validationSplit));
    nVal = n - nTrain;
    if (nTrain < 1 || nVal < 1) {
      fail('options.validationSplit', `${validationSplit} splits ${n} samples into ${nTrain} for training and ${nVal} for validation; both need at least one`);
    }
  }
  const accuracy = readMetrics(io, metrics);
  const o = {
    inputs, outputs, epochs, batchSize, shuffle, standardize, onEpochEnd, onBatchEnd, signal, nTrain, nVal,
    validationData: validationData === undefined ? null : validationData, accuracy, earlyStopping: null,
  };
  if (earlyStopping !== undefined) o.earlyStopping = readEarlyStopping(io, earlyStopping, nVal > 0, accuracy);
  return o;
}

// true when 'accuracy' is measured: by default for a classification loss (the catalog's flag:
// a loss that needs outputs in (0, 1)).
function readMetrics(io, metrics) {
  const { fail, show } = io;
  if (metrics === undefined) return io.loss().needsUnitInterval;
  if (!Array.isArray(metrics)) fail('options.metrics', `must be an array of metric names: [] or ['accuracy'] (got ${show(metrics)})`);
  metrics.forEach((m, i) => {
    if (!METRICS.includes(m)) fail(`options.metrics[${i}]`, `unknown metric ${show(m)} (choose from ${METRICS.join(', ')})`);
    if (metrics.indexOf(m) !== i) fail(`options.metrics[${i}]`, `${show(m)} is given twice`);
  });
  return metrics.includes('accuracy');
}

function readEarlyStopping(io, es, validation, accuracy) {
  const { fail, show, checkInt } = io;
  const at = 'options.earlyStopping';
  if (typeof es !== 'object' || es === null || Array.isArray(es)) fail(at, 'must be an object { monitor, patience, minDelta, restoreBest }');
  known(io, es, EARLY_STOPPING, at);
  const { monitor = validation ? 'val_loss' : 'loss', patience = 0, minDelta = 0, restoreBest = false } = es;
  const logged = ['loss', ...(accuracy ? ['accuracy'] : [])];
  const available = validation ? [...logged, ...logged.map((k) => `val_${k}`)] : logged;
  if (!available.includes(monitor)) {
    const why = typeof monitor === 'string' && monitor.startsWith('val_') && !validation ? 'there is no validation data (give validationSplit or validationData)'
      : monitor === 'accuracy' || monitor === 'val_accuracy' ? "accuracy is not measured (metrics: ['accuracy'])" : 'it is not logged';
    fail(`${at}.monitor`, `cannot watch ${show(monitor)}: ${why}; choose from ${available.join(', ')}`);
  }
  checkInt(patience, `${at}.patience`, 0);
  if (typeof minDelta !== 'number' || !Number.isFinite(minDelta) || minDelta < 0) fail(`${at}.minDelta`, `must be a finite number ≥ 0 (got ${show(minDelta)})`);
  if (typeof restoreBest !== 'boolean') fail(`${at}.restoreBest`, `must be true or false (got ${show(restoreBest)})`);
  return { monitor, patience, minDelta, restoreBest };
}

function known(io, object, names, at) {
  for (const key of Object.keys(object)) {
    if (!names.includes(key)) io.fail(`${at}.${key}`, `unknown field (expected ${names.join(', ')})`);
  }
}

// --- the heap and the event loop ---------------------------------------------------------------

// Copies count values of data into the wasm heap (float32), recording the pointer in buffers.
function copyIn(io, data, count, buffers) {
  const M = io.heap;
  if (count > 2 ** 29) io.fail('', 'out of memory: the data is too large for this page');  // > 2 GiB: the heap's limit
  const ptr = M._malloc(Math.max(1, count) * 4);
  if (!ptr) io.fail('', 'out of memory: the data is too large for this page');
  buffers.push(ptr);
  new Float32Array(M.HEAPU8.buffer, ptr, count).set(data);  // a fresh view: memory may have grown
  return ptr;
}

// due() when YIELD_MS passed since the last pause(), which returns to the event loop: setImmediate
// where there is one (Node: a MessageChannel's messages are drained in one go there, ahead of timers
// and I/O), else a message on a MessageChannel (a task, not clamped like nested timers), else
// setTimeout 0.
function yielder() {
  let last = now(), channel = null;
  const waiting = [];
  const tick = () => new Promise((resolve) => {
    if (typeof setImmediate === 'function') return setImmediate(resolve);
    if (typeof MessageChannel !== 'function') return setTimeout(resolve, 0);
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => waiting.shift()?.();
    }
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
  return {
    due: () => now() - last >= YIELD_MS,
    async pause() {
      await tick();
      last = now();
    },
    close() {
      channel?.port1.close();
      channel?.port2.close();
    },
  };
}
