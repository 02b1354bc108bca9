// classroom.test.mjs — what a teacher at a projector uses (js/classroom.js): the keyboard shortcuts,
// pressed as keys (Space plays and pauses, S and . step one epoch, R resets, ? opens the list that
// Escape closes, giving the focus back; nothing fires while typing in a field or with Ctrl or Alt
// held); Save plot (PNG), whose download is decoded (signature, IHDR size, colours, the plot's own
// pixels in it); presentation mode at 1280×720 (plot, curves and network in the first screen, no
// scrolling, no overlap), at 1920×1080 and on a phone, carried in the link and left by Escape or by
// its button reached with Tab; axe-core finds nothing in the dialog or while presenting. Screenshots: present-*.png, shortcuts-dialog.png, plot-export.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCREENSHOTS, startBrowser, openPlayground, button, label, canvasesFit, epochOf, hashMatches, latestNetworkShown, waitForEpoch, workerIdle, workerSeen } from './browser.mjs';
import { layoutProblems } from './overlap.mjs';
import { SHORTCUTS } from '../../web/js/shortcuts.js';
import { pngLayout } from '../../web/js/plotpng.js';

let browser;
before(async () => { browser = await startBrowser(); });
after(() => browser?.close());

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
/** axe-core's violations in the page (or in the regions `include`), as "rule: targets" lines. */
async function axe(page, include = null) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async (context) => (await window.axe.run(context, { resultTypes: ['violations'] })).violations
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`), include ? { include } : { exclude: [['#by-hand']] });
}

const pressed = (page, id) => page.locator(`#${id}`).getAttribute('aria-pressed');
/** Waits until the worker has answered whatever the last key asked (a frame newer than `frames`, not training). */
const answered = (page, frames) => page.waitForFunction((n) => window.__worker.frames > n && window.__worker.idle(), frames, { polling: 50 });

// --- shortcuts -------------------------------------------------------------------------------------

test('Space plays and pauses, S and . step exactly one epoch, R resets, ? lists every shortcut and Escape closes the list', async () => {
  const page = await openPlayground(browser);
  // Space: training starts (the epoch advances), Space again: it stops
  await page.keyboard.press('Space');
  assert.equal(await pressed(page, 'play'), 'true');
  await waitForEpoch(page, 5);
  let frames = (await workerSeen(page)).frames;
  await page.keyboard.press('Space');
  await button(page, 'Play').waitFor();
  await answered(page, frames);
  const stopped = await epochOf(page);
  assert.ok(stopped >= 5);
  assert.equal(await pressed(page, 'play'), 'false');

  // S, then . : one epoch each, no more
  for (const [key, n] of [['s', 1], ['.', 2]]) {
    frames = (await workerSeen(page)).frames;
    await page.keyboard.press(key);
    await answered(page, frames);
    assert.equal(await epochOf(page), stopped + n, `${key} steps one epoch`);
  }
  assert.equal(await pressed(page, 'play'), 'false', 'a step leaves training paused');

  // Space right after a click on a button plays (the click put the focus there, not Tab)
  frames = (await workerSeen(page)).frames;
  await button(page, 'Step epoch').click();
  await answered(page, frames);
  await page.keyboard.press('Space');
  await button(page, 'Pause').waitFor();
  frames = (await workerSeen(page)).frames;
  await page.keyboard.press('Space');
  await button(page, 'Play').waitFor();
  await answered(page, frames);

  // R: Reset, a new build from the same seeds at epoch 0
  const builds = (await workerSeen(page)).builds;
  await page.keyboard.press('r');
  await page.waitForFunction((n) => window.__worker.builds > n, builds);
  await latestNetworkShown(page);
  assert.equal(await epochOf(page), 0);

  // ?: the list of shortcuts, as a named modal dialog; Escape closes it and the focus comes back
  await button(page, 'Step epoch').focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor();
  const rows = await dialog.locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, SHORTCUTS.length, 'one row per shortcut of the table');
  SHORTCUTS.forEach((s, i) => { for (const k of s.shown) assert.ok(rows[i].includes(k) && rows[i].includes(s.text), `${rows[i]} lists ${k}`); });
  await page.screenshot({ path: join(SCREENSHOTS, 'shortcuts-dialog.png') });
  assert.deepEqual(await axe(page, [['.keys-dialog']]), [], 'axe-core in the dialog');
  frames = (await workerSeen(page)).frames;
  await page.keyboard.press('Space');   // the dialog is modal: no shortcut behind it
  assert.equal(await pressed(page, 'play'), 'false');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'step-epoch', 'the focus is back on what had it');
  // the View group's button opens it too, and Close gives the focus back to that button
  await button(page, 'Keyboard shortcuts').click();
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'keys');
  assert.equal((await workerSeen(page)).frames, frames, 'the worker was asked nothing meanwhile');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('no shortcut fires while typing in a field or a select, or with Ctrl or Alt held', async () => {
  const page = await openPlayground(browser);
  await latestNetworkShown(page);
  const before = await workerSeen(page);
  const batch = label(page, 'Batch size');
  const value = await batch.inputValue();
  await batch.click();
  await page.keyboard.press('End');
  for (const key of ['Space', 's', '.', 'r', 'p', '?']) await batch.press(key);
  assert.equal(await pressed(page, 'play'), 'false', 'Space typed in a field does not play');
  assert.equal(await pressed(page, 'present'), 'false');
  assert.equal(await page.getByRole('dialog').count(), 0);
  await batch.press('Escape');   // the field puts its value back (dom.js)
  assert.equal(await batch.inputValue(), value);
  await label(page, 'Optimizer').focus();
  await page.keyboard.press('.');   // a select takes typed keys (they pick an option): no step
  await page.keyboard.press('Space');   // …and Space opens it: no play
  await label(page, 'Optimizer').press('Escape');
  await page.mouse.click(5, 700);   // the focus on no control
  for (const key of ['Control+.', 'Alt+s', 'Alt+r']) await page.keyboard.press(key);
  assert.equal(await pressed(page, 'play'), 'false');
  await workerIdle(page);
  const after = await workerSeen(page);
  assert.equal(after.builds, before.builds, 'no reset');
  assert.equal(await epochOf(page), 0, 'no step, no training');
  assert.equal(await pressed(page, 'present'), 'false');
  assert.deepEqual(page.problems, []);
  await page.close();
});

