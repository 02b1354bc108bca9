// weights.js — the keyboard's road to every weight: a panel under the network drawing that lists
// one neuron's incoming weights and its bias (an input's outgoing weights) as labelled number
// fields. A value applies when committed (Enter, or leaving the field) and goes to the worker
// through onEdit; Escape restores the network's value. A value that is not a number the network can
// hold is refused beside its field, saying why, and nothing is sent. While a field is being edited
// the frames' values do not overwrite it; Escape in a field with nothing to put back closes the
// panel. Owns: the open neuron and its fields.
import { h } from '../dom.js';

const F32_MAX = 3.4028234663852886e38;

/** The panel in `root`. onEdit({ layer, kind, row, col, value }); onClose() when its Close is used. */
export function createWeightsPanel(root, { onEdit, onClose }) {
  const title = h('h3', { class: 'net-weights-title' });
  const list = h('div', { class: 'net-weights-list' });
  const close = h('button', { type: 'button', class: 'ghost' }, 'Close');
  const panel = h('section', { class: 'net-weights', hidden: true, 'aria-labelledby': 'net-weights-title' },
    title,
    h('p', { class: 'hint' }, 'Type a value, then Enter (or leave the field) to set it; Escape puts back the network’s value.'),
    list, h('div', { class: 'net-weights-end' }, close));
  title.id = 'net-weights-title';
  root.append(panel);
  close.addEventListener('click', () => onClose());
  let rows = [];   // [{ target: { layer, kind, row, col }, input, note, dirty }]
  let params = { weights: null, biases: null };

  const valueOf = ({ layer, kind, row, col, stride }, { weights, biases }) =>
    (kind === 'b' ? biases?.[layer]?.[row] : weights?.[layer]?.[row * stride + col]);
  const shown = (v) => (v === undefined ? '' : String(+v.toPrecision(6)));

  function say(r, message) {
    r.note.textContent = message;
    r.note.hidden = !message;
    if (message) r.input.setAttribute('aria-invalid', 'true'); else r.input.removeAttribute('aria-invalid');
  }

  /** The typed value, or why it cannot be one. */
  function read(input) {
    const text = input.value.trim();
    if (input.validity.badInput || text === '') return { error: 'Not a number the network can hold: type one such as 0.5 or -2.' };
    const v = Number(text);
    if (!Number.isFinite(v) || Math.abs(v) > F32_MAX) return { error: 'Too large: the network keeps numbers up to about 3.4 × 10³⁸ in size.' };
    return { value: v };
  }

  function commit(r) {
    if (!r.dirty) return;
    const { value, error } = read(r.input);
    if (error) return say(r, error);
    say(r, '');
    r.dirty = false;
    const { layer, kind, row, col } = r.target;
    if (Math.fround(value) !== valueOf(r.target, params)) onEdit({ layer, kind, row, col, value });
  }

  function revert(r) {
    r.dirty = false;
    say(r, '');
    r.input.value = shown(valueOf(r.target, params));
  }

  function makeRow(target, k) {
    const input = h('input', { type: 'number', step: 'any', class: 'net-weight', id: `net-weight-${k}`, 'aria-label': target.name });
    const note = h('p', { class: 'field-note error', id: `net-weight-${k}-note`, hidden: true });
    input.setAttribute('aria-describedby', note.id);
    const { layer, kind, row, col, stride } = target;
    const r = { target: { layer, kind, row, col, stride }, input, note, dirty: false };
    input.value = shown(valueOf(r.target, params));
    input.addEventListener('input', () => { r.dirty = true; });
    input.addEventListener('change', () => commit(r));
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); r.dirty = true; commit(r); return; }
      if (e.key !== 'Escape') return;
      e.preventDefault();
      if (r.dirty || !note.hidden) revert(r); else onClose();   // nothing to put back: close
    });
    rows.push(r);
    return h('div', { class: 'net-weight-row' }, h('label', { for: input.id }, target.short), input, note);
  }

  return {
    /** Lists the fields of `name`: targets [{ layer, kind, row, col, stride
   *  (the layer's inputs), name (full), short }]. */
    open(name, targets) {
      rows = [];
      title.textContent = name;
      list.replaceChildren(...targets.map(makeRow));
      panel.hidden = false;
    },
    close() { panel.hidden = true; rows = []; list.replaceChildren(); },
    get isOpen() { return !panel.hidden; },
    /** The network's values (a frame): shown in every field that is not being edited. */
    setParams(weights, biases) {
      params = { weights, biases };
      if (panel.hidden) return;
      for (const r of rows) {
        if (r.dirty || r.input === document.activeElement) continue;
        const s = shown(valueOf(r.target, params));
        if (r.input.value !== s) r.input.value = s;
      }
    },
  };
}
