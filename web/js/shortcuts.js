// shortcuts.js — the page's keyboard shortcuts, for a class at a projector: one table (SHORTCUTS)
// that both the key handler and the "Keyboard shortcuts" dialog read, so a shortcut listed is a
// shortcut that works. A shortcut never fires while the user types (a text or number field, a
// select, an editable region), holds Ctrl, Alt or Meta, or has a modal dialog open; Space on a
// focused button (a checkbox, a link…) is left to that control, unless a click put the focus
// there (the button a teacher just clicked does not swallow the next Space; one reached with Tab
// is pressed by it, as always).
// Actions are named here and done by the page (main.js passes them): most press the page's own
// buttons, so a shortcut does exactly what its button does.
import { h } from './dom.js';

/** keys: KeyboardEvent.key values (letters in either case); shown: how the dialog writes them;
 *  repeat: held down, it fires again (stepping), else once per press. */
export const SHORTCUTS = [
  { keys: [' '], shown: ['Space'], action: 'play', text: 'Play or pause training' },
  { keys: ['s', '.'], shown: ['S', '.'], action: 'stepEpoch', text: 'Train for one epoch (every training point once)', repeat: true },
  { keys: ['b'], shown: ['B'], action: 'step', text: 'Train on one mini-batch', repeat: true },
  { keys: ['r'], shown: ['R'], action: 'reset', text: 'Reset: start over with the same settings and seeds' },
  { keys: ['p'], shown: ['P'], action: 'present', text: 'Enter or leave presentation mode' },
  { keys: ['?'], shown: ['?'], action: 'help', text: 'Show this list of shortcuts' },
  { keys: ['Escape'], shown: ['Esc'], action: 'leave', text: 'Close this list, or leave presentation mode' },
];

// fields that take typed keys: no shortcut fires in them
const TYPING = 'textarea, select, [contenteditable]:not([contenteditable=false]), ' +
  'input:not([type=checkbox]):not([type=radio]):not([type=range]):not([type=button]):not([type=submit]):not([type=reset]):not([type=color]):not([type=file])';
// controls that Space presses
const PRESSED_BY_SPACE = 'button, a[href], summary, input, [role=button], [role=checkbox], [role=switch], [role=radio], [role=tab], [role=menuitem], [role=option]';

/** The row of SHORTCUTS that a key event asks for, or null: ev is a KeyboardEvent (or its fields:
 *  key, ctrlKey, altKey, metaKey, repeat, isComposing, target); clicked: the control the pointer
 *  last focused, if the focus is still there (Space is a shortcut on it, not its press). */
export function shortcutFor(ev, clicked = null) {
  if (ev.ctrlKey || ev.altKey || ev.metaKey || ev.isComposing) return null;
  const el = ev.target?.closest ? ev.target : null;
  if (el?.closest(TYPING)) return null;
  const key = ev.key?.length === 1 ? ev.key.toLowerCase() : ev.key;
  const row = SHORTCUTS.find((r) => r.keys.includes(key));
  if (!row || (ev.repeat && !row.repeat)) return null;
  if (key === ' ' && el?.closest(PRESSED_BY_SPACE) && el !== clicked) return null;
  return row;
}

/** Listens for the shortcuts on the document: actions maps each row's action to a function. */
export function installShortcuts(actions, doc = document) {
  // the control a click focused, until the focus moves (Tab): Space after a click plays or pauses
  let clicked = null;
  doc.addEventListener('pointerdown', (ev) => { clicked = ev.target.closest?.(PRESSED_BY_SPACE) ?? null; }, true);
  doc.addEventListener('focusin', (ev) => { if (ev.target !== clicked) clicked = null; });
  doc.addEventListener('keydown', (ev) => {
    if (ev.defaultPrevented || doc.querySelector('dialog[open]')) return;   // a modal dialog has the keys
    const row = shortcutFor(ev, clicked);
    if (!row || !actions[row.action]) return;
    // Escape does something only where there is something to leave
    if (actions[row.action](ev) === false) return;
    ev.preventDefault();
  });
}

// --- the dialog that lists them ----------------------------------------------------------------------

/** The "Keyboard shortcuts" dialog (a modal <dialog>, named by its heading): open() shows it,
 *  Escape or Close closes it and the focus goes back where it was. */
export function createShortcutsDialog(doc = document) {
  const title = h('h2', { id: 'keys-title' }, 'Keyboard shortcuts');
  const close = h('button', { type: 'button', class: 'ghost keys-close' }, 'Close');
  const keys = (row) => row.shown.flatMap((k, i) => [i ? ' or ' : '', h('kbd', {}, k)]);
  const table = h('table', { class: 'keys-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Key'), h('th', { scope: 'col' }, 'What it does'))),
    h('tbody', {}, SHORTCUTS.map((row) => h('tr', {}, h('td', {}, keys(row)), h('td', {}, row.text)))));
  const dialog = h('dialog', { class: 'keys-dialog', 'aria-labelledby': 'keys-title' }, h('div', { class: 'keys-body' },
    h('div', { class: 'keys-head' }, title, close),
    table,
    h('p', { class: 'hint' }, 'Shortcuts wait while you type in a field or hold Ctrl, Alt or ⌘. ' +
      'Space on a button you reached with Tab presses that button.')));
  let opener = null;
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => { opener?.focus?.({ focusVisible: true }); opener = null; });
  // a click on the backdrop (outside the dialog's body: the dialog has no padding) closes it too
  dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog.close(); });
  doc.body.append(dialog);
  return {
    open() {
      if (dialog.open) return;
      opener = doc.activeElement;
      dialog.showModal();
      close.focus();
    },
    get isOpen() { return dialog.open; },
  };
}
