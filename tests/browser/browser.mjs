// browser.mjs — shared set-up for the headless-Chromium tests: serve dist/ on a free loopback
// port and launch Debian's Chromium through playwright-core, collecting console errors and
// failed requests so every test can assert that a page loaded cleanly. The tests assert no timing
// (that is `npm run bench:page`'s job) and never sleep: they wait for the states a correct page
// reaches (DOM state, the status line, what the worker sent back), with a patience long enough for
// a machine whose cores are busy with other work.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
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
  await context.addInitScript(watchWorkers);
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
  const { loadNN } = await import(new URL('../../dist/lib/nn.mjs', import.meta.url).href);
  return { browser, nn: await loadNN() };
}

/** Controls by their accessible names (exact, so 'Step' never matches 'Step epoch'). */
export const label = (page, name) => page.getByLabel(name, { exact: true });
export const button = (page, name) => page.getByRole('button', { name, exact: true });

/** Types a value into a number field as a person does: select its text, type key by key, then
 *  commit with `commit` ('Enter' or 'Tab'; null leaves it typed, uncommitted): the page applies a
 *  number field only when it is committed. */
export async function enterNumber(field, text, { commit = 'Enter' } = {}) {
  await field.click();
  await field.press('Control+A');
  await field.pressSequentially(String(text));
  if (commit) await field.press(commit);
}

/** Clicks the plot at data point (x1, x2) (the datasets' extent is ±6), holding `modifiers`: first
 *  scrolled into view clear of the sticky header, as a person would. */
export async function clickPlot(page, x1, x2, modifiers = []) {
  const plot = page.locator('#boundary');
  await plot.evaluate((c) => c.scrollIntoView({ block: 'center', behavior: 'instant' }));
  const box = await plot.boundingBox();
  await page.mouse.move(box.x + ((x1 + 6) / 12) * box.width, box.y + ((6 - x2) / 12) * box.height);
  for (const m of modifiers) await page.keyboard.down(m);
  await page.mouse.down();
  await page.mouse.up();
  for (const m of modifiers) await page.keyboard.up(m);
}

/** Picks a file in the real file input behind an Import button. Returns the message line's text
 *  once it names the file (the page shows it last, after the worker has answered or the page
 *  refused alone); with { message: false }, returns as soon as the file is chosen. */
export async function upload(page, name, fileName, text, { message = true } = {}) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, name).click()]);
  await chooser.setFiles({ name: fileName, mimeType: 'text/plain', buffer: Buffer.from(text) });
  if (!message) return null;
  const msg = page.locator('.tool-msg').filter({ hasText: fileName });
  await msg.waitFor();
  return msg.innerText();
}

// --- waiting for states, not for times --------------------------------------------------------------

/** Resolves after the page's next two animation frames: whatever a handler scheduled is drawn. */
export const nextFrames = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

/** Waits until the URL hash matches `re` (the page writes it 150 ms after the last edit). */
export const hashMatches = (page, re) => page.waitForFunction(([src, flags]) => new RegExp(src, flags).test(location.hash), [re.source, re.flags]);

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

// --- what the worker told the page ------------------------------------------------------------------

/** Runs in every page before its own scripts (test instrumentation, read-only): wraps Worker so that
 *  window.__worker counts the builds the page asks for and the frames and divergences the worker
 *  sends back. The page's own handlers receive the same messages, untouched. */
function watchWorkers() {
  if (typeof window === 'undefined' || !window.Worker) return;
  const seen = (window.__worker = { builds: 0, lastBuild: null, frames: 0, lastFrame: null, diverged: 0, epoch: null });
  /** The last frame says the worker is not training, and the status line shows its epoch. */
  seen.idle = () => {
    const m = /Epoch\s+([\d,]+)/.exec(document.querySelector('[role=status]')?.innerText ?? '');
    return !!seen.lastFrame && !seen.lastFrame.running && !!m && Number(m[1].replace(/,/g, '')) === seen.lastFrame.epoch;
  };
  window.Worker = class extends window.Worker {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', ({ data }) => {
        if (data?.type === 'frame') {
          seen.frames++;
          seen.lastFrame = { id: data.id, epoch: data.epoch, steps: data.steps, running: data.running };
          seen.epoch = data.epoch;
        } else if (data?.type === 'diverged') {
          seen.diverged++;
          seen.epoch = data.epoch;
        }
      });
    }
    postMessage(message, ...rest) {
      if (message?.type === 'build') { seen.builds++; seen.lastBuild = message.id; }
      return super.postMessage(message, ...rest);
    }
  };
}

