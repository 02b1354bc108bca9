// compute.js — the worker's side of the loss-landscape view (Li et al. 2018): the optimizer's
// recent path (snapshots of net.parameters(), one per epoch or paused step, bounded in count and
// memory, dropped with the network) and one landscape computed by the core (net.lossLandscape) on
// the training points, within the stated work limit: steps² · parameters · n ≤ maxLandscapeWork,
// by taking every k-th training point, then a coarser grid, when the full one would not fit.
// No DOM; trainer.js owns the network and calls these.

export const PATH_LENGTH = 150;          // snapshots kept (the most recent)
const PATH_FLOATS = 1 << 22;             // at most 4 Mi floats (16 MB) of snapshots in all
export const GRID_STEPS = 41;            // grid points each way (odd: θ is the middle point)
const MIN_POINTS = 100;                  // fewer points only when even a coarse grid would not fit
const RANGES = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100];

/** The optimizer's recent path for a network of `parameters` parameters: the last snapshots, each
 *  with the epoch and step count it was taken at. */
export function createPath(parameters) {
  const capacity = Math.max(1, Math.min(PATH_LENGTH, Math.floor(PATH_FLOATS / Math.max(1, parameters))));
  let items = [];   // { theta: Float32Array, epoch, steps }, oldest first
  return {
    capacity,
    record(net, epoch, steps) {
      items.push({ theta: net.parameters(), epoch, steps });
      if (items.length > capacity) items = items.slice(items.length - capacity);
    },
    get length() { return items.length; },
    snapshots: () => items.map((s) => s.theta),
    first: () => items[0] ?? null,
  };
}

/** The grid and the points that fit the work limit: { steps, n, reduced } or null (too large for
 *  even a 3 × 3 grid on one point). */
export function plan(parameters, points, limit, steps = GRID_STEPS) {
  const work = (s, n) => s * s * parameters * n;
  if (work(steps, points) <= limit) return { steps, n: points, reduced: false };
  const fewest = Math.min(points, MIN_POINTS);
  const n = Math.floor(limit / (steps * steps * parameters));
  if (n >= fewest) return { steps, n, reduced: true };
  let s = Math.floor(Math.sqrt(limit / (parameters * fewest)));
  if (s % 2 === 0) s--;
  if (s >= 3) return { steps: Math.min(s, steps), n: fewest, reduced: true };
  const last = Math.floor(limit / (9 * parameters));
  return last >= 1 ? { steps: 3, n: Math.min(last, points), reduced: true } : null;
}

/** Every k-th of n points (evenly spread, the same ones each time): x and y of m points. */
export function subsample(x, y, n, m) {
  if (m >= n) return { x, y, n };
  const dx = x.length / n, dy = y.length / n;
  const sx = new Float32Array(m * dx), sy = new Float32Array(m * dy);
  for (let k = 0; k < m; k++) {
    const i = Math.floor((k * n) / m);
    sx.set(x.subarray(i * dx, (i + 1) * dx), k * dx);
    sy.set(y.subarray(i * dy, (i + 1) * dy), k * dy);
  }
  return { x: sx, y: sy, n: m };
}

/** The range that shows the whole path with a margin, on a 1-2-5 ladder (stable while it grows);
 *  1 (a whole filter's norm, or one unit of a weight) before the weights have moved. */
export function fittedRange(path) {
  let far = 0;
  for (const v of path) if (Number.isFinite(v)) far = Math.max(far, Math.abs(v));
  if (!(far > 0)) return 1;
  return RANGES.find((r) => r >= far * 1.2) ?? RANGES.at(-1);
}

/** The landscape of `net` on the training points `train` ({ x, y, n }) with the path, for the view's
 *  options { directions: 'random' | [ref, ref], seed, range: number | 'fit' }. Returns the fields
 *  of the landscape message, and the buffers to transfer. Throws the core's NNError (bad options). */
export function landscape(net, train, path, options, limits) {
  const parameters = net.parameters().length;
  const p = plan(parameters, train.n, limits.maxLandscapeWork);
  if (!p) return { fields: { tooLarge: true, parameters }, transfer: [] };
  const data = subsample(train.x, train.y, train.n, p.n);
  const snapshots = path.snapshots();
  const base = { directions: options.directions, seed: options.seed, path: snapshots };
  let range = options.range;
  if (range === 'fit') {   // where the path lies does not depend on the range: a 2 × 2 grid finds it
    const probe = net.lossLandscape(data.x, data.y, data.n, { ...base, steps: 2, range: 1 });
    range = fittedRange(probe.path);
  }
  const l = net.lossLandscape(data.x, data.y, data.n, { ...base, steps: p.steps, range });
  const first = path.first();
  return {
    fields: {
      alpha: l.alpha, loss: l.loss, center: l.center, path: l.path, steps: p.steps, range, fitted: options.range === 'fit',
      n: data.n, of: train.n, reduced: p.reduced, parameters, from: first && { epoch: first.epoch, steps: first.steps },
    },
    transfer: [l.alpha.buffer, l.loss.buffer, l.path.buffer],
  };
}
