// status.js — the text the page shows about the run: the status line (epoch, steps, train/test
// loss and accuracy; role="status"), the divergence alert, and the notice for a link whose hash
// could not be read. Text updates are throttled to ~8 a second so the numbers stay readable.
import { h } from './dom.js';

const fmtLoss = (v) => (Number.isFinite(v) ? (v >= 1000 ? v.toExponential(2) : v.toFixed(4)) : '—');
const fmtAcc = (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '—');
const fmtInt = (v) => v.toLocaleString('en-US');

export function createStatus(el) {
  let latest = { epoch: 0, steps: 0, train: null, test: null };
  let kind = 'binary';
  let timer = null, last = 0;
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
    reset(newKind) { kind = newKind; latest = { epoch: 0, steps: 0, train: null, test: null }; render(); },
    /** Shows a frame's numbers (throttled; the last one always lands). */
    update(frame, now = false) {
      latest = frame;
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
