// links.js — the configuration in the URL hash, the page's side (the format is hash.js). The hash
// follows every edit (at most every 150 ms: a dragged slider fires many edits and browsers throttle
// history updates). A link opened with the page is read leniently: bad or unknown keys (also
// #constructor, #__proto__…) fall back to their defaults and are named in a notice. A link the
// user navigates to while the page runs is all-or-nothing: any bad key, or a configuration the
// worker cannot build, leaves the network, settings and hash as they were, and the notice says why.
import { decodeHash, encodeHash } from './hash.js';

const MAX_SHOWN = 10;   // problems listed in the notice; the rest are counted
const list = (items) => (items.length > MAX_SHOWN ? [...items.slice(0, MAX_SHOWN), `… and ${items.length - MAX_SHOWN} more`] : items);

/** getConfig() → the current configuration; start(config) builds it (the page's first build);
 *  propose(config) → Promise<{ ok, errors }> tries it (tries.js); notice: status.js's notice. */
export function createLinks({ catalog, getConfig, start, propose, notice }) {
  let timer = null;
  const current = () => encodeHash(catalog, getConfig());
  const restore = () => { clearTimeout(timer); history.replaceState(null, '', current()); };

  /** The link opened with the page: read leniently, then built. */
  function load() {
    const { config, problems } = decodeHash(catalog, location.hash);
    if (problems.length) notice.show('Some settings in this link could not be read and were reset to their defaults:', list(problems.map((p) => p.message)));
    else notice.hide();
    start(config);
  }

  /** A link navigated to while the page runs: all or nothing. */
  async function changed() {
    if (location.hash === current()) return;
    const { config, problems } = decodeHash(catalog, location.hash);
    if (problems.length) {
      restore();
      return notice.show('This link could not be read, so nothing was changed:', list(problems.map((p) => p.message)));
    }
    const r = await propose(config);
    restore();   // the canonical text of whichever configuration is now current
    if (r.ok) return notice.hide();
    notice.show('This link’s network cannot be built, so nothing was changed:', list(r.errors.map((e) => e.message)));
  }

  window.addEventListener('hashchange', changed);
  return {
    load,
    /** Writes the current configuration to the hash (debounced). */
    write() { clearTimeout(timer); timer = setTimeout(() => history.replaceState(null, '', current()), 150); },
  };
}
