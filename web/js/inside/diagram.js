// diagram.js — makes the network drawing (netview.js) explorable. Over the canvas it lays one
// button per drawn neuron (hover or focus: its map fills the Output plot; click: keep it there) and
// per bias square, and it hit-tests the links under the pointer. Hovering a link or a bias shows
// its value; clicking opens a small inline editor whose value goes to the worker, which sets it
// and trains on from there. Owns: the hover/pinned neuron and the open editor.
import { h } from '../dom.js';

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

export function createDiagram(canvas, netview, { onFocus, onEdit }) {
  const wrap = canvas.parentElement;
  const overlay = h('div', { class: 'net-overlay' });
  const tip = h('div', { class: 'net-tip', role: 'tooltip', hidden: true });
  const input = h('input', { type: 'number', step: 'any', class: 'net-input' });
  const editLabel = h('label', { class: 'net-edit-label' });
  const editor = h('form', { class: 'net-edit', hidden: true }, editLabel, input);
  wrap.append(overlay, tip, editor);
  let geo = null, key = '';
  let weights = null, biases = null;
  let hovered = null, pinned = null, shownFocus = null;
  let editing = null;   // { layer, kind, row, col, value }

  // --- names ---
  const colName = (c) => (c === geo.shape.layers.length ? 'output' : `layer ${c}`);
  const neuronName = (c, i) => (c === 0 ? geo.shape.features[i] : `${colName(c)} neuron ${i + 1}`);
  const neuronLabel = (c, i) => (c === 0 ? `Input ${geo.shape.features[i]}` : cap(neuronName(c, i)));
  const fmt = (v) => (v === undefined ? '—' : Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : v.toFixed(4));
  const weightOf = (l, j, i) => weights?.[l]?.[j * geo.cols[l].count + i];

  // --- the focused neuron (hover wins over the pinned one) ---
  function updateFocus() {
    for (const b of overlay.querySelectorAll('.net-node')) b.setAttribute('aria-pressed', String(pinned?.c === +b.dataset.c && pinned?.i === +b.dataset.i));
    const f = hovered ?? pinned;
    if (f?.c === shownFocus?.c && f?.i === shownFocus?.i) return;
    shownFocus = f;
    netview.setFocus(f && { column: f.c, unit: f.i });
    if (!f) return onFocus(null);
    const act = f.c === 0 ? 'input' : geo.shape.layers[f.c - 1].activation;
    onFocus({ layer: f.c - 1, unit: f.i, activation: act, caption: f.c === 0 ? `Input ${geo.shape.features[f.i]}` : `${cap(neuronName(f.c, f.i))} · ${geo.shape.layers[f.c - 1].display ?? act}` });
  }

  // --- tooltip ---
  function showTip(x, y, strong, text) {
    tip.replaceChildren(h('strong', {}, strong), ' ', text);
    tip.hidden = false;
    const w = tip.offsetWidth;
    tip.style.left = `${Math.max(0, Math.min(geo.width - w, x - w / 2))}px`;
    tip.style.top = `${Math.max(0, y - 34)}px`;
  }
  const hideTip = () => { tip.hidden = true; };

  // --- the inline editor ---
  function openEditor(target, x, y) {
    editing = target;
    editLabel.textContent = target.name;
    input.setAttribute('aria-label', target.name);
    input.value = target.value === undefined ? '' : String(+target.value.toPrecision(6));
    editor.hidden = false;
    editor.style.left = `${Math.max(0, Math.min(geo.width - editor.offsetWidth, x - editor.offsetWidth / 2))}px`;
    editor.style.top = `${Math.max(0, Math.min(geo.height - editor.offsetHeight, y + 10))}px`;
    hideTip();
    input.focus();
    input.select();
  }
  function closeEditor(commit) {
    if (!editing) return;
    const v = Number(input.value);
    if (commit && input.value.trim() !== '' && Number.isFinite(v) && v !== editing.value) {
      const { layer, kind, row, col } = editing;
      onEdit({ layer, kind, row, col, value: v });
    }
    editing = null;
    editor.hidden = true;
  }
  editor.addEventListener('submit', (e) => { e.preventDefault(); closeEditor(true); });
  input.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); closeEditor(false); } });
  input.addEventListener('blur', () => closeEditor(true));

  // --- links under the pointer ---
  function linkAt(px, py) {
    if (!geo) return null;
    let best = null, bestD = 5;
    for (let l = 0; l < geo.cols.length - 1; l++) {
      const a = geo.cols[l], b = geo.cols[l + 1];
      if (px < a.x + a.r - 2 || px > b.x - b.r + 2) continue;
      for (let j = 0; j < b.shown; j++) {
        for (let i = 0; i < a.shown; i++) {
          const x0 = a.x, y0 = a.y(i), dx = b.x - x0, dy = b.y(j) - y0;
          const t = Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy)));
          const d = Math.hypot(px - x0 - t * dx, py - y0 - t * dy);
          if (d < bestD) { bestD = d; best = { l, i, j }; }
        }
      }
    }
    return best;
  }
  const linkTarget = ({ l, i, j }) => ({
    layer: l, kind: 'w', row: j, col: i, value: weightOf(l, j, i),
    name: `Weight from ${neuronName(l, i)} to ${neuronName(l + 1, j)}`,
  });
  const pos = (e) => { const r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
  canvas.addEventListener('mousemove', (e) => {
    const [x, y] = pos(e);
    const link = linkAt(x, y);
    canvas.style.cursor = link ? 'pointer' : '';
    if (!link) return hideTip();
    const t = linkTarget(link);
    showTip(x, y, `w = ${fmt(t.value)}`, `${neuronName(link.l, link.i)} → ${neuronName(link.l + 1, link.j)}`);
  });
  canvas.addEventListener('mouseleave', hideTip);
  canvas.addEventListener('click', (e) => {
    const [x, y] = pos(e);
    const link = linkAt(x, y);
    if (link) openEditor(linkTarget(link), x, y);
  });

  // --- buttons over the nodes and bias squares ---
  function renderButtons() {
    const k = JSON.stringify([geo.width, geo.shape, geo.cols.map((c) => [c.x, c.y(0), c.size, c.shown])]);
    if (k === key) return;
    key = k;
    hovered = pinned = null;
    updateFocus();
    const buttons = [];
    geo.cols.forEach((col, c) => {
      for (let i = 0; i < col.shown; i++) {
        const x = col.x - col.r, y = col.y(i) - col.r;
        const enter = () => { hovered = { c, i }; updateFocus(); };
        const leave = () => { hovered = null; updateFocus(); };
        const node = h('button', {
          type: 'button', class: 'net-node', 'aria-label': neuronLabel(c, i), 'aria-pressed': 'false', 'data-c': c, 'data-i': i,
          style: `left:${x}px;top:${y}px;width:${col.size}px;height:${col.size}px`,
          onmouseenter: enter, onmouseleave: leave, onfocus: enter, onblur: leave,
          onclick: () => { pinned = pinned?.c === c && pinned?.i === i ? null : { c, i }; updateFocus(); },
        });
        buttons.push(node);
        if (c === 0) continue;
        const target = () => ({ layer: c - 1, kind: 'b', row: i, col: 0, value: biases?.[c - 1]?.[i], name: `Bias of ${neuronName(c, i)}` });
        buttons.push(h('button', {
          type: 'button', class: 'net-bias', 'aria-label': `Bias of ${neuronName(c, i)}`,
          style: `left:${x - 6}px;top:${y + col.size - 6}px`,
          onmouseenter: () => showTip(x, y + col.size, `b = ${fmt(target().value)}`, `bias of ${neuronName(c, i)}`),
          onmouseleave: hideTip,
          onclick: () => openEditor(target(), x, y + col.size),
        }));
      }
    });
    overlay.replaceChildren(...buttons);
  }
  netview.onLayout((g) => { geo = g; renderButtons(); });

  return {
    /** The values behind the drawing, from a worker frame. */
    setParams(w, b) { weights = w; biases = b; },
  };
}
