// export-dialog.js — the dialog that shows an exported Python file (export-menu.js): its name, which
// columns its inputs are, the code (monospace, scrollable, reachable by keyboard to scroll), Copy
// (to the clipboard) and Download (the same text, as a file). A modal <dialog>: the platform keeps
// focus inside it and closes it on Escape; a click on the backdrop closes it too. Closing returns
// focus to the Export as button (onClose). One dialog, reused for every export.
import { h } from './dom.js';

/** Text with `code` spans → nodes (the notes name predict(X) and the command line). */
const rich = (text) => text.split('`').map((part, i) => (i % 2 ? h('code', {}, part) : part));

/** download(data, name, type): saves a file; onClose(): after the dialog closed, however. */
export function createExportDialog({ download, onClose }) {
  let shown = null;   // { file, type, text }: what the dialog holds
  const title = h('h2', { id: 'export-title', class: 'export-title' });
  const fileName = h('span', { class: 'export-file' });
  const notes = h('div', { id: 'export-note', class: 'export-note' });
  const code = h('code');
  const pre = h('pre', { class: 'export-code', tabindex: 0, role: 'region' }, code);
  const said = h('p', { class: 'export-said', 'aria-live': 'polite' });
  const say = (text, level = 'ok') => { said.className = `export-said ${level}`; said.textContent = text; };
  const button = (text, onclick) => h('button', { type: 'button', class: 'ghost', onclick }, text);
  const copy = button('Copy', async () => {
    try {
      await navigator.clipboard.writeText(shown.text);
      say('Copied to the clipboard.');
    } catch (e) {
      say(`Could not copy (${e.message.replace(/\.$/, '')}): select the code and copy it.`, 'error');
    }
  });
  const save = button('Download', () => { download(shown.text, shown.file, shown.type); say(`Downloaded ${shown.file}.`); });
  const dialog = h('dialog', { class: 'export-dialog', 'aria-labelledby': 'export-title', 'aria-describedby': 'export-note' },
    h('div', { class: 'export-head' }, title, fileName), notes, pre,
    h('div', { class: 'export-foot' }, said, copy, save, button('Close', () => dialog.close())));
  document.body.append(dialog);
  dialog.addEventListener('close', () => onClose());
  // a click on the backdrop lands on the dialog itself, outside its box
  dialog.addEventListener('click', (e) => {
    if (e.target !== dialog) return;
    const r = dialog.getBoundingClientRect();
    if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) dialog.close();
  });

  return {
    /** Shows `text` (the file `file` of MIME type `type`) under `title`, with the notes (sentences). */
    open({ title: heading, file, type, text, note }) {
      shown = { file, type, text };
      title.textContent = heading;
      fileName.textContent = file;
      notes.replaceChildren(...note.filter(Boolean).map((s) => h('p', {}, rich(s))));
      code.textContent = text;
      pre.setAttribute('aria-label', `The code of ${file}`);
      say('');
      if (!dialog.open) dialog.showModal();
      pre.scrollTo(0, 0);
      copy.focus();
    },
  };
}
