// protocol.js — every message between the page (main.js and its panels) and the training worker
// (worker.js → trainer.js), defined once: the type names, the fields each message carries, and a
// small constructor per message. Both sides import this module; no other file spells a message
// type, so a renamed or added message is one edit here (tests/node/protocol.test.mjs checks).
// Messages are plain objects (structured clone); typed arrays in frames are transferred.

// --- page → worker ---------------------------------------------------------------------------------

export const TO_WORKER = Object.freeze({
  BUILD: 'build', SET_DATA: 'setData', SETTINGS: 'settings', RUN: 'run', SPEED: 'speed',
  STEP: 'step', EPOCH: 'epoch', PARAM: 'param', FOCUS: 'focus', HIDDEN_LAYER: 'hiddenLayer',
  EXPORT: 'export', TRACE: 'trace', GRADCHECK: 'gradcheck', LANDSCAPE: 'landscape',
});

/** Constructors of the page's messages. `req` marks a try (all or nothing: answered by
 *  accepted/rejected); without it, a build that fails leaves no network and is answered by invalid. */
export const toWorker = {
  /** A new network (and data) for `config` (config.js), replacing the run `id`; model: { json,
   *  epoch } to load a saved network instead; pause: stop running once built. */
  build: ({ id, config, model = null, req, pause = false }) => withReq({ type: TO_WORKER.BUILD, id, config, model, pause }, req),
  /** New points of the user's own for run `id` (training continues on them); a build otherwise. */
  setData: ({ id, config, req, pause = false }) => withReq({ type: TO_WORKER.SET_DATA, id, config, pause }, req),
  /** New training settings (optimizer, its hyperparameters, batch size, L1, L2) for the running
   *  network, which keeps its weights: all applied, or none (answered by settings with the errors). */
  settings: (config) => ({ type: TO_WORKER.SETTINGS, config }),
  /** Play (running true) or pause; speed in epochs per second (Infinity = as fast as it goes). */
  run: (running, speed) => ({ type: TO_WORKER.RUN, running, ...(speed === undefined ? {} : { speed }) }),
  speed: (speed) => ({ type: TO_WORKER.SPEED, speed }),
  /** One mini-batch, or one epoch, while paused. */
  step: () => ({ type: TO_WORKER.STEP }),
  epoch: () => ({ type: TO_WORKER.EPOCH }),
  /** An edited parameter: kind 'w' → W[row][col] of `layer` (out × in), kind 'b' → b[row]. */
  param: ({ layer, kind, row, col, value }) => ({ type: TO_WORKER.PARAM, layer, kind, row, col, value }),
  /** The neuron whose full-resolution map frames carry ({ layer (−1 = inputs), unit } or null). */
  focus: (focus) => ({ type: TO_WORKER.FOCUS, focus }),
  /** The layer whose view of the data (hidden space) frames carry. */
  hiddenLayer: (layer) => ({ type: TO_WORKER.HIDDEN_LAYER, layer }),
  /** The network as a file: answered by model, which echoes `format` (null: the page's JSON file;
   *  else an export format's name, lib/export's formats), so the page knows what it asked for. */
  export: (format = null) => ({ type: TO_WORKER.EXPORT, format }),
  /** The By-hand panel (math/tracer.js), on the next mini-batch: answered by trace / gradcheck. */
  trace: (req, preview = false) => ({ type: TO_WORKER.TRACE, req, preview }),
  gradcheck: (req) => ({ type: TO_WORKER.GRADCHECK, req }),
  /** The loss-landscape view (landscape/): its options { directions: 'random' | [{ layer, row,
   *  col? }, …], seed, range: number | 'fit' } while it is open (answered by landscape now, then
   *  as the weights change, at most about once a second while training), or null once closed. */
  landscape: (options) => ({ type: TO_WORKER.LANDSCAPE, options }),
};

// --- worker → page ---------------------------------------------------------------------------------

export const TO_PAGE = Object.freeze({
  READY: 'ready', DATA: 'data', INVALID: 'invalid', ACCEPTED: 'accepted', REJECTED: 'rejected',
  SETTINGS: 'settings', FRAME: 'frame', DIVERGED: 'diverged', MODEL: 'model', TRACE: 'trace',
  GRADCHECK: 'gradcheck', LANDSCAPE: 'landscape', FATAL: 'fatal',
});

/** Constructors of the worker's messages. `errors` are always [{ field, message }]: field is the
 *  core's dotted path ('optimizer.momentum', 'layers[1].units') or a configuration key ('classes');
 *  fields.js maps either to the page's control. Every message about a run carries its `id`, so the
 *  page drops what a replaced build still sends. */
export const toPage = {
  /** The module loaded: its tables (nn.catalog) and a small sample of every dataset. */
  ready: (catalog, thumbnails) => ({ type: TO_PAGE.READY, catalog, thumbnails }),
  /** The points being trained on (run.js makeData's view); keep: same run, new points. */
  data: (id, keep, view) => ({ type: TO_PAGE.DATA, id, keep, ...view }),
  /** A build without req failed: no network until the next build. */
  invalid: (id, errors) => ({ type: TO_PAGE.INVALID, id, errors }),
  /** A try (req) was built and now runs as `id` / failed and changed nothing. */
  accepted: (req, id) => ({ type: TO_PAGE.ACCEPTED, req, id }),
  rejected: (req, errors) => ({ type: TO_PAGE.REJECTED, req, errors }),
  /** The answer to settings: errors [] (applied) or why not (the run kept its previous settings). */
  settings: (id, errors) => ({ type: TO_PAGE.SETTINGS, id, errors }),
  /** The run's numbers: epoch, steps, train/test { loss, accuracy }, history (epochs since the last
   *  frame), grid (res² outputs, or null), outputs, weights, biases, running, and the inside views
   *  (inside/probe.js: grads, focus, maps, hidden, scores, and units: { n, active: per hidden layer
   *  the fraction of n sampled training points on which each unit's output is not 0 }). */
  frame: (id, fields) => ({ type: TO_PAGE.FRAME, id, ...fields }),
  /** The loss stopped being a number: training paused at the last good state. */
  diverged: (id, epoch, steps) => ({ type: TO_PAGE.DIVERGED, id, epoch, steps }),
  /** The network as text (network.toJSON()) and its epoch, for a model file; format: export's. */
  model: (id, json, epoch, format = null) => ({ type: TO_PAGE.MODEL, id, json, epoch, format }),
  /** trace: { trace, start, steps, preview } / gradcheck: { checks, start, n } (math/tracer.js). */
  trace: (id, req, result) => ({ type: TO_PAGE.TRACE, id, req, ...result }),
  gradcheck: (id, req, result) => ({ type: TO_PAGE.GRADCHECK, id, req, ...result }),
  /** The loss landscape (landscape/compute.js): alpha (steps values, β the same), loss (steps ×
   *  steps, row-major by β), center (evaluate's loss on those points), path ((α, β) pairs, oldest
   *  first), from ({ epoch, steps } of the path's first snapshot), steps, range, fitted, n of `of`
   *  training points, reduced (fewer points or steps than asked, for the work limit), epoch; or
   *  error (the core's message, e.g. a weight that is not there) or tooLarge. */
  landscape: (id, fields) => ({ type: TO_PAGE.LANDSCAPE, id, ...fields }),
  /** Something no message above explains: the page says so and stops. */
  fatal: (message) => ({ type: TO_PAGE.FATAL, message }),
};

function withReq(message, req) { return req === undefined ? message : { ...message, req }; }
