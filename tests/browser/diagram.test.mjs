// diagram.test.mjs — the network diagram in headless Chromium, as a person uses it: its column
// labels never overlap each other or the neurons (at 1920, 1440, 1280×720, 1024, 768 and 390 px,
// with 2, 6 and 8 layers); every neuron of a 64-unit layer can be reached, by mouse and by keyboard,
// and shows its map; every weight can be read and edited by keyboard (a neuron's weights panel);
// a skip link crosses the diagram, which is one tab stop. Nothing is timed: each check waits for
// the state the page reaches.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { SCREENSHOTS, startBrowser, label, button, download, eventually, openPlayground, enterNumber } from './browser.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let browser;

before(async () => { browser = await startBrowser(); });
after(() => browser?.close());

// --- helpers -------------------------------------------------------------------------------------

/** Waits until the diagram shows `neurons` neurons of the hidden and output layers. */
const drawn = (page, neurons) => page.waitForFunction((n) => document.getElementById('netview').dataset.neurons === String(n), neurons);

/** Waits until the diagram has been redrawn at its box's size in a window `width` px wide. */
const diagramFits = (page, width) => page.waitForFunction((w) => {
  const c = document.getElementById('netview'), dpr = window.devicePixelRatio || 1;
  return window.innerWidth === w && Math.abs(c.width - c.clientWidth * dpr) <= 1;
}, width, { polling: 50 });

/** Replaces a number field's text as a person does: select it all, type key by key, Tab. */
const typeInto = (page, name, text) => enterNumber(label(page, name), text, { commit: 'Tab' });

/** The boxes over the diagram: each label line's text (measured from the text itself), neurons,
 *  bias squares and "more" buttons, and the drawing's own box. */
const diagramBoxes = (page) => page.evaluate(() => {
  const box = (r) => ({ x: r.left, y: r.top, w: r.width, h: r.height });
  const textBoxes = [];
  for (const span of document.querySelectorAll('.net-label')) {
    for (const node of span.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      textBoxes.push({ text: node.textContent, ...box(range.getBoundingClientRect()) });
    }
  }
  const all = (sel) => [...document.querySelectorAll(sel)].map((e) => ({ text: e.getAttribute('aria-label'), ...box(e.getBoundingClientRect()) }));
  return {
    labels: textBoxes, nodes: all('.net-node'), biases: all('.net-bias'), more: all('.net-more'),
    canvas: box(document.getElementById('netview').getBoundingClientRect()),
  };
});

const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Asserts that no label overlaps another label, a neuron, a bias square or a "more" button, that
 *  neurons and "more" buttons do not overlap each other, and that every label lies in the drawing. */
function assertNoOverlap({ labels, nodes, biases, more, canvas }, where) {
  assert.ok(labels.length > 0 && nodes.length > 0, `${where}: the diagram is drawn`);
  const solid = [...nodes, ...biases, ...more];
  for (const [k, a] of labels.entries()) {
    assert.ok(a.x >= canvas.x - 0.5 && a.x + a.w <= canvas.x + canvas.w + 0.5, `${where}: "${a.text}" lies inside the drawing`);
    for (const b of labels.slice(k + 1)) assert.ok(!overlap(a, b), `${where}: labels "${a.text}" and "${b.text}" overlap`);
    for (const b of solid) assert.ok(!overlap(a, b), `${where}: label "${a.text}" overlaps ${b.text}`);
  }
  const boxes = [...nodes, ...more];
  for (const [k, a] of boxes.entries()) {
    for (const b of boxes.slice(k + 1)) assert.ok(!overlap(a, b), `${where}: ${a.text} and ${b.text} overlap`);
  }
}

/** A screenshot of the diagram, centred in the window (clear of the sticky header). */
async function shoot(page, name) {
  await page.locator('.netwrap').evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await page.locator('.netwrap').screenshot({ path: join(SCREENSHOTS, name) });
}

