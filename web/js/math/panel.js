// panel.js — the "By hand" panel: the equations of the network on screen (eqview.js), the live
// values of one layer (values.js), a step-through of one mini-batch, the gradient check and the
// advice. It owns only the panel's state; the worker owns the network and answers two messages
// (protocol.js): trace → trace { trace, start, steps, preview } and gradcheck → gradcheck { checks,
// start, n }, both on the mini-batch the next training step will use. KaTeX is imported when the panel first
// comes into view, so the page loads (and trains) without it.
import { h } from '../dom.js';
import { FEATURES } from '../features.js';
import { networkSpec } from '../config.js';
import { buildEquations, stepOrder, stepLabel } from './equations.js';
import { advise } from './advice.js';
import { stepKeys } from './matrices.js';
import { createEquationView, createTexRenderer, prose } from './eqview.js';
import { createValuesView } from './values.js';
import { createCheckView } from './checkview.js';
import { createNetView } from '../netview.js';
import { toWorker } from '../protocol.js';

const LIVE_MS = 400;   // while training, ask for a fresh trace at most this often (panel in view)

/** options: { post(msg), pause(), highlightLayer(l | null) }. */
export function createMathPanel(root, catalog, { post, pause, highlightLayer }) {
  let config = null, usable = false, tex = null, visible = false;
  let latest = null;         // the last trace message
  let stepping = null;       // { order, index } during a step-through
  let req = 0, waitingTrace = 0, waitingCheck = 0, lastLive = 0, lastSteps = -1;

  // --- layout ---
  // short: the words a phone shows (the rest of the label is hidden there; the name stays whole)
  const btn = (label, onclick, cls = 'ghost', short = label) => h('button', { type: 'button', class: cls, onclick, 'aria-label': label },
    short, short !== label ? h('span', { class: 'bh-more' }, label.slice(short.length)) : null);
  const startBtn = btn('Start step-through', () => startStepping(), 'ghost primary');
  const prevBtn = btn('Previous step', () => go(-1), 'ghost', 'Previous');
  const nextBtn = btn('Next step', () => go(1), 'ghost primary', 'Next');
  const applyBtn = btn('Apply update', () => applyUpdate(), 'ghost primary');
  const stopBtn = btn('Stop step-through', () => stopStepping(), 'ghost', 'Stop');
  const caption = h('p', { class: 'bh-caption', 'aria-live': 'polite' });
  const netCanvas = h('canvas', { class: 'bh-net', 'aria-hidden': 'true' });
  const netFigure = h('figure', { class: 'bh-net-figure' }, netCanvas,
    h('figcaption', { class: 'hint' }, 'Tinted: the layer shown in the values, or the current step’s layer.'));
  const eqRoot = h('div', { class: 'bh-equations' });
  const valuesRoot = h('section', { class: 'bh-values', 'aria-labelledby': 'h-bh-values' });
  const checkRoot = h('section', { class: 'bh-check', 'aria-labelledby': 'h-bh-check' });
  const adviceList = h('ul', { class: 'bh-advice-list' });
  const adviceRoot = h('section', { class: 'bh-advice', 'aria-labelledby': 'h-bh-advice' }, h('h3', { id: 'h-bh-advice' }, 'Advice'), adviceList);
  valuesRoot.append(h('h3', { id: 'h-bh-values' }, 'Live values'));
  checkRoot.append(h('h3', { id: 'h-bh-check' }, 'Gradient check'));
  const stepper = h('div', { class: 'bh-stepper' },
    h('div', { class: 'bh-steps', role: 'group', 'aria-label': 'Step through one mini-batch' }, startBtn, prevBtn, nextBtn, applyBtn, stopBtn),
    caption);
  const side = h('div', { class: 'bh-side' }, stepper, netFigure, valuesRoot);
  root.append(
    h('p', { class: 'bh-intro' }, 'The network on screen, written as matrix algebra: one column per sample, layers numbered 1 to L as in the book. ',
      'Beside the equations, the values the core computes for the next mini-batch; step through it to follow one pass.'),
    h('div', { class: 'bh-body' }, eqRoot, side),
    h('div', { class: 'bh-foot' }, checkRoot, adviceRoot),
  );
  // wide: the controls head the sticky side column; one column: they come before the equations
  const narrow = window.matchMedia('(max-width: 1100px)');
  const placeStepper = () => (narrow.matches ? root.querySelector('.bh-body').before(stepper) : side.prepend(stepper));
  narrow.addEventListener('change', () => { placeStepper(); placeValues(); });
  placeStepper();
  // one column, stepping: the live values follow the current equation (not the end of the page)
  function placeValues() {
    const block = narrow.matches && stepping?.order ? eqRoot.querySelector('.eq-block.current') : null;
    if (block && block.nextElementSibling !== valuesRoot) block.after(valuesRoot);
    if (!block && valuesRoot.parentElement !== side) side.append(valuesRoot);
  }
  /** Scrolls the current equation (and, in one column, its values after it) into view between the
   *  sticky header (the page's scroll-padding-top) and the step bar docked at the bottom; the
   *  equation wins when both do not fit. */
  function revealStep() {
    const block = eqRoot.querySelector('.eq-block.current');
    if (!block) return;
    const last = block.nextElementSibling === valuesRoot ? valuesRoot : block;
    const top = (parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0) + 8;
    const bottom = innerHeight - (getComputedStyle(stepper).position === 'fixed' ? stepper.offsetHeight : 0) - 8;
    const b = block.getBoundingClientRect(), e = last.getBoundingClientRect();
    let dy = Math.max(0, e.bottom - bottom);       // up, until the values' end clears the bar…
    if (b.top - dy < top) dy = b.top - top;        // …but never the equation's top under the header
    // an absolute target: scrollBy during a smooth scroll would add to that scroll's own target
    if (Math.abs(dy) >= 1) window.scrollTo({ top: scrollY + dy, behavior: 'smooth' });
  }
  const equations = createEquationView(eqRoot);
  const net = createNetView(netCanvas, catalog);   // a small copy of the network drawing, beside the values
  let shapeKey = '', runKey = '', runData = null;
  const values = createValuesView(valuesRoot, catalog, { onLayer: (l) => { if (!stepping) net.highlightLayer(l); } });
  const check = createCheckView(checkRoot, { run: () => { waitingCheck = ++req; post(toWorker.gradcheck(req)); } });

  // --- KaTeX, once the panel is near the viewport ---
  let katexLoading = false;
  new IntersectionObserver((entries) => {
    visible = entries.some((e) => e.isIntersecting);
    if (visible && !katexLoading) {
      katexLoading = true;
      import('katex').then(({ default: katex }) => {
        tex = createTexRenderer(katex);
        equations.setRenderer(tex);
        values.setRenderer(tex);
        renderAdvice();
      }, (e) => console.error(`KaTeX did not load: ${e.message}`));
    }
    if (visible && !latest) requestTrace();
  }).observe(root);

  // --- equations and advice from the configuration ---
  function spec() { return networkSpec(catalog, config); }
  function batchSize() {
    if (latest) return latest.trace.n;
    const train = config.points - Math.round(config.points * config.testRatio);
    return Math.min(config.batchSize, train);
  }
  function renderEquations() {
    if (!config) return;
    // Adam's t (the number of the next step) only while stepping: live, it would change every frame
    equations.setBlocks(buildEquations(spec(), catalog, batchSize(), stepping?.order && latest ? latest.steps + 1 : null));
  }
  function renderAdvice() {
    if (!config) return;
    const items = advise(spec(), catalog);
    adviceList.replaceChildren(...items.map((a) => {
      const link = h('a', { href: `#byhand-${a.eq}`, class: 'bh-eqlink', onclick: (e) => { e.preventDefault(); equations.flash(a.eq); } }, 'See the equation');
      return h('li', { class: `advice ${a.level}` }, h('strong', {}, a.title), prose(a.text, tex), link);
    }));
    if (!items.length) adviceList.replaceChildren(h('li', { class: 'advice ok' }, 'No known trap in this combination of layers, loss and initialiser.'));
  }

  // --- traces from the worker ---
  function requestTrace(preview = false) {
    if (!usable) return;
    waitingTrace = ++req;
    post(toWorker.trace(req, preview));
  }
  const inputs = () => config.features.map((n) => FEATURES.find((f) => f.name === n).label);

  // --- step-through ---
  function startStepping() {
    pause();
    stepping = { order: null, index: 0, loading: true };
    requestTrace(true);
    update();
  }
  function stopStepping() {
    stepping = null;
    renderEquations();
    highlightLayer(null);
    net.highlightLayer(values.layer);
    update();
  }
  function go(delta) {
    if (!stepping?.order) return;
    stepping.index = Math.max(0, Math.min(stepping.order.length - 1, stepping.index + delta));
    update({ scroll: true });
  }
  function applyUpdate() {
    if (!stepping?.order) return;
    stepping = { order: null, index: 0, loading: true };
    post(toWorker.step());           // the worker trains exactly the traced batch…
    requestTrace(true);              // …and then traces the next one
    update();
  }

  function update({ scroll = false } = {}) {
    const on = !!stepping, ready = !!stepping?.order;
    startBtn.hidden = on;
    startBtn.disabled = !usable;
    for (const b of [prevBtn, nextBtn, stopBtn, applyBtn]) b.hidden = !on;
    prevBtn.disabled = !ready || stepping.index === 0;
    nextBtn.disabled = !ready || stepping.index === stepping.order.length - 1;
    applyBtn.disabled = !ready || stepping.order[stepping.index] !== 'update';
    root.classList.toggle('stepping', on);
    if (!ready) {
      equations.setCurrent(null);
      placeValues();
      values.setActive([]);
      caption.textContent = on ? 'Taking the next mini-batch…' : usable
        ? 'Start the step-through to follow one mini-batch through these equations; training pauses while you step.'
        : 'This network cannot be built: see the note in the Network panel and the advice below.';
      return;
    }
    const id = stepping.order[stepping.index];
    const L = stepping.order.filter((s) => s.startsWith('forward')).length;
    const [stage, l] = id.split('-');
    const layer = l ? Number(l) : stage === 'loss' ? L : null;
    caption.textContent = `Step ${stepping.index + 1} of ${stepping.order.length}: ${stepLabel(id, L)}.`;
    equations.setCurrent(id);
    if (layer) values.setLayer(layer);
    values.setActive(stepKeys(stage));
    placeValues();
    if (scroll) revealStep();
    const group = side.querySelector('.mat-card.active')?.closest('.mat-group');
    if (group && side.scrollHeight > side.clientHeight) side.scrollTo({ top: Math.max(0, group.offsetTop - stepper.offsetHeight - 8), behavior: 'smooth' });
    highlightLayer(layer);
    net.highlightLayer(layer);
  }

  update();
  return {
    /** The page's configuration (after every edit); usable = the network can be built and trained. */
    setConfig(c, ok) {
      config = c;
      usable = ok;
      const layers = spec().layers;
      const key = JSON.stringify([c.features, layers]);
      if (key !== shapeKey) { shapeKey = key; net.setShape(c.features, layers); net.highlightLayer(values.layer); }
      renderEquations();
      renderAdvice();
      if (!ok && stepping) return stopStepping();
      // new optimizer settings, batch size or points of your own: the next batch or its update changed
      const run = JSON.stringify([spec().optimizer, c.l1, c.l2, c.batchSize]);
      const changed = latest && (run !== runKey || c.custom !== runData);
      runKey = run;
      runData = c.custom;
      if (changed && stepping) startStepping();
      else if (changed && visible) requestTrace();
      update();
    },
    /** A new network was built: forget its predecessor's values. */
    reset() {
      latest = null;
      lastSteps = -1;
      check.clear();
      if (stepping) stopStepping();
      values.setData(null);
      if (visible) requestTrace();
    },
    /** A worker frame: refresh the live values (throttled, only when in view and not stepping). */
    frame(msg) {
      const changed = msg.steps !== lastSteps;
      lastSteps = msg.steps;
      if (stepping && msg.running) stopStepping();
      if (stepping && changed && !stepping.loading) {   // trained elsewhere (Step): take the new next batch
        stepping = { order: null, index: 0, loading: true };
        requestTrace(true);
        update();
      }
      if (!visible || stepping || !changed) return;
      if (!msg.running || performance.now() - lastLive > LIVE_MS) { lastLive = performance.now(); requestTrace(); }
    },
    trace(msg) {
      if (msg.req !== waitingTrace) return;
      latest = msg;
      values.setData({ trace: msg.trace, preview: msg.preview, start: msg.start, inputs: inputs() });
      net.setWeights(msg.trace.layers.map((t) => t.W));
      if (stepping?.loading) stepping = { order: stepOrder(msg.trace.layers.length), index: 0 };
      renderEquations();
      update({ scroll: !!stepping });
    },
    gradcheck(msg) { if (msg.req === waitingCheck) check.show(msg); },
  };
}
