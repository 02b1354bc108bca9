// keeper.js — the worker's loss-landscape state, beside the Trainer (trainer.js calls it at a few
// points): the optimizer's path of the current network (compute.js createPath), the view's options
// while it is open, and when to compute. It computes only while the view is open: at once when
// asked (opened, options changed), after each paused step or edit, and while training at most once
// a second — and never more often than 20 × its own cost, so training keeps ≥ 95 % of its time.
import { createPath, landscape } from './compute.js';
import { errorOf } from '../fields.js';
import { toPage } from '../protocol.js';

const INTERVAL_MS = 1000;   // while training, at most one landscape a second…
const SHARE = 20;           // …and at most 1/20 of the time

export function createLandscapeKeeper({ post, limits }) {
  let path = null;
  let options = null;       // the open view's options, or null (closed: nothing computed)
  let version = 0;          // bumped when the weights or the points change
  let shown = -1;           // the version last computed
  let last = 0, cost = 0;   // when the last one was computed, and how long it took (ms)

  function compute(run) {
    const t0 = performance.now();
    let message;
    try {
      const { fields, transfer } = landscape(run.net, run.train, path, options, limits);
      message = [toPage.landscape(run.id, { ...fields, epoch: run.epoch, trained: run.steps }), transfer];
    } catch (e) {   // options the core refuses (a weight that is not there): said in the view
      message = [toPage.landscape(run.id, { error: errorOf(e, 'landscape').message }), []];
    }
    shown = version;
    last = performance.now();
    cost = last - t0;
    post(...message);
  }

  return {
    /** A new network (built, loaded or re-drawn): a new path, starting at its first weights. */
    reset(run) {
      path = createPath(run.net.parameters().length);
      path.record(run.net, run.epoch, run.steps);
      version++;
    },
    /** A training step or epoch ended, or a weight was edited: one more snapshot. */
    record(run) { path?.record(run.net, run.epoch, run.steps); version++; },
    /** The points changed (the same weights: no snapshot). */
    changed() { version++; },
    /** The view opened, changed its options (computed now), or closed (null). */
    setOptions(run, next) {
      options = next;
      if (options && run?.train.n) compute(run);
    },
    /** A frame is going out: computes if the view is open and the weights moved since, at most
     *  once a second while training. */
    frame(run, running) {
      if (!options || !path || !run.train.n || shown === version) return;
      const wait = Math.max(INTERVAL_MS, SHARE * cost);
      if (running && performance.now() - last < wait) return;
      compute(run);
    },
  };
}
