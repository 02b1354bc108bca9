// controls.js — the Data and Training panels, built from the module's tables (nn.catalog), so a
// dataset or optimizer added to the core appears here with no edit. The panels hold no state:
// update(config) shows a configuration, and every user edit is reported as a patch through
// onChange(patch); main.js decides what the patch means.
import { h, field, select, numberField, setValue } from './dom.js';
import { UI_LIMITS, HYPERPARAMETERS, datasetInfo, optimizerParams, numberRule } from './config.js';
import { display } from './rows.js';
import { diverging } from './boundary.js';
import { classColor, classShape, traceMarker } from './marks.js';
import { minClasses } from './data/custom.js';

const fmt = (v, digits = 2) => Number(v).toFixed(digits);

/** A number field for the configuration key `key` (its data-field): committed values only (dom.js). */
const numberOf = (catalog, input, onChange, getConfig, key = input.dataset.field) => numberField(input, {
  rule: numberRule(catalog, key), apply: (v) => onChange({ [key]: v }), current: () => getConfig()[key],
});

/** A seed (configuration key `key`): its number field and a button that draws a new one, in one
 *  small row; .field shows a configuration's value (numberField). */
function seedRow(catalog, { text, key, action, title }, onChange, onDraw, getConfig) {
  const input = h('input', { type: 'number', min: 0, max: UI_LIMITS.maxSeed, step: 1, inputmode: 'numeric', 'data-field': key });
  const draw = h('button', { type: 'button', class: 'ghost', title }, action);
  const number = numberOf(catalog, input, onChange, getConfig);
  draw.addEventListener('click', onDraw);
  input.id = key;
  return { field: number, row: h('div', { class: 'field seed' }, h('label', { for: input.id }, text), input, draw) };
}

/** A slider with its value shown beside the label. */
function slider(label, attrs, show) {
  const input = h('input', { type: 'range', ...attrs });
  const out = h('output', { class: 'value', 'aria-hidden': 'true' });
  const row = field(label, input, out);
  row.classList.add('slider');
  return { input, row, show: (v) => { setValue(input, v); out.textContent = show(v); } };
}

// --- Data ------------------------------------------------------------------------------------------

/** A clickable picture of a dataset (TF Playground's picker); the select stays the named control.
 *  Classes in their colour and marker shape (one path per class); regression targets in colour. */
function thumbnail(t, title, extent, onPick) {
  const canvas = h('canvas', { width: 96, height: 96, 'aria-hidden': 'true' });
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#f7f8fa';
  ctx.fillRect(0, 0, 96, 96);
  const n = t.x.length / 2;
  const px = (i) => ((t.x[2 * i] + extent) / (2 * extent)) * 96, py = (i) => 96 - ((t.x[2 * i + 1] + extent) / (2 * extent)) * 96;
  ctx.lineWidth = 0.6;
  ctx.strokeStyle = 'rgba(29, 35, 48, 0.5)';
  if (!t.labels) {
    for (let i = 0; i < n; i++) {
      ctx.beginPath();
      traceMarker(ctx, 'disc', px(i), py(i), 3);
      ctx.fillStyle = `rgb(${diverging(t.targets[i]).join(',')})`;
      ctx.fill();
    }
  } else {
    for (let k = 0; k <= Math.max(...t.labels); k++) {
      ctx.beginPath();
      for (let i = 0; i < n; i++) if (t.labels[i] === k) traceMarker(ctx, classShape(k), px(i), py(i), 3);
      ctx.fillStyle = classColor(k);
      ctx.fill();
      ctx.stroke();
    }
  }
  return h('button', { type: 'button', class: 'thumb', title, 'aria-label': title, onclick: () => onPick(t.name) }, canvas);
}

/** Columns for n pictures in rows of at most max, as even as can be (9 in 4s → 3 rows of 3). */
const balanced = (n, max) => Math.ceil(n / Math.ceil(n / max));

