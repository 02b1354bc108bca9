// layout.test.mjs — the page at every size a person uses (a phone, a tablet both ways, a projector,
// laptops and a wide screen), in the states that stretch it: the default page; a busy one (six
// hidden layers added with + Add layer, a model file saved at epoch 123,456 imported through the
// Import control, a notice about a broken link on screen); a lesson open and done (the longest
// text); the By hand panel mid-step. At each one
// overlap.mjs looks for overlapping text, small or cut-off controls and horizontal overflow, the
// header keeps one height, and at 1280×720 the plot, the curves and Play fit the first screen.
// One screenshot per size and state in test-results/screenshots/layout-*.png, to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOTS, startBrowser, openPlayground, button, canvasesFit, download, eventually, latestNetworkShown, pause } from './browser.mjs';
import { layoutProblems } from './overlap.mjs';

const SIZES = [[390, 844], [768, 1024], [1024, 768], [1280, 720], [1440, 900], [1920, 1080]];
let browser;

before(async () => { browser = await startBrowser(); });
after(() => browser?.close());

/** Resizes the window and waits until every canvas is drawn at the new size, at the page's top. */
async function resize(page, [width, height]) {
  await page.setViewportSize({ width, height });
  await canvasesFit(page, width);
}

const headerHeight = (page) => page.locator('header.topbar').evaluate((el) => el.getBoundingClientRect().height);

/** Resolves once the page has stopped scrolling (a smooth scroll has come to rest). */
const settled = (page) => eventually(async () => assert.ok(await page.evaluate(() => new Promise((done) => {
  const y = scrollY;
  requestAnimationFrame(() => requestAnimationFrame(() => done(scrollY === y)));
}))));

/** The page at this size has no layout problem; saves its screenshot as layout-<w>x<h>-<state>.png. */
async function looksRight(page, [width, height], state) {
  await settled(page);
  await page.screenshot({ path: join(SCREENSHOTS, `layout-${width}x${height}-${state}.png`) });
  const problems = await layoutProblems(page);
  assert.deepEqual(problems, [], `${state} at ${width}×${height}`);
}

/** At 1280×720 a projector shows the plot, the curves and the run controls without scrolling. */
async function projectorFits(page) {
  const outside = await page.evaluate(() => ['#boundary', '#curves', '#play'].filter((s) => {
    const r = document.querySelector(s).getBoundingClientRect();
    return r.top + scrollY < 0 || r.bottom + scrollY > innerHeight || r.right > innerWidth;
  }));
  assert.deepEqual(outside, [], 'the plot, the curves and Play fit the first screen at 1280×720');
}

test('every size, default and busy (6 layers, epoch 123,456, a notice): no overlap, overflow or clipped control; one header height; Training fields in balanced rows', async () => {
  const page = await openPlayground(browser);
  const heights = {};
  for (const size of SIZES) {
    await resize(page, size);
    heights[size] = await headerHeight(page);
    await looksRight(page, size, 'default');
    if (size[0] === 1280) await projectorFits(page);
  }

  // busy: six hidden layers, as a person adds them…
  await page.setViewportSize({ width: 1440, height: 900 });
  for (let i = 0; i < 4; i++) await button(page, 'Add layer').click();
  await page.getByText('6 of 8').waitFor();
  await latestNetworkShown(page);
  // …a model file of a long run (saved by the page, its epoch and step counter those of a run of
  // hours), chosen with Import…
  const model = JSON.parse(await download(page, 'Export model'));
  model.playground.epoch = 123456;
  model.optimizerState.step = 2469120;
  const file = join(SCREENSHOTS, '..', 'long-run.model.json');
  writeFileSync(file, JSON.stringify(model));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, 'Import model').click()]);
  await chooser.setFiles(file);
  await page.locator('#status').getByText('123,456').waitFor();
  await page.locator('#status').getByText('2,469,120').waitFor();
  // …and a link that cannot be read, followed while the page runs: a notice under the header
  await page.goto(`${page.url().split('#')[0]}#layers=banana`);
  await page.locator('#notice').getByText('This link could not be read').waitFor();
  for (const size of SIZES) {
    await resize(page, size);
    assert.equal(await headerHeight(page), heights[size], `the header keeps its height at ${size.join('×')}`);
    await looksRight(page, size, 'busy');
    if (size[0] === 1280) await projectorFits(page);
  }
  // every optimizer's fields in balanced rows (no field alone on a row) from a tablet up
  const optimizers = await page.getByLabel('Optimizer', { exact: true }).locator('option').evaluateAll((os) => os.map((o) => o.value));
  for (const size of SIZES.filter(([w]) => w >= 768)) {
    await resize(page, size);
    for (const name of optimizers) {
      await page.getByLabel('Optimizer', { exact: true }).selectOption(name);
      const rows = await page.locator('#training-panel .grid2').evaluate((grid) => {
        const tops = [...grid.children].filter((f) => f.checkVisibility()).map((f) => Math.round(f.getBoundingClientRect().top));
        return [...new Set(tops)].map((t) => tops.filter((x) => x === t).length);
      });
      assert.ok(rows.length === 1 || rows.every((n) => n > 1), `${name} at ${size.join('×')}: fields in rows of ${rows.join(', ')}`);
    }
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a lesson open (the longest text, Done after Show me) at every size: no overlap, overflow or clipped control; the header keeps its height; the plot, the curves and Play fit 1280×720', async () => {
  const plain = await openPlayground(browser);
  const heights = {};
  for (const size of SIZES) { await resize(plain, size); heights[size] = await headerHeight(plain); }
  await plain.close();
  const page = await openPlayground(browser, '#lesson=activations');
  const lesson = page.getByRole('region', { name: 'Lesson', exact: true });
  await lesson.locator('.katex').first().waitFor();
  await page.getByLabel('Speed', { exact: true }).selectOption('fast');
  await button(page, 'Show me').click();
  await lesson.getByText(/^Done: /).waitFor();
  await pause(page);
  for (const size of SIZES) {
    await resize(page, size);
    assert.equal(await headerHeight(page), heights[size], `the header keeps its height at ${size.join('×')}`);
    await looksRight(page, size, 'lesson');
    if (size[0] === 1280) await projectorFits(page);
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});

