// main.js — wires the page: owns the configuration and the run state (running or not, the current
// build), turns user edits into worker messages (a rebuild for data/architecture, new optimizer
// settings for training ones), tries model files, CSVs and links all-or-nothing (adopting them only
// once the worker has built them), keeps the URL hash and history in sync (links.js), offers an
// Undo when a change replaced points of the user's own, hands the worker's frames to the
// renderers, and shows every problem beside the control it names (fields.js,
// fieldnotes.js). The worker owns the network; this thread only renders. Messages: protocol.js.
import { checkConfig, changeKind, datasetInfo, naturalOutput, outputUnits, problemKind, withOptimizer } from './config.js';
import { createLinks } from './links.js';
import { createTries } from './tries.js';
import { createDataPanel, createTrainingPanel } from './controls.js';
import { createNetworkPanel } from './layers.js';
import { createBoundary } from './boundary.js';
import { createCurves } from './charts.js';
import { createNetView } from './netview.js';
import { createStatus, createDivergence, createNotice } from './status.js';
import { createMathPanel } from './math/panel.js';
import { createDiagram } from './inside/diagram.js';
import { createInside } from './inside/panel.js';
import { createDataTools, NO_POINTS } from './data/panel.js';
import { lostPoints, pointCount } from './data/custom.js';
import { TO_PAGE, toWorker } from './protocol.js';
import { problemsOf } from './fields.js';
import { display } from './rows.js';
import { createFieldNotes } from './fieldnotes.js';
import { createDiagnoser } from './diagnoser.js';
import { createDiagnosisView } from './diagnosis-view.js';
import { createLessonPanel } from './lessons/panel.js';
import { createClassroom } from './classroom.js';
import { createLandscapeView } from './landscape/view.js';

const $ = (id) => document.getElementById(id);
const SPEEDS = { slow: 10, normal: 60, fast: 300, max: Infinity };
const randomSeed = () => Math.floor(Math.random() * 100000);

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const state = {
  catalog: null, config: null, buildId: 0, lastId: 0, edits: 0, running: false, valid: false,
  buildErrors: [],     // why the last build failed (invalid): no network until the next build
  settingsErrors: [],  // why the last settings were refused: the network trains on with the previous ones
  tries: createTries((m) => worker.postMessage(m)),   // model files, CSVs and links: all or nothing
  links: null,    // links.js: the hash
  data: null,     // the worker's last 'data' message: the points being trained on
  focus: null,    // the neuron whose map the Output plot shows: { layer, unit, activation, caption }
  rates: new Map(),  // optimizer → the learning rate last used with it (config.js withOptimizer)
  diagnoser: null, // diagnoser.js: how the run is going, for the findings beside the controls
};
let ui = null;

// --- configuration -----------------------------------------------------------------------------

/** Applies a patch from the controls, keeping the output layer suited to the problem. */
function edit(patch) {
  const old = state.config;
  setConfig(patched(old, patch));
  offerUndo(old, state.config);
}

/** When a change lost points of the user's own, says so beside the plot with an Undo that brings
 *  back those points (and the data settings and output layer that came with them), keeping any
 *  edit made since; Back restores the whole earlier configuration (links.js). */
function offerUndo(old, next) {
  const { catalog } = state;
  const text = lostPoints(old.custom, next.custom, datasetInfo(catalog, next.dataset)?.display ?? next.dataset);
  if (!text) return;
  ui.tools.offerUndo(text, () => {
    const now = state.config;
    const back = { ...now, custom: old.custom, dataset: old.dataset, classes: old.classes };
    if (problemKind(catalog, back) !== problemKind(catalog, now)) Object.assign(back, { outputActivation: old.outputActivation, loss: old.loss });
    setConfig(back);
  });
}

/** Makes `next` the configuration; the learning rate of the one it replaces is remembered for its
 *  optimizer (config.js withOptimizer), however the change came (an edit, Back, a link, a file). */
function adopt(next) {
  const old = state.config;
  if (old && next && old.optimizer !== next.optimizer) state.rates.set(old.optimizer, old.learningRate);
  state.config = next;
}

/** The configuration `old` with `patch` applied, and the classes and output layer made to fit. */
function patched(old, patch) {
  const { catalog } = state;
  // a new optimizer brings its own learning rate (the one last used with it) unless the patch sets one
  const base = patch.optimizer && !('learningRate' in patch) ? withOptimizer(catalog, old, patch.optimizer, state.rates) : old;
  const next = { ...base, ...patch };
  if ('dataset' in patch) next.custom = null;  // a generated dataset replaces the user's points
  if (patch.dataset && (patch.dataset !== old.dataset || old.custom)) {
    const info = datasetInfo(catalog, next.dataset);
    next.classes = info.regression ? 0 : Math.min(info.maxClasses, Math.max(info.minClasses, old.classes || info.defaultClasses));
    if (info.maxClasses === info.minClasses) next.classes = info.defaultClasses;
  }
  if (problemKind(catalog, next) !== problemKind(catalog, old)) Object.assign(next, naturalOutput(catalog, problemKind(catalog, next)));
  return next;
}

