// overlap.mjs — what a person sees wrong in a layout, found automatically in the page as drawn:
// text that overlaps other text or a control (as far as a scrolling box shows it), a control too small or cut off by an ancestor that
// hides its overflow (or by the viewport's edge), text cut off by overflow:hidden without an
// ellipsis and a title, and a page wider than the viewport. layoutProblems(page) returns the
// problems as sentences naming both texts, so a failing test says what to look at in its screenshot.
// Canvas drawings are not seen (their labels are the diagram's own tests').

/** Runs in the page: every problem of the layout on screen (the whole document, not only the
 *  viewport), as strings. */
function findProblems({ tolerance, minControl, smallOk }) {
  const problems = [];
  const short = (s) => JSON.stringify(s.replace(/\s+/g, ' ').trim().slice(0, 40));
  // visually hidden text (the .sr-only pattern: clipped to a 1 px box, like an unfocused skip link)
  // is for screen readers only, so it overlaps nothing a person sees
  // (ancestors with display: contents have no box at all, and hide nothing)
  const clippedAway = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const st = getComputedStyle(e);
      if (st.display === 'contents') continue;
      const r = e.getBoundingClientRect();
      if (st.clip === 'rect(0px, 0px, 0px, 0px)' || (r.width <= 1 && r.height <= 1 && st.overflow === 'hidden')) return true;
    }
    return false;
  };
  const visible = (el) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    && !el.closest('.sr-only, [aria-hidden=true] .sr-only') && !clippedAway(el);
  const intersect = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > tolerance
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > tolerance;
  const at = (r) => `at (${Math.round(r.left)}, ${Math.round(r.top + scrollY)})`;

  // --- the horizontal overflow of the page ---
  const doc = document.scrollingElement;
  if (doc.scrollWidth > innerWidth) problems.push(`the page is ${doc.scrollWidth - innerWidth} px wider than the viewport (${innerWidth} px)`);

  // --- the boxes of visible text: one per line of each text node, one per typeset formula, one per
  //     control (a select's text is not a text node) ---
  const boxes = [];
  const CONTROLS = 'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=range]):not([type=file]), select, textarea';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.data.trim() && !n.parentElement.closest('script, style, option, .katex, canvas, svg, select') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT),
  });
  // what a scrolling box (overflow auto or scroll: a code listing, a long list) shows of a box inside
  // it: lines scrolled out of its view are not seen, so they overlap nothing
  const shown = (r, el) => {
    let { left, top, right, bottom } = r;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (![s.overflowX, s.overflowY].some((o) => o === 'auto' || o === 'scroll')) continue;
      const c = p.getBoundingClientRect();
      [left, top, right, bottom] = [Math.max(left, c.left), Math.max(top, c.top), Math.min(right, c.right), Math.min(bottom, c.bottom)];
    }
    return right - left > 0.5 && bottom - top > 0.5 ? { left, top, right, bottom } : null;
  };
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!visible(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const line of range.getClientRects()) {
      const r = shown(line, el);
      if (r) boxes.push({ r, el, text: n.data });
    }
  }
  for (const el of document.querySelectorAll(`.katex, ${CONTROLS}`)) {
    if (!visible(el) || el.parentElement.closest('.katex')) continue;
    const r = shown(el.getBoundingClientRect(), el);
    if (r) boxes.push({ r, el, text: el.matches('.katex') ? el.textContent : `[${el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.tagName.toLowerCase()}]` });
  }
  // overlapping boxes: two different elements, neither inside the other, nor one an overlay meant to cover
  // (a tooltip, a floating editor, an open menu, a fixed bar)
  const overlay = (el) => el.closest('.net-tip, .mat-tip, .net-edit, .divergence, [role=tooltip], [role=menu]');
  // what scrolls under a fixed bar, or under a sticky one once the page has scrolled, is not overlap
  const layerOf = (el) => {
    for (let p = el; p; p = p.parentElement) {
      const { position } = getComputedStyle(p);
      if (position === 'fixed' || (position === 'sticky' && scrollY > 0)) return p;
    }
    return null;
  };
  for (const b of boxes) b.layer = layerOf(b.el);
  boxes.sort((a, b) => a.r.top - b.r.top);
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    for (let j = i + 1; j < boxes.length && boxes[j].r.top < a.r.bottom - tolerance; j++) {
      const b = boxes[j];
      if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el) || overlay(a.el) || overlay(b.el) || a.layer !== b.layer) continue;
      if (intersect(a.r, b.r)) problems.push(`${short(a.text)} overlaps ${short(b.text)} ${at(a.r)}`);
    }
  }

  // --- controls: wide enough, inside the viewport, not cut off by an ancestor hiding its overflow ---
  for (const el of document.querySelectorAll(`${CONTROLS}, button`)) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const name = short(el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent || el.tagName);
    const min = Number(getComputedStyle(el).getPropertyValue('--min-target')) || minControl;
    if (r.width < min - 0.5 && !el.matches(smallOk)) problems.push(`the control ${name} is ${r.width.toFixed(1)} px wide (less than ${min}) ${at(r)}`);
    if (r.left < -0.5 || r.right > innerWidth + 0.5) problems.push(`the control ${name} reaches past the viewport's edge ${at(r)}`);
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p);
      const hides = (o) => o === 'hidden' || o === 'clip';
      if (!hides(s.overflowX) && !hides(s.overflowY)) continue;
      const box = p.getBoundingClientRect();
      const cut = (hides(s.overflowX) && (r.left < box.left - 0.5 || r.right > box.right + 0.5))
        || (hides(s.overflowY) && (r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5));
      if (cut) problems.push(`the control ${name} is cut off by its container ${p.className ? `.${p.className.split(' ')[0]}` : p.tagName} ${at(r)}`);
    }
  }

  // --- text cut off by overflow:hidden (an ellipsis with a title is intended) ---
  for (const el of document.querySelectorAll('body *')) {
    const s = getComputedStyle(el);
    if (!['hidden', 'clip'].includes(s.overflowX) && !['hidden', 'clip'].includes(s.overflowY)) continue;
    if (!visible(el) || !el.textContent.trim() || el.closest('.katex')) continue;
    const wide = ['hidden', 'clip'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1;
    const tall = ['hidden', 'clip'].includes(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
    if ((wide || tall) && !(s.textOverflow === 'ellipsis' && el.title)) problems.push(`the text ${short(el.textContent)} is cut off by overflow:hidden ${at(el.getBoundingClientRect())}`);
  }
  return problems;
}

/** Every layout problem of the page as drawn now ([] when none). tolerance: px two boxes may
 *  share; minControl: the least width of a control; smallOk: controls exempt from that width (the
 *  network diagram's neuron and bias buttons take the size of the tiles drawn under them). */
export const layoutProblems = (page, { tolerance = 1, minControl = 24, smallOk = '.net-overlay *' } = {}) =>
  page.evaluate(findProblems, { tolerance, minControl, smallOk });
