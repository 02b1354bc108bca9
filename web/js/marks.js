// marks.js — how a class looks, everywhere it is drawn (the plot, the dataset pictures, the
// hidden space, the legend, the confusion matrix, the class picker): a colour from the Okabe–Ito
// palette (told apart with every common colour-vision deficiency; no red + green pair) AND a marker
// shape, so no class is told by colour alone. One geometry serves canvases (a sub-path, so all
// points of a class are one path: one fill and one stroke) and SVG icons (the same vertices).

/** Okabe & Ito (2008), "Color Universal Design": orange, blue, bluish green, reddish purple,
 *  vermillion, sky blue (yellow and black left out: too light on white, too close to the outlines). */
export const CLASS_COLORS = ['#e69f00', '#0072b2', '#009e73', '#cc79a7', '#d55e00', '#56b4e9'];
/** One shape per class, in the palette's order; the names are what a screen reader hears. */
export const CLASS_SHAPES = ['disc', 'square', 'triangle', 'diamond', 'plus', 'star'];

export const classColor = (k) => CLASS_COLORS[k % CLASS_COLORS.length];
export const classShape = (k) => CLASS_SHAPES[k % CLASS_SHAPES.length];

// --- geometry: vertices around (x, y) for a marker of "radius" r (the circle's), y downwards -----

const ring = (n, r, turn = 0) => Array.from({ length: n }, (_, i) => {
  const a = turn + (2 * Math.PI * i) / n;
  return [r * Math.sin(a), -r * Math.cos(a)];
});
// shapes of about the same area as the circle, so no class looks heavier than another
const VERTICES = {
  square: [[-0.89, -0.89], [0.89, -0.89], [0.89, 0.89], [-0.89, 0.89]],
  triangle: ring(3, 1.35).map(([x, y]) => [x, y + 0.2]),
  diamond: ring(4, 1.25),
  plus: [[-0.4, -1.15], [0.4, -1.15], [0.4, -0.4], [1.15, -0.4], [1.15, 0.4], [0.4, 0.4], [0.4, 1.15], [-0.4, 1.15],
    [-0.4, 0.4], [-1.15, 0.4], [-1.15, -0.4], [-0.4, -0.4]],
  star: ring(10, 1).map(([x, y], i) => (i % 2 ? [x * 0.6, y * 0.6] : [x * 1.45, y * 1.45])),
};

/** Adds one marker to the current path of a 2D context (call fill()/stroke() once per class). */
export function traceMarker(ctx, shape, x, y, r) {
  const v = VERTICES[shape];
  if (!v) { ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI); return; }
  ctx.moveTo(x + v[0][0] * r, y + v[0][1] * r);
  for (let i = 1; i < v.length; i++) ctx.lineTo(x + v[i][0] * r, y + v[i][1] * r);
  ctx.closePath();
}

const SVG = 'http://www.w3.org/2000/svg';
const pathData = (shape, c, r) => (VERTICES[shape]
  ? `M${VERTICES[shape].map(([x, y]) => `${(c + x * r).toFixed(2)},${(c + y * r).toFixed(2)}`).join('L')}Z`
  : `M${c + r},${c}A${r},${r} 0 1 1 ${c - r},${c}A${r},${r} 0 1 1 ${c + r},${c}Z`.replace(/\d+\.\d{3,}/g, (v) => (+v).toFixed(2)));

/** A small SVG icon of class k's marker (decorative: aria-hidden; the text beside it names the
 *  class and, for screen readers, its shape). data-shape says which shape it is. */
export function markerIcon(k, size = 12) {
  const svg = document.createElementNS(SVG, 'svg');
  const shape = classShape(k);
  for (const [a, v] of Object.entries({ viewBox: `0 0 ${size} ${size}`, width: size, height: size, class: 'marker', 'aria-hidden': 'true', 'data-shape': shape })) svg.setAttribute(a, v);
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', pathData(shape, size / 2, size * 0.3));
  path.setAttribute('fill', classColor(k));
  path.setAttribute('stroke', '#1d2330');
  path.setAttribute('stroke-opacity', '0.55');
  path.setAttribute('stroke-width', '0.8');
  svg.append(path);
  return svg;
}
