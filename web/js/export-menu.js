// export-menu.js — "Export as": the trained network for NumPy (the book's code), PyTorch or an ONNX
// runtime, beside Export model under the plot. What is exported is the saved document itself (the
// text Export model writes), read by the package's own exporters (lib/export: exportDocument, and
// `formats`, the one list of formats), so a network saved by the page exports exactly as the live
// one does, and as nn.loadNetwork(file).export(format) does in Node. The Python files open in a
// dialog (read, Copy, Download); ONNX downloads at once. Both say which columns the inputs are:
// the page's features (features.js) in order, not the raw points Export CSV writes.
// The menu is the ARIA menu button: Enter, Space or ↓ opens it on its first item (↑ on its last),
// ↑ ↓ Home End move, Enter chooses, Escape closes it and returns focus to the button, Tab leaves.
// A writer's error goes to the message line (panel.js message): no dialog, no file, nothing else.
import { h } from './dom.js';
import { FEATURES } from './features.js';
import { createExportDialog } from './export-dialog.js';
import { exportDocument, formats } from '../lib/export/index.mjs';

const RAW = ['x1', 'x2'];   // the columns of Export CSV, before its class or target
const labelOf = (name) => FEATURES.find((f) => f.name === name)?.label ?? name;
const list = (words) => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);

/** What the inputs are, in words: [sentence about X, sentence about the CSV ('' for ONNX); `code`
 *  in backticks] for a network whose inputs are `features` (names, in order; null if not known). */
function inputsNote(features, inputs, { file, python }) {
  const k = inputs;
  const what = features ? `the features ${features.map(labelOf).join(', ')}, in this order` : `its ${k} inputs`;
  const x = python ? `\`predict(X)\` takes X of shape (n, ${k}): one row per point, its columns ${what}.`
    : `Its input x has shape (n, ${k}): one row per point, its columns ${what}.`;
  if (!python) return [x, ''];
  const script = `\`python3 ${file} data.csv\` reads them from each row's first ${k} column${k === 1 ? '' : 's'}`;
  if (features && features.every((f, i) => f === RAW[i])) return [x, `${script}: a file saved with Export CSV (x₁, x₂, then the class or target) works as it is.`];
  const made = features ? features.filter((f) => !RAW.includes(f)).map(labelOf) : [];
  return [x, `${script}. Export CSV writes the raw x₁, x₂ (then the class or target): ${made.length ? `compute ${list(made)} from them and ` : ''}put the columns in this order first.`];
}

/** The menu button and its menu. request(format): ask the worker for the saved document (it comes
 *  back through show); download(data, name, type); message(text, level): the message line. */
export function createExportMenu({ catalog, request, download, message }) {
  const id = `export-as-${Math.random().toString(36).slice(2, 8)}`;
  const button = h('button', {
    type: 'button', class: 'ghost menu-button', id, 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': `${id}-menu`,
    title: 'The trained network as NumPy code (the book’s), PyTorch code or an ONNX model',
  }, 'Export as', h('span', { class: 'caret', 'aria-hidden': 'true' }, '▾'));
  const items = formats.map((f) => h('button', { type: 'button', role: 'menuitem', tabindex: -1, class: 'menu-item', onclick: () => choose(f) },
    h('span', {}, f.display), h('span', { class: 'menu-file' }, f.file)));
  const menu = h('div', { class: 'menu', role: 'menu', id: `${id}-menu`, 'aria-labelledby': id, hidden: true }, items);
  const element = h('div', { class: 'menu-wrap' }, button, menu);
  const dialog = createExportDialog({ download, onClose: () => button.focus() });

  // --- the menu ---
  const isOpen = () => !menu.hidden;
  function open(at = 0) {
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    // below the button, its left edge on the button's, moved left as far as it takes to fit the width
    menu.style.left = '0px';
    const room = document.documentElement.clientWidth - 8 - menu.getBoundingClientRect().right;
    if (room < 0) menu.style.left = `${Math.max(room, 8 - button.getBoundingClientRect().left)}px`;
    items.at(at).focus();
  }
  function close(refocus) {
    if (!isOpen()) return;
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (refocus) button.focus();
  }
  button.addEventListener('click', () => (isOpen() ? close(true) : open()));
  button.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    open(e.key === 'ArrowUp' ? -1 : 0);
  });
  menu.addEventListener('keydown', (e) => {
    const i = items.indexOf(document.activeElement), n = items.length;
    const to = { ArrowDown: (i + 1) % n, ArrowUp: (i - 1 + n) % n, Home: 0, End: n - 1 }[e.key];
    if (to !== undefined) { e.preventDefault(); items[to].focus(); } else if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(true); } else if (e.key === 'Tab') close(false);
  });
  element.addEventListener('focusout', (e) => { if (!element.contains(e.relatedTarget)) close(false); });
  document.addEventListener('pointerdown', (e) => { if (isOpen() && !element.contains(e.target)) close(false); });

  function choose(format) {
    close(true);
    request(format.name);
  }

  /** The saved document (the text of Export model's file) arrived for `format`: exported and shown. */
  async function show(text, format) {
    const entry = formats.find((f) => f.name === format);
    if (!entry) return;
    let doc, data;
    try {
      doc = JSON.parse(text);
      const features = Array.isArray(doc.playground?.config?.features) ? doc.playground.config.features : null;
      data = await exportDocument(doc, catalog, format, features ? { inputNames: features } : {});
      const note = inputsNote(features, doc.spec.inputs, { file: entry.file, python: typeof data === 'string' });
      if (typeof data === 'string') return dialog.open({ title: entry.display, file: entry.file, type: entry.type, text: data, note });
      download(data, entry.file, entry.type);
      message(`Saved ${entry.file} (${entry.display}). ${note[0]}`);
    } catch (e) {
      message(`${entry.display}: the export failed (${e.message.replace(/\.$/, '')}). Nothing was saved.`, 'error');
    }
  }

  return { element, show };
}