// --- Save plot (PNG) ---------------------------------------------------------------------------------

/** The PNG's width and height, from its IHDR chunk (after the 8-byte signature). */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
  assert.equal(bytes.toString('latin1', 12, 16), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('Save plot (PNG) downloads the boundary, the data, the legend and a title as one PNG named after the dataset', async () => {
  const page = await openPlayground(browser);
  for (let i = 0; i < 12; i++) { const { frames } = await workerSeen(page); await page.keyboard.press('s'); await answered(page, frames); }
  assert.equal(await epochOf(page), 12);
  await canvasesFit(page);
  const [file] = await Promise.all([page.waitForEvent('download'), button(page, 'Save plot (PNG)').click()]);
  const dataset = /dataset=([^&]+)/.exec(await page.evaluate(() => location.hash))[1];
  assert.equal(file.suggestedFilename(), `nn-by-hand-${dataset}-epoch-12.png`);
  const bytes = readFileSync(await file.path());
  writeFileSync(join(SCREENSHOTS, 'plot-export.png'), bytes);
  const { width, height } = pngSize(bytes);

  // its size: the plot canvas's pixels, with the layout's margins, title and legend around them
  const plot = await page.locator('#boundary').evaluate((c) => ({ size: c.width, scale: c.width / c.clientWidth }));
  const layout = pngLayout(plot.size, plot.scale);
  assert.equal(width, layout.width);
  assert.ok(height > layout.legendTop && height < layout.legendTop + 4 * layout.legendRow + layout.pad, `height ${height}`);

  // decoded by the browser: many colours (not blank), and the plot's own pixels where the layout puts them
  const seen = await page.evaluate(async ({ b64, at }) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = Object.assign(document.createElement('canvas'), { width: img.naturalWidth, height: img.naturalHeight });
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const all = ctx.getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    for (let i = 0; i < all.length; i += 4) colours.add((all[i] << 16) | (all[i + 1] << 8) | all[i + 2]);
    const plot = document.getElementById('boundary');
    const pctx = plot.getContext('2d');
    const diffs = [];
    for (let k = 1; k < 20; k++) {   // a diagonal and an anti-diagonal across the plot
      for (const [x, y] of [[k, k], [k, 20 - k]].map(([i, j]) => [Math.floor((i / 20) * plot.width), Math.floor((j / 20) * plot.height)])) {
        const p = pctx.getImageData(x, y, 1, 1).data, q = ctx.getImageData(at.x + x, at.y + y, 1, 1).data;
        diffs.push(Math.max(...[0, 1, 2].map((i) => Math.abs(p[i] - q[i]))));
      }
    }
    return { size: [c.width, c.height], colours: colours.size, worst: Math.max(...diffs) };
  }, { b64: bytes.toString('base64'), at: layout.plot });
  assert.deepEqual(seen.size, [width, height]);
  assert.ok(seen.colours > 500, `${seen.colours} colours: a picture, not a blank`);
  assert.ok(seen.worst <= 2, `the plot's pixels are in the PNG as drawn (worst channel difference ${seen.worst})`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

// --- presentation mode ---------------------------------------------------------------------------------

/** The boxes of the plot, the curves and the network diagram that are not inside the first screen. */
const outsideFirstScreen = (page) => page.evaluate(() => ['#boundary', '#curves', '#netview'].filter((s) => {
  const r = document.querySelector(s).getBoundingClientRect();
  return r.width === 0 || r.top + scrollY < 0 || r.bottom + scrollY > innerHeight || r.right > innerWidth;
}));

test('presentation mode at 1280×720: plot, curves and network in one screen with no scrolling or overlap; carried in the link; Escape and its button leave it', async () => {
  const page = await openPlayground(browser);
  await page.setViewportSize({ width: 1280, height: 720 });
  const entries = await page.evaluate(() => history.length);
  await button(page, 'Present').click();
  await button(page, 'Leave presentation').waitFor();
  assert.equal(await pressed(page, 'present'), 'true');
  await hashMatches(page, /(^#|&)present=1(&|$)/);
  assert.equal(await page.evaluate(() => history.length), entries, 'presenting is not a history entry');
  await canvasesFit(page, 1280);
  await page.screenshot({ path: join(SCREENSHOTS, 'present-1280x720.png') });
  assert.deepEqual(await outsideFirstScreen(page), []);
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollHeight <= innerHeight), 'no scrolling');
  assert.deepEqual(await layoutProblems(page), []);
  assert.deepEqual(await axe(page), [], 'axe-core while presenting');
  assert.equal(await label(page, 'Dataset').isVisible(), false, 'the settings step aside');
  for (const name of ['Play', 'Reset', 'Step epoch', 'Save plot (PNG)']) assert.ok(await button(page, name).isVisible(), `${name} stays`);
  const sizes = await page.evaluate(() => ({ body: parseFloat(getComputedStyle(document.body).fontSize), plot: document.getElementById('boundary').clientWidth }));
  assert.ok(sizes.body >= 17 && sizes.plot >= 440, `large type and a large plot: ${JSON.stringify(sizes)}`);

  // the link opens presenting
  const link = await page.evaluate(() => location.href);
  const shared = await browser.newPage();
  await shared.setViewportSize({ width: 1920, height: 1080 });
  await shared.goto(link);
  await shared.waitForFunction(() => !document.getElementById('play').disabled);
  assert.equal(await pressed(shared, 'present'), 'true');
  await canvasesFit(shared, 1920);
  await shared.screenshot({ path: join(SCREENSHOTS, 'present-1920x1080.png') });
  assert.deepEqual(await outsideFirstScreen(shared), []);
  assert.deepEqual(await layoutProblems(shared), []);
  // a phone: one column, the plot first, nothing overlapping
  await shared.setViewportSize({ width: 390, height: 844 });
  await canvasesFit(shared, 390);
  await shared.screenshot({ path: join(SCREENSHOTS, 'present-390x844.png') });
  assert.deepEqual(await layoutProblems(shared), []);
  // Escape leaves, and the link says so
  await shared.keyboard.press('Escape');
  await button(shared, 'Present').waitFor();
  await shared.waitForFunction(() => !/present=1/.test(location.hash));
  assert.deepEqual(shared.problems, []);
  await shared.close();

  // P enters again; the toggle is the first stop of Tab, and Enter on it leaves
  await page.mouse.click(640, 715);   // the focus on no control
  await page.keyboard.press('p');
  await button(page, 'Present').waitFor();   // it was on: P left it
  await page.keyboard.press('p');
  await button(page, 'Leave presentation').waitFor();
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'present', 'Tab reaches the toggle first');
  await page.keyboard.press('Enter');
  await button(page, 'Present').waitFor();
  assert.equal(await pressed(page, 'present'), 'false');
  await page.waitForFunction(() => !/present=1/.test(location.hash));
  assert.ok(await label(page, 'Dataset').isVisible(), 'the settings are back');
  assert.deepEqual(page.problems, []);
  await page.close();
});
