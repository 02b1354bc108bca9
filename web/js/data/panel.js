// panel.js — "your own data": the toolbar under the plot and the clicks on it. Add mode (with a
// class picker in the class colours, or a target value for regression) or Remove mode; shift-click
// adds the next class, ctrl/⌘-click removes the nearest point; Clear; CSV import/export; model
// import/export, and Export as (NumPy, PyTorch, ONNX: export-menu.js). Every change becomes a
// config patch ({ custom }) through edit(), so it lives in the configuration, survives Reset and
// reaches the URL when small. Owns: the mode, the chosen class, and the message line.
import { h } from '../dom.js';
import { classShape, markerIcon } from '../marks.js';
import { DATA_LIMITS, formatCSV, parseCSV } from './csv.js';
import { addPoint, removeNearest, fromParts, minClasses, pointCount, HASH_POINTS } from './custom.js';
import { MODEL_LIMITS, modelFile, readModelFile } from './model.js';
import { createExportMenu } from '../export-menu.js';

const EXTENT = DATA_LIMITS.extent;
const fmt = (n) => n.toLocaleString('en-US');
const K = DATA_LIMITS.maxClasses;
/** The CSV rules in a sentence (csv.js's header states them in full). */
export const CSV_RULES = `Rows of x1, x2 (−${EXTENT} to ${EXTENT}) and a class (1–${K}, as on the page) or a regression target. ` +
  `Whole numbers are classes; a column with any fraction, or headed “target”, holds targets. ` +
  `A first row with no number in it is a header; it may state the numbering (“class (0 to ${K - 1})”), and a file ` +
  `with a class 0 is read as numbered from 0. Up to ${fmt(DATA_LIMITS.maxPoints)} points.`;
/** Targets beyond this make the loss huge next to the datasets' [−1, 1]: the import says so. */
export const TARGET_WARN = 10;
const plural = (n, word) => `${fmt(n)} ${word}${n === 1 ? '' : 's'}`;

/** Why Play and Step are disabled with no points to train on. */
export const NO_POINTS = 'Add points (click the plot) or pick a dataset to train.';

/** Saves text (or bytes) as a file (a download). */
function download(data, name, type) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** tryData(patch) and importModel(file) try a change all-or-nothing (main.js): each resolves
 *  { ok } or { ok: false, errors }, and only then does the message line say what happened.
 *  exportModel(format) asks the worker for the network's document (format: null for the model
 *  file, else an export format): its answer comes back through saveModel. */
