// linkedit.js — the mouse's road to a weight in the network drawing: hovering a link or a bias
// square shows its value in a tooltip; clicking one opens a small inline editor whose value goes to
// the worker (Enter or leaving applies it, Escape cancels). Links are hit-tested on the canvas from
// the drawn layout (netview.js geometry). Owns: the tooltip and the open inline editor.
import { h } from '../dom.js';

/** In `wrap` over `canvas`. geo() → the drawn layout; target(l, i, j) → the link's { layer, kind,
 *  row, col, value, name } and its tooltip texts; onEdit(param) sends an edit. */
export function createLinkEditor(wrap, canvas, { geo, linkTarget, onEdit }) {
  const tip = h('div', { class: 'net-tip', role: 'tooltip', hidden: true });
  const input = h('input', { type: 'number', step: 'any', class: 'net-input' });
  const editLabel = h('label', { class: 'net-edit-label' });
  const editor = h('form', { class: 'net-edit', hidden: true }, editLabel, input);
  wrap.append(tip, editor);
  let editing = null;   // { layer, kind, row, col, value }

  function showTip(x, y, strong, text) {
    const g = geo();
    tip.replaceChildren(h('strong', {}, strong), ' ', text);
    tip.hidden = false;
    const w = tip.offsetWidth;
    tip.style.left = `${Math.max(0, Math.min(g.width - w, x - w / 2))}px`;
    tip.style.top = `${Math.max(0, y - 34)}px`;
  }
  const hideTip = () => { tip.hidden = true; };

  function open(target, x, y) {
    const g = geo();
    editing = target;
    editLabel.textContent = target.name;
    input.setAttribute('aria-label', target.name);
    input.value = target.value === undefined ? '' : String(+target.value.toPrecision(6));
    editor.hidden = false;
    editor.style.left = `${Math.max(0, Math.min(g.width - editor.offsetWidth, x - editor.offsetWidth / 2))}px`;
    editor.style.top = `${Math.max(0, Math.min(g.height - editor.offsetHeight, y + 10))}px`;
    hideTip();
    input.focus();
    input.select();
  }
  function close(commit) {
    if (!editing) return;
    const v = Number(input.value);
    if (commit && input.value.trim() !== '' && Number.isFinite(v) && v !== editing.value) {
      const { layer, kind, row, col } = editing;
      onEdit({ layer, kind, row, col, value: v });
    }
    editing = null;
    editor.hidden = true;
  }
  editor.addEventListener('submit', (e) => { e.preventDefault(); close(true); });
  input.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); close(false); } });
  input.addEventListener('blur', () => close(true));

  /** The drawn link nearest the point (within 5 px): { l, i, j } (node indices), or null. */
  function linkAt(px, py) {
    const g = geo();
    if (!g) return null;
    let best = null, bestD = 5;
    for (let l = 0; l < g.cols.length - 1; l++) {
      const a = g.cols[l], b = g.cols[l + 1];
      if (px < a.x + a.r - 2 || px > b.x - b.r + 2) continue;
      for (let j = 0; j < b.shown; j++) {
        for (let i = 0; i < a.shown; i++) {
          const x0 = a.x, y0 = a.y(i), dx = b.x - x0, dy = b.y(j) - y0;
          const t = Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy)));
          const d = Math.hypot(px - x0 - t * dx, py - y0 - t * dy);
          if (d < bestD) { bestD = d; best = { l, i: a.start + i, j: b.start + j }; }
        }
      }
    }
    return best;
  }
  const pos = (e) => { const r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
  canvas.addEventListener('mousemove', (e) => {
    const [x, y] = pos(e);
    const link = linkAt(x, y);
    canvas.style.cursor = link ? 'pointer' : '';
    if (!link) return hideTip();
    const t = linkTarget(link);
    showTip(x, y, t.tipValue, t.tipText);
  });
  canvas.addEventListener('mouseleave', hideTip);
  canvas.addEventListener('click', (e) => {
    const [x, y] = pos(e);
    const link = linkAt(x, y);
    if (link) open(linkTarget(link), x, y);
  });

  return { open, showTip, hideTip };
}