function setConfig(next, { force = false } = {}) {
  const kind = force ? 'rebuild' : changeKind(state.config ?? next, next);
  adopt(next);
  state.edits++;
  state.links.write();
  if (kind === 'rebuild' || force || (kind === 'train' && !state.valid)) rebuild();  // no network to set
  else if (kind === 'train') worker.postMessage(toWorker.settings(next));
  else if (kind === 'data') worker.postMessage(toWorker.setData({ id: state.buildId, config: next }));
  render();
}

function rebuild() {
  state.buildId = ++state.lastId;
  Object.assign(state, { buildErrors: [], settingsErrors: [], valid: true });
  resetViews(state.config);
  worker.postMessage(toWorker.build({ id: state.buildId, config: state.config }));
  if (state.running) worker.postMessage(toWorker.run(true, speed()));
}

/** Empties the views for a new network (its first frame fills them). */
function resetViews(config) {
  const { catalog } = state;
  ui.divergence.hide();
  const kind = problemKind(catalog, config);
  ui.curves.reset(kind);
  ui.status.reset(kind);
  const layers = [...config.layers, { units: outputUnits(catalog, config), activation: config.outputActivation }]
    .map((l) => ({ ...l, display: display(catalog.activations, l.activation) }));   // captions name it so
  ui.netview.setShape(config.features, layers);
  ui.inside.reset(layers);
  ui.math.reset();
  state.diagnoser.reset();
  ui.diagnosis.show(state.diagnoser.findings());
  ui.lesson.reset();
  ui.landscape.reset(layers, config.features);
}

// --- all-or-nothing changes: a model file, a CSV, a link (tries.js) --------------------------------

/** Tries the configuration makeNext(current) (model: a network file to load; pause: stop after).
 *  Resolves { ok: true } (adopted: controls, hash, views) or { ok: false, errors } (nothing changed). */
function propose(makeNext, { model = null, pause = false, undo = true } = {}) {
  let next, edits, old, settingsOnly = false;
  return state.tries.send(() => {
    old = state.config;
    next = makeNext(old);
    edits = state.edits;
    const kind = model ? 'rebuild' : changeKind(state.config, next);
    if (kind === 'none') return null;
    // new training settings (Back over a learning rate or L2, say): the running network takes them
    settingsOnly = kind === 'train' && state.valid;
    if (settingsOnly) return null;
    const data = kind === 'data' && state.valid;   // new points of your own: training continues on them
    if (data) return toWorker.setData({ id: state.buildId, config: next, pause });
    return toWorker.build({ id: ++state.lastId, config: next, model, pause });
  }).then((answer) => {
    if (settingsOnly) {   // as an edit of the controls: no rebuild, no pause (unless one came meanwhile)
      if (state.edits !== edits) return { ok: false, errors: [{ field: 'page', message: 'the settings were edited meanwhile; try again' }] };
      setConfig(next);
    }
    if (!answer) return { ok: true };
    if (answer.type === TO_PAGE.REJECTED) return { ok: false, errors: answer.errors.map((e) => ui.fieldNotes.labelled(e, next)) };
    if (state.edits !== edits) {  // the controls were edited meanwhile: the latest edit wins
      setConfig(state.config, { force: true });
      return { ok: false, errors: [{ field: 'page', message: 'the settings were edited meanwhile; try again' }] };
    }
    // a new network took the settings; new points for the same one keep any refused settings' note
    if (answer.id !== state.buildId) { Object.assign(state, { buildId: answer.id, settingsErrors: [] }); resetViews(next); }
    adopt(next);
    Object.assign(state, { valid: true, buildErrors: [] });
    if (pause) state.running = false;
    worker.postMessage(toWorker.run(state.running, speed()));
    state.links.write({ commit: true });
    render();
    if (undo) offerUndo(old, next);
    return { ok: true };
  });
}

// --- run controls --------------------------------------------------------------------------------

const speed = () => SPEEDS[$('speed').value] ?? SPEEDS.normal;

function setRunning(on) {
  state.running = on && state.valid;
  worker.postMessage(toWorker.run(state.running, speed()));
  if (state.running) ui.divergence.hide();
  render();
}

