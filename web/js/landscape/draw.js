// draw.js — paints one landscape (the worker's landscape message) on a canvas: the loss as a
// filled colour map (the grid smoothed by the browser's bilinear scaling), contour lines over it,
// the α and β axes with their ticks, and the optimizer's path as a polyline from its start (a
// hollow ring) to the current weights at (0, 0) (a filled dot). Redrawn at the box's size.
import { scaleOf, levels, isolines, colour } from './contours.js';

const PAD = { left: 44, right: 12, top: 10, bottom: 34 };
const INK = '#3a4354';
const PATH = '#ffffff', NOW = '#f28e2b';

/** Draws `l` (or an empty frame) on `canvas`; returns the scale used ({ min, max, log }) or null. */
export function drawLandscape(canvas, l) {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, canvas.clientWidth), hgt = Math.max(1, canvas.clientHeight);
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(hgt * dpr);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, hgt);
  const box = { x: PAD.left, y: PAD.top, w: Math.max(10, w - PAD.left - PAD.right), h: Math.max(10, hgt - PAD.top - PAD.bottom) };
  ctx.fillStyle = '#f3f5f8';
  ctx.fillRect(box.x, box.y, box.w, box.h);
  if (!l?.loss) { frame(ctx, box); return null; }
  const { steps, range } = l;
  const scale = scaleOf(l.loss);
  if (!scale) { frame(ctx, box); axes(ctx, box, range); return null; }
  // (α, β) → canvas: α right, β up; grid point j, i sits at α_j, β_i (cell centres at the edges' ends)
  const X = (a) => box.x + ((a + range) / (2 * range)) * box.w;
  const Y = (b) => box.y + box.h - ((b + range) / (2 * range)) * box.h;
  const gx = (j) => box.x + (j / (steps - 1)) * box.w, gy = (i) => box.y + box.h - (i / (steps - 1)) * box.h;
  const span = scale.hi - scale.lo || 1;
  const u = (v) => (scale.f(v) - scale.lo) / span;

  // the colour map: one pixel per grid point, scaled up smoothly (NaN: the background shows)
  const img = document.createElement('canvas');
  img.width = steps;
  img.height = steps;
  const ictx = img.getContext('2d'), data = ictx.createImageData(steps, steps);
  for (let i = 0; i < steps; i++) {
    for (let j = 0; j < steps; j++) {
      const v = l.loss[i * steps + j], k = 4 * ((steps - 1 - i) * steps + j);
      if (!Number.isFinite(v)) continue;
      const [r, g, b] = colour(u(v));
      data.data.set([r, g, b, 255], k);
    }
  }
  ictx.putImageData(data, 0, 0);
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  ctx.imageSmoothingEnabled = true;
  const cell = box.w / (steps - 1), cellH = box.h / (steps - 1);   // pixel centres on the grid points
  ctx.drawImage(img, box.x - cell / 2, box.y - cellH / 2, box.w + cell, box.h + cellH);

  // contour lines, on the same scale as the colours
  const f = Array.from(l.loss, (v) => (Number.isFinite(v) ? scale.f(v) : NaN));
  levels(scale.lo, scale.hi, 12).forEach((level, k) => {
    ctx.beginPath();
    for (const [x1, y1, x2, y2] of isolines(f, steps, level)) {
      ctx.moveTo(gx(x1), gy(y1));
      ctx.lineTo(gx(x2), gy(y2));
    }
    ctx.strokeStyle = u(scale.log ? 10 ** level : level) > 0.6 ? 'rgba(40,40,60,0.45)' : 'rgba(255,255,255,0.5)';
    ctx.lineWidth = k % 3 === 2 ? 1.3 : 0.8;
    ctx.stroke();
  });

  // the path: oldest first, ending at the current weights (0, 0)
  const p = l.path ?? [];
  const pts = [];
  for (let k = 0; k + 1 < p.length; k += 2) pts.push([X(p[k]), Y(p[k + 1])]);
  if (!pts.length || p.at(-1) !== 0 || p.at(-2) !== 0) pts.push([X(0), Y(0)]);
  if (pts.length > 1) {
    ctx.lineJoin = 'round';
    for (const [style, width] of [['rgba(20,20,40,0.55)', 4], [PATH, 2]]) {
      ctx.beginPath();
      pts.forEach(([x, y], k) => (k ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
      ctx.strokeStyle = style;
      ctx.lineWidth = width;
      ctx.stroke();
    }
    ring(ctx, pts[0], 5, PATH);
  }
  dot(ctx, [X(0), Y(0)], 5.5, NOW);
  ctx.restore();
  frame(ctx, box);
  axes(ctx, box, range);
  return scale;
}

function frame(ctx, box) {
  ctx.strokeStyle = '#c9d1dc';
  ctx.lineWidth = 1;
  ctx.strokeRect(box.x + 0.5, box.y + 0.5, box.w - 1, box.h - 1);
}

function ring(ctx, [x, y], r, fill) {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.lineWidth = 3.5;
  ctx.strokeStyle = 'rgba(20,20,40,0.6)';
  ctx.stroke();
  ctx.lineWidth = 2;
  ctx.strokeStyle = fill;
  ctx.stroke();
}

function dot(ctx, [x, y], r, fill) {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
}

/** Ticks at −range, 0 and range on both axes, and the axes' names. */
function axes(ctx, box, range) {
  if (!range) return;
  const label = (v) => (v === 0 ? '0' : `${v < 0 ? '−' : ''}${Math.abs(v)}`);
  ctx.fillStyle = INK;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  for (const [k, v] of [[0, -range], [0.5, 0], [1, range]]) {
    ctx.textAlign = k === 0 ? 'left' : k === 1 ? 'right' : 'center';
    ctx.fillText(label(v), box.x + k * box.w, box.y + box.h + 4);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const [k, v] of [[0, -range], [0.5, 0], [1, range]]) {
    ctx.textBaseline = k === 0 ? 'bottom' : k === 1 ? 'top' : 'middle';
    ctx.fillText(label(v), box.x - 5, box.y + box.h - k * box.h);
  }
  ctx.font = 'italic 13px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText('α', box.x + box.w / 2, box.y + box.h + 18);
  ctx.textBaseline = 'middle';
  ctx.fillText('β', box.x - 34, box.y + box.h / 2);
}