/** The name of the focused element (its aria-label, label or text). */
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  return e?.getAttribute('aria-label') ?? e?.labels?.[0]?.textContent.trim() ?? e?.textContent.trim();
});
/** The caption of the map the Output plot shows ('' for the prediction). */
const caption = (page) => page.locator('#boundary').getAttribute('aria-description');

// --- labels ------------------------------------------------------------------------------------------

test('column labels overlap neither each other nor the neurons, at every size and depth', async () => {
  const page = await openPlayground(browser);
  let layers = 2;   // hidden layers of 16 units (8 drawn), added and removed with the page's buttons
  async function setLayers(n) {
    while (layers < n) { await button(page, 'Add layer').click(); layers++; }
    while (layers > n) { await button(page, 'Remove layer').click(); layers--; }
    if (n >= 6 && await label(page, 'Layer 6 activation').inputValue() !== 'leaky_relu') {
      await label(page, 'Layer 6 activation').selectOption({ label: 'Leaky ReLU' });   // the longest name
    }
  }
  const sizes = [[1920, 1080], [1440, 900], [1280, 720], [1024, 768], [768, 1024], [390, 844]];
  for (const [s, [width, height]] of sizes.entries()) {
    await page.setViewportSize({ width, height });
    for (const n of s % 2 ? [8, 6, 2] : [2, 6, 8]) {   // there and back: few changes
      await setLayers(n);
      await page.mouse.move(0, 0);   // no tooltip: the diagram may have moved under the pointer
      await diagramFits(page, width);
      await drawn(page, 8 * n + 1);
      await page.waitForFunction((k) => document.querySelectorAll('.net-node').length === k, 8 * n + 1 + 2);
      assertNoOverlap(await diagramBoxes(page), `${width}×${height}, ${n} layers`);
      if (width <= 768 && n >= 6) await shoot(page, `diagram-${width}-${n}layers.png`);
    }
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});

// --- a wide layer ---------------------------------------------------------------------------------------

test('every neuron of a 64-unit layer can be reached and shows its map, by keyboard and by mouse', async () => {
  const page = await openPlayground(browser);
  await page.setViewportSize({ width: 1440, height: 900 });
  await typeInto(page, 'Layer 1 units', '64');
  await drawn(page, 8 + 8 + 1);
  await button(page, 'Step epoch').click();   // maps of a trained network
  await page.waitForFunction(() => /Epoch\s+1\b/.test(document.querySelector('[role=status]').innerText));

  // keyboard: the diagram is one tab stop; the arrows slide the layer's window down to neuron 40
  await page.getByRole('checkbox', { name: 'Show test data' }).focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Input x₁');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Layer 1 neuron 1');
  for (let k = 0; k < 39; k++) await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Layer 1 neuron 40');
  await page.waitForFunction(() => document.getElementById('boundary').getAttribute('aria-description') === 'Layer 1 neuron 40 · Tanh');
  assert.equal(await page.locator('.net-node[data-c="1"]').count(), 8, 'still eight drawn');
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Layer 1 neuron 64');
  await page.keyboard.press('PageUp');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Layer 1 neuron 56');
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Layer 1 neuron 1');
  // Tab leaves the diagram at once
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'x₁', 'the first Inputs checkbox');

  // mouse: the button under the layer shows its next eight neurons, four times; then hover neuron 40
  assert.equal(await page.locator('.net-more').first().innerText(), '+56');
  const show = (from) => page.getByRole('button', { name: `Show neurons ${from} to ${from + 7} of layer 1 (of 64), ${64 - from + 1} more`, exact: true });
  for (const from of [9, 17, 25, 33]) await show(from).click();
  const n40 = button(page, 'Layer 1 neuron 40');
  await n40.hover();
  await page.waitForFunction(() => document.getElementById('boundary').getAttribute('aria-description') === 'Layer 1 neuron 40 · Tanh');
  await shoot(page, 'diagram-64-neuron40.png');
  await page.mouse.move(5, 5);
  await page.waitForFunction(() => !document.getElementById('boundary').getAttribute('aria-description'));
  // 41–48, 49–56, 57–64: each click by name, so none lands on a button the previous one replaced
  for (const from of [41, 49, 57]) await show(from).click();
  const back = button(page, 'Back to neurons 1 to 8 of layer 1 (of 64)');
  assert.equal(await back.innerText(), '▲');
  await back.click();
  await button(page, 'Layer 1 neuron 1').waitFor();
  assert.equal(await caption(page), '');
  assert.deepEqual(page.problems, []);
  await page.close();
});

