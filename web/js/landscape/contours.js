// contours.js — the numbers behind the landscape's picture, with no DOM: the scale (log when the
// losses span more than a decade, so a deep valley does not flatten the rest), evenly spaced
// contour levels on it, marching squares (each cell's crossings of a level, interpolated along its
// edges; a saddle resolved by the cell's mean), and the colour map (viridis: perceptually even,
// readable in grey and by every colour-vision deficiency).

/** The scale of a grid of losses: { f (loss → drawn value), lo, hi (drawn), log } over its finite values. */
export function scaleOf(values) {
  let min = Infinity, max = -Infinity;
  for (const v of values) if (Number.isFinite(v)) { min = Math.min(min, v); max = Math.max(max, v); }
  if (min > max) return null;
  const log = min > 0 && max / min > 10;
  const f = log ? Math.log10 : (v) => v;
  return { f, lo: f(min), hi: f(max), log, min, max };
}

/** `count` levels strictly between lo and hi, evenly spaced. */
export function levels(lo, hi, count = 12) {
  if (!(hi > lo)) return [];
  return Array.from({ length: count }, (_, k) => lo + ((k + 1) * (hi - lo)) / (count + 1));
}

/** Marching squares over a steps × steps grid (values row-major: values[i · steps + j] at column j,
 *  row i): the segments where the grid crosses `level`, as [x1, y1, x2, y2] in grid units (x = j,
 *  y = i). Cells with a value that is not finite are left out. */
export function isolines(values, steps, level) {
  const out = [];
  const at = (i, j) => values[i * steps + j];
  const t = (a, b) => (level - a) / (b - a);
  for (let i = 0; i + 1 < steps; i++) {
    for (let j = 0; j + 1 < steps; j++) {
      const a = at(i, j), b = at(i, j + 1), c = at(i + 1, j + 1), d = at(i + 1, j);  // corners, counter-clockwise
      if (![a, b, c, d].every(Number.isFinite)) continue;
      const code = (a > level ? 1 : 0) | (b > level ? 2 : 0) | (c > level ? 4 : 0) | (d > level ? 8 : 0);
      if (code === 0 || code === 15) continue;
      // the crossing on each edge: bottom (a–b), right (b–c), top (d–c), left (a–d)
      const e = {
        bottom: () => [j + t(a, b), i], right: () => [j + 1, i + t(b, c)],
        top: () => [j + t(d, c), i + 1], left: () => [j, i + t(a, d)],
      };
      const seg = (p, q) => out.push([...e[p](), ...e[q]()]);
      const high = (a + b + c + d) / 4 > level;   // the saddles' resolution
      switch (code) {
        case 1: case 14: seg('left', 'bottom'); break;
        case 2: case 13: seg('bottom', 'right'); break;
        case 3: case 12: seg('left', 'right'); break;
        case 4: case 11: seg('right', 'top'); break;
        case 6: case 9: seg('bottom', 'top'); break;
        case 7: case 8: seg('left', 'top'); break;
        case 5: if (high) { seg('left', 'top'); seg('bottom', 'right'); } else { seg('left', 'bottom'); seg('right', 'top'); } break;
        case 10: if (high) { seg('left', 'bottom'); seg('right', 'top'); } else { seg('left', 'top'); seg('bottom', 'right'); } break;
      }
    }
  }
  return out;
}

// viridis, sampled at 9 points (matplotlib's), interpolated linearly between them
const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725']
  .map((s) => [1, 3, 5].map((k) => parseInt(s.slice(k, k + 2), 16)));

/** The colour of u ∈ [0, 1] (low loss dark, high loss light), as [r, g, b]. */
export function colour(u) {
  const x = Math.min(1, Math.max(0, Number.isFinite(u) ? u : 0)) * (VIRIDIS.length - 1);
  const k = Math.min(VIRIDIS.length - 2, Math.floor(x)), f = x - k;
  return VIRIDIS[k].map((c, n) => Math.round(c + f * (VIRIDIS[k + 1][n] - c)));
}

/** The colour map as a CSS gradient (the legend's bar). */
export const GRADIENT = `linear-gradient(to right, ${VIRIDIS.map((c) => `rgb(${c.join(',')})`).join(', ')})`;
