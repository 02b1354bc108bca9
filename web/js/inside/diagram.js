// diagram.js — makes the network drawing (netview.js) explorable, by mouse and by keyboard. Over the
// canvas it lays the column labels as text (placed by netview.js so that none overlap), one button
// per drawn neuron (hover or focus: its map fills the Output plot; click or Enter: keep it there and
// list its weights to edit, inside/weights.js), one per bias square, and under a wide layer a button
// that shows its next neurons. The neurons are one tab stop (a roving tabindex): arrow keys move
// between neurons and layers, sliding a wide layer's window so that every neuron can be reached.
// Links are edited by mouse in place (inside/linkedit.js). Owns: the hovered, focused, pinned and
// current neuron; netview.js owns each wide layer's window, which this module asks it to move.
import { h } from '../dom.js';
import { display } from '../rows.js';
import { MAX_NODES } from '../netview.js';
import { createLinkEditor } from './linkedit.js';
import { createWeightsPanel } from './weights.js';

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const KEYS_HINT = 'Arrow keys move between neurons (up, down) and layers (left, right); Page Up and Page Down move by eight, Home and End to a layer’s first and last neuron. Enter keeps a neuron’s map in the plot and lists its weights to edit; Escape lets go.';

/** options: catalog, onFocus(neuron | null), onEdit(param), skip (the skip link), skipTo() → the control after the diagram. */
export function createDiagram(canvas, netview, { catalog, onFocus, onEdit, skip, skipTo }) {
  const wrap = canvas.parentElement;
  const hint = h('p', { id: 'net-keys', class: 'sr-only' }, KEYS_HINT);
  const overlay = h('div', { class: 'net-overlay', role: 'group', 'aria-label': 'Network diagram' });
  wrap.append(overlay, hint);
  const holder = h('div', {});
  wrap.after(holder);
  netview.overlayText();
  let geo = null, key = '', shapeKey = '';
  let weights = null, biases = null;
  let hovered = null, focused = null, pinned = null, shownFocus = null;   // neurons { c, i } (i: the neuron's index)
  let current = { c: 0, i: 0 };   // the neuron that takes the diagram's one tab stop
  let starts = [];                // per column: the first neuron shown (netview's, or as last asked)
  let refocus = false;            // focus `current` once it is drawn

  // --- names ---
  const colName = (c) => (c === geo.shape.layers.length ? 'output' : `layer ${c}`);
  const neuronName = (c, i) => (c === 0 ? geo.shape.features[i] : `${colName(c)} neuron ${i + 1}`);
  const neuronLabel = (c, i) => (c === 0 ? `Input ${geo.shape.features[i]}` : cap(neuronName(c, i)));
  const actName = (c) => display(catalog.activations, geo.shape.layers[c - 1].activation);
  const fmt = (v) => (v === undefined ? '—' : Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : v.toFixed(4));

  // --- editors: the inline one (mouse) and the weights panel (keyboard) ---
  const links = createLinkEditor(wrap, canvas, {
    geo: () => geo, onEdit,
    linkTarget: ({ l, i, j }) => {
      const value = weights?.[l]?.[j * geo.cols[l].count + i];
      return {
        layer: l, kind: 'w', row: j, col: i, value, name: `Weight from ${neuronName(l, i)} to ${neuronName(l + 1, j)}`,
        tipValue: `w = ${fmt(value)}`, tipText: `${neuronName(l, i)} → ${neuronName(l + 1, j)}`,
      };
    },
  });
  const panel = createWeightsPanel(holder, { onEdit, onClose: () => { focusNode(pinned ?? current); pin(null); } });

  /** Incoming weights and bias of a neuron (an input: its outgoing weights), for the panel. */
  function targetsOf(c, i) {
    const cols = geo.cols;
    if (c === 0) {
      return Array.from({ length: cols.length > 1 ? cols[1].count : 0 }, (_, j) => ({
        layer: 0, kind: 'w', row: j, col: i, stride: cols[0].count, name: `Weight from ${neuronName(0, i)} to ${neuronName(1, j)}`, short: `to ${neuronName(1, j)}`,
      }));
    }
    return [...Array.from({ length: cols[c - 1].count }, (_, k) => ({
      layer: c - 1, kind: 'w', row: i, col: k, stride: cols[c - 1].count, name: `Weight from ${neuronName(c - 1, k)} to ${neuronName(c, i)}`, short: `from ${neuronName(c - 1, k)}`,
    })), { layer: c - 1, kind: 'b', row: i, col: 0, name: `Bias of ${neuronName(c, i)}`, short: 'bias' }];
  }

  // --- the neuron whose map the plot shows: the hovered one, else the focused one, else the pinned one ---
  function updateFocus() {
    for (const b of overlay.querySelectorAll('.net-node')) b.setAttribute('aria-pressed', String(pinned?.c === +b.dataset.c && pinned?.i === +b.dataset.i));
    const f = hovered ?? focused ?? pinned;
    if (f?.c === shownFocus?.c && f?.i === shownFocus?.i) return;
    shownFocus = f;
    netview.setFocus(f && { column: f.c, unit: f.i });
    if (!f) return onFocus(null);
    const act = f.c === 0 ? 'input' : geo.shape.layers[f.c - 1].activation;
    onFocus({ layer: f.c - 1, unit: f.i, activation: act, caption: f.c === 0 ? `Input ${geo.shape.features[f.i]}` : `${neuronLabel(f.c, f.i)} · ${actName(f.c)}` });
  }

  /** Keeps a neuron's map in the plot and lists its weights (null: lets go). */
  function pin(n) {
    pinned = n;
    if (n) panel.open(`${neuronLabel(n.c, n.i)}${n.c ? ` · ${actName(n.c)}: its weights and bias` : ': its weights to the next layer'}`, targetsOf(n.c, n.i));
    else panel.close();
    updateFocus();
  }

  // --- moving through the neurons ---
  const startOf = (c) => starts[c] ?? geo.cols[c].start;
  function focusNode({ c, i }) {
    const b = overlay.querySelector(`.net-node[data-c="${c}"][data-i="${i}"]`);
    if (b) { b.focus(); refocus = false; } else refocus = true;
  }
  /** Makes neuron i of column c current, sliding the column's window to it, and focuses it. */
  function goTo(c, i) {
    const col = geo.cols[c];
    current = { c, i };
    let start = startOf(c);
    if (i < start) start = i; else if (i >= start + col.shown) start = i - col.shown + 1;
    setWindow(c, start);
    for (const b of overlay.querySelectorAll('.net-node')) b.tabIndex = +b.dataset.c === c && +b.dataset.i === i ? 0 : -1;
    focusNode(current);
  }
  function setWindow(c, start) {
    if (start === startOf(c)) return;
    starts[c] = start;
    netview.setWindow(c, start);
  }
  function onKey(e) {
    if (!e.target.classList.contains('net-node')) return;
    const { c, i } = current, col = geo.cols[c];
    const moves = {
      ArrowUp: [c, i - 1], ArrowDown: [c, i + 1], PageUp: [c, i - MAX_NODES], PageDown: [c, i + MAX_NODES],
      Home: [c, 0], End: [c, col.count - 1], ArrowLeft: [c - 1, null], ArrowRight: [c + 1, null],
    };
    if (e.key === 'Escape' && pinned) { e.preventDefault(); pin(null); return; }
    if (!moves[e.key]) return;
    e.preventDefault();
    let [nc, ni] = moves[e.key];
    if (!geo.cols[nc]) return;
    if (ni === null) ni = startOf(nc) + Math.min(i - startOf(c), geo.cols[nc].shown - 1);   // the same row
    goTo(nc, Math.max(0, Math.min(geo.cols[nc].count - 1, ni)));
  }
  overlay.addEventListener('keydown', onKey);
  overlay.addEventListener('focusin', (e) => {   // a click or a returning Tab: that neuron is current
    if (e.target.classList.contains('net-node')) current = { c: +e.target.dataset.c, i: +e.target.dataset.i };
  });
  skip?.addEventListener('click', (e) => { e.preventDefault(); skipTo()?.focus(); });

  // --- what lies over the canvas: labels, neurons, biases, "more" buttons ---
  function nodeButton(col, c, k) {
    const i = col.start + k, x = col.x - col.r, y = col.y(k) - col.r;
    // hovering shows the map; so does focus by keyboard (a mouse click focuses too, but pins instead)
    const set = (hover, on) => { if (hover) hovered = on ? { c, i } : null; else focused = on ? { c, i } : null; updateFocus(); };
    return h('button', {
      type: 'button', class: 'net-node', 'aria-label': neuronLabel(c, i), 'aria-pressed': 'false', 'aria-describedby': 'net-keys',
      'data-c': c, 'data-i': i, tabindex: current.c === c && current.i === i ? 0 : -1,
      style: `left:${x}px;top:${y}px;width:${col.size}px;height:${col.size}px`,
      onmouseenter: () => set(true, true), onmouseleave: () => set(true, false), onfocus: (e) => set(false, e.target.matches(':focus-visible')), onblur: () => set(false, false),
      onclick: () => pin(pinned?.c === c && pinned?.i === i ? null : { c, i }),
    });
  }
  function biasButton(col, c, k) {
    const i = col.start + k, x = col.x - col.r, y = col.y(k) - col.r;
    const target = () => ({ layer: c - 1, kind: 'b', row: i, col: 0, value: biases?.[c - 1]?.[i], name: `Bias of ${neuronName(c, i)}` });
    return h('button', {
      type: 'button', class: 'net-bias', 'aria-label': `Bias of ${neuronName(c, i)}`, tabindex: -1,
      style: `left:${x - 6}px;top:${y + col.size - 6}px`,
      onmouseenter: () => links.showTip(x, y + col.size, `b = ${fmt(target().value)}`, `bias of ${neuronName(c, i)}`),
      onmouseleave: links.hideTip,
      onclick: () => links.open(target(), x, y + col.size),
    });
  }
  /** Under a wide layer: shows its next MAX_NODES neurons (after the last ones: its first). */
  function moreButton(col, c) {
    const end = col.start + col.shown, last = end >= col.count;
    const next = last ? 0 : Math.min(col.count - col.shown, end);
    const room = geo.cols.length > 1 ? geo.cols[1].x - geo.cols[0].x : 40;
    const width = Math.max(14, Math.min(34, room - 4));
    const text = last ? '▲' : width >= 24 ? `+${col.count - end}` : '▼';
    return h('button', {
      type: 'button', class: 'net-more', tabindex: -1, style: `left:${col.x - width / 2}px;top:${geo.bottom}px;width:${width}px`,
      // the name holds the visible count too ("+56" → "56 more"), as WCAG 2.5.3 asks
      'aria-label': `${last ? 'Back to' : 'Show'} neurons ${next + 1} to ${next + col.shown} of ${colName(c)} (of ${col.count})${last ? '' : `, ${col.count - end} more`}`,
      title: `Neurons ${col.start + 1}–${end} of ${col.count} shown`,
      onmousedown: (e) => e.preventDefault(),   // a click leaves the focus where it was
      onclick: () => { setWindow(c, next); },
    }, text);
  }
  function labelSpan(l, c) {
    return h('span', {
      class: `net-label${c === geo.highlight ? ' on' : ''}`, 'aria-hidden': 'true', title: l.full !== l.lines.join(' ') ? l.full : undefined,
      style: `left:${l.x - l.width / 2 - 1}px;top:${geo.top + l.y}px;width:${l.width + 2}px`,
    }, ...l.lines.flatMap((t, k) => (k ? [h('br'), t] : [t])));
  }

  function render() {
    const k = JSON.stringify([geo.width, geo.height, geo.shape, geo.cols.map((c) => [c.x, c.y(0), c.size, c.shown, c.start]), geo.labels]);
    if (k === key) {   // only the By-hand step's highlighted label may have changed
      overlay.querySelectorAll('.net-label').forEach((s, c) => s.classList.toggle('on', c === geo.highlight));
      return;
    }
    key = k;
    const sk = JSON.stringify(geo.shape);
    if (sk !== shapeKey) {   // a new network: nothing pinned, first neurons shown
      shapeKey = sk;
      current = { c: 0, i: 0 };
      hovered = focused = null;
      if (pinned) pin(null);
    }
    const cur = geo.cols[current.c];   // the tab stop stays on a drawn neuron
    if (!cur) current = { c: 0, i: 0 };
    else if (current.i < cur.start || current.i >= cur.start + cur.shown) current = { c: current.c, i: cur.start };
    const hadFocus = overlay.contains(document.activeElement);
    const items = geo.labels.map(labelSpan);
    geo.cols.forEach((col, c) => {
      for (let n = 0; n < col.shown; n++) {
        items.push(nodeButton(col, c, n));
        if (c > 0) items.push(biasButton(col, c, n));
      }
      if (col.count > col.shown) items.push(moreButton(col, c));
    });
    overlay.replaceChildren(...items);
    updateFocus();
    if (hadFocus || refocus) focusNode(current);
  }
  netview.onLayout((g) => { geo = g; starts = g.cols.map((c) => c.start); render(); });

  return {
    /** The values behind the drawing, from a worker frame. */
    setParams(w, b) { weights = w; biases = b; panel.setParams(w, b); },
  };
}