/** The page's worker counters (see watchWorkers). */
export const workerSeen = (page) => page.evaluate(() => {
  const { builds, lastBuild, frames, lastFrame, diverged, epoch } = window.__worker;
  return { builds, lastBuild, frames, lastFrame, diverged, epoch };
});

/** Waits until the worker's last frame says it is not training and the status line shows that
 *  frame's epoch: nothing the worker sent is still to land. */
export const workerIdle = (page) => page.waitForFunction(() => window.__worker.idle(), null, { polling: 50 });

/** Clicks Pause and waits until the worker's answer (a frame saying it stopped) is shown. */
export async function pause(page) {
  const frames = await page.evaluate(() => window.__worker.frames);
  await button(page, 'Pause').click();
  await button(page, 'Play').waitFor();
  await page.waitForFunction((n) => window.__worker.frames > n && window.__worker.idle(), frames, { polling: 50 });
}

/** Waits until the network the page last asked for has sent its first frame (not training) and
 *  that frame is drawn. Not for a pending link or file, which the worker may refuse. */
export async function latestNetworkShown(page) {
  await page.waitForFunction(() => window.__worker.idle() && window.__worker.lastFrame.id === window.__worker.lastBuild, null, { polling: 50 });
  await nextFrames(page);
}

/** Asserts that the worker trains no more: asked through the page's own Export model button, it
 *  answers with the epoch of its last frame (or divergence), and sent no frame in between. */
export async function assertStopped(page) {
  const before = await workerSeen(page);
  const model = JSON.parse(await download(page, 'Export model'));
  const after = await workerSeen(page);
  assert.equal(model.playground.epoch, before.epoch, 'the worker is at the epoch it stopped at');
  assert.equal(after.frames, before.frames, 'no frame came from the worker since it stopped');
  assert.equal(after.diverged, before.diverged);
}

// --- page actions and drawing -----------------------------------------------------------------------

/** Clicks a button that downloads a file; returns the file's text. */
export async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), button(page, name).click()]);
  return readFileSync(await file.path(), 'utf8');
}

/** Waits until every canvas that follows its box (the plot, the diagram, the hidden space, the
 *  charts) has been redrawn at its box's current size (after a resize), then for two more frames. */
export async function canvasesFit(page, width) {
  await page.waitForFunction((w) => {
    if (w && window.innerWidth !== w) return false;
    const dpr = window.devicePixelRatio || 1;
    const canvases = document.querySelectorAll('#boundary, #netview, #curves, #gradients, .hidden-canvas, .bh-net');
    return [...canvases].every((c) => !c.clientWidth || Math.abs(c.width - c.clientWidth * dpr) <= 1);
  }, width, { polling: 50 });
  await nextFrames(page);
}

// --- the playground, as every test opens and reads it ------------------------------------------

/** Opens the playground (with a link's hash) and waits until it can train. */
export async function openPlayground(browser, hash = '') {
  const page = await browser.newPage();
  await page.goto(`${browser.url}index.html${hash}`);
  await page.waitForFunction(() => document.getElementById('play') && !document.getElementById('play').disabled);
  return page;
}

/** The epoch the status line shows. */
export const epochOf = async (page) => Number(/Epoch\s+([\d,]+)/.exec(await page.locator('#status').innerText())[1].replace(/,/g, ''));

/** Waits until the status line shows epoch n or later. */
export const waitForEpoch = (page, n) => page.waitForFunction((n) => {
  const m = /Epoch\s+([\d,]+)/.exec(document.querySelector('[role=status]').innerText);
  return m && Number(m[1].replace(/,/g, '')) >= n;
}, n, { polling: 50 });
