// layers.js — the network builder: input features, the hidden layers (add/remove, width and
// activation of each) and the output layer (activation, loss, initialiser), with an inline note
// that explains choices which cannot work. Like controls.js it holds no state: update(config,
// info) shows a configuration and every edit is reported as a patch through onChange(patch).
import { h, field, select, numberField, setValue } from './dom.js';
import { FEATURES } from './features.js';
import { UI_LIMITS, hiddenActivations, naturalOutput, numberRule } from './config.js';
import { display } from './rows.js';
import { sentence } from './fields.js';

export function createNetworkPanel(root, catalog, { onChange }) {
  const hiddenChoices = hiddenActivations(catalog).map((a) => [a.name, a.display]);
  let cfg = null;

  // --- inputs ---
  const featureBoxes = FEATURES.map((f) => {
    const box = h('input', { type: 'checkbox', value: f.name });
    box.addEventListener('change', () => {
      const chosen = FEATURES.filter((g) => (g.name === f.name ? box.checked : cfg.features.includes(g.name))).map((g) => g.name);
      onChange({ features: chosen });
    });
    return { name: f.name, box, label: h('label', { class: 'chip' }, box, h('span', {}, f.label)) };
  });

  // --- hidden layers ---
  const list = h('ol', { class: 'layers' });
  const addBtn = h('button', { type: 'button', class: 'ghost' }, '+ Add layer');
  const removeBtn = h('button', { type: 'button', class: 'ghost' }, '− Remove layer');
  addBtn.setAttribute('aria-label', 'Add layer');
  removeBtn.setAttribute('aria-label', 'Remove layer');
  const count = h('span', { class: 'count' });
  addBtn.addEventListener('click', () => {
    const last = cfg.layers.at(-1) ?? { units: 8, activation: catalog.defaults.hiddenActivation };
    onChange({ layers: [...cfg.layers, { ...last }] });
  });
  removeBtn.addEventListener('click', () => onChange({ layers: cfg.layers.slice(0, -1) }));
  const rows = [];

  function setLayer(i, patch) {
    onChange({ layers: cfg.layers.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
  }
  function makeRow(i) {
    const n = i + 1;
    // data-field: the configuration key each control sets (fieldnotes.js shows its problems beside it)
    const units = h('input', { type: 'number', min: 1, max: UI_LIMITS.maxUnits, step: 1, inputmode: 'numeric', class: 'units', 'data-field': `layers[${i}].units` });
    const less = h('button', { type: 'button', class: 'stepper', 'aria-label': `Fewer units in layer ${n}` }, '−');
    const more = h('button', { type: 'button', class: 'stepper', 'aria-label': `More units in layer ${n}` }, '+');
    const act = select(hiddenChoices, { 'data-field': `layers[${i}].activation` });
    const unitsLabel = h('label', { for: `layer${n}-units`, class: 'sr-only' }, `Layer ${n} units`);
    const actLabel = h('label', { for: `layer${n}-act`, class: 'sr-only' }, `Layer ${n} activation`);
    units.id = `layer${n}-units`;
    act.id = `layer${n}-act`;
    const rule = numberRule(catalog, 'units');
    const unitsField = numberField(units, { rule, apply: (v) => setLayer(i, { units: v }), current: () => cfg.layers[i].units });
    less.addEventListener('click', () => unitsField.step(-1));
    more.addEventListener('click', () => unitsField.step(1));
    act.addEventListener('change', () => setLayer(i, { activation: act.value }));
    const li = h('li', { class: 'layer' },
      h('span', { class: 'layer-name', 'aria-hidden': 'true' }, `Layer ${n}`),
      unitsLabel, h('span', { class: 'units-box' }, less, units, more),
      h('span', { class: 'unit-word', 'aria-hidden': 'true' }, 'units'),
      actLabel, act);
    /** Shows the layer: its width (the steppers off at the rule's bounds) and activation. */
    function show(layer) {
      unitsField.show(layer.units);
      setValue(act, layer.activation);
      for (const [b, dir] of [[less, -1], [more, 1]]) {
        const off = !rule.ok(layer.units + dir);
        if (off && b === document.activeElement) units.focus();   // a disabled button would drop the focus
        b.disabled = off;
      }
    }
    return { li, units, act, show };
  }

  // --- output ---
  // data-names, not data-field: their problems go to the Output note, with the one-click fix
  const outAct = select(catalog.activations.map((a) => [a.name, a.display]), { 'data-names': 'outputActivation' });
  const loss = select(catalog.losses.map((l) => [l.name, l.display]), { 'data-names': 'loss' });
  const init = select(catalog.initializers.map((i) => [i.name, i.display]), { 'data-field': 'init' });
  const outInfo = h('p', { class: 'hint out-info' });
  const note = h('div', { class: 'note', 'aria-live': 'polite', hidden: true });
  outAct.addEventListener('change', () => onChange({ outputActivation: outAct.value }));
  loss.addEventListener('change', () => onChange({ loss: loss.value }));
  init.addEventListener('change', () => onChange({ init: init.value }));

  root.append(
    h('div', { class: 'subsection', 'data-field': 'features' }, h('h3', {}, 'Inputs'), h('div', { class: 'chips' }, featureBoxes.map((f) => f.label))),
    h('div', { class: 'subsection', 'data-field': 'layers' },
      h('div', { class: 'row-head' }, h('h3', {}, 'Hidden layers'), count, h('span', { class: 'spacer' }), removeBtn, addBtn),
      list),
    h('div', { class: 'subsection' }, h('h3', {}, 'Output'),
      h('div', { class: 'grid3' }, field('Output activation', outAct), field('Loss', loss), field('Initializer', init)),
      outInfo, note),
  );

  return {
    /** info: { outputs, kind, problems: [{field, message, level}] }. */
    update(c, info) {
      cfg = c;
      for (const f of featureBoxes) setValue(f.box, c.features.includes(f.name));
      while (rows.length < c.layers.length) rows.push(makeRow(rows.length));
      while (rows.length > c.layers.length) rows.pop().li.remove();
      rows.forEach((r, i) => {
        if (!r.li.isConnected) list.append(r.li);
        r.show(c.layers[i]);
      });
      list.classList.toggle('empty', c.layers.length === 0);
      count.textContent = `${c.layers.length} of ${UI_LIMITS.maxLayers}`;
      addBtn.disabled = c.layers.length >= UI_LIMITS.maxLayers;
      removeBtn.disabled = c.layers.length === 0;
      setValue(outAct, c.outputActivation);
      setValue(loss, c.loss);
      setValue(init, c.init);
      const what = info.kind === 'regression' ? 'the predicted value'
        : info.outputs === 1 ? 'the probability of class 2' : 'one score per class';
      outInfo.textContent = `${info.outputs} output unit${info.outputs > 1 ? 's' : ''}: ${what} (set by the dataset).`;
      note.hidden = info.problems.length === 0;
      note.className = `note ${info.problems.some((p) => p.level === 'error') ? 'error' : 'warning'}`;
      note.replaceChildren(...info.problems.map((p) => h('p', {}, h('strong', {}, p.level === 'error' ? 'Cannot train: ' : 'Note: '), sentence(p.message))));
      const natural = naturalOutput(catalog, info.kind);
      if (info.problems.some((p) => ['loss', 'outputActivation'].includes(p.key ?? p.field)) &&
          (natural.loss !== c.loss || natural.outputActivation !== c.outputActivation)) {
        note.append(h('button', { type: 'button', class: 'ghost fix', onclick: () => onChange(natural) },
          `Use ${display(catalog.activations, natural.outputActivation)} with ${display(catalog.losses, natural.loss)}`));
      }
      const invalid = (f) => String(info.problems.some((p) => p.level === 'error' && (p.key ?? p.field) === f));
      outAct.setAttribute('aria-invalid', invalid('outputActivation'));
      loss.setAttribute('aria-invalid', invalid('loss'));
    },
  };
}
