// heatmap.js — one matrix of the "By hand" panel drawn as a labelled heatmap: orange for negative,
// white for 0, blue for positive (the network drawing's colours), scaled to the matrix's largest
// |value| with a colour-scale legend. Small matrices (≤ 8 × 8) are a table with the numbers printed
// between brackets, as in the book; larger ones a canvas with one pixel per entry, scaled up.
// Hovering an entry shows its value and the link or neuron it belongs to.
import { h } from '../dom.js';
import { diverging } from '../boundary.js';
import { formatValue } from './matrices.js';

export const SMALL = 8;   // up to SMALL × SMALL: numbers printed in the cells
const MAX_W = 360, MAX_H = 232, CELL = 15;
const css = (c) => `rgb(${c[0]},${c[1]},${c[2]})`;
const colour = (v, max) => (Number.isFinite(v) ? diverging(max > 0 ? v / max : 0) : [200, 40, 40]);

/** A floating tooltip shared by every card of a panel: show(text, x, y) / hide(). */
export function createTooltip(parent) {
  const el = h('div', { class: 'mat-tip', role: 'tooltip', hidden: true });
  parent.append(el);
  return {
    show(text, x, y) {
      el.textContent = text;
      el.hidden = false;
      const r = el.getBoundingClientRect();
      el.style.left = `${Math.min(window.innerWidth - r.width - 8, x + 14)}px`;
      el.style.top = `${y + 18 + r.height > window.innerHeight ? y - r.height - 10 : y + 18}px`;
    },
    hide() { el.hidden = true; },
  };
}

const tipText = (mat, i, j) => `${mat.name(i, j)} = ${formatValue(mat.values[i * mat.cols + j])}`;

function table(mat, tip) {
  const rows = [];
  for (let i = 0; i < mat.rows; i++) {
    const cells = [];
    for (let j = 0; j < mat.cols; j++) {
      const v = mat.values[i * mat.cols + j];
      const c = colour(v, mat.max);
      const strong = mat.max > 0 && Math.abs(v) / mat.max > 0.62;
      cells.push(h('td', {
        'data-i': i, 'data-j': j, 'data-value': String(v),
        style: `background:${css(c)};${strong ? 'color:#fff' : ''}`,
      }, formatValue(v)));
    }
    rows.push(h('tr', {}, cells));
  }
  const el = h('table', { class: 'mat-table', 'aria-label': `${mat.key}, ${mat.rows} by ${mat.cols}` }, h('tbody', {}, rows));
  const at = (e) => e.target.closest('td');
  el.addEventListener('pointermove', (e) => { const td = at(e); if (td) tip.show(tipText(mat, +td.dataset.i, +td.dataset.j), e.clientX, e.clientY); });
  el.addEventListener('pointerleave', () => tip.hide());
  return h('div', { class: 'bracket' }, el);
}

function canvas(mat, tip) {
  const cw = Math.max(1, Math.min(CELL, MAX_W / mat.cols)), ch = Math.max(1, Math.min(CELL, MAX_H / mat.rows));
  const cell = Math.min(cw, ch);
  const [w, hgt] = cell >= 4 ? [cell * mat.cols, cell * mat.rows] : [cw * mat.cols, ch * mat.rows];
  // cells of ≥ 5 px are drawn apart on a light grid (so zeros still read as entries); smaller
  // ones as one pixel each, scaled up without smoothing
  const grid = Math.min(w / mat.cols, hgt / mat.rows) >= 5;
  const dpr = grid ? Math.min(2, window.devicePixelRatio || 1) : 1;
  const el = h('canvas', {
    class: `mat-canvas${grid ? ' grid' : ''}`, width: grid ? Math.round(w * dpr) : mat.cols, height: grid ? Math.round(hgt * dpr) : mat.rows, role: 'img',
    'aria-label': `${mat.key}: ${mat.rows} × ${mat.cols} heatmap, values from ${formatValue(-mat.max)} to ${formatValue(mat.max)}`,
    style: `width:${Math.round(w)}px;height:${Math.round(hgt)}px`,
  });
  const ctx = el.getContext('2d');
  if (grid) {
    const sx = el.width / mat.cols, sy = el.height / mat.rows;
    ctx.fillStyle = '#e9ebef';
    ctx.fillRect(0, 0, el.width, el.height);
    for (let i = 0; i < mat.rows; i++) {
      for (let j = 0; j < mat.cols; j++) {
        ctx.fillStyle = css(colour(mat.values[i * mat.cols + j], mat.max));
        ctx.fillRect(Math.round(j * sx) + dpr * 0.5, Math.round(i * sy) + dpr * 0.5, Math.round((j + 1) * sx) - Math.round(j * sx) - dpr, Math.round((i + 1) * sy) - Math.round(i * sy) - dpr);
      }
    }
  } else {
    const img = ctx.createImageData(mat.cols, mat.rows);
    for (let k = 0; k < mat.values.length; k++) {
      const c = colour(mat.values[k], mat.max);
      img.data.set([c[0], c[1], c[2], 255], 4 * k);
    }
    ctx.putImageData(img, 0, 0);
  }
  el.addEventListener('pointermove', (e) => {
    const r = el.getBoundingClientRect();
    const j = Math.min(mat.cols - 1, Math.floor(((e.clientX - r.left) / r.width) * mat.cols));
    const i = Math.min(mat.rows - 1, Math.floor(((e.clientY - r.top) / r.height) * mat.rows));
    if (i >= 0 && j >= 0) tip.show(tipText(mat, i, j), e.clientX, e.clientY);
  });
  el.addEventListener('pointerleave', () => tip.hide());
  return h('div', { class: 'bracket' }, el);
}

/** The colour scale: −max … 0 … +max. */
function legend(mat) {
  return h('div', { class: 'mat-scale', 'aria-hidden': 'true' },
    h('span', {}, formatValue(-mat.max)), h('i', { class: 'ramp' }), h('span', {}, formatValue(mat.max)));
}

/**
 * A card: the symbol and its shape typeset (tex(s) → HTML), a one-line meaning, the heatmap and its
 * scale. axes: text naming rows and columns; active: part of the current step.
 */
export function matrixCard(mat, { tex, tip, axes, active = false }) {
  const shape = mat.cols === 1 ? `\\mathbb{R}^{${mat.rows}}` : `\\mathbb{R}^{${mat.rows} \\times ${mat.cols}}`;
  const title = h('div', { class: 'mat-title' });
  title.innerHTML = tex(`${mat.tex} \\in ${shape}`);
  const small = mat.rows <= SMALL && mat.cols <= SMALL;
  return h('figure', { class: `mat-card${active ? ' active' : ''}`, 'data-key': mat.key },
    h('figcaption', {}, title, h('span', { class: 'mat-label' }, mat.label)),
    small ? table(mat, tip) : canvas(mat, tip),
    legend(mat), axes ? h('p', { class: 'mat-axes' }, axes) : null);
}
