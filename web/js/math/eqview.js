// eqview.js — typesets the equation blocks of equations.js as a page of the book: four sections
// (forward pass, loss, backward pass, update), each block a small heading and numbered display
// equations with the shapes of their symbols beside them, notes in prose with inline math. KaTeX
// is passed in once it has loaded (it is imported lazily, when the panel comes into view); until
// then the rows show a quiet placeholder. The current step's block gets class "current" and
// aria-current="step".
import { h } from '../dom.js';

const STAGES = [
  ['forward', 'Forward pass', 'From the inputs to the output, one layer at a time.'],
  ['loss', 'Loss', 'How far the output is from the targets, and where the gradient starts.'],
  ['backward', 'Backward pass', 'The chain rule, from layer L down to layer 1.'],
  ['update', 'Update', 'One step of the optimizer on every weight and bias.'],
];

/** Renders TeX to HTML with a cache (the same strings come back on every edit). */
export function createTexRenderer(katex) {
  const cache = new Map();
  return (tex, display = false) => {
    const key = `${display ? 'D' : 'I'}${tex}`;
    let html = cache.get(key);
    if (html === undefined) {
      try {
        html = katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: 'error', output: 'htmlAndMathml' });
      } catch (e) {
        console.error(`KaTeX could not typeset ${tex}: ${e.message}`);
        html = `<code class="tex-error">${tex.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</code>`;
      }
      cache.set(key, html);
    }
    return html;
  };
}

/** Prose with $…$ inline math → a <p> (text nodes and typeset spans). */
export function prose(text, tex, attrs = {}) {
  const p = h('p', attrs);
  text.split('$').forEach((part, i) => {
    if (i % 2 === 0) { if (part) p.append(part); return; }
    if (!tex) { p.append(h('span', { class: 'tex-pending' }, part)); return; }
    const span = h('span', { class: 'tex-inline' });
    span.innerHTML = tex(part);
    p.append(span);
  });
  return p;
}

export function createEquationView(root) {
  let blocks = [], tex = null, current = null, structure = '';
  const page = h('div', { class: 'eq-page' });
  root.append(page);

  function row(r) {
    const eq = h('div', { class: 'eq-tex' });
    const shapes = h('div', { class: 'eq-shapes' });
    if (tex) {
      eq.innerHTML = tex(r.tex, true);
      if (r.shapes) shapes.innerHTML = tex(r.shapes);
    } else eq.append(h('span', { class: 'tex-pending' }, ' '));
    return h('div', { class: `eq-row${r.shortcut ? ' shortcut' : ''}`, id: `eq-${r.number}` },
      eq, h('span', { class: 'eq-num', 'aria-hidden': 'true' }, `(${r.number})`), shapes);
  }

  function block(b) {
    return h('section', { class: `eq-block stage-${b.stage}`, id: `byhand-${b.id}`, 'data-step': b.id, 'aria-label': `${b.heading}, ${b.sub}` },
      h('div', { class: 'eq-head' }, h('h4', {}, b.heading), h('span', { class: 'eq-sub' }, b.sub)),
      b.rows.map(row),
      b.notes.map((n) => prose(n, tex, { class: n.startsWith('Shortcut') ? 'eq-note shortcut' : 'eq-note' })));
  }

  // Blocks are typeset one at a time, at most ~10 ms a frame (the first typesetting of a page costs
  // more than a frame), and only those whose TeX changed: a new learning rate re-typesets one block.
  const done = new Map();   // block id → { key, el } as shown
  let queue = [], pumping = false;

  function render() {
    const ids = blocks.map((b) => b.id).join(' ');
    if (ids !== structure) {   // new layers: new sections, every block a placeholder until typeset
      structure = ids;
      done.clear();
      page.replaceChildren(...STAGES.map(([stage, title, lead], k) => {
        const mine = blocks.filter((b) => b.stage === stage);
        if (!mine.length) return null;
        return h('section', { class: 'eq-stage' },
          h('h3', {}, h('span', { class: 'eq-secnum' }, `${k + 1}`), title),
          h('p', { class: 'eq-lead' }, lead),
          mine.map((b) => h('section', { class: `eq-block stage-${b.stage}`, 'data-step': b.id, 'data-slot': b.id })));
      }).filter(Boolean));
    }
    queue = blocks.filter((b) => done.get(b.id)?.key !== `${tex ? 1 : 0}${JSON.stringify(b)}`);
    page.dataset.state = queue.length ? 'pending' : 'typeset';
    if (!pumping) pump();
  }

  function pump() {
    pumping = false;
    const t0 = performance.now();
    while (queue.length && (performance.now() - t0 < 10 || !tex)) {
      const b = queue.shift();
      const el = block(b);
      page.querySelector(`[data-step="${b.id}"]`).replaceWith(el);
      done.set(b.id, { key: `${tex ? 1 : 0}${JSON.stringify(b)}`, el });
    }
    mark();
    if (queue.length) { pumping = true; requestAnimationFrame(pump); } else { page.dataset.state = 'typeset'; scrollable(); }
  }

  /** An equation wider than its column scrolls sideways: then it takes keyboard focus (Tab, then
   *  the arrow keys), as a scrolling region must; the others stay out of the Tab order. */
  function scrollable() {
    for (const el of page.querySelectorAll('.eq-tex, .eq-shapes')) {
      if (el.scrollWidth > el.clientWidth + 1) {
        el.tabIndex = 0;
        el.setAttribute('role', 'group');
        el.setAttribute('aria-label', `Equation ${el.closest('.eq-row')?.id.replace('eq-', '') ?? ''}, scrolls sideways`);
      } else if (el.hasAttribute('tabindex')) ['tabindex', 'role', 'aria-label'].forEach((a) => el.removeAttribute(a));
    }
  }
  new ResizeObserver(() => { if (page.dataset.state === 'typeset') scrollable(); }).observe(page);

  function mark() {
    for (const el of page.querySelectorAll('.eq-block')) {
      const on = el.dataset.step === current;
      el.classList.toggle('current', on);
      if (on) el.setAttribute('aria-current', 'step'); else el.removeAttribute('aria-current');
    }
  }

  return {
    /** New blocks (only those that differ are typeset again). */
    setBlocks(b) { blocks = b; render(); },
    /** KaTeX has loaded: typeset everything. */
    setRenderer(r) { tex = r; render(); },
    /** The current step's block id, or null (panel.js scrolls it into view). */
    setCurrent(id) {
      current = id;
      mark();
    },
    /** Briefly marks a block (an advice link was followed) and scrolls to it. */
    flash(id) {
      const el = page.querySelector(`[data-step="${id}"]`);
      if (!el) return;
      el.scrollIntoView({ block: 'center', behavior: 'smooth' });
      el.classList.remove('flash');
      void el.offsetWidth;  // restart the animation
      el.classList.add('flash');
      el.addEventListener('animationend', () => el.classList.remove('flash'), { once: true });
    },
  };
}