// --- weights by keyboard, and the skip link ------------------------------------------------------------

test('a skip link crosses the diagram; every weight can be read and edited by keyboard', async () => {
  const page = await openPlayground(browser, '#layers=3tanh');
  await drawn(page, 3 + 1);
  const before = JSON.parse(await download(page, 'Export model'));
  // from the last Data control, Tab reaches the skip link, shown; Enter moves to the first input
  await page.getByRole('checkbox', { name: 'Show test data' }).focus();
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Skip the network diagram');
  const skip = page.getByRole('link', { name: 'Skip the network diagram' });
  assert.ok((await skip.boundingBox()).width > 50, 'visible while focused');
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'x₁');
  assert.equal(await page.evaluate(() => document.activeElement.closest('[data-field]')?.dataset.field), 'features');

  // Shift+Tab back: one stop for the whole diagram, then the skip link
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), 'Input x₁');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), 'Skip the network diagram');

  // a neuron's weights: Tab in, → to layer 1 neuron 2, Enter lists its weights and bias
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), 'Layer 1 neuron 2');
  await page.keyboard.press('Enter');
  const panel = page.getByRole('region', { name: 'Layer 1 neuron 2 · Tanh: its weights and bias' });
  await panel.waitFor();
  const w = panel.getByRole('spinbutton', { name: 'Weight from x₂ to layer 1 neuron 2' });
  assert.equal(Number(await w.inputValue()), Number(before.weights[0][1 * 2 + 1].toPrecision(6)), 'the network’s value');

  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Weight from x₁ to layer 1 neuron 2');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Weight from x₂ to layer 1 neuron 2');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2.5');
  await page.keyboard.press('Enter');
  assert.equal(await w.inputValue(), '2.5');
  assert.equal(await w.getAttribute('aria-invalid'), null);

  // not a number the network can hold: said beside the field, nothing sent; Escape restores
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1e39');
  await page.keyboard.press('Enter');
  assert.equal(await w.getAttribute('aria-invalid'), 'true');
  assert.match(await panel.locator('.field-note:not([hidden])').innerText(), /Too large/);
  await page.keyboard.press('Escape');
  assert.equal(await w.inputValue(), '2.5');
  assert.equal(await w.getAttribute('aria-invalid'), null);

  // the bias, last in the list, the same way
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Bias of layer 1 neuron 2');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('-0.75');
  await page.keyboard.press('Tab');   // leaving the field applies it too
  assert.equal(await focused(page), 'Close');
  // the network holds both, as its exported file shows
  await eventually(async () => {
    const m = JSON.parse(await download(page, 'Export model'));
    assert.deepEqual([m.weights[0][3], m.biases[0][1]], [2.5, -0.75]);
  });
  await page.locator('.panel.network').screenshot({ path: join(SCREENSHOTS, 'diagram-weights-panel.png') });

  // the network panel with the weights panel open breaks no accessibility rule
  await page.addScriptTag({ content: AXE });
  const { violations } = await page.evaluate(() => window.axe.run(document.querySelector('.panel.network')));
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);

  // Close: the panel goes, focus returns to the neuron
  await panel.getByRole('button', { name: 'Close' }).click();
  await panel.waitFor({ state: 'hidden' });
  assert.equal(await focused(page), 'Layer 1 neuron 2');
  // Enter opens it again, Escape lets go
  await page.keyboard.press('Enter');
  await panel.waitFor();
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'hidden' });
  assert.deepEqual(page.problems, []);
  await page.close();
});