function render() {
  const { catalog, config } = state;
  const checked = checkConfig(catalog, config);
  const { errors } = checked;
  ui.data.update(config);
  ui.training.update(config);
  // beside its control when it has one on screen; the rest (and the output layer's) in the network panel's note
  const all = problemsOf(checked, [...state.buildErrors, ...state.settingsErrors], config);
  const rest = ui.fieldNotes.show(all);
  ui.network.update(config, { outputs: outputUnits(catalog, config), kind: problemKind(catalog, config), problems: rest });
  const noPoints = !!config.custom && pointCount(config.custom) === 0;   // cleared: nothing to train on
  const usable = state.valid && errors.length === 0 && !noPoints;
  if (noPoints && state.running) { state.running = false; worker.postMessage(toWorker.run(false)); }
  const play = $('play');
  play.title = noPoints ? NO_POINTS : '';
  play.querySelector('.label').textContent = state.running ? 'Pause' : 'Play';
  play.classList.toggle('running', state.running);
  play.setAttribute('aria-pressed', String(state.running));
  for (const id of ['play', 'step', 'step-epoch']) $(id).disabled = !usable;
  ui.math.setConfig(config, usable);
  ui.tools.update(config);
  if (state.diagnoser.setConfig(config)) ui.diagnosis.show(state.diagnoser.findings());
  ui.lesson.setConfig(config);
  document.body.classList.toggle('is-running', state.running);
}

// --- worker messages -----------------------------------------------------------------------------

worker.onmessage = ({ data: msg }) => {
  if (msg.type === TO_PAGE.READY) return start(msg.catalog, msg.thumbnails);
  if (msg.type === TO_PAGE.FATAL) { state.running = false; ui?.notice.show('Something went wrong', [msg.message]); return render(); }
  if (msg.type === TO_PAGE.ACCEPTED || msg.type === TO_PAGE.REJECTED) return state.tries.answer(msg);
  if (msg.id !== state.buildId) return;  // from a build that has been replaced
  switch (msg.type) {
    case TO_PAGE.DATA:
      state.data = msg;
      ui.boundary.setData(msg);
      ui.inside.setData(msg);
      state.diagnoser.setData(msg);
      ui.tools.update(state.config);
      break;
    case TO_PAGE.MODEL: ui.tools.saveModel(msg); break;
    case TO_PAGE.INVALID:
      Object.assign(state, { valid: false, running: false, buildErrors: msg.errors });
      render();
      break;
    case TO_PAGE.SETTINGS:   // refused settings stay in the controls, with why; training goes on
      state.settingsErrors = msg.errors;
      render();
      break;
    case TO_PAGE.FRAME:
      ui.status.update(msg, !msg.running);
      ui.curves.add(msg.history);
      ui.boundary.setGrid(msg.grid, msg.res, msg.outputs);
      ui.netview.setWeights(msg.weights);
      ui.math.frame(msg);
      ui.classroom.frame(msg);
      showInside(msg);
      if (state.diagnoser.frame(msg)) ui.diagnosis.show(state.diagnoser.findings());
      ui.lesson.frame(msg);
      break;
    case TO_PAGE.TRACE: ui.math.trace(msg); break;
    case TO_PAGE.GRADCHECK: ui.math.gradcheck(msg); break;
    case TO_PAGE.LANDSCAPE: ui.landscape.show(msg); break;
    case TO_PAGE.DIVERGED:
      state.running = false;
      ui.divergence.show(msg.epoch, state.config.learningRate);
      render();
      break;
  }
};
/** The frame's inside views: biases and neuron maps in the diagram, the hovered neuron's map in
 *  the Output plot, gradient health, hidden space and test scores. */
function showInside(msg) {
  ui.netview.setBiases(msg.biases);
  if (msg.maps) ui.netview.setMaps(msg.maps);
  ui.diagram.setParams(msg.weights, msg.biases);
  ui.inside.frame(msg);
  const f = state.focus;
  if (msg.focus && f?.layer === msg.focus.layer && f.unit === msg.focus.unit) ui.boundary.setPreview({ ...f, values: msg.focus.values, res: msg.res });
}

worker.onerror = (e) => {
  console.error('NN by Hand: the training worker failed', e.message);
  document.getElementById('notice').hidden = false;
  document.getElementById('notice').textContent = `The training worker failed to start: ${e.message ?? 'unknown error'}`;
};

// --- start -----------------------------------------------------------------------------------------

