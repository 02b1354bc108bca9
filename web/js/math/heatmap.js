// heatmap.js — one matrix of the "By hand" panel drawn as a labelled heatmap: orange for negative,
// white for 0, blue for positive (the network drawing's colours), scaled to the matrix's largest
// |value| with a colour-scale legend. Small matrices (≤ 8 × 8) are a table with the numbers printed
// between brackets, as in the book; larger ones a canvas, scaled up. Hovering an entry shows its
// value and the link or neuron it belongs to. A card repaints in place (update) while training,
// so live values cost a repaint, not a new DOM.
import { h } from '../dom.js';
import { diverging } from '../boundary.js';
import { formatValue } from './matrices.js';

export const SMALL = 8;   // up to SMALL × SMALL: numbers printed in the cells
const MAX_W = 360, MAX_H = 232, CELL = 15;
const css = (c) => `rgb(${c[0]},${c[1]},${c[2]})`;
const colour = (v, max) => (Number.isFinite(v) ? diverging(max > 0 ? v / max : 0) : [200, 40, 40]);
const lum = (c) => c.map((v) => { const s = v / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; })
  .reduce((sum, v, i) => sum + [0.2126, 0.7152, 0.0722][i] * v, 0);
/** Black or white, whichever stands out more on the cell (at least 4.58:1 on any colour). */
const textOn = (c) => (lum(c) > 0.179 ? '#000' : '#fff');

/** A floating tooltip shared by every card of a panel: show(text, x, y) / hide(). */
export function createTooltip(parent) {
  const el = h('div', { class: 'mat-tip', role: 'tooltip', hidden: true });
  parent.append(el);
  return {
    show(text, x, y) {
      el.textContent = text;
      el.hidden = false;
      const r = el.getBoundingClientRect();
      el.style.left = `${Math.max(4, Math.min(window.innerWidth - r.width - 8, x + 14))}px`;
      el.style.top = `${y + 18 + r.height > window.innerHeight ? y - r.height - 10 : y + 18}px`;
    },
    hide() { el.hidden = true; },
  };
}

const tipText = (mat, i, j) => `${mat.name(i, j)} = ${formatValue(mat.values[i * mat.cols + j])}`;

// --- small: a table of numbers ------------------------------------------------------------------

function table(mat) {
  const rows = [];
  for (let i = 0; i < mat.rows; i++) {
    const cells = [];
    for (let j = 0; j < mat.cols; j++) cells.push(h('td', { 'data-i': i, 'data-j': j }));
    rows.push(h('tr', {}, cells));
  }
  return h('table', { class: 'mat-table', 'aria-label': `${mat.key}, ${mat.rows} by ${mat.cols}` }, h('tbody', {}, rows));
}

function paintTable(el, mat) {
  for (const td of el.querySelectorAll('td')) {
    const v = mat.values[+td.dataset.i * mat.cols + +td.dataset.j];
    td.dataset.value = String(v);
    td.textContent = formatValue(v);
    td.style.background = css(colour(v, mat.max));
    td.style.color = textOn(colour(v, mat.max));
  }
}

// --- large: a canvas ------------------------------------------------------------------------------

function canvas(mat) {
  const cw = Math.max(1, Math.min(CELL, MAX_W / mat.cols)), ch = Math.max(1, Math.min(CELL, MAX_H / mat.rows));
  const cell = Math.min(cw, ch);
  const [w, hgt] = cell >= 4 ? [cell * mat.cols, cell * mat.rows] : [cw * mat.cols, ch * mat.rows];
  // cells of ≥ 5 px are drawn apart on a light grid (so zeros still read as entries); smaller
  // ones as one pixel each, scaled up without smoothing
  const grid = Math.min(w / mat.cols, hgt / mat.rows) >= 5;
  const dpr = grid ? Math.min(2, window.devicePixelRatio || 1) : 1;
  return h('canvas', {
    class: `mat-canvas${grid ? ' grid' : ''}`, role: 'img',
    width: grid ? Math.round(w * dpr) : mat.cols, height: grid ? Math.round(hgt * dpr) : mat.rows,
    style: `width:${Math.round(w)}px;height:${Math.round(hgt)}px`, 'data-dpr': grid ? dpr : 0,
  });
}

