// dom.js — tiny helpers the view modules share to build labelled form controls. Every control gets
// an accessible name through a real <label for>, because tests (and screen readers) find controls
// by role and name. Number fields apply only what the user commits (numberField, below).

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

// --- number fields ----------------------------------------------------------------------------------
// A number field changes the configuration only when the user commits: Enter, leaving the field
// (both 'change'), an arrow key or a stepper (one step, committed at once), or a choice from its
// list. While typing nothing is applied. A committed value the field's rule refuses is never
// clamped or reverted: the field keeps the text, and the page says beside it what is allowed while
// the configuration keeps its last valid value (fieldnotes.js shows invalidFields()). Escape puts
// the current value back. This module owns those typed-but-refused texts.

const refused = new Set();   // { input, key, message }: fields left holding a refused value
/** Fired on a field when its refused state changes (fieldnotes.js listens and redraws the notes). */
export const FIELD_EVENT = 'numberfield';

/** The fields on screen that hold a refused value: [{ key, field, message, level: 'error' }]. */
export function invalidFields() {
  for (const r of refused) if (!r.input.isConnected) refused.delete(r);   // a removed layer's row
  return [...refused].filter((r) => !r.input.closest('[hidden]'))
    .map((r) => ({ key: r.key, field: r.key, message: r.message, level: 'error' }));
}

/** The number a field's text means, or NaN (empty, or text that is no number, such as '1e'). */
const parse = (input) => (input.validity.badInput || input.value.trim() === '' ? NaN : Number(input.value));

/** Wires a number input: rule { ok(v), text, ladder? } says what it takes (ladder: the values
 *  ArrowUp/ArrowDown move through when the input has no numeric step; else those keys do nothing);
 *  apply(v) commits a valid value; current() is the value in force. Returns { show(value), step(dir) }:
 *  show puts the configuration's value in the field unless the user's text there (being typed, or
 *  refused) was entered over that same value; step(±1) commits one step from the value in force
 *  (the stepper buttons), none past the rule's range. */
export function numberField(input, { rule, apply, current }) {
  const key = input.dataset.field;
  let held = null;   // { was, entry? }: the user's text in the field, typed over the value `was`
  const notify = () => input.dispatchEvent(new CustomEvent(FIELD_EVENT, { bubbles: true }));
  const name = () => input.labels?.[0]?.textContent.trim() ?? key;
  function release() {
    const entry = held?.entry;
    held = null;
    if (entry) { refused.delete(entry); notify(); }
  }

  function commit() {
    const v = parse(input);
    if (rule.ok(v)) {
      release();
      if (v !== current()) apply(v);
      return;
    }
    const was = current();
    if (held?.entry) refused.delete(held.entry);
    const entry = { input, key, message: `${name()}: ${rule.text}. Training uses ${was} until this is fixed.` };
    held = { was, entry };
    refused.add(entry);
    notify();
  }
  function step(dir) {
    const now = current();
    const unit = Number(input.step);
    let next;
    if (Number.isFinite(unit) && unit > 0) next = now + dir * unit;
    else if (rule.ladder) next = dir > 0 ? rule.ladder.find((x) => x > now) : rule.ladder.findLast((x) => x < now);
    if (next === undefined || !rule.ok(next)) return;
    input.value = String(next);
    // a step is committed at once, as a change event (so links.js files it as its own history entry)
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }

  input.addEventListener('change', commit);
  input.addEventListener('input', (e) => {
    // a choice from the field's list arrives as an 'input' that is no typing: a commit
    if (!(e instanceof InputEvent) || e.inputType === 'insertReplacementText') commit();
    else held ??= { was: current() };
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') commit();
    else if (e.key === 'Escape') { release(); input.value = String(current()); }
    else if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && !e.altKey) {
      e.preventDefault();   // the browser's own step leaves the range, and is 1 where step is 'any'
      step(e.key === 'ArrowUp' ? 1 : -1);
    }
  });
  return {
    show(value) {
      if (held && held.was === value) return;   // the user's text stays until they change it
      release();
      setValue(input, value);
    },
    step,
  };
}

/** Sets a control's value only when it differs (so typing and focus are not disturbed). */
export function setValue(el, value) {
  const s = String(value);
  if (el.type === 'checkbox') el.checked = !!value;
  else if (el.value !== s && !(el === document.activeElement && Number(el.value) === Number(value))) el.value = s;
}
