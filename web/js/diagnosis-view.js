// diagnosis-view.js — shows diagnose.js's findings beside the controls that fix them: a box at the
// foot of the Network, Training and Data panels, each finding in plain words with its one-click
// fix (a button that applies the patch through the page's normal edit path, so it lands in the
// link and the history). A finding keeps its element while it holds (a focused fix button is not
// replaced); its numbers are refreshed at most every REFRESH_MS so they stay readable, and a new
// finding is announced once to screen readers (the boxes themselves are not live regions).
import { h } from './dom.js';

const REFRESH_MS = 2000;

/** roots: { network, training, data } — the panels' elements; onFix(patch) applies a fix. */
export function createDiagnosisView(roots, { onFix }) {
  const boxes = Object.fromEntries(Object.entries(roots).map(([panel, root]) => {
    const box = h('div', { class: 'diagnosis', 'data-panel': panel, hidden: true });
    root.append(box);
    return [panel, box];
  }));
  const announcer = h('p', { class: 'sr-only', 'aria-live': 'polite' });
  roots.network.append(announcer);
  let shown = new Map();   // id → { el, text, fixKey, at }

  function element(f) {
    const text = h('span', { class: 'text' }, f.text);
    const el = h('div', { class: `finding ${f.level}`, 'data-finding': f.id },
      h('p', {}, h('strong', {}, f.static ? 'Note: ' : 'Why it struggles: '), text));
    if (f.fix) el.append(h('button', { type: 'button', class: 'ghost fix', onclick: () => onFix(f.fix.patch) }, f.fix.label));
    return { el, textEl: text, text: f.text, fixKey: JSON.stringify(f.fix), at: performance.now() };
  }

  return {
    /** findings: [{ id, panel, level, text, fix, static? }] (diagnose.js), in order. */
    show(findings) {
      const next = new Map(), now = performance.now(), fresh = [];
      for (const f of findings) {
        let item = shown.get(f.id);
        if (item && item.fixKey !== JSON.stringify(f.fix)) { item.el.remove(); item = null; }
        if (!item) { item = element(f); fresh.push(f.text); } else if (item.text !== f.text && now - item.at >= REFRESH_MS) {
          Object.assign(item, { text: f.text, at: now });
          item.textEl.textContent = f.text;
        }
        boxes[f.panel].append(item.el);   // in order (append moves an element that is already there)
        next.set(f.id, item);
      }
      for (const [id, item] of shown) if (!next.has(id)) item.el.remove();
      shown = next;
      for (const box of Object.values(boxes)) box.hidden = box.childElementCount === 0;
      if (fresh.length) announcer.textContent = fresh.join(' ');
    },
  };
}
