// browser.mjs — shared set-up for the headless-Chromium tests: serve dist/ on a free loopback
// port and launch Debian's Chromium through playwright-core, collecting console errors and
// failed requests so every test can assert that a page loaded cleanly. The tests assert no timing
// (that is `npm run bench:page`'s job): they wait for the states a correct page reaches, with a
// patience long enough for a machine whose cores are busy with other work.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
/** How long any wait may take before a test fails: generous, since a state is awaited, not timed. */
export const PATIENCE = 120_000;

/** Starts the server and the browser; returns { url, context, newPage, close }. */
export async function startBrowser({ viewport = { width: 1440, height: 900 } } = {}) {
  const { server, url } = await serve(DIST, 0);
  const profile = mkdtempSync(join(tmpdir(), 'nn-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  context.setDefaultTimeout(PATIENCE);
  mkdirSync(SCREENSHOTS, { recursive: true });
  /** A new page that records console errors, page errors and failed requests in page.problems. */
  async function newPage() {
    const page = await context.newPage();
    page.problems = [];
    page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => page.problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => { if (r.status() >= 400) page.problems.push(`http ${r.status()}: ${r.url()}`); });
    return page;
  }
  async function close() {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return { url, context, newPage, close };
}

/** The browser and, beside it, the same module loaded in Node (for reference computations). */
export async function startBrowserAndModule(options) {
  const browser = await startBrowser(options);
  const { loadNN } = await import(new URL('../../dist/lib/nn.js', import.meta.url).href);
  return { browser, nn: await loadNN() };
}

/** Controls by their accessible names (exact, so 'Step' never matches 'Step epoch'). */
export const label = (page, name) => page.getByLabel(name, { exact: true });
export const button = (page, name) => page.getByRole('button', { name, exact: true });

// --- waiting for states, not for times --------------------------------------------------------------

/** Resolves after the page's next two animation frames: whatever a handler scheduled is drawn. */
export const nextFrames = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

/** Waits until the URL hash matches `re` (the page writes it 150 ms after the last edit). */
export const hashMatches = (page, re) => page.waitForFunction(([src, flags]) => new RegExp(src, flags).test(location.hash), [re.source, re.flags]);

/** Waits until the status line has not changed for `quietMs`: the worker's last frame has landed
 *  (a page that kept training would never get there, and the test would fail). */
export async function statusSettled(page, quietMs = 1000) {
  await page.evaluate(() => { window.__settle = null; });
  await page.waitForFunction((quiet) => {
    const text = document.querySelector('[role=status]').innerText;
    const s = (window.__settle ??= { text, since: performance.now() });
    if (text !== s.text) Object.assign(s, { text, since: performance.now() });
    return performance.now() - s.since >= quiet;
  }, quietMs, { polling: 100 });
}

/** Retries an async assertion until it passes (a state the page reaches through its worker), or
 *  rethrows its last failure after PATIENCE. */
export async function eventually(check, patience = PATIENCE) {
  const giveUp = Date.now() + patience;
  for (;;) {
    try { return await check(); } catch (e) {
      if (Date.now() > giveUp) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