function paintCanvas(el, mat) {
  const ctx = el.getContext('2d');
  const dpr = Number(el.dataset.dpr);
  el.setAttribute('aria-label', `${mat.key}: ${mat.rows} × ${mat.cols} heatmap, values from ${formatValue(-mat.max)} to ${formatValue(mat.max)}`);
  if (dpr) {
    const sx = el.width / mat.cols, sy = el.height / mat.rows;
    const x = (j) => Math.round(j * sx), y = (i) => Math.round(i * sy);
    ctx.fillStyle = '#e9ebef';
    ctx.fillRect(0, 0, el.width, el.height);
    for (let i = 0; i < mat.rows; i++) {
      for (let j = 0; j < mat.cols; j++) {
        ctx.fillStyle = css(colour(mat.values[i * mat.cols + j], mat.max));
        ctx.fillRect(x(j) + dpr * 0.5, y(i) + dpr * 0.5, x(j + 1) - x(j) - dpr, y(i + 1) - y(i) - dpr);
      }
    }
    return;
  }
  const img = ctx.createImageData(mat.cols, mat.rows);
  for (let k = 0; k < mat.values.length; k++) img.data.set([...colour(mat.values[k], mat.max), 255], 4 * k);
  ctx.putImageData(img, 0, 0);
}

// --- the card -----------------------------------------------------------------------------------------

/**
 * A card: the symbol and its shape typeset (tex(s) → HTML), a one-line meaning, the heatmap and its
 * colour scale. axes: text naming rows and columns. Returns the element; el.update(mat) repaints it
 * with new values of the same shape.
 */
export function matrixCard(mat, { tex, tip, axes, active = false }) {
  const shape = mat.cols === 1 ? `\\mathbb{R}^{${mat.rows}}` : `\\mathbb{R}^{${mat.rows} \\times ${mat.cols}}`;
  const title = h('div', { class: 'mat-title' });
  title.innerHTML = tex(`${mat.tex} \\in ${shape}`);
  const small = mat.rows <= SMALL && mat.cols <= SMALL;
  const body = small ? table(mat) : canvas(mat);
  const lo = h('span'), hi = h('span');
  const el = h('figure', { class: `mat-card${active ? ' active' : ''}`, 'data-key': mat.key, 'data-shape': `${mat.rows}x${mat.cols}` },
    h('figcaption', {}, title, h('span', { class: 'mat-label' }, mat.label)),
    h('div', { class: 'bracket' }, body),
    h('div', { class: 'mat-scale', 'aria-hidden': 'true' }, lo, h('i', { class: 'ramp' }), hi),
    axes ? h('p', { class: 'mat-axes' }, axes) : null);
  let current = mat;
  body.addEventListener('pointermove', (e) => {
    let i, j;
    if (small) {
      const td = e.target.closest('td');
      if (!td) return;
      [i, j] = [+td.dataset.i, +td.dataset.j];
    } else {
      const r = body.getBoundingClientRect();
      j = Math.min(current.cols - 1, Math.floor(((e.clientX - r.left) / r.width) * current.cols));
      i = Math.min(current.rows - 1, Math.floor(((e.clientY - r.top) / r.height) * current.rows));
    }
    if (i >= 0 && j >= 0) tip.show(tipText(current, i, j), e.clientX, e.clientY);
  });
  body.addEventListener('pointerleave', () => tip.hide());
  el.update = (m) => {
    current = m;
    (small ? paintTable : paintCanvas)(body, m);
    lo.textContent = formatValue(-m.max);
    hi.textContent = formatValue(m.max);
  };
  el.update(mat);
  return el;
}
