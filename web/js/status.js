// status.js — the text the page shows about the run: the status line (epoch, steps, train/test
// loss and accuracy), the divergence alert, and the notice for a link whose hash could not be read.
// The status line's numbers are updated ~8 times a second so they stay readable, which is far too
// often to be read aloud: it is not a live region (aria-live="off"). A separate, visually hidden
// polite live region says a one-line summary instead: at most every ANNOUNCE_MS while training, and
// at once when training stops (Pause, a step, divergence).
import { h } from './dom.js';

const ANNOUNCE_MS = 5000;

const fmtLoss = (v) => (Number.isFinite(v) ? (v >= 1000 ? v.toExponential(2) : v.toFixed(4)) : '—');
const fmtAcc = (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '—');
const fmtInt = (v) => v.toLocaleString('en-US');

/** The summary a screen reader hears: "Epoch 1,200: test accuracy 97.5 %, test loss 0.0810." */
export function summary({ epoch, train, test }, kind) {
  const part = test?.loss !== undefined && Number.isFinite(test?.loss) ? test : train;
  const which = part === test ? 'test' : 'train';
  const said = [];
  if (kind !== 'regression' && Number.isFinite(part?.accuracy)) said.push(`${which} accuracy ${(part.accuracy * 100).toFixed(1)} %`);
  if (Number.isFinite(part?.loss)) said.push(`${which} loss ${fmtLoss(part.loss)}`);
  else if (part) said.push(`${which} loss not a number`);
  return `Epoch ${fmtInt(epoch)}${said.length ? `: ${said.join(', ')}` : ''}.`;
}

/** el: the visible status line; live: the visually hidden polite live region. */
export function createStatus(el, live) {
  let latest = { epoch: 0, steps: 0, train: null, test: null };
  let kind = 'binary';
  let timer = null, last = 0;
  let said = -Infinity, wasRunning = false, saidSteps = 0;

  /** Says the frame's summary when training stops or a step was taken, and at most every
   *  ANNOUNCE_MS while it runs; never for a new network's first frame (the user is editing). */
  function announce(frame) {
    const t = performance.now();
    const stopped = !frame.running && (wasRunning || frame.steps !== saidSteps);
    const due = frame.running && t - said >= ANNOUNCE_MS;
    wasRunning = !!frame.running;
    if (!live || !(stopped || due) || frame.steps === 0) return;
    said = t;
    saidSteps = frame.steps;
    live.textContent = summary(frame, kind);
  }
  const cell = (key, value, cls = '') => h('div', { class: `metric ${cls}` }, h('span', { class: 'k' }, key), ' ', h('span', { class: 'v' }, value), ' ');

  function render() {
    timer = null;
    last = performance.now();
    const { epoch, steps, train, test } = latest;
    const cells = [
      cell('Epoch', fmtInt(epoch), 'big'), cell('Steps', fmtInt(steps)),
      cell('Train loss', fmtLoss(train?.loss)), cell('Test loss', fmtLoss(test?.loss)),
    ];
    if (kind !== 'regression') cells.push(cell('Train accuracy', fmtAcc(train?.accuracy)), cell('Test accuracy', fmtAcc(test?.accuracy), 'accent'));
    el.replaceChildren(...cells);
  }

  return {
    reset(newKind) { kind = newKind; latest = { epoch: 0, steps: 0, train: null, test: null }; saidSteps = 0; render(); },
    /** Shows a frame's numbers (throttled; the last one always lands) and announces it when due. */
    update(frame, now = false) {
      latest = frame;
      announce(frame);
      if (now) { clearTimeout(timer); render(); } else if (!timer) timer = setTimeout(render, Math.max(0, 120 - (performance.now() - last)));
    },
  };
}

/** The divergence alert over the plot. show(epoch) / hide(). */
export function createDivergence(el) {
  return {
    show(epoch, learningRate) {
      el.hidden = false;
      el.replaceChildren(
        h('strong', {}, `Training diverged at epoch ${epoch}.`),
        h('p', {}, 'The loss became NaN or infinite: the steps were too large, so the weights blew up. ' +
          'Training has paused and the plot shows the last good state.'),
        h('p', {}, `Try a lower learning rate (${learningRate} → ${+(learningRate / 10).toPrecision(2)}), an optimizer that scales its steps, ` +
          'or a smaller network, then press Reset and Play.'),
      );
    },
    hide() { el.hidden = true; el.replaceChildren(); },
  };
}

/** A dismissible notice (e.g. a malformed link); show(title, items). */
export function createNotice(el) {
  const hide = () => { el.hidden = true; el.replaceChildren(); };
  return {
    show(title, items) {
      el.hidden = false;
      el.replaceChildren(
        h('div', {}, h('strong', {}, title), h('ul', {}, items.map((t) => h('li', {}, t)))),
        h('button', { type: 'button', class: 'ghost', onclick: hide }, 'Dismiss'),
      );
    },
    hide,
  };
}