/** The step bar when it is docked at the bottom (one column), else null; and the current step. */
const stepView = (page) => page.evaluate(() => {
  const bar = document.querySelector('#byhand-panel .bh-stepper');
  const block = document.querySelector('#by-hand .eq-block[aria-current=step]');
  const next = block?.nextElementSibling;
  const docked = getComputedStyle(bar).position === 'fixed';
  const header = document.querySelector('header.topbar');
  const top = getComputedStyle(header).position === 'sticky' ? header.getBoundingClientRect().bottom : 0;
  const r = block.getBoundingClientRect();
  return {
    step: block.dataset.step, top: r.top, bottom: r.bottom, limit: docked ? bar.getBoundingClientRect().top : innerHeight, headerBottom: top,
    valuesNext: !!next?.matches('.bh-values'), activeCard: next?.querySelector('.mat-card.active')?.getBoundingClientRect().top ?? null,
  };
});

test('By hand, stepped at every size: the current equation stays between the header and the step bar, its values right after it on a phone', async () => {
  const page = await openPlayground(browser, '#dataset=spiral&layers=4tanh&batch=5');
  await page.locator('#by-hand').scrollIntoViewIfNeeded();
  await button(page, 'Start step-through').click();
  await page.locator('#by-hand [aria-current=step]').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('#by-hand .eq-page:not([data-state=typeset])').length === 0);
  for (const [k, size] of SIZES.entries()) {
    await resize(page, size);
    const oneColumn = size[0] <= 1100;
    // three steps forward at one size, three back at the next (steps 1 to 4 of the six)
    for (let i = 0; i < 3; i++) {
      await button(page, k % 2 ? 'Previous step' : 'Next step').click();
      // the page scrolls (smoothly) to the step: wait for where it comes to rest
      await eventually(async () => {
        const v = await stepView(page);
        const at = `step ${v.step} at ${size.join('×')}`;
        assert.ok(v.top >= v.headerBottom - 1 && v.bottom <= v.limit + 1, `${at}: the equation (${Math.round(v.top)}–${Math.round(v.bottom)} px) is between the header (${Math.round(v.headerBottom)}) and the step bar (${Math.round(v.limit)})`);
        if (!oneColumn) return;
        assert.ok(v.valuesNext, `${at}: the live values follow the equation`);
        assert.ok(v.activeCard !== null && v.activeCard < v.limit, `${at}: its first matrix (${Math.round(v.activeCard)} px) shows above the step bar (${Math.round(v.limit)})`);
      }, 20_000);
    }
    await canvasesFit(page, size[0]);
    await looksRight(page, size, 'by-hand');
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});
