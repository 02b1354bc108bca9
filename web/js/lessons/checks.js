// checks.js — the small vocabulary the lessons' checks are written in (lessons.js). A check is a
// pure function of one moment of a run (run below) that returns what the learner achieved, as the
// words after "Done: ", or null. No DOM and no table entry named: a check compares the run's
// configuration with the lesson's own start and solution (both read from its link strings).
//
// run = { epoch, steps (null for an epoch's row), train: { loss, accuracy }, test: { … },
//         initial: { train, test } (the network's numbers at epoch 0, or null),
//         grads: per-layer gradient norms (Inside → Gradient health; null when not sampled),
//         config, start, solution (configurations, config.js) }
import { HYPERPARAMETERS } from '../config.js';

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Every field of the configuration except `fields` is as the lesson started it. */
export function onlyChanged(run, fields) {
  return Object.keys(run.start).every((k) => fields.includes(k) || same(run.config[k], run.start[k]));
}

/** The optimizer's fields: its choice, its learning rate and its other hyperparameters. */
export const OPTIMIZER_FIELDS = ['optimizer', 'learningRate', ...HYPERPARAMETERS.map((p) => p.name)];

const finite = (v) => typeof v === 'number' && Number.isFinite(v);

/** "97 %" (whole percent, rounded down so a pass at 0.95 never reads as more than it is). */
export const percent = (v) => `${Math.floor(v * 100 + 1e-9)} %`;
export const loss = (v) => (v >= 0.01 ? v.toFixed(3) : v.toPrecision(2));
export const epochs = (n) => `${n.toLocaleString('en-US')} epoch${n === 1 ? '' : 's'}`;

/** Test accuracy at least `min` (by `by` epochs, when given) → "test accuracy 97 % after 140 epochs". */
export function testAccuracy(run, min, by = Infinity) {
  const a = run.test?.accuracy;
  if (!finite(a) || a < min || run.epoch < 1 || run.epoch > by) return null;
  return `test accuracy ${percent(a)} after ${epochs(run.epoch)}`;
}

/** Test loss at most `max`, from epoch `from` on, by epoch `by`. */
export function testLoss(run, max, { from = 1, by = Infinity } = {}) {
  const l = run.test?.loss;
  if (!finite(l) || l > max || run.epoch < from || run.epoch > by) return null;
  return `test loss ${loss(l)} after ${epochs(run.epoch)}`;
}

/** The first layer's gradient norm over the output layer's (Gradient health), or NaN unknown. */
export function gradientRatio(run) {
  const g = run.grads;
  return g && g.length >= 2 && g.at(-1) > 0 ? g[0] / g.at(-1) : NaN;
}
export const ratioText = (r) => (r >= 0.01 ? String(+r.toPrecision(2)) : r.toExponential(1));

/** Runs a lesson's check defensively: a check that throws or returns a non-string says nothing. */
export function judge(lesson, run) {
  try {
    const r = lesson.check(run);
    return typeof r === 'string' && r ? r : null;
  } catch { return null; }
}
