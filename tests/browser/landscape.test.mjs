// landscape.test.mjs — the Loss landscape view (web/js/landscape/), as a learner meets it in the
// optimizers lesson: the lesson opens it; after training and a pause its contour map is drawn (not
// blank) and its readout's centre loss is, to the printed digits, the training loss the status line
// shows; "Two weights" and back work from the keyboard, as does the disclosure button; SGD and Adam
// (chosen with the Optimizer select, each from the same first weights after Reset) take different
// paths; with it open, no layout problem at any size and no axe-core violation in it. Screenshots:
// landscape-1280x720.png, and the region after SGD and after Adam (landscape-sgd.png, -adam.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCREENSHOTS, startBrowser, openPlayground, button, label, canvasesFit, eventually, pause, waitForEpoch, workerIdle } from './browser.mjs';
import { layoutProblems } from './overlap.mjs';

const SIZES = [[390, 844], [768, 1024], [1024, 768], [1280, 720], [1440, 900], [1920, 1080]];
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
let browser;

before(async () => { browser = await startBrowser(); });
after(() => browser?.close());

const region = (page) => page.getByRole('region', { name: 'Loss landscape', exact: true });
const readout = (page) => region(page).locator('.ls-readout');
const statusNumber = async (page, name) => new RegExp(`${name}\\s+([\\d.,]+)`).exec(await page.locator('#status').innerText())[1];

/** Waits until the view shows the landscape of the epoch the status line shows (the worker is idle). */
async function landscapeOfNow(page) {
  await workerIdle(page);
  const epoch = await statusNumber(page, 'Epoch');
  await readout(page).getByText(new RegExp(`\\(epoch ${epoch}\\)`)).waitFor();
}

/** How many distinct colours the landscape canvas holds (a blank one: one or two). */
const colours = (page) => region(page).locator('canvas').evaluate((c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, seen = new Set();
  for (let k = 0; k < d.length; k += 16) seen.add((d[k] << 16) | (d[k + 1] << 8) | d[k + 2]);
  return seen.size;
});

/** The path as the canvas says it: { start: [α, β], length }. */
const pathOf = (page) => region(page).locator('canvas').evaluate((c) => ({
  start: c.dataset.pathStart.split(',').map(Number), length: Number(c.dataset.pathLength),
}));

/** Reset, then `epochs` clicks of Step epoch: a deterministic run from the first weights. */
async function trainFromStart(page, epochs) {
  await button(page, 'Reset').click();
  await workerIdle(page);
  for (let e = 0; e < epochs; e++) await button(page, 'Step epoch').click();
  await waitForEpoch(page, epochs);
  await landscapeOfNow(page);
  return pathOf(page);
}

test('the optimizers lesson opens the view; trained and paused, its centre is the page\'s training loss; keyboard; SGD and Adam part ways', async () => {
  const page = await openPlayground(browser, '#lesson=optimizers');
  const toggle = button(page, 'Loss landscape');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true', 'the lesson opened it');
  await button(page, 'Play').click();
  await waitForEpoch(page, 15);
  await pause(page);
  await landscapeOfNow(page);
  const centre = /Centre: ([\d.]+)/.exec(await readout(page).innerText())[1];
  assert.equal(centre, await statusNumber(page, 'Train loss'), 'the centre is the loss the page reports for the training points');
  assert.match(await readout(page).innerText(), /the \d+ training points/);
  assert.match(await readout(page).innerText(), /Path: \d+ snapshots .* from its first weights/);
  assert.ok(await colours(page) > 30, 'the contour map is drawn');

  // the disclosure, by keyboard: closed, then open again (computed again at once)
  await toggle.focus();
  await page.keyboard.press('Enter');
  await region(page).locator('.ls-body').waitFor({ state: 'hidden' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('Space');
  await region(page).locator('.ls-body').waitFor();

  // "Two weights" and back, with the arrow keys on the radio group
  const random = page.getByRole('radio', { name: 'Random, filter-normalised (Li et al. 2018)' });
  await random.focus();
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.getByRole('radio', { name: 'Two weights' }).isChecked());
  await label(page, 'α layer').waitFor();
  await readout(page).getByText(/changes of the two chosen weights/).waitFor();
  await label(page, 'β input').focus();
  await page.keyboard.press('ArrowUp');   // β's input to α's: the same weight twice, said
  await readout(page).getByText(/the same weight: pick two different weights/).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');   // another input for β: computed again, no error
  await readout(page).getByText(/changes of the two chosen weights/).waitFor();
  assert.equal(await readout(page).locator('.ls-error').count(), 0);
  await page.getByRole('radio', { name: 'Two weights' }).focus();
  await page.keyboard.press('ArrowUp');
  assert.ok(await random.isChecked());
  await readout(page).getByText(/two random directions/).waitFor();
  assert.equal(await label(page, 'α layer').isVisible(), false);

  // SGD, then Adam, each from the same first weights: different routes
  const sgd = await trainFromStart(page, 12);
  await region(page).screenshot({ path: join(SCREENSHOTS, 'landscape-sgd.png') });
  await label(page, 'Optimizer').selectOption({ label: 'Adam' });
  const adam = await trainFromStart(page, 12);
  await region(page).screenshot({ path: join(SCREENSHOTS, 'landscape-adam.png') });
  assert.notDeepEqual(adam.start, sgd.start, `SGD starts at ${sgd.start}, Adam at ${adam.start}`);
  assert.notEqual(adam.length, sgd.length);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('open, at every size: no overlap, overflow or clipped control; axe-core finds nothing in it; screenshot at 1280×720', async () => {
  const page = await openPlayground(browser, '#lesson=learning-rate&lr=0.3');
  await button(page, 'Play').click();
  await waitForEpoch(page, 25);
  await pause(page);
  await landscapeOfNow(page);
  await page.addScriptTag({ path: AXE });
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await canvasesFit(page, width);
    await eventually(async () => assert.ok(await colours(page) > 30));
    assert.deepEqual(await layoutProblems(page), [], `${width}×${height}`);
    const violations = await page.evaluate(async () => (await window.axe.run({ include: [['#landscape']] }, { resultTypes: ['violations'] })).violations
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`));
    assert.deepEqual(violations, [], `axe at ${width}×${height}`);
    if (width === 1280) {
      await region(page).evaluate((el) => window.scrollTo({ top: el.getBoundingClientRect().top + scrollY - 80, behavior: 'instant' }));
      await page.screenshot({ path: join(SCREENSHOTS, 'landscape-1280x720.png') });
    }
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});
