// custom.js — the user's own data set ("Custom"): points added by clicks or imported from CSV.
// It lives in the configuration as config.custom = { regression, x: [x1, x2, ...], y: [...] }
// (y = class labels 0..5 or regression targets; every value is a float32), so it survives Reset,
// travels in the URL hash when small, and replaces the generated dataset while set.
// The core splits it (nn.splitDataset with byPoint: a seeded hash of each point's coordinates), so
// adding or removing a point never moves the others between train and test. No DOM here.
import { DATA_LIMITS, RowError, f32String, readRows } from './csv.js';

export const HASH_POINTS = 200;   // larger sets are left out of the link (it says so)

export const pointCount = (data) => data.y.length;

/** Custom data from the current dataset's parts ([{ n, x, labels, targets }]). */
export function fromParts(parts, regression) {
  const x = [], y = [];
  for (const p of parts) {
    for (let i = 0; i < p.n; i++) {
      x.push(p.x[2 * i], p.x[2 * i + 1]);
      y.push(regression ? p.targets[i] : p.labels[i]);
    }
  }
  return { regression, x, y };
}

/** A copy with one more point, clamped to the plot and rounded to 0.01 (short links, tidy CSV). */
export function addPoint(data, x1, x2, y) {
  if (pointCount(data) >= DATA_LIMITS.maxPoints) return data;
  const e = DATA_LIMITS.extent;
  const r = (v) => Math.fround(Math.round(Math.max(-e, Math.min(e, v)) * 100) / 100);
  return { regression: data.regression, x: [...data.x, r(x1), r(x2)], y: [...data.y, data.regression ? Math.fround(y) : y] };
}

/** A copy without the point nearest (x1, x2) if it lies within `radius`; else the same object. */
export function removeNearest(data, x1, x2, radius) {
  let best = -1, bestD = radius * radius;
  for (let i = 0; i < pointCount(data); i++) {
    const d = (data.x[2 * i] - x1) ** 2 + (data.x[2 * i + 1] - x2) ** 2;
    if (d <= bestD) { bestD = d; best = i; }
  }
  if (best < 0) return data;
  return {
    regression: data.regression,
    x: data.x.filter((_, k) => k >> 1 !== best),
    y: data.y.filter((_, k) => k !== best),
  };
}

/** What a change did to the user's own points when it lost some, in words ("Replaced your 37
 *  points with Spiral.", "Cleared your 3 points."), or null when none was lost. `shown`: the
 *  display name of the dataset that replaced them. */
export function lostPoints(old, next, shown) {
  const n = old ? pointCount(old) : 0;
  if (!n || old === next) return null;
  const yours = `your ${n} point${n === 1 ? '' : 's'}`;
  if (!next) return `Replaced ${yours} with ${shown}.`;
  const m = pointCount(next);
  if (m === 0) return `Cleared ${yours}.`;
  if (old.regression === next.regression && keeps(old, next)) return m < n ? `Removed ${n - m} of ${yours}.` : null;
  return `Replaced ${yours} with ${m} new one${m === 1 ? '' : 's'}.`;
}

/** Whether b is a with points removed or added at the end (both in order). */
function keeps(a, b) {
  const same = (i, j) => a.x[2 * i] === b.x[2 * j] && a.x[2 * i + 1] === b.x[2 * j + 1] && a.y[i] === b.y[j];
  const n = pointCount(a), m = pointCount(b);
  if (m >= n) { for (let i = 0; i < n; i++) if (!same(i, i)) return false; return true; }
  let j = 0;
  for (let i = 0; i < n && j < m; i++) if (same(i, j)) j++;
  return j === m;
}

/** The classes the data needs at least (labels 0..k−1 → k, and 2 at the least). */
export function minClasses(data) {
  return data.regression ? 0 : Math.max(2, ...data.y.map((l) => l + 1));
}

/** The data as the core reads it: { n, x: Float32Array (n × 2), classes, regression, labels | targets }
 *  (split it with nn.splitDataset(…, { byPoint: true })). */
export function customDataset(data, classes) {
  const n = pointCount(data);
  return {
    n, x: Float32Array.from(data.x), classes: data.regression ? 0 : classes, regression: data.regression,
    labels: data.regression ? null : Int32Array.from(data.y), targets: data.regression ? Float32Array.from(data.y) : null,
  };
}

// --- URL hash: "c:x1,x2,label;..." (classes) or "r:x1,x2,target;..." (regression) --------------

/** The hash value for the data, or "none:N" when there are too many points for a link. */
export function encodeCustom(data) {
  const n = pointCount(data);
  if (n > HASH_POINTS) return `none:${n}`;
  const rows = [];
  for (let i = 0; i < n; i++) {
    rows.push(`${f32String(data.x[2 * i])},${f32String(data.x[2 * i + 1])},${data.regression ? f32String(data.y[i]) : data.y[i]}`);
  }
  return `${data.regression ? 'r' : 'c'}:${rows.join(';')}`;
}

/** Reads a hash value: { data } | { omitted: N } (too big for the link) | { error } (names the point). */
export function decodeCustom(text) {
  const omitted = /^none:(\d{1,9})$/.exec(text);
  if (omitted) return { omitted: Number(omitted[1]) };
  const m = /^([cr]):(.*)$/s.exec(text);
  if (!m) return { error: 'expected c:x1,x2,label;… or r:x1,x2,target;…' };
  const rows = m[2] === '' ? [] : m[2].split(';').map((r, i) => ({ line: i + 1, fields: r.split(',') }));
  if (rows.length > HASH_POINTS) return { error: `more than ${HASH_POINTS} points (a link holds up to ${HASH_POINTS})` };
  try {
    return { data: readRows(rows, m[1] === 'r', 'point') };
  } catch (e) {
    if (!(e instanceof RowError)) throw e;
    return { error: e.message };
  }
}
