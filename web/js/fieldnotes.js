// fieldnotes.js — shows each problem beside the control it names. A control (or the row that holds
// it) carries data-field="<configuration key>" (controls.js, layers.js); show(problems) puts the
// message in a note inside that row, marks the control aria-invalid (errors) and points its
// aria-describedby at the note, and clears what the previous call marked. A problem with no
// visible control is returned, for the page to show elsewhere. Keys come from fields.js. A number
// field left holding a value it refused (dom.js) is shown the same way, first, and redrawn as soon
// as that changes (FIELD_EVENT), with the last problems the page gave.
import { h, invalidFields, FIELD_EVENT } from './dom.js';
import { configKey, detail, sentence } from './fields.js';

const CONTROLS = 'input, select, textarea';

export function createFieldNotes(root) {
  let shown = new Map();   // key → { note, controls }
  let given = [];          // the problems of the last show(): the configuration's

  /** The row and controls of a key, or null when it has none on screen (or it is hidden). */
  function find(key) {
    if (!key) return null;
    const el = root.querySelector(`[data-field="${CSS.escape(key)}"]`);
    if (!el || el.closest('[hidden]')) return null;
    const single = el.matches(CONTROLS);
    const row = single ? el.closest('.field, li') ?? el.parentElement : el;
    return { row, controls: single ? [el] : [...el.querySelectorAll(CONTROLS)] };
  }

  function unmark({ note, controls }) {
    note.remove();
    for (const c of controls) {
      c.removeAttribute('aria-invalid');
      const ids = (c.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== note.id);
      if (ids.length) c.setAttribute('aria-describedby', ids.join(' ')); else c.removeAttribute('aria-describedby');
    }
  }

  const notes = {
    /** problems: [{ key, message, level: 'error' | 'warning' }] → those with no control shown. */
    show(problems) {
      given = problems;
      const groups = new Map(), rest = [];
      for (const p of [...invalidFields(), ...problems]) {
        if (!find(p.key)) { rest.push(p); continue; }
        const g = groups.get(p.key);
        const text = sentence(detail(p));   // beside the control, its path would say it twice
        if (!g) groups.set(p.key, { ...p, message: text });
        else if (!g.message.includes(text)) Object.assign(g, { message: `${g.message} ${text}`, level: g.level === 'error' ? 'error' : p.level });
      }
      const next = new Map();
      for (const [key, p] of groups) {
        const place = find(key);
        let mark = shown.get(key);
        if (mark && mark.note.parentElement !== place.row) { unmark(mark); mark = null; }
        if (!mark) {
          mark = { note: h('p', { id: `note-${key.replace(/\W+/g, '-')}`, 'aria-live': 'polite' }), controls: place.controls };
          place.row.append(mark.note);
        }
        mark.note.className = `field-note ${p.level}`;
        if (mark.note.textContent !== p.message) mark.note.textContent = p.message;
        for (const c of mark.controls) {
          if (p.level === 'error') c.setAttribute('aria-invalid', 'true'); else c.removeAttribute('aria-invalid');
          const ids = new Set((c.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
          c.setAttribute('aria-describedby', [...ids.add(mark.note.id)].join(' '));
        }
        next.set(key, mark);
      }
      for (const [key, mark] of shown) if (next.get(key) !== mark) unmark(mark);
      shown = next;
      return rest;
    },
    /** A refusal for a notice (a link, a file: the controls show the current values, so it
     *  cannot go beside one): its message after the label of the control it names ('Momentum:
     *  must be in [0, 1) (got 1)'). config: the configuration that was refused. */
    labelled(error, config) {
      const key = configKey(error.field, config);
      // data-names: a control whose problems go to a shared note (the output layer's), named here
      const el = key && root.querySelector(`[data-field="${CSS.escape(key)}"], [data-names="${CSS.escape(key)}"]`);
      const label = el && (el.matches(CONTROLS) ? el.labels?.[0] : el.querySelector('h3, label'));
      return key ? { ...error, message: `${label?.textContent.trim() || key}: ${detail(error)}` } : error;
    },
  };
  root.addEventListener(FIELD_EVENT, () => notes.show(given));
  return notes;
}
