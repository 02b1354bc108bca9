// dom.js — tiny helpers the view modules share to build labelled form controls. Every control gets
// an accessible name through a real <label for>, because tests (and screen readers) find controls
// by role and name.

let uid = 0;

/** Creates an element: h('div', { class: 'x', onclick: f }, child, 'text', ...). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** A labelled row: <div class="field"><label for=id>text</label> control [extra]</div>. */
export function field(text, control, ...extra) {
  control.id ||= `c${++uid}`;
  return h('div', { class: 'field' }, h('label', { for: control.id }, text), ...extra, control);
}

/** A <select> of values with display texts: options = [[value, text] | value | {group, options}]. */
export function select(options, attrs = {}) {
  const el = h('select', attrs);
  const opt = (o) => (Array.isArray(o) ? h('option', { value: o[0] }, o[1]) : h('option', { value: o }, o));
  for (const o of options) {
    el.append(o.group ? h('optgroup', { label: o.group }, o.options.map(opt)) : opt(o));
  }
  return el;
}

/** Reads a number input: the value when it is a valid number within the input's range, else null. */
export function readNumber(input) {
  if (input.value.trim() === '' || !input.checkValidity()) return null;
  const v = Number(input.value);
  return Number.isFinite(v) ? v : null;
}

/** Listens to a number input: valid values apply while typing; an invalid one reverts on change. */
export function onNumber(input, apply, current) {
  input.addEventListener('input', () => { const v = readNumber(input); if (v !== null) apply(v); });
  input.addEventListener('change', () => { if (readNumber(input) === null) input.value = current(); });
}

/** Sets a control's value only when it differs (so typing and focus are not disturbed). */
export function setValue(el, value) {
  const s = String(value);
  if (el.type === 'checkbox') el.checked = !!value;
  else if (el.value !== s && !(el === document.activeElement && Number(el.value) === Number(value))) el.value = s;
}