export function createDataPanel(root, catalog, thumbnails, { onChange, onRegenerate, onShowTest }) {
  const thumbs = thumbnails.map((t) => ({ name: t.name, el: thumbnail(t, display(catalog.datasets, t.name), catalog.limits.extent, (name) => onChange({ dataset: name })) }));
  const groups = [
    { group: 'Classification', options: catalog.datasets.filter((d) => !d.regression).map((d) => [d.name, d.display]) },
    { group: 'Regression', options: catalog.datasets.filter((d) => d.regression).map((d) => [d.name, d.display]) },
  ];
  // data-field: the configuration key each control sets (fieldnotes.js shows its problems beside it)
  const dataset = select(groups, { 'data-field': 'dataset' });
  const classes = h('select', { 'data-field': 'classes' });
  const noise = slider('Noise', { min: 0, max: 1, step: 0.05, 'data-field': 'noise' }, (v) => fmt(v));
  const points = slider('Points', { min: UI_LIMITS.minPoints, max: UI_LIMITS.maxPoints, step: 10, 'data-field': 'points' }, String);
  const test = slider('Test ratio', { min: UI_LIMITS.minTest, max: UI_LIMITS.maxTest, step: 0.05, 'data-field': 'testRatio' }, (v) => `${Math.round(v * 100)}%`);
  const seed = seedRow(catalog, { text: 'Data seed', key: 'seed', action: 'Regenerate', title: 'Draw a new data seed: new points and a new train/test split (the same initial weights)' },
    onChange, onRegenerate, () => cfg);
  const showTest = h('input', { type: 'checkbox', checked: true });
  const classesNote = h('span', { class: 'hint' });
  let cfg = null;

  const customOption = h('option', { value: 'custom' }, 'Custom (your points)');
  dataset.addEventListener('change', () => { if (dataset.value !== 'custom') onChange({ dataset: dataset.value }); });
  classes.addEventListener('change', () => onChange({ classes: Number(classes.value) }));
  noise.input.addEventListener('input', () => onChange({ noise: Number(noise.input.value) }));
  points.input.addEventListener('input', () => onChange({ points: Number(points.input.value) }));
  test.input.addEventListener('input', () => onChange({ testRatio: Number(test.input.value) }));
  showTest.addEventListener('change', () => onShowTest(showTest.checked));

  root.append(
    h('div', { class: 'thumbs', role: 'group', 'aria-label': 'Pick by picture', style: `--cols: ${balanced(thumbs.length, 4)}; --cols-mid: ${balanced(thumbs.length, 10)}; --cols-phone: ${balanced(thumbs.length, 8)}` }, thumbs.map((t) => t.el)),
    field('Dataset', dataset),
    field('Classes', classes, classesNote),
    noise.row, points.row, test.row,
    seed.row,
    h('label', { class: 'check' }, showTest, ' Show test data'),
  );

  return {
    update(c) {
      cfg = c;
      // the user's own points: "Custom" in the list (only then), classes from their labels up to the core's limit
      if (c.custom && !customOption.isConnected) dataset.append(customOption);
      if (!c.custom) customOption.remove();
      setValue(dataset, c.custom ? 'custom' : c.dataset);
      for (const t of thumbs) t.el.setAttribute('aria-pressed', String(!c.custom && t.name === c.dataset));
      const info = c.custom ? { regression: c.custom.regression, minClasses: minClasses(c.custom), maxClasses: catalog.limits.maxClasses } : datasetInfo(catalog, c.dataset);
      const range = info.regression ? [] : Array.from({ length: info.maxClasses - info.minClasses + 1 }, (_, i) => info.minClasses + i);
      if (classes.dataset.range !== range.join()) {
        classes.replaceChildren(...(range.length ? range.map((k) => h('option', { value: k }, String(k))) : [h('option', { value: 0 }, '—')]));
        classes.dataset.range = range.join();
      }
      setValue(classes, c.classes);
      classes.disabled = range.length <= 1;
      classesNote.textContent = info.regression ? 'regression' : range.length <= 1 ? 'fixed' : '';
      noise.show(c.noise); points.show(c.points); test.show(c.testRatio);
      noise.input.disabled = points.input.disabled = !!c.custom;
      seed.field.show(c.seed);
    },
  };
}

// --- Training ----------------------------------------------------------------------------------------

export function createTrainingPanel(root, catalog, { onChange, onRedraw }) {
  const optimizer = select(catalog.optimizers.map((o) => [o.name, o.display]), { 'data-field': 'optimizer' });
  // Number fields apply what the user commits; a value outside its rule is said beside it (dom.js).
  const lr = h('input', { type: 'number', step: 'any', inputmode: 'decimal', list: 'lr-choices', title: `The step size η: ${numberRule(catalog, 'learningRate').text}`, 'data-field': 'learningRate' });
  const lrChoices = h('datalist', { id: 'lr-choices' }, [0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10].map((v) => h('option', { value: v })));
  const batch = h('input', { type: 'number', min: 1, max: UI_LIMITS.maxPoints, step: 1, inputmode: 'numeric', 'data-field': 'batchSize' });
  const l1 = h('input', { type: 'number', min: 0, max: UI_LIMITS.maxPenalty, step: 'any', inputmode: 'decimal', 'data-field': 'l1' });
  const l2 = h('input', { type: 'number', min: 0, max: UI_LIMITS.maxPenalty, step: 'any', inputmode: 'decimal', 'data-field': 'l2' });
  const params = {};
  let cfg = null;
  const weightSeed = seedRow(catalog, { text: 'Weight seed', key: 'weightSeed', action: 'Re-draw weights', title: 'Draw a new weight seed: new initial weights, the same data' },
    onChange, onRedraw, () => cfg);

  optimizer.addEventListener('change', () => onChange({ optimizer: optimizer.value }));
  const numbers = [lr, batch, l1, l2].map((input) => [input.dataset.field, numberOf(catalog, input, onChange, () => cfg)]);
  const paramRows = HYPERPARAMETERS.map((p) => {
    const input = h('input', { type: 'number', step: 'any', inputmode: 'decimal', title: `${p.display}: ${numberRule(catalog, p.name).text}`, 'data-field': p.name });
    params[p.name] = numberOf(catalog, input, onChange, () => cfg);
    const row = field(p.display, input);
    row.dataset.param = p.name;
    return row;
  });

  const grid = h('div', { class: 'grid2' },
    field('Optimizer', optimizer), field(catalog.hyperparameters[0].display, lr), field('Batch size', batch), ...paramRows,
    field('L1', l1), field('L2', l2));
  root.append(
    grid,
    lrChoices,
    weightSeed.row,
    h('p', { class: 'hint' }, 'L1 and L2 penalise the weights (0 = off). Changing any of the settings above keeps training from the current weights; a new weight seed, network or data starts over.'),
  );

  return {
    update(c) {
      cfg = c;
      setValue(optimizer, c.optimizer);
      for (const [key, f] of numbers) f.show(c[key]);
      weightSeed.field.show(c.weightSeed);
      for (const row of paramRows) {
        const key = row.dataset.param;
        row.hidden = !optimizerParams(catalog, c.optimizer).some((p) => p.name === key);
        params[key].show(c[key]);
      }
      grid.dataset.fields = [...grid.children].filter((f) => !f.hidden).length;   // style.css balances the rows
    },
  };
}