export function createDataTools(root, canvas, { catalog, getConfig, getData, edit, exportModel, tryData, importModel }) {
  let mode = 'add', chosen = 0, msgTimer = null;
  let undo = null;   // [text, restore]: an Undo just offered, for a message that follows at once
  const radio = (name, value, text, checked) => h('label', { class: 'chip' },
    h('input', { type: 'radio', name, value, checked, onchange: () => { mode = value; canvas.dataset.mode = value; } }), h('span', {}, text));
  const classes = h('div', { class: 'class-pick', role: 'radiogroup', 'aria-label': 'Class to add' });
  const target = h('input', { type: 'number', min: -1, max: 1, step: 'any', value: 1, class: 'target-in', 'aria-label': 'Target value' });
  /** The target typed for new points, or null when it is not a number from −1 to 1. */
  const targetValue = () => (target.value.trim() !== '' && target.checkValidity() && Number.isFinite(Number(target.value)) ? Number(target.value) : null);
  const targetBox = h('label', { class: 'target-pick' }, 'Target ', target);
  const count = h('p', { class: 'count data-count' });
  const shiftHint = h('span', {}, 'shift-click: the next class');
  const msg = h('div', { class: 'tool-msg', 'aria-live': 'polite' });  // not role=status: the run's status owns that
  const csvFile = h('input', { type: 'file', accept: '.csv,text/csv,text/plain', class: 'sr-only', tabindex: -1, 'aria-label': 'CSV file' });
  const modelFileIn = h('input', { type: 'file', accept: '.json,application/json', class: 'sr-only', tabindex: -1, 'aria-label': 'Model file' });
  const button = (text, title, onclick, name) => h('button', { type: 'button', class: 'ghost', title, onclick, 'aria-label': name }, text);
  const exportMenu = createExportMenu({ catalog, request: exportModel, download, message });

  root.append(
    h('div', { class: 'tool-row' },
      h('div', { class: 'chips seg', role: 'radiogroup', 'aria-label': 'Plot clicks' },
        radio('plot-mode', 'add', 'Add points', true), radio('plot-mode', 'remove', 'Remove points', false)),
      classes, targetBox,
      h('button', { type: 'button', class: 'ghost push', title: 'Remove every point, to draw your own data from scratch', onclick: () => setData(empty()) }, 'Clear')),
    h('p', { class: 'hint tool-hint' }, h('span', {}, 'Click the plot: add a point'), ' · ', shiftHint, ' · ', h('span', {}, 'ctrl-click: remove')),
    h('div', { class: 'tool-row files' },
      h('span', { class: 'tool-label', 'aria-hidden': 'true' }, 'CSV'),
      button('Import', CSV_RULES, () => csvFile.click(), 'Import CSV'),
      button('Export', 'Save the current points as CSV', exportCSV, 'Export CSV'),
      csvFile),
    h('div', { class: 'tool-row files' },
      h('span', { class: 'tool-label', 'aria-hidden': 'true' }, 'Model'),
      button('Import', 'Load a network saved with Export model', () => modelFileIn.click(), 'Import model'),
      button('Export', 'Save the trained network (weights, settings, data) as JSON', () => exportModel(null), 'Export model'),
      exportMenu.element,
      modelFileIn),
    count, msg,
  );
  canvas.dataset.mode = mode;

  /** Shows a message under the plot; actions ([text, onclick] each) add buttons, and such a
   *  message stays until the next one (an Undo must not vanish while the user looks for it). A
   *  message that follows an offered Undo at once (an import that replaced your points) keeps it. */
  function message(text, level = 'ok', ...actions) {
    clearTimeout(msgTimer);
    if (undo) { text = `${undo[0]} ${text}`; actions.push(['Undo', undo[1]]); undo = null; }
    msg.className = `tool-msg ${actions.length ? level === 'ok' ? 'undo' : level : level}`;
    if (level === 'error') msg.setAttribute('role', 'alert'); else msg.removeAttribute('role');
    msg.textContent = text;
    for (const [name, act] of actions) msg.append(' ', h('button', { type: 'button', class: 'ghost', onclick: () => { msg.textContent = ''; act(); } }, name));
    if (!actions.length && level !== 'error') msgTimer = setTimeout(() => { msg.textContent = ''; }, 8000);
  }

  // --- the data being edited: the user's own, or the generated points made editable ---
  const regression = () => { const c = getConfig(); return c.custom ? c.custom.regression : getData()?.kind === 'regression'; };
  function current() {
    const c = getConfig(), d = getData();
    if (c.custom) return c.custom;
    return d ? fromParts([d.train, d.test], d.kind === 'regression') : null;
  }
  const empty = () => ({ regression: regression(), x: [], y: [] });
  function setData(data, patch = {}) {
    msg.textContent = '';
    edit({ custom: data, ...patch });
  }

  // --- clicks on the plot ---
  canvas.addEventListener('click', (e) => {
    const data = current();
    if (!data) return;
    const r = canvas.getBoundingClientRect();
    const x1 = ((e.clientX - r.left) / r.width) * 2 * EXTENT - EXTENT;
    const x2 = EXTENT - ((e.clientY - r.top) / r.height) * 2 * EXTENT;
    if (mode === 'remove' || e.ctrlKey || e.metaKey) {
      const next = removeNearest(data, x1, x2, (14 / r.width) * 2 * EXTENT);
      if (next !== data) setData(next);
      return;
    }
    if (pointCount(data) >= DATA_LIMITS.maxPoints) return message(`The limit is ${fmt(DATA_LIMITS.maxPoints)} points.`, 'error');
    const k = getConfig().classes;
    if (data.regression && targetValue() === null) return message('Type a target from −1 to 1 (the datasets\' range) to add points.', 'error');
    const y = data.regression ? (e.shiftKey ? -1 : 1) * (Number(target.value) || 0) : e.shiftKey ? (chosen + 1) % k : chosen;
    setData(addPoint(data, x1, x2, y));
  });

  // --- files ---
  function exportCSV() {
    const data = current();
    if (data) download(formatCSV(data), 'nn-by-hand-data.csv', 'text/csv');
  }
  const refused = (name, error) => message(`${name}: ${error.replace(/\.?$/, '.')} Nothing was changed.`, 'error');
  async function readFile(input, maxBytes, handle) {
    const file = input.files[0];
    input.value = '';
    if (!file) return;
    if (file.size > maxBytes) return refused(file.name, `${(file.size / 1e6).toFixed(1)} MB is too big (the limit is ${maxBytes / 1e6} MB)`);
    try { await handle(file.name, await file.text()); } catch (e) { refused(file.name, `could not be read (${e.message})`); }
  }
  csvFile.addEventListener('change', () => readFile(csvFile, DATA_LIMITS.maxBytes, async (name, text) => {
    const r = parseCSV(text);
    if (!r.ok) return refused(name, r.error);
    const k = minClasses(r.data);
    const done = await tryData({ custom: r.data, classes: k });
    if (!done.ok) return refused(name, done.errors[0].message);
    const kind = r.data.regression ? 'regression targets' : `${k} classes, ${numbering(r, k)}`;
    const imported = `Imported ${plural(pointCount(r.data), 'point')} (${kind}) from ${name}.`;
    const big = r.data.regression ? r.data.y.reduce((m, t) => Math.max(m, Math.abs(t)), 0) : 0;
    if (big <= TARGET_WARN) return message(imported);
    message(`${imported} Its targets reach ${fmt(big)}, far beyond the datasets' −1 to 1: the loss will be about ` +
      `${big ** 2 >= 1e4 ? (big ** 2).toExponential(0).replace('+', '') : fmt(Math.round(big ** 2))} and training slow to settle.`, 'warning',
      ['Scale targets to [−1, 1]', () => scaleTargets(r.data, big)]);
  }));
  /** How the file numbered its classes, in words. */
  const numbering = (r, k) => (r.base === 1 ? `numbered 1 to ${k}` : `numbered 0 to ${k - 1} in the file${r.stated ? '' : ' (it has a class 0)'}, so its 0 is class 1 here`);
  async function scaleTargets(data, big) {
    const done = await tryData({ custom: { ...data, y: data.y.map((t) => Math.fround(t / big)) } });
    if (!done.ok) return message(done.errors[0].message, 'error');
    message(`Divided every target by ${fmt(big)}: they now lie in [−1, 1].`);
  }
  modelFileIn.addEventListener('change', () => readFile(modelFileIn, MODEL_LIMITS.maxBytes, async (name, text) => {
    const r = readModelFile(text, catalog, getConfig());
    if (!r.ok) return refused(name, r.error);
    const done = await importModel(r);
    if (!done.ok) return refused(name, done.errors[0].message);
    message(`Loaded the network from ${name} (epoch ${fmt(r.epoch)}).`);
  }));

  return {
    /** Shows the configuration: the class picker, the point count and whether the link has them. */
    update(cfg) {
      const d = getData();
      const reg = regression();
      targetBox.hidden = !reg;
      shiftHint.textContent = reg ? 'shift-click: minus the target' : 'shift-click: the next class';
      classes.hidden = reg;
      const k = reg ? 0 : cfg.classes;
      if (chosen >= k) chosen = 0;
      if (classes.childElementCount !== k) {
        classes.replaceChildren(...Array.from({ length: k }, (_, i) => h('label', { class: 'swatch-pick', title: `Class ${i + 1} (${classShape(i)})` },
          h('input', { type: 'radio', name: 'add-class', value: i, 'aria-label': `Class ${i + 1}`, 'aria-description': classShape(i), onchange: () => { chosen = i; } }),
          h('i', {}, markerIcon(i, 14)))));
      }
      classes.querySelectorAll('input').forEach((el, i) => { el.checked = i === chosen; });
      const n = cfg.custom ? pointCount(cfg.custom) : d ? d.train.n + d.test.n : 0;
      const split = d ? ` (${fmt(d.train.n)} train, ${fmt(d.test.n)} test)` : '';
      const link = !cfg.custom ? '' : n > HASH_POINTS ? ` · not in the link (over ${HASH_POINTS} points): share it with Export CSV` : ' · kept in the link';
      count.textContent = `${cfg.custom ? 'Your data' : 'Generated data'}: ${fmt(n)} point${n === 1 ? '' : 's'}${split}${link}`;
      if (cfg.custom && n === 0) count.textContent = `Your data: 0 points. ${NO_POINTS}`;
      count.classList.toggle('warn', !!cfg.custom && n === 0);
    },
    /** The worker's reply to Export model (format null) or Export as (the format): the model file,
     *  saved, or exported from that same text. */
    saveModel({ json, epoch, format }) {
      const text = modelFile(json, getConfig(), epoch);
      if (format) exportMenu.show(text, format);
      else download(text, 'nn-by-hand-model.json', 'application/json');
    },
    message,
    /** Says what happened to the user's points, with an Undo button that calls undo(). */
    offerUndo(text, restore) {
      message(text, 'ok', ['Undo', restore]);
      undo = [text, restore];
      setTimeout(() => { undo = null; });   // only a message of the same change (after its promise) keeps it
    },
  };
}
