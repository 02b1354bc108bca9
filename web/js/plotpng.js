// plotpng.js — the plot as a picture to keep or put on a slide: a title that describes the run
// ("Spiral · 2 → 16 Tanh → 16 Tanh → 1 Sigmoid · epoch 120 · test accuracy 97.5 %"), the plot
// itself (the boundary renderer's own canvas, copied pixel for pixel: the decision boundary and
// the data) and its legend, drawn into one canvas and saved as a PNG (canvas.toBlob). No library.
// The layout is a pure function (pngLayout) that the tests read too.
import { CLASS_COLORS, classShape, traceMarker } from './marks.js';
import { diverging } from './boundary.js';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const TEXT = '#1d2330', MUTED = '#5f687c';

/** Where things go, in the plot canvas's pixels (scale: its pixels per CSS pixel): a margin, two
 *  title lines, the plot (size: its canvas's width), then the legend. */
export function pngLayout(size, scale = 1) {
  const u = (v) => Math.round(v * scale);
  const pad = u(20), line = u(22), gap = u(12);
  const plot = { x: pad, y: pad + 2 * line + gap, size };
  return { pad, line, gap, width: size + 2 * pad, plot, legendTop: plot.y + size + gap, legendRow: u(26) };
}

/** The title's words, split where they may wrap: [dataset, network, epoch, score]. spec: { data
 *  (display name), inputs, layers: [{ units, display }], epoch, metric: { name, text } | null }. */
export function titleParts({ data, inputs, layers, epoch, metric }) {
  const net = [String(inputs), ...layers.map((l) => `${l.units} ${l.display}`)].join(' → ');
  return [data, net, `epoch ${epoch.toLocaleString('en-US')}`, ...(metric ? [`${metric.name} ${metric.text}`] : [])];
}

/** Words into at most two lines of width max (ctx's font): greedy, joined by ' · '. */
function wrap(ctx, parts, max) {
  const lines = [];
  for (const p of parts) {
    const last = lines.at(-1);
    if (last !== undefined && ctx.measureText(`${last} · ${p}`).width <= max) lines[lines.length - 1] = `${last} · ${p}`;
    else lines.push(p);
  }
  return lines.length <= 2 ? lines : [lines[0], lines.slice(1).join(' · ')];
}

/** The legend's items as the page's legend shows them: { ramp: [left, caption, right] } or
 *  { marker: k | 'train' | 'test', text }. legend: { kind, outputs, labelCount, showTest }. */
function legendItems({ kind, outputs, labelCount, showTest }) {
  const items = [];
  let marks = kind !== 'regression';
  if (kind === 'regression') items.push({ ramp: ['−1', 'predicted value', '+1'] });
  else if (outputs === 1 && labelCount <= 2) { items.push({ marker: 0, text: 'class 1' }, { ramp: ['', 'p(class 2)', ''] }, { marker: 1, text: 'class 2' }); marks = false; }
  if (marks) for (let k = 0; k < labelCount; k++) items.push({ marker: k, text: `class ${k + 1}` });
  items.push({ marker: 'train', text: 'train' });
  if (showTest) items.push({ marker: 'test', text: 'test' });
  return items;
}