function start(catalog, thumbnails) {
  state.catalog = catalog;
  ui = {
    data: createDataPanel($('data-panel'), catalog, thumbnails, {
      onChange: edit,
      onRegenerate: () => edit({ seed: randomSeed() }),
      onShowTest: (on) => ui.boundary.setShowTest(on),
    }),
    training: createTrainingPanel($('training-panel'), catalog, { onChange: edit, onRedraw: () => edit({ weightSeed: randomSeed() }) }),
    network: createNetworkPanel($('network-panel'), catalog, { onChange: edit }),
    boundary: createBoundary($('boundary'), $('legend'), catalog),
    curves: createCurves($('curves')),
    netview: createNetView($('netview'), catalog),
    status: createStatus($('status'), $('announce')),
    divergence: createDivergence($('divergence')),
    notice: createNotice($('notice')),
    fieldNotes: createFieldNotes(document.body),
    diagnosis: createDiagnosisView({ network: $('network-panel'), training: $('training-panel'), data: $('data-panel') }, { onFix: edit }),
  };
  state.diagnoser = createDiagnoser(catalog);
  ui.math = createMathPanel($('byhand-panel'), catalog, {
    post: (m) => worker.postMessage(m),
    pause: () => { if (state.running) setRunning(false); },
    highlightLayer: (l) => ui.netview.highlightLayer(l),
  });
  ui.diagram = createDiagram($('netview'), ui.netview, {
    catalog, skip: $('skip-diagram'), skipTo: () => $('network-panel').querySelector('input'),
    onFocus: (f) => {
      state.focus = f;
      worker.postMessage(toWorker.focus(f && { layer: f.layer, unit: f.unit }));
      if (!f) ui.boundary.setPreview(null);
    },
    onEdit: (p) => worker.postMessage(toWorker.param(p)),
  });
  ui.inside = createInside($('inside-panel'), { onHiddenLayer: (layer) => worker.postMessage(toWorker.hiddenLayer(layer)) });
  ui.tools = createDataTools($('data-tools'), $('boundary'), {
    catalog, getConfig: () => state.config, getData: () => state.data, edit,
    exportModel: (format) => worker.postMessage(toWorker.export(format)),
    tryData: (patch) => propose((cfg) => patched(cfg, patch)),
    importModel: ({ json, config, epoch }) => propose(() => config, { model: { json, epoch }, pause: true }),
  });
  $('play').addEventListener('click', () => setRunning(!state.running));
  $('step').addEventListener('click', () => { if (state.running) setRunning(false); worker.postMessage(toWorker.step()); });
  $('step-epoch').addEventListener('click', () => { if (state.running) setRunning(false); worker.postMessage(toWorker.epoch()); });
  $('reset').addEventListener('click', () => { state.running = false; worker.postMessage(toWorker.run(false)); setConfig(state.config, { force: true }); });
  $('speed').addEventListener('change', () => worker.postMessage(toWorker.speed(speed())));
  $('log-scale').addEventListener('change', (e) => ui.curves.setLogScale(e.target.checked));
  // the loss landscape (landscape/): computed by the worker only while it is open
  ui.landscape = createLandscapeView($('landscape'), { post: (m) => worker.postMessage(m) });
  // --- lessons (lessons/): Show me applies the solution as an edit, on a new network, and plays;
  // a lesson's `views` (by name) are opened with it
  ui.lesson = createLessonPanel({ region: $('lesson'), menu: $('lessons-menu') }, catalog, {
    views: { landscape: ui.landscape },
    showMe: (solution) => { const old = state.config; setConfig({ ...old, ...solution }, { force: true }); offerUndo(old, state.config); setRunning(true); },
    close: () => state.links.write({ commit: true }),
  });
  // presentation mode, keyboard shortcuts, Save plot (PNG): classroom.js
  ui.classroom = createClassroom({
    catalog, netview: ui.netview, getConfig: () => state.config, getData: () => state.data, onView: () => state.links.showView(),
    els: { present: $('present'), keys: $('keys'), savePlot: $('save-plot'), plot: $('boundary'), legend: $('legend'), curves: $('curves'),
      buttons: { play: $('play'), step: $('step'), stepEpoch: $('step-epoch'), reset: $('reset') } },
  });
  state.links = createLinks({
    catalog, getConfig: () => state.config, getView: ui.classroom.getView, setView: ui.classroom.setView, notice: ui.notice, lesson: ui.lesson.link, propose: (config) => propose(() => config, { pause: true, undo: false }),
    apply: (config) => setConfig(config, { force: true }),
    start: (config) => { state.running = false; worker.postMessage(toWorker.run(false)); state.config = null; setConfig(config, { force: true }); },
  });
  state.links.load();
  document.body.classList.add('ready');
}
