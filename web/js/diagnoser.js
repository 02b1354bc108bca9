// diagnoser.js — the page's one record of how the current run is going, for diagnose.js's rules:
// the last epochs' losses and accuracies, the recent gradient-norm ratios, the units' activity and
// the test loss's minimum, all since the last edit (a new network or new settings start a new
// record). It judges at most every EVERY frames, and a dynamic finding appears only after its
// rule has held HOLD judgements in a row and goes only after HOLD judgements without it, so the
// notes beside the controls do not flicker. Static findings follow the configuration at once.
// No DOM: main.js feeds it and shows findings() (diagnosis-view.js).
import { LIMITS, baselineOf, diagnose, proportionsOf, staticFindings, varianceOf } from './diagnose.js';

export const EVERY = 8;   // frames between judgements (~4 a second at the worker's ~33 frames a second)
export const HOLD = 3;    // judgements in a row before a finding shows, or goes
const KEEP = 2 * LIMITS.window;  // epochs of history kept

export function createDiagnoser(catalog) {
  let config = null, key = '', statics = [];
  let data = null;           // { proportions, variance, outputs, nTrain } of the points being trained on
  let run = fresh();

  function fresh() {
    return { rows: [], ratios: [], units: null, epoch: 0, minTest: null, frames: 0, streaks: new Map(), shown: new Map() };
  }

  function summary() {
    return {
      catalog, config, statics, nTrain: data?.nTrain, epoch: run.epoch, rows: run.rows, ratios: run.ratios, minTest: run.minTest,
      base: data && baselineOf(catalog, config, data.proportions, data.outputs, data.variance),
      units: run.units && { ...run.units, nTrain: data?.nTrain ?? run.units.n },
    };
  }

  /** Runs the rules; returns whether the shown findings changed. */
  function judge() {
    const now = new Map(diagnose(summary()).map((f) => [f.id, f]));
    let changed = false;
    for (const id of new Set([...now.keys(), ...run.streaks.keys()])) {
      const was = run.streaks.get(id) ?? 0, on = now.has(id);
      const streak = on ? Math.max(1, was + 1) : Math.min(-1, was - 1);   // > 0: held so many times; < 0: absent
      run.streaks.set(id, streak);
      if (on && (streak >= HOLD || run.shown.has(id))) {
        if (run.shown.get(id)?.text !== now.get(id).text) changed = true;
        run.shown.set(id, now.get(id));
      } else if (!on && run.shown.has(id) && -streak >= HOLD) {
        run.shown.delete(id);
        changed = true;
      }
    }
    return changed;
  }

  return {
    /** The configuration shown; a different one starts a new record (its findings are re-earned).
     *  Returns whether the findings changed. */
    setConfig(next) {
      const k = JSON.stringify(next);
      if (k === key) return false;
      key = k;
      config = next;
      statics = staticFindings(catalog, next);
      run = fresh();
      return true;
    },
    /** A new network: a new record. */
    reset() { run = fresh(); },
    /** The worker's data message (protocol.js): the training split's class shares (or targets' variance). */
    setData(view) {
      const train = view.train ?? {};
      data = { proportions: proportionsOf(train.labels, view.classes), variance: varianceOf(train.targets), outputs: view.outputs, nTrain: train.n ?? 0 };
    },
    /** A frame (protocol.js); returns whether the findings changed (judged every EVERY frames). */
    frame(msg) {
      if (!config) return false;
      for (const r of msg.history ?? []) {
        run.rows.push(r);
        if (Number.isFinite(r.testLoss) && !(r.testLoss >= run.minTest?.loss)) run.minTest = { loss: r.testLoss, epoch: r.epoch };
      }
      if (run.rows.length > KEEP) run.rows = run.rows.slice(-KEEP);
      run.epoch = msg.epoch;
      const norms = msg.grads?.norms;
      if (norms?.length > 1 && norms[0] > 0 && norms.at(-1) > 0) run.ratios = [...run.ratios.slice(-2 * LIMITS.minRatios + 1), norms[0] / norms.at(-1)];
      if (msg.units) run.units = msg.units;
      return ++run.frames % EVERY === 0 ? judge() : false;
    },
    /** What to show now: the static findings, then the dynamic ones that have held. */
    findings() { return [...statics, ...run.shown.values()]; },
  };
}