/** Draws one legend item at (x, row's middle y); returns its width. measure only: draw = false. */
function drawItem(ctx, item, x, y, u, draw) {
  const r = u(5), gap = u(6);
  if (item.ramp) {
    const [left, caption, right] = item.ramp;
    const w = u(120);
    let at = x;
    if (left) { if (draw) ctx.fillText(left, at, y); at += ctx.measureText(left).width + gap; }
    if (draw) {
      const g = ctx.createLinearGradient(at, 0, at + w, 0);
      [[0, -1], [0.5, 0], [1, 1]].forEach(([t, v]) => g.addColorStop(t, `rgb(${diverging(v).join(',')})`));
      ctx.fillStyle = g;
      ctx.beginPath(); ctx.roundRect(at, y - u(5), w, u(10), u(5)); ctx.fill();
      ctx.fillStyle = MUTED;
      ctx.font = `${u(11)}px ${FONT}`;
      ctx.textAlign = 'center';
      ctx.fillText(caption, at + w / 2, y + u(13));
      ctx.textAlign = 'left';
      ctx.font = `${u(13)}px ${FONT}`;
      ctx.fillStyle = TEXT;
    }
    at += w;
    if (right) { at += gap; if (draw) ctx.fillText(right, at, y); at += ctx.measureText(right).width; }
    return at - x;
  }
  if (draw) {
    ctx.beginPath();
    if (typeof item.marker === 'number') {
      traceMarker(ctx, classShape(item.marker), x + r, y, r);
      ctx.fillStyle = CLASS_COLORS[item.marker % CLASS_COLORS.length];
      ctx.fill();
      ctx.lineWidth = u(1); ctx.strokeStyle = 'rgba(29, 35, 48, 0.55)'; ctx.stroke();
    } else {
      traceMarker(ctx, 'disc', x + r, y, r);
      ctx.fillStyle = '#9aa3b2';
      ctx.fill();
      ctx.lineWidth = u(1.5); ctx.strokeStyle = item.marker === 'test' ? TEXT : '#ffffff'; ctx.stroke();
      if (item.marker === 'train') { ctx.beginPath(); traceMarker(ctx, 'disc', x + r, y, r + u(1.2)); ctx.lineWidth = u(1); ctx.strokeStyle = '#c9ced6'; ctx.stroke(); }
    }
    ctx.fillStyle = TEXT;
    ctx.fillText(item.text, x + 2 * r + gap, y);
  }
  return 2 * r + gap + ctx.measureText(item.text).width;
}

/** The picture: the plot canvas (its pixels as they are), the title and the legend, on white.
 *  plot: the boundary's canvas; title: titleParts(); legend: see legendItems. Returns a canvas. */
export function composePlot(doc, plot, title, legend) {
  const scale = plot.width / (plot.clientWidth || plot.width);
  const u = (v) => Math.round(v * scale);
  const L = pngLayout(plot.width, scale);
  const canvas = doc.createElement('canvas');
  const ctx = canvas.getContext('2d');
  // the legend in rows that fit the plot's width, laid out before the canvas is sized
  ctx.font = `${u(13)}px ${FONT}`;
  const rows = [[]];
  let used = 0;
  for (const item of legendItems(legend)) {
    const w = drawItem(ctx, item, 0, 0, u, false);
    if (used && used + u(16) + w > plot.width) { rows.push([]); used = 0; }
    rows.at(-1).push({ item, w });
    used += (used ? u(16) : 0) + w;
  }
  canvas.width = L.width;
  canvas.height = L.legendTop + rows.length * L.legendRow + u(6) + L.pad;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  // the title: two lines at most, smaller type if a part is wider than the plot
  let px = 16;
  ctx.font = `600 ${u(px)}px ${FONT}`;
  while (px > 10 && title.some((p) => ctx.measureText(p).width > plot.width)) ctx.font = `600 ${u(--px)}px ${FONT}`;
  ctx.fillStyle = TEXT;
  ctx.textBaseline = 'middle';
  wrap(ctx, title, plot.width).forEach((text, i) => ctx.fillText(text, L.pad, L.pad + (i + 0.5) * L.line));
  // the plot, pixel for pixel, in a thin frame
  ctx.drawImage(plot, L.plot.x, L.plot.y);
  ctx.strokeStyle = '#e2e5ea';
  ctx.lineWidth = u(1);
  ctx.strokeRect(L.plot.x - u(0.5), L.plot.y - u(0.5), L.plot.size + u(1), L.plot.size + u(1));
  // the legend, each row centred under the plot
  ctx.font = `${u(13)}px ${FONT}`;
  rows.forEach((row, i) => {
    const total = row.reduce((s, { w }) => s + w, 0) + u(16) * (row.length - 1);
    let x = L.plot.x + (plot.width - total) / 2;
    const y = L.legendTop + (i + 0.5) * L.legendRow - u(3);
    for (const { item, w } of row) { drawItem(ctx, item, x, y, u, true); x += w + u(16); }
  });
  return canvas;
}

/** Saves a canvas as a PNG file named `name` (a download). Resolves once the file is offered. */
export function savePng(doc, canvas, name) {
  return new Promise((done, fail) => canvas.toBlob((blob) => {
    if (!blob) return fail(new Error('the browser could not encode the picture'));
    const url = URL.createObjectURL(blob);
    const a = doc.createElement('a');
    a.href = url;
    a.download = name;
    doc.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    done();
  }, 'image/png'));
}
