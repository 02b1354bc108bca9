// links.js — the configuration in the URL hash and the browser's history, the page's side (the
// format is hash.js). Each committed edit is one history entry, so Back and Forward move through
// configurations without leaving the page:
//   - the hash follows every edit (a committed one at once, a draft at most every 150 ms:
//     browsers throttle history updates);
//   - an edit still in progress (a slider being dragged, a field being typed in) is a draft: its
//     first tick adds an entry and the next ones amend it, until a change, click or Enter commits
//     it — so a drag is one entry, not one per tick;
//   - each entry's state holds the whole configuration (also points too many for the link), and
//     Back/Forward apply it all-or-nothing (the page's propose path; one the worker cannot build is
//     shown as it was, with its problems beside the controls, like the edit that made it).
// A link opened with the page is read leniently: bad or unknown keys (also #constructor,
// #__proto__…) fall back to their defaults and are named in a notice, as is anything that stops
// the link's network from training. A link the user navigates to while the page runs is
// all-or-nothing: any bad key, or a configuration the worker cannot build, leaves the network,
// settings and hash as they were, and the notice says why.
// The view (presentation mode: hash.js VIEW_KEYS) is in the address too, so a teacher can share
// it; it is a state of the page, not of its history: showing it rewrites the current entry, Back
// and Forward keep it, and a link opened or navigated to sets it (only if its settings are taken).
import { decodeHash, encodeHash, withoutView } from './hash.js';
import { checkConfig } from './config.js';

const NO_LESSON = { start: () => undefined, get: () => null, set: () => {} };
const MAX_SHOWN = 10;   // problems listed in the notice; the rest are counted
const list = (items) => (items.length > MAX_SHOWN ? [...items.slice(0, MAX_SHOWN), `… and ${items.length - MAX_SHOWN} more`] : items);

/** getConfig() → the current configuration; getView() → the view ({ present }), setView(view)
 *  shows one; start(config) builds it (the page's first build);
 *  propose(config) → Promise<{ ok, errors }> tries it (tries.js); apply(config) sets it as an edit
 *  would; notice: status.js's notice; lesson: the open lesson ({ start(id) → its start hash or
 *  undefined, get() → id or null, set(id or null) }), carried in the link and each entry. */
export function createLinks({ catalog, getConfig, start, propose, apply, notice, lesson = NO_LESSON, getView = () => ({}), setView = () => {} }) {
  let timer = null;
  let draft = false;       // the current entry holds an edit still in progress
  let committed = false;   // a change, click or Enter since the last write
  let navigating = null;   // the address being applied (popstate and hashchange both report it)
  const current = () => encodeHash(catalog, getConfig(), { lesson: lesson.get(), view: getView() });
  const entry = () => ({ config: structuredClone(getConfig()), lesson: lesson.get() });
  const restore = () => { clearTimeout(timer); timer = null; draft = false; history.replaceState(entry(), '', current()); };

  function flush() {
    timer = null;
    const url = current();
    // a new entry for new settings (or another lesson); a new view (presenting) only rewrites the current one
    if (encodeHash(catalog, getConfig(), { lesson: lesson.get() }) !== withoutView(location.hash) || !history.state?.config) {
      if (draft) history.replaceState(entry(), '', url); else history.pushState(entry(), '', url);
      draft = true;
    } else history.replaceState(entry(), '', url);   // the same link, maybe more points than it holds
    if (committed) draft = false;
    committed = false;
  }
  // a commit is written at once (Back right after it must find it); a draft 150 ms after its last tick
  const later = () => { clearTimeout(timer); timer = setTimeout(flush, committed ? 0 : 150); };

  /** The link opened with the page: read leniently, then built; its entry replaces the page's. */
  function load() {
    const { config, view, problems, lesson: id } = decodeHash(catalog, location.hash, lesson.start);
    lesson.set(id);
    setView(view);
    start(config);
    restore();
    const { errors } = checkConfig(catalog, config);   // said once the controls show the link
    const messages = [
      ...problems.map((p) => p.message),
      ...errors.map((e) => `${e.message} The link chose this, so it was kept: change it to train.`),
    ];
    if (problems.length) notice.show('Some settings in this link could not be read and were reset to their defaults:', list(messages));
    else if (errors.length) notice.show('This link’s network cannot train as it is:', list(messages));
    else notice.hide();
  }

  /** Back/Forward, or a link navigated to while the page runs: all or nothing. */
  async function changed() {
    if (navigating === location.href) return;
    const own = history.state?.config;
    if (location.hash === current() && own) return;
    navigating = location.href;
    clearTimeout(timer);   // a write still due would land on the entry just navigated to
    timer = null;
    draft = false;
    try {
      const { config, view, problems, lesson: id } = decodeHash(catalog, location.hash, lesson.start);
      const ownLesson = history.state?.lesson ?? null;
      if (own && encodeHash(catalog, own, { lesson: ownLesson, view }) === location.hash) return await revisit(own, ownLesson);
      if (problems.length) {
        restore();
        return notice.show('This link could not be read, so nothing was changed:', list(problems.map((p) => p.message)));
      }
      const r = await propose(config);
      if (r.ok) { lesson.set(id); setView(view); }
      restore();   // the canonical text of whichever configuration is now current
      if (r.ok) return notice.hide();
      notice.show('This link’s network cannot be built, so nothing was changed:', list(r.errors.map((e) => e.message)));
    } finally { navigating = null; }
  }

  /** An entry of this page's history: its configuration comes back, as it was. */
  async function revisit(config, id) {
    lesson.set(id);
    const r = await propose(config);
    if (!r.ok) apply(config);   // it could not be built then either: shown with its problems
    notice.hide();
    restore();
  }

  window.addEventListener('popstate', changed);
  window.addEventListener('hashchange', changed);
  // What commits an edit: a control's change, a click, Enter.
  const commit = () => { committed = true; later(); };
  document.addEventListener('change', commit, true);
  document.addEventListener('click', commit, true);
  document.addEventListener('keydown', (e) => { if (e.key === 'Enter') commit(); }, true);
  return {
    load,
    /** Writes the current configuration to the hash and history (debounced); commit: the change
     *  is complete (a file or an undo adopted), not a draft. */
    write({ commit: done = false } = {}) { if (done) committed = true; later(); },
    /** The view changed: the address says so in the current entry (a write still due says it too). */
    showView() { if (!timer) history.replaceState(history.state, '', current()); },
  };
}
