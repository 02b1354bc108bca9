// model.js — the lessons' logic without the DOM (panel.js shows it): a lesson's start and solution
// configurations read from its link strings by the page's own link reader (hash.js), the moments
// of a run a check is asked about (one per epoch's row of a frame, then the frame itself), and the
// progress kept in localStorage (robust to storage that is missing, full, blocked or corrupt).
import { decodeHash } from '../hash.js';
import { judge } from './checks.js';

/** { start, solution, problems }: the lesson's configurations (config.js) and anything its link
 *  strings got wrong (hash.js problems; none for a valid lesson: tests/node/lessons.test.mjs). */
export function configsOf(catalog, lesson) {
  const s = decodeHash(catalog, lesson.start);
  const sol = decodeHash(catalog, lesson.showMe ? `${lesson.start}&${lesson.showMe}` : lesson.start);
  return { start: s.config, solution: sol.config, problems: [...s.problems, ...sol.problems] };
}

/** The moments of a frame (protocol.js) a check judges: each epoch that ended since the last frame
 *  (its history row), then the frame itself (which also reports single steps). `context`:
 *  { config, start, solution, initial }. */
export function momentsOf(frame, context) {
  const grads = frame.grads?.norms ? Array.from(frame.grads.norms) : null;
  const rows = (frame.history ?? []).map((r) => ({
    ...context, epoch: r.epoch, steps: null, grads,
    train: { loss: r.trainLoss, accuracy: r.trainAcc }, test: { loss: r.testLoss, accuracy: r.testAcc },
  }));
  return [...rows, { ...context, epoch: frame.epoch, steps: frame.steps, grads, train: frame.train ?? {}, test: frame.test ?? {} }];
}

/** The first moment of the frame that passes the lesson's check: { text, epoch } or null. */
export function firstPass(lesson, frame, context) {
  for (const run of momentsOf(frame, context)) {
    const text = judge(lesson, run);
    if (text) return { text, epoch: run.epoch };
  }
  return null;
}

// --- progress ------------------------------------------------------------------------------------

export const STORAGE_KEY = 'nn-by-hand.lessons';

/** Progress in `storage` (localStorage, or null when the browser refuses it): get(id) →
 *  { text, epoch } or null; done(id, result); all() → { id: result }. Bad stored text is ignored;
 *  a storage that throws keeps the progress in memory for this visit. */
export function createProgress(storage) {
  let memory = read();
  function read() {
    try {
      const v = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '{}');
      if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
      return Object.fromEntries(Object.entries(v).filter(([, r]) => r && typeof r.text === 'string' && Number.isFinite(r.epoch)));
    } catch { return {}; }
  }
  return {
    get: (id) => (Object.hasOwn(memory, id) ? memory[id] : null),
    all: () => ({ ...memory }),
    done(id, { text, epoch }) {
      memory = { ...read(), ...memory, [id]: { text, epoch } };
      try { storage?.setItem(STORAGE_KEY, JSON.stringify(memory)); } catch { /* kept for this visit */ }
    },
  };
}
