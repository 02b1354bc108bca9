// panel.js — the lessons on the page: the Lessons menu (every lesson as a #lesson=<id> link with
// its done mark) and, while a lesson is open, the region named "Lesson" above the panels: its text
// (KaTeX, loaded lazily like the By hand panel's), its task, its status ("Done: …" once the check
// passes on the run's own numbers), Show me, Previous/Next (links) and Close. The open lesson is
// the link's (links.js carries it: `link` below); progress is kept in localStorage (model.js).
// main.js feeds it the configuration, each new network and each frame; it never trains itself.
import { h } from '../dom.js';
import { createTexRenderer, prose } from '../math/eqview.js';
import { LESSONS, lessonById } from './lessons.js';
import { configsOf, createProgress, firstPass } from './model.js';

function storage() {
  try { return window.localStorage; } catch { return null; }   // blocked (a sandbox, a privacy setting)
}

/** region: the empty Lesson section; menu: where the Lessons menu goes. showMe(config) applies a
 *  solution as an edit and plays; close() writes the link without the lesson; views: the views a
 *  lesson may list in its `views` ({ name: { open() } }), opened with it. */
export function createLessonPanel({ region, menu }, catalog, { showMe, close, views = {} }) {
  const progress = createProgress(storage());
  let open = null;        // { lesson, start, solution, index } of the open lesson
  let config = null, configKey = '';
  let initial = null;     // the current network's numbers at epoch 0
  let passed = null;      // { text, epoch } once the check passed on the current network and settings
  let tex = null;

  // --- the menu ---------------------------------------------------------------------------------
  const items = LESSONS.map((l, i) => {
    const mark = h('span', { class: 'done-mark', 'aria-hidden': 'true' });
    const sr = h('span', { class: 'sr-only' });
    const a = h('a', { href: `#lesson=${l.id}` }, `${i + 1}. ${l.title}`, sr, mark);
    return { li: h('li', {}, a), a, mark, sr, id: l.id };
  });
  const details = h('details', { class: 'lessons-menu' },
    h('summary', {}, 'Lessons'),
    h('nav', { 'aria-label': 'Lessons' }, h('ol', {}, items.map((x) => x.li))));
  details.addEventListener('click', (e) => { if (e.target.closest('a')) details.open = false; });
  details.addEventListener('keydown', (e) => { if (e.key === 'Escape' && details.open) { details.open = false; details.querySelector('summary').focus(); } });
  document.addEventListener('click', (e) => { if (details.open && !details.contains(e.target)) details.open = false; });
  menu.append(details);

  // --- the region ---------------------------------------------------------------------------------
  const count = h('p', { class: 'lesson-count' });
  const title = h('h2', { id: 'h-lesson' });
  const text = h('div', { class: 'lesson-text' });
  const task = h('div', { class: 'lesson-task' });
  const status = h('p', { class: 'lesson-status', role: 'status', 'aria-live': 'polite' });
  const show = h('button', { type: 'button', class: 'show-me', onclick: () => open && showMe(open.solution) }, 'Show me');
  const prev = h('a', { class: 'lesson-nav', rel: 'prev' }, '← Previous');
  const next = h('a', { class: 'lesson-nav', rel: 'next' }, 'Next →');
  const closer = h('button', { type: 'button', class: 'ghost', onclick: () => { set(null); close(); } }, 'Close lesson');
  region.append(
    h('div', { class: 'lesson-main' }, h('div', { class: 'lesson-head' }, count, title), text, task),
    h('div', { class: 'lesson-side' }, status, h('div', { class: 'lesson-buttons' }, show, prev, next, closer)));

  function typeset() {
    if (!open) return;
    const { lesson } = open;
    text.replaceChildren(prose(lesson.text, tex));
    const t = prose(lesson.task, tex);
    t.prepend(h('strong', {}, 'Task: '));
    task.replaceChildren(t);
  }

  function loadTex() {
    if (tex) return;
    import('katex').then(({ default: katex }) => { tex ??= createTexRenderer(katex); typeset(); })
      .catch((e) => console.error('NN by Hand: KaTeX failed to load', e));
  }

  function showStatus() {
    if (!open) return;
    const stored = progress.get(open.lesson.id);
    status.classList.toggle('done', !!passed);
    if (passed) status.dataset.epoch = String(passed.epoch); else delete status.dataset.epoch;
    status.textContent = passed ? `Done: ${passed.text}.` : stored ? `Done before: ${stored.text}. Try it again, or go on.` : 'Not done yet.';
  }

  function marks() {
    for (const x of items) {
      const done = !!progress.get(x.id);
      x.mark.textContent = done ? '✓' : '';
      x.sr.textContent = done ? ' (done)' : '';
      if (open?.lesson.id === x.id) x.a.setAttribute('aria-current', 'page'); else x.a.removeAttribute('aria-current');
    }
  }

  function set(id) {
    const lesson = id ? lessonById(id) : null;
    if (lesson?.id === open?.lesson.id) return;
    passed = null;
    if (!lesson) { open = null; region.hidden = true; marks(); return; }
    const index = LESSONS.indexOf(lesson);
    const { start, solution } = configsOf(catalog, lesson);
    open = { lesson, start, solution, index };
    count.textContent = `Lesson ${index + 1} of ${LESSONS.length}`;
    title.textContent = lesson.title;
    const neighbour = (a, l) => { a.hidden = !l; if (l) a.href = `#lesson=${l.id}`; };
    neighbour(prev, LESSONS[index - 1]);
    neighbour(next, LESSONS[index + 1]);
    region.hidden = false;
    for (const name of lesson.views ?? []) if (Object.hasOwn(views, name)) views[name].open();
    typeset();
    loadTex();
    showStatus();
    marks();
  }
  marks();

  return {
    /** What links.js reads and sets: the open lesson's id. */
    link: { start: (id) => lessonById(id)?.start, get: () => open?.lesson.id ?? null, set },
    /** The configuration shown; a change of settings starts the check over. */
    setConfig(next) {
      const k = JSON.stringify(next);
      if (k === configKey) return;
      configKey = k;
      config = next;
      if (passed) { passed = null; showStatus(); }
    },
    /** A new network (its first frame gives the numbers at epoch 0). */
    reset() { initial = null; if (passed) { passed = null; showStatus(); } },
    /** A frame (protocol.js): the check judges each epoch it reports. */
    frame(msg) {
      if (msg.epoch === 0 && msg.steps === 0) initial = { train: msg.train, test: msg.test };
      if (!open || passed || !config) return;
      const got = firstPass(open.lesson, msg, { config, start: open.start, solution: open.solution, initial });
      if (!got) return;
      passed = got;
      progress.done(open.lesson.id, got);
      showStatus();
      marks();
    },
  };
}
